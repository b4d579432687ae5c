// The corpus query engine: numbers computed from stored per-document analyses, in the shapes the
// dashboard's charts and tables need (the aggregation worker runs them, see ./queries). Corpus-level counting (top terms, matrices, keyness, KWIC) comes from
// analysis/aggregate where it exists; what is only about presentation (series per year, cell
// scaling, subset selection) lives here. Pure (no DOM, no Chart.js) so it is tested directly.
import type { HeldAnalysis, DocFacet } from './types';
import { termLookup } from './packed-terms';
import type { LexiconEntry } from './lexicon';
import { perTenThousand, trendYear } from './tables';
import { headingPatterns, leadVerbOf } from './structure';
import { DEFAULT_TOP_GROUPS, topGroupsWithOther } from './top-groups';
import {
  formulationSummary,
  issuersOf,
  orgFormulationMatrix,
  topTerms,
  yearTermMatrix,
  type FormulationSummaryRow,
  type OrgFormulationRow,
  type RecurringPhrase,
  type YearTermRow,
} from './aggregate';

export { perTenThousand, trendYear };

/** The facets of the given set that have an analysis, each with it. */
export interface AnalysedDoc {
  facet: DocFacet;
  analysis: HeldAnalysis;
}

export function analysedDocs(facets: readonly DocFacet[], analyses: Map<string, HeldAnalysis>): AnalysedDoc[] {
  const out: AnalysedDoc[] = [];
  for (const facet of facets) {
    const analysis = analyses.get(facet.docId);
    if (analysis) out.push({ facet, analysis });
  }
  return out;
}

// ---- Occurrences of one term or formulation in one document ----

interface DocIndex {
  terms: { get(term: string): number | undefined };
  /** Formulation text → count (the largest, when listed under several kinds). */
  formulations: Map<string, number>;
}

const indexCache = new WeakMap<HeldAnalysis, DocIndex>();

function docIndex(a: HeldAnalysis): DocIndex {
  let idx = indexCache.get(a);
  if (idx) return idx;
  const terms = termLookup(a.terms);
  // One text found by several routes (lexicon and numbered, say) is one phrase: keep the larger
  // count, as analysis/aggregate does, never the sum.
  const formulations = new Map<string, number>();
  for (const f of a.formulations) formulations.set(f.text, Math.max(formulations.get(f.text) ?? 0, f.count));
  idx = { terms, formulations };
  indexCache.set(a, idx);
  return idx;
}

/**
 * How often `term` occurs in a document: as a formulation (exact phrase count, independent of how
 * the segmenter split the sentence) when the analysis found it as one, else as a segmented term.
 */
export function occurrences(a: HeldAnalysis, term: string): number {
  const idx = docIndex(a);
  return idx.formulations.get(term) ?? idx.terms.get(term) ?? 0;
}

/** Every term and formulation text a document mentions (for suggestions and KWIC targeting). */
export function mentions(a: HeldAnalysis, term: string): boolean {
  return occurrences(a, term) > 0;
}

// ---- Top terms ----

export type TermMeasure = 'count' | 'per10k' | 'docs';

export interface TermRow {
  term: string;
  count: number;
  /** Per 10,000 characters of the whole set. */
  per10k: number | null;
  docs: number;
}

