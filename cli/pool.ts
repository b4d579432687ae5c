// The CLI's worker threads: `jobs` workers (os.availableParallelism() unless --jobs says otherwise),
// each with its own jieba, analysing documents in parallel (cli/work.ts). With one job the same work
// runs on the main thread, without a worker. Results come back as promises; the caller takes them
// in input order, so the tables do not depend on which worker finished first.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FormulationHit } from '../analysis/types';
import type { DocTask, HitsTask, WorkEvent, WorkSetup } from './work';

export interface Runner {
  /** How many threads analyse (1: the main thread itself). */
  readonly jobs: number;
  run(task: DocTask): Promise<WorkEvent[]>;
  hits(task: HitsTask): Promise<FormulationHit[]>;
  /** Stop the workers; every run ends with it, or the process would not exit. */
  close(): Promise<void>;
}

/**
 * The worker's code: dist/worker.mjs next to the bundle's entry or one folder above its chunks
 * (scripts/build-cli.mjs); when the sources run (npm run cli, tests), cli/worker.ts through tsx's
 * API, registered inside the worker (loader flags are not carried into worker threads on Node 20).
 */
function startWorker(setup: WorkSetup): Worker {
  for (const rel of ['./worker.mjs', '../worker.mjs']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(url)) return new Worker(url, { workerData: setup });
  }
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

interface Pending {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
}

class WorkerPool implements Runner {
  private readonly workers: { worker: Worker; busy: number; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(readonly jobs: number, setup: WorkSetup) {
    for (let i = 0; i < jobs; i++) {
      const worker = startWorker(setup);
      const slot = { worker, busy: 0, pending: new Map<number, Pending>() };
      worker.on('message', (msg: { id?: number; result?: unknown; error?: string }) => {
        if (msg.id === undefined) return;
        const p = slot.pending.get(msg.id);
        if (!p) return;
        slot.pending.delete(msg.id);
        slot.busy--;
        if (msg.error !== undefined) p.reject(new Error(`worker: ${msg.error}`));
        else p.resolve(msg.result as never);
      });
      const fail = (err: Error) => {
        this.failure ??= err;
        for (const p of slot.pending.values()) p.reject(err);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (slot.pending.size) fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.workers.push(slot);
    }
  }

  private send<T>(task: DocTask | HitsTask, to?: number): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    // The least busy worker: tasks differ in size (a PDF, a jsonl line), so no fixed round robin.
    let slot = this.workers[0]!;
    if (to !== undefined) slot = this.workers[to]!;
    else for (const w of this.workers) if (w.busy < slot.busy) slot = w;
    const id = this.nextId++;
    slot.busy++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: never) => void, reject });
      const transfer = task.kind === 'file' && task.bytes ? [task.bytes.buffer as ArrayBuffer] : [];
      slot.worker.postMessage({ id, task }, transfer);
    });
  }

  run(task: DocTask): Promise<WorkEvent[]> {
    return this.send(task);
  }

  hits(task: HitsTask): Promise<FormulationHit[]> {
    return this.send(task);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

export async function createRunner(setup: WorkSetup, jobs: number): Promise<Runner> {
  if (jobs > 1) return new WorkerPool(jobs, setup);
  // Loaded only here: with workers, the main thread never loads the readers, cleaner and segmenter.
  const { createDocWork } = await import('./work');
  const work = await createDocWork(setup);
  return { jobs: 1, run: (t) => work.run(t), hits: (t) => work.hits(t), close: () => Promise.resolve() };
}
