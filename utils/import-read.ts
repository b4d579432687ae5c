// One imported file → the documents it holds, read the way a clipped page is: PDF and .docx through
// the file readers of analysis/files, .txt decoded in whatever encoding it is in (analysis/files/decode,
// the CLI's decoder), saved pages (.html/.htm/.shtml) through extractPage and the page cleaner, .jsonl
// one document a line. Nothing here touches the database or the browser: the import worker runs it
// with the browser's pdf.js and linkedom, the tests in Node.

import { buildDocument } from '../analysis/document';
import { extractPage } from '../analysis/extract';
import { FileReadError, isFileReadError, readFileBytes, sniffFormat, type FileFormat, type HtmlParser, type ReadPdfOptions } from '../analysis/files';
import type { FileErrorCode } from '../analysis/files/errors';
import { declaredHtmlCharset, decodeText, looksBinary } from '../analysis/files/decode';
import { parseChineseDate } from '../analysis/metadata';
import type { BuiltDocument, PageCapture } from '../analysis/types';

import type { ImportFormat } from './import-common';


/** Why a file (or a jsonl line) gave no document: the readers' codes and the import's own. */
export type ImportFailureCode =
  | FileErrorCode
  /** A text-format file whose bytes decode to control characters: an image or archive renamed. */
  | 'binary'
  /** A saved page that lists documents (a 通知公告 column) rather than being one. */
  | 'list-page'
  /** Larger than MAX_IMPORT_BYTES. */
  | 'too-large'
  /** A jsonl line that is not a JSON object with text. */
  | 'jsonl-line'
  /** The file could not be read from disk, or a reader failed unexpectedly. */
  | 'unreadable';

/** Files above this size are refused before reading: a folder of scans must not exhaust memory. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface ImportedDoc {
  /** The path inside what was picked (folder/sub/name.pdf), with #line for a jsonl line. */
  path: string;
  format: ImportFormat;
  /** Where the document says it lives (a saved page's canonical URL, a jsonl `url`), else the file's own file: URL. */
  url: string;
  /** Kept as the document's source, so re-cleaning works as for a clipped page. */
  capture: PageCapture;
  built: BuiltDocument;
  /** Metadata given alongside the text (jsonl fields): wins over what was read from the text. */
  given: { title?: string; org?: string; date?: string; year?: number };
  /** A title from the file name when the text has none (上海.txt → 上海). */
  nameTitle: string;
  /** The encoding a text file was read in, when it was not UTF-8 (shown in the summary). */
  encoding?: string;
  /** Problems that did not stop the reading (pages without text, replaced bytes…). */
  warnings: string[];
  /** For a jsonl line: its own bytes (the line) are its original; otherwise the file's bytes are. */
  lineBytes?: Uint8Array;
}

export interface ImportFailure {
  path: string;
  code: ImportFailureCode;
  /** The library's or reader's own words, for a tooltip; never needed to understand the reason. */
  detail?: string;
}

export interface ReadResult {
  docs: ImportedDoc[];
  failures: ImportFailure[];
}

export interface ImportReadDeps {
  /** pdf.js with its character maps (the worker's modern build, Node's legacy build in tests). */
  pdf: ReadPdfOptions;
  parseHtml: HtmlParser;
  now?: Date;
}


/** A file: URL naming a file by its path inside what was picked (no absolute path is known to a page). */
export function fileUrlOf(path: string): string {
  return `file:///${path.replace(/\\/g, '/').replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`;
}

/** The file's name without folder and extension, when it has letters in it (「cities/上海.txt」→「上海」). */
export function fileNameTitle(path: string): string {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim();
  return /[\p{L}\p{N}]/u.test(stem) ? stem : '';
}

function emptyCapture(url: string, text: string, now: Date, articleHtml = ''): PageCapture {
  return { url, pageTitle: '', articleHtml, articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: now.toISOString() };
}

/** Where a saved page says it came from, in order of trust. */
const PAGE_URL_SELECTORS = ['link[rel="canonical"]', 'meta[property="og:url"]'] as const;

