// pdf.js as the CLI runs it in Node: its legacy build (no browser APIs, no worker thread of its own),
// with the character maps and standard fonts it ships. Chinese PDFs whose fonts are not embedded
// (STSong-Light, UniGB-UCS2-H) yield text only through the maps; in Node these are folder paths.
// pdfjs-dist stays an external package of the bundle (scripts/build-cli.mjs): the folders are found
// next to the installed package, wherever npm put it.

import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ReadPdfOptions } from '../analysis/files';

const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** What readPdf / readFileBytes need to read a PDF in Node. */
export const nodePdf: ReadPdfOptions = {
  pdfjs,
  documentOptions: {
    cMapUrl: `${path.join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
  },
};
