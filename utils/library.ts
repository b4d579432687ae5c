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
  purgeTrash as purgeOldTrash,
  putAnalyses,
  restoreDocument,
  trashDocuments,
  updateDocument,
  ValidationError,
  type DB,
  type DeletedDocument,
  type DocumentChanges,
  type DocumentRecord,
  type EditableField,
  type LexiconRecord,
  type SettingRecord,
  type StoredAnalysis,
} from './db';
import { CodedError, errorText, t, type Lang, type MessageKey } from './i18n';
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

/** Undo a deletion in one transaction: every document comes back with its id and its analysis, or none does. */
export async function undoDelete(db: DB, deleted: readonly DeletedDocument[]): Promise<void> {
  await guarded(() =>
    db.transaction('rw', [db.documents, db.analyses, db.trash], async () => {
      for (const d of deleted) await restoreDocument(d, db);
    }),
  );
}

// ---- Trash ----

/** Remove for good what has been in the trash longer than it keeps documents; the count removed. */
export function purgeTrash(db: DB, now: Date = new Date()): Promise<number> {
  return guarded(() => purgeOldTrash(now, db));
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

export function draftOf(r: Omit<DocumentRecord, 'source'>): MetadataDraft {
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

export async function readAnalyses(db: DB, docIds: readonly string[]): Promise<(StoredAnalysis | undefined)[]> {
  return docIds.length ? db.analyses.bulkGet([...docIds]) : [];
}

// ---- Documents: reads ----

/** The cleaned text of a document; '' when there is no such document. */
export async function readText(db: DB, docId: string): Promise<string> {
  return (await db.documents.get(Number(docId)))?.text ?? '';
}

/**
 * Every document mapped through `map`, read `page` records at a time: one getAll over thousands
 * of clips would hold every page source in memory at once; here at most `page` are.
 */
export function readDocumentsPaged<T>(db: DB, map: (r: DocumentRecord) => T, page: number): Promise<T[]> {
  // An explicit transaction: Dexie 4 keeps the results of implicit read queries made inside a
  // liveQuery in its cache (for optimistic updates), which would keep every full record alive.
  return db.transaction('r', db.documents, async () => {
    const out: T[] = [];
    let rows = await db.documents.limit(page).toArray();
    while (rows.length) {
      for (const r of rows) out.push(map(r));
      const last = rows[rows.length - 1]?.id;
      if (rows.length < page || last === undefined) break;
      rows = await db.documents.where(':id').above(last).limit(page).toArray();
    }
    return out;
  });
}

/** Run `query` now and again whenever a table it read changes; returns the unsubscribe function. */
export function watch<T>(query: () => Promise<T>, next: (value: T) => void, error?: (err: unknown) => void): () => void {
  const sub = liveQuery(query).subscribe({ next, error: error ?? ((err) => console.error('library query failed', err)) });
  return () => sub.unsubscribe();
}

