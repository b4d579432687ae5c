// The corpus queries the analytic views make, in one registry shared by the two places that answer
// them: the aggregation Web Worker (utils/aggregate.worker.ts, the dashboard's normal path, so sums
// over thousands of documents never block the page) and an in-process answerer (component tests,
// and any host without workers). Both call the same functions of ./corpus and analysis/, so the
// numbers cannot differ. Pure: no DOM, no Preact, safe to bundle into a worker.
import type { RecurringPhrase } from './aggregate';
import { RecurringCollector } from './recurring';
import { recurringHitsByModel } from './recurring-hits';
import { lexiconMatches } from './formulations';
import { matchText } from './counting';
import { segmentWithLexicon, type Segmenter } from './segment';
import { DEFAULT_LEXICON, lexiconForms } from './lexicon';
import { DEFAULT_STOPWORDS } from './stopwords';
import { keyness, type KeynessOptions, type KeynessRow } from './keyness';
import { collectKwic, kwicCandidates, type KwicResult } from './kwic-search';
import type { DocFacet } from './types';
import { slogansTable, termsTable, trendsTable, type Table } from './tables';
import {
  defaultTerms,
  formulationDiff,
  formulationRows,
  levelDistribution,
  mentions,
  orgFormulationCells,
  structurePatterns,
  topTermRows,
  trendSeries,
  trendSuggestions,
  trendYear,
  type AnalysedDoc,
  type FormulationRow,
  type MatrixCell,
  type Series,
  type TermMeasure,
  type TermRow,
  type TrendMeasure,
} from './corpus';
import type { LexiconEntry } from './lexicon';
import { countPhrase } from './counting';
import { DuplicateFinder, duplicateSignature, type DuplicateMatch, type DuplicateSignature } from './duplicates';
import { normalizeForAnalysis } from './normalize';

/** The i-th document set of a query; a set the asker left out is empty. */
function nth(sets: readonly AnalysedDoc[][], i: number): AnalysedDoc[] {
  return sets[i] ?? [];
}

/**
 * Each query: (document sets, arguments) → result. Sets are lists of analysed documents; the worker
 * receives them as docId lists and resolves them against the library it holds. Arguments and
 * results are plain data (structured-cloneable).
 */
export const QUERIES = {
  topTerms: (sets: AnalysedDoc[][], a: { n: number; measure: TermMeasure }): TermRow[] => topTermRows(nth(sets, 0), a.n, a.measure),
  trendSeries: (
    sets: AnalysedDoc[][],
    a: { terms: string[]; measure: TrendMeasure; split: boolean },
  ): { years: number[]; series: Series[] } => trendSeries(nth(sets, 0), a.terms, a.measure, a.split),
  defaultTerms: (sets: AnalysedDoc[][], a: { lexicon: LexiconEntry[] }): string[] => defaultTerms(nth(sets, 0), a.lexicon),
  trendSuggestions: (sets: AnalysedDoc[][], a: { lexicon: LexiconEntry[] }): string[] => trendSuggestions(nth(sets, 0), a.lexicon),
  formulationRows: (sets: AnalysedDoc[][], a: { recurring?: RecurringPhrase[] }): FormulationRow[] =>
    formulationRows(nth(sets, 0), a.recurring),
  orgFormulationCells: (sets: AnalysedDoc[][], a: { texts: string[] }): MatrixCell[] => orgFormulationCells(nth(sets, 0), a.texts),
  keyness: (sets: AnalysedDoc[][], a: KeynessOptions): KeynessRow[] =>
    nth(sets, 0).length && nth(sets, 1).length
      ? keyness(
          nth(sets, 0).map((d) => d.analysis),
          nth(sets, 1).map((d) => d.analysis),
          a,
        )
      : [],
  formulationDiff: (sets: AnalysedDoc[][], _a: Record<string, never>): { added: FormulationRow[]; dropped: FormulationRow[] } =>
    formulationDiff(nth(sets, 0), nth(sets, 1)),
  structure: (sets: AnalysedDoc[][], _a: Record<string, never>) => ({
    levels: levelDistribution(nth(sets, 0)),
    patterns: structurePatterns(nth(sets, 0)),
  }),
  /** terms.csv (CSV export; the page may not hold the term counts, see ViewProps.aggregates). */
  termsTable: (sets: AnalysedDoc[][], _a: Record<string, never>): Table => termsTable(nth(sets, 0).map((d) => d.analysis)),
  /** slogans.csv of the document set (the worker holds the formulations; the page does not). */
  slogansTable: (sets: AnalysedDoc[][], _a: Record<string, never>): Table => slogansTable(nth(sets, 0).map((d) => d.analysis)),
  /** trends.csv: the CLI's year × term table. */
  trendsTable: (sets: AnalysedDoc[][], a: { lexicon: string[] }): Table =>
    trendsTable(
      nth(sets, 0).map((d) => d.facet),
      nth(sets, 0).map((d) => d.analysis),
      { lexicon: a.lexicon },
    ),
  /** docIds of the set whose analysis mentions the term (KWIC reads only those texts). */
  mentioning: (sets: AnalysedDoc[][], a: { term: string }): string[] =>
    nth(sets, 0).filter((d) => mentions(d.analysis, a.term)).map((d) => d.facet.docId),
};

