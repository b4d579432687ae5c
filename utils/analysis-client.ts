// The page's side of background analysis: keeps a queue of documents whose stored analysis is
// missing or stale, feeds them to a pool of analysis workers (one per core, capped), genuinely new
// documents first, writes results in small batches, reports progress with documents/second and
// time left, and can be cancelled. Framework-free; the dashboard store wraps it.
import type { DocAnalysis } from '../analysis/types';
import type { AnalysisConfig } from '../analysis/config';
import type { StoredAnalysis } from './db';

export type { AnalysisConfig };

/** Page → worker. */
export type ToWorker =
  | { type: 'config'; config: AnalysisConfig }
  | { type: 'analyse'; id: number; docId: string; text: string };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; analysis: DocAnalysis }
  | { type: 'error'; id: number | null; message: string };

export interface AnalysisProgress {
  state: 'idle' | 'loading' | 'running' | 'cancelled' | 'error';
  /** Documents finished in the current run. */
  done: number;
  /** Documents in the current run (finished + queued + in flight). */
  total: number;
  /** Documents per second over the last few seconds of the run (absent until two have finished). */
  rate?: number;
  /** Seconds left at that rate (absent with the rate). */
  secondsLeft?: number;
  /** Workers analysing in parallel. */
  workers?: number;
  error?: string;
}

/** The part of a Worker the runner uses (a fake stands in for it in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/**
 * A document to analyse, with the hash of the text the caller knows it has (see DocumentRecord.textHash).
 * `fresh`: it has no stored analysis at all (new, not merely made under older settings): such
 * documents are analysed first, so a new clip is counted before a long re-analysis finishes.
 */
export interface PendingDoc {
  docId: string;
  textHash: string;
  fresh?: boolean;
}

/** A document's text and the hash stored with it: the analysis is stamped with that hash. */
export interface DocText {
  text: string;
  textHash: string;
}

export interface AnalysisRunnerOptions {
  createWorker?: () => WorkerLike;
  /** Workers analysing in parallel (default: defaultPoolSize()). */
  poolSize?: number;
  getText(docId: string): Promise<DocText | undefined> | DocText | undefined;
  /**
   * Store a batch. Returns the docIds whose stored text no longer matches the analysis (dropped by
   * the store): the runner analyses them again once it knows of their new text.
   */
  write(analyses: StoredAnalysis[]): Promise<{ stale: readonly string[] } | void>;
  onProgress(progress: AnalysisProgress): void;
  /** Clock for the rate (tests pass a fake). */
  now?: () => number;
  /** Documents in the library: each write makes the open views recompute over all of them. */
  librarySize?: () => number;
}

/**
 * Results are written in batches, at most one batch per interval: each write wakes the page's
 * queries and every open view recomputes its aggregates, so one write per document would keep the
 * page busy on a large library. The last batch is written as soon as the queue is empty.
 */
const WRITE_BATCH = 8;
const MIN_WRITE_INTERVAL_MS = 1500;
/**
 * Per document of the library: the interval is the larger of MIN_WRITE_INTERVAL_MS and this times
 * the library's size, since what a write costs the page grows with it (2,000 documents 4 s, 10,000
 * documents 20 s). Measured with bench/dashboard.ts --analyse on
 * 2,079 documents: 20 docs/s with writes every 1.5 s, 28 docs/s every 10 s. The progress line
 * still moves with every document; only the views' figures catch up less often.
 */
const WRITE_INTERVAL_MS_PER_DOC = 2;
/** Requests kept in flight per worker, so a worker never waits for a busy page to send the next document. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * Most workers in the pool. Each holds its own jieba-wasm (dictionary and all, some tens of MB),
 * and segmentation is CPU-bound: more workers than cores only adds memory.
 */
export const MAX_POOL = 4;
/** The rate is measured over the documents finished in this window. */
const RATE_WINDOW_MS = 20_000;

/**
 * One worker per core, capped at MAX_POOL, at least one. The page's own thread is mostly idle
 * while documents are analysed (the aggregation worker does the sums), so every core segments.
 */
export function defaultPoolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  const n = Number.isFinite(cores) && cores! > 0 ? Math.floor(cores!) : 2;
  return Math.max(1, Math.min(MAX_POOL, n));
}

