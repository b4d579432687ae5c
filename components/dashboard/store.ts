// The dashboard's state in one small store of signals: the URL state (route, filters, view params),
// the library and its analyses (live queries of the library service, so new clips show up live), the user's analysis
// settings, and the background analysis runner. Views get plain data through ViewProps.
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { orgAliasMap } from '../../analysis/orgs';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { AnalysisRunner, type AnalysisProgress, type WorkerLike } from '../../utils/analysis-client';
import { analysisCardOf, reconcileDerivedTables, type DB, type LexiconRecord, type StoredAnalysis } from '../../utils/db';
import {
  addToLexicon as addLexiconEntry,
  readAllAnalysisCards,
  readAnalysisCards,
  readAnalysisVersions,
  readCardsPaged,
  readSettingRows,
  readText,
  readTextWithHash,
  readUserLexicon,
  watch,
  writeAnalyses as storeAnalyses,
} from '../../utils/library';
import { readSetting } from '../../utils/settings';
import type { LexiconEntry } from '../../analysis/lexicon';
import { buildAnalysisConfig } from '../../analysis/config';
import { readStoredAnalysis, readStoredLexiconEntry, readStoredRecord, toFacet, toLibraryDoc, type LibraryDoc, type LightRecord } from './facets';
import { QueryCancelled, type Aggregator } from '../../analysis/queries';
import type { DuplicateMatch } from '../../analysis/duplicates';
import { AggregateClient, type AggregateWorkerLike } from '../../utils/aggregate-client';
import {
  applyFilters,
  EMPTY_FILTERS,
  facetOptions,
  formatHash,
  readHash,
  type FacetOptions,
  type Filters,
  type Route,
  type UrlState,
} from './filters';


/** Where the URL state lives: the page's location in the browser, a plain variable in tests. */
export interface HashLocation {
  read(): string;
  /** A new history entry (back returns to the previous state). */
  push(hash: string): void;
  /** Same entry (typing in the search box should not add one entry per key). */
  replace(hash: string): void;
  /** Called on back/forward or a hand-edited URL; returns an unsubscribe function. */
  listen(onChange: () => void): () => void;
}

export function windowLocation(win: Window = window): HashLocation {
  return {
    read: () => win.location.hash,
    push: (hash) => {
      if (win.location.hash !== hash) win.history.pushState(null, '', hash);
    },
    replace: (hash) => win.history.replaceState(null, '', hash),
    listen: (onChange) => {
      win.addEventListener('popstate', onChange);
      win.addEventListener('hashchange', onChange);
      return () => {
        win.removeEventListener('popstate', onChange);
        win.removeEventListener('hashchange', onChange);
      };
    },
  };
}

