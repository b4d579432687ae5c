// The decoder: every encoding Chinese documents come in, declarations honoured, damaged UTF-8 read
// as UTF-8 with a warning that counts the bad bytes, and a property test that no input makes it throw.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, declaredHtmlCharset, decodeText } from '../../cli/decode';
import { readInput } from '../../cli/inputs';
import { encodeLegacy, encodeUtf16, encodeUtf8 } from './legacy-encode';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cli/encodings');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string>;
const TRAD = EXPECTED['big5.txt']!;
const SIMP = EXPECTED['gbk.txt']!;

const concat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('decodeText reads each encoding', () => {
  it.each([
    // Files written by Python's codecs (see the README beside them).
    ['Big5 (fixture)', fixture('big5.txt'), 'big5', TRAD],
    ['GBK (fixture)', fixture('gbk.txt'), 'gb18030', SIMP],
    ['GB18030 four-byte characters (fixture)', fixture('gb18030.txt'), 'gb18030', EXPECTED['gb18030.txt']!],
    // Built here.
    ['Big5 built from code points', encodeLegacy(TRAD, 'big5'), 'big5', TRAD],
    ['UTF-8 without BOM', encodeUtf8(SIMP), 'utf-8', SIMP],
    ['UTF-8 with BOM', encodeUtf8(SIMP, true), 'utf-8', SIMP],
    ['UTF-16LE with BOM', encodeUtf16(TRAD, 'le', true), 'utf-16le', TRAD],
    ['UTF-16LE without BOM', encodeUtf16(TRAD, 'le'), 'utf-16le', TRAD],
    ['UTF-16BE with BOM', encodeUtf16(SIMP, 'be', true), 'utf-16be', SIMP],
    ['UTF-16BE without BOM', encodeUtf16(SIMP, 'be'), 'utf-16be', SIMP],
  ])('%s', (_name, bytes, encoding, text) => {
    const d = decodeText(bytes);
    expect(d).toMatchObject({ encoding, badBytes: 0 });
    expect(d.warning).toBeUndefined();
    expect(d.text).toBe(text);
  });

  it('a Big5 file goes through readInput with no warning and the right text', async () => {
    const warnings: string[] = [];
    const docs = await readInput({ path: path.join(FIXTURES, 'big5.txt'), format: 'txt' }, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.text, d.encoding])).toEqual([[TRAD, 'big5']]);
  });
});

describe('declared charsets are honoured', () => {
  it('a short Big5 page read by its <meta charset>', () => {
    const bytes = fixture('big5-meta.html');
    expect(declaredHtmlCharset(bytes)).toBe('big5');
    const d = decodeText(bytes, declaredHtmlCharset(bytes));
    expect(d).toMatchObject({ encoding: 'big5', how: 'declared', badBytes: 0 });
    expect(d.text).toContain('政府工作報告');
    // Too short for the detector: without the declaration it is read otherwise.
    expect(decodeText(bytes).text).not.toContain('政府工作報告');
  });

  it.each([
    ['<meta charset="gb2312">', 'gb18030'],
    ['<meta charset=GBK>', 'gb18030'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=big5">', 'big5'],
    ['<meta charset="UTF-8">', 'utf-8'],
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML reads it as UTF-8).
    ['<meta charset="utf-16">', 'utf-8'],
    ['<?xml version="1.0" encoding="GB18030"?><html>', 'gb18030'],
    ['<meta charset="no-such-charset">', null],
    ['<p>no declaration</p>', null],
  ])('%s → %s', (head, expected) => {
    expect(declaredHtmlCharset(encodeUtf8(head))).toBe(expected);
  });

  it('canonicalEncoding knows TextDecoder labels and nothing else', () => {
    expect(canonicalEncoding('x-gbk')).toBe('gb18030');
    expect(canonicalEncoding('cn-big5')).toBe('big5');
    expect(canonicalEncoding('latin1')).toBe('windows-1252');
    expect(canonicalEncoding('klingon')).toBeNull();
  });

  it('a BOM wins over a declaration', () => {
    const html = `<meta charset="gbk"><p>${SIMP}</p>`;
    const d = decodeText(encodeUtf16(html, 'le', true), 'gb18030');
    expect(d).toMatchObject({ encoding: 'utf-16le', how: 'bom' });
    expect(d.text).toBe(html);
  });
});

