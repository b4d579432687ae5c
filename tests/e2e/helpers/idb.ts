// Reading the extension's IndexedDB from the outside, through its service worker (same origin).
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './extension';

/** Every record of one object store of the extension's database; [] when the store does not exist yet. */
export async function readStore<T = Record<string, unknown>>(ext: LaunchedExtension, store: string, dbName = 'tifa-lens'): Promise<T[]> {
  const worker = await ext.worker();
  return worker.evaluate(
    ([name, storeName]) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const idb = req.result;
          if (!idb.objectStoreNames.contains(storeName)) {
            idb.close();
            resolve([]);
            return;
          }
          const get = idb.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            idb.close();
            resolve(get.result as T[]);
          };
        };
      }),
    [dbName, store] as const,
  );
}

/** What a test stores of a document put straight into the library (as if clipped long ago). */
export interface PutDocument {
  url: string;
  title: string;
  text: string;
  uid?: string;
  textHash?: string;
}

/**
 * Store one document in the extension's database from one of its pages (same origin), committed
 * before this resolves: a reload right after would abort a pending write. Returns its id.
 */
export async function putDocument(page: Page, doc: PutDocument): Promise<number> {
  return page.evaluate(
    (d) =>
      new Promise<number>((resolve, reject) => {
        const now = new Date().toISOString();
        const record = {
          url: d.url, title: d.title, orgs: ['国务院'], org: '国务院', docNumber: '', date: '', year: 2024, docType: '报告',
          script: 'simplified', text: d.text, chars: d.text.length, contentHash: '0'.repeat(64),
          ...(d.textHash === undefined ? {} : { textHash: d.textHash }),
          ...(d.uid === undefined ? {} : { uid: d.uid }),
          capturedAt: now, updatedAt: now, tags: [], edited: [],
          source: { url: d.url, pageTitle: '', articleHtml: '', articleText: '', pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt: now },
        };
        const req = indexedDB.open('tifa-lens');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('documents', 'readwrite');
          const add = tx.objectStore('documents').add(record);
          tx.onerror = () => reject(tx.error);
          tx.oncomplete = () => {
            req.result.close();
            resolve(add.result as number);
          };
        };
      }),
    doc,
  );
}
