// Segmentation for Node. The native binding @node-rs/jieba (jieba-rs, prebuilt binaries in the npm
// package) cuts about twice as fast as jieba-wasm and gives the same tokens with the product's
// lexicon (tests/cli/segmenter-parity.test.ts); jieba-wasm stays the fallback when no prebuilt
// binary fits the platform, or when TIFA_LENS_SEGMENTER=wasm asks for it.
// jieba-wasm's package maps `node`/`require` to a synchronous build that instantiates the WASM on
// load (the `import` condition would give the browser build, which needs `await init()` and a
// fetch). Loading through createRequire picks the Node build explicitly under any loader.

import { createRequire } from 'node:module';
import type { Lexicon } from '../analysis/lexicon';
import { createSegmenter, segmenterWords, type JiebaLike, type Segmenter } from '../analysis/segment';

const require = createRequire(import.meta.url);

let wasm: JiebaLike | null = null;

/** The Node build of jieba-wasm, loaded once per process. */
export function loadNodeJieba(): JiebaLike {
  wasm ??= require('jieba-wasm/node') as JiebaLike;
  return wasm;
}

interface NativeJieba {
  cut(sentence: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

/**
 * @node-rs/jieba with jieba-wasm's add_word: jieba-rs takes extra words as dictionary lines
 * (`word freq`), so words are gathered and loaded in one batch before the next cut.
 */
export function loadNativeJieba(): JiebaLike | null {
  let jieba: NativeJieba;
  try {
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): NativeJieba } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  } catch {
    return null;
  }
  let pending: string[] = [];
  const load = () => {
    if (pending.length) jieba.loadDict(Buffer.from(pending.join('\n'), 'utf8'));
    pending = [];
  };
  return {
    cut(text, hmm) {
      load();
      return jieba.cut(text, hmm);
    },
    add_word(word, freq) {
      pending.push(freq === undefined ? word : `${word} ${freq}`);
      return 0;
    },
  };
}

/** Which engine segments in this process: 'native' (@node-rs/jieba) or 'wasm' (jieba-wasm). */
export type SegmenterEngine = 'native' | 'wasm';

/** A Segmenter over the fastest Node jieba with the lexicon and user words added (see analysis/segment). */
export function createNodeSegmenter(opts: { lexicon: Lexicon; userWords?: string[]; engine?: SegmenterEngine }): Segmenter {
  const words = segmenterWords(opts.lexicon, opts.userWords);
  // A dictionary line cannot hold a word with white space in it: such a lexicon stays on jieba-wasm.
  const wantNative = (opts.engine ?? (process.env.TIFA_LENS_SEGMENTER === 'wasm' ? 'wasm' : 'native')) === 'native' && !words.some((w) => /\s/.test(w));
  const native = wantNative ? loadNativeJieba() : null;
  return createSegmenter(native ?? loadNodeJieba(), opts);
}
