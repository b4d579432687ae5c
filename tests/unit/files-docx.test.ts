import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FileReadError } from '../../analysis/files/errors';
import { readDocx } from '../../analysis/files/docx';
import { readFileBytes } from '../../analysis/files/index';
import { extractMetadata } from '../../analysis/metadata';
import { extractOutline } from '../../analysis/structure';
import { nodePdf } from '../helpers/pdfjs-node';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/files');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;

async function refusal(p: Promise<unknown>): Promise<FileReadError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileReadError);
  return err as FileReadError;
}

describe('readDocx on a notice', () => {
  it('gives its title and its 文号 as metadata reads them', async () => {
    const r = await readDocx(fixture('notice.docx'), { parseHtml });
    expect(r.document.metadata.title).toBe('关于印发《2024年数字经济发展工作要点》的通知');
    expect(r.document.metadata.docNumber).toEqual({ text: '某经信发〔2024〕4号', agency: '某经信发', year: 2024, number: '4' });
    expect(r.document.metadata.date).toBe('2024-03-05');
    // The same reading straight from the cleaned text: nothing DOCX-specific decided it.
    expect(extractMetadata(r.document.text).docNumber?.text).toBe('某经信发〔2024〕4号');
  });

  it('keeps Word headings as lines, found by the outline at their levels', async () => {
    const r = await readDocx(fixture('notice.docx'), { parseHtml });
    expect(r.html).toContain('<h1>一、总体要求</h1>');
    expect(r.html).toContain('<h2>（一）强化统筹协调</h2>');
    expect(extractOutline(r.document.text).map((h) => [h.level, h.marker, h.text])).toEqual([
      [1, '一、', '总体要求'],
      [2, '（一）', '强化统筹协调'],
      [2, '（二）', '加强要素保障'],
      [1, '二、', '重点任务'],
    ]);
    expect(r.document.text.split('\n')).toContain('一、总体要求');
  });

  it('leaves the caller’s bytes whole', async () => {
    const bytes = fixture('notice.docx');
    const before = Buffer.from(bytes).toString('base64');
    await readDocx(bytes, { parseHtml });
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });
});

describe('old Word and WPS files are refused by their signature', () => {
  it.each([
    ['a .doc', 'old-word.doc'],
    ['a .wps', 'old-word.wps'],
    ['a .doc renamed .docx', 'renamed.docx'],
  ])('%s', async (_label, name) => {
    const err = await refusal(readFileBytes(fixture('old-word.doc'), name, { ...nodePdf, parseHtml }));
    expect(err.code).toBe('old-word-format');
    expect(err.message).toBe('an old Word/WPS format — save it as .docx or PDF, and import that');
    const direct = await refusal(readDocx(fixture('old-word.doc'), { parseHtml, name }));
    expect(direct.code).toBe('old-word-format');
  });
});

describe('readDocx refusals', () => {
  it('refuses a ZIP without word/document.xml', async () => {
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    expect((await refusal(readDocx(zip, { parseHtml }))).code).toBe('docx-damaged');
  });

  it('refuses a Word package whose main part is not WordprocessingML', async () => {
    const zip = zipSync({ 'word/document.xml': strToU8('this is not xml <<<'), '[Content_Types].xml': strToU8('<Types/>') });
    expect((await refusal(readDocx(zip, { parseHtml }))).code).toBe('docx-damaged');
  });
});

describe('readFileBytes', () => {
  it('reads a PDF and a DOCX into documents and hands text formats back', async () => {
    const pdf = await readFileBytes(fixture('two-pages.pdf'), 'a.pdf', { ...nodePdf, parseHtml });
    expect(pdf.kind === 'document' && pdf.file.document.metadata.title).toBe('某市2024年优化营商环境工作要点');
    const docx = await readFileBytes(fixture('notice.docx'), 'b.docx', { ...nodePdf, parseHtml });
    expect(docx.kind === 'document' && docx.format).toBe('docx');
    expect(await readFileBytes(strToU8('正文'), 'c.txt', {})).toEqual({ kind: 'text', format: 'txt' });
  });

  it('refuses a scan and an image with their codes', async () => {
    expect((await refusal(readFileBytes(fixture('scan.pdf'), 'scan.pdf', { ...nodePdf, parseHtml }))).code).toBe('pdf-no-text');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await refusal(readFileBytes(png, 'photo.png', {}))).code).toBe('unsupported');
  });
});