/** In-memory history for tests and non-browser use; `back()` behaves like the browser's button. */
export function memoryLocation(initial = ''): HashLocation & { entries: string[]; back(): void } {
  const entries = [initial];
  const listeners = new Set<() => void>();
  return {
    entries,
    back: () => {
      if (entries.length > 1) entries.pop();
      for (const fn of listeners) fn();
    },
    read: () => entries[entries.length - 1] ?? '',
    push: (hash) => {
      entries.push(hash);
    },
    replace: (hash) => {
      entries[entries.length - 1] = hash;
    },
    listen: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export interface DashboardStoreOptions {
  db: DB;
  location: HashLocation;
  /** Worker factory for the analysis runner; tests pass a fake or null to disable analysis. */
  createWorker?: (() => WorkerLike) | null;
  /** Analysis workers in parallel (default: one per core, capped; see defaultPoolSize). */
  analysisPoolSize?: number;
  /**
   * Worker factory for corpus aggregation (utils/aggregate.worker.ts), the one place every
   * aggregate, KWIC and recurring-phrase search is answered. Default: the real worker; tests
   * inject an in-process one (tests/helpers/aggregate.ts).
   */
  createAggregateWorker?: () => AggregateWorkerLike;
}

/** Documents read per database request when loading the library (bounds the transient memory). */
export const DOCUMENT_PAGE = 200;

/** The well-formed items of a stored list: one malformed entry drops that entry, not the whole list. */
function wellFormed<T>(v: unknown, ok: (item: unknown) => item is T): T[] {
  return Array.isArray(v) ? v.filter(ok) : [];
}
const isWord = (x: unknown): x is string => typeof x === 'string';
const isPair = (p: unknown): p is [string, string] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string';

export type DashboardStore = ReturnType<typeof createDashboardStore>;

/** Where the free-text search through the texts stands (see the store's textSearch). */
export interface TextSearch {
  needle: string;
  /** Documents whose text holds the needle (metadata matches are not listed). */
  ids: ReadonlySet<string>;
  done: boolean;
}

export function createDashboardStore(opts: DashboardStoreOptions) {
  const { db, location } = opts;

  /**
   * The address as read. A part that could not be read (see readHash) is named in `urlProblems`
   * for a one-line notice, and the address is rewritten to the state actually shown.
   */
  function readLocation(): { state: UrlState; problems: string[] } {
    const reading = readHash(location.read());
    if (reading.problems.length > 0) location.replace(formatHash(reading.state));
    return reading;
  }
  const firstReading = readLocation();
  const url = signal<UrlState>(firstReading.state);
  const urlProblems = signal<string[]>(firstReading.problems);
  /** Stored documents shown with defaults for missing or mistyped fields, and rows that are no document. */
  const damagedRecords = signal(0);
  /** null until the first live-query answer: "loading" differs from "empty". */
  const records = signal<LightRecord[] | null>(null);
  const storedAnalyses = signal<Map<string, StoredAnalysis>>(new Map());
  /**
   * False until the stored analyses have been read once. Documents usually arrive first; judging
   * them pending before their analyses are in made every opening re-analyse the whole library.
   */
  const analysesLoaded = signal(false);
  /** The user's dictionary and settings make the analysis version: until both are read it is not known. */
  const lexiconLoaded = signal(false);
  const settingsLoaded = signal(false);
  /** Everything that decides what is pending has been read once. */
  const readyToJudge = computed(
    () => records.value !== null && analysesLoaded.value && lexiconLoaded.value && settingsLoaded.value,
  );
  const userLexicon = signal<LexiconRecord[]>([]);
  const settings = signal<Map<string, unknown>>(new Map());
  const progress = signal<AnalysisProgress>({ state: 'idle', done: 0, total: 0 });

  const userStopwords = computed(() => readSetting('stopwords', wellFormed(settings.value.get('stopwords'), isWord)));
  const orgAliasPairs = computed(() => readSetting('orgAliases', wellFormed(settings.value.get('orgAliases'), isPair)));
  /** Built-in groups (national bodies) overlaid with the user's table: the user's line wins. */
  const orgAliases = computed(() => new Map([...orgAliasMap(), ...orgAliasPairs.value]));
  const config = computed(() =>
    buildAnalysisConfig({
      lexicon: userLexicon.value.map((e) => ({ term: e.term, category: e.category, aliases: e.aliases })),
      stopwords: userStopwords.value,
    }),
  );
  const lexicon: ReadonlySignal<LexiconEntry[]> = computed(() => config.value.lexicon);

  const libraryDocs = computed<LibraryDoc[]>(() => (records.value ?? []).map((r) => toLibraryDoc(r, orgAliases.value)));
  const docsById = computed(() => new Map(libraryDocs.value.map((d) => [d.docId, d])));
  const filters = computed(() => url.value.filters);
  /** The free-text search, lower-cased ('' when none). */
  const needle = computed(() => filters.value.q.trim().toLowerCase());
  /**
   * The free-text search through the texts, which the page does not hold: the aggregation worker
   * reads them (textMatches) for the documents whose metadata did not match already. `done` is
   * false while it reads; until then only metadata matches are shown.
   */
  const textSearch = signal<TextSearch>({ needle: '', ids: new Set(), done: true });
  const filtered = computed(() => {
    const s = textSearch.value;
    const n = needle.value;
    return applyFilters(libraryDocs.value, filters.value, (d) => s.needle === n && s.ids.has(d.docId));
  });
  const options = computed<FacetOptions>(() => facetOptions(libraryDocs.value));
  const allFacets = computed<DocFacet[]>(() => libraryDocs.value.map(toFacet));
  const facets = computed<DocFacet[]>(() => filtered.value.map(toFacet));
  /** Stored analyses of existing documents that describe their current text (an orphan or stale
   * analysis never reaches a view). What the aggregation worker is fed. */
  const currentAnalyses = computed(() => {
    const out = new Map<string, DocAnalysis>();
    for (const [id, a] of storedAnalyses.value) if (docsById.value.get(id)?.record.textHash === a.textHash) out.set(id, a);
    return out;
  });
  /**
   * Duplicates found by the aggregation worker (analysis/duplicates over every document of the library), by
   * docId: shown as a badge in the Library whatever the setting.
   */
  const duplicates = signal<ReadonlyMap<string, DuplicateMatch>>(new Map());
  const countOnce = computed(() => readSetting('countOnce', settings.value.get('countOnce')));
  /** Duplicates left out of every aggregate (docId → the docId it copies): none when the setting is off. */
  const excludedDuplicates = computed<ReadonlyMap<string, string>>(() => {
    if (!countOnce.value) return new Map();
    const out = new Map<string, string>();
    for (const [id, m] of duplicates.value) out.set(id, m.duplicateOf);
    return out;
  });
  /** The analyses views count from: duplicates left out while each text is counted once. */
  const allAnalyses = computed(() => {
    const skip = excludedDuplicates.value;
    if (skip.size === 0) return currentAnalyses.value;
    const out = new Map<string, DocAnalysis>();
    for (const [id, a] of currentAnalyses.value) if (!skip.has(id)) out.set(id, a);
    return out;
  });
  const analyses = computed(() => {
    const out = new Map<string, DocAnalysis>();
    const skip = excludedDuplicates.value;
    for (const d of filtered.value) {
      const a = storedAnalyses.value.get(d.docId);
      if (a && a.textHash === d.record.textHash && !skip.has(d.docId)) out.set(d.docId, a);
    }
    return out;
  });
  /**
   * Documents whose analysis is missing, was made under another configuration or of another text.
   * Empty until the documents, their stored analyses and the settings have loaded: a document is
   * never judged on half the data.
   */
  const pendingDocs = computed(() => {
    if (!readyToJudge.value) return [];
    const version = config.value.version;
    return libraryDocs.value
      .filter((d) => {
        const a = storedAnalyses.value.get(d.docId);
        return a?.version !== version || a.textHash !== d.record.textHash;
      })
      // A document without any stored analysis is new (clipped or imported since): analysed first.
      .map((d) => ({ docId: d.docId, textHash: d.record.textHash, fresh: !storedAnalyses.value.has(d.docId) }));
  });
  const pending = computed(() => pendingDocs.value.map((d) => d.docId));

  // ---- URL ----

  function commit(next: UrlState, mode: 'push' | 'replace' = 'push'): void {
    const hash = formatHash(next);
    url.value = next;
    if (mode === 'push') location.push(hash);
    else location.replace(hash);
  }

  function navigate(route: Route): void {
    commit({ ...url.value, route });
  }

  function setFilters(change: Partial<Filters>, mode: 'push' | 'replace' = 'push'): void {
    commit({ ...url.value, filters: { ...url.value.filters, ...change } }, mode);
  }

  function clearFilters(): void {
    commit({ ...url.value, filters: EMPTY_FILTERS });
  }

  /** View params are namespaced by route, so each view keeps its own state when you come back. */
  function param(route: Route, key: string): string | null {
    return url.value.params.get(`${route}.${key}`) ?? null;
  }

  function setParam(route: Route, key: string, value: string | null, mode: 'push' | 'replace' = 'push'): void {
    const params = new Map(url.value.params);
    if (value === null || value === '') params.delete(`${route}.${key}`);
    else params.set(`${route}.${key}`, value);
    commit({ ...url.value, params }, mode);
  }

  /** Open the Library on the documents of the filter a view left out (analysis/aggregate leftOutKey). */
  function openLeftOut(key: string): void {
    const params = new Map(url.value.params);
    params.set('library.leftout', key);
    params.delete('library.doc');
    commit({ ...url.value, route: 'library', params });
  }

  function openDoc(docId: string): void {
    const params = new Map(url.value.params);
    params.set('library.doc', docId);
    commit({ ...url.value, route: 'library', params });
  }

  // ---- Data ----

  /** A document's cleaned text, read from the database (the page keeps no texts: see LightRecord). */
  async function getText(docId: string): Promise<string> {
    return readText(db, docId);
  }

  /** A discovered formulation into the user lexicon (the service's one rule: aliases are kept). */
  async function addToLexicon(term: string, category: string): Promise<void> {
    if (!term.trim()) return;
    await addLexiconEntry(db, { term, category });
  }

  /**
   * Analyses by docId, re-read cheaply: every write wakes this query, and loading every analysis
   * (each a few thousand term counts) on each wake made the page stall once the library held a
   * hundred documents. Only (docId, version) pairs come from the index; the analysis cards (no term
   * counts: the aggregation worker reads those and answers every sum over terms) are loaded for
   * what changed, and what this page wrote itself is taken from memory.
   */
  const analysisCache = new Map<string, StoredAnalysis>();
  async function readAnalysesIncrementally(): Promise<Map<string, StoredAnalysis>> {
    if (analysisCache.size === 0) {
      // Nothing held yet (the opening): every card is wanted, and the cards carry their versions.
      for (const raw of await readAllAnalysisCards(db, DOCUMENT_PAGE)) {
        const a = readStoredAnalysis(raw);
        if (a) analysisCache.set(a.docId, analysisCardOf(a));
      }
      return new Map(analysisCache);
    }
    const current = await readAnalysisVersions(db);
    // An analysis replaced under the same version (the text changed) is told apart by its text hash.
    const stale = [...current]
      .filter(([id, { version, textHash }]) => analysisCache.get(id)?.version !== version || analysisCache.get(id)?.textHash !== textHash)
      .map(([id]) => id);
    const loaded = await readAnalysisCards(db, stale);
    for (const id of [...analysisCache.keys()]) if (!current.has(id)) analysisCache.delete(id);
    for (const raw of loaded) {
      // A malformed analysis is left out: its document counts as pending and is analysed again.
      const a = readStoredAnalysis(raw);
      if (a) analysisCache.set(a.docId, analysisCardOf(a));
    }
    return new Map(analysisCache);
  }

  /**
   * Every document's card (no texts: see LightRecord), read a page at a time, so one read's
   * transient memory stays bounded.
   */
  async function readLightDocuments(): Promise<{ rows: LightRecord[]; damaged: number }> {
    const readings = await readCardsPaged(db, readStoredRecord, DOCUMENT_PAGE);
    const rows: LightRecord[] = [];
    let damaged = 0;
    for (const r of readings) {
      if (r.repaired) damaged++;
      if (r.record) rows.push(r.record);
    }
    return { rows, damaged };
  }

  async function writeAnalyses(batchOf: StoredAnalysis[]): Promise<{ stale: string[] }> {
    // The document may have been deleted, or its text changed, while the worker was busy: the
    // service writes through putAnalyses, which stores only results whose text hash matches the stored text.
    const written = await storeAnalyses(db, batchOf);
    const { stale } = written;
    for (const a of written) analysisCache.set(a.docId, analysisCardOf(a));
    return { stale };
  }

  const aggregateClient = new AggregateClient({ createWorker: opts.createAggregateWorker, database: db.name });
  /** Where views ask their corpus queries (ViewProps.aggregates). */
  const aggregates: Aggregator = aggregateClient;

  const runner =
    opts.createWorker === null
      ? null
      : new AnalysisRunner({
          createWorker: opts.createWorker,
          poolSize: opts.analysisPoolSize,
          // The text and its hash as stored now (the card may be a moment behind an update).
          getText: (docId) => readTextWithHash(db, docId),
          write: writeAnalyses,
          librarySize: () => records.peek()?.length ?? 0,
          onProgress: (p) => {
            progress.value = p;
          },
        });

  /** Subscribe to the database and the URL; returns a function that stops everything. */
  function start(): () => void {
    // Rows written past the database module (by hand, or by an older build's raw writes) get their
    // cards; the live queries below wake on what this writes. Only once the page has read what it
    // shows: the check scans the keys of the full tables, which at 10,000 documents took 15 s and
    // held back the page's own reads when it ran beside them.
    let reconciled = false;
    const stopReconcile = effect(() => {
      if (reconciled || !readyToJudge.value) return;
      reconciled = true;
      setTimeout(() => {
        reconcileDerivedTables(db).catch((err: unknown) => console.warn('could not bring the document cards up to date:', err));
      }, 0);
    });
    const subs = [
      watch(readLightDocuments, ({ rows, damaged }) => {
        batch(() => {
          records.value = rows;
          damagedRecords.value = damaged;
        });
      }),
      watch(readAnalysesIncrementally, (map) => {
        // The aggregation worker starts reading them now; the documents may still be loading.
        if (records.peek() === null) aggregateClient.prefetch(map.values());
        batch(() => {
          storedAnalyses.value = map;
          analysesLoaded.value = true;
        });
      }),
      watch(
        () => readUserLexicon(db),
        (rows) => {
          batch(() => {
            userLexicon.value = rows.map(readStoredLexiconEntry).filter((e): e is LexiconRecord => e !== null);
            lexiconLoaded.value = true;
          });
        },
      ),
      watch(
        () => readSettingRows(db),
        (rows) => {
          batch(() => {
            settings.value = new Map(rows.map((r) => [r.key, r.value]));
            settingsLoaded.value = true;
          });
        },
      ),
    ];
    const unlisten = location.listen(() => {
      const reading = readLocation();
      batch(() => {
        url.value = reading.state;
        urlProblems.value = reading.problems;
      });
    });
    // Queue analysis once the library has loaded, and again whenever it or the settings change.
    const stopSync = effect(() => {
      if (!readyToJudge.value || !runner) return;
      runner.sync(pendingDocs.value, config.value);
    });
    // The aggregation worker follows the library; this runs before any view re-renders and asks.
    const stopFeed = effect(() => {
      aggregateClient.sync(allFacets.value, currentAnalyses.value);
    });
    // Duplicates are searched among every document of the library, analysed or not (a copy is
    // badged before its analysis), once it has loaded and again when a document or its text
    // changes (not when an analysis is written); the worker reads only the texts new to it and
    // reuses its answer while nothing changed.
    let searching: { cancel(): void } | null = null;
    const stopTextSearch = effect(() => {
      const n = needle.value;
      const docs = libraryDocs.value;
      searching?.cancel();
      searching = null;
      if (!n) {
        textSearch.value = { needle: '', ids: new Set(), done: true };
        return;
      }
      const docIds = docs.filter((d) => !d.haystack.includes(n)).map((d) => d.docId);
      const answer = aggregates.ask('textMatches', [], { needle: n, docIds });
      if (answer.done) {
        textSearch.value = { needle: n, ids: new Set(answer.value), done: true };
        return;
      }
      textSearch.value = { needle: n, ids: new Set(), done: false };
      searching = answer;
      answer.promise.then(
        (ids) => {
          if (searching === answer) textSearch.value = { needle: n, ids: new Set(ids), done: true };
        },
        (err: unknown) => {
          if (err instanceof QueryCancelled) return;
          console.warn('text search failed:', err);
          if (searching === answer) textSearch.value = { needle: n, ids: new Set(), done: true };
        },
      );
    });
    let asked: { cancel(): void } | null = null;
    const stopDuplicates = effect(() => {
      if (!readyToJudge.value) return;
      const docs = libraryDocs.value.map((d) => ({ docId: d.docId, textHash: d.record.textHash }));
      asked?.cancel();
      const answer = aggregates.ask('duplicates', [], { docs });
      if (answer.done) {
        duplicates.value = new Map(answer.value.map((m) => [m.docId, m]));
        return;
      }
      asked = answer;
      answer.promise.then(
        (found) => {
          if (asked === answer) duplicates.value = new Map(found.map((m) => [m.docId, m]));
        },
        (err: unknown) => {
          if (!(err instanceof QueryCancelled)) console.warn('duplicate search failed:', err);
        },
      );
    });
    return () => {
      for (const stop of subs) stop();
      unlisten();
      stopSync();
      stopFeed();
      stopDuplicates();
      asked?.cancel();
      stopTextSearch();
      stopReconcile();
      searching?.cancel();
      runner?.dispose();
      aggregateClient.dispose();
    };
  }

  return {
    db,
    // state
    url,
    urlProblems,
    damagedRecords,
    records,
    analysesLoaded,
    readyToJudge,
    progress,
    settings,
    userLexicon,
    userStopwords,
    orgAliasPairs,
    config,
    lexicon,
    libraryDocs,
    docsById,
    filters,
    filtered,
    textSearch,
    options,
    facets,
    allFacets,
    analyses,
    allAnalyses,
    currentAnalyses,
    duplicates,
    countOnce,
    excludedDuplicates,
    pending,
    aggregates,
    // actions
    start,
    dismissUrlProblems: () => {
      urlProblems.value = [];
    },
    navigate,
    setFilters,
    clearFilters,
    param,
    setParam,
    openDoc,
    openLeftOut,
    getText,
    addToLexicon,
    cancelAnalysis: () => runner?.cancel(),
    resumeAnalysis: () => {
      runner?.resume();
      if (runner && readyToJudge.value) runner.sync(pendingDocs.peek(), config.value);
    },
    invalidate: (docId: string) => runner?.invalidate(docId),
    batch,
  };
}
