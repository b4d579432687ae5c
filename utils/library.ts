// The library service: the one owner of every write to the extension's database. Components call
// these functions and never touch a Dexie table: tags, metadata corrections, delete and undo,
// re-cleaning from the stored source (user corrections kept), the user lexicon, stopwords,
// organisation aliases and stored analyses. A bulk operation runs in ONE transaction: it changes
// every document it names or, when anything fails midway, none. Errors leave as LibraryError with
// a code the UI translates (libraryErrorMessage). The reads the dashboard needs live here too, with
// `watch` for live queries, so a page holds no query of its own.
import { liveQuery } from 'dexie';
import { buildDocument } from '../analysis/document';
import { joinOrgs, splitOrgs } from '../analysis/text';
import type { BuiltDocument } from '../analysis/types';
import {
  EDITABLE_FIELDS,
  fieldsFromMetadata,
  makeRecord,
  pageOriginalOf,
  validateDocument,
  type DocumentInput,
  type OriginalRecord,
  normaliseUrl,
  purgeExpiredTrash,
  putAnalyses,
  restoreFromTrash,
  TRASH_DAYS,
  trashDocuments,
  updateDocument,
  ValidationError,
  type DB,
  type DeletedDocument,
  type DocumentChanges,
  type DocumentCard,
  type DocumentRecord,
  type EditableField,
  type LexiconEntry,
  type LexiconRecord,
  type SettingRecord,
  type StoredAnalysis,
  type TrashEntry,
  type TrashRestoreReport,
} from './db';
import { CodedError, errorText, t, type Lang, type Message, type MessageKey } from './i18n';
import { SettingError, setSetting, type Settings } from './settings';

// ---- Errors ----

/** Why the service refused or failed an operation (each has a message in utils/i18n.ts). */
export type LibraryErrorCode =
  | 'not-found'
  | 'invalid-document'
  | 'invalid-stopwords'
  | 'invalid-org-aliases'
  | 'invalid-setting'
  | 'empty-term'
  | 'id-taken'
  | 'database';

export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    /** What exactly was wrong (a field, a word, a database message): shown inside the translated message. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'LibraryError';
  }
}

const ERROR_KEYS: Record<LibraryErrorCode, MessageKey> = {
  'not-found': 'library.error.notFound',
  'invalid-document': 'library.error.invalidDocument',
  'invalid-stopwords': 'library.error.invalidStopwords',
  'invalid-org-aliases': 'library.error.invalidOrgAliases',
  'invalid-setting': 'library.error.invalidSetting',
  'empty-term': 'library.error.emptyTerm',
  'id-taken': 'library.error.idTaken',
  database: 'library.error.database',
};

/** An error of this service (or any other) as one line in the UI language. */
export function libraryErrorMessage(err: unknown, lang?: Lang): string {
  // A coded error of another module (a document check, a backup) carries its own translated message.
  if (err instanceof CodedError) return errorText(err, lang);
  const e = toLibraryError(err);
  return t(ERROR_KEYS[e.code], { detail: e.detail }, lang);
}

/** Any failure as a LibraryError with its code. */
export function toLibraryError(err: unknown): LibraryError {
  if (err instanceof LibraryError) return err;
  if (err instanceof ValidationError) return new LibraryError('invalid-document', err.message);
  if (err instanceof SettingError) {
    const code: LibraryErrorCode =
      err.key === 'stopwords' ? 'invalid-stopwords' : err.key === 'orgAliases' ? 'invalid-org-aliases' : 'invalid-setting';
    return new LibraryError(code, err.problem);
  }
  const name = (err as { name?: unknown } | null)?.name;
  const message = String((err as Error | null)?.message ?? err);
  if (name === 'ConstraintError') return new LibraryError('id-taken', message);
  return new LibraryError('database', message);
}

/** Run an operation, its failures as LibraryErrors. */
async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toLibraryError(err);
  }
}

// ---- Documents: delete and undo, tags ----

/** Delete documents and their analyses in one transaction; returns what is needed to undo. */
export async function deleteDocuments(db: DB, ids: readonly number[], now: Date = new Date()): Promise<DeletedDocument[]> {
  // Deleting moves the documents, with their analyses, to the trash, all in one transaction.
  return guarded(() => trashDocuments(ids, db, now));
}