/** Top `n` segmented terms of a set (analysis/aggregate topTerms), ranked by the chosen measure. */
export function topTermRows(docs: readonly AnalysedDoc[], n: number, measure: TermMeasure): TermRow[] {
  return topTerms(
    docs.map((d) => d.analysis),
    n,
    measure,
  ).map((r) => ({ term: r.term, count: r.count, per10k: r.per_10k, docs: r.docs }));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Series over years ----

export type TrendMeasure = 'per10k' | 'share';

export interface YearPoint {
  year: number;
  count: number;
  docs: number;
  /** Documents of that year in the set (denominator of the share). */
  yearDocs: number;
  chars: number;
  /** per 10k characters, or share of documents mentioning (0..1); null for a year without documents. */
  value: number | null;
}

export interface Series {
  term: string;
  /** Organisation when the series is split by organisation; OTHER_ORGS for the rest together. */
  org?: string;
  /** Only on the "other" series of a split: the organisations it aggregates, in rank order. */
  others?: string[];
  points: YearPoint[];
}

/** Continuous run of years from the earliest to the latest document year, so gaps stay visible. */
export function yearSpan(docs: readonly AnalysedDoc[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const { facet } of docs) {
    const y = trendYear(facet);
    if (y === null) continue;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (!Number.isFinite(min)) return [];
  const out: number[] = [];
  for (let y = min; y <= max; y++) out.push(y);
  return out;
}

/**
 * Facets with the year trends count them under (analysis/tables trendYear: the year the document
 * is about, else the year of its date), so the chart agrees with the exported trends.csv.
 */
function withTrendYears(docs: readonly AnalysedDoc[]): DocFacet[] {
  return docs.map((d) => ({ ...d.facet, year: trendYear(d.facet) }));
}

/** Series of several terms over `years` in a set of documents (analysis/aggregate yearTermMatrix). */
export function termSeriesMany(
  docs: readonly AnalysedDoc[],
  terms: readonly string[],
  years: readonly number[],
  measure: TrendMeasure,
  /** Occurrences counted on the texts (typed phrases): term → docId → count. */
  given?: PhraseCounts,
): Map<string, YearPoint[]> {
  const rows = yearTermMatrix(
    withTrendYears(docs),
    docs.map((d) => d.analysis),
    [...terms],
    'auto',
    given,
  );
  return seriesFromRows(rows, terms, years, measure);
}

/** Points over `years` of each term from year × term rows (a year without documents is a gap). */
export function seriesFromRows(rows: readonly YearTermRow[], terms: readonly string[], years: readonly number[], measure: TrendMeasure): Map<string, YearPoint[]> {
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) byKey.set(`${r.year}\u0000${r.term}`, r);
  const out = new Map<string, YearPoint[]>();
  for (const term of terms) {
    out.set(
      term,
      years.map((year) => {
        const r = byKey.get(`${year}\u0000${term}`);
        // A year without documents has no value (a gap in the line), not a zero.
        if (!r || r.total_docs === 0) return { year, count: 0, docs: 0, yearDocs: 0, chars: 0, value: null };
        const value = measure === 'share' ? r.docs / r.total_docs : r.per_10k;
        return { year, count: r.count, docs: r.docs, yearDocs: r.total_docs, chars: r.chars, value };
      }),
    );
  }
  return out;
}

/** Occurrences of phrases counted on the texts: phrase → docId → count. */
export type PhraseCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

const NO_ALIASES = new Map<string, string>();

/**
 * The organisations a document counts for: each issuer of a joint document (the facet's org holds
 * them joined with ORG_SEPARATOR, as in the CLI and every export; aliases are applied already).
 */
export function issuers(facet: DocFacet): string[] {
  return issuersOf(facet.org, NO_ALIASES);
}

/** True when the document counts for `org` (one of its issuers; '' = a document without an organisation). */
export function hasIssuer(facet: DocFacet, org: string): boolean {
  const orgs = issuers(facet);
  return org === '' ? orgs.length === 0 : orgs.includes(org);
}

/** Organisations of a set by number of documents, most first (ties by name); a joint document counts for each issuer, '' for none. */
export function orgsByDocs(docs: readonly AnalysedDoc[]): [org: string, docs: number][] {
  const m = new Map<string, number>();
  for (const { facet } of docs) {
    const orgs = issuers(facet);
    for (const org of orgs.length ? orgs : ['']) m.set(org, (m.get(org) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}

/** Most organisations drawn as separate lines before the chart turns into noise; the rest are one "other" line. */
export const MAX_SPLIT_ORGS = DEFAULT_TOP_GROUPS;
/** `org` of the series that aggregates the organisations beyond MAX_SPLIT_ORGS (its `others` lists them). */
export const OTHER_ORGS = '(other)';

/**
 * Series of terms over the years of a set. Split by organisation: the MAX_SPLIT_ORGS organisations
 * with the most occurrences of the chosen terms in the set (ties: more documents), a joint document
 * counted for each of its issuers, and one "other" series counted over the documents of all the rest
 * together (analysis/top-groups). Documents without an organisation are in no series. `given`: terms
 * counted on the texts (typed phrases, see analysis/queries phraseTrendSeries) instead of from the
 * analyses.
 */
export function trendSeries(
  docs: readonly AnalysedDoc[],
  terms: readonly string[],
  measure: TrendMeasure,
  splitByOrg: boolean,
  given?: PhraseCounts,
): { years: number[]; series: Series[] } {
  const years = yearSpan(docs);
  const series: Series[] = [];
  if (!splitByOrg) {
    const all = termSeriesMany(docs, terms, years, measure, given);
    for (const term of terms) series.push({ term, points: all.get(term) ?? [] });
  } else {
    const occurrences = (m: Map<string, YearPoint[]>) => {
      let n = 0;
      for (const points of m.values()) for (const p of points) n += p.count;
      return n;
    };
    const { groups, other } = topGroupsWithOther(
      docs,
      (d) => issuers(d.facet),
      (ds) => termSeriesMany(ds, terms, years, measure, given),
      occurrences,
      MAX_SPLIT_ORGS,
    );
    for (const term of terms) {
      for (const g of groups) series.push({ term, org: g.key, points: g.summary.get(term) ?? [] });
      if (other) series.push({ term, org: OTHER_ORGS, others: other.keys, points: other.summary.get(term) ?? [] });
    }
  }
  return { years, series };
}

// ---- Formulations ----

/** One formulation of a set (analysis/aggregate formulationSummary). */
export type FormulationRow = FormulationSummaryRow;

/**
 * Every formulation of a set, with totals; most documents first, then most occurrences. Recurring
 * phrases found over the texts (analysis/aggregate findRecurring) are listed with the rest.
 */
export function formulationRows(docs: readonly AnalysedDoc[], recurring?: RecurringPhrase[]): FormulationRow[] {
  return formulationSummary(
    withTrendYears(docs),
    docs.map((d) => d.analysis),
    { recurring },
  );
}

/** True when a formulation was discovered (not from the lexicon) and may be added to it. */
export function isDiscovered(row: FormulationRow): boolean {
  return row.kind !== 'lexicon';
}

export type CellMeasure = 'count' | 'per10k';

export type MatrixCell = OrgFormulationRow;

/** Organisation × formulation cells for the given formulations (analysis/aggregate orgFormulationMatrix). */
export function orgFormulationCells(docs: readonly AnalysedDoc[], texts: readonly string[]): MatrixCell[] {
  return orgFormulationMatrix(
    withTrendYears(docs),
    docs.map((d) => d.analysis),
    { formulations: [...texts] },
  );
}

// ---- Structure ----

export interface OutlineNode {
  level: number;
  marker: string;
  text: string;
  children: OutlineNode[];
}

/** Nest a flat outline by level; a heading deeper than its predecessor becomes its child. */
export function outlineTree(outline: readonly { level: number; marker: string; text: string }[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const h of outline) {
    const node: OutlineNode = { level: h.level, marker: h.marker, text: h.text, children: [] };
    while ((stack[stack.length - 1]?.level ?? -Infinity) >= h.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

/** Headings per level across a set: level → [headings, documents having that level]. */
export function levelDistribution(docs: readonly AnalysedDoc[]): [level: number, headings: number, docs: number][] {
  const m = new Map<number, [number, number]>();
  for (const { analysis } of docs) {
    const seen = new Set<number>();
    for (const h of analysis.outline) {
      const cell = m.get(h.level) ?? [0, 0];
      cell[0] += 1;
      if (!seen.has(h.level)) {
        cell[1] += 1;
        seen.add(h.level);
      }
      m.set(h.level, cell);
    }
  }
  return [...m].sort((a, b) => a[0] - b[0]).map(([l, [h, d]]) => [l, h, d]);
}

// ---- Compare ----

export interface YearRange {
  from: number;
  to: number;
}

/** "2018-2020" or "2020" → range; null when unreadable. */
export function parseYearRange(s: string | null): YearRange | null {
  if (!s) return null;
  const m = /^\s*(\d{4})\s*(?:[-–~～至到]\s*(\d{4}))?\s*$/.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

export function formatYearRange(r: YearRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/** Default split: the earlier half of the distinct years present against the later half. */
export function defaultHalves(docs: readonly AnalysedDoc[]): { a: YearRange; b: YearRange } | null {
  const years = [...new Set(docs.map((d) => trendYear(d.facet)).filter((y): y is number => y !== null))].sort(
    (x, y) => x - y,
  );
  const mid = Math.ceil(years.length / 2);
  const [first, endA, startB, last] = [years[0], years[mid - 1], years[mid], years[years.length - 1]];
  if (years.length < 2 || first === undefined || endA === undefined || startB === undefined || last === undefined) return null;
  return {
    a: { from: first, to: endA },
    b: { from: startB, to: last },
  };
}

export function inRange(d: AnalysedDoc, r: YearRange): boolean {
  const y = trendYear(d.facet);
  return y !== null && y >= r.from && y <= r.to;
}

/** Formulations found in B but in no document of A (added), and in A but not in B (dropped). */
export function formulationDiff(
  a: readonly AnalysedDoc[],
  b: readonly AnalysedDoc[],
): { added: FormulationRow[]; dropped: FormulationRow[] } {
  const ra = formulationRows(a);
  const rb = formulationRows(b);
  const inA = new Set(ra.map((r) => r.text));
  const inB = new Set(rb.map((r) => r.text));
  return { added: rb.filter((r) => !inA.has(r.text)), dropped: ra.filter((r) => !inB.has(r.text)) };
}

// ---- Structure patterns ----

export interface LeadVerbRow {
  verb: string;
  count: number;
  docs: number;
}

export interface ParallelPatternRow {
  /** Lead verbs of the two clauses, e.g. "强化…，筑牢…". */
  pattern: string;
  count: number;
  docs: number;
  example: string;
}

/** Lead verbs and parallel-heading patterns summed over a set (per document via analysis/structure). */
export function structurePatterns(docs: readonly AnalysedDoc[]): {
  verbs: LeadVerbRow[];
  patterns: ParallelPatternRow[];
  headings: number;
  parallel: number;
} {
  const verbs = new Map<string, { count: number; docs: number }>();
  const patterns = new Map<string, { count: number; docs: number; example: string }>();
  let headings = 0;
  let parallel = 0;
  for (const { analysis } of docs) {
    const summary = headingPatterns(analysis.outline);
    headings += summary.headings.length;
    for (const [verb, count] of summary.leadVerbs) {
      const v = verbs.get(verb) ?? { count: 0, docs: 0 };
      v.count += count;
      v.docs += 1;
      verbs.set(verb, v);
    }
    const seen = new Set<string>();
    for (const h of summary.headings) {
      if (!h.parallel) continue;
      parallel += 1;
      const key = `${leadVerbOf(h.clauses[0] ?? '')}…，${leadVerbOf(h.clauses[1] ?? '')}…`;
      const p = patterns.get(key) ?? { count: 0, docs: 0, example: h.heading.text };
      p.count += 1;
      if (!seen.has(key)) {
        p.docs += 1;
        seen.add(key);
      }
      patterns.set(key, p);
    }
  }
  return {
    verbs: [...verbs].map(([verb, v]) => ({ verb, ...v })).sort((a, b) => b.count - a.count || b.docs - a.docs || cmp(a.verb, b.verb)),
    patterns: [...patterns]
      .map(([pattern, p]) => ({ pattern, ...p }))
      .sort((a, b) => b.count - a.count || b.docs - a.docs || cmp(a.pattern, b.pattern)),
    headings,
    parallel,
  };
}

// ---- Trends: default selection and suggestions ----

/**
 * Formulations tried first as the default selection, in this order: widely tracked markers of
 * political language whose rise and fall over the years is well documented. Only those present in
 * the data are used; when none is, the most widespread lexicon formulations of the data stand in.
 */
export const PREFERRED_DEFAULT_TERMS = ['两个维护', '四个意识', '改革开放', '两个确立', '全面从严治党', '不忘初心、牢记使命'];
/** How many lines the default selection draws. */
const DEFAULT_TERM_COUNT = 3;
/** Suggestions offered in the input (lexicon entries present in the data, then top terms). */
const MAX_SUGGESTIONS = 300;

/** Default selection: preferred formulations present in the data, else the lexicon's most widespread. */
export function defaultTerms(docs: readonly AnalysedDoc[], lexicon: readonly LexiconEntry[]): string[] {
  const present = (term: string) => docs.some((d) => occurrences(d.analysis, term) > 0);
  const picked = PREFERRED_DEFAULT_TERMS.filter(present).slice(0, DEFAULT_TERM_COUNT);
  if (picked.length) return picked;
  const lexiconTerms = new Set(lexicon.map((e) => e.term));
  const rows = formulationRows(docs);
  const lex = rows.filter((r) => r.kind === 'lexicon' || lexiconTerms.has(r.text));
  const fromRows = (lex.length ? lex : rows).slice(0, DEFAULT_TERM_COUNT).map((r) => r.text);
  if (fromRows.length) return fromRows;
  return topTermRows(docs, DEFAULT_TERM_COUNT, 'docs').map((r) => r.term);
}

/**
 * Suggestions for the Trends input: lexicon formulations present in the set, then lexicon entries,
 * then the set's most widespread terms (the costliest sum of that view, hence asked for lazily).
 */
export function trendSuggestions(docs: readonly AnalysedDoc[], lexicon: readonly LexiconEntry[]): string[] {
  const out = new Set<string>();
  for (const r of formulationRows(docs)) if (r.kind === 'lexicon') out.add(r.text);
  for (const e of lexicon) if (out.size < MAX_SUGGESTIONS / 2) out.add(e.term);
  for (const r of topTermRows(docs, MAX_SUGGESTIONS, 'docs')) {
    if (out.size >= MAX_SUGGESTIONS) break;
    out.add(r.term);
  }
  return [...out];
}
