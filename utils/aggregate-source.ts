// What the aggregation worker reads from the extension's database itself (same origin as the
// page): stored analyses sent by reference (read packed), and the cleaned texts that KWIC and recurring-phrase
// search read. Read-only, and kept apart from the library service so the worker bundles Dexie and
// nothing of the UI's glue. The worker wires these; tests give them to an in-process AggregateHost.
import type { TextSource } from '../analysis/queries';
import type { HeldAnalysis } from '../analysis/types';
import { createSegmenter, type Segmenter } from '../analysis/segment';
import { unpackTerms, Vocabulary } from '../analysis/packed-terms';
import type { AnalysisLoader } from './aggregate-client';
import { answersDatabaseName, openDatabase } from './db';

/**
 * Stored analyses by docId, read from their packs (utils/db analysisPacks) and held with packed term
 * counts over one vocabulary per database (analysis/packed-terms): reading and holding 10,000 of
 * them no longer builds an object per term.
 */
export function databaseAnalyses(name: string): AnalysisLoader {
  const database = openDatabase(name);
  const vocabulary = new Vocabulary();
  return async (ids) => {
    const packs = await database.analysisPacks.bulkGet(ids);
    const out: (HeldAnalysis | undefined)[] = packs.map((p) => {
      if (!p) return undefined;
      const { termPack, ...rest } = p;
      return { ...rest, terms: unpackTerms(termPack, vocabulary) };
    });
    // A row written past the database module has no pack until the dashboard reconciles the
    // derived tables: read it whole, so the worker never misses an analysis the page counts.
    const unpacked = ids.filter((_, i) => !packs[i]);
    if (unpacked.length) {
      const whole = await database.analyses.bulkGet(unpacked);
      let k = 0;
      packs.forEach((p, i) => {
        if (!p) out[i] = whole[k++];
      });
    }
    return out;
  };
}

/** jieba-wasm's web build, loaded once per worker when recurring phrases are first asked for. */
let jieba: Promise<{ cut(t: string, hmm?: boolean): string[]; add_word(w: string, f?: number, tag?: string): number }> | null = null;
async function loadJieba() {
  jieba ??= (async () => {
    const [mod, wasm] = await Promise.all([import('jieba-wasm/web'), import('../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm?url')]);
    await mod.default({ module_or_path: wasm.default });
    return { cut: mod.cut, add_word: mod.add_word };
  })();
  return jieba;
}

/**
 * Answers the worker keeps between sessions (analysis/queries TextSource.memo), in a database of
 * their own next to the library's: derived data only, each answer stored with the exact documents
 * and texts it was computed from, so a stale one is never used, and losing it costs one recomputation.
 */
const MEMO_STORE = 'answers';
function memoDatabase(name: string): NonNullable<TextSource['memo']> {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(answersDatabaseName(name), 1);
      req.onupgradeneeded = () => req.result.createObjectStore(MEMO_STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open the answers database'));
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(MEMO_STORE, mode);
      const req = fn(tx.objectStore(MEMO_STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('answers database failed'));
      tx.onabort = () => reject(tx.error ?? new Error('answers database write aborted'));
    });
  };
  return {
    get: (key) => run('readonly', (store) => store.get(key) as IDBRequest<unknown>),
    put: async (key, value) => {
      await run('readwrite', (store) => store.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
  };
}

export function databaseTexts(name: string): TextSource {
  const database = openDatabase(name);
  return {
    // The text alone (utils/db texts), not the document with its captured page.
    readText: async (docId) => (await database.texts.get(Number(docId)))?.text ?? '',
    segmenter: async (words): Promise<Segmenter> => createSegmenter(await loadJieba(), words),
    memo: typeof indexedDB === 'undefined' ? undefined : memoDatabase(name),
  };
}
