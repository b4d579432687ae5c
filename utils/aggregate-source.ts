// What the aggregation worker reads from the extension's database itself (same origin as the
// page): stored analyses sent by reference, and the cleaned texts that KWIC and recurring-phrase
// search read. Read-only, and kept apart from the library service so the worker bundles Dexie and
// nothing of the UI's glue. The worker wires these; tests give them to an in-process AggregateHost.
import type { TextSource } from '../analysis/queries';
import { createSegmenter, type Segmenter } from '../analysis/segment';
import type { AnalysisLoader } from './aggregate-client';
import { openDatabase } from './db';

export function databaseAnalyses(name: string): AnalysisLoader {
  const database = openDatabase(name);
  return (ids) => database.analyses.bulkGet(ids);
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

export function databaseTexts(name: string): TextSource {
  const database = openDatabase(name);
  return {
    readText: async (docId) => (await database.documents.get(Number(docId)))?.text ?? '',
    segmenter: async (words): Promise<Segmenter> => createSegmenter(await loadJieba(), words),
  };
}
