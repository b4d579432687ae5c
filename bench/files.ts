// Speed of the file readers: pages per second of the PDF reader on a long PDF generated with a
// CJK font (200 distinct pages sharing one font, running header, page numbers, wrapped paragraphs),
// and documents per second of the DOCX reader.  npm run bench:files

import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDocx } from '../analysis/files/docx';
import { readPdf } from '../analysis/files/pdf';

const FIXTURES = path.join(import.meta.dirname, '../tests/fixtures/files');
const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const documentOptions = { cMapUrl: `${path.join(root, 'cmaps')}/`, cMapPacked: true, standardFontDataUrl: `${path.join(root, 'standard_fonts')}/` };

const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const POOL =
  '为深入贯彻落实党中央国务院关于优化营商环境的决策部署持续打造市场化法治化国际化一流营商环境激发各类经营主体活力结合本市实际制定本工作要点' +
  '各区各部门要提高政治站位把优化营商环境作为推动高质量发展的重要抓手坚持问题导向目标导向和结果导向加快转变政府职能持续深化放管服改革';

/** A long PDF of distinct pages sharing one font, laid out like the fixture (header, 40-character lines, footer). */
async function longPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit({ create: (buf: Uint8Array) => fontkit.create(buf, 'NotoSansCJKsc-Regular') } as unknown as typeof fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const chars = [...POOL];
  let seed = 12345;
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
