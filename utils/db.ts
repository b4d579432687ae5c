// The extension's one database module. Every IndexedDB read or write of the extension goes through
// here: the popup, the background and the dashboard all open the same 'tifa-lens' database (one
// origin: the extension's). Content scripts never import this: in a page it would open the page's
// own IndexedDB.
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type EntityTable, type Middleware, type Transaction } from 'dexie';
// Synchronous SHA-256 (@noble/hashes, audited, no dependencies): the text hash is needed inside
// IndexedDB transactions and schema upgrades, where awaiting crypto.subtle would commit them early.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { DocAnalysis, DocMetadata, PageCapture, Script, YearSource } from '@/analysis/types';
import { joinOrgs, ORG_SEPARATOR, stripZeroWidth, toHalfWidthAlnum } from '@/analysis/text';
import { CodedError, type MessageKey } from './i18n';
import type { LexiconEntry } from '@/analysis/lexicon';
import { documentLength } from '@/analysis/counting';
import { packTerms, type StoredTermPack } from '@/analysis/packed-terms';

/** One clipped document: cleaned text, its metadata, and the raw capture it came from. */
export interface DocumentRecord {
  id?: number;
  url: string;
  title: string;
  /** Issuing organisations in the order the document names them. */
  orgs: string[];
  /** `orgs` joined with ORG_SEPARATOR '；' (indexed, for filters and display). Records stored before
   * the separator was shared hold '、' here until their next update re-derives it. */
  org: string;
  /** 文号 as text, e.g. 常经社委〔2024〕4号; '' when none. */
  docNumber: string;
  /** ISO YYYY-MM-DD or ''. */
  date: string;
  /** The year the document is about; null when unknown. */
  year: number | null;
  docType: string;
  // The three fields below are optional: records stored before they existed lack them (read as '').
  // Not indexed, so no schema version was needed for them.
  /** Byline or speaker; '' when the page gives none. */
  author?: string;
  /** Newspaper and page, 公众号, journal; '' when none. */
  publication?: string;
  /** Where `year` was read (title, date, text); 'given' once the user set it; '' when unknown. */
  yearSource?: YearSource;
  script: Script;
  /** Cleaned text. */
  text: string;
  /** Characters of `text` (code points). */
  chars: number;
  /** SHA-256 (hex) of the normalised cleaned text: two captures of the same document share it. */
  contentHash: string;
  /** SHA-256 (hex) of `text` exactly as stored: an analysis is current only when it carries the same. */
  textHash: string;
  /** Stable key of this document across backups and restores (ids may be renumbered; this never is). */
  uid: string;
  capturedAt: string;
  updatedAt: string;
  tags: string[];
  /** Metadata fields the user corrected by hand: a later re-capture or re-cleaning keeps them. */
  edited: EditableField[];
  /** The raw capture, kept so cleaning can be redone later without the web. */
  source: PageCapture;
}