/**
 * The documents a KWIC search reads, so that its contexts are every occurrence (counting model):
 * for a lexicon entry, the documents whose analysis counted it (the others hold none); for any
 * other phrase every analysed document, since a word token count misses the phrase inside longer
 * words (社会主义 inside 社会主义现代化); with no analysed document, the filter's facets.
 */
function kwicDocs(term: string, docs: readonly AnalysedDoc[], fallback: DocFacet[]): DocFacet[] {
  const lexicon = docs.filter((d) => d.analysis.formulations.some((h) => h.kind === 'lexicon' && h.text === term && h.count > 0));
  if (lexicon.length) return lexicon.map((d) => d.facet);
  return docs.length ? docs.map((d) => d.facet) : kwicCandidates(term, docs, fallback);
}

/** Where a query that reads texts gets them: the worker reads the database, a test passes a function. */
export interface TextSource {
  /** A document's cleaned text; rejects (or '') when it cannot be read. */
  readText(docId: string): Promise<string>;
  /**
   * The segmenter with these words kept whole (jieba-wasm in the worker), for recurring phrases,
   * which are found from word tokens exactly as the CLI finds them. Absent: recurring phrases reject.
   */
  segmenter?(words: { lexicon: LexiconEntry[]; userWords: string[] }): Promise<Segmenter>;
  /**
   * Answers kept across sessions (the worker keeps them in a small database of its own), by name:
   * opening the dashboard on an unchanged library then reads one record instead of every text.
   * Absent: answers are kept in memory only.
   */
  memo?: {
    get(name: string): Promise<unknown>;
    put(name: string, value: unknown): Promise<void>;
    delete(name: string): Promise<void>;
  };
}

/** Recurring phrases must come from at least this many organisations (as in the CLI). */
const RECURRING_MIN_ORGS = 2;

/**
 * Recurring phrases of a document set by the CLI's method (analysis/recurring RecurringCollector over
 * word tokens, lexicon entries matched first), each text read once to collect candidates and once to
 * count the phrases found by the counting model (occurrences, documents). Unreadable texts are skipped.
 */
async function recurringPhrases(
  docs: readonly AnalysedDoc[],
  a: { exclude: string[]; lexicon?: LexiconEntry[]; stopwords?: string[]; userWords?: string[] },
  src: TextSource,
): Promise<RecurringPhrase[]> {
  if (!src.segmenter) throw new Error('recurring phrases need the segmenter, which this text source does not give');
  const lexicon = a.lexicon ?? DEFAULT_LEXICON;
  const stopwords = new Set(a.stopwords ?? DEFAULT_STOPWORDS);
  const segmenter = await src.segmenter({ lexicon, userWords: a.userWords ?? [] });
  const collector = new RecurringCollector({ stopwords, exclude: new Set([...lexiconForms(lexicon).keys(), ...a.exclude]) });
  // As the CLI: a phrase segmentation already returns as one word is an ordinary word, no formulation.
  const words = new Set<string>();
  const read = async (docId: string): Promise<string | null> => {
    try {
      return normalizeForAnalysis(await src.readText(docId));
    } catch {
      return null;
    }
  };
  for (const d of docs) {
    const text = await read(d.facet.docId);
    if (text === null) continue;
    const mt = matchText(text);
    collector.add(d.facet.docId, segmentWithLexicon(text, mt, lexiconMatches(mt, lexicon), segmenter), { org: d.facet.org, year: trendYear(d.facet) });
    for (const [t] of d.analysis.terms) if (t.length >= 4) words.add(t);
  }
  const found = collector.finish([], { minOrgs: RECURRING_MIN_ORGS, words });
  // Counts by the counting model, as slogans.csv has them.
  const byText = new Map(found.map((p) => [p.text, { ...p, count: 0, docs: 0, docIds: [] as string[] }]));
  for (const d of docs) {
    const text = await read(d.facet.docId);
    if (text === null) continue;
    for (const h of recurringHitsByModel(text, found)) {
      const p = byText.get(h.text)!;
      p.count += h.count;
      p.docs++;
      p.docIds.push(d.facet.docId);
    }
  }
  return [...byText.values()].map(({ score: _s, association: _a, novelty: _n, boundary: _b, ...p }, i) => ({ ...p, rank: i + 1 }));
}


