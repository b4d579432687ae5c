// The dashboard's import of files and folders: the files go one at a time to the import worker
// (./import.worker.ts, which reads them with ./import-read), the documents it returns are written in
// batches through the library service (importDocuments: one transaction a batch, each document with
// its original), with progress after every file, cancelling at once, and a summary naming
// every file that was imported, skipped as a duplicate, or refused with its reason.
import { fieldsFromMetadata, type DB, type DocumentInput, type OriginalRecord } from './db';
import { importDocuments, libraryErrorMessage, type ImportItem } from './library';
import { mediaTypeOf } from './import-common';
import type { ImportedDoc, ImportFailure, ImportFailureCode } from './import-read';
import { t, type MessageKey } from './i18n';

// ---- The worker protocol ----

/** Where the worker's pdf.js finds its character maps and standard fonts (extension URLs ending in /). */
export interface PdfAssets {
  cMapUrl: string;
  standardFontDataUrl: string;
}

/** Page → worker: read one file. */
export interface ToImportWorker {
  id: number;
  path: string;
  file: Blob;
  assets: PdfAssets;
  /** The import's time (ISO), the capture time of every document it makes. */
  now: string;
}

/** Worker → page. `bytes` is the file as read (transferred), the original of its documents. */
export type FromImportWorker =
  | { type: 'read'; id: number; docs: (ImportedDoc & { sha256: string })[]; failures: ImportFailure[]; bytes: Uint8Array; sha256: string }
  | { type: 'error'; id: number; message: string };

/** The part of a Worker the import uses (an in-process stand-in replaces it in tests). */
export interface ImportWorkerLike {
  postMessage(message: ToImportWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) as unknown as ImportWorkerLike;
}

// ---- What a user picks ----

/** One file picked, dropped, or found in a folder. */
export interface ImportSource {
  /** Its path inside what was picked (folder/sub/name.pdf), or its name. */
  path: string;
  file: Blob & { lastModified?: number };
  /** Where it was fetched from (a PDF tab): the documents' and the original's URL instead of a file: URL. */
  url?: string;
  /** The link's text it was fetched by (an attachment's name, a list entry's title): the title when the document shows none. */
  title?: string;
  /** The date a list page shows for it: the date when the document shows none. */
  date?: string;
  /** The page that linked it as an attachment: its title and 文号 fill the document's where the file lacks them; kept with the original. */
  fromPage?: { url: string; title: string; docNumber: string };
  /** A fetched web page (not a file): its original is kept as the page's HTML. */
  page?: boolean;
}

/** Names no document has: hidden files (.DS_Store), Office lock files (~$通知.docx), Thumbs.db. */
const PASSED_OVER = /(^|\/)(\.[^/]*|~\$[^/]*|Thumbs\.db|desktop\.ini)$/i;

