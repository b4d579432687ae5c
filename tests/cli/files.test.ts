// PDF and Word files through the CLI, end to end: main() in this process (as cli.test.ts) over a
// folder of the file readers' fixtures (tests/fixtures/files) and files whose names lie about them,
// then documents.csv, texts/, structure.csv and skipped.csv read back. The packed bin reads a PDF and
// a .docx too, in package.test.ts (pdfjs-dist and mammoth as installed dependencies).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalReason } from '../../analysis/files';
import { main } from '../../cli/main';
import { parseCsv } from '../helpers/csv';

const FILES = path.join(import.meta.dirname, '../fixtures/files');
const SEED = path.join(import.meta.dirname, '../fixtures/cli/mixed/000_seed_utf8.txt');

/** One in-process run with one job (as in cli.test.ts: the pool is parallel.test.ts's to prove). */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  if (args[0] === 'analyze' && !args.includes('--jobs')) args = [...args, '--jobs', '1'];
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** A CSV file read back as rows of named cells. */
function readRows(file: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('tifa-lens analyze on PDF and Word files', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tifa-cli-files-'));
  const dir = path.join(tmp, 'in');
  const out = path.join(tmp, 'out');
  const at = (name: string) => path.join(dir, name);
  let result: Awaited<ReturnType<typeof run>>;
  let docs: Record<string, string>[];
  const doc = (name: string) => docs.find((d) => d.source === at(name));
  const text = (id: string) => readFileSync(path.join(out, 'texts', `${id}.txt`), 'utf8');

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    for (const name of ['two-pages.pdf', 'notice.docx', 'scan.pdf', 'old-word.doc']) copyFileSync(path.join(FILES, name), at(name));
    copyFileSync(SEED, at('seed.txt'));
    // Names that lie: the bytes decide.
    copyFileSync(path.join(FILES, 'old-word.doc'), at('renamed-doc.docx'));
    copyFileSync(path.join(FILES, 'old-word.doc'), at('writer.wps'));
    copyFileSync(path.join(FILES, 'two-pages.pdf'), at('attachment.html'));
    // What a server sends for a missing attachment, saved under the attachment's name.
    writeFileSync(at('gone.pdf'), '<!DOCTYPE html><html><head><title>404</title></head><body><h1>页面不存在</h1></body></html>');
    writeFileSync(at('cut.pdf'), readFileSync(path.join(FILES, 'two-pages.pdf')).subarray(0, 3000));
    result = await run(['analyze', dir, '--out', out]);
    docs = readRows(path.join(out, 'documents.csv'));
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('exits 0 and analyses the PDF, the .docx, the PDF named .html and the text file', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(docs.map((d) => path.basename(d.source ?? ''))).toEqual(['attachment.html', 'notice.docx', 'seed.txt', 'two-pages.pdf']);
    expect(result.stderr).toMatch(/analysed 4 documents from 10 files/);
  });

  it('the PDF: title, date and type read from its text; running header and page numbers gone, the broken word joined', () => {
    const pdf = doc('two-pages.pdf')!;
    expect(pdf).toMatchObject({ title: '某市2024年优化营商环境工作要点', date: '2024-03-05', year: '2024', doc_type: '工作要点', org: '某市人民政府办公室' });
    const body = text(pdf.id!);
    expect(body.split('中国式现代化')).toHaveLength(2);
    expect(body).not.toContain('某市人民政府公报');
    expect(body).not.toMatch(/—\s*\d\s*—/);
    expect(Number(pdf.chars)).toBe(body.replace(/\s/g, '').length);
    // The same PDF under an .html name is the same document.
    expect(text(doc('attachment.html')!.id!)).toBe(body);
  });

  it('the .docx: title, 文号, issuer and date; its headings in structure.csv', () => {
    const docx = doc('notice.docx')!;
    expect(docx).toMatchObject({
      title: '关于印发《2024年数字经济发展工作要点》的通知',
      doc_number: '某经信发〔2024〕4号',
      org: '某市经济和信息化局',
      date: '2024-03-05',
      year: '2024',
    });
    const headings = readRows(path.join(out, 'structure.csv')).filter((r) => r.doc_id === docx.id);
    expect(headings.map((h) => [h.level, h.marker, h.heading])).toEqual([
      ['1', '一、', '总体要求'],
      ['2', '（一）', '强化统筹协调'],
      ['2', '（二）', '加强要素保障'],
      ['1', '二、', '重点任务'],
    ]);
  });

  it('refused files: a skipped.csv row each with the reader’s reason, and one warning line naming each', () => {
    const expected: [string, string][] = [
      [at('cut.pdf'), refusalReason('pdf-damaged')],
      [at('gone.pdf'), refusalReason('pdf-damaged')],
      [at('old-word.doc'), refusalReason('old-word-format')],
      [at('renamed-doc.docx'), refusalReason('old-word-format')],
      [at('scan.pdf'), refusalReason('pdf-no-text')],
      [at('writer.wps'), refusalReason('old-word-format')],
    ];
    const skipped = readRows(path.join(out, 'skipped.csv')).map((r) => [r.source, r.reason]);
    expect(skipped.sort()).toEqual(expected.sort());
    expect(refusalReason('pdf-no-text')).toMatch(/^a scan: no text layer/);
    const warnings = result.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    for (const [source, reason] of expected) {
      const lines = warnings.filter((w) => w.startsWith(`warning: ${source}: `));
      expect(lines, source).toHaveLength(1);
      expect(lines[0], source).toContain(reason);
      expect(lines[0], source).toMatch(/; skipped$/);
    }
    // Besides the refusals, only the note that the PDF named .html is the same text as the PDF.
    expect(warnings.filter((w) => !expected.some(([s]) => w.startsWith(`warning: ${s}: `)))).toEqual([
      expect.stringMatching(/two-pages\.pdf duplicates .*attachment\.html \(identical text\)/),
    ]);
  });

  it('a run where every file is refused: exit 1, one line saying so', async () => {
    const only = path.join(tmp, 'only-refused');
    mkdirSync(only);
    copyFileSync(path.join(FILES, 'scan.pdf'), path.join(only, 'scan.pdf'));
    copyFileSync(path.join(FILES, 'old-word.doc'), path.join(only, 'old.doc'));
    const r = await run(['analyze', only, '--out', path.join(tmp, 'out2'), '-q']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('warning: '))).toHaveLength(2);
    expect(lines.filter((l) => !l.startsWith('warning: '))).toEqual([expect.stringMatching(/^tifa-lens: no documents with text in \S*only-refused$/)]);
  });
});
