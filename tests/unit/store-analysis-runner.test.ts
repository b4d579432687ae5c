import { describe, expect, it, vi } from 'vitest';
import type { DocAnalysis } from '../../analysis/types';
import {
  AnalysisRunner,
  type AnalysisConfig,
  type AnalysisProgress,
  type FromWorker,
  type ToWorker,
  type WorkerLike,
} from '../../utils/analysis-client';

/** A worker that answers asynchronously, analysing by counting characters. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  config: AnalysisConfig | null = null;
  received: string[] = [];
  constructor(private failOn?: string) {}
  postMessage(m: ToWorker): void {
    queueMicrotask(() => {
      if (this.terminated) return;
      if (m.type === 'config') {
        this.config = m.config;
        this.reply({ type: 'ready' });
        return;
      }
      this.received.push(m.docId);
      if (m.docId === this.failOn) this.reply({ type: 'error', id: m.id, message: 'boom' });
      else
        this.reply({
          type: 'result',
          id: m.id,
          analysis: { docId: m.docId, version: this.config!.version, chars: m.text.length, terms: [], formulations: [], outline: [], stats: { chars: m.text.length, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } },
        });
    });
  }
  private reply(msg: FromWorker) {
    setTimeout(() => !this.terminated && this.onmessage?.({ data: msg } as MessageEvent<FromWorker>), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const cfg = (version: string): AnalysisConfig => ({ lexicon: [], userWords: [], stopwords: [], version });

function setup(texts: Record<string, string>, failOn?: string) {
  const workers: FakeWorker[] = [];
  const written: DocAnalysis[] = [];
  const progress: AnalysisProgress[] = [];
  const runner = new AnalysisRunner({
    // One worker: these tests follow one worker's order (the pool: analysis-pool.test.ts).
    poolSize: 1,
    createWorker: () => {
      const w = new FakeWorker(failOn);
      workers.push(w);
      return w;
    },
    getText: (id) => (texts[id] === undefined ? undefined : { text: texts[id], textHash: `h:${texts[id]}` }),
    write: async (batch) => {
      written.push(...batch);
    },
    onProgress: (p) => progress.push(p),
  });
  const idle = () =>
    new Promise<void>((resolve) => {
      const check = () => (runner.current.state === 'idle' && runner.current.total === 0 ? resolve() : setTimeout(check, 1));
      setTimeout(check, 1);
    });
  return { runner, workers, written, progress, idle };
}

describe('AnalysisRunner', () => {
  it('analyses every pending document once, writes the results, reports n/m progress', async () => {
    const { runner, written, progress, workers, idle } = setup({ a: '一二三', b: '四五', c: '' });
    runner.sync(['a', 'b', 'c'], cfg('v1'));
    // The store calls sync again while work is in flight: nothing is queued twice.
    runner.sync(['a', 'b', 'c'], cfg('v1'));
    await idle();
    expect(written.map((a) => [a.docId, a.chars, a.version])).toEqual([
      ['a', 3, 'v1'],
      ['b', 2, 'v1'],
      ['c', 0, 'v1'],
    ]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received).toEqual(['a', 'b', 'c']);
    expect(progress.some((p) => p.state === 'running' && p.done === 2 && p.total === 3)).toBe(true);
    // Finished documents that the store has not caught up with are not analysed again.
    runner.sync(['a'], cfg('v1'));
    await idle();
    expect(written).toHaveLength(3);
  });

  it('a new version restarts with a fresh worker (jieba words cannot be removed)', async () => {
    const { runner, written, workers, idle } = setup({ a: 'x' });
    runner.sync(['a'], cfg('v1'));
    await idle();
    runner.sync(['a'], cfg('v2'));
    await idle();
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(written.map((a) => a.version)).toEqual(['v1', 'v2']);
  });

  it('cancel stops the worker and nothing more is queued until resume', async () => {
    const texts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}`, 'x']));
    const { runner, written, workers, idle } = setup(texts);
    vi.useFakeTimers();
    runner.sync(Object.keys(texts), cfg('v1'));
    runner.cancel();
    expect(runner.current.state).toBe('cancelled');
    expect(workers[0]?.terminated).toBe(true);
    runner.sync(Object.keys(texts), cfg('v1'));
    await vi.runAllTimersAsync(); // everything the cancelled runner could still do, done
    vi.useRealTimers();
    expect(written.length).toBeLessThan(20);
    runner.resume();
    runner.sync(Object.keys(texts), cfg('v1'));
    await idle();
    expect(new Set(written.map((a) => a.docId)).size).toBe(20);
  });

  it('one failing document does not stop the others; deleted documents are skipped', async () => {
    const { runner, written, progress, idle } = setup({ a: 'x', bad: 'y', c: 'z' }, 'bad');
    runner.sync(['a', 'bad', 'gone', 'c'], cfg('v1'));
    await idle();
    expect(written.map((a) => a.docId)).toEqual(['a', 'c']);
    expect(progress.some((p) => p.error?.includes('bad: boom'))).toBe(true);
  });

  it('invalidate lets a re-cleaned document be analysed again in the same run', async () => {
    const { runner, written, idle } = setup({ a: 'x' });
    runner.sync(['a'], cfg('v1'));
    await idle();
    runner.invalidate('a');
    runner.sync(['a'], cfg('v1'));
    await idle();
    expect(written.map((a) => a.docId)).toEqual(['a', 'a']);
  });
  it('drops queued documents that stopped being pending before starting them', async () => {
    const { runner, workers, idle } = setup({ a: 'x', b: 'y', c: 'z', d: 'w' });
    // Documents arrive before their stored analyses: for a moment all four look pending.
    runner.sync(['a', 'b', 'c', 'd'], cfg('v1'));
    // Then the analyses are read: only 'a' lacks one.
    runner.sync(['a'], cfg('v1'));
    await idle();
    expect(workers.flatMap((w) => w.received)).toEqual(['a']);
  });
});