/** Metadata fields a user can correct. */
export const EDITABLE_FIELDS = ['title', 'orgs', 'docNumber', 'date', 'year', 'docType', 'author', 'publication'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
/** The fields a user can correct, with their stored types. */
export type EditableFields = Required<Pick<DocumentRecord, EditableField>>;

/** A cleaner's reading of a document as the record's editable fields (unknown fields stay empty). */
export function fieldsFromMetadata(m: DocMetadata): EditableFields {
  return {
    title: m.title,
    orgs: [...m.orgs],
    docNumber: m.docNumber?.text ?? '',
    date: m.date,
    year: m.year,
    docType: m.docType,
    author: m.author ?? '',
    publication: m.publication ?? '',
  };
}

const YEAR_SOURCES: readonly YearSource[] = ['title', 'date', 'text', 'given', ''];

/** How a record's year was found: '' without a year, 'given' once the user corrected it. */
export function settledYearSource(r: Pick<DocumentRecord, 'year' | 'yearSource' | 'edited'>): YearSource {
  if (r.year === null) return '';
  if (r.edited.includes('year')) return 'given';
  return r.yearSource ?? '';
}

/** A stored entry of the user's lexicon: the core's one LexiconEntry type with its row id. */
export type LexiconRecord = LexiconEntry & { id?: number };
export type { LexiconEntry };

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** What a caller supplies to add a document; the module derives org, chars, contentHash, textHash, updatedAt. */
export type DocumentInput = Omit<
  DocumentRecord,
  'id' | 'org' | 'chars' | 'contentHash' | 'textHash' | 'uid' | 'updatedAt' | 'capturedAt' | 'tags' | 'edited'
> &
  Partial<Pick<DocumentRecord, 'capturedAt' | 'tags' | 'edited' | 'uid'>>;

/** An analysis as stored: the core's result plus the hash of the exact text it was computed from. */
export type StoredAnalysis = DocAnalysis & { textHash: string };

/** A deleted document kept for TRASH_DAYS, with its analysis, restorable under its old id. */
export interface TrashEntry {
  /** The document's id when it was deleted. */
  id: number;
  uid: string;
  deletedAt: string;
  document: DocumentRecord;
  analysis: StoredAnalysis | null;
}

/** Days a deleted document stays in the trash before purgeExpiredTrash removes it for good. */
export const TRASH_DAYS = 30;

/** Fields a caller may change on an existing document (derived fields are recomputed). */
export type DocumentChanges = Partial<
  Pick<DocumentRecord, EditableField | 'yearSource' | 'text' | 'script' | 'source' | 'tags' | 'url' | 'capturedAt'>
>;

/**
 * The original a document was read from, kept as evidence: the imported file's bytes, or the HTML of
 * a clipped page as captured. Keyed by the document's uid (ids may be renumbered; the uid never is).
 */
export interface OriginalRecord {
  uid: string;
  /** 'file': an imported file; 'page': the captured HTML of a clipped page. */
  kind: 'file' | 'page';
  /** The file's path inside what was imported (with #line for a jsonl line); '' for a page. */
  name: string;
  /** The page's URL, or the file's file: URL. */
  url: string;
  /** Media type the original is downloaded as. */
  mediaType: string;
  bytes: Uint8Array;
  size: number;
  /** SHA-256 (hex) of `bytes`. */
  sha256: string;
  /** When the page was captured or the file imported (ISO 8601). */
  capturedAt: string;
  /** The file's own last-modified time, when the file system gave one (ISO 8601). */
  fileModifiedAt?: string;
  /** An attachment fetched from a page: the page that linked it (its URL, title and 文号 as clipped). */
  fromPage?: { url: string; title: string; docNumber: string };
}

/**
 * A document as lists show it: every field but its texts (the cleaned text and the raw capture,
 * together most of a record's bytes), plus its length (analysis/counting documentLength). Kept in
 * the `cards` table beside each document, in the same transaction (see derivedTables).
 */
export type DocumentCard = Omit<DocumentRecord, 'text' | 'source'> & { length: number };

/** The card of a stored document row (whatever it holds: an old or damaged row gives a card too). */
export function cardOf(r: DocumentRecord): DocumentCard {
  const { text, source: _source, ...rest } = r;
  return { ...rest, length: documentLength(typeof text === 'string' ? text : '') };
}

/**
 * An analysis as the dashboard page keeps it: its outline, statistics and length, without its term
 * counts and formulations, which only the aggregation worker reads and sums (thousands per
 * document; on a large library, millions of small objects the page would deserialise and collect).
 * Kept in `analysisCards` beside each analysis.
 */
export function analysisCardOf(a: StoredAnalysis): StoredAnalysis {
  return { ...a, terms: [], formulations: [] };
}

/**
 * An analysis as the aggregation worker reads it (the `analysisPacks` table): everything but its
 * term counts, which are packed (analysis/packed-terms packTerms). At 10,000 documents the stored
 * analyses are 20 million [term, count] arrays, which took IndexedDB about 20 s to hand over; the
 * packs are one string and one Int32Array a document.
 */
export type AnalysisPack = Omit<StoredAnalysis, 'terms'> & { termPack: StoredTermPack };

/** The pack of a stored analysis row (a damaged row, with no term list, packs an empty one). */
export function analysisPackOf(a: StoredAnalysis): AnalysisPack {
  const { terms, ...rest } = a;
  return { ...rest, termPack: packTerms(Array.isArray(terms) ? terms : []) };
}

export type DB = Dexie & {
  documents: EntityTable<DocumentRecord, 'id'>;
  cards: EntityTable<DocumentCard, 'id'>;
  texts: EntityTable<DocumentText, 'id'>;
  analyses: EntityTable<StoredAnalysis, 'docId'>;
  analysisCards: EntityTable<StoredAnalysis, 'docId'>;
  analysisPacks: EntityTable<AnalysisPack, 'docId'>;
  settings: EntityTable<SettingRecord, 'key'>;
  lexicon: EntityTable<LexiconRecord, 'id'>;
  trash: EntityTable<TrashEntry, 'id'>;
  originals: EntityTable<OriginalRecord, 'uid'>;
};

export const DB_NAME = 'tifa-lens';

/**
 * The small database beside a library where the aggregation worker keeps answers between sessions
 * (utils/aggregate-source): derived data only, forgotten when the extension is installed or updated,
 * since another build may compute them differently.
 */
export function answersDatabaseName(name: string = DB_NAME): string {
  return `${name}-answers`;
}

/** Forget the kept answers (deleted once no page holds them open); never fails. */
export function forgetKeptAnswers(name: string = DB_NAME): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const req = indexedDB.deleteDatabase(answersDatabaseName(name));
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    // An open dashboard holds it: the deletion waits for that page to close; nothing else does.
    req.onblocked = () => resolve();
  });
}