export function createAnalysisWorker(): WorkerLike {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

/** One worker of the pool and what it has been sent. */
interface Slot {
  worker: WorkerLike;
  ready: boolean;
  /** Requests in flight on this worker. */
  busy: number;
}

interface Sent extends PendingDoc {
  slot: Slot;
}

/**
 * Documents to analyse in two queues, genuinely new documents first, each in the order the store
 * listed them; membership is a set so a document is never queued twice.
 */
class TwoQueues {
  private fresh: string[] = [];
  private stale: string[] = [];
  private members = new Set<string>();
  get size(): number {
    return this.members.size;
  }
  has(docId: string): boolean {
    return this.members.has(docId);
  }
  push(docId: string, fresh: boolean): void {
    if (this.members.has(docId)) return;
    this.members.add(docId);
    (fresh ? this.fresh : this.stale).push(docId);
  }
  shift(): string | undefined {
    const docId = this.fresh.shift() ?? this.stale.shift();
    if (docId !== undefined) this.members.delete(docId);
    return docId;
  }
  /** Keep only what `keep` accepts; returns how many were dropped. */
  retain(keep: (docId: string) => boolean): number {
    const before = this.members.size;
    if ([...this.members].every(keep)) return 0;
    this.fresh = this.fresh.filter(keep);
    this.stale = this.stale.filter(keep);
    this.members = new Set([...this.fresh, ...this.stale]);
    return before - this.members.size;
  }
  clear(): void {
    this.fresh = [];
    this.stale = [];
    this.members.clear();
  }
}

export class AnalysisRunner {
  /** The pool; workers are started as work arrives (one document does not start four). */
  private slots: Slot[] = [];
  private readonly poolSize: number;
  private config: AnalysisConfig | null = null;
  private queue = new TwoQueues();
  /** Whether each known document had no stored analysis at all when the store last listed it. */
  private freshness = new Map<string, boolean>();
  /** Analysed under the current version, with the text hash analysed, perhaps not yet visible in
   * the store's snapshot. A document whose text changes since (another hash) is analysed again. */
  private finished = new Map<string, string>();
  /** The newest text hash sync() was told of, per document. */
  private latest = new Map<string, string>();
  /** Requests sent and not answered, by request id, with the worker each went to. */
  private inFlight = new Map<number, Sent>();
  private nextId = 1;
  private buffer: StoredAnalysis[] = [];
  private lastWrite = 0;
  private cancelled = false;
  /** When each of the run's recent documents finished (for the rate). */
  private finishTimes: number[] = [];
  private progress: AnalysisProgress = { state: 'idle', done: 0, total: 0 };

  constructor(private readonly opts: AnalysisRunnerOptions) {
    this.poolSize = Math.max(1, Math.floor(opts.poolSize ?? defaultPoolSize()));
  }

  get current(): AnalysisProgress {
    return this.progress;
  }

  /** Workers currently started (for tests and the benchmark). */
  get workers(): number {
    return this.slots.length;
  }

  /**
   * Tell the runner which documents lack a current analysis. Called whenever the library, the stored
   * analyses or the settings change; cheap when nothing changed. A new version restarts the pool.
   */
  sync(pending: readonly (PendingDoc | string)[], config: AnalysisConfig): void {
    if (!this.config || this.config.version !== config.version) {
      this.stopWorkers();
      this.config = config;
      this.queue.clear();
      this.finished.clear();
      this.cancelled = false;
      this.setProgress({ state: 'idle', done: 0, total: 0 });
    }
    if (this.cancelled) return;
    const docs = pending.map((p) => (typeof p === 'string' ? { docId: p, textHash: '', fresh: false } : p));
    // What is queued and no longer pending (its stored analysis arrived after the document, or it
    // was deleted) is dropped before it starts: the latest snapshot is the one that counts.
    const now = new Set(docs.map((p) => p.docId));
    const dropped = this.queue.retain((d) => now.has(d));
    if (dropped > 0) this.setProgress({ ...this.progress, total: Math.max(this.progress.done, this.progress.total - dropped) });
    for (const { docId, textHash, fresh } of docs) {
      this.latest.set(docId, textHash);
      this.freshness.set(docId, fresh === true);
      if (this.queue.has(docId)) continue; // its text is read when it is sent
      if (this.finished.has(docId) && (textHash === '' || this.finished.get(docId) === textHash)) continue;
      // In flight with the same text: wait for it. With an older text: its answer re-queues it.
      if (this.inFlightHash(docId) !== undefined) continue;
      this.enqueue(docId);
    }
    for (const id of [...this.freshness.keys()]) if (!now.has(id) && !this.latest.has(id)) this.freshness.delete(id);
    if (this.queue.size > 0 || this.inFlight.size > 0) {
      this.setProgress({ ...this.progress, total: this.progress.done + this.queue.size + this.inFlight.size });
      void this.pump();
    } else if (this.progress.state !== 'idle' && this.progress.state !== 'error' && this.progress.state !== 'cancelled') {
      this.setProgress({ state: 'idle', done: 0, total: 0 });
    }
  }

  /** A document's text changed (re-clean, edit): analyse it again even if done in this run. */
  invalidate(docId: string): void {
    this.finished.delete(docId);
  }

  private enqueue(docId: string): void {
    if (this.queue.has(docId)) return;
    this.finished.delete(docId);
    this.queue.push(docId, this.freshness.get(docId) === true);
    const total = this.progress.done + this.queue.size + this.inFlight.size;
    if (total > this.progress.total) this.progress = { ...this.progress, total };
  }

  /** Stop now; nothing more is analysed until `resume()` or a settings change. */
  cancel(): void {
    this.cancelled = true;
    this.stopWorkers();
    this.queue.clear();
    void this.flush();
    this.setProgress({ ...this.progress, state: 'cancelled', rate: undefined, secondsLeft: undefined });
  }

  resume(): void {
    this.cancelled = false;
    this.finished.clear();
    this.setProgress({ state: 'idle', done: 0, total: 0 });
  }

  dispose(): void {
    this.stopWorkers();
    this.queue.clear();
  }

  private setProgress(p: AnalysisProgress): void {
    if (p.state === 'idle') this.finishTimes = [];
    this.progress = p;
    this.opts.onProgress(p);
  }

  private stopWorkers(): void {
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
    this.inFlight.clear();
  }

  /** A worker with room for one more request, starting one while the pool is not full and the queue is long enough. */
  private freeSlot(): Slot | null {
    let best: Slot | null = null;
    for (const s of this.slots) if (s.busy < IN_FLIGHT_PER_WORKER && (!best || s.busy < best.busy)) best = s;
    // A new worker when every started one already has a request, and there is more to send.
    if ((!best || best.busy > 0) && this.slots.length < this.poolSize && this.queue.size > 0) return this.startWorker();
    return best;
  }

  private startWorker(): Slot {
    const worker = (this.opts.createWorker ?? createAnalysisWorker)();
    const slot: Slot = { worker, ready: false, busy: 0 };
    worker.onmessage = (e) => this.onMessage(slot, e.data);
    worker.onerror = (e) => this.fail(slot, e.message || 'worker error');
    worker.postMessage({ type: 'config', config: this.config! });
    this.slots.push(slot);
    if (this.progress.state !== 'running') this.setProgress({ ...this.progress, state: 'loading', workers: this.slots.length });
    else this.progress = { ...this.progress, workers: this.slots.length };
    return slot;
  }

  private fail(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    this.stopWorkers();
    this.queue.clear();
    this.cancelled = true; // do not loop on a broken worker; a settings change or resume() retries
    void this.flush();
    this.setProgress({ ...this.progress, state: 'error', error: message, rate: undefined, secondsLeft: undefined });
  }

  private inFlightHash(docId: string): string | undefined {
    for (const d of this.inFlight.values()) if (d.docId === docId) return d.textHash;
    return undefined;
  }

  /**
   * Send queued documents to workers with room. Several calls may overlap (each answer pumps); each
   * takes its worker's place before it awaits the text, so no worker gets more than its share.
   */
  private async pump(): Promise<void> {
    if (!this.config) return;
    for (;;) {
      if (this.queue.size === 0) {
        if (this.inFlight.size > 0) return;
        await this.flush();
        if (this.queue.size > 0) continue; // a write found a stale result, or the store queued more
        if (this.inFlight.size === 0 && this.progress.state !== 'idle' && !this.cancelled) this.setProgress({ state: 'idle', done: 0, total: 0 });
        return;
      }
      const slot = this.freeSlot();
      if (!slot) return; // every worker has its requests; an answer pumps again
      const docId = this.queue.shift()!;
      const id = this.nextId++;
      slot.busy++;
      this.inFlight.set(id, { docId, textHash: '', slot });
      const doc = await this.opts.getText(docId);
      if (!this.slots.includes(slot) || !this.inFlight.has(id)) return; // cancelled meanwhile
      if (doc === undefined) {
        // Deleted while queued: nothing to analyse.
        this.inFlight.delete(id);
        slot.busy--;
        this.setProgress({ ...this.progress, total: Math.max(this.progress.done, this.progress.total - 1) });
        continue;
      }
      this.inFlight.set(id, { docId, textHash: doc.textHash, slot });
      slot.worker.postMessage({ type: 'analyse', id, docId, text: doc.text });
    }
  }

  /** Documents per second over the recent window, and the time left at that rate. */
  private measure(): Pick<AnalysisProgress, 'rate' | 'secondsLeft'> {
    const now = (this.opts.now ?? Date.now)();
    this.finishTimes.push(now);
    while (this.finishTimes.length > 2 && now - this.finishTimes[0]! > RATE_WINDOW_MS) this.finishTimes.shift();
    const n = this.finishTimes.length;
    const span = now - this.finishTimes[0]!;
    if (n < 2 || span <= 0) return { rate: undefined, secondsLeft: undefined };
    const rate = ((n - 1) * 1000) / span;
    const left = Math.max(0, this.progress.total - this.progress.done - 1);
    return { rate, secondsLeft: left / rate };
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (!this.slots.includes(slot)) return;
    if (msg.type === 'ready') {
      slot.ready = true;
      this.setProgress({ ...this.progress, state: 'running', workers: this.slots.length });
      return;
    }
    if (msg.type === 'error' && msg.id === null) {
      this.fail(slot, msg.message);
      return;
    }
    const sent = msg.id === null ? undefined : this.inFlight.get(msg.id);
    if (sent === undefined) return;
    const { docId, textHash } = sent;
    this.inFlight.delete(msg.id!);
    sent.slot.busy--;
    this.finished.set(docId, textHash);
    // The text changed while this one was analysed: the result is stale; analyse the new text.
    const newer = this.latest.get(docId);
    if (newer !== undefined && newer !== '' && newer !== textHash) this.enqueue(docId);
    const timing = this.measure();
    if (msg.type === 'result') {
      this.buffer.push({ ...(msg.analysis as DocAnalysis), textHash });
      this.setProgress({ ...this.progress, ...timing, state: 'running', done: this.progress.done + 1 });
    } else {
      // One bad document must not stop the rest; it is counted as done and retried next run.
      this.setProgress({ ...this.progress, ...timing, done: this.progress.done + 1, error: `${docId}: ${msg.message}` });
    }
    if (this.buffer.length >= WRITE_BATCH && Date.now() - this.lastWrite >= this.writeInterval()) void this.flush();
    void this.pump();
  }

  /** The least time between two writes of results, longer on a large library. */
  private writeInterval(): number {
    return Math.max(MIN_WRITE_INTERVAL_MS, WRITE_INTERVAL_MS_PER_DOC * (this.opts.librarySize?.() ?? 0));
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.lastWrite = Date.now();
    try {
      const out = await this.opts.write(batch);
      let requeued = false;
      for (const docId of out?.stale ?? []) {
        // Dropped by the store: forget it was done, so the next sync (with the new text) queues it,
        // and queue it now when the new text is known and not already on its way.
        const hash = batch.find((a) => a.docId === docId)?.textHash;
        if (this.finished.get(docId) === hash) this.finished.delete(docId);
        const newer = this.latest.get(docId);
        const onItsWay = this.queue.has(docId) || this.inFlightHash(docId) !== undefined || this.finished.get(docId) === newer;
        if (!this.cancelled && newer !== undefined && newer !== '' && newer !== hash && !onItsWay) {
          this.enqueue(docId);
          requeued = true;
        }
      }
      if (requeued) void this.pump();
    } catch (err) {
      this.setProgress({ ...this.progress, error: String((err as Error)?.message ?? err) });
    }
  }
}
