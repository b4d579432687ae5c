// pdf.js for Node tests: its legacy build, with the character maps and standard fonts it ships
// (Chinese PDFs with non-embedded fonts need the maps to yield text). In Node these are folder paths.

import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ReadPdfOptions } from '../../analysis/files/pdf';

const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const nodePdf: ReadPdfOptions = {
  pdfjs,
  documentOptions: {
    cMapUrl: `${path.join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
  },
};
