// The build ships pdf.js's character maps and standard fonts under pdfjs/ (wxt.config.ts), where the
// import worker's pdf.js looks for them (components/import/store.ts pdfAssets): without the maps,
// Chinese PDFs whose fonts are not embedded (UniGB-UCS2-H) read as nothing.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import wxtConfig from '../../wxt.config';

it('copies every character map and standard font of pdf.js, with their licences, under pdfjs/', async () => {
  const files: { relativeDest: string; absoluteSrc?: string }[] = [];
  await (wxtConfig.hooks as Record<string, (wxt: unknown, files: unknown[]) => unknown>)['build:publicAssets']!({}, files);
  const pdfjs = files.filter((f) => f.relativeDest.startsWith('pdfjs/'));
  const dests = new Set(pdfjs.map((f) => f.relativeDest));
  for (const needed of ['pdfjs/cmaps/UniGB-UCS2-H.bcmap', 'pdfjs/cmaps/GBK-EUC-H.bcmap', 'pdfjs/cmaps/LICENSE', 'pdfjs/standard_fonts/FoxitSerif.pfb', 'pdfjs/standard_fonts/LICENSE_FOXIT']) {
    expect(dests.has(needed), needed).toBe(true);
  }
  expect(pdfjs.every((f) => f.absoluteSrc && existsSync(f.absoluteSrc))).toBe(true);
});
