// Corpus aggregation off the page's thread. The dashboard's views ask their questions (top terms,
// year × term series, formulation summaries, keyness…, see analysis/queries.ts) of an
// AggregateClient; it forwards them to the aggregation Web Worker, which holds the library's facets
// and stored analyses and answers with the same functions the views would run in-process.
//
// The library crosses the boundary incrementally: `sync()` compares what the store holds now with
// what the worker was last sent and posts only added, changed and removed documents. Analyses go
// by reference when the worker can read the database itself (docId + version; the worker loads
// them from IndexedDB: cloning 2,000 analyses on the page took seconds, see bench/dashboard.ts),
// else by value in small chunks so no single postMessage becomes a long task. Queries travel as
// docId lists; answers are cached in the worker until the library changes. Framework-free; the worker side (AggregateHost) is here too so
// tests can run both ends in one process.
import type { HeldAnalysis, DocFacet } from '../analysis/types';
import type { AnalysedDoc } from '../analysis/corpus';
import {
  isTextQuery,
  QueryCancelled,
  runQuery,
  runTextQuery,
  type TextSource,
  type Aggregator,
  type Answer,
  type QueryArgs,
  type QueryKind,
  type QueryResult,
} from '../analysis/queries';
import { liveAggregate, type LiveAggregate } from '../analysis/incremental';
// Synchronous SHA-256 (already the database module's hash): a kept answer is named by the digest of
// the question and of the state of every document it covers.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Page → worker. */
export type ToAggregateWorker =
  /** Read analyses sent by reference from this IndexedDB database. */
  | { type: 'init'; database: string }
  | {
      type: 'update';
      /** Facets added or changed. */
      facets: DocFacet[];
      /** Analyses added or replaced. */
      analyses: HeldAnalysis[];
      /** Analyses added or replaced, to be read from the database by the worker. */
      refs: AnalysisRef[];
      /** Documents gone from the library. */
      removed: string[];
      /** Documents whose analysis is gone (the document stays). */
      removedAnalyses: string[];
    }
  /**
   * Start reading these stored analyses now, before the documents they belong to are known: the
   * page reads its documents meanwhile, and the update that follows finds them loaded.
   */
  | { type: 'prefetch'; refs: AnalysisRef[] }
  | { type: 'query'; id: number; kind: QueryKind; sets: string[][]; args: unknown }
  | { type: 'cancel'; id: number };

export interface AnalysisRef {
  docId: string;
  version: string;
  /** The text the analysis describes (a stored analysis replaced under the same version differs here). */
  textHash?: string;
}

const textHashOf = (a: HeldAnalysis): string | undefined => {
  const h = (a as { textHash?: unknown }).textHash;
  return typeof h === 'string' ? h : undefined;
};

/** Reads stored analyses by docId (the worker's IndexedDB access). */
export type AnalysisLoader = (docIds: string[]) => Promise<(HeldAnalysis | undefined)[]>;

/** Worker → page. */
export type FromAggregateWorker =
  | { type: 'started'; id: number }
  | { type: 'result'; id: number; value: unknown; ms: number }
  | { type: 'error'; id: number; message: string };

