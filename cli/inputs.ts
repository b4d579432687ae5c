// Finding and reading the CLI's input files: folders are walked, each file is read by its extension
// (.txt, .html/.htm, .jsonl) into raw documents. No analysis here: what a document *means* is decided
// by analysis/ (H1's extraction and cleaning), so the CLI and the extension read pages the same way.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseChineseDate } from '../analysis/metadata';
import { declaredHtmlCharset, decodeText, looksBinary, type TextEncodingName } from './decode';

/** A mistake in how the tool was called or what it was given: reported as one line, never a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Input formats by file extension (lower-cased). Anything else is skipped with a notice. */
export const FORMATS_BY_EXTENSION: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export type InputFormat = 'txt' | 'html' | 'jsonl';

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
  format: InputFormat;
  /** Plain text (txt, jsonl). */
  text?: string;
  /** Page source (html). */
  html?: string;
  given?: GivenMeta;
  encoding?: TextEncodingName;
}

/** Files and folders whose names start with a dot (.DS_Store, .git) are not documents: passed over silently. */
const HIDDEN = /^\./;

export interface Collected {
  files: InputFile[];
  /** Files passed over because of their extension (each gets a one-line notice). */
  skipped: string[];
}

/**
 * Expand the user's paths into input files: folders recursively, in name order so runs are
 * reproducible. A path that cannot be read is a UserError naming it. The same file named twice
 * (directly and through its folder) is read once. Folders in `excludeDirs` are not entered.
 */
export async function collectInputs(paths: readonly string[], opts: { excludeDirs?: readonly string[] } = {}): Promise<Collected> {
  // The output folder may sit inside an input folder: its texts/*.txt must not be read back as documents.
  const excluded = new Set((opts.excludeDirs ?? []).map((d) => path.resolve(d)));
  const files: InputFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();

  const visit = async (p: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      throw new UserError(`cannot read ${p}: ${describeFsError(err)}`);
    }
    if (info.isDirectory()) {
      if (!explicit && excluded.has(path.resolve(p))) return;
      let entries;
      try {
        entries = await readdir(p, { withFileTypes: true });
      } catch (err) {
        throw new UserError(`cannot read folder ${p}: ${describeFsError(err)}`);
      }
      const names = entries
        .filter((e) => !HIDDEN.test(e.name) && (e.isDirectory() || e.isFile() || e.isSymbolicLink()))
        .map((e) => e.name)
        .sort();
      for (const name of names) await visit(path.join(p, name), false);
      return;
    }
    if (!info.isFile()) {
      if (explicit) throw new UserError(`cannot read ${p}: not a regular file or folder`);
      return;
    }
    const key = path.resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    const format = FORMATS_BY_EXTENSION[path.extname(p).toLowerCase()];
    if (format) files.push({ path: p, format });
    else skipped.push(p);
  };

  for (const p of paths) await visit(p, true);
  return { files, skipped };
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

/** Called for each bad jsonl line or unreadable file: one line, naming file (and line). */
export type WarnFn = (message: string) => void;

/** Read one input file into raw documents (one for txt/html, one per good line for jsonl). */
export async function readInput(file: InputFile, warn: WarnFn): Promise<RawDoc[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.path);
  } catch (err) {
    throw new UserError(`cannot read ${file.path}: ${describeFsError(err)}`);
  }
  const { text, encoding } = decodeText(bytes, file.format === 'html' ? declaredHtmlCharset(bytes) : null);
  // An image or archive with a text extension would otherwise be "analysed" as a few odd characters.
  if (looksBinary(text)) {
    warn(`${file.path}: binary data, not text; skipped`);
    return [];
  }
  switch (file.format) {
    case 'txt':
      return [{ source: file.path, format: 'txt', text, encoding }];
    case 'html':
      return [{ source: file.path, format: 'html', html: text, encoding }];
    case 'jsonl':
      return parseJsonl(file.path, text, warn);
  }
}

/** jsonl fields read as the document's text, in order of preference. */
const TEXT_FIELDS = ['content', 'text'] as const;

/**
 * One document per line: `content` or `text`, optional `title, year, org, url, date`. A line that is
 * not JSON, not an object, or has no text is skipped with a warning naming file:line; the rest go on.
 */
export function parseJsonl(file: string, content: string, warn: WarnFn): RawDoc[] {
  const docs: RawDoc[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      warn(`${where}: not valid JSON (${(err as Error).message}); line skipped`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      warn(`${where}: not a JSON object; line skipped`);
      continue;
    }
    const record = value as Record<string, unknown>;
    const textField = TEXT_FIELDS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim());
    if (!textField) {
      warn(`${where}: no "content" or "text" with text in it; line skipped`);
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