/** Occurrences of one typed phrase per year (counting model: occurrences), read from the texts. */
export interface PhraseYearCount {
  year: number;
  /** Occurrences of the phrase in that year's documents. */
  count: number;
  /** Documents of that year that contain it. */
  docs: number;
}

/** Per-document counts of a phrase, keyed by the analysed document object (a new object when the library changes). */
const phraseCache = new WeakMap<AnalysedDoc, Map<string, number>>();
const PHRASES_PER_DOC_MAX = 64;

/** Occurrences of a phrase in one document (counting model), read from its text once and cached. */
async function phraseCount(d: AnalysedDoc, phrase: string, src: TextSource): Promise<number> {
  let perDoc = phraseCache.get(d);
  if (!perDoc) phraseCache.set(d, (perDoc = new Map()));
  const known = perDoc.get(phrase);
  if (known !== undefined) return known;
  let text = '';
  try {
    text = await src.readText(d.facet.docId);
  } catch {
    // An unreadable document counts nothing; the others still count.
  }
  const n = countPhrase(normalizeForAnalysis(text), phrase);
  if (perDoc.size >= PHRASES_PER_DOC_MAX) perDoc.clear();
  perDoc.set(phrase, n);
  return n;
}

/** A document the duplicate search reads: its id and the hash of its text (a new hash, a new text to read). */
export interface DuplicateDoc {
  docId: string;
  textHash: string;
}

/**
 * Each document's duplicate signature, by docId, with the text hash it was computed from: a search
 * after a document was added reads only the new texts. Entries of documents no longer asked about
 * are dropped, so it holds at most one signature (about 1/8 of the text's characters × 4 bytes) per
 * document of the library.
 */
const signatureCache = new Map<string, { textHash: string; sig: DuplicateSignature | null }>();
/** A duplicates answer as kept by a TextSource memo (read defensively: it comes from storage). */
function isKeptDuplicates(v: unknown): v is { key: string; value: DuplicateMatch[] } {
  if (v === null || typeof v !== 'object') return false;
  const r = v as { key?: unknown; value?: unknown };
  return (
    typeof r.key === 'string' &&
    Array.isArray(r.value) &&
    r.value.every(
      (m: unknown) =>
        m !== null && typeof m === 'object' && typeof (m as DuplicateMatch).docId === 'string' && typeof (m as DuplicateMatch).duplicateOf === 'string',
    )
  );
}

/** The last answer, reused while the documents and their texts are the same. */
let duplicateCache: { key: string; value: DuplicateMatch[] } | null = null;

/**
 * Queries that read the documents' texts (KWIC, recurring phrases). They run where the texts are:
 * the aggregation worker reads them from the database, so no text crosses to or from the page.
 */
