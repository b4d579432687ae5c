// The whole library as one backup file, and its restore/merge into another browser's library.
//
// Format version 2 is NDJSON: one JSON value per line — a header, then one line per document (with
// its analysis), lexicon entry and setting, then an end line with the counts. It is written as a
// Blob of many small parts (never one giant string: V8 caps a string at ~537 M characters) and read
// back line by line from the file's stream, so neither side holds the library as one string.
// Version 1 files (one JSON object) are still read.
//
// Restoring validates every element on its own: a bad one is reported by its position and skipped,
// the rest is restored. Documents keep their uid (the stable key) and, where it is free, their id.
// Two documents of the file with the same URL ("Keep both") both come back. Writes go in batches,
// each one transaction: a document and its analysis are stored together or not at all.
import { CodedError, t, type Message } from './i18n';
import type { DocAnalysis } from '../analysis/types';
import {
  countChars,
  hashText,
  joinOrgs,
  newUid,
  textHashOf,
  validateAnalysis,
  validateDocument,
  type DB,
  type DocumentRecord,
  type LexiconEntry,
  type SettingRecord,
  type StoredAnalysis,
} from './db';
import { ensureFreeSpace, type StorageLike } from './storage';
import { MERGED_LIST_SETTINGS } from './settings';
import { mergeRestoredLists, newRestoreState, writeRestoreBatch, type IncomingDoc } from './library';

export const BACKUP_FORMAT = 'tifa-lens-backup';
/** The version written. 1: one JSON object (still read). 2: NDJSON lines. */
export const BACKUP_VERSION = 2;

/** A version 1 file: one JSON object. */
export interface BackupFileV1 {
  format: typeof BACKUP_FORMAT;
  version: 1;
  exportedAt: string;
  documents: DocumentRecord[];
  analyses: DocAnalysis[];
  lexicon: LexiconEntry[];
  settings: SettingRecord[];
}

/** Lines of a version 2 file after the header. */
export type BackupLine =
  | { kind: 'document'; document: DocumentRecord; analysis: StoredAnalysis | null }
  | { kind: 'lexicon'; entry: LexiconEntry }
  | { kind: 'setting'; setting: SettingRecord }
  | { kind: 'end'; counts: BackupCounts };

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  counts: BackupCounts;
}

export interface BackupCounts {
  documents: number;
  lexicon: number;
  settings: number;
}

/**
 * One element of a file that was not restored, and why. `position` and `problem` are the English
 * texts (logs, tests); `detail` is the same as a Message, for the UI to show in its language.
 */
export class RestoreProblem {
  /** "line 12", or for a version 1 file "document 3", "lexicon entry 2", "setting 1 item 4". */
  readonly position: string;
  readonly problem: string;
  readonly #detail: Message;
  readonly #parts: ProblemData;
  constructor(position: Message, problem: Message) {
    this.position = t(position.key, position.params, 'en');
    this.problem = t(problem.key, problem.params, 'en');
    this.#detail = { key: 'restore.problem', params: { position, problem } };
    this.#parts = { position, problem };
  }
  /** "position: problem" as a Message. */
  get detail(): Message {
    return this.#detail;
  }
  /** The two Messages as plain data (a class does not cross from a worker). */
  toData(): ProblemData {
    return this.#parts;
  }
}

/** A RestoreProblem as plain data. */
export interface ProblemData {
  position: Message;
  problem: Message;
}

export interface RestoreReport {
  added: number;
  updated: number;
  skipped: number;
  lexiconAdded: number;
  /** Added under a new id because the receiving library uses the file's id for another document. */
  renumbered: number;
  /** Elements skipped as malformed, by position (the rest was restored). */
  problems: RestoreProblem[];
  /** The file ends before its end line (cut short): what it held was restored. */
  truncated: boolean;
  /** Stopped by the user: the batches written before stayed whole, nothing after them was written. */
  cancelled: boolean;
}

export interface Progress {
  done: number;
  total: number;
}

/** How far a restore is: bytes of the file read, and documents written (added, updated or skipped as present). */
export interface RestoreProgress {
  bytesRead: number;
  totalBytes: number;
  documents: number;
}

/** Documents written per transaction by a restore: a cancel or a failure leaves whole batches only. */
export const RESTORE_BATCH = 500;

/** One-line error naming the file and the problem (a Message, so the settings page shows it in its language). */
export class BackupError extends CodedError {
  constructor(fileName: string, problem: Message) {
    super({ key: 'backup.error', params: { file: fileName, problem } });
    this.name = 'BackupError';
  }
}

