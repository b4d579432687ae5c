import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDocument,
  deleteDocument,
  findDuplicate,
  getAnalysis,
  getDocument,
  joinOrgs,
  listDocuments,
  openDatabase,
  textHashOf,
  restoreDocument,
  updateDocument,
  validateDocument,
  type DB,
  type DocumentRecord,
} from '@/utils/db';
import { getSetting } from '@/utils/settings';

// Data written by schema version 1 must open with the current database module (ARCHITECTURE.md,
// practice 5). The v1 layout is written here with the plain IndexedDB API, without utils/db.ts,
// so a later edit of the module cannot change what "v1 data" means. Extend this test when a
// version 2 is added; never change the frozen schema below or the dump.

const DUMP = JSON.parse(readFileSync(join(__dirname, '../fixtures/db/v1-dump.json'), 'utf8')) as {
  stores: Record<string, string>;
  tables: { documents: DocumentRecord[]; analyses: { docId: string }[]; settings: { key: string; value: unknown }[]; lexicon: { id: number; term: string }[] };
};

/** Dexie opens IndexedDB at its declared version × 10. */
const V1_IDB_VERSION = 10;

/** The v1 stores as IndexedDB holds them (Dexie's '++id, url, …, *tags' read by hand). FROZEN. */
const V1_STORES: readonly { name: string; keyPath: string; autoIncrement: boolean; indexes: readonly { name: string; unique?: boolean; multiEntry?: boolean }[] }[] = [
  {
    name: 'documents',
    keyPath: 'id',
    autoIncrement: true,
    indexes: [{ name: 'url' }, { name: 'contentHash' }, { name: 'year' }, { name: 'org' }, { name: 'docType' }, { name: 'capturedAt' }, { name: 'tags', multiEntry: true }],
  },
  { name: 'analyses', keyPath: 'docId', autoIncrement: false, indexes: [{ name: 'version' }] },
  { name: 'settings', keyPath: 'key', autoIncrement: false, indexes: [] },
  { name: 'lexicon', keyPath: 'id', autoIncrement: true, indexes: [{ name: 'term', unique: true }] },
];

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Create the v1 database and fill it with the dump, with nothing but the IndexedDB API. */
async function writeV1(name: string): Promise<void> {
  const open = indexedDB.open(name, V1_IDB_VERSION);
  open.onupgradeneeded = () => {
    for (const s of V1_STORES) {
      const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      for (const i of s.indexes) store.createIndex(i.name, i.name, { unique: !!i.unique, multiEntry: !!i.multiEntry });
    }
  };
  const idb = await request(open);
  const tx = idb.transaction(['documents', 'analyses', 'settings', 'lexicon'], 'readwrite');
  for (const [table, rows] of Object.entries(DUMP.tables)) for (const row of rows) tx.objectStore(table).put(row);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

let n = 0;
let name: string;
let database: DB;
beforeEach(async () => {
  name = `tifa-lens-v1-${++n}`;
  await writeV1(name);
  database = openDatabase(name);
  await database.open();
});
afterEach(async () => {
  await database.delete();
});

const byId = (id: number) => DUMP.tables.documents.find((d) => d.id === id)!;

describe('v1 data opened by the current database module', () => {
  it('the frozen schema in this test matches the dump it was written for', () => {
    expect(DUMP.stores).toEqual({
      documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags',
      analyses: 'docId, version',
      settings: 'key',
      lexicon: '++id, &term',
    });
  });

  it('opens without losing a store or an index', () => {
    expect(database.verno).toBeGreaterThanOrEqual(1);
    const idb = database.backendDB();
    for (const s of V1_STORES) {
      expect(idb.objectStoreNames.contains(s.name), s.name).toBe(true);
      const store = idb.transaction(s.name).objectStore(s.name);
      for (const i of s.indexes) expect(store.indexNames.contains(i.name), `${s.name}.${i.name}`).toBe(true);
    }
  });

  it('reads every record as v1 wrote it, newest first', async () => {
    const docs = await listDocuments(database);
    expect(docs.map((d) => d.id)).toEqual([3, 2, 1]);
    // v2 adds the exact text's hash and a stable uid to every document; nothing else changes.
    for (const d of docs) expect(d).toEqual({ ...byId(d.id!), textHash: textHashOf(byId(d.id!).text), uid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(new Set(docs.map((d) => d.uid)).size).toBe(docs.length);
    expect(await getDocument(2, database)).toMatchObject({ orgs: ['中共某某市委员会', '某某市人民政府'], org: '中共某某市委员会、某某市人民政府', edited: ['docType'] });
    // v1 analyses do not say which text they describe (one written after an update described the
    // old text): dropped, the dashboard recomputes them.
    expect(DUMP.tables.analyses.length).toBeGreaterThan(0);
    expect(await getAnalysis(1, database)).toBeUndefined();
    expect(await database.analyses.count()).toBe(0);
    expect(await database.trash.count()).toBe(0);
    expect(await getSetting('language', database)).toBe('zh');
    expect(await database.lexicon.where('term').equals('两个确立').first()).toMatchObject({ id: 2, aliases: ['“两个确立”'] });
  });

  it('every v1 record is still a valid document once its derived fields are recomputed', async () => {
    for (const d of DUMP.tables.documents) expect(() => validateDocument({ ...d, org: joinOrgs(d.orgs), textHash: textHashOf(d.text), uid: 'u' })).not.toThrow();
    for (const d of await listDocuments(database)) expect(() => validateDocument({ ...d, org: joinOrgs(d.orgs) })).not.toThrow();
  });

  it('finds v1 records through their indexes: url (fragment ignored), text hash, tags (multi-entry)', async () => {
    const two = byId(2);
    expect(await findDuplicate('https://www.example.gov.cn/zwgk/2024/gzyd.html', 'x', database)).toMatchObject({ reason: 'url', record: { id: 2 } });
    expect(await findDuplicate('https://elsewhere.example/', two.contentHash, database)).toMatchObject({ reason: 'text', record: { id: 2 } });
    expect((await database.documents.where('tags').equals('__proto__').toArray()).map((d) => d.id)).toEqual([2]);
    expect((await database.documents.where('year').equals(2024).primaryKeys()).sort()).toEqual([1, 2]);
  });

  it('updates a v1 record: derived fields re-derived (org takes the shared separator), user corrections kept', async () => {
    const next = await updateDocument(2, { text: '2024年全市党建工作要点（修订）\n一、加强政治建设', docType: '通知' }, { mode: 'recapture' }, database);
    expect(next.org).toBe('中共某某市委员会；某某市人民政府');
    expect(next.docType).toBe('工作要点'); // corrected by the user under v1: a re-capture keeps it
    expect(next.chars).toBe([...'2024年全市党建工作要点（修订）\n一、加强政治建设'].length);
    expect(next.contentHash).not.toBe(byId(2).contentHash);
    expect(await getAnalysis(2, database)).toBeUndefined(); // stale analysis removed with the text change
    expect(await getDocument(2, database)).toEqual(next);
  });

  it('new documents take ids after the v1 ones; a v1 record deleted and restored comes back whole', async () => {
    const { tags: _t, edited: _e, capturedAt: _c, id: _i, org: _o, chars: _ch, contentHash: _h, updatedAt: _u, ...input } = byId(1);
    const added = await addDocument({ ...input, url: 'https://www.example.gov.cn/new.html', text: '新的文件\n正文。' }, database);
    expect(added.id).toBe(4);
    const deleted = await deleteDocument(2, database);
    expect(deleted).not.toBeNull();
    const restored = await restoreDocument(deleted!, database);
    expect(restored).toMatchObject({ id: 2, orgs: byId(2).orgs, org: '中共某某市委员会；某某市人民政府', text: byId(2).text, edited: ['docType'] });
    expect(await getDocument(2, database)).toEqual(restored);
    expect(restored.uid).toBe(deleted!.document.uid);
  });
});
