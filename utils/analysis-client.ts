// The page's side of background analysis: keeps a queue of documents whose stored analysis is
// missing or stale, feeds them one at a time to the analysis worker, writes results in small
// batches, reports progress, and can be cancelled. Framework-free; the dashboard store wraps it.
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
  error?: string;
}

/** The part of a Worker the runner uses (a fake stands in for it in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A document to analyse, with the hash of the text the caller knows it has (see DocumentRecord.textHash). */
export interface PendingDoc {
  docId: string;
  textHash: string;
}

/** A document's text and the hash stored with it: the analysis is stamped with that hash. */
export interface DocText {
  text: string;
  textHash: string;
}

export interface AnalysisRunnerOptions {
  createWorker?: () => WorkerLike;
  getText(docId: string): Promise<DocText | undefined> | DocText | undefined;
  /**
   * Store a batch. Returns the docIds whose stored text no longer matches the analysis (dropped by
   * the store): the runner analyses them again once it knows of their new text.
   */
  write(analyses: StoredAnalysis[]): Promise<{ stale: readonly string[] } | void>;
  onProgress(progress: AnalysisProgress): void;
}

/**
 * Results are written in batches, at most one batch per interval: each write wakes the page's
 * queries and every open view recomputes its aggregates, so one write per document would keep the
 * page busy on a large library. The last batch is written as soon as the queue is empty.
 */
const WRITE_BATCH = 8;
const MIN_WRITE_INTERVAL_MS = 1500;
const MAX_IN_FLIGHT = 2;

