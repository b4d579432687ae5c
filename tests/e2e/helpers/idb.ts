// Reading the extension's IndexedDB from the outside, through its service worker (same origin).
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
