// Node jieba for tests (and a model for the CLI): load the *node* build of jieba-wasm explicitly.
// Vitest resolves `import 'jieba-wasm'` with the `import` condition, i.e. the async web build that
// needs `await init()` and a fetch of the .wasm; `require` picks the sync Node build instead.
import { createRequire } from 'node:module';
import type { JiebaLike } from '../../analysis/segment';

const require = createRequire(import.meta.url);

let cached: JiebaLike | null = null;

/** The sync Node build of jieba-wasm (one global instance per process). */
export function loadNodeJieba(): JiebaLike {
  if (!cached) cached = require('jieba-wasm') as JiebaLike;
  return cached;
}

import { analysisVersion, type AnalysisContext } from '../../analysis/analyze';
import { DEFAULT_LEXICON, type Lexicon } from '../../analysis/lexicon';
import { createSegmenter } from '../../analysis/segment';
import { DEFAULT_STOPWORDS } from '../../analysis/stopwords';

/** An AnalysisContext over the Node jieba with the built-in lexicon and stopwords (or the given lexicon). */
export function createTestContext(lexicon: Lexicon = DEFAULT_LEXICON, userWords: string[] = []): AnalysisContext {
  return {
    segmenter: createSegmenter(loadNodeJieba(), { lexicon, userWords }),
    lexicon,
    stopwords: new Set(DEFAULT_STOPWORDS),
    version: analysisVersion(lexicon, userWords, DEFAULT_STOPWORDS),
  };
}