/**
 * Undo a deletion in one transaction: the documents come back from the trash with their ids and
 * analyses. Taken from the trash, not from the copies the toast holds: one restored from the Trash
 * meanwhile is not added twice, and one deleted forever stays deleted.
 */
export async function undoDelete(db: DB, deleted: readonly DeletedDocument[]): Promise<void> {
  const ids = deleted.map((d) => d.document.id).filter((id): id is number => id !== undefined);
  await guarded(() => restoreFromTrash(ids, db));
}

// ---- Trash ----

/** Remove for good what has been in the trash longer than it keeps documents; the count removed. */
export async function purgeTrash(db: DB, now: Date = new Date()): Promise<number> {
  const purged = await guarded(() => purgeExpiredTrash(now, db));
  // Their originals (kept as evidence while the document could still come back) go with them.
  if (purged) await dropOrphanOriginals(db);
  return purged;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days a document deleted at `deletedAt` has left before purgeTrash removes it (rounded up:
 * "1 day left" until the last moment; 0 once it is due). An unreadable date counts as due.
 */
export function trashDaysLeft(deletedAt: string, now: Date = new Date()): number {
  const at = Date.parse(deletedAt);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at + TRASH_DAYS * DAY_MS - now.getTime()) / DAY_MS));
}

/** A trashed document as the Trash list shows it (the text and capture stay in the database). */
export interface TrashItem {
  id: number;
  title: string;
  orgs: string[];
  chars: number;
  deletedAt: string;
  daysLeft: number;
  /** It comes back with its analysis (false: it is analysed again after restoring). */
  analysed: boolean;
}

/** The trash, most recently deleted first, as summaries: each entry is read and let go, never all held at once. */
export function readTrash(db: DB, now: Date = new Date()): Promise<TrashItem[]> {
  // An explicit transaction, as in readDocumentsPaged: inside a liveQuery an implicit read would
  // keep every full entry in Dexie's cache.
  return guarded(() =>
    db.transaction('r', db.trash, async () => {
      const out: TrashItem[] = [];
      await db.trash.orderBy('deletedAt').reverse().each((e: TrashEntry) => {
        const d = e.document as Partial<DocumentRecord> | undefined;
        out.push({
          id: e.id,
          title: typeof d?.title === 'string' ? d.title : '',
          orgs: Array.isArray(d?.orgs) ? d.orgs.filter((o): o is string => typeof o === 'string') : [],
          chars: typeof d?.chars === 'number' ? d.chars : 0,
          deletedAt: e.deletedAt,
          daysLeft: trashDaysLeft(e.deletedAt, now),
          analysed: e.analysis !== null && e.analysis?.textHash === d?.textHash,
        });
      });
      return out;
    }),
  );
}

/** How many documents the trash holds (read from the index alone). */
export function countTrash(db: DB): Promise<number> {
  return guarded(() => db.trash.count());
}

/**
 * Bring documents back from the trash in one transaction, with their metadata, tags, corrections
 * and (when it still describes their text) their analysis; one without an analysis is analysed
 * again by the dashboard like any new document.
 */
export function restoreTrashed(db: DB, ids: readonly number[]): Promise<TrashRestoreReport> {
  return guarded(() => restoreFromTrash(ids, db));
}

/** Remove documents from the trash for good, in one transaction; the count removed. */
export async function deleteForever(db: DB, ids: readonly number[]): Promise<number> {
  const removed = await guarded(() =>
    db.transaction('rw', db.trash, async () => {
      const unique = [...new Set(ids)];
      // Counted from the key index: the entries (whole documents) are not loaded to be deleted.
      const present = await db.trash.where(':id').anyOf(unique).count();
      await db.trash.bulkDelete(unique);
      return present;
    }),
  );
  // Their originals go with them, as when the trash is purged.
  if (removed) await dropOrphanOriginals(db);
  return removed;
}

/** Remove everything in the trash for good; the count removed. */
export async function emptyTrash(db: DB): Promise<number> {
  const removed = await guarded(() =>
    db.transaction('rw', db.trash, async () => {
      const n = await db.trash.count();
      await db.trash.clear();
      return n;
    }),
  );
  if (removed) await dropOrphanOriginals(db);
  return removed;
}