/** The part of a Worker the client uses (tests pass an in-process fake). */
export interface AggregateWorkerLike {
  postMessage(message: ToAggregateWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromAggregateWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createAggregateWorker(): AggregateWorkerLike {
  return new Worker(new URL('./aggregate.worker.ts', import.meta.url), { type: 'module' }) as unknown as AggregateWorkerLike;
}

/**
 * Analyses per update message. One stored analysis holds a few thousand term counts; cloning ~50 of
 * them is a few tens of milliseconds, so the first feed of a large library is many short tasks.
 */
export const UPDATE_CHUNK = 50;

// ---------------------------------------------------------------- worker side

/** The worker's state and queue: facets and analyses by docId, queries answered one at a time. */
/** Answers kept per library state: going back to a view asks the same questions again. */
const RESULT_CACHE_SIZE = 24;
/**
 * Analyses read per database request. One request for 10,000 stored analyses queued 10,000 results
 * ahead of everything else the worker reads: a kept answer, asked for meanwhile, came 35 s later.
 */
export const LOAD_CHUNK = 100;

/** Read `ids` through `loader`, LOAD_CHUNK at a time, so other reads are served between chunks. */
async function* inChunks(loader: AnalysisLoader, ids: readonly string[]): AsyncGenerator<(HeldAnalysis | undefined)[]> {
  for (let i = 0; i < ids.length; i += LOAD_CHUNK) yield await loader(ids.slice(i, i + LOAD_CHUNK));
}

/**
 * Answers kept across sessions (TextSource.memo), most recently used last: the views' questions on
 * opening are those of the last session, and each is a few kilobytes to a few megabytes.
 */
export const KEPT_ANSWERS = 32;
const KEPT_INDEX = 'answers-index';
/** Format of a kept answer; another format is never read. */
const KEPT_FORMAT = 1;

/**
 * Queries whose running totals are kept (analysis/incremental), one per kind and arguments: the
 * open view's, and those of the views visited last, so coming back after a change costs only it.
 */
const LIVE_AGGREGATES = 12;

export class AggregateHost {
  readonly facets = new Map<string, DocFacet>();
  readonly analyses = new Map<string, HeldAnalysis>();
  private queue: { id: number; kind: QueryKind; sets: string[][]; args: unknown }[] = [];
  private scheduled = false;
  /**
   * Queries that read texts run one after another in a lane of their own: reading thousands of
   * texts (the duplicate search of a new library, KWIC over a large set) takes a minute, and the
   * sums the views ask meanwhile are not kept waiting behind it.
   */
  private textLane: Promise<void> = Promise.resolve();
  /** Text queries waiting in the lane (a cancel takes them out before they start). */
  private laneWaiting = new Set<number>();
  /** Analysis announced per docId: version and text hash (with its facet, what its answers depend on). */
  private analysisState = new Map<string, string>();
  /** Queries being looked up among the kept answers (a cancel takes them out). */
  private lookingUp = new Set<number>();
  /** Writes of kept answers, one after another (each rewrites the index). */
  private keeping: Promise<void> = Promise.resolve();
  /** Answers given from those kept across sessions. */
  readonly kept = { hits: 0, misses: 0 };
  private loader: AnalysisLoader | null = null;
  /** Analyses announced by reference and not loaded yet (docId → version). */
  private expected = new Map<string, string>();
  /** Settles when every announced analysis is loaded; queries wait for it. */
  private loading: Promise<void> = Promise.resolve();
  /** Analyses read ahead (prefetch), by docId, until an update claims them. */
  private prefetched = new Map<string, HeldAnalysis>();
  /** Settles when the reads ahead asked so far are done. */
  private prefetching: Promise<void> = Promise.resolve();
  /** Query answers for the current library state (cleared by any update). */
  private cache = new Map<string, unknown>();
  /** Running totals per query kind and arguments (kept across updates; see analysis/incremental). */
  private live = new Map<string, LiveAggregate<unknown>>();
  /** Documents added to and removed from running totals, totals started afresh, queries summed from scratch. */
  readonly stats = { added: 0, removed: 0, rebuilt: 0, fromScratch: 0 };

  constructor(
    private readonly post: (message: FromAggregateWorker) => void,
    /** Runs the next query in a later task, so cancel messages that arrived meanwhile are seen first. */
    private readonly later: (fn: () => void) => void = (fn) => setTimeout(fn, 0),
    /** Opens a database by name for analyses sent by reference (the worker passes Dexie). */
    private readonly openLoader: ((database: string) => AnalysisLoader) | null = null,
    /** Opens a database by name for the texts that KWIC and recurring phrases read (the worker passes Dexie). */
    private readonly openTexts: ((database: string) => TextSource) | null = null,
  ) {}

  private texts: TextSource | null = null;

  receive(msg: ToAggregateWorker): void {
    if (msg.type === 'init') {
      this.loader = this.openLoader ? this.openLoader(msg.database) : null;
      this.texts = this.openTexts ? this.openTexts(msg.database) : null;
    } else if (msg.type === 'update') {
      this.cache.clear();
      for (const id of msg.removed) {
        this.facets.delete(id);
        this.analyses.delete(id);
        this.expected.delete(id);
        this.analysisState.delete(id);
      }
      for (const id of msg.removedAnalyses) {
        this.analyses.delete(id);
        this.expected.delete(id);
        this.analysisState.delete(id);
      }
      for (const f of msg.facets) this.facets.set(f.docId, f);
      for (const a of msg.analyses) {
        this.analyses.set(a.docId, a);
        this.analysisState.set(a.docId, `${a.version}\u0001${textHashOf(a) ?? ''}`);
      }
      for (const r of msg.refs) this.analysisState.set(r.docId, `${r.version}\u0001${r.textHash ?? ''}`);
      if (msg.refs.length) this.load(msg.refs);
    } else if (msg.type === 'prefetch') {
      this.prefetch(msg.refs);
    } else if (msg.type === 'query') {
      const q = { id: msg.id, kind: msg.kind, sets: msg.sets, args: msg.args };
      const memo = this.texts?.memo;
      if (memo && !isTextQuery(q.kind)) this.lookUp(q, memo);
      else {
        this.queue.push(q);
        this.schedule();
      }
    } else if (msg.type === 'cancel') {
      this.queue = this.queue.filter((q) => q.id !== msg.id);
      this.laneWaiting.delete(msg.id);
      this.lookingUp.delete(msg.id);
    }
  }

  /**
   * The name of a question's answer in the kept answers: the digest of the question (kind,
   * arguments) and of every listed document's facet and analysis as announced. Any change to one
   * of them names another answer, so a kept answer is never stale.
   */
  answerName(q: { kind: QueryKind; sets: string[][]; args: unknown }): string {
    const parts = [`${KEPT_FORMAT}`, q.kind, JSON.stringify(q.args)];
    const stateOf = (id: string): string => {
      const f = this.facets.get(id);
      return f ? `${id}\u0001${f.title}\u0001${f.org}\u0001${f.year ?? ''}\u0001${f.docType}\u0001${f.date}\u0001${this.analysisState.get(id) ?? ''}` : `${id}\u0001?`;
    };
    for (const ids of q.sets) parts.push(ids.map(stateOf).join('\u0002'));
    return `answer:${bytesToHex(sha256(new TextEncoder().encode(parts.join('\u0003'))))}`;
  }

  /**
   * Answer from the answers kept across sessions when this exact question was answered on this
   * exact library before (opening the dashboard asks the last session's questions again), without
   * waiting for the analyses to load; else queue it.
   */
  private lookUp(q: { id: number; kind: QueryKind; sets: string[][]; args: unknown }, memo: NonNullable<TextSource['memo']>): void {
    this.lookingUp.add(q.id);
    const t0 = performance.now();
    const name = this.answerName(q);
    const miss = () => {
      this.kept.misses += 1;
      this.queue.push(q);
      this.schedule();
    };
    memo.get(name).then(
      (kept) => {
        if (!this.lookingUp.delete(q.id)) return; // cancelled meanwhile
        const k = kept as { format?: unknown; value?: unknown } | null | undefined;
        if (k && typeof k === 'object' && k.format === KEPT_FORMAT && k.value !== undefined) {
          this.kept.hits += 1;
          this.post({ type: 'started', id: q.id });
          this.post({ type: 'result', id: q.id, value: k.value, ms: performance.now() - t0 });
        } else miss();
      },
      () => {
        if (this.lookingUp.delete(q.id)) miss();
      },
    );
  }

  /** Keep an answer for later sessions, evicting the least recently used beyond KEPT_ANSWERS. */
  private keep(name: string, value: unknown): void {
    const memo = this.texts?.memo;
    if (!memo) return;
    this.keeping = this.keeping.then(async () => {
      try {
        const index = await memo.get(KEPT_INDEX);
        const names = (Array.isArray(index) ? index : []).filter((n): n is string => typeof n === 'string' && n !== name);
        names.push(name);
        const evicted = names.splice(0, Math.max(0, names.length - KEPT_ANSWERS));
        await memo.put(name, { format: KEPT_FORMAT, value });
        await memo.put(KEPT_INDEX, names);
        for (const old of evicted) await memo.delete(old);
      } catch {
        // Only a head start for the next opening: an answer that cannot be kept is computed again then.
      }
    });
  }

  /** The documents of a docId list that this worker holds with an analysis, in the list's order. */
  resolve(ids: readonly string[]): AnalysedDoc[] {
    const out: AnalysedDoc[] = [];
    for (const id of ids) {
      const facet = this.facets.get(id);
      const analysis = this.analyses.get(id);
      if (facet && analysis) out.push({ facet, analysis });
    }
    return out;
  }

  private prefetch(refs: AnalysisRef[]): void {
    const loader = this.loader;
    if (!loader || refs.length === 0) return;
    const ids = refs.map((r) => r.docId);
    this.prefetching = this.prefetching.then(async () => {
      try {
        for await (const rows of inChunks(loader, ids)) for (const a of rows) if (a) this.prefetched.set(a.docId, a);
      } catch {
        // Only a head start: the update reads whatever is missing.
      }
    });
  }

  private load(refs: AnalysisRef[]): void {
    for (const r of refs) this.expected.set(r.docId, r.version);
    const loader = this.loader;
    const prefetching = this.prefetching;
    this.loading = this.loading.then(async () => {
      if (!loader) throw new Error('analyses sent by reference but no database to read them from');
      await prefetching;
      // What was read ahead and is still the analysis announced (same version, same text) is used as read.
      const rows: (HeldAnalysis | undefined)[] = [];
      const missing: string[] = [];
      for (const r of refs) {
        const a = this.prefetched.get(r.docId);
        if (a && a.version === r.version && (r.textHash === undefined || textHashOf(a) === r.textHash)) rows.push(a);
        else missing.push(r.docId);
      }
      this.prefetched.clear();
      for await (const chunk of inChunks(loader, missing)) rows.push(...chunk);
      for (const a of rows) {
        // Removed (or superseded by removal) while loading: not wanted any more.
        if (!a || !this.expected.has(a.docId)) continue;
        this.analyses.set(a.docId, a);
        if (this.expected.get(a.docId) === a.version) this.expected.delete(a.docId);
      }
      this.cache.clear();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    this.later(() => {
      // Announced analyses first: an answer covers every document synced before it was asked. A
      // text query over no document set (duplicates, text search) needs none and starts at once.
      const next = this.queue[0];
      const needsAnalyses = !(next && isTextQuery(next.kind) && next.sets.length === 0);
      (needsAnalyses ? this.loading : Promise.resolve()).then(
        () => this.runNext(),
        (err) => this.failNext(err),
      ).finally(() => {
        this.scheduled = false;
        this.schedule();
      });
    });
  }

  /**
   * A query's answer: from running totals that follow its document set when the query has them
   * (one document changed: one document taken out and put back), else summed from scratch.
   */
  private answer(kind: QueryKind, sets: AnalysedDoc[][], args: unknown): unknown {
    const key = `${kind}\u0001${JSON.stringify(args)}`;
    let live = this.live.get(key);
    if (live) {
      this.live.delete(key); // most recently used last
    } else {
      live = (liveAggregate(kind, args as QueryArgs<typeof kind>) as LiveAggregate<unknown> | null) ?? undefined;
    }
    if (!live || sets.length !== 1) {
      this.stats.fromScratch += 1;
      return runQuery(kind, sets, args as QueryArgs<typeof kind>);
    }
    this.live.set(key, live);
    if (this.live.size > LIVE_AGGREGATES) this.live.delete(this.live.keys().next().value!);
    const cost = live.update(sets[0]!);
    this.stats.added += cost.added;
    this.stats.removed += cost.removed;
    if (cost.rebuilt) this.stats.rebuilt += 1;
    return live.result();
  }

  private failNext(err: unknown): void {
    this.loading = Promise.resolve();
    const q = this.queue.shift();
    if (q) this.post({ type: 'error', id: q.id, message: String((err as Error)?.message ?? err) });
  }

  private runNext(): void {
    const q = this.queue.shift();
    if (!q) return;
    const sets = q.sets.map((ids) => this.resolve(ids));
    const fail = (err: unknown) => this.post({ type: 'error', id: q.id, message: String((err as Error)?.message ?? err) });
    if (isTextQuery(q.kind)) {
      // Texts are read here, from the database, in the text lane; answers are not cached (texts
      // change without a new analysis). The documents are resolved now, as of the question.
      const texts = this.texts;
      if (!texts) return fail(new Error(`${q.kind}: no database to read texts from`));
      this.laneWaiting.add(q.id);
      this.textLane = this.textLane.then(async () => {
        if (!this.laneWaiting.delete(q.id)) return; // cancelled while waiting
        this.post({ type: 'started', id: q.id });
        const t0 = performance.now();
        try {
          const value = await runTextQuery(q.kind, sets, q.args as QueryArgs<typeof q.kind>, texts);
          this.post({ type: 'result', id: q.id, value, ms: performance.now() - t0 });
        } catch (err) {
          fail(err);
        }
      });
      return;
    }
    this.post({ type: 'started', id: q.id });
    const t0 = performance.now();
    try {
      const key = `${q.kind}\u0001${JSON.stringify(q.args)}\u0001${q.sets.map((s) => s.join(',')).join('|')}`;
      let value = this.cache.get(key);
      if (value === undefined) {
        value = this.answer(q.kind, sets, q.args);
        if (this.cache.size >= RESULT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(key, value);
        this.keep(this.answerName(q), value);
      }
      this.post({ type: 'result', id: q.id, value, ms: performance.now() - t0 });
    } catch (err) {
      fail(err);
    }
  }
}

// ---------------------------------------------------------------- page side

interface Pending {
  id: number;
  kind: QueryKind;
  sets: string[][];
  args: unknown;
  /** outbox: not posted yet; sent: posted, queued in the worker; running: the worker started it. */
  state: 'outbox' | 'sent' | 'running';
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface AggregateClientOptions {
  createWorker?: () => AggregateWorkerLike;
  /** Yields between update chunks (default: a macrotask). */
  yieldFn?: (fn: () => void) => void;
  /** Analyses per update message (default UPDATE_CHUNK). */
  chunk?: number;
  /**
   * The IndexedDB database the analyses are stored in: when given, analyses go by reference and
   * the worker reads them itself (nothing large is cloned on the page's thread).
   */
  database?: string;
}

const sameFacet = (a: DocFacet, b: DocFacet) =>
  a.title === b.title && a.org === b.org && a.year === b.year && a.docType === b.docType && a.date === b.date;

export class AggregateClient implements Aggregator {
  private worker: AggregateWorkerLike | null = null;
  /** What the current worker was sent (references to the store's objects, not copies). */
  private sentFacets = new Map<string, DocFacet>();
  private sentAnalyses = new Map<string, HeldAnalysis>();
  /** Analyses the current worker was asked to read ahead. */
  private prefetchedAnalyses = new Set<HeldAnalysis>();
  /** The library as last given to sync(), to feed a restarted worker. */
  private library: { facets: readonly DocFacet[]; analyses: ReadonlyMap<string, HeldAnalysis> } = { facets: [], analyses: new Map() };
  private outbox: ToAggregateWorker[] = [];
  private pumping = false;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** Counters for tests and the benchmark. */
  readonly stats = { facetsSent: 0, analysesSent: 0, updates: 0, queries: 0, restarts: 0 };

  constructor(private readonly opts: AggregateClientOptions = {}) {}

  /** Make the worker's library match this one: only differences are posted. */
  sync(facets: readonly DocFacet[], analyses: ReadonlyMap<string, HeldAnalysis>): void {
    this.library = { facets, analyses };
    this.ensureWorker();
    const changedFacets: DocFacet[] = [];
    const changedAnalyses: HeldAnalysis[] = [];
    const removedAnalyses: string[] = [];
    const present = new Set<string>();
    for (const f of facets) {
      present.add(f.docId);
      const prev = this.sentFacets.get(f.docId);
      if (!prev || (prev !== f && !sameFacet(prev, f))) changedFacets.push(f);
      this.sentFacets.set(f.docId, f);
      const a = analyses.get(f.docId);
      const sent = this.sentAnalyses.get(f.docId);
      // Stored analyses are replaced, never edited in place: identity says whether one changed.
      if (a && a !== sent) {
        changedAnalyses.push(a);
        this.sentAnalyses.set(f.docId, a);
      } else if (!a && sent) {
        removedAnalyses.push(f.docId);
        this.sentAnalyses.delete(f.docId);
      }
    }
    const removed: string[] = [];
    for (const id of this.sentFacets.keys()) {
      if (present.has(id)) continue;
      removed.push(id);
      this.sentFacets.delete(id);
      this.sentAnalyses.delete(id);
    }
    if (facets.length) this.prefetchedAnalyses.clear();
    if (!changedFacets.length && !changedAnalyses.length && !removed.length && !removedAnalyses.length) return;
    if (this.opts.database !== undefined) {
      const refs = changedAnalyses.map((a) => ({ docId: a.docId, version: a.version, textHash: textHashOf(a) }));
      this.enqueue({ type: 'update', facets: changedFacets, analyses: [], refs, removed, removedAnalyses });
    } else {
      const size = Math.max(1, this.opts.chunk ?? UPDATE_CHUNK);
      // Facets and removals are small: they go with the first chunk.
      for (let i = 0; i === 0 || i < changedAnalyses.length; i += size) {
        this.enqueue(
          i === 0
            ? { type: 'update', facets: changedFacets, analyses: changedAnalyses.slice(0, size), refs: [], removed, removedAnalyses }
            : { type: 'update', facets: [], analyses: changedAnalyses.slice(i, i + size), refs: [], removed: [], removedAnalyses: [] },
        );
      }
    }
    this.stats.facetsSent += changedFacets.length;
    this.stats.analysesSent += changedAnalyses.length;
  }

  /**
   * Let the worker start reading these stored analyses (database mode only) before the documents
   * are known; sync() still decides which of them count. Each analysis is asked for once.
   */
  prefetch(analyses: Iterable<HeldAnalysis>): void {
    if (this.opts.database === undefined) return;
    this.ensureWorker();
    const refs: AnalysisRef[] = [];
    for (const a of analyses) {
      if (this.prefetchedAnalyses.has(a) || this.sentAnalyses.get(a.docId) === a) continue;
      this.prefetchedAnalyses.add(a);
      refs.push({ docId: a.docId, version: a.version, textHash: textHashOf(a) });
    }
    if (refs.length) this.enqueue({ type: 'prefetch', refs });
  }

  ask<K extends QueryKind>(kind: K, sets: AnalysedDoc[][], args: QueryArgs<K>): Answer<QueryResult<K>> {
    this.ensureWorker();
    const id = this.nextId++;
    const idSets = sets.map((s) => s.map((d) => d.facet.docId));
    let entry!: Pending;
    const promise = new Promise<QueryResult<K>>((resolve, reject) => {
      entry = { id, kind, sets: idSets, args, state: 'outbox', resolve: resolve as (v: unknown) => void, reject };
    });
    // A superseded query nobody awaits any more must not surface as an unhandled rejection.
    promise.catch(() => {});
    this.pending.set(id, entry);
    this.stats.queries += 1;
    // Queries wait behind pending updates: the answer covers every document synced before it was asked.
    this.enqueue({ type: 'query', id, kind, sets: idSets, args });
    return { done: false, promise, cancel: (opts?: { abort?: boolean }) => this.cancel(id, opts?.abort === true) };
  }

  /**
   * Drop a query. Queued: removed before it runs. Running: its answer is ignored; with `abort` the
   * worker itself is stopped and a fresh one is fed the library again (the user pressed Cancel on
   * a long computation, not merely asked something newer).
   */
  cancel(id: number, abort = false): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(new QueryCancelled());
    if (p.state === 'outbox') {
      this.outbox = this.outbox.filter((m) => !(m.type === 'query' && m.id === id));
    } else if (p.state === 'sent') {
      this.worker?.postMessage({ type: 'cancel', id });
    } else if (abort) {
      this.restart();
    }
  }

  /** Queries not answered yet (for tests and the progress line). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Stop the worker and drop every query; a later sync or ask starts afresh. */
  dispose(): void {
    this.library = { facets: [], analyses: new Map() };
    for (const p of this.pending.values()) p.reject(new QueryCancelled());
    this.pending.clear();
    this.dropWorker();
  }

  private ensureWorker(): void {
    if (this.worker) return;
    const worker = (this.opts.createWorker ?? createAggregateWorker)();
    worker.onmessage = (e) => this.onMessage(e.data);
    worker.onerror = (e) => {
      const message = e?.message || 'aggregation worker failed';
      for (const p of this.pending.values()) p.reject(new Error(message));
      this.pending.clear();
      this.dropWorker();
    };
    this.worker = worker;
    if (this.opts.database !== undefined) worker.postMessage({ type: 'init', database: this.opts.database });
    // A new worker (first use, after a failure or an abort) starts empty: give it the library.
    if (this.library.facets.length) this.sync(this.library.facets, this.library.analyses);
  }

  /** Forget the worker and what it was sent; the next sync or ask starts a new one. */
  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sentFacets = new Map();
    this.sentAnalyses = new Map();
    this.prefetchedAnalyses = new Set();
    this.outbox = [];
  }

  private restart(): void {
    this.stats.restarts += 1;
    const survivors = [...this.pending.values()].sort((a, b) => a.id - b.id);
    this.dropWorker();
    this.ensureWorker();
    for (const p of survivors) {
      p.state = 'outbox';
      this.enqueue({ type: 'query', id: p.id, kind: p.kind, sets: p.sets, args: p.args });
    }
  }

  private onMessage(msg: FromAggregateWorker): void {
    const p = this.pending.get(msg.id);
    if (!p) return; // cancelled or superseded: a late answer is dropped
    if (msg.type === 'started') {
      p.state = 'running';
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.value);
    else p.reject(new Error(msg.message));
  }

  private enqueue(msg: ToAggregateWorker): void {
    this.outbox.push(msg);
    this.pump();
  }

  /** Post the outbox in order, yielding to the page after each update chunk. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const step = () => {
      while (this.outbox.length && this.worker) {
        const msg = this.outbox.shift()!;
        this.worker.postMessage(msg);
        if (msg.type === 'query') {
          const p = this.pending.get(msg.id);
          if (p && p.state === 'outbox') p.state = 'sent';
        } else if (msg.type === 'update') {
          this.stats.updates += 1;
          if (this.outbox.length) {
            (this.opts.yieldFn ?? ((fn) => setTimeout(fn, 0)))(step);
            return;
          }
        }
      }
      this.pumping = false;
    };
    step();
  }
}