export const TEXT_QUERIES = {
  /** Contexts of a term: the documents that mention it (else `fallback`, for a phrase no analysis knows). */
  kwic: (sets: AnalysedDoc[][], a: { term: string; fallback: DocFacet[] }, src: TextSource): Promise<KwicResult> =>
    collectKwic(a.term, kwicDocs(a.term, nth(sets, 0), a.fallback), (id) => src.readText(id)),
  /**
   * Occurrences of any phrase (no dictionary entry needed) per document year, by countPhrase on
   * the stored texts, read one at a time. Documents without a year are left out (the caller says so).
   */
  phraseYears: async (sets: AnalysedDoc[][], a: { phrase: string }, src: TextSource): Promise<PhraseYearCount[]> => {
    const byYear = new Map<number, PhraseYearCount>();
    for (const d of nth(sets, 0)) {
      const year = trendYear(d.facet);
      if (year === null) continue;
      const n = await phraseCount(d, a.phrase, src);
      const row = byYear.get(year) ?? { year, count: 0, docs: 0 };
      row.count += n;
      if (n > 0) row.docs++;
      byYear.set(year, row);
    }
    return [...byYear.values()].sort((x, y) => x.year - y.year);
  },
  /**
   * Trends with typed phrases: as the trendSeries query, but the terms listed in `phrases` (no
   * lexicon entry) are counted as occurrences on the texts (countPhrase), read one at a time and
   * cached per document; the other terms come from the stored analyses.
   */
  phraseTrendSeries: async (
    sets: AnalysedDoc[][],
    a: { terms: string[]; phrases: string[]; measure: TrendMeasure; split: boolean },
    src: TextSource,
  ): Promise<{ years: number[]; series: Series[] }> => {
    const docs = nth(sets, 0);
    const given = new Map<string, Map<string, number>>();
    for (const phrase of new Set(a.phrases)) {
      const counts = new Map<string, number>();
      for (const d of docs) {
        // Documents without a year are in no series: their texts need not be read.
        if (trendYear(d.facet) === null) continue;
        const n = await phraseCount(d, phrase, src);
        if (n > 0) counts.set(d.facet.docId, n);
      }
      given.set(phrase, counts);
    }
    return trendSeries(docs, a.terms, a.measure, a.split, given);
  },
  /**
   * The documents among `docIds` whose cleaned text contains `needle`, compared lower-cased as the
   * Library's free-text search compares titles and numbers; texts read one at a time, an unreadable
   * one left out.
   */
  textMatches: async (_sets: AnalysedDoc[][], a: { needle: string; docIds: string[] }, src: TextSource): Promise<string[]> => {
    const needle = a.needle.toLowerCase();
    const out: string[] = [];
    if (!needle) return out;
    for (const id of a.docIds) {
      let text: string;
      try {
        text = await src.readText(id);
      } catch {
        continue;
      }
      if (text.toLowerCase().includes(needle)) out.push(id);
    }
    return out;
  },
  /**
   * Identical and near-identical documents among `docs` (every document of the library, analysed
   * or not, so a copy is flagged before its analysis), each against the first of its copies in that
   * order (analysis/duplicates DuplicateFinder). Texts are read one at a time, only for documents
   * whose text hash is new to this search; the answer is reused while no document changed.
   */
  duplicates: async (_sets: AnalysedDoc[][], a: { docs: DuplicateDoc[] }, src: TextSource): Promise<DuplicateMatch[]> => {
    const key = a.docs.map((d) => `${d.docId}\u0001${d.textHash}`).join('\u0000');
    if (duplicateCache?.key === key) return duplicateCache.value;
    // The same documents with the same texts as when the answer was last kept: it still holds.
    const kept = await src.memo?.get('duplicates').catch(() => undefined);
    if (isKeptDuplicates(kept) && kept.key === key) {
      duplicateCache = { key, value: kept.value };
      return kept.value;
    }
    const wanted = new Set(a.docs.map((d) => d.docId));
    for (const id of signatureCache.keys()) if (!wanted.has(id)) signatureCache.delete(id);
    const finder = new DuplicateFinder();
    const value: DuplicateMatch[] = [];
    for (const d of a.docs) {
      let known = signatureCache.get(d.docId);
      if (!known || known.textHash !== d.textHash) {
        let text = '';
        try {
          text = await src.readText(d.docId);
        } catch {
          // An unreadable document is nobody's duplicate.
        }
        known = { textHash: d.textHash, sig: duplicateSignature(text) };
        signatureCache.set(d.docId, known);
      }
      const m = finder.add(d.docId, known.sig);
      if (m) value.push(m);
    }
    duplicateCache = { key, value };
    // Kept for the next opening; failing to keep it only costs that opening the search.
    await src.memo?.put('duplicates', { key, value }).catch(() => {});
    return value;
  },
  /**
   * Phrases recurring across documents and organisations, excluding known forms: the CLI's method
   * (recurringPhrases). `lexicon`, `stopwords`, `userWords`: the analysis configuration (default built-in).
   */
  findRecurring: (
    sets: AnalysedDoc[][],
    a: { exclude: string[]; lexicon?: LexiconEntry[]; stopwords?: string[]; userWords?: string[] },
    src: TextSource,
  ): Promise<RecurringPhrase[]> => recurringPhrases(nth(sets, 0), a, src),
};

