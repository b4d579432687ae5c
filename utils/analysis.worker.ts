// Analysis Web Worker: segmentation (jieba-wasm, web build) and per-document analysis run here so
// the dashboard never freezes. The page sends one configuration, then one document at a time, and
// writes the results itself (the database stays owned by the page). A new lexicon means a new
// worker: jieba's add_word is global and cannot be undone.
import init, { add_word, cut } from 'jieba-wasm/web';
// The .wasm ships as an extension asset (Vite `?url`); nothing is fetched from the network.
// The package's exports map hides the file, so it is addressed by path.
import wasmUrl from '../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm?url';
import { analyzeDocument, type AnalysisContext } from '../analysis/analyze';
import { createSegmenter } from '../analysis/segment';
import type { AnalysisConfig, FromWorker, ToWorker } from './analysis-client';

type Ctx = AnalysisContext;

let ready: Promise<Ctx> | null = null;

function post(message: FromWorker): void {
  (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);
}

async function configure(config: AnalysisConfig): Promise<Ctx> {
  await init({ module_or_path: wasmUrl });
  const segmenter = createSegmenter({ cut, add_word }, { lexicon: config.lexicon, userWords: config.userWords });
  return { segmenter, lexicon: config.lexicon, stopwords: new Set(config.stopwords), version: config.version };
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'config') {
    ready = configure(msg.config);
    try {
      await ready;
      post({ type: 'ready' });
    } catch (err) {
      post({ type: 'error', id: null, message: String((err as Error)?.message ?? err) });
    }
    return;
  }
  if (msg.type === 'analyse') {
    try {
      if (!ready) throw new Error('worker used before configuration');
      const ctx = await ready;
      const analysis = analyzeDocument({ docId: msg.docId, text: msg.text }, ctx);
      post({ type: 'result', id: msg.id, analysis });
    } catch (err) {
      post({ type: 'error', id: msg.id, message: String((err as Error)?.message ?? err) });
    }
  }
};
