// The background analysis pool: several workers at once, each document analysed by exactly one,
// genuinely new documents before those merely analysed under older settings, and a rate and a
// time left that follow the documents actually finished.
import { describe, expect, it, vi } from 'vitest';
import { at } from '../helpers/at';
import {
  AnalysisRunner,
  defaultPoolSize,
  MAX_POOL,
  type AnalysisConfig,
  type AnalysisProgress,
  type FromWorker,
  type PendingDoc,
  type ToWorker,
  type WorkerLike,
} from '../../utils/analysis-client';
import type { StoredAnalysis } from '../../utils/db';
import type { DocAnalysis } from '../../analysis/types';

/** A worker that holds every request until the test answers it. */
class HeldWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  version = '';
  held: { id: number; docId: string; text: string }[] = [];
  received: string[] = [];
  postMessage(m: ToWorker): void {
    if (m.type === 'config') {
      this.version = m.config.version;
      queueMicrotask(() => this.onmessage?.({ data: { type: 'ready' } } as MessageEvent<FromWorker>));
      return;
    }
    this.received.push(m.docId);
    this.held.push({ id: m.id, docId: m.docId, text: m.text });
  }
  /** Answer the oldest held request. */
  answer(): string {
    const m = this.held.shift();
    if (!m) throw new Error('nothing held');
    const analysis: DocAnalysis = { docId: m.docId, version: this.version, chars: m.text.length, terms: [], formulations: [], outline: [], stats: { chars: m.text.length, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } };
    this.onmessage?.({ data: { type: 'result', id: m.id, analysis } } as MessageEvent<FromWorker>);
    return m.docId;
  }
  terminate(): void {
    this.terminated = true;
  }
}

const cfg: AnalysisConfig = { lexicon: [], userWords: [], stopwords: [], version: 'v1' };
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function setup(poolSize: number, clock?: { t: number }, librarySize?: number) {
  const workers: HeldWorker[] = [];
  const written: StoredAnalysis[] = [];
  const writes: number[] = [];
  const progress: AnalysisProgress[] = [];
  const runner = new AnalysisRunner({
    poolSize,
    createWorker: () => {
      const w = new HeldWorker();
      workers.push(w);
      return w;
    },
    getText: (docId) => ({ text: `text of ${docId}`, textHash: `h${docId}` }),
    write: async (batch) => {
      written.push(...batch);
      writes.push(batch.length);
    },
    onProgress: (p) => progress.push(p),
    now: clock ? () => clock.t : undefined,
    librarySize: librarySize === undefined ? undefined : () => librarySize,
  });
  /** Answer everything until the runner is idle, one request per worker per round. */
  const drain = async () => {
    for (let round = 0; round < 1000; round++) {
      await settle();
      const busy = workers.filter((w) => !w.terminated && w.held.length > 0);
      if (busy.length === 0) {
        if (runner.current.state === 'idle') return;
        continue;
      }
      for (const w of busy) w.answer();
    }
    throw new Error('the runner never went idle');
  };
  return { runner, workers, written, writes, progress, drain };
}

const docs = (ids: string[], fresh = false): PendingDoc[] => ids.map((docId) => ({ docId, textHash: `h${docId}`, fresh }));