// ---- Restoring a backup: batches written in one transaction each (utils/backup.ts reads and checks the file) ----

/** A document of a backup file, checked by utils/backup.ts, its derived fields recomputed: ready to be written. */
export interface IncomingDoc {
  /** Where it is in the file ("line 12"). */
  position: Message;
  record: DocumentRecord;
  /** The file's id, kept when the receiving library has it free. */
  fileId: number | undefined;
  analysis: StoredAnalysis | null;
}

/** What a restore remembers between its batches. */
export interface RestoreState {
  /** Documents of the receiving library already matched by an element of the file. */
  claimed: Set<number>;
  /** Ids this restore added: never taken as "already present" by a later element. */
  added: Set<number>;
}

export function newRestoreState(): RestoreState {
  return { claimed: new Set(), added: new Set() };
}

export interface RestoreBatchCounts {
  added: number;
  updated: number;
  skipped: number;
  renumbered: number;
}

/** Documents of the library the incoming one repeats (same URL ignoring #fragment, or same text). */
async function sameDocument(db: DB, r: DocumentRecord): Promise<DocumentRecord[]> {
  const wanted = normaliseUrl(r.url);
  const byUrl = await db.documents.where('url').anyOf([...new Set([r.url, wanted])]).toArray();
  const byFragment = await db.documents.where('url').startsWith(wanted + '#').toArray();
  const byText = await db.documents.where('contentHash').equals(r.contentHash).toArray();
  return [...byUrl, ...byFragment, ...byText];
}

/**
 * Write one batch of checked documents of a backup (with their analyses) in ONE transaction: all
 * of the batch is stored or, when anything fails, none of it (and `state` is left as it was).
 * A document the library holds (same uid, else same URL or text and not matched before) is
 * updated when the file's copy is newer, else skipped; two documents of one URL in the file
 * ("Keep both") stay two. The file's id is kept where it is free.
 */
export async function writeRestoreBatch(db: DB, docs: readonly IncomingDoc[], state: RestoreState): Promise<RestoreBatchCounts> {
  const claimed = new Set(state.claimed);
  const added = new Set(state.added);
  const counts: RestoreBatchCounts = { added: 0, updated: 0, skipped: 0, renumbered: 0 };
  // Errors leave as they came (not as LibraryError): the caller names a full disk from the DOM error.
  await db.transaction('rw', db.documents, db.analyses, async () => {
    for (const inc of docs) {
      const incoming = inc.record;
      let match = await db.documents.where('uid').equals(incoming.uid).first();
      if (!match) match = (await sameDocument(db, incoming)).find((d) => d.id !== undefined && !claimed.has(d.id) && !added.has(d.id));
      if (match?.id !== undefined) {
        claimed.add(match.id);
        if (!(incoming.updatedAt > match.updatedAt)) {
          counts.skipped++;
          continue;
        }
        const updated: DocumentRecord = { ...incoming, id: match.id, uid: match.uid, tags: [...new Set([...match.tags, ...incoming.tags])] };
        await db.documents.put(updated);
        // The stored analysis described the old copy; the file's describes the new text only if its hash says so.
        await db.analyses.delete(String(match.id));
        if (inc.analysis) await db.analyses.put({ ...inc.analysis, docId: String(match.id) });
        counts.updated++;
        continue;
      }
      const { id: _fileId, ...rest } = incoming;
      const free = inc.fileId !== undefined && (await db.documents.get(inc.fileId)) === undefined;
      const newId = (free ? await db.documents.add({ ...rest, id: inc.fileId } as DocumentRecord) : await db.documents.add(rest as DocumentRecord)) as number;
      if (!free) counts.renumbered++;
      added.add(newId);
      claimed.add(newId);
      if (inc.analysis) await db.analyses.put({ ...inc.analysis, docId: String(newId) });
      counts.added++;
    }
  });
  // Committed: only now does the restore remember what the batch matched and added.
  for (const id of claimed) state.claimed.add(id);
  for (const id of added) state.added.add(id);
  return counts;
}