describe('damaged UTF-8 is read as UTF-8, with a warning counting the bad bytes', () => {
  const good = encodeUtf8(SIMP);
  const lastChinese = encodeUtf8(SIMP.trimEnd());
  it.each([
    ['one stray byte', concat(good.subarray(0, 30), [0xff], good.subarray(30)), undefined, 1],
    ['a cut last character', lastChinese.subarray(0, lastChinese.length - 2), undefined, 1],
    ['two stray bytes and a cut end', concat(good.subarray(0, 30), [0x80], good.subarray(30, 60), [0xc0], lastChinese.subarray(60, lastChinese.length - 1)), undefined, 4],
    ['a cut last character in HTML declaring utf-8', concat(encodeUtf8('<meta charset="utf-8"><p>'), lastChinese.subarray(0, lastChinese.length - 1)), 'utf-8', 2],
  ])('%s', (_name, bytes, declared, bad) => {
    const d = decodeText(bytes, declared);
    expect(d.encoding).toBe('utf-8');
    expect(d.badBytes).toBe(bad);
    expect(d.warning).toBe(`${bad} byte${bad === 1 ? '' : 's'} not valid UTF-8, shown as \uFFFD; read as UTF-8`);
    expect(d.text).toContain('常经社委〔2024〕4号\n关于印发《2024年党建工作要点》的通知');
    expect(d.text.split('\uFFFD').length - 1).toBeGreaterThan(0);
  });

  it('readInput names the file and the count', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tifa-decode-'));
    try {
      const file = path.join(dir, 'damaged.txt');
      writeFileSync(file, concat(good.subarray(0, 30), [0xff], good.subarray(30)));
      const warnings: string[] = [];
      const docs = await readInput({ path: file, format: 'txt' }, (m) => warnings.push(m));
      expect(warnings).toEqual([`${file}: 1 byte not valid UTF-8, shown as \uFFFD; read as UTF-8`]);
      expect(docs).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a fallback encoding only when clearly more plausible, with a warning', () => {
  it('a page declaring utf-8 whose bytes are GBK is read as GB18030, saying so', () => {
    const bytes = concat(encodeUtf8('<meta charset="utf-8"><p>'), encodeLegacy(SIMP, 'gbk'));
    const d = decodeText(bytes, declaredHtmlCharset(bytes));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toContain(SIMP);
    expect(d.warning).toMatch(/^declares UTF-8 but \d+ bytes of \d+ non-ASCII are not valid UTF-8; read as GB18030$/);
  });

  it('a page declaring GBK whose bytes are valid UTF-8 is read as UTF-8, saying so', () => {
    const bytes = encodeUtf8(`<meta charset="gbk"><p>${SIMP}</p>`);
    const d = decodeText(bytes, declaredHtmlCharset(bytes));
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain(SIMP);
    expect(d.warning).toBe('declares GB18030 but is valid UTF-8; read as UTF-8');
  });

  it('bytes valid in no encoding stay UTF-8 with every bad byte counted', () => {
    const d = decodeText(new Uint8Array(40).fill(0xff));
    expect(d).toMatchObject({ encoding: 'utf-8', badBytes: 40 });
    expect(d.warning).toBe('40 bytes not valid UTF-8 (nor GB18030), shown as \uFFFD; read as UTF-8');
  });
});

describe('decodeText on any bytes (property)', () => {
  const DECLARED = [undefined, null, 'utf-8', 'gb18030', 'big5', 'utf-16le', 'windows-1252'];

  it('never throws; at most one character per byte; warns exactly when bytes were bad', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...DECLARED), (bytes, declared) => {
        const d = decodeText(bytes, declared);
        expect(d.text.length).toBeLessThanOrEqual(bytes.length);
        expect(d.badBytes).toBeGreaterThanOrEqual(0);
        if (d.badBytes > 0) expect(d.warning).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('any text without NUL or a leading BOM round-trips through UTF-8 without a warning', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!text.includes('\u0000') && !text.startsWith('\uFEFF'));
        const d = decodeText(encodeUtf8(text));
        expect(d).toMatchObject({ text, encoding: 'utf-8', badBytes: 0 });
        expect(d.warning).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