/** Where an element of a file is: "line 12", "document 3", "setting 1 item 4". */
const at = {
  line: (n: number): Message => ({ key: 'backup.at.line', params: { n } }),
  document: (n: number): Message => ({ key: 'backup.at.document', params: { n } }),
  lexicon: (n: number): Message => ({ key: 'backup.at.lexicon', params: { n } }),
  setting: (n: number): Message => ({ key: 'backup.at.setting', params: { n } }),
  item: (position: Message, n: number): Message => ({ key: 'backup.at.item', params: { position, n } }),
  end: (): Message => ({ key: 'backup.at.end' }),
};

/** Documents read (and written) per database request: bounds what is in memory at once. */
const PAGE = 100;
/** Parts collected before they are folded into a Blob (the browser keeps Blob data out of the JS heap). */
const PARTS_PER_BLOB = 500;

export function backupFileName(now: Date = new Date()): string {
  return `tifa-lens-backup-${now.toISOString().slice(0, 10)}.ndjson`;
}

/** Folds many small strings into Blobs as it goes, so no single string holds the file. */
class BlobBuilder {
  private parts: string[] = [];
  private blobs: Blob[] = [];
  add(line: string): void {
    this.parts.push(line, '\n');
    if (this.parts.length >= PARTS_PER_BLOB * 2) this.fold();
  }
  private fold(): void {
    if (this.parts.length) this.blobs.push(new Blob(this.parts));
    this.parts = [];
  }
  build(type: string): Blob {
    this.fold();
    return new Blob(this.blobs, { type });
  }
}

export interface BackupOptions {
  now?: Date;
  onProgress?: (p: Progress) => void;
}

/**
 * The library as a version 2 backup. Read in one read transaction (a consistent snapshot), a page
 * of documents at a time, each line serialised on its own.
 */
export async function createBackupBlob(db: DB, opts: BackupOptions = {}): Promise<Blob> {
  const now = opts.now ?? new Date();
  return db.transaction('r', [db.documents, db.analyses, db.lexicon, db.settings], async () => {
    const out = new BlobBuilder();
    const lexicon = await db.lexicon.toArray();
    const settings = await db.settings.toArray();
    const total = await db.documents.count();
    const counts: BackupCounts = { documents: total, lexicon: lexicon.length, settings: settings.length };
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), counts };
    out.add(JSON.stringify(header));
    let done = 0;
    let page = await db.documents.limit(PAGE).toArray();
    while (page.length) {
      const analyses = await db.analyses.bulkGet(page.map((d) => String(d.id)));
      page.forEach((document, i) => {
        const line: BackupLine = { kind: 'document', document, analysis: analyses[i] ?? null };
        out.add(JSON.stringify(line));
      });
      done += page.length;
      opts.onProgress?.({ done, total });
      if (page.length < PAGE) break;
      const last = page[page.length - 1]?.id ?? 0;
      page = await db.documents.where(':id').above(last).limit(PAGE).toArray();
    }
    for (const entry of lexicon) out.add(JSON.stringify({ kind: 'lexicon', entry } satisfies BackupLine));
    for (const setting of settings) out.add(JSON.stringify({ kind: 'setting', setting } satisfies BackupLine));
    out.add(JSON.stringify({ kind: 'end', counts: { ...counts, documents: done } } satisfies BackupLine));
    return out.build('application/x-ndjson');
  });
}

