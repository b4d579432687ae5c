// jieba-wasm for Node: its package maps `node`/`require` to a synchronous build that instantiates
// the WASM on load (the `import` condition would give the browser build, which needs `await init()`
// and a fetch). Loading through createRequire picks the Node build explicitly under any loader.

import { createRequire } from 'node:module';
import type { Lexicon } from '../analysis/lexicon';
import { createSegmenter, type JiebaLike, type Segmenter } from '../analysis/segment';

const require = createRequire(import.meta.url);

let jieba: JiebaLike | null = null;

/** The Node build of jieba-wasm, loaded once per process. */
export function loadNodeJieba(): JiebaLike {
  jieba ??= require('jieba-wasm/node') as JiebaLike;
  return jieba;
}

/** A Segmenter over the Node jieba with the lexicon and user words added (see analysis/segment). */
export function createNodeSegmenter(opts: { lexicon: Lexicon; userWords?: string[] }): Segmenter {
  return createSegmenter(loadNodeJieba(), opts);
}