function mergeList(existing: unknown, incoming: readonly unknown[]): unknown[] {
  const base = Array.isArray(existing) ? existing : [];
  const seen = new Set(base.map((v) => JSON.stringify(v)));
  // For alias pairs, the receiving browser's mapping of an alias wins over the file's.
  const aliasKeys = new Set(base.filter(Array.isArray).map((p) => JSON.stringify((p as unknown[])[0])));
  const out = [...base];
  for (const v of incoming) {
    const key = JSON.stringify(v);
    if (seen.has(key)) continue;
    if (Array.isArray(v) && aliasKeys.has(JSON.stringify(v[0]))) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/**
 * The checked lexicon entries and list settings of a backup, merged in one transaction: a term
 * already in the lexicon is kept as it is; list items are added to what the library has. Returns
 * the lexicon entries added.
 */
export async function mergeRestoredLists(db: DB, entries: readonly LexiconEntry[], lists: readonly { key: string; items: readonly unknown[] }[]): Promise<number> {
  return db.transaction('rw', db.lexicon, db.settings, async () => {
    let lexiconAdded = 0;
    const terms = new Set((await db.lexicon.toArray()).map((e) => e.term));
    for (const entry of entries) {
      if (terms.has(entry.term)) continue;
      terms.add(entry.term);
      await db.lexicon.add(entry);
      lexiconAdded++;
    }
    for (const { key, items } of lists) {
      const current = await db.settings.get(key);
      await db.settings.put({ key, value: mergeList(current?.value, items) });
    }
    return lexiconAdded;
  });
}

function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}

/** Add a tag to documents in one transaction; returns how many documents gained it. */
export async function addTag(db: DB, ids: readonly number[], tag: string): Promise<number> {
  const clean = normaliseTag(tag);
  if (!clean) return 0;
  return guarded(() =>
    db.transaction('rw', db.documents, db.analyses, async () => {
      let changed = 0;
      for (const id of ids) {
        const rec = await db.documents.get(id);
        if (!rec || rec.tags.includes(clean)) continue;
        await updateDocument(id, { tags: [...rec.tags, clean] }, { mode: 'user' }, db);
        changed++;
      }
      return changed;
    }),
  );
}

export async function removeTag(db: DB, id: number, tag: string): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.documents, db.analyses, async () => {
      const rec = await db.documents.get(id);
      if (!rec || !rec.tags.includes(tag)) return;
      await updateDocument(id, { tags: rec.tags.filter((x) => x !== tag) }, { mode: 'user' }, db);
    }),
  );
}

/** The editable metadata as strings, the way the inline editor shows them. */
export interface MetadataDraft {
  title: string;
  /** Organisations joined with the shared separator (；); semicolons, commas or line breaks when typed. */
  orgs: string;
  docNumber: string;
  date: string;
  year: string;
  docType: string;
  author: string;
  publication: string;
}

export function draftOf(r: Omit<DocumentRecord, 'source' | 'text'>): MetadataDraft {
  return {
    title: r.title,
    orgs: joinOrgs(r.orgs),
    docNumber: r.docNumber,
    date: r.date,
    year: r.year === null ? '' : String(r.year),
    docType: r.docType,
    author: r.author ?? '',
    publication: r.publication ?? '',
  };
}


/** Only the fields that differ from the record (so untouched fields are not marked as edited). */
export function changesFromDraft(r: DocumentRecord, d: MetadataDraft): DocumentChanges {
  const changes: DocumentChanges = {};
  if (d.title.trim() !== r.title) changes.title = d.title.trim();
  const orgs = splitOrgs(d.orgs);
  if (orgs.join('\u0000') !== r.orgs.join('\u0000')) changes.orgs = orgs;
  if (d.docNumber.trim() !== r.docNumber) changes.docNumber = d.docNumber.trim();
  if (d.date.trim() !== r.date) changes.date = d.date.trim();
  const yearText = d.year.trim();
  const year = yearText === '' ? null : Number(yearText);
  if (year !== r.year) changes.year = year;
  if (d.docType.trim() !== r.docType) changes.docType = d.docType.trim();
  if (d.author.trim() !== (r.author ?? '')) changes.author = d.author.trim();
  if (d.publication.trim() !== (r.publication ?? '')) changes.publication = d.publication.trim();
  return changes;
}