describe('analysis pool', () => {
  it('sizes the pool to the machine: one worker per core, at least one, at most MAX_POOL', () => {
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(64)).toBe(MAX_POOL);
    expect(defaultPoolSize(undefined)).toBeGreaterThanOrEqual(1);
    expect(defaultPoolSize(0)).toBeGreaterThanOrEqual(1);
  });

  it('spreads the documents over the pool and analyses each exactly once', async () => {
    const { runner, workers, written, drain } = setup(3);
    const ids = Array.from({ length: 30 }, (_, i) => `d${i}`);
    runner.sync(docs(ids), cfg);
    await settle();
    expect(workers).toHaveLength(3);
    // Each worker has work at once (two requests in flight each, none waits for the page).
    expect(workers.every((w) => w.held.length === 2)).toBe(true);
    await drain();
    const received = workers.flatMap((w) => w.received);
    expect(received.sort()).toEqual([...ids].sort());
    expect(written.map((a) => a.docId).sort()).toEqual([...ids].sort());
    expect(workers.every((w) => w.received.length >= 5)).toBe(true);
  });

  it('starts no more workers than there are documents to analyse', async () => {
    const { runner, workers, written, drain } = setup(4);
    runner.sync(docs(['only']), cfg);
    await drain();
    expect(workers).toHaveLength(1);
    expect(written.map((a) => a.docId)).toEqual(['only']);
  });

  it('analyses genuinely new documents first, also when they arrive during a long re-analysis', async () => {
    const { runner, workers, drain } = setup(1);
    const stale = Array.from({ length: 10 }, (_, i) => `old${i}`);
    // Listed first by the store, but only re-analysed (their stored analysis is of older settings).
    runner.sync([...docs(stale.slice(0, 5)), ...docs(['new1'], true), ...docs(stale.slice(5))], cfg);
    await settle();
    const w = at(workers, 0);
    // The first request goes out before anything else is known; after it, the new document.
    expect(w.received.slice(0, 2)).toEqual(['new1', 'old0']);
    w.answer();
    w.answer();
    await settle();
    // A clip made while the re-analysis runs jumps the queue.
    runner.sync([...docs(stale.slice(2)), ...docs(['new2'], true)], cfg);
    w.answer();
    await settle();
    expect(w.received).toContain('new2');
    const i = w.received.indexOf('new2');
    expect(w.received.slice(i + 1).every((d) => d.startsWith('old'))).toBe(true);
    expect(w.received.slice(0, i).filter((d) => d.startsWith('old')).length).toBeLessThan(5);
    await drain();
    expect(new Set(w.received)).toEqual(new Set([...stale, 'new1', 'new2']));
  });

  it('reports documents per second and the time left from the documents finished', async () => {
    const clock = { t: 0 };
    const { runner, workers, progress } = setup(2, clock);
    runner.sync(docs(Array.from({ length: 12 }, (_, i) => `d${i}`)), cfg);
    await settle();
    // Two documents every second, one from each worker.
    for (let s = 1; s <= 4; s++) {
      clock.t = s * 1000;
      for (const w of workers) w.answer();
      await settle();
    }
    const last = at(progress, -1);
    expect(last.done).toBe(8);
    expect(last.workers).toBe(2);
    // 8 finished between t=1 s and t=4 s: 7 intervals over 3 s.
    expect(last.rate).toBeCloseTo(7 / 3, 5);
    expect(last.secondsLeft).toBeCloseTo(4 / (7 / 3), 5);
    runner.dispose();
  });

  it('a new analysis version stops every worker of the pool', async () => {
    const { runner, workers } = setup(2);
    runner.sync(docs(['a', 'b', 'c', 'd']), cfg);
    await settle();
    expect(workers).toHaveLength(2);
    runner.sync(docs(['a', 'b', 'c', 'd']), { ...cfg, version: 'v2' });
    await settle();
    expect(workers.slice(0, 2).every((w) => w.terminated)).toBe(true);
    expect(workers.slice(2).every((w) => w.version === 'v2')).toBe(true);
    runner.dispose();
  });

  it('writes results less often on a large library, and still writes every one', async () => {
    /** Batches written for 80 documents on one worker, 0.5 s of the clock per document. */
    const batches = async (librarySize: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(0);
        const { runner, workers, written, writes } = setup(1, undefined, librarySize);
        const ids = Array.from({ length: 80 }, (_, i) => `d${i}`);
        runner.sync(docs(ids), cfg);
        for (let round = 0; round < 1000 && runner.current.state !== 'idle'; round++) {
          await settle();
          const w = workers.find((x) => !x.terminated && x.held.length > 0);
          if (!w) continue;
          vi.setSystemTime(Date.now() + 500);
          w.answer();
        }
        await settle();
        expect(new Set(written.map((a) => a.docId)).size).toBe(80);
        runner.dispose();
        return writes.length;
      } finally {
        vi.useRealTimers();
      }
    };
    const small = await batches(100); // the 1.5 s floor: a batch about every 3 documents once 8 are in
    const large = await batches(10_000); // 20 s: a batch every 40 documents, and the last one
    expect(small).toBeGreaterThanOrEqual(8);
    expect(large).toBeLessThanOrEqual(3);
  });
});