// One separator for joined organisations in the whole product (records, dashboard, CLI, CSV):
// re-exported so extension code keeps importing it from the database module.
export { joinOrgs, ORG_SEPARATOR };

/**
 * Schema versions are APPEND-ONLY. Never edit an existing `version(n).stores()` call: browsers that
 * already hold version n would not be migrated. To change the schema add `version(n + 1).stores({...})`
 * (only the tables that change) with an `.upgrade(tx => …)` when data must be rewritten, and a glue
 * test that opens data written by version n with the new code.
 */
function defineSchema(db: Dexie): void {
  db.version(1).stores({
    documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags',
    analyses: 'docId, version',
    settings: 'key',
    lexicon: '++id, &term',
  });
  // v2: documents get `textHash` (exact text) and a stable `uid`; analyses carry the textHash they
  // were computed from (indexed, so the dashboard sees a replaced analysis without loading it);
  // deletions go to a trash. v1 analyses do not say which text they describe (a result written
  // after an update could describe the old text), so they are dropped and recomputed.
  db.version(2)
    .stores({
      documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags, &uid',
      analyses: 'docId, version, textHash',
      trash: 'id, deletedAt, uid',
    })
    .upgrade(upgradeToV2);
  // v3: every document's original is kept as evidence (imported file bytes, or a page's captured
  // HTML), with its SHA-256. Documents stored before keep their article HTML as captured: it becomes
  // their original here; nothing else changes.
  db.version(3)
    .stores({ originals: 'uid, sha256' })
    .upgrade(upgradeToV3);
  // v4: light copies read instead of the full rows (derivedTables keeps them): a card per document
  // (no texts), its cleaned text alone (no capture), and an analysis card per analysis (no term counts).
  db.version(4)
    .stores({ cards: 'id', texts: 'id', analysisCards: 'docId' })
    .upgrade((tx) => fillDerived(tx, ['cards', 'texts', 'analysisCards']));
  // v5: each analysis also packed for the aggregation worker (analysisPackOf: its term counts in
  // one string and one Int32Array, which IndexedDB reads back without an object per term).
  db.version(5)
    .stores({ analysisPacks: 'docId' })
    .upgrade((tx) => fillDerived(tx, ['analysisPacks']));
}

/** A document's cleaned text alone, with the hash of exactly that text (the `texts` table). */
export interface DocumentText {
  id?: number;
  text: string;
  textHash: string;
}

/** The `texts` row of a stored document row. */
export function textRowOf(r: DocumentRecord): DocumentText {
  return { id: r.id, text: typeof r.text === 'string' ? r.text : '', textHash: typeof r.textHash === 'string' ? r.textHash : '' };
}

/** A derived table: the source table, its light copy, the key both share, and how a row becomes one. */
interface Derived {
  source: string;
  table: string;
  key: string;
  derive: (row: never) => object;
}
/** Never backed up: a restore writes the sources, and these follow. */
const DERIVED: readonly Derived[] = [
  { source: 'documents', table: 'cards', key: 'id', derive: cardOf },
  // Texts read one at a time (search, KWIC, duplicates, analysis) without the captured page, which
  // is most of a record's bytes.
  { source: 'documents', table: 'texts', key: 'id', derive: textRowOf },
  { source: 'analyses', table: 'analysisCards', key: 'docId', derive: analysisCardOf },
  // What the aggregation worker reads: every analysis with its term counts packed.
  { source: 'analyses', table: 'analysisPacks', key: 'docId', derive: analysisPackOf },
];
const derivedOf = (source: string): readonly Derived[] => DERIVED.filter((d) => d.source === source);

/** Fill the derived tables a schema upgrade adds (only those: a later version's tables do not exist yet). */
async function fillDerived(tx: Transaction, tables: readonly string[]): Promise<void> {
  // One row at a time (each), not the whole library in memory; the writes join the upgrade's transaction.
  for (const { source, ...d } of DERIVED.filter((x) => tables.includes(x.table))) {
    const target = tx.table(d.table);
    const writes: Promise<unknown>[] = [];
    await tx.table(source).toCollection().each((row: unknown) => {
      writes.push(target.put(d.derive(row as never)));
    });
    await Promise.all(writes);
  }
}

/** Rows re-derived per read while reconciling (bounds the memory of one step). */
const RECONCILE_CHUNK = 200;

/**
 * Make each derived table hold a row for exactly the rows of its source, comparing primary keys
 * only (cheap on any library): a row written or deleted past this module (by hand in the browser's
 * developer tools, or a test writing raw IndexedDB) gets its card or loses it. A row changed past
 * this module keeps its old card until its next write. Returns how many cards were written or removed.
 */
