// PDF → document: the text layer read page by page with pdf.js, laid out into paragraphs
// (./pdf-layout: running headers and footers, page-break joins), then the cleaner and metadata
// reader every other text goes through (buildDocumentFromText: page numbers, broken lines, 文号…).
//
// pdf.js itself is passed in: Node uses its legacy build (which runs without a worker thread of its
// own), a browser worker the modern build with its worker set up there. Neither the file system nor
// the DOM is touched here.

import type { getDocument as GetDocument } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import { buildDocumentFromText } from '../document';
import type { BuiltDocument } from '../types';
import { FileReadError } from './errors';
import { layoutPages, pageLines, type PdfLine, type PositionedText } from './pdf-layout';

/** The part of pdf.js this reader uses (the module namespace of either build fits). */
export interface PdfEngine {
  getDocument: typeof GetDocument;
}

/**
 * Options handed to pdf.js's getDocument. Chinese PDFs often use fonts that are not embedded
 * (STSong-Light, UniGB-UCS2-H): their text needs pdf.js's character maps, so pass `cMapUrl` (a
 * folder path in Node, a URL in a browser) with `cMapPacked: true`; `standardFontDataUrl` likewise.
 */
export type PdfDocumentOptions = Omit<DocumentInitParameters, 'data' | 'url' | 'range'>;

export interface ReadPdfOptions {
  pdfjs: PdfEngine;
  documentOptions?: PdfDocumentOptions;
  /** Called after each page: for a progress bar. */
  onPage?: (done: number, total: number) => void;
  /** Stops between pages; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What the PDF says about itself (its Info dictionary); kept apart, not trusted as the document's metadata. */
export interface PdfInfo {
  title?: string;
  author?: string;
  /** As written in the file, e.g. D:20240305093000+08'00'. */
  creationDate?: string;
  producer?: string;
}

export interface FileDocument {
  format: 'pdf' | 'docx';
  /** The text as read from the file, before cleaning: one paragraph (or line) a line. */
  rawText: string;
  /** Cleaned text, metadata and what cleaning removed (including running headers found by layout). */
  document: BuiltDocument;
  /** Problems worth telling the user that did not stop the reading (pages without text, …). */
  warnings: string[];
}

export interface PdfDocument extends FileDocument {
  format: 'pdf';
  pages: number;
  /** 1-based numbers of pages that carry no text (scanned pages inside a text PDF). */
  pagesWithoutText: number[];
  info: PdfInfo;
}

/** A page with fewer characters than this is taken as having no text layer (a stray mark, a page number). */
const MIN_PAGE_CHARS = 3;

/** pdf.js error names → our codes. */
function refusalFor(err: unknown): FileReadError {
  const name = (err as { name?: string })?.name ?? '';
  const detail = (err as { message?: string })?.message ?? String(err);
  if (name === 'PasswordException') return new FileReadError('pdf-encrypted', detail);
  return new FileReadError('pdf-damaged', detail);
}

function infoOf(raw: unknown): PdfInfo {
  const r = (raw ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).trim() : undefined);
  const info: PdfInfo = {};
  const title = str('Title');
  const author = str('Author');
  const creationDate = str('CreationDate');
  const producer = str('Producer');
  if (title) info.title = title;
  if (author) info.author = author;
  if (creationDate) info.creationDate = creationDate;
  if (producer) info.producer = producer;
  return info;
}

function isPositioned(item: unknown): item is PositionedText {
  const t = item as Partial<PositionedText>;
  return typeof t.str === 'string' && Array.isArray(t.transform);
}

/**
 * Read a PDF. Refuses (FileReadError) a PDF without any text layer (`pdf-no-text`), one that needs a
 * password (`pdf-encrypted`; a PDF with only an owner password, which any reader opens, is read) and
 * one that cannot be parsed (`pdf-damaged`). `bytes` is copied before pdf.js sees it, so the caller's
 * original stays whole (it is kept as evidence and hashed).
 */
export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions): Promise<PdfDocument> {
  const task = opts.pdfjs.getDocument({
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    ...opts.documentOptions,
    data: bytes.slice(),
  });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (err) {
      throw refusalFor(err);
    }
    const total = pdf.numPages;
    const pages: PdfLine[][] = [];
    const pagesWithoutText: number[] = [];
    for (let n = 1; n <= total; n++) {
      opts.signal?.throwIfAborted();
      let items: unknown[];
      try {
        const page = await pdf.getPage(n);
        items = (await page.getTextContent()).items;
        page.cleanup();
      } catch (err) {
        throw refusalFor(err);
      }
      const lines = pageLines(items.filter(isPositioned));
      const chars = lines.reduce((s, l) => s + l.text.replace(/\s/g, '').length, 0);
      if (chars < MIN_PAGE_CHARS) pagesWithoutText.push(n);
      pages.push(lines);
      opts.onPage?.(n, total);
    }
    if (pagesWithoutText.length === total) throw new FileReadError('pdf-no-text', `${total} page(s), none with text`);
    const meta = await pdf.getMetadata().catch(() => null);
    const laid = layoutPages(pages);
    const built = buildDocumentFromText(laid.text);
    const warnings: string[] = [];
    if (pagesWithoutText.length) {
      warnings.push(`page(s) ${pagesWithoutText.join(', ')} of ${total} have no text layer (scanned?): their text is missing — run OCR to get it`);
    }
    return {
      format: 'pdf',
      rawText: laid.text,
      document: { ...built, removed: [...laid.removed, ...built.removed] },
      warnings,
      pages: total,
      pagesWithoutText,
      info: infoOf(meta?.info),
    };
  } finally {
    await task.destroy();
  }
}
