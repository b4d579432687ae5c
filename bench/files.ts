// Speed of the file readers: pages per second of the PDF reader on a long PDF generated with a
// CJK font (200 distinct pages sharing one font, running header, page numbers, wrapped paragraphs),
// and documents per second of the DOCX reader; then a 1,000-file import as the dashboard runs it
// (runImport: one file at a time through the reader, batches written through the library service
// with their originals), in Node with fake-indexeddb and the reader in this thread.  npm run bench:files

import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDocx } from '../analysis/files/docx';
import { readPdf } from '../analysis/files/pdf';
import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { openDatabase } from '../utils/db';
import { runImport, type FromImportWorker, type ImportSource, type ImportWorkerLike } from '../utils/import';
import { readImportFile } from '../utils/import-read';
import { sha256Hex } from '../utils/import-common';

const FIXTURES = path.join(import.meta.dirname, '../tests/fixtures/files');
const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const documentOptions = { cMapUrl: `${path.join(root, 'cmaps')}/`, cMapPacked: true, standardFontDataUrl: `${path.join(root, 'standard_fonts')}/` };

const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const POOL =
  '为深入贯彻落实党中央国务院关于优化营商环境的决策部署持续打造市场化法治化国际化一流营商环境激发各类经营主体活力结合本市实际制定本工作要点' +
  '各区各部门要提高政治站位把优化营商环境作为推动高质量发展的重要抓手坚持问题导向目标导向和结果导向加快转变政府职能持续深化放管服改革';

/** A long PDF of distinct pages sharing one font, laid out like the fixture (header, 40-character lines, footer). */
async function longPdf(pages: number, firstSeed = 12345): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit({ create: (buf: Uint8Array) => fontkit.create(buf, 'NotoSansCJKsc-Regular') } as unknown as typeof fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const chars = [...POOL];
  let seed = firstSeed;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText('某市人民政府公报', { x: 255, y: 800, size: 10.5, font });
    for (let y = 760, i = 0; y > 90; y -= 21, i++) {
      let line = '';
      for (let c = 0; c < (i % 8 === 0 ? 38 : 40); c++) line += chars[next() % chars.length];
      if (i % 8 === 7) line = `${line.slice(0, 20)}。`;
      page.drawText(line, { x: i % 8 === 0 ? 96 : 72, y, size: 12, font });
    }
    page.drawText(`— ${n} —`, { x: 280, y: 40, size: 10.5, font });
  }
  return doc.save();
}

if (!existsSync(FONT)) {
  console.log(`bench:files skipped: no CJK font at ${FONT}`);
  process.exit(0);
}
const bytes = await longPdf(200);
await readPdf(bytes, { pdfjs, documentOptions }); // warm-up
const runs = 3;
let best = Infinity;
let pages = 0;
let chars = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = await readPdf(bytes, { pdfjs, documentOptions });
  best = Math.min(best, performance.now() - t0);
  pages = r.pages;
  chars = r.document.text.length;
}
console.log(`pdf: ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KiB, ${chars} chars cleaned: best of ${runs} ${best.toFixed(0)} ms = ${((pages * 1000) / best).toFixed(0)} pages/s`);

const docx = new Uint8Array(readFileSync(path.join(FIXTURES, 'notice.docx')));
const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;
const n = 50;
const t0 = performance.now();
for (let i = 0; i < n; i++) await readDocx(docx, { parseHtml });
const ms = performance.now() - t0;
console.log(`docx: ${n} small notices in ${ms.toFixed(0)} ms = ${((n * 1000) / ms).toFixed(0)} docs/s`);

// ---- A 1,000-file import ----