export async function reconcileDerivedTables(database: DB = db): Promise<number> {
  let changed = 0;
  for (const { source, ...d } of DERIVED) {
    const from = database.table(source);
    const to = database.table(d.table);
    changed += await database.transaction('rw', from, to, async () => {
      const [want, have] = await Promise.all([from.toCollection().primaryKeys(), to.toCollection().primaryKeys()]);
      const wanted = new Set(want);
      const had = new Set(have);
      const extra = have.filter((k) => !wanted.has(k));
      const missing = want.filter((k) => !had.has(k));
      if (extra.length) await to.bulkDelete(extra);
      for (let i = 0; i < missing.length; i += RECONCILE_CHUNK) {
        const rows = (await from.bulkGet(missing.slice(i, i + RECONCILE_CHUNK))) as unknown[];
        await to.bulkPut(rows.filter((r) => r !== undefined && r !== null).map((r) => d.derive(r as never)));
      }
      return extra.length + missing.length;
    });
  }
  return changed;
}

/**
 * Keeps every derived table equal to its source, inside the transaction that writes the source: a
 * read-write transaction over `documents` also covers `cards`, and each add, put or delete of a
 * document writes or deletes its card, so no write path can forget one and an aborted transaction
 * takes both back. Sits above Dexie's observability layer, so a live query over the cards wakes on
 * their change. Schema upgrades fill the tables themselves (upgradeToV4); older upgrades run before
 * the tables exist, so nothing is derived in a versionchange transaction.
 */
const derivedTables: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'DerivedTables',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      if (mode === 'readwrite') {
        const extra = [...new Set(stores.flatMap((s) => derivedOf(s).map((d) => d.table)))].filter((t) => !stores.includes(t));
        if (extra.length) return down.transaction([...stores, ...extra], mode, options);
      }
      return down.transaction(stores, mode, options);
    },
    table(name) {
      const table = down.table(name);
      const derived = derivedOf(name);
      if (derived.length === 0) return table;
      return {
        ...table,
        async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
          const res = await table.mutate(req);
          if ((req.trans as unknown as IDBTransaction).mode === 'versionchange') return res;
          for (const d of derived) await deriveOne(down, d, req, res);
          return res;
        },
      };
    },
  }),
};