/** Drop what is never a document, and the same path met twice (a file dropped with its folder). */
export function importableSources(sources: readonly ImportSource[]): ImportSource[] {
  const seen = new Set<string>();
  const out: ImportSource[] = [];
  for (const s of sources) {
    if (PASSED_OVER.test(s.path) || seen.has(s.path)) continue;
    seen.add(s.path);
    out.push(s);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

// ---- The run ----

export interface ImportProgress {
  done: number;
  total: number;
  added: number;
  duplicates: number;
  failed: number;
  /** The file being read now ('' when none). */
  current: string;
}

export interface ImportFailed {
  path: string;
  code: ImportFailureCode | 'invalid';
  /** The reason in one line, in the UI language (built from the code). */
  reason: string;
  detail?: string;
}

export interface ImportSummary {
  added: { path: string; id: number; title: string }[];
  duplicates: { path: string; id: number; title: string }[];
  failed: ImportFailed[];
  /** Read, but with something to look at (pages without text, bytes not valid in their encoding…). */
  warnings: { path: string; text: string }[];
  /** Files not read because the user cancelled. */
  notRead: number;
  cancelled: boolean;
}

export interface ImportOptions {
  assets: PdfAssets;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  createWorker?: () => ImportWorkerLike;
  /** Documents written per transaction. */
  batchDocs?: number;
  /** Bytes of originals held before a batch is written. */
  batchBytes?: number;
  now?: Date;
}

/** Documents written per transaction: few enough that one write is short, many enough that a thousand files are quick. */
const BATCH_DOCS = 25;
/** Originals held in memory before a write, whatever their number (a few large PDFs). */
const BATCH_BYTES = 32 * 1024 * 1024;

const FAILURE_KEYS: Record<ImportFailed['code'], MessageKey> = {
  'pdf-no-text': 'import.fail.pdfNoText',
  'pdf-encrypted': 'import.fail.pdfEncrypted',
  'pdf-damaged': 'import.fail.pdfDamaged',
  'old-word-format': 'import.fail.oldWord',
  'docx-damaged': 'import.fail.docxDamaged',
  empty: 'import.fail.empty',
  unsupported: 'import.fail.unsupported',
  binary: 'import.fail.binary',
  'list-page': 'import.fail.listPage',
  'too-large': 'import.fail.tooLarge',
  'jsonl-line': 'import.fail.jsonlLine',
  unreadable: 'import.fail.unreadable',
  invalid: 'import.fail.invalid',
};

/** The one-line reason for a refusal, in the UI language. */
export function failureReason(code: ImportFailed['code'], detail = ''): string {
  return t(FAILURE_KEYS[code], { detail });
}

/** The record a read document becomes: the reader's metadata, a title from the file name when the text has none, given fields on top. */
export function documentInputOf(d: ImportedDoc): DocumentInput {
  const m = d.built.metadata;
  const fields = fieldsFromMetadata(m);
  const input: DocumentInput = {
    ...fields,
    title: d.given.title ?? (fields.title || d.nameTitle),
    yearSource: m.yearSource ?? '',
    url: d.url,
    text: d.built.text,
    script: m.script,
    source: d.capture,
    capturedAt: d.capture.capturedAt,
  };
  if (d.given.org) input.orgs = [d.given.org];
  if (d.given.date) input.date = d.given.date;
  if (d.given.year !== undefined) {
    input.year = d.given.year;
    input.yearSource = 'given';
  }
  return input;
}

/**
 * What a fetched document takes from the link it was fetched by and the page that linked it, where
 * the file itself gives nothing: the title (the link's text, else the page's title), the date a list
 * shows, and the page's 文号.
 */
export function withLinkFallbacks(input: DocumentInput, d: ImportedDoc, source: ImportSource): DocumentInput {
  const ownTitle = d.given.title ?? d.built.metadata.title;
  const out = { ...input };
  if (!ownTitle) out.title = source.title?.trim() || source.fromPage?.title || input.title;
  if (!out.date && source.date) out.date = source.date;
  if (!out.docNumber && source.fromPage?.docNumber) out.docNumber = source.fromPage.docNumber;
  if (out.year === null && out.date && /^\d{4}/.test(out.date)) {
    out.year = Number(out.date.slice(0, 4));
    out.yearSource = 'date';
  }
  return out;
}

function originalOf(d: ImportedDoc & { sha256: string }, bytes: Uint8Array, source: ImportSource): Omit<OriginalRecord, 'uid'> {
  const own = d.lineBytes ?? bytes;
  const original: Omit<OriginalRecord, 'uid'> = {
    kind: source.page ? 'page' : 'file',
    name: source.page ? '' : d.path,
    url: d.url,
    mediaType: mediaTypeOf(d.format),
    bytes: own,
    size: own.byteLength,
    sha256: d.sha256,
    capturedAt: d.capture.capturedAt,
  };
  const modified = source.file.lastModified;
  if (!source.url && typeof modified === 'number' && Number.isFinite(modified) && modified > 0) original.fileModifiedAt = new Date(modified).toISOString();
  if (source.fromPage) original.fromPage = { ...source.fromPage };
  return original;
}

/**
 * Import files into the library. Never throws for a bad file: each is in the summary's `failed` with
 * its reason. Cancelling (the signal) stops at once, the file being read included; the documents of
 * the files read before are written whole (a batch is one transaction), so nothing is half-imported. A database failure stops the import and rejects (what was written
 * before stays, batch by batch).
 */
export async function runImport(db: DB, picked: readonly ImportSource[], opts: ImportOptions): Promise<ImportSummary> {
  const sources = importableSources(picked);
  const summary: ImportSummary = { added: [], duplicates: [], failed: [], warnings: [], notRead: 0, cancelled: false };
  const now = (opts.now ?? new Date()).toISOString();
  const progress = (current: string, done: number) =>
    opts.onProgress?.({ done, total: sources.length, added: summary.added.length, duplicates: summary.duplicates.length, failed: summary.failed.length, current });
  const worker = (opts.createWorker ?? createImportWorker)();
  const pending = new Map<number, (m: FromImportWorker) => void>();
  let crashed: string | null = null;
  worker.onmessage = (e) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  worker.onerror = (e) => {
    // A worker that dies (out of memory on a huge file) fails the file it was reading, then is replaced.
    crashed = e.message || 'the import worker stopped';
    for (const [id, resolve] of pending) resolve({ type: 'error', id, message: crashed });
    pending.clear();
  };
  let batch: ImportItem[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    batchSize = 0;
    for (const r of await importDocuments(db, items)) {
      if (r.status === 'added') summary.added.push({ path: r.path, id: r.id, title: r.title });
      else if (r.status === 'duplicate') summary.duplicates.push({ path: r.path, id: r.id, title: r.title });
      else summary.failed.push({ path: r.path, code: 'invalid', reason: failureReason('invalid', r.problem) });
    }
  };
  let current = worker;
  try {
    for (let i = 0; i < sources.length; i++) {
      if (opts.signal?.aborted) {
        summary.cancelled = true;
        summary.notRead = sources.length - i;
        break;
      }
      const source = sources[i]!;
      progress(source.path, i);
      if (crashed) {
        current.terminate();
        current = (opts.createWorker ?? createImportWorker)();
        current.onmessage = worker.onmessage;
        current.onerror = worker.onerror;
        crashed = null;
      }
      // Cancelling stops the file being read too (a large PDF can take a while): its worker is
      // dropped, the file counted as not read, and nothing of it is written.
      const reply = await new Promise<FromImportWorker | null>((resolve) => {
        const signal = opts.signal;
        if (signal?.aborted) return resolve(null);
        const onAbort = () => {
          pending.delete(i);
          resolve(null);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(i, (m) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(m);
        });
        current.postMessage({ id: i, path: source.path, file: source.file, assets: opts.assets, now });
      });
      if (reply === null) {
        summary.cancelled = true;
        summary.notRead = sources.length - i;
        break;
      }
      if (reply.type === 'error') {
        summary.failed.push({ path: source.path, code: 'unreadable', reason: failureReason('unreadable', reply.message), detail: reply.message });
      } else {
        for (const f of reply.failures) summary.failed.push({ ...f, reason: failureReason(f.code, f.detail ?? '') });
        for (const fetched of reply.docs) {
          const d = source.url ? { ...fetched, url: source.url, capture: { ...fetched.capture, url: source.url } } : fetched;
          for (const w of d.warnings) summary.warnings.push({ path: d.path, text: w });
          batch.push({ path: d.path, input: withLinkFallbacks(documentInputOf(d), d, source), original: originalOf(d, reply.bytes, source) });
          batchSize += (d.lineBytes ?? reply.bytes).byteLength;
        }
      }
      if (batch.length >= (opts.batchDocs ?? BATCH_DOCS) || batchSize >= (opts.batchBytes ?? BATCH_BYTES)) await flush();
    }
    await flush();
    progress('', summary.cancelled ? sources.length - summary.notRead : sources.length);
    return summary;
  } finally {
    current.terminate();
  }
}

/** An import's failure (the database, not a file) as one line in the UI language. */
export function importErrorMessage(err: unknown): string {
  return t('import.failed', { problem: libraryErrorMessage(err) });
}