/** The backup as text: for tests and small libraries only (a large library does not fit in one string). */
export async function backupJson(db: DB): Promise<string> {
  return (await createBackupBlob(db)).text();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- Reading ----

/** Lines of a Blob, decoded as UTF-8, without holding the whole text. */
async function* readLines(file: Blob, onBytes: (n: number) => void): AsyncGenerator<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    onBytes(value.byteLength);
    rest += decoder.decode(value, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl !== -1) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

/** An element of a file to restore, whatever the file's version. */
type Element =
  | { kind: 'document'; position: Message; value: unknown; analysis: unknown }
  | { kind: 'lexicon'; position: Message; value: unknown }
  | { kind: 'setting'; position: Message; value: unknown }
  | { kind: 'problem'; position: Message; problem: Message }
  | { kind: 'end'; position: Message };

function checkHeader(data: unknown, fileName: string): void {
  if (!isObject(data) || data.format !== BACKUP_FORMAT)
    throw new BackupError(fileName, { key: 'backup.notBackup', params: { format: BACKUP_FORMAT } });
  if (typeof data.version !== 'number' || data.version > BACKUP_VERSION || data.version < 1)
    throw new BackupError(fileName, { key: 'backup.version', params: { version: String(data.version), supported: BACKUP_VERSION } });
}

/** Stands in for the content hash during a synchronous check (the real one is computed before writing). */
const PLACEHOLDER_HASH = '0'.repeat(64);

/**
 * Check a whole backup held in memory, all or nothing: throws a BackupError naming the file and the
 * first bad element (restoring, by contrast, skips bad elements and reports them). Reads a version 1
 * object; a version 2 file is checked line by line as it is restored.
 */
export function parseBackup(text: string, fileName: string): BackupFileV1 {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupError(fileName, { key: 'backup.notJson' });
  }
  checkHeader(data, fileName);
  const file = data as Record<string, unknown>;
  for (const key of ['documents', 'analyses', 'lexicon', 'settings'] as const) {
    if (!Array.isArray(file[key])) throw new BackupError(fileName, { key: 'backup.notList', params: { key } });
  }
  (file.documents as unknown[]).forEach((d, i) => {
    try {
      if (!isObject(d)) throw new CodedError({ key: 'backup.documentNotObject' });
      const docText = typeof d.text === 'string' ? d.text : '';
      // Derived fields are recomputed on restore, never trusted from the file.
      validateDocument({
        ...d,
        org: joinOrgs(Array.isArray(d.orgs) ? (d.orgs as string[]) : []),
        chars: countChars(docText),
        contentHash: PLACEHOLDER_HASH,
        textHash: textHashOf(docText),
        uid: typeof d.uid === 'string' && d.uid !== '' ? d.uid : newUid(),
        tags: d.tags ?? [],
        edited: d.edited ?? [],
      } as DocumentRecord);
      if (d.id === undefined) throw new CodedError({ key: 'backup.documentNoId' });
    } catch (err) {
      const problem: Message = err instanceof CodedError ? err.detail : { key: 'saveFailed.other', params: { problem: String((err as Error).message ?? err) } };
      throw new BackupError(fileName, { key: 'backup.document', params: { n: i + 1, problem } });
    }
  });
  (file.analyses as unknown[]).forEach((a, i) => {
    if (!isObject(a) || typeof a.docId !== 'string' || typeof a.version !== 'string' || !Array.isArray(a.terms))
      throw new BackupError(fileName, { key: 'backup.analysis', params: { n: i + 1 } });
  });
  (file.lexicon as unknown[]).forEach((e, i) => {
    if (!validLexicon(e)) throw new BackupError(fileName, { key: 'backup.lexicon', params: { n: i + 1 } });
  });
  (file.settings as unknown[]).forEach((st, i) => {
    if (!isObject(st) || typeof st.key !== 'string') throw new BackupError(fileName, { key: 'backup.setting', params: { n: i + 1 } });
  });
  return data as BackupFileV1;
}

/** The elements of a version 1 object (analyses are matched to their documents by the old id). */
function* v1Elements(data: Record<string, unknown>, fileName: string): Generator<Element> {
  for (const key of ['documents', 'analyses', 'lexicon', 'settings'] as const) {
    if (!Array.isArray(data[key])) throw new BackupError(fileName, { key: 'backup.notList', params: { key } });
  }
  const analyses = new Map<string, unknown>();
  for (const a of data.analyses as unknown[]) if (isObject(a) && typeof a.docId === 'string') analyses.set(a.docId, a);
  for (const [i, d] of (data.documents as unknown[]).entries())
    yield { kind: 'document', position: at.document(i + 1), value: d, analysis: isObject(d) ? analyses.get(String(d.id)) : undefined };
  for (const [i, e] of (data.lexicon as unknown[]).entries()) yield { kind: 'lexicon', position: at.lexicon(i + 1), value: e };
  for (const [i, s] of (data.settings as unknown[]).entries()) yield { kind: 'setting', position: at.setting(i + 1), value: s };
  yield { kind: 'end', position: at.end() };
}

