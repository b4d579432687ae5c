// Storage safety: persistence asked for, free space checked before large writes, a full disk named
// as such, and nothing half-written or already stored lost when a write fails for lack of space.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, type DB, type DocumentInput } from '@/utils/db';
import { backupJson, restoreBackup } from '@/utils/backup';
import { loadSampleCorpus, type SampleCorpus } from '@/utils/sample';
import { ensureFreeSpace, isStorageFull, requestPersistence, StorageFullError, type StorageLike } from '@/utils/storage';
import { saveFailureOf } from '@/utils/capture';

let n = 0;
const opened: DB[] = [];
function freshDb(): DB {
  const db = openDatabase(`storage-${++n}`);
  opened.push(db);
  return db;
}
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z' };
}
function input(url: string, text: string): DocumentInput {
  return { url, title: url, orgs: [], docNumber: '', date: '', year: null, docType: '', script: 'simplified', text, source: capture(text, url) };
}
const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const estimate = (quota: number, usage: number): StorageLike => ({ estimate: async () => ({ quota, usage }) });

/** Make every Nth write to a table fail the way a full disk does. */
function failEvery(db: DB, table: 'documents' | 'analyses', after: number, error: () => Error) {
  let count = 0;
  db.table(table).hook('creating', () => {
    if (++count > after) throw error();
  });
}

describe('persistence and free space', () => {
  it('asks for persistent storage once, and never throws', async () => {
    let asked = 0;
    expect(await requestPersistence({ persisted: async () => false, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistence({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistence({ persist: async () => false })).toBe(false);
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('denied')) })).toBe(false);
    expect(await requestPersistence(undefined)).toBe(false);
  });

  it('refuses a write the estimate says will not fit, naming it a full disk', async () => {
    await expect(ensureFreeSpace(1000, estimate(10_000, 9_500))).rejects.toBeInstanceOf(StorageFullError);
    await expect(ensureFreeSpace(1000, estimate(10_000, 1_000))).resolves.toBeUndefined();
    // No estimate: nothing is known, the write goes ahead (and its own errors are classified).
    await expect(ensureFreeSpace(1000, {})).resolves.toBeUndefined();
    const err = await ensureFreeSpace(5 * 1024 * 1024, estimate(3 * 1024 * 1024, 2 * 1024 * 1024)).catch((e: unknown) => e);
    expect(isStorageFull(err)).toBe(true);
    expect(saveFailureOf(err)).toEqual({ failure: 'quota', problem: 'about 5.0 MB needed, 1.0 MB free' });
  });

  it('a restore that will not fit writes nothing', async () => {
    const src = freshDb();
    await addDocument(input('https://gov.cn/a', '正文一。'), src);
    const dst = freshDb();
    await addDocument(input('https://gov.cn/mine', '本机的文件。'), dst);
    const err = await restoreBackup(dst, await backupJson(src), 'b.ndjson', { storageManager: estimate(1000, 990) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((await dst.documents.toArray()).map((d) => d.url)).toEqual(['https://gov.cn/mine']);
  });

  it('a sample load that will not fit writes nothing', async () => {
    const db = freshDb();
    const corpus: SampleCorpus = { format: 'tifa-lens-sample', version: 1, note: '', documents: [{ key: 'k', url: 'sample:k', raw: '正文。'.repeat(100), known: {}, licence: '' }] };
    await expect(loadSampleCorpus(corpus, db, new Date(), estimate(1000, 999))).rejects.toBeInstanceOf(StorageFullError);
    expect(await db.documents.count()).toBe(0);
  });
});

describe('a disk that fills during a write', () => {
  it.each([
    ['QuotaExceededError', () => named('QuotaExceededError', 'The quota has been exceeded.')],
    ['DataError "Failed to write blobs"', () => named('DataError', 'Failed to write blobs.')],
  ])('%s while clipping: named as a full disk, the library as it was', async (_label, error) => {
    const db = freshDb();
    const kept = await addDocument(input('https://gov.cn/kept', '已有的文件。'), db);
    failEvery(db, 'documents', 0, error);
    const err = await addDocument(input('https://gov.cn/new', '新文件。'), db).catch((e: unknown) => e);
    expect(saveFailureOf(err).failure).toBe('quota');
    expect(await db.documents.toArray()).toEqual([kept]);
  });

  it('during a restore: documents already stored are untouched, no document is stored without its analysis', async () => {
    const src = freshDb();
    for (let i = 0; i < 5; i++) {
      const d = await addDocument(input(`https://gov.cn/${i}`, `第${i}号文件。`), src);
      await putAnalysis({ docId: String(d.id), version: 'v', textHash: d.textHash, chars: 1, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } }, src);
    }
    const dst = freshDb();
    const mine = await addDocument(input('https://gov.cn/mine', '本机的文件。'), dst);
    // The third analysis does not fit.
    failEvery(dst, 'analyses', 2, () => named('QuotaExceededError', 'The quota has been exceeded.'));
    const err = await restoreBackup(dst, await backupJson(src), 'b.ndjson', { skipSpaceCheck: true }).catch((e: unknown) => e);
    expect(isStorageFull(err)).toBe(true);
    const docs = await dst.documents.toArray();
    // The whole batch (one transaction) rolled back: only what was there before.
    expect(docs).toEqual([mine]);
    expect(await dst.analyses.count()).toBe(0);
  });
});