/** Save the user's corrections; each changed field joins `edited` (kept by later re-cleaning). */
export async function saveMetadata(db: DB, id: number, draft: MetadataDraft): Promise<DocumentRecord | null> {
  return guarded(async () => {
    const rec = await db.documents.get(id);
    if (!rec) return null;
    const changes = changesFromDraft(rec, draft);
    if (Object.keys(changes).length === 0) return rec;
    return updateDocument(id, changes, { mode: 'user' }, db);
  });
}

/** Clean the stored source again with today's cleaner; null when there is no source text. */
export function rebuild(record: DocumentRecord): BuiltDocument | null {
  const s = record.source;
  if (!s || ((s.articleText ?? '').trim() === '' && (s.pageText ?? '').trim() === '')) return null;
  return buildDocument(s);
}

/**
 * Re-clean a document from its stored source. Fields the user corrected (`edited`) keep their
 * values; the text and every other field take the cleaner's new reading. Returns null when there
 * is no source to clean from.
 */
export async function recleanDocument(db: DB, id: number): Promise<DocumentRecord | null> {
  // No outer transaction: the new text is hashed (crypto.subtle) before updateDocument's own one.
  const rec = await guarded(() => db.documents.get(id));
  if (!rec) return null;
  const built = rebuild(rec);
  if (!built || built.text.trim() === '') return null;
  const m = built.metadata;
  const fresh: Record<EditableField, unknown> = fieldsFromMetadata(m);
  const changes: DocumentChanges = { text: built.text, script: m.script };
  for (const f of EDITABLE_FIELDS) {
    // An unknown field in the new reading does not erase what the record knows.
    const v = fresh[f];
    if (v === '' || v === null || (Array.isArray(v) && v.length === 0)) continue;
    (changes as Record<string, unknown>)[f] = v;
  }
  if (changes.year !== undefined) changes.yearSource = m.yearSource ?? '';
  return guarded(() => updateDocument(id, changes, { mode: 'recapture' }, db));
}

// ---- The user lexicon ----

function cleanForms(forms: readonly string[], term: string): string[] {
  return [...new Set(forms.map((f) => f.trim()).filter((f) => f !== '' && f !== term))];
}

/**
 * Add a formulation to the user lexicon: the one rule for every "add to lexicon" of the product.
 * A new term is stored with its category and aliases. A term already there takes the new category
 * and KEEPS its aliases, the new ones added (an alias is never lost by adding the term again).
 */
export async function addToLexicon(
  db: DB,
  entry: { term: string; category: string; aliases?: readonly string[] },
): Promise<LexiconRecord> {
  const term = entry.term.trim();
  if (!term) throw new LibraryError('empty-term', JSON.stringify(entry.term));
  const category = entry.category.trim() || 'user';
  const aliases = cleanForms(entry.aliases ?? [], term);
  return guarded(() =>
    db.transaction('rw', db.lexicon, async () => {
      const existing = await db.lexicon.where('term').equals(term).first();
      if (existing?.id !== undefined) {
        const next: LexiconRecord = { ...existing, category, aliases: cleanForms([...existing.aliases, ...aliases], term) };
        await db.lexicon.put(next);
        return next;
      }
      const record: LexiconRecord = { term, category, aliases };
      const id = await db.lexicon.add(record);
      return { ...record, id };
    }),
  );
}

export async function removeLexiconEntry(db: DB, id: number): Promise<void> {
  await guarded(() => db.lexicon.delete(id));
}

/** The user's lexicon entries as stored. */
export function readUserLexicon(db: DB): Promise<LexiconRecord[]> {
  return db.lexicon.toArray();
}

// ---- Settings the analysis depends on (validated by the registry in ./settings) ----

/** Store the user's stopwords; a bad word is refused with 'invalid-stopwords', nothing stored. */
export async function saveStopwords(db: DB, words: readonly string[]): Promise<void> {
  await guarded(() => setSetting('stopwords', [...new Set(words.map((w) => w.trim()).filter(Boolean))], db));
}

/** Store the user's organisation aliases ([alias, canonical] pairs); bad pairs are refused with 'invalid-org-aliases'. */
export async function saveOrgAliases(db: DB, pairs: Settings['orgAliases']): Promise<void> {
  await guarded(() => setSetting('orgAliases', pairs.map(([a, c]) => [a, c] as [string, string]), db));
}

/** Every stored setting row (the dashboard reads them through the registry, ./settings readSetting). */
export function readSettingRows(db: DB): Promise<SettingRecord[]> {
  return db.settings.toArray();
}

