// Finding and reading the CLI's input files: folders are walked, each file is chosen by its extension
// (.txt, .html/.htm/.shtml, .jsonl, .pdf, .docx, and .doc/.wps to be refused with a reason) and read
// into raw documents. No analysis here: what a document *means* is decided by analysis/ (extraction
// and cleaning, and the file readers of analysis/files for PDF and Word), so the CLI and the extension
// read pages and files the same way. A path that cannot be read, or a file a reader refuses, is
// skipped with its reason, never the end of the run.

import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReadFileDeps } from '../analysis/files';
import { FileReadError, isFileReadError, refusalReason } from '../analysis/files/errors';
import { sniffFormat, type FileFormat } from '../analysis/files/sniff';
import { parseChineseDate } from '../analysis/metadata';
import type { BuiltDocument } from '../analysis/types';
import { declaredHtmlCharset, decodeText, looksBinary, type TextEncodingName } from './decode';


/** Input formats by file extension (lower-cased). Anything else is skipped with a notice. */
export const FORMATS_BY_EXTENSION: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  // Server-side-include pages, as many .gov.cn sites serve them: HTML once saved.
  '.shtml': 'html',
  '.shtm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  // Read by analysis/files: the PDF's text layer, the Word package's paragraphs and headings.
  '.pdf': 'pdf',
  '.docx': 'docx',
  // Opened only to be refused with the reader's reason (or read, when the bytes are really a .docx or PDF).
  '.doc': 'doc',
  '.wps': 'wps',
};

export type InputFormat = 'txt' | 'html' | 'jsonl' | 'pdf' | 'docx' | 'doc' | 'wps';

/** The formats that give documents (.doc and .wps never do). */
export type DocFormat = Exclude<InputFormat, 'doc' | 'wps'>;

/** What skipped.csv says of a file with another extension: the readers' own reason (analysis/files). */
export const UNSUPPORTED_REASON = refusalReason('unsupported');

export interface InputFile {
  /** The path as the user wrote it, joined with the path below it inside a folder. */
  path: string;
  format: InputFormat;
}

/** Metadata given alongside a text (jsonl fields); wins over what extraction reads from the text. */
export interface GivenMeta {
  title?: string;
  year?: number;
  org?: string;
  url?: string;
  date?: string;
}

export interface RawDoc {
  /** Input path, with #line for jsonl: the documents table's `source`, and the seed of the doc id. */
  source: string;
  format: DocFormat;
  /** Plain text (txt, jsonl). */
  text?: string;
  /** Page source (html). */
  html?: string;
  /** A PDF or .docx as its reader built it: cleaned text and metadata (pdf, docx). */
  built?: BuiltDocument;
  given?: GivenMeta;
  encoding?: TextEncodingName;
  /** How the encoding was chosen (see decode.ts); with `encoding` in run.json for files not read as UTF-8. */
  encodingHow?: 'bom' | 'declared' | 'detected';
}

/** A path or line passed over: a row of skipped.csv. */
export interface Skipped {
  /** The path (file#line for a jsonl line), as documents.csv's `source` would name it. */
  source: string;
  reason: string;
  /** True when the path could not be read at all (as opposed to being of a kind the CLI does not read). */
  unreadable?: boolean;
}

/** Files and folders whose names start with a dot (.DS_Store, .git) are not documents: passed over silently. */
const HIDDEN = /^\./;

export interface Collected {
  files: InputFile[];
  /** Paths passed over: other extensions, and paths that could not be read (each with its reason). */
  skipped: Skipped[];
}

/** The file-system calls collectInputs makes; tests replace them to simulate errors root never sees. */
export interface CollectFs {
  stat: typeof stat;
  lstat: typeof lstat;
  readdir: (p: string) => Promise<string[]>;
}

const NODE_FS: CollectFs = { stat, lstat, readdir: (p) => readdir(p) };

/**
 * Expand the user's paths into input files: folders recursively, in name order so runs are
 * reproducible. A path that cannot be read (missing, a dangling or looping link, no permission, a
 * folder that fails to list, a FIFO or device) is skipped with its reason; the rest go on. The same
 * file named twice (directly and through its folder) is read once, and a folder reached again
 * through a link is not entered twice. Folders in `excludeDirs` are not entered.
 */