/** Every element of a backup file, version 1 or 2; throws BackupError when the file is not a backup. */
async function* fileElements(file: Blob, fileName: string, onBytes: (n: number) => void): AsyncGenerator<Element> {
  const lines = readLines(file, onBytes);
  const first = await lines.next();
  const head = first.done ? '' : first.value.replace(/^\uFEFF/, '');
  let header: unknown;
  try {
    header = JSON.parse(head);
  } catch {
    header = undefined;
  }
  if (header === undefined || (isObject(header) && header.version === 1)) {
    // Version 1: one JSON object, perhaps spread over lines by hand. Read whole (as before).
    let text = head;
    for await (const line of lines) text += '\n' + line;
    let data: unknown;
    try {
      data = header ?? JSON.parse(text);
    } catch {
      throw new BackupError(fileName, { key: 'backup.notJson' });
    }
    checkHeader(data, fileName);
    yield* v1Elements(data as Record<string, unknown>, fileName);
    return;
  }
  checkHeader(header, fileName);
  let n = 1;
  for await (const line of lines) {
    n++;
    const position = at.line(n);
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      yield { kind: 'problem', position, problem: { key: 'backup.notJson' } };
      continue;
    }
    if (!isObject(v)) yield { kind: 'problem', position, problem: { key: 'backup.documentNotObject' } };
    else if (v.kind === 'document') yield { kind: 'document', position, value: v.document, analysis: v.analysis };
    else if (v.kind === 'lexicon') yield { kind: 'lexicon', position, value: v.entry };
    else if (v.kind === 'setting') yield { kind: 'setting', position, value: v.setting };
    else if (v.kind === 'end') yield { kind: 'end', position };
    else yield { kind: 'problem', position, problem: { key: 'backup.unknownKind', params: { kind: JSON.stringify(v.kind) ?? 'undefined' } } };
  }
}

// ---- Validating one element ----

/** A document of the file with its derived fields recomputed (never trusted), or the problem. */
async function incomingDocument(position: Message, d: unknown, a: unknown): Promise<IncomingDoc | RestoreProblem> {
  try {
    if (!isObject(d)) throw new CodedError({ key: 'backup.documentNotObject' });
    if (d.id === undefined) throw new CodedError({ key: 'backup.documentNoId' });
    const text = typeof d.text === 'string' ? d.text : '';
    const record = {
      ...d,
      org: joinOrgs(Array.isArray(d.orgs) ? (d.orgs as string[]) : []),
      chars: countChars(text),
      contentHash: await hashText(text),
      textHash: textHashOf(text),
      uid: typeof d.uid === 'string' && d.uid !== '' ? d.uid : newUid(),
      tags: d.tags ?? [],
      edited: d.edited ?? [],
    } as DocumentRecord;
    validateDocument(record);
    // An analysis is restored only when it says it describes this very text (version 1 files do not).
    let analysis: StoredAnalysis | null = null;
    if (isObject(a) && a.textHash === record.textHash) {
      try {
        validateAnalysis(a as unknown as StoredAnalysis, record.id!);
        analysis = a as unknown as StoredAnalysis;
      } catch {
        analysis = null; // recomputed by the dashboard
      }
    }
    return { position, record, fileId: record.id, analysis };
  } catch (err) {
    const problem: Message = err instanceof CodedError ? err.detail : { key: 'saveFailed.other', params: { problem: String((err as Error).message ?? err) } };
    return new RestoreProblem(position, problem);
  }
}

function validLexicon(e: unknown): LexiconEntry | null {
  if (!isObject(e) || typeof e.term !== 'string' || e.term.trim() === '' || typeof e.category !== 'string' || !Array.isArray(e.aliases)) return null;
  return { term: e.term, category: e.category, aliases: e.aliases.filter((x): x is string => typeof x === 'string') };
}