// ---- Stored analyses ----

/**
 * Store a batch of analyses in one transaction, skipping documents deleted (or gone) while the
 * worker was busy; returns the analyses written.
 */
/**
 * Store analyses through putAnalyses: only those whose text hash still matches the stored text are
 * written; `stale` are those whose document's text changed meanwhile (the caller re-queues them),
 * and results for deleted documents are dropped.
 */
export async function writeAnalyses(db: DB, batch: readonly StoredAnalysis[]): Promise<StoredAnalysis[] & { stale: string[] }> {
  return guarded(async () => {
    const { written, stale } = await putAnalyses(batch, db);
    return Object.assign(written, { stale });
  });
}

/** (docId → version and text hash) of every stored analysis, read from the indexes alone (no record is loaded). */
export async function readAnalysisVersions(db: DB): Promise<Map<string, { version: string; textHash: string }>> {
  const byVersion = db.analyses.orderBy('version');
  const byHash = db.analyses.orderBy('textHash');
  const [versions, ids, hashes, hashIds] = await Promise.all([byVersion.keys(), byVersion.primaryKeys(), byHash.keys(), byHash.primaryKeys()]);
  const hashOf = new Map<string, string>();
  hashIds.forEach((id, i) => hashOf.set(String(id), String(hashes[i])));
  const out = new Map<string, { version: string; textHash: string }>();
  ids.forEach((id, i) => out.set(String(id), { version: String(versions[i]), textHash: hashOf.get(String(id)) ?? '' }));
  return out;
}

/** Analysis cards (utils/db analysisCardOf: no term counts) by docId, in the order asked. */
export async function readAnalysisCards(db: DB, docIds: readonly string[]): Promise<(StoredAnalysis | undefined)[]> {
  return docIds.length ? db.analysisCards.bulkGet([...docIds]) : [];
}

/**
 * Every analysis card, read `page` rows at a time (as readCardsPaged): on the first read of a page
 * that holds none yet, this gives versions and text hashes with the cards, where readAnalysisVersions
 * walks two indexes key by key first (13 s of a 10,000-document opening, in a trace).
 */
export function readAllAnalysisCards(db: DB, page: number): Promise<StoredAnalysis[]> {
  return db.transaction('r', db.analysisCards, async () => {
    const out: StoredAnalysis[] = [];
    let rows = await db.analysisCards.limit(page).toArray();
    while (rows.length) {
      out.push(...rows);
      const last = rows[rows.length - 1]?.docId;
      if (rows.length < page || last === undefined) break;
      rows = await db.analysisCards.where(':id').above(last).limit(page).toArray();
    }
    return out;
  });
}

// ---- Documents: reads ----

/** The cleaned text of a document; '' when there is no such document. */
export async function readText(db: DB, docId: string): Promise<string> {
  return (await db.texts.get(Number(docId)))?.text ?? '';
}

/** A document's cleaned text with the hash of exactly that text; undefined when there is no such document. */
export async function readTextWithHash(db: DB, docId: string): Promise<{ text: string; textHash: string } | undefined> {
  const r = await db.texts.get(Number(docId));
  return r ? { text: r.text, textHash: r.textHash } : undefined;
}

/**
 * Every document's card (utils/db DocumentCard: no texts) mapped through `map`, read `page` rows at
 * a time, so the transient memory of one read stays bounded however large the library.
 */
export function readCardsPaged<T>(db: DB, map: (card: unknown) => T, page: number): Promise<T[]> {
  // An explicit transaction: Dexie 4 keeps the results of implicit read queries made inside a
  // liveQuery in its cache (for optimistic updates), which would keep every row read alive.
  return db.transaction('r', db.cards, async () => {
    const out: T[] = [];
    let rows: DocumentCard[] = await db.cards.limit(page).toArray();
    while (rows.length) {
      for (const r of rows) out.push(map(r));
      const last = rows[rows.length - 1]?.id;
      if (rows.length < page || last === undefined) break;
      rows = await db.cards.where(':id').above(last).limit(page).toArray();
    }
    return out;
  });
}