export async function collectInputs(
  paths: readonly string[],
  opts: { excludeDirs?: readonly string[]; fs?: Partial<CollectFs> } = {},
): Promise<Collected> {
  const fs: CollectFs = { ...NODE_FS, ...opts.fs };
  // The output folder may sit inside an input folder: its texts/*.txt must not be read back as documents.
  const excluded = new Set((opts.excludeDirs ?? []).map((d) => path.resolve(d)));
  const files: InputFile[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  const seenDirs = new Set<string>();
  const cannot = (p: string, reason: string) => skipped.push({ source: p, reason, unreadable: true });

  const visit = async (p: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await fs.stat(p);
    } catch (err) {
      cannot(p, await describePathError(p, err, fs));
      return;
    }
    if (info.isDirectory()) {
      if (!explicit && excluded.has(path.resolve(p))) return;
      // A link back to a folder already being read would otherwise recurse until the path is too long.
      const dirKey = `${info.dev}:${info.ino}`;
      if (seenDirs.has(dirKey)) {
        cannot(p, 'folder already read (a symbolic link loops back to it)');
        return;
      }
      seenDirs.add(dirKey);
      let names;
      try {
        names = await fs.readdir(p);
      } catch (err) {
        cannot(p, `folder cannot be listed: ${describeFsError(err)}`);
        return;
      }
      for (const name of names.filter((n) => !HIDDEN.test(n)).sort()) await visit(path.join(p, name), false);
      return;
    }
    if (!info.isFile()) {
      // A FIFO or device would block or never end when read.
      cannot(p, 'not a regular file or folder');
      return;
    }
    const key = path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    const format = FORMATS_BY_EXTENSION[path.extname(p).toLowerCase()];
    if (format) files.push({ path: p, format });
    else skipped.push({ source: p, reason: UNSUPPORTED_REASON });
  };

  for (const p of paths) await visit(p, true);
  return { files, skipped };
}

/** Why stat failed on a path, telling a broken link from a missing file. */
async function describePathError(p: string, err: unknown, fs: CollectFs): Promise<string> {
  if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') {
    try {
      if ((await fs.lstat(p)).isSymbolicLink()) return 'broken symbolic link (its target is missing)';
    } catch {
      // Not there at all: the plain message below.
    }
  }
  return describeFsError(err);
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

/** Called for each bad jsonl line or unreadable file: one line, naming file (and line). */
export type WarnFn = (message: string) => void;

/** Called with each path or line passed over, for skipped.csv. */
export type SkipFn = (source: string, reason: string) => void;

export interface ReadOptions {
  skip?: SkipFn;
  /** Reads a file's bytes (node:fs readFile by default); tests inject errors root never sees, such as EACCES. */
  read?: (p: string) => Promise<Uint8Array>;
}

/** Formats whose bytes go to the readers of analysis/files whatever the file's name says. */
const FILE_READER_FORMATS: ReadonlySet<FileFormat> = new Set(['pdf', 'docx', 'doc', 'wps']);

/** Formats read as text (decoded, then the binary-data check): the rest go to analysis/files. */
function isTextFormat(format: InputFormat): format is 'txt' | 'html' | 'jsonl' {
  return format === 'txt' || format === 'html' || format === 'jsonl';
}

/**
 * The readers of analysis/files (mammoth for .docx) and linkedom for mammoth's HTML, as for a saved
 * page (documents.ts), loaded with the first PDF or Word file: a run of text files never loads them
 * (they cost every worker thread a few hundred ms of start-up).
 */
let fileReaders: Promise<{ files: typeof import('../analysis/files'); parseHtml: (html: string) => Document }> | undefined;
const loadFileReaders = () =>
  (fileReaders ??= Promise.all([import('../analysis/files'), import('linkedom')]).then(([files, { parseHTML }]) => ({
    files,
    parseHtml: (html: string) => parseHTML(html).document as unknown as Document,
  })));

/** pdf.js, loaded with the first PDF: a run without PDFs never loads it. */
let nodePdf: Promise<ReadFileDeps> | undefined;
const loadNodePdf = () => (nodePdf ??= import('./pdfjs-node').then((m) => m.nodePdf));

/**
 * A PDF, .docx, .doc or .wps (by its bytes, or by its name when the bytes are not what the name says)
 * through the readers of analysis/files: one document, or a FileReadError with the reader's reason.
 * A .pdf that is not a PDF (often an HTML error page saved under the attachment's name) is refused as
 * damaged, not read as a page.
 */
async function readWithFileReaders(file: InputFile, fileBytes: Uint8Array, sniffed: FileFormat, warn: WarnFn): Promise<RawDoc> {
  // A plain Uint8Array over node's Buffer: pdf.js refuses a Buffer (its slice() is a Buffer again).
  const bytes = new Uint8Array(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);
  let read;
  if (FILE_READER_FORMATS.has(sniffed)) {
    const { files, parseHtml } = await loadFileReaders();
    const deps: ReadFileDeps = sniffed === 'pdf' ? await loadNodePdf() : { parseHtml };
    read = await files.readFileBytes(bytes, file.path, deps);
  } else if (file.format === 'docx') {
    // Not a Word package: readDocx says which refusal (a ZIP without word/document.xml, or not a ZIP).
    const { files, parseHtml } = await loadFileReaders();
    read = { kind: 'document' as const, format: 'docx' as const, file: await files.readDocx(bytes, { parseHtml, name: file.path }) };
  } else if (file.format === 'pdf') {
    throw new FileReadError('pdf-damaged', 'no %PDF- header in the file');
  } else {
    throw new FileReadError('old-word-format');
  }
  if (read.kind !== 'document') throw new FileReadError('unsupported');
  for (const w of read.file.warnings) warn(`${file.path}: ${w}`);
  return { source: file.path, format: read.format, built: read.file.document };
}

