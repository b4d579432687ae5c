// Row builders for the exported tables (documents, terms, slogans, structure, trends). Pure; the CLI
// and the dashboard's CSV exports both use them, so a column means the same thing everywhere.
// Each builder returns { header, rows } ready for analysis/csv toCsv. The first columns of each
// header are a published format (issue 3): append new columns at the end, never reorder.

import { tfidfWeight } from './aggregate';
import type { HeldAnalysis, DocFacet } from './types';
import { totalOfTerms } from './packed-terms';
import type { RankedRecurring } from './recurring';
import { truncatedTwins } from './formulations';

export interface Table {
  header: string[];
  rows: unknown[][];
}

/** Published column order of each table; extra columns follow the required ones. */
export const TABLE_HEADERS = {
  documents: [
    'id', 'title', 'org', 'doc_number', 'date', 'year', 'doc_type', 'chars', 'source',
    'paragraphs', 'sentences', 'mean_sentence_length', 'headings', 'url', 'year_source', 'author', 'publication', 'duplicate_of',
  ],
  terms: ['doc_id', 'term', 'count', 'per_10k', 'docs', 'tfidf'],
  slogans: ['doc_id', 'slogan', 'kind', 'count', 'category', 'occurrences'],
  structure: ['doc_id', 'level', 'marker', 'heading', 'offset'],
  trends: ['year', 'term', 'count', 'per_10k', 'docs', 'kind'],
  ngrams: ['doc_id', 'ngram', 'words', 'count', 'per_10k', 'docs'],
  recurring: ['rank', 'phrase', 'score', 'association', 'novelty', 'boundary'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Decimal places of every per-10k rate. A single occurrence in a 1 M-character year is 0.01 per
 * 10k, so three places keep at least one significant digit for any realistic corpus year, while
 * not suggesting a precision that counts of whole words do not have.
 */
export const RATE_DECIMALS = 3;

/**
 * Decimal places of a TF-IDF weight: a term's share of a long document's words is often below 1/1000
 * and ln(N/df) below 1, so six places keep two or three significant digits.
 */
export const TFIDF_DECIMALS = 6;

/** Default number of most frequent terms (besides every lexicon entry) in the trends table. */
export const DEFAULT_TREND_TOP = 500;

/** Occurrences per 10,000 characters, rounded; null when there is no text to divide by. */
export function perTenThousand(count: number, chars: number): number | null {
  if (!(chars > 0)) return null;
  const scale = 10 ** RATE_DECIMALS;
  return Math.round((count * 10_000 * scale) / chars) / scale;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** What the documents table needs about one document. */
export interface DocumentRecord {
  facet: DocFacet;
  /** Gives chars and body statistics; absent when the document has not been analysed yet. */
  analysis?: HeldAnalysis | null;
  /** The 文号 as written (DocNumber.text), '' when none. */
  docNumber?: string;
  /** Input path (with #line for jsonl) or page URL. */
  source?: string;
  /** The page's address when known besides the source (a jsonl `url`, a saved page's canonical link). */
  url?: string;
  /** Where the year was read (DocMetadata.yearSource), the byline or speaker, the newspaper / 公众号. */
  yearSource?: string;
  author?: string;
  publication?: string;
  /** Id of the earlier document this one duplicates (analysis/duplicates findDuplicates), '' when none. */
  duplicateOf?: string;
}

export function documentsTable(records: readonly DocumentRecord[]): Table {
  const rows = records.map(({ facet, analysis, docNumber, source, url, yearSource, author, publication, duplicateOf }) => [
    facet.docId,
    facet.title,
    facet.org,
    docNumber ?? '',
    facet.date,
    facet.year,
    facet.docType,
    analysis?.chars ?? null,
    source ?? '',
    analysis?.stats.paragraphs ?? null,
    analysis?.stats.sentences ?? null,
    analysis ? round(analysis.stats.meanSentenceLength, 1) : null,
    analysis?.outline.length ?? null,
    url ?? '',
    yearSource ?? '',
    author ?? '',
    publication ?? '',
    duplicateOf ?? '',
  ]);
  return { header: [...TABLE_HEADERS.documents], rows };
}

/**
 * Every term of every document (after stopwords), most frequent first within a document. `docs` is
 * how many of the given documents contain the term; `tfidf` is analysis/aggregate tfidfWeight
 * (count / the document's counted terms × ln(documents / docs)), 0 for a term every document has.
 */
export function termsTable(analyses: readonly HeldAnalysis[]): Table {
  const df = new Map<string, number>();
  for (const a of analyses) for (const [term, count] of a.terms) if (count > 0) df.set(term, (df.get(term) ?? 0) + 1);
  const documents = analyses.length;
  const rows: unknown[][] = [];
  for (const a of analyses) {
    const total = totalOfTerms(a.terms);
    for (const [term, count] of a.terms) {
      const docs = df.get(term) ?? 0;
      rows.push([a.docId, term, count, perTenThousand(count, a.chars), docs, round(tfidfWeight(count, total, docs, documents), TFIDF_DECIMALS)]);
    }
  }
  return { header: [...TABLE_HEADERS.terms], rows };
}

/** Word n-grams of one document: [the words joined, how many words, count]. */
export interface DocNgrams {
  docId: string;
  /** Characters of the document (HeldAnalysis.chars): the per_10k denominator. */
  chars: number;
  ngrams: readonly (readonly [string, number, number])[];
}

/**
 * A word sequence once in a document is mostly chance; only repeated ones are rows, which keeps the
 * table to a size a spreadsheet opens (every bigram of a corpus would outnumber its words).
 */
export const MIN_NGRAM_COUNT = 2;

/**
 * Word n-grams (consecutive segmented words, joined without a space) repeated within a document:
 * count, per_10k, and docs = the documents of the run where the same n-gram is repeated too.
 */
export function ngramsTable(docs: readonly DocNgrams[]): Table {
  const kept = docs.map((d) => ({ ...d, ngrams: d.ngrams.filter(([, , count]) => count >= MIN_NGRAM_COUNT) }));
  const df = new Map<string, number>();
  for (const d of kept) for (const [gram] of d.ngrams) df.set(gram, (df.get(gram) ?? 0) + 1);
  const rows: unknown[][] = [];
  for (const d of kept) {
    for (const [gram, words, count] of d.ngrams) rows.push([d.docId, gram, words, count, perTenThousand(count, d.chars), df.get(gram) ?? 0]);
  }
  return { header: [...TABLE_HEADERS.ngrams], rows };
}

/**
 * Every formulation found (lexicon, quoted, numbered, recurring), as the analysis listed them.
 * `count` is occurrences (analysis/counting.ts), except for `quoted`: the occurrences written inside
 * quote marks; `occurrences` is every occurrence, quoted or not (= count for the other kinds).
 */
export function slogansTable(analyses: readonly HeldAnalysis[]): Table {
  const rows: unknown[][] = [];
  // Number formulas that are truncated twins of a longer formulation over the set are left out.
  const twins = truncatedTwins(analyses.map((a) => a.formulations.map((f) => ({ text: f.text, kind: f.kind, occurrences: f.occurrences ?? f.count }))));
  for (const a of analyses) {
    for (const f of a.formulations) if (!(f.kind === 'numbered' && twins.has(f.text))) rows.push([a.docId, f.text, f.kind, f.count, f.category ?? '', f.occurrences ?? f.count]);
  }
  return { header: [...TABLE_HEADERS.slogans], rows };
}

/** Every heading of every document's outline, in document order. */
export function structureTable(analyses: readonly HeldAnalysis[]): Table {
  const rows: unknown[][] = [];
  for (const a of analyses) {
    for (const h of a.outline) rows.push([a.docId, h.level, h.marker, h.text, h.offset]);
  }
  return { header: [...TABLE_HEADERS.structure], rows };
}

/** Year a document counts under in trends: the year it is about, else the year of its date. */
export function trendYear(facet: DocFacet): number | null {
  if (facet.year !== null && Number.isFinite(facet.year)) return facet.year;
  const m = /^(\d{4})/.exec(facet.date);
  return m ? Number(m[1]) : null;
}

export interface TrendsOptions {
  /** Canonical forms of the lexicon entries; each gets a row for every year, zero counts included. */
  lexicon: Iterable<string>;
  /** How many of the corpus's most frequent terms to add (default 500). */
  top?: number;
}

interface TermSeries {
  /** year → [count, documents mentioning] */
  byYear: Map<number, [number, number]>;
}

function addTo(series: Map<string, TermSeries>, term: string, year: number, count: number): void {
  let s = series.get(term);
  if (!s) {
    s = { byYear: new Map() };
    series.set(term, s);
  }
  const cell = s.byYear.get(year);
  if (cell) {
    cell[0] += count;
    cell[1] += 1;
  } else s.byYear.set(year, [count, 1]);
}

/**
 * Year × term table: every lexicon entry (counted as exact phrase occurrences, kind `lexicon`) and
 * the corpus's top terms by total count (from segmentation, kind `term`), for every year that has
 * documents, zeros included so absence is visible. per_10k divides by all characters of that
 * year's documents; docs is how many of them mention the term. Documents without a year are left out.
 */
export function trendsTable(
  facets: readonly DocFacet[],
  analyses: readonly HeldAnalysis[],
  options: TrendsOptions,
): Table {
  const top = options.top ?? DEFAULT_TREND_TOP;
  const yearOf = new Map<string, number>();
  for (const f of facets) {
    const y = trendYear(f);
    if (y !== null) yearOf.set(f.docId, y);
  }

  const charsByYear = new Map<number, number>();
  const lexiconSeries = new Map<string, TermSeries>();
  const termSeries = new Map<string, TermSeries>();
  /** term → [total count, document frequency], over all years: the ranking of top terms. */
  const totals = new Map<string, [number, number]>();

  for (const a of analyses) {
    const year = yearOf.get(a.docId);
    if (year === undefined) continue;
    charsByYear.set(year, (charsByYear.get(year) ?? 0) + a.chars);
    // One document may list a formulation once per kind; sum lexicon hits of the same text.
    const lex = new Map<string, number>();
    for (const f of a.formulations) {
      if (f.kind === 'lexicon') lex.set(f.text, (lex.get(f.text) ?? 0) + f.count);
    }
    for (const [text, count] of lex) if (count > 0) addTo(lexiconSeries, text, year, count);
    for (const [term, count] of a.terms) {
      if (count <= 0) continue;
      addTo(termSeries, term, year, count);
      const t = totals.get(term);
      if (t) {
        t[0] += count;
        t[1] += 1;
      } else totals.set(term, [count, 1]);
    }
  }

  const lexiconTerms = [...new Set(options.lexicon)];
  const lexiconSet = new Set(lexiconTerms);
  const topTerms = [...totals]
    .filter(([term]) => !lexiconSet.has(term))
    .sort((x, y) => y[1][0] - x[1][0] || y[1][1] - x[1][1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, Math.max(0, top))
    .map(([term]) => term);

  const years = [...charsByYear.keys()].sort((a, b) => a - b);
  const rows: unknown[][] = [];
  for (const year of years) {
    const chars = charsByYear.get(year) ?? 0;
    const emit = (term: string, series: TermSeries | undefined, kind: string) => {
      const [count, docs] = series?.byYear.get(year) ?? [0, 0];
      rows.push([year, term, count, perTenThousand(count, chars), docs, kind]);
    };
    for (const term of lexiconTerms) emit(term, lexiconSeries.get(term), 'lexicon');
    for (const term of topTerms) emit(term, termSeries.get(term), 'term');
  }
  return { header: [...TABLE_HEADERS.trends], rows };
}

/**
 * recurring.csv: the recurring phrases reported, in the order of their ranking (analysis/recurring:
 * score = spread × association × novelty × boundary × standalone share), best first, with the
 * statistics the score is made of. How often and where each occurs is in slogans.csv (kind
 * `recurring`), counted by the counting model.
 */
export function recurringTable(ranked: readonly Pick<RankedRecurring, 'text' | 'score' | 'association' | 'novelty' | 'boundary'>[]): Table {
  return { header: [...TABLE_HEADERS.recurring], rows: ranked.map((p, i) => [i + 1, p.text, p.score, p.association, p.novelty, p.boundary]) };
}

