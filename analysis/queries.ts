// The corpus queries the analytic views make, in one registry shared by the two places that answer
// them: the aggregation Web Worker (utils/aggregate.worker.ts, the dashboard's normal path, so sums
// over thousands of documents never block the page) and an in-process answerer (component tests,
// and any host without workers). Both call the same functions of ./corpus and analysis/, so the
// numbers cannot differ. Pure: no DOM, no Preact, safe to bundle into a worker.
import { findRecurring, type RecurringPhrase } from './aggregate';
import { keyness, type KeynessOptions, type KeynessRow } from './keyness';
import { collectKwic, kwicCandidates, type KwicResult } from './kwic-search';
import type { DocFacet } from './types';
import { termsTable, trendsTable, type Table } from './tables';
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

/** Where a query that reads texts gets them: the worker reads the database, a test passes a function. */
export interface TextSource {
  /** A document's cleaned text; rejects (or '') when it cannot be read. */
  readText(docId: string): Promise<string>;
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

/**
 * Queries that read the documents' texts (KWIC, recurring phrases). They run where the texts are:
 * the aggregation worker reads them from the database, so no text crosses to or from the page.
 */
export const TEXT_QUERIES = {
  /** Contexts of a term: the documents that mention it (else `fallback`, for a phrase no analysis knows). */
  kwic: (sets: AnalysedDoc[][], a: { term: string; fallback: DocFacet[] }, src: TextSource): Promise<KwicResult> =>
    collectKwic(a.term, kwicCandidates(a.term, nth(sets, 0), a.fallback), (id) => src.readText(id)),
  /**
   * Occurrences of any phrase (no dictionary entry needed) per document year, by countPhrase on
   * the stored texts, read one at a time. Documents without a year are left out (the caller says so).
   */
  phraseYears: async (sets: AnalysedDoc[][], a: { phrase: string }, src: TextSource): Promise<PhraseYearCount[]> => {
    const byYear = new Map<number, PhraseYearCount>();
    for (const d of nth(sets, 0)) {
      const year = trendYear(d.facet);
      if (year === null) continue;
      let perDoc = phraseCache.get(d);
      if (!perDoc) phraseCache.set(d, (perDoc = new Map()));
      let n = perDoc.get(a.phrase);
      if (n === undefined) {
        let text = '';
        try {
          text = await src.readText(d.facet.docId);
        } catch {
          // An unreadable document counts nothing; the others still count.
        }
        n = countPhrase(normalizeForAnalysis(text), a.phrase);
        if (perDoc.size >= PHRASES_PER_DOC_MAX) perDoc.clear();
        perDoc.set(a.phrase, n);
      }
      const row = byYear.get(year) ?? { year, count: 0, docs: 0 };
      row.count += n;
      if (n > 0) row.docs++;
      byYear.set(year, row);
    }
    return [...byYear.values()].sort((x, y) => x.year - y.year);
  },
  /** Phrases recurring across documents and organisations, excluding known forms. */
  findRecurring: async (sets: AnalysedDoc[][], a: { exclude: string[] }, src: TextSource): Promise<RecurringPhrase[]> => {
    const docs = nth(sets, 0);
    const texts: { docId: string; text: string }[] = [];
    for (const d of docs) {
      try {
        texts.push({ docId: d.facet.docId, text: await src.readText(d.facet.docId) });
      } catch {
        // An unreadable document is skipped; the others still count.
      }
    }
    const facets = docs.map((d) => ({ ...d.facet, year: trendYear(d.facet) }));
    return findRecurring(facets, texts, { exclude: new Set(a.exclude), analyses: docs.map((d) => d.analysis) });
  },
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
export function createLocalAggregator(readText?: (docId: string) => Promise<string>): Aggregator {
  const src: TextSource = { readText: readText ?? (() => Promise.reject(new Error('no text source given to the local aggregator'))) };
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