/**
 * Read one input file into raw documents (one for txt/html/pdf/docx, one per good line for jsonl). A
 * file that cannot be read, is binary, or is refused by a file reader (a scan without text layer, an
 * encrypted or damaged PDF, an old Word/WPS file) gives a warning naming it, a skip with the reason,
 * and no documents.
 */
export async function readInput(file: InputFile, warn: WarnFn, opts: ReadOptions = {}): Promise<RawDoc[]> {
  const skip = opts.skip ?? (() => {});
  let bytes: Uint8Array;
  try {
    bytes = await (opts.read ?? readFile)(file.path);
  } catch (err) {
    const reason = `cannot read: ${describeFsError(err)}`;
    warn(`${file.path}: ${reason}; skipped`);
    skip(file.path, reason);
    return [];
  }
  // Before the binary-data check, which would drop a PDF or Word file as binary whatever its name.
  const sniffed = sniffFormat(bytes, file.path);
  const { format } = file;
  if (!isTextFormat(format) || FILE_READER_FORMATS.has(sniffed)) {
    try {
      return [await readWithFileReaders(file, bytes, sniffed, warn)];
    } catch (err) {
      const reason = isFileReadError(err) ? err.message : `could not be read (${(err as Error)?.message ?? String(err)})`;
      const detail = isFileReadError(err) && err.detail ? ` [${err.detail}]` : '';
      warn(`${file.path}: ${reason}${detail}; skipped`);
      skip(file.path, reason);
      return [];
    }
  }
  const decoded = decodeText(bytes, format === 'html' ? declaredHtmlCharset(bytes) : null);
  const { text, encoding, how } = decoded;
  // An image or archive with a text extension would otherwise be "analysed" as a few odd characters.
  if (looksBinary(text)) {
    warn(`${file.path}: binary data, not text; skipped`);
    skip(file.path, 'binary data, not text');
    return [];
  }
  if (decoded.warning) warn(`${file.path}: ${decoded.warning}`);
  switch (format) {
    case 'txt':
      return [{ source: file.path, format: 'txt', text, encoding, encodingHow: how }];
    case 'html':
      return [{ source: file.path, format: 'html', html: text, encoding, encodingHow: how }];
    case 'jsonl':
      return parseJsonl(file.path, text, warn, skip);
  }
}

/** jsonl fields read as the document's text, in order of preference. */
const TEXT_FIELDS = ['content', 'text'] as const;

/**
 * One document per line: `content` or `text`, optional `title, year, org, url, date`. A line that is
 * not JSON, not an object, or has no text is skipped with a warning naming file:line; the rest go on.
 */
export function parseJsonl(file: string, content: string, warn: WarnFn, skip: SkipFn = () => {}): RawDoc[] {
  const docs: RawDoc[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const where = `${file}:${i + 1}`;
    const lineSkipped = (reason: string) => {
      warn(`${where}: ${reason}; line skipped`);
      skip(`${file}#${i + 1}`, reason);
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      lineSkipped(`not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      lineSkipped('not a JSON object');
      continue;
    }
    const record = value as Record<string, unknown>;
    const textField = TEXT_FIELDS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim());
    if (!textField) {
      lineSkipped('no "content" or "text" with text in it');
      continue;
    }
    docs.push({
      source: `${file}#${i + 1}`,
      format: 'jsonl',
      text: record[textField] as string,
      given: givenMeta(record, where, warn),
    });
  }
  return docs;
}

/** Years a document can plausibly be about; outside this a given `year` is treated as a typo. */
const YEAR_RANGE = { min: 1900, max: 2100 };

function givenMeta(record: Record<string, unknown>, where: string, warn: WarnFn): GivenMeta {
  const given: GivenMeta = {};
  const str = (k: string) => (typeof record[k] === 'string' && (record[k] as string).trim() ? (record[k] as string).trim() : undefined);
  const title = str('title');
  if (title) given.title = title;
  const org = str('org');
  if (org) given.org = org;
  const url = str('url');
  if (url) given.url = url;
  const date = str('date');
  if (date) {
    // A wrong date would go straight into the ISO date column; without it, extraction reads the text's own.
    const iso = normalizeDate(date);
    if (iso) given.date = iso;
    else warn(`${where}: "date" ${JSON.stringify(date)} is not a calendar date; ignored`);
  }
  const rawYear = record.year;
  if (rawYear !== undefined && rawYear !== null && rawYear !== '') {
    const year = typeof rawYear === 'number' ? rawYear : Number(String(rawYear).trim());
    if (Number.isInteger(year) && year >= YEAR_RANGE.min && year <= YEAR_RANGE.max) given.year = year;
    else warn(`${where}: "year" ${JSON.stringify(rawYear)} is not a year; ignored`);
  }
  return given;
}

/**
 * A given date as ISO YYYY-MM-DD, read the way metadata extraction reads dates in a text
 * (analysis/metadata parseChineseDate: 2024-3-5, 2024/03/05, 2024.3.5, 2024年3月5日, 二〇二四年三月五日,
 * 2025-02-21 18:03), and only if it is a real calendar day; '' for anything else (2024-13-45,
 * 2023-02-29, March 2024, a bare 2024年).
 */
export function normalizeDate(date: string): string {
  return parseChineseDate(date.trim());
}
