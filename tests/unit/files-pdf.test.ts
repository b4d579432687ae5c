import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FileReadError } from '../../analysis/files/errors';
import { readPdf } from '../../analysis/files/pdf';
import { layoutPages, type PdfLine } from '../../analysis/files/pdf-layout';
import { nodePdf } from '../helpers/pdfjs-node';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/files');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

const count = (text: string, part: string) => text.split(part).length - 1;

async function refusal(p: Promise<unknown>): Promise<FileReadError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileReadError);
  return err as FileReadError;
}

describe('readPdf on a two-page text PDF', () => {
  it('joins the word broken across the page break, once', async () => {
    const r = await readPdf(fixture('two-pages.pdf'), nodePdf);
    expect(r.pages).toBe(2);
    expect(count(r.document.text, '中国式现代化')).toBe(1);
    expect(r.document.text).toContain('为奋力谱写中国式现代化建设的本市篇章提供有力支撑。');
    expect(r.document.text).not.toMatch(/现代\n化/);
  });

  it('removes the running header printed on both pages and the page numbers', async () => {
    const r = await readPdf(fixture('two-pages.pdf'), nodePdf);
    expect(r.document.text).not.toContain('某市人民政府公报');
    expect(r.document.text).not.toMatch(/—\s*\d\s*—/);
    expect(r.document.removed.filter((x) => x.rule === 'running-header').map((x) => x.text)).toEqual(['某市人民政府公报', '某市人民政府公报']);
    expect(r.document.removed.filter((x) => x.rule === 'page-number')).toHaveLength(2);
  });

  it('keeps both pages in order, paragraphs one a line, and reads the metadata', async () => {
    const r = await readPdf(fixture('two-pages.pdf'), nodePdf);
    const lines = r.document.text.split('\n');
    expect(lines[0]).toBe('某市2024年优化营商环境工作要点');
    const page1 = r.document.text.indexOf('一、总体要求');
    const page2 = r.document.text.indexOf('二、重点任务');
    expect(page1).toBeGreaterThan(0);
    expect(page2).toBeGreaterThan(page1);
    // A paragraph wrapped over two lines on page 1 is one line again.
    expect(lines).toContain('各区人民政府，市各委、办、局，市各直属单位：现将本市2024年优化营商环境工作要点印发给你们，请认真贯彻执行。');
    expect(lines.slice(-2)).toEqual(['某市人民政府办公室', '2024年3月5日']);
    expect(r.document.metadata).toMatchObject({ title: '某市2024年优化营商环境工作要点', date: '2024-03-05', docType: '工作要点' });
    expect(r.warnings).toEqual([]);
  });

  it('leaves the caller’s bytes whole (the original is kept and hashed)', async () => {
    const bytes = fixture('two-pages.pdf');
    const before = Buffer.from(bytes).toString('base64');
    await readPdf(bytes, nodePdf);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });

  it('reports progress page by page and stops when cancelled', async () => {
    const seen: number[] = [];
    await readPdf(fixture('two-pages.pdf'), { ...nodePdf, onPage: (n) => seen.push(n) });
    expect(seen).toEqual([1, 2]);
    const ctl = new AbortController();
    ctl.abort(new Error('cancelled'));
    await expect(readPdf(fixture('two-pages.pdf'), { ...nodePdf, signal: ctl.signal })).rejects.toThrow('cancelled');
  });
});

/** A PDF whose text uses a font that is not embedded (STSong-Light, UniGB-UCS2-H), as many Chinese PDFs do. */
async function nonEmbeddedCjkPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const descriptor = ctx.obj({ Type: 'FontDescriptor', FontName: 'STSong-Light', Flags: 6, FontBBox: [-25, -254, 1000, 880], ItalicAngle: 0, Ascent: 880, Descent: -120, CapHeight: 880, StemV: 93 });
  const cid = ctx.obj({
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: 'STSong-Light',
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('GB1'), Supplement: 4 },
    FontDescriptor: ctx.register(descriptor),
    DW: 1000,
  });
  const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'STSong-Light', Encoding: 'UniGB-UCS2-H', DescendantFonts: [ctx.register(cid)] }));
  const page = doc.addPage([595, 842]);
  page.node.setFontDictionary(PDFName.of('F1'), font);
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  page.pushOperators(...[]);
  const stream = ctx.stream(`BT /F1 12 Tf 72 700 Td <${hex}> Tj ET`);
  page.node.set(PDFName.of('Contents'), ctx.register(stream));
  return doc.save({ useObjectStreams: false });
}