export function createAnalysisWorker(): WorkerLike {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export class AnalysisRunner {
  private worker: WorkerLike | null = null;
  private config: AnalysisConfig | null = null;
  private queue: string[] = [];
  private queued = new Set<string>();
  /** Analysed under the current version, with the text hash analysed, perhaps not yet visible in
   * the store's snapshot. A document whose text changes since (another hash) is analysed again. */
  private finished = new Map<string, string>();
  /** The newest text hash sync() was told of, per document. */
  private latest = new Map<string, string>();
  /** Requests sent and not answered, by request id. Two are kept in flight so the worker never
   * waits for a busy page to send the next document. */
  private inFlight = new Map<number, PendingDoc>();
  private nextId = 1;
  private buffer: StoredAnalysis[] = [];
  private lastWrite = 0;
  private cancelled = false;
  private progress: AnalysisProgress = { state: 'idle', done: 0, total: 0 };

  constructor(private readonly opts: AnalysisRunnerOptions) {}

  get current(): AnalysisProgress {
    return this.progress;
  }

  /**
   * Tell the runner which documents lack a current analysis. Called whenever the library, the stored
   * analyses or the settings change; cheap when nothing changed. A new version restarts the worker.
   */
  sync(pending: readonly (PendingDoc | string)[], config: AnalysisConfig): void {
    if (!this.config || this.config.version !== config.version) {
      this.stopWorker();
      this.config = config;
      this.queue = [];
      this.queued.clear();
      this.finished.clear();
      this.cancelled = false;
      this.setProgress({ state: 'idle', done: 0, total: 0 });
    }
    if (this.cancelled) return;
    // What is queued and no longer pending (its stored analysis arrived after the document, or it
    // was deleted) is dropped before it starts: the latest snapshot is the one that counts.
    const now = new Set(pending.map((p) => (typeof p === 'string' ? p : p.docId)));
    if (this.queue.some((d) => !now.has(d))) {
      const before = this.queue.length;
      this.queue = this.queue.filter((d) => now.has(d));
      this.queued = new Set(this.queue);
      const dropped = before - this.queue.length;
      this.setProgress({ ...this.progress, total: Math.max(this.progress.done, this.progress.total - dropped) });
    }
    for (const p of pending) {
      const { docId, textHash } = typeof p === 'string' ? { docId: p, textHash: '' } : p;
      this.latest.set(docId, textHash);
      if (this.queued.has(docId)) continue; // its text is read when it is sent
      if (this.finished.has(docId) && (textHash === '' || this.finished.get(docId) === textHash)) continue;
      const flying = this.inFlightHash(docId);
      // In flight with the same text: wait for it. With an older text: its answer re-queues it.
      if (flying !== undefined) continue;
      this.enqueue(docId);
    }
    if (this.queue.length > 0 || this.inFlight.size > 0) {
      this.setProgress({ ...this.progress, total: this.progress.done + this.queue.length + this.inFlight.size });
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
    if (this.queued.has(docId)) return;
    this.finished.delete(docId);
    this.queue.push(docId);
    this.queued.add(docId);
    const total = this.progress.done + this.queue.length + this.inFlight.size;
    if (total > this.progress.total) this.progress = { ...this.progress, total };
  }

  /** Stop now; nothing more is analysed until `resume()` or a settings change. */
  cancel(): void {
    this.cancelled = true;
    this.stopWorker();
    this.queue = [];
    this.queued.clear();
    void this.flush();
    this.setProgress({ ...this.progress, state: 'cancelled' });
  }

  resume(): void {
    this.cancelled = false;
    this.finished.clear();
    this.setProgress({ state: 'idle', done: 0, total: 0 });
  }

  dispose(): void {
    this.stopWorker();
    this.queue = [];
    this.queued.clear();
  }

  private setProgress(p: AnalysisProgress): void {
    this.progress = p;
    this.opts.onProgress(p);
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.inFlight.clear();
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = (this.opts.createWorker ?? createAnalysisWorker)();
    worker.onmessage = (e) => this.onMessage(worker, e.data);
    worker.onerror = (e) => this.fail(worker, e.message || 'worker error');
    worker.postMessage({ type: 'config', config: this.config! });
    this.worker = worker;
    this.setProgress({ ...this.progress, state: 'loading' });
    return worker;
  }

  private fail(worker: WorkerLike, message: string): void {
    if (worker !== this.worker) return;
    this.stopWorker();
    this.queue = [];
    this.queued.clear();
    this.cancelled = true; // do not loop on a broken worker; a settings change or resume() retries
    void this.flush();
    this.setProgress({ ...this.progress, state: 'error', error: message });
  }

  private inFlightHash(docId: string): string | undefined {
    for (const d of this.inFlight.values()) if (d.docId === docId) return d.textHash;
    return undefined;
  }

  private async pump(): Promise<void> {
    if (!this.config) return;
    while (this.inFlight.size < MAX_IN_FLIGHT) {
      const docId = this.queue.shift();
      if (docId === undefined) {
        if (this.inFlight.size === 0) {
          await this.flush();
          if (this.queue.length === 0 && this.inFlight.size === 0) this.setProgress({ state: 'idle', done: 0, total: 0 });
        }
        return;
      }
      this.queued.delete(docId);
      const worker = this.ensureWorker();
      const id = this.nextId++;
      this.inFlight.set(id, { docId, textHash: '' });
      const doc = await this.opts.getText(docId);
      if (this.worker !== worker || !this.inFlight.has(id)) return; // cancelled meanwhile
      if (doc === undefined) {
        // Deleted while queued: nothing to analyse.
        this.inFlight.delete(id);
        this.setProgress({ ...this.progress, total: Math.max(this.progress.done, this.progress.total - 1) });
        continue;
      }
      this.inFlight.set(id, { docId, textHash: doc.textHash });
      worker.postMessage({ type: 'analyse', id, docId, text: doc.text });
    }
  }

  private onMessage(worker: WorkerLike, msg: FromWorker): void {
    if (worker !== this.worker) return;
    if (msg.type === 'ready') {
      this.setProgress({ ...this.progress, state: 'running' });
      return;
    }
    if (msg.type === 'error' && msg.id === null) {
      this.fail(worker, msg.message);
      return;
    }
    const sent = msg.id === null ? undefined : this.inFlight.get(msg.id);
    if (sent === undefined) return;
    const { docId, textHash } = sent;
    this.inFlight.delete(msg.id!);
    this.finished.set(docId, textHash);
    // The text changed while this one was analysed: the result is stale; analyse the new text.
    const newer = this.latest.get(docId);
    if (newer !== undefined && newer !== '' && newer !== textHash) this.enqueue(docId);
    if (msg.type === 'result') {
      this.buffer.push({ ...(msg.analysis as DocAnalysis), textHash });
      this.setProgress({ ...this.progress, state: 'running', done: this.progress.done + 1 });
    } else {
      // One bad document must not stop the rest; it is counted as done and retried next run.
      this.setProgress({ ...this.progress, done: this.progress.done + 1, error: `${docId}: ${msg.message}` });
    }
    if (this.buffer.length >= WRITE_BATCH && Date.now() - this.lastWrite >= MIN_WRITE_INTERVAL_MS) void this.flush();
    void this.pump();
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
        const onItsWay = this.queued.has(docId) || this.inFlightHash(docId) !== undefined || this.finished.get(docId) === newer;
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