function savedPageUrl(doc: Document): string {
  for (const sel of PAGE_URL_SELECTORS) {
    const el = doc.querySelector(sel);
    const value = (el?.getAttribute('href') ?? el?.getAttribute('content') ?? '').trim();
    if (/^https?:\/\//i.test(value)) return value;
  }
  return '';
}

/** jsonl fields read as a document's text, in order of preference. */
const JSONL_TEXT_FIELDS = ['content', 'text'] as const;
/** Years a given `year` may take; outside it the field is a typo and ignored. */
const JSONL_YEARS = { min: 1900, max: 2100 } as const;

function failure(path: string, err: unknown): ImportFailure {
  if (isFileReadError(err)) return { path, code: err.code, ...(err.detail ? { detail: err.detail } : {}) };
  return { path, code: 'unreadable', detail: String((err as Error)?.message ?? err) };
}

function formatOfSniffed(sniffed: FileFormat, name: string): ImportFormat | null {
  if (sniffed === 'pdf' || sniffed === 'docx' || sniffed === 'txt' || sniffed === 'html' || sniffed === 'jsonl') return sniffed;
  // A .docx that is not a Word package, a .pdf that is not a PDF: the readers say why.
  if (/\.docx$/i.test(name)) return 'docx';
  if (/\.pdf$/i.test(name)) return 'pdf';
  return null;
}

/**
 * Read one file. Every refusal is a failure with its code, naming the file; a jsonl file gives one
 * document per good line and one failure per bad line. Never throws.
 */
export async function readImportFile(path: string, bytes: Uint8Array, deps: ImportReadDeps): Promise<ReadResult> {
  const now = deps.now ?? new Date();
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { docs: [], failures: [{ path, code: 'too-large', detail: `${bytes.byteLength} bytes` }] };
  try {
    const sniffed = sniffFormat(bytes, path);
    const format = formatOfSniffed(sniffed, path);
    if (sniffed === 'doc' || sniffed === 'wps') throw new FileReadError('old-word-format');
    if (!format) throw new FileReadError('unsupported');
    const fileUrl = fileUrlOf(path);
    const nameTitle = fileNameTitle(path);
    if (format === 'pdf' || format === 'docx') {
      if (sniffed === 'pdf' || sniffed === 'docx') {
        const read = await readFileBytes(bytes, path, { ...deps.pdf, parseHtml: deps.parseHtml });
        if (read.kind !== 'document') throw new FileReadError('unsupported');
        const f = read.file;
        const articleHtml = read.format === 'docx' && 'html' in f ? (f as { html: string }).html : '';
        return {
          docs: [{ path, format: read.format, url: fileUrl, capture: emptyCapture(fileUrl, f.rawText, now, articleHtml), built: f.document, given: {}, nameTitle, warnings: f.warnings }],
          failures: [],
        };
      }
      throw format === 'pdf' ? new FileReadError('pdf-damaged', 'no %PDF- header in the file') : new FileReadError('docx-damaged', 'not a ZIP package with word/document.xml');
    }
    const decoded = decodeText(bytes, format === 'html' ? declaredHtmlCharset(bytes) : null);
    if (looksBinary(decoded.text)) return { docs: [], failures: [{ path, code: 'binary' }] };
    const encoding = decoded.encoding === 'utf-8' ? undefined : decoded.encoding;
    const warnings = decoded.warning ? [decoded.warning] : [];
    const extra = { ...(encoding ? { encoding } : {}), warnings };
    if (format === 'txt') {
      const capture = emptyCapture(fileUrl, decoded.text, now);
      const built = buildDocument(capture);
      if (!built.text.trim()) throw new FileReadError('empty');
      return { docs: [{ path, format, url: fileUrl, capture, built, given: {}, nameTitle, ...extra }], failures: [] };
    }
    if (format === 'html') {
      const page = deps.parseHtml(decoded.text);
      const url = savedPageUrl(page);
      const capture = extractPage(page, url || fileUrl, now);
      const built = buildDocument(capture);
      if (built.listPage) return { docs: [], failures: [{ path, code: 'list-page', detail: `${built.listPage.items.length} entries` }] };
      if (!built.text.trim()) throw new FileReadError('empty');
      return { docs: [{ path, format, url: url || fileUrl, capture, built, given: {}, nameTitle: '', ...extra }], failures: [] };
    }
    return readJsonl(path, decoded.text, now, extra);
  } catch (err) {
    return { docs: [], failures: [failure(path, err)] };
  }
}

function readJsonl(path: string, text: string, now: Date, extra: { encoding?: string; warnings: string[] }): ReadResult {
  const out: ReadResult = { docs: [], failures: [] };
  const lines = text.split(/\r?\n/);
  const encoder = new TextEncoder();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `${path}#${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.failures.push({ path: where, code: 'jsonl-line', detail: `not valid JSON (${(err as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.failures.push({ path: where, code: 'jsonl-line', detail: 'not a JSON object' });
      return;
    }
    const r = value as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).trim() : undefined);
    const field = JSONL_TEXT_FIELDS.find((k) => str(k));
    if (!field) {
      out.failures.push({ path: where, code: 'jsonl-line', detail: 'no "content" or "text" with text in it' });
      return;
    }
    const given: ImportedDoc['given'] = {};
    const title = str('title');
    const org = str('org');
    const date = str('date') ? parseChineseDate(str('date')!) : '';
    const year = typeof r.year === 'number' ? r.year : Number(String(r.year ?? '').trim());
    if (title) given.title = title;
    if (org) given.org = org;
    if (date) given.date = date;
    if (r.year !== undefined && r.year !== '' && Number.isInteger(year) && year >= JSONL_YEARS.min && year <= JSONL_YEARS.max) given.year = year;
    const givenUrl = str('url');
    const url = givenUrl && /^https?:\/\//i.test(givenUrl) ? givenUrl : `${fileUrlOf(path)}#${i + 1}`;
    const capture = emptyCapture(url, r[field] as string, now);
    const built = buildDocument(capture);
    if (!built.text.trim()) {
      out.failures.push({ path: where, code: 'empty' });
      return;
    }
    out.docs.push({ path: where, format: 'jsonl', url, capture, built, given, nameTitle: '', lineBytes: encoder.encode(raw), ...extra, warnings: [...extra.warnings] });
  });
  if (!out.docs.length && !out.failures.length) out.failures.push({ path, code: 'empty' });
  return out;
}