/** Write or delete the rows of one derived table for one mutation of its source. */
async function deriveOne(down: DBCore, d: Derived, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Promise<void> {
  const target = down.table(d.table);
  if (req.type === 'add' || req.type === 'put') {
    const values: object[] = [];
    req.values.forEach((row: unknown, i) => {
      if (res.failures[i]) return;
      const key: unknown = res.results?.[i] ?? (row as Record<string, unknown>)[d.key];
      values.push({ ...d.derive(row as never), [d.key]: key });
    });
    if (values.length) await target.mutate({ type: 'put', trans: req.trans, values });
  } else if (req.type === 'delete') {
    await target.mutate({ type: 'delete', trans: req.trans, keys: req.keys });
  } else {
    await target.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
  }
}

async function upgradeToV3(tx: Transaction): Promise<void> {
  const originals = tx.table('originals');
  const writes: Promise<unknown>[] = [];
  // One record at a time (each), not the whole library in memory; the writes join the upgrade's transaction.
  await tx.table('documents').toCollection().each((d: Partial<DocumentRecord>) => {
    const original = pageOriginalOf(d);
    if (original) writes.push(originals.put(original));
  });
  await Promise.all(writes);
}

/** A clipped page's original: the HTML it was captured with (null when the record holds none). */
export function pageOriginalOf(d: Partial<DocumentRecord>): OriginalRecord | null {
  const html = d.source?.articleHtml;
  if (typeof d.uid !== 'string' || !d.uid || typeof html !== 'string' || !html) return null;
  const bytes = new TextEncoder().encode(html);
  return {
    uid: d.uid,
    kind: 'page',
    name: '',
    url: typeof d.url === 'string' ? d.url : '',
    mediaType: 'text/html',
    bytes,
    size: bytes.byteLength,
    sha256: bytesToHex(sha256(bytes)),
    capturedAt: typeof d.source?.capturedAt === 'string' && d.source.capturedAt ? d.source.capturedAt : typeof d.capturedAt === 'string' ? d.capturedAt : '',
  };
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx.table('documents').toCollection().modify((d: Partial<DocumentRecord>) => {
    d.textHash = textHashOf(typeof d.text === 'string' ? d.text : '');
    if (typeof d.uid !== 'string' || d.uid === '') d.uid = newUid();
  });
  await tx.table('analyses').clear();
}

export function openDatabase(name = DB_NAME): DB {
  const db = new Dexie(name) as DB;
  defineSchema(db);
  db.use(derivedTables);
  return db;
}

/** The shared instance; Dexie opens it on first use. */
export const db: DB = openDatabase();

// ---- Normalisation and hashing ----

/** Whitespace of every kind, including the ideographic space U+3000 that Chinese layouts use for indents. */
const ALL_WHITESPACE = /[\s\u3000]+/g;

/**
 * The form of a text that duplicate detection compares: zero-width characters, full-width digits and
 * letters and all whitespace (indentation, line breaks) do not make two captures different documents.
 */
export function normaliseForHash(text: string): string {
  return toHalfWidthAlnum(stripZeroWidth(text.normalize('NFC'))).replace(ALL_WHITESPACE, '');
}

/** SHA-256 of the normalised text, as lower-case hex. */
export async function hashText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(normaliseForHash(text));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 (hex) of the text exactly as stored (synchronous: usable inside a transaction). */
export function textHashOf(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** A new stable document key. */
export function newUid(): string {
  return crypto.randomUUID();
}

/** Length in code points, so a character outside the BMP counts once. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** URL identity for duplicate detection: the fragment (#…) does not name another document. */
export function normaliseUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

// ---- Validation ----

/** Years outside this range are typing mistakes (20244), not documents. */
const YEAR_RANGE = { min: 1800, max: 2200 } as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for an ISO YYYY-MM-DD that names a real day (not 2024-02-30, which Date.parse accepts). */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
const SCRIPTS: readonly Script[] = ['simplified', 'traditional'];
/** A uid is a UUID here; other stable keys (from a future sync) may be longer, not unbounded. */
const UID_MAX = 200;

/** What is wrong with a field (the key of its text in utils/i18n is `invalid.<code>`). */
export type ValidationCode =
  | 'object' | 'positiveInteger' | 'nonEmptyString' | 'string' | 'stringArray' | 'orgJoin' | 'date' | 'year'
  | 'oneOf' | 'charsLength' | 'sha256' | 'isoTimestamp' | 'editedFields' | 'captureObject' | 'docIdMatch' | 'idRequired'
  | 'textHash' | 'uid' | 'list';

/** A record that fails a check: the field and a code with its parameters; the UI translates it (errorText). */
export class ValidationError extends CodedError {
  constructor(
    readonly field: ValidatedField,
    readonly code: ValidationCode,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super({ key: 'invalid.document', params: { field: { key: `docField.${field}` }, problem: { key: `invalid.${code}`, params } } });
    this.name = 'ValidationError';
  }
}

/** Fields a check can name (each has its label `docField.<field>` in utils/i18n). */
export type ValidatedField = MessageKey extends infer K ? (K extends `docField.${infer F}` ? F : never) : never;

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** Throws a ValidationError naming the first bad field; returns nothing when the record is sound. */
export function validateDocument(r: DocumentRecord): void {
  const fail = (field: ValidatedField, code: ValidationCode, params?: Record<string, string | number>): never => {
    throw new ValidationError(field, code, params);
  };
  if (r === null || typeof r !== 'object') fail('record', 'object');
  if (r.id !== undefined && !(Number.isInteger(r.id) && r.id > 0)) fail('id', 'positiveInteger');
  if (typeof r.url !== 'string' || r.url.trim() === '') fail('url', 'nonEmptyString');
  if (typeof r.title !== 'string') fail('title', 'string');
  if (!isStringArray(r.orgs)) fail('orgs', 'stringArray');
  if (r.org !== joinOrgs(r.orgs)) fail('org', 'orgJoin', { separator: ORG_SEPARATOR });
  if (typeof r.docNumber !== 'string') fail('docNumber', 'string');
  if (typeof r.date !== 'string' || (r.date !== '' && !isCalendarDate(r.date)))
    fail('date', 'date', { got: JSON.stringify(r.date) });
  if (r.year !== null && !(Number.isInteger(r.year) && r.year >= YEAR_RANGE.min && r.year <= YEAR_RANGE.max))
    fail('year', 'year', { min: YEAR_RANGE.min, max: YEAR_RANGE.max, got: JSON.stringify(r.year) });
  if (typeof r.docType !== 'string') fail('docType', 'string');
  if (r.author !== undefined && typeof r.author !== 'string') fail('author', 'string');
  if (r.publication !== undefined && typeof r.publication !== 'string') fail('publication', 'string');
  if (r.yearSource !== undefined && !YEAR_SOURCES.includes(r.yearSource))
    fail('yearSource', 'oneOf', { choices: YEAR_SOURCES.filter(Boolean).join(', ') });
  if (!SCRIPTS.includes(r.script)) fail('script', 'oneOf', { choices: SCRIPTS.join(', ') });
  if (typeof r.text !== 'string' || r.text.trim() === '') fail('text', 'nonEmptyString');
  if (r.chars !== countChars(r.text)) fail('chars', 'charsLength');
  if (typeof r.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(r.contentHash)) fail('contentHash', 'sha256');
  if (r.textHash !== textHashOf(r.text)) fail('textHash', 'textHash');
  if (typeof r.uid !== 'string' || r.uid.trim() === '' || r.uid.length > UID_MAX) fail('uid', 'uid', { max: UID_MAX });
  if (typeof r.capturedAt !== 'string' || Number.isNaN(Date.parse(r.capturedAt))) fail('capturedAt', 'isoTimestamp');
  if (typeof r.updatedAt !== 'string' || Number.isNaN(Date.parse(r.updatedAt))) fail('updatedAt', 'isoTimestamp');
  if (!isStringArray(r.tags)) fail('tags', 'stringArray');
  if (!Array.isArray(r.edited) || !r.edited.every((f) => (EDITABLE_FIELDS as readonly string[]).includes(f)))
    fail('edited', 'editedFields', { choices: EDITABLE_FIELDS.join(', ') });
  const s = r.source;
  if (s === null || typeof s !== 'object') fail('source', 'captureObject');
  for (const key of ['url', 'pageTitle', 'articleHtml', 'articleText', 'pageText', 'capturedAt'] as const) {
    if (typeof s[key] !== 'string') fail(`source.${key}`, 'string');
  }
  if (s.meta === null || typeof s.meta !== 'object') fail('source.meta', 'object');
}

export function validateAnalysis(a: StoredAnalysis, docId: number): void {
  if (a === null || typeof a !== 'object') throw new ValidationError('analysis', 'object');
  if (a.docId !== String(docId)) throw new ValidationError('analysis.docId', 'docIdMatch', { docId, got: JSON.stringify(a.docId) });
  if (typeof a.version !== 'string' || a.version === '') throw new ValidationError('analysis.version', 'nonEmptyString');
  if (typeof a.textHash !== 'string' || !/^[0-9a-f]{64}$/.test(a.textHash)) throw new ValidationError('analysis.textHash', 'sha256');
  if (!Array.isArray(a.terms)) throw new ValidationError('analysis.terms', 'list');
}

// ---- Helpers ----

/** Build the full record from what a caller supplies (derived fields computed here, never trusted). */
export async function makeRecord(input: DocumentInput, now: Date = new Date()): Promise<DocumentRecord> {
  const text = typeof input.text === 'string' ? input.text : '';
  const orgs = Array.isArray(input.orgs) ? input.orgs : [];
  const stamp = now.toISOString();
  return {
    url: input.url,
    title: input.title,
    orgs,
    org: joinOrgs(orgs),
    docNumber: input.docNumber,
    date: input.date,
    year: input.year,
    docType: input.docType,
    author: input.author ?? '',
    publication: input.publication ?? '',
    yearSource: settledYearSource({ year: input.year, yearSource: input.yearSource, edited: input.edited ?? [] }),
    script: input.script,
    text,
    chars: countChars(text),
    contentHash: await hashText(text),
    textHash: textHashOf(text),
    uid: typeof input.uid === 'string' && input.uid !== '' ? input.uid : newUid(),
    capturedAt: input.capturedAt ?? stamp,
    updatedAt: stamp,
    tags: input.tags ?? [],
    edited: input.edited ?? [],
    source: input.source,
  };
}

/** Validate and store a new document; returns the stored record with its id. */
export async function addDocument(input: DocumentInput, database: DB = db): Promise<DocumentRecord> {
  const record = await makeRecord(input);
  validateDocument(record);
  const id = await database.documents.add(record);
  return { ...record, id };
}

/**
 * Add a document unless the collection already holds it (same URL or same normalised text). The
 * check and the write share one transaction: two contexts clipping the same page at once (popup and
 * context menu) cannot both write it.
 */
export async function addDocumentIfNew(
  input: DocumentInput,
  database: DB = db,
): Promise<{ record: DocumentRecord; duplicate: null } | { record: null; duplicate: Duplicate }> {
  const record = await makeRecord(input);
  validateDocument(record);
  return database.transaction('rw', database.documents, async () => {
    const duplicate = await findDuplicate(record.url, record.contentHash, database);
    if (duplicate) return { record: null, duplicate };
    const id = await database.documents.add(record);
    return { record: { ...record, id }, duplicate: null };
  });
}

export async function getDocument(id: number, database: DB = db): Promise<DocumentRecord | undefined> {
  return database.documents.get(id);
}

export interface UpdateOptions {
  /**
   * 'user': the changes are the user's corrections; changed metadata fields join `edited`.
   * 'recapture': the changes come from a new capture or a re-cleaning; fields the user corrected
   * earlier (`edited`) keep their values, except those listed in `userEdited` (corrected just now).
   */
  mode: 'user' | 'recapture';
  userEdited?: readonly EditableField[];
}

/**
 * Change a document. A changed text makes its stored analysis stale: the analysis is removed in the
 * same transaction, so the document and its analysis never disagree.
 */
export async function updateDocument(
  id: number,
  changes: DocumentChanges,
  options: UpdateOptions = { mode: 'user' },
  database: DB = db,
): Promise<DocumentRecord> {
  // Hash outside the transaction: an IndexedDB transaction commits as soon as it waits on anything else.
  const newHash = changes.text !== undefined ? await hashText(changes.text) : undefined;
  return database.transaction('rw', database.documents, database.analyses, async () => {
    const old = await database.documents.get(id);
    if (!old) throw new Error(`No document with id ${id}`);
    const next: DocumentRecord = { ...old };
    const edited = new Set<EditableField>(old.edited);
    const userEdited = new Set<EditableField>(options.userEdited ?? []);
    for (const [key, value] of Object.entries(changes) as [keyof DocumentChanges, unknown][]) {
      if (value === undefined) continue;
      const editable = (EDITABLE_FIELDS as readonly string[]).includes(key);
      if (editable && options.mode === 'recapture' && edited.has(key as EditableField) && !userEdited.has(key as EditableField)) continue;
      (next as unknown as Record<string, unknown>)[key] = value;
      if (editable && (options.mode === 'user' || userEdited.has(key as EditableField))) edited.add(key as EditableField);
    }
    next.org = joinOrgs(next.orgs);
    next.edited = EDITABLE_FIELDS.filter((f) => edited.has(f));
    next.yearSource = settledYearSource(next);
    if (newHash !== undefined) {
      next.chars = countChars(next.text);
      next.contentHash = newHash;
      next.textHash = textHashOf(next.text);
    }
    next.updatedAt = new Date().toISOString();
    validateDocument(next);
    await database.documents.put(next);
    if (next.text !== old.text) await database.analyses.delete(String(id));
    return next;
  });
}

/** What a deletion removed, enough for `restoreDocument` to undo it. */
export interface DeletedDocument {
  document: DocumentRecord;
  analysis: StoredAnalysis | null;
}

/**
 * Delete a document: it moves, with its analysis, to the trash (see trashDocuments); null when there
 * was no such document.
 */
export async function deleteDocument(id: number, database: DB = db, now: Date = new Date()): Promise<DeletedDocument | null> {
  const [deleted] = await trashDocuments([id], database, now);
  return deleted ?? null;
}

/** Undo a deletion: the document comes back under its old id, with its analysis, and leaves the trash. */
export async function restoreDocument(deleted: DeletedDocument, database: DB = db): Promise<DocumentRecord> {
  const { analysis } = deleted;
  // Derived fields are recomputed, so a record stored with an older separator can still come back.
  const old = deleted.document;
  const document: DocumentRecord = {
    ...old,
    org: Array.isArray(old.orgs) ? joinOrgs(old.orgs) : old.org,
    textHash: typeof old.text === 'string' ? textHashOf(old.text) : '',
    uid: typeof old.uid === 'string' && old.uid !== '' ? old.uid : newUid(),
  };
  validateDocument(document);
  if (document.id === undefined) throw new ValidationError('id', 'idRequired');
  const current = analysis && analysis.textHash === document.textHash ? analysis : null;
  if (current) validateAnalysis(current, document.id);
  await database.transaction('rw', [database.documents, database.analyses, database.trash], async () => {
    // add, not put: restoring must never overwrite a document that took the id meanwhile.
    await database.documents.add(document);
    if (current) await database.analyses.put(current);
    await database.trash.delete(document.id!);
  });
  return document;
}

// ---- Trash ----

/**
 * Move documents and their analyses to the trash, all in one transaction (either every listed
 * document moves or none does). Ids that name no document are ignored. Returns what moved, in the
 * order given.
 */
export async function trashDocuments(ids: readonly number[], database: DB = db, now: Date = new Date()): Promise<DeletedDocument[]> {
  const deletedAt = now.toISOString();
  return database.transaction('rw', [database.documents, database.analyses, database.trash], async () => {
    const out: DeletedDocument[] = [];
    for (const id of new Set(ids)) {
      const document = await database.documents.get(id);
      if (!document) continue;
      const analysis = (await database.analyses.get(String(id))) ?? null;
      // A trash entry of the same id (deleted, restored by a backup, deleted again) is replaced.
      await database.trash.put({ id, uid: document.uid, deletedAt, document, analysis });
      await database.documents.delete(id);
      await database.analyses.delete(String(id));
      out.push({ document, analysis });
    }
    return out;
  });
}

/** The trash, most recently deleted first (documents with their raw capture: for a list, map to what is shown). */
export async function listTrash(database: DB = db): Promise<TrashEntry[]> {
  return database.trash.orderBy('deletedAt').reverse().toArray();
}

export interface TrashRestoreReport {
  /** Restored under their old ids. */
  restored: number[];
  /** Restored under a new id because another document holds the old one: [old, new]. */
  renumbered: [number, number][];
  /** Not restored: the library already holds a document with the same uid (restored from a backup). */
  alreadyPresent: number[];
  /** Ids that were not in the trash. */
  missing: number[];
}

/** Bring documents back from the trash, in one transaction. */
export async function restoreFromTrash(ids: readonly number[], database: DB = db): Promise<TrashRestoreReport> {
  const report: TrashRestoreReport = { restored: [], renumbered: [], alreadyPresent: [], missing: [] };
  await database.transaction('rw', [database.documents, database.analyses, database.trash], async () => {
    for (const id of new Set(ids)) {
      const entry = await database.trash.get(id);
      if (!entry) {
        report.missing.push(id);
        continue;
      }
      if (await database.documents.where('uid').equals(entry.uid).count()) {
        report.alreadyPresent.push(id);
        await database.trash.delete(id);
        continue;
      }
      const taken = (await database.documents.get(id)) !== undefined;
      const { id: _old, ...rest } = entry.document;
      const newId = (taken ? await database.documents.add(rest as DocumentRecord) : await database.documents.add({ ...rest, id } as DocumentRecord)) as number;
      const a = entry.analysis;
      if (a && a.textHash === entry.document.textHash) await database.analyses.put({ ...a, docId: String(newId) });
      await database.trash.delete(id);
      if (taken) report.renumbered.push([id, newId]);
      else report.restored.push(id);
    }
  });
  return report;
}

/** Remove for good what was deleted more than TRASH_DAYS before `now`; returns how many. */
export async function purgeExpiredTrash(now: Date = new Date(), database: DB = db): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_DAYS * 24 * 60 * 60 * 1000).toISOString();
  return database.trash.where('deletedAt').below(cutoff).delete();
}

