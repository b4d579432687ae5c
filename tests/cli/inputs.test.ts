import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredHtmlCharset, decodeText, looksBinary } from '../../cli/decode';
import { collectInputs, normalizeDate, parseJsonl, readInput } from '../../cli/inputs';
import { encodeLegacy, encodeUtf16, encodeUtf8 } from './legacy-encode';

/** The encoders the tests need, by the names iconv-lite gave them. */
const encode = (text: string, enc: 'utf8' | 'gbk' | 'gb18030' | 'utf16le' | 'utf16be', opts: { addBOM?: boolean } = {}): Uint8Array =>
  enc === 'utf8' ? encodeUtf8(text, opts.addBOM) : enc === 'utf16le' ? encodeUtf16(text, 'le', opts.addBOM) : enc === 'utf16be' ? encodeUtf16(text, 'be', opts.addBOM) : encodeLegacy(text, 'gbk');

const SAMPLE = '中共江苏常州经济开发区社会事业局委员会文件\n常经社委〔2024〕4号\n2024年党建工作要点：落实“三会一课”。';
/** Pure Chinese without ASCII: BOM-less UTF-16 then has no NUL bytes to betray it. */
const PURE = '中华人民共和国国务院政府工作报告各位代表现在我代表国务院向大会报告政府工作请予审议';