describe('readPdf on a PDF with a non-embedded Chinese font', () => {
  it('reads its text through the character maps passed in', async () => {
    const r = await readPdf(await nonEmbeddedCjkPdf('关于印发工作要点的通知'), nodePdf);
    expect(r.document.text).toBe('关于印发工作要点的通知');
  });
});

describe('readPdf refusals', () => {
  it('refuses a scan (an image-only page) as pdf-no-text', async () => {
    const err = await refusal(readPdf(fixture('scan.pdf'), nodePdf));
    expect(err.code).toBe('pdf-no-text');
    expect(err.message).toMatch(/^a scan: no text layer — run OCR first/);
  });

  it('refuses a PDF that needs a password as pdf-encrypted', async () => {
    const doc = await PDFDocument.load(fixture('scan.pdf'));
    const ctx = doc.context;
    // The standard security handler with a user password nobody knows: pdf.js asks for it.
    const encrypt = ctx.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44, O: PDFHexString.of('11'.repeat(32)), U: PDFHexString.of('22'.repeat(32)) });
    ctx.trailerInfo.Encrypt = ctx.register(encrypt);
    ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
    const err = await refusal(readPdf(await doc.save({ useObjectStreams: false }), nodePdf));
    expect(err.code).toBe('pdf-encrypted');
    expect(err.message).toContain('password');
  });

  it.each([
    ['a PDF header and nothing else', new TextEncoder().encode('%PDF-1.7\nnot a pdf at all\n')],
    ['a PDF cut off after 3000 bytes', fixture('two-pages.pdf').subarray(0, 3000)],
  ])('refuses %s as pdf-damaged', async (_label, bytes) => {
    const err = await refusal(readPdf(bytes, nodePdf));
    expect(err.code).toBe('pdf-damaged');
    expect(err.message).not.toContain('\n');
  });
});

const line = (text: string, x0: number, x1: number, y: number, size = 12): PdfLine => ({ text, x0, x1, y, size });

describe('layoutPages', () => {
  it('needs a header at the same edge of two pages before removing it', () => {
    const one = layoutPages([[line('某省人民政府公报', 250, 340, 800, 10), line('正文第一段。', 96, 168, 760)]]);
    expect(one.text).toContain('某省人民政府公报');
    const two = layoutPages([
      [line('某省人民政府公报', 250, 340, 800, 10), line('正文第一段。', 96, 168, 760)],
      [line('正文第二段。', 96, 168, 760), line('某省人民政府公报', 250, 340, 40, 10)],
    ]);
    // Top of one page, bottom of the other: not the same running header.
    expect(two.text.split('\n')).toEqual(['某省人民政府公报', '正文第一段。', '正文第二段。', '某省人民政府公报']);
  });

  it('joins across a page break only when the line runs to the right edge and the next is not indented', () => {
    const full = '为深入贯彻落实党中央决策部署持续打造一流营商环境激发经营主体活力结合实际制定本要';
    const page = (first: PdfLine) => [first, line('二、其他事项', 96, 168, 739), line('推动高质量发展取得新成效，人民群众获得感不断增强，各项工作有序推进并取得', 72, 552, 718), line('完。', 72, 96, 697)];
    const joined = layoutPages([[line(full, 72, 552, 760)], page(line('点。', 72, 96, 760))]);
    expect(joined.text.split('\n')[0]).toBe(`${full}点。`);
    const indentedNext = layoutPages([[line(full, 72, 552, 760)], page(line('新段落。', 96, 144, 760))]);
    expect(indentedNext.text.split('\n').slice(0, 2)).toEqual([full, '新段落。']);
    const shortLast = layoutPages([[line(full, 72, 552, 760), line('短行', 72, 96, 739)], page(line('点。', 72, 96, 760))]);
    expect(shortLast.text.split('\n').slice(0, 3)).toEqual([`${full}短行`, '点。', '二、其他事项']);
  });

  it('does not join across a page without text (a scanned page in between)', () => {
    const full = '为深入贯彻落实党中央决策部署持续打造一流营商环境激发经营主体活力结合实际制定本要';
    const r = layoutPages([[line(full, 72, 552, 760)], [], [line('点。', 72, 96, 760)]]);
    expect(r.text.split('\n')).toEqual([full, '点。']);
  });
});