/** Run `query` now and again whenever a table it read changes; returns the unsubscribe function. */
export function watch<T>(query: () => Promise<T>, next: (value: T) => void, error?: (err: unknown) => void): () => void {
  const sub = liveQuery(query).subscribe({ next, error: error ?? ((err) => console.error('library query failed', err)) });
  return () => sub.unsubscribe();
}


// ---- Imported files and originals (evidence) ----

/** One document to import with the original it was read from (the uid is the document's). */
export interface ImportItem {
  /** Names the item in the summary: the file's path inside what was picked (with #line for jsonl). */
  path: string;
  input: DocumentInput;
  original: Omit<OriginalRecord, 'uid'>;
}

export type ImportItemResult =
  | { path: string; status: 'added'; id: number; title: string }
  /** The library (or an earlier file of the same import) already holds this text. */
  | { path: string; status: 'duplicate'; id: number; title: string }
  | { path: string; status: 'invalid'; problem: string };

/**
 * Store imported documents, each with its original, in ONE transaction: every document of the batch
 * and its original are written, or (when the database fails) none. A document whose normalised text
 * the library already holds (or an earlier item of the batch) is skipped as a duplicate; the file's
 * name or URL never makes a duplicate (many attachments are all called 附件1.pdf). A document that
 * fails a check is reported, and the rest go on.
 */
export async function importDocuments(db: DB, items: readonly ImportItem[]): Promise<ImportItemResult[]> {
  // Hashing (crypto.subtle) before the transaction: a transaction commits when it awaits anything else.
  const prepared: ({ item: ImportItem; record: DocumentRecord } | { item: ImportItem; problem: string })[] = [];
  for (const item of items) {
    try {
      const record = await makeRecord(item.input);
      validateDocument(record);
      prepared.push({ item, record });
    } catch (err) {
      prepared.push({ item, problem: libraryErrorMessage(err) });
    }
  }
  return guarded(() =>
    db.transaction('rw', db.documents, db.originals, async () => {
      const out: ImportItemResult[] = [];
      const seen = new Map<string, { id: number; title: string }>();
      for (const p of prepared) {
        if ('problem' in p) {
          out.push({ path: p.item.path, status: 'invalid', problem: p.problem });
          continue;
        }
        const { record, item } = p;
        const stored = seen.has(record.contentHash) ? undefined : await db.documents.where('contentHash').equals(record.contentHash).first();
        const earlier = seen.get(record.contentHash) ?? (stored?.id !== undefined ? { id: stored.id, title: stored.title } : undefined);
        if (earlier) {
          out.push({ path: item.path, status: 'duplicate', id: earlier.id, title: earlier.title });
          continue;
        }
        const id = (await db.documents.add(record)) as number;
        await db.originals.put({ ...item.original, uid: record.uid });
        seen.set(record.contentHash, { id, title: record.title });
        out.push({ path: item.path, status: 'added', id, title: record.title });
      }
      return out;
    }),
  );
}

/** Keep a clipped page's captured HTML as its original (replacing the one of an earlier capture). */
export async function keepPageOriginal(db: DB, record: DocumentRecord): Promise<void> {
  const original = pageOriginalOf(record);
  if (original) await guarded(() => db.originals.put(original));
}

/**
 * A document's original, by the document's uid: the one stored, else (a page restored from a
 * backup, which carries no originals) the HTML its record still holds as captured; null when
 * neither exists.
 */
export async function readOriginal(db: DB, uid: string): Promise<OriginalRecord | null> {
  return guarded(async () => {
    const stored = await db.originals.get(uid);
    if (stored) return stored;
    const record = await db.documents.where('uid').equals(uid).first();
    return record ? pageOriginalOf(record) : null;
  });
}

/** Remove originals whose document is neither in the library nor in the trash; the count removed. */
export async function dropOrphanOriginals(db: DB): Promise<number> {
  return guarded(() =>
    db.transaction('rw', db.documents, db.trash, db.originals, async () => {
      const [kept, docUids, trashUids] = await Promise.all([
        db.originals.toCollection().primaryKeys(),
        db.documents.orderBy('uid').keys(),
        db.trash.orderBy('uid').keys(),
      ]);
      const live = new Set([...docUids, ...trashUids].map(String));
      const orphans = kept.filter((uid) => !live.has(String(uid)));
      await db.originals.bulkDelete(orphans);
      return orphans.length;
    }),
  );
}