type Registry = typeof QUERIES & typeof TEXT_QUERIES;
export type QueryKind = keyof Registry;
export type SyncQueryKind = keyof typeof QUERIES;
export type TextQueryKind = keyof typeof TEXT_QUERIES;
export type QueryArgs<K extends QueryKind> = Parameters<Registry[K]>[1];
export type QueryResult<K extends QueryKind> = Awaited<ReturnType<Registry[K]>>;

export function isTextQuery(kind: QueryKind): kind is TextQueryKind {
  return Object.hasOwn(TEXT_QUERIES, kind);
}

/** Run one query that needs no text (the worker and the in-process answerer both go through here). */
export function runQuery<K extends QueryKind>(kind: K, sets: AnalysedDoc[][], args: QueryArgs<K>): QueryResult<K> {
  if (!Object.hasOwn(QUERIES, kind)) throw new Error(`${isTextQuery(kind) ? 'query needs a text source' : 'unknown query'}: ${String(kind)}`);
  const fn = QUERIES[kind as SyncQueryKind] as unknown as (s: AnalysedDoc[][], a: QueryArgs<K>) => QueryResult<K>;
  return fn(sets, args);
}

/** Run any query; those that read texts read them from `src`. */
export async function runTextQuery<K extends QueryKind>(kind: K, sets: AnalysedDoc[][], args: QueryArgs<K>, src: TextSource): Promise<QueryResult<K>> {
  if (!isTextQuery(kind)) return runQuery(kind, sets, args);
  const fn = TEXT_QUERIES[kind] as unknown as (s: AnalysedDoc[][], a: QueryArgs<K>, src: TextSource) => Promise<QueryResult<K>>;
  return fn(sets, args, src);
}

/** Thrown (as a rejection) to the asker of a query that was cancelled or superseded. */
export class QueryCancelled extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelled';
  }
}

/**
 * An answer: known at once (in-process), or pending (worker). A pending answer can be cancelled:
 * a queued query is dropped before it runs; a running one is abandoned (see AggregateClient).
 */
export type Answer<T> =
  | { done: true; value: T }
  | {
      done: false;
      promise: Promise<T>;
      /** `abort`: the user asked to stop a long computation (not merely superseded it). */
      cancel(opts?: { abort?: boolean }): void;
    };

/** What a view asks its corpus questions through (ViewProps.aggregates). */
export interface Aggregator {
  ask<K extends QueryKind>(kind: K, sets: AnalysedDoc[][], args: QueryArgs<K>): Answer<QueryResult<K>>;
}

/**
 * In-process answers, for tests only (the dashboard always asks its aggregation worker): queries
 * over analyses are answered at once, queries over texts read them through `readText`.
 */
export function createLocalAggregator(readText?: (docId: string) => Promise<string>, segmenter?: TextSource['segmenter']): Aggregator {
  const src: TextSource = { readText: readText ?? (() => Promise.reject(new Error('no text source given to the local aggregator'))), segmenter };
  return {
    ask: <K extends QueryKind>(kind: K, sets: AnalysedDoc[][], args: QueryArgs<K>): Answer<QueryResult<K>> => {
      if (!isTextQuery(kind)) return { done: true, value: runQuery(kind, sets, args) };
      const promise = runTextQuery(kind, sets, args, src);
      promise.catch(() => {});
      return { done: false, promise, cancel: () => {} };
    },
  };
}

/**
 * In-process answers without a text source (tests of queries over analyses). Marked pure: the
 * dashboard page imports this module for QueryCancelled and answerNow only, and must not bundle
 * the query engine (nor the script converter it reaches) that this value would keep.
 */
export const localAggregator: Aggregator = /* @__PURE__ */ createLocalAggregator();

/** The answer as a value when known at once, else as a promise (for CSV exports built on click). */
export function answerNow<T>(answer: Answer<T>): T | Promise<T> {
  return answer.done ? answer.value : answer.promise;
}
