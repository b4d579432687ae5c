// Reading a file that is not a web page: what it is (sniffFormat), then the reader for it, or a
// refusal with its reason. Plain text, HTML and jsonl are not read here: their bytes need the
// encoding detection and page extraction the callers already have.

import { FileReadError } from './errors';
import { readDocx, type DocxDocument, type HtmlParser } from './docx';
import { readPdf, type PdfDocument, type ReadPdfOptions } from './pdf';
import { sniffFormat, type FileFormat } from './sniff';

export { FileReadError, isFileReadError, refusalReason } from './errors';
export { sniffFormat, type FileFormat } from './sniff';
export { type PdfDocument, type ReadPdfOptions } from './pdf';
export { readDocx, type DocxDocument, type HtmlParser } from './docx';

export interface ReadFileDeps extends Omit<ReadPdfOptions, 'pdfjs'> {
  /** pdf.js (see ./pdf): needed for PDFs only. */
  pdfjs?: ReadPdfOptions['pdfjs'];
  /** An HTML parser: needed for .docx only. */
  parseHtml?: HtmlParser;
}

export type ReadFileResult =
  | { kind: 'document'; format: 'pdf' | 'docx'; file: PdfDocument | DocxDocument }
  /** Text formats: decode the bytes and read them as the text or page path does. */
  | { kind: 'text'; format: Extract<FileFormat, 'txt' | 'html' | 'jsonl'> };

/**
 * Read a file of any format a user may drop: PDF and .docx into documents; .txt/.html/.jsonl handed
 * back for the text path; .doc, .wps and everything else refused with a FileReadError.
 */
export async function readFileBytes(bytes: Uint8Array, name: string, deps: ReadFileDeps): Promise<ReadFileResult> {
  const format = sniffFormat(bytes, name);
  switch (format) {
    case 'pdf': {
      if (!deps.pdfjs) throw new Error('readFileBytes: a PDF needs deps.pdfjs');
      const { pdfjs, ...rest } = deps;
      return { kind: 'document', format, file: await readPdf(bytes, { ...rest, pdfjs }) };
    }
    case 'docx': {
      if (!deps.parseHtml) throw new Error('readFileBytes: a .docx needs deps.parseHtml');
      return { kind: 'document', format, file: await readDocx(bytes, { parseHtml: deps.parseHtml, name }) };
    }
    case 'doc':
    case 'wps':
      throw new FileReadError('old-word-format');
    case 'txt':
    case 'html':
    case 'jsonl':
      return { kind: 'text', format };
    default:
      throw new FileReadError('unsupported');
  }
}