const parse = (html: string) => parseHTML(html).document as unknown as Document;
/** The import worker's reading, in this thread (as the background runs it). */
function reader(): ImportWorkerLike {
  const w: ImportWorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage(msg) {
      void (async () => {
        const b = new Uint8Array(await msg.file.arrayBuffer());
        const result = await readImportFile(msg.path, b, { pdf: { pdfjs, documentOptions }, parseHtml: parse, now: new Date(msg.now) });
        const docs = await Promise.all(result.docs.map(async (d) => ({ ...d, sha256: await sha256Hex(d.lineBytes ?? b) })));
        const reply: FromImportWorker = { type: 'read', id: msg.id, docs, failures: result.failures, bytes: b, sha256: await sha256Hex(b) };
        w.onmessage?.({ data: reply } as MessageEvent<FromImportWorker>);
      })();
    },
  };
  return w;
}

const SENTENCES = [...POOL.matchAll(/.{20}/gu)].map((m) => m[0]);
function body(i: number, paragraphs: number): string[] {
  return Array.from({ length: paragraphs }, (_, p) => `${SENTENCES[(i + p) % SENTENCES.length]}，第${i}号文件第${p + 1}段，${SENTENCES[(i * 7 + p) % SENTENCES.length]}。`);
}
const gbk = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../tests/fixtures/cli/encodings/gbk.txt')));
const docxParts = unzipSync(docx);
const docXml = strFromU8(docxParts['word/document.xml']!);

const sources: ImportSource[] = [];
const counts = { txt: 0, gbk: 0, html: 0, docx: 0, pdf: 0 };
const add = (p: string, b: Uint8Array, kind: keyof typeof counts) => {
  sources.push({ path: p, file: new Blob([b as Uint8Array<ArrayBuffer>]) });
  counts[kind]++;
};
const encoder = new TextEncoder();
for (let i = 0; i < 1000; i++) {
  const k = i % 50;
  if (k < 30) add(`folder/txt/${i}.txt`, encoder.encode(`关于第${i}项工作的通知\n\n${body(i, 12).join('\n')}\n\n某市人民政府\n2024年5月${(i % 28) + 1}日\n`), 'txt');
  else if (k < 35) add(`folder/gbk/${i}.txt`, new Uint8Array([...gbk, ...encoder.encode(`\r\nNo. ${i}\r\n`)]), 'gbk');
  else if (k < 44)
    add(`folder/html/${i}.shtml`, encoder.encode(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于第${i}项工作的通知_某市人民政府网</title></head><body><div class="nav">首页</div><div class="article"><h1>关于第${i}项工作的通知</h1>${body(i, 12).map((l) => `<p>${l}</p>`).join('')}<p>某市人民政府</p></div></body></html>`), 'html');
  else if (k < 49) add(`folder/docx/${i}.docx`, zipSync({ ...docxParts, 'word/document.xml': strToU8(docXml.replace('4号', `${i}号`)) }), 'docx');
  else add(`folder/pdf/${i}.pdf`, await longPdf(2, 1000 + i), 'pdf');
}
const totalBytes = sources.reduce((n, s) => n + s.file.size, 0);
const importDb = openDatabase('bench-import');
await importDb.open();
const mem0 = process.memoryUsage().rss;
const t1 = performance.now();
let progressCalls = 0;
const summary = await runImport(importDb, sources, { assets: { cMapUrl: '', standardFontDataUrl: '' }, createWorker: reader, onProgress: () => progressCalls++ });
const importMs = performance.now() - t1;
const mem1 = process.memoryUsage().rss;
console.log(
  `import: ${sources.length} files (${counts.txt} txt, ${counts.gbk} GBK txt, ${counts.html} shtml, ${counts.docx} docx, ${counts.pdf} two-page pdf; ${(totalBytes / 1024 / 1024).toFixed(1)} MB) in ${(importMs / 1000).toFixed(1)} s = ` +
    `${((sources.length * 1000) / importMs).toFixed(0)} files/s: ${summary.added.length} imported, ${summary.duplicates.length} duplicates, ${summary.failed.length} failed; ` +
    `${progressCalls} progress reports; RSS ${(mem0 / 1048576).toFixed(0)} → ${(mem1 / 1048576).toFixed(0)} MB`,
);
for (const f of summary.failed.slice(0, 3)) console.log(`  failed: ${f.path}: ${f.reason}`);
await importDb.delete();