/** Items of a merged list setting that are well formed; the bad ones reported by position. */
function validItems(key: string, value: unknown, position: Message, problems: RestoreProblem[]): unknown[] {
  if (!Array.isArray(value)) {
    problems.push(new RestoreProblem(position, { key: 'backup.settingNotList', params: { key } }));
    return [];
  }
  const ok = key === 'orgAliases'
    ? (v: unknown) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && v[0].trim() !== '' && v[1].trim() !== ''
    : (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const out: unknown[] = [];
  value.forEach((v, i) => {
    if (ok(v)) out.push(v);
    else problems.push(new RestoreProblem(at.item(position, i + 1), { key: key === 'orgAliases' ? 'backup.aliasPair' : 'backup.stopword' }));
  });
  return out;
}

// ---- Writing ----

export interface RestoreOptions {
  /** Bytes of the file read so far and documents written. */
  onProgress?: (p: RestoreProgress) => void;
  /** Skip the free-space check (tests that measure it themselves). */
  skipSpaceCheck?: boolean;
  /** Where free space is estimated (default navigator.storage). */
  storageManager?: StorageLike;
  /** Documents per transaction (default RESTORE_BATCH). */
  batchSize?: number;
  /** Aborted: stop after the batch being written; nothing after it is written (lexicon and settings neither). */
  signal?: { readonly aborted: boolean };
}

/**
 * Merge a backup file into a library. Every element is checked on its own (bad ones reported by
 * position and skipped); documents are written `batchSize` at a time, each batch ONE transaction
 * of the library service (utils/library.ts writeRestoreBatch), so a failure or a cancel leaves
 * whole batches only. A document already present is recognised by its uid, else (when it was in
 * the library before this restore) by URL ignoring #fragment or the same cleaned text; it is
 * updated only when the file's copy is newer (updatedAt), otherwise skipped. Throws BackupError
 * only when the file is not a readable backup at all. Runs in the restore worker
 * (utils/restore.worker.ts) for the settings page, in-process in tests.
 */
export async function restoreBackupFile(db: DB, file: Blob, fileName: string, opts: RestoreOptions = {}): Promise<RestoreReport> {
  // Restoring writes about as much as the file holds (and IndexedDB's copy may be larger).
  if (!opts.skipSpaceCheck) await ensureFreeSpace(file.size * 2, opts.storageManager);
  const batchSize = Math.max(1, opts.batchSize ?? RESTORE_BATCH);
  const report: RestoreReport = { added: 0, updated: 0, skipped: 0, lexiconAdded: 0, renumbered: 0, problems: [], truncated: true, cancelled: false };
  let read = 0;
  const progress = () => opts.onProgress?.({ bytesRead: read, totalBytes: file.size, documents: report.added + report.updated + report.skipped });
  const onBytes = (n: number) => {
    read += n;
    progress();
  };
  const state = newRestoreState();
  const seenUids = new Map<string, Message>();
  let batch: IncomingDoc[] = [];
  const lexicon: { position: Message; value: unknown }[] = [];
  const settings: { position: Message; value: unknown }[] = [];
  const stopped = () => {
    if (opts.signal?.aborted) report.cancelled = true;
    return report.cancelled;
  };

  const flush = async () => {
    if (!batch.length || stopped()) return;
    const docs = batch;
    batch = [];
    const counts = await writeRestoreBatch(db, docs, state);
    report.added += counts.added;
    report.updated += counts.updated;
    report.skipped += counts.skipped;
    report.renumbered += counts.renumbered;
    progress();
  };

  for await (const el of fileElements(file, fileName, onBytes)) {
    if (stopped()) break;
    if (el.kind === 'problem') report.problems.push(new RestoreProblem(el.position, el.problem));
    else if (el.kind === 'end') report.truncated = false;
    else if (el.kind === 'lexicon') lexicon.push(el);
    else if (el.kind === 'setting') settings.push(el);
    else {
      const inc = await incomingDocument(el.position, el.value, el.analysis);
      if (inc instanceof RestoreProblem) {
        report.problems.push(inc);
        continue;
      }
      const twin = seenUids.get(inc.record.uid);
      if (twin !== undefined) {
        report.problems.push(new RestoreProblem(el.position, { key: 'backup.uidRepeats', params: { position: twin } }));
        continue;
      }
      seenUids.set(inc.record.uid, el.position);
      batch.push(inc);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  if (stopped()) {
    // Nothing after the last whole batch: the documents read since, the lexicon and the settings stay out.
    report.truncated = false;
    return report;
  }

  const entries: LexiconEntry[] = [];
  for (const { position, value } of lexicon) {
    const entry = validLexicon(value);
    if (entry) entries.push(entry);
    else report.problems.push(new RestoreProblem(position, { key: 'backup.lexiconEntry' }));
  }
  const lists: { key: string; items: unknown[] }[] = [];
  for (const { position, value } of settings) {
    if (!isObject(value) || typeof value.key !== 'string') {
      report.problems.push(new RestoreProblem(position, { key: 'backup.settingEntry' }));
      continue;
    }
    if (!MERGED_LIST_SETTINGS.has(value.key)) continue;
    lists.push({ key: value.key, items: validItems(value.key, value.value, position, report.problems) });
  }
  report.lexiconAdded += await mergeRestoredLists(db, entries, lists);
  return report;
}

/** Restore from text already in memory (tests, small files). */
export async function restoreBackup(db: DB, text: string, fileName: string, opts: RestoreOptions = {}): Promise<RestoreReport> {
  return restoreBackupFile(db, new Blob([text]), fileName, opts);
}