describe('decodeText', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['gbk', 'gb18030'],
    ['gb18030', 'gb18030'],
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ] as const)('detects %s without a BOM', (enc, expected) => {
    const d = decodeText(encode(SAMPLE, enc));
    expect(d.encoding).toBe(expected);
    expect(d.text).toBe(SAMPLE);
  });

  it.each([
    ['utf8', 'utf-8'],
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ] as const)('trusts a %s BOM and drops it from the text', (enc, expected) => {
    const d = decodeText(encode(SAMPLE, enc, { addBOM: true }));
    expect(d).toMatchObject({ encoding: expected, how: 'bom' });
    expect(d.text).toBe(SAMPLE);
  });

  it('tells BOM-less UTF-16 of pure Chinese from GB18030 by plausibility', () => {
    expect(decodeText(encode(PURE, 'utf16le')).text).toBe(PURE);
    expect(decodeText(encode(PURE, 'utf16be')).text).toBe(PURE);
    expect(decodeText(encode(PURE, 'gbk')).text).toBe(PURE);
  });

  it('decodes empty input as empty UTF-8', () => {
    expect(decodeText(new Uint8Array())).toMatchObject({ text: '', encoding: 'utf-8' });
  });

  it('reads an HTML page declared as GB2312 with GB18030', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${SAMPLE}</body></html>`;
    const bytes = encode(html, 'gbk');
    expect(declaredHtmlCharset(bytes)).toBe('gb18030');
    expect(decodeText(bytes, declaredHtmlCharset(bytes)).text).toBe(html);
    expect(declaredHtmlCharset(Buffer.from('<meta charset="UTF-8">'))).toBe('utf-8');
    expect(declaredHtmlCharset(Buffer.from('<p>no meta</p>'))).toBeNull();
  });
});

describe('parseJsonl', () => {
  it('reads content or text and the given metadata; warns file:line for bad lines and goes on', () => {
    const warnings: string[] = [];
    const lines = [
      JSON.stringify({ title: '标题', year: '2019', org: '国务院', url: 'https://x/1', date: '2019年3月5日', content: '正文一' }),
      '{"content": "cut off',
      '',
      '[1, 2]',
      JSON.stringify({ title: 'no text' }),
      JSON.stringify({ text: '正文二', year: 'n/a' }),
      // A literal "__proto__" key (JSON.parse makes it an own property) must not pollute anything.
      '{"__proto__": {"polluted": true}, "content": "   ", "text": "正文三", "org": {"x": 1}}',
    ];
    const docs = parseJsonl('in/a.jsonl', lines.join('\r\n'), (m) => warnings.push(m));
    expect(docs.map((d) => [d.source, d.text])).toEqual([
      ['in/a.jsonl#1', '正文一'],
      ['in/a.jsonl#6', '正文二'],
      ['in/a.jsonl#7', '正文三'],
    ]);
    expect(docs[0]?.given).toEqual({ title: '标题', year: 2019, org: '国务院', url: 'https://x/1', date: '2019-03-05' });
    expect(docs[1]?.given).toEqual({});
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/^in\/a\.jsonl:2: not valid JSON/);
    expect(warnings[1]).toMatch(/^in\/a\.jsonl:4: not a JSON object/);
    expect(warnings[2]).toMatch(/^in\/a\.jsonl:5: no "content" or "text"/);
    expect(warnings[3]).toMatch(/^in\/a\.jsonl:6: "year" "n\/a" is not a year/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('yields nothing for an empty file', () => {
    expect(parseJsonl('e.jsonl', '', () => {})).toEqual([]);
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2024-3-5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024.3.15', '2024-03-15'],
    ['2024年3月15日', '2024-03-15'],
    ['二〇二四年三月二十二日', '2024-03-22'],
    ['2025-02-21 18:03', '2025-02-21'],
    ['2024-02-29', '2024-02-29'],
    // Not a calendar day, or not a whole date: nothing, so extraction fills the date from the text.
    ['2024年', ''],
    ['March 2024', ''],
    ['2024-13-45', ''],
    ['2023-02-29', ''],
    ['2024-04-31', ''],
    ['', ''],
    ['__proto__', ''],
  ])('%s → %s', (input, expected) => expect(normalizeDate(input)).toBe(expected));

  it('a jsonl date that is no calendar day is dropped with one warning naming file:line and the value', () => {
    const warnings: string[] = [];
    const lines = [
      JSON.stringify({ content: '正文一', date: '2024-13-45' }),
      JSON.stringify({ content: '正文二', date: 'March 2024' }),
      JSON.stringify({ content: '正文三', date: '2024年3月5日' }),
    ];
    const docs = parseJsonl('in/d.jsonl', lines.join('\n'), (m) => warnings.push(m));
    expect(docs.map((d) => d.given)).toEqual([{}, {}, { date: '2024-03-05' }]);
    expect(warnings).toEqual([
      'in/d.jsonl:1: "date" "2024-13-45" is not a calendar date; ignored',
      'in/d.jsonl:2: "date" "March 2024" is not a calendar date; ignored',
    ]);
  });
});

describe('collectInputs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tifa-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'b', 'c'), { recursive: true });
  mkdirSync(path.join(dir, '.git'));
  for (const f of ['a.TXT', 'b/page.htm', 'b/c/lines.jsonl', 'b/image.png', '.hidden.txt', '.git/x.txt', 'notes']) {
    writeFileSync(path.join(dir, f), 'x');
  }

  it('walks folders in name order, by extension, skipping others with a list and dot-files silently', async () => {
    const { files, skipped } = await collectInputs([dir, path.join(dir, 'a.TXT')]);
    const rel = (p: string) => path.relative(dir, p);
    expect(files.map((f) => [rel(f.path), f.format])).toEqual([
      ['a.TXT', 'txt'],
      ['b/c/lines.jsonl', 'jsonl'],
      ['b/page.htm', 'html'],
    ]);
    expect(skipped.map((s) => rel(s.source))).toEqual(['b/image.png', 'notes']);
  });

  it('skips a missing path with its reason instead of aborting', async () => {
    const missing = path.join(dir, 'nope');
    const { files, skipped } = await collectInputs([missing, path.join(dir, 'a.TXT')]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.TXT']);
    expect(skipped).toEqual([{ source: missing, reason: 'no such file or folder', unreadable: true }]);
  });
});

describe('binary files with a text extension', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tifa-binary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A PNG header and chunk, as an image renamed .txt starts.
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082', 'hex');
  const files: Record<string, Uint8Array> = {
    'tiny.txt': Buffer.from('\x00\x01\x02binary', 'latin1'),
    'image.txt': PNG,
    'zeros.jsonl': new Uint8Array(512),
    'page.html': PNG,
    'utf16.txt': encode(SAMPLE, 'utf16le'),
    'utf16be-bom.txt': encode(SAMPLE, 'utf16be', { addBOM: true }),
    'gbk.txt': encode(SAMPLE, 'gbk'),
    'formfeed.txt': Buffer.from('第一页\f第二页\t表格\r\n', 'utf8'),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);

  it.each([
    ['tiny.txt', 'txt'],
    ['image.txt', 'txt'],
    ['zeros.jsonl', 'jsonl'],
    ['page.html', 'html'],
  ] as const)('%s: skipped with one warning naming it', async (name, format) => {
    const warnings: string[] = [];
    const p = path.join(dir, name);
    expect(await readInput({ path: p, format }, (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toEqual([`${p}: binary data, not text; skipped`]);
  });

  it.each(['utf16.txt', 'utf16be-bom.txt', 'gbk.txt'])('%s: real text (NUL bytes of UTF-16 included) is read', async (name) => {
    const warnings: string[] = [];
    const docs = await readInput({ path: path.join(dir, name), format: 'txt' }, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(docs.map((d) => d.text)).toEqual([SAMPLE]);
  });

  it('looksBinary: share of control and replacement characters after decoding', () => {
    expect(looksBinary('')).toBe(false);
    expect(looksBinary(SAMPLE)).toBe(false);
    expect(looksBinary('第一页\f第二页\t表格\r\n')).toBe(false);
    expect(looksBinary('\u0000\u0001\u0002正文')).toBe(true);
    expect(looksBinary('正文'.repeat(20) + '\uFFFD'.repeat(2))).toBe(false);
    expect(looksBinary('正文'.repeat(5) + '\uFFFD'.repeat(2))).toBe(true);
  });
});