export interface Duplicate {
  record: DocumentRecord;
  reason: 'url' | 'text';
}

/**
 * A document already in the collection that a new capture repeats: same URL (ignoring #fragment)
 * first, else the same normalised text. The most recently captured match wins.
 */
export async function findDuplicate(url: string, contentHash: string, database: DB = db): Promise<Duplicate | null> {
  const wanted = normaliseUrl(url);
  const byUrl = (await database.documents.where('url').anyOf(uniq([url, wanted])).toArray()).concat(
    // Stored URLs may carry a fragment the new one lacks.
    (await database.documents.where('url').startsWith(wanted + '#').toArray()),
  );
  const latest = (rs: DocumentRecord[]) =>
    rs.reduce<DocumentRecord | null>((a, b) => (a === null || b.capturedAt > a.capturedAt ? b : a), null);
  const u = latest(byUrl);
  if (u) return { record: u, reason: 'url' };
  const t = latest(await database.documents.where('contentHash').equals(contentHash).toArray());
  return t ? { record: t, reason: 'text' } : null;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** All documents, most recently captured first. */
export async function listDocuments(database: DB = db): Promise<DocumentRecord[]> {
  return database.documents.orderBy('capturedAt').reverse().toArray();
}

export async function getAnalysis(id: number, database: DB = db): Promise<StoredAnalysis | undefined> {
  return database.analyses.get(String(id));
}

/** What a batch of analysis writes did. */
export interface AnalysisWrite {
  written: StoredAnalysis[];
  /** The document's text changed since the analysis was computed: dropped (the caller re-queues). */
  stale: string[];
  /** The document no longer exists: dropped. */
  gone: string[];
}

/**
 * Store analyses whose text hash still matches the stored text, in one transaction: the check and
 * the write cannot be separated by an update, so a result computed from an older text is never
 * stored.
 */
export async function putAnalyses(batch: readonly StoredAnalysis[], database: DB = db): Promise<AnalysisWrite> {
  for (const a of batch) validateAnalysis(a, Number(a.docId));
  const out: AnalysisWrite = { written: [], stale: [], gone: [] };
  // The card, not the document: it carries the same text hash (written in the same transaction)
  // without the texts, and a batch of analyses should not deserialise whole captured pages.
  await database.transaction('rw', database.cards, database.analyses, async () => {
    for (const a of batch) {
      const rec = await database.cards.get(Number(a.docId));
      if (!rec) out.gone.push(a.docId);
      else if (rec.textHash !== a.textHash) out.stale.push(a.docId);
      else {
        await database.analyses.put(a);
        out.written.push(a);
      }
    }
  });
  return out;
}

/** Store an analysis for an existing document (replacing any older one); refuses one of another text. */
export async function putAnalysis(analysis: StoredAnalysis, database: DB = db): Promise<void> {
  const { gone, stale } = await putAnalyses([analysis], database);
  if (gone.length) throw new Error(`No document with id ${analysis.docId} for this analysis`);
  if (stale.length) throw new Error(`The text of document ${analysis.docId} changed since this analysis was made`);
}
