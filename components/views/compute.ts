// View-side numbers computed from stored per-document analyses: the shapes the charts and tables
// of components/views need. Corpus-level counting (top terms, matrices, keyness, KWIC) comes from
// analysis/aggregate where it exists; what is only about presentation (series per year, cell
// scaling, subset selection) lives here. Pure (no DOM, no Chart.js) so it is tested directly.
import type { DocAnalysis, DocFacet, FormulationKind } from '../../analysis/types';
import { perTenThousand, trendYear } from '../../analysis/tables';

export { perTenThousand, trendYear };

/** The facets of the given set that have an analysis, each with it. */
export interface AnalysedDoc {
  facet: DocFacet;
  analysis: DocAnalysis;
}

export function analysedDocs(facets: readonly DocFacet[], analyses: Map<string, DocAnalysis>): AnalysedDoc[] {
  const out: AnalysedDoc[] = [];
  for (const facet of facets) {
    const analysis = analyses.get(facet.docId);
    if (analysis) out.push({ facet, analysis });
  }
  return out;
}

// ---- Occurrences of one term or formulation in one document ----

interface DocIndex {
  terms: Map<string, number>;
  /** Formulation text → count, lexicon hits summed, otherwise the largest count of any kind. */
  formulations: Map<string, number>;
}

const indexCache = new WeakMap<DocAnalysis, DocIndex>();

function docIndex(a: DocAnalysis): DocIndex {
  let idx = indexCache.get(a);
  if (idx) return idx;
  const terms = new Map<string, number>();
  for (const [t, c] of a.terms) terms.set(t, (terms.get(t) ?? 0) + c);
  const lexicon = new Map<string, number>();
  const other = new Map<string, number>();
  for (const f of a.formulations) {
    if (f.kind === 'lexicon') lexicon.set(f.text, (lexicon.get(f.text) ?? 0) + f.count);
    else other.set(f.text, Math.max(other.get(f.text) ?? 0, f.count));
  }
  // A lexicon count is an exact phrase count on the text; other kinds are the same phrase found
  // by another route, so they never add to it.
  const formulations = new Map(other);
  for (const [t, c] of lexicon) formulations.set(t, c);
  idx = { terms, formulations };
  indexCache.set(a, idx);
  return idx;
}

/**
 * How often `term` occurs in a document: as a formulation (exact phrase count, independent of how
 * the segmenter split the sentence) when the analysis found it as one, else as a segmented term.
 */
export function occurrences(a: DocAnalysis, term: string): number {
  const idx = docIndex(a);
  return idx.formulations.get(term) ?? idx.terms.get(term) ?? 0;
}

/** Every term and formulation text a document mentions (for suggestions and KWIC targeting). */
export function mentions(a: DocAnalysis, term: string): boolean {
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

/** Top `n` segmented terms of a set, ranked by the chosen measure (ties: count, then docs, then term). */
export function topTermRows(docs: readonly AnalysedDoc[], n: number, measure: TermMeasure): TermRow[] {
  const totals = new Map<string, [number, number]>();
  let chars = 0;
  for (const { analysis } of docs) {
    chars += analysis.chars;
    for (const [term, count] of docIndex(analysis).terms) {
      if (count <= 0) continue;
      const t = totals.get(term);
      if (t) {
        t[0] += count;
        t[1] += 1;
      } else totals.set(term, [count, 1]);
    }
  }
  const rows: TermRow[] = [...totals].map(([term, [count, d]]) => ({
    term,
    count,
    per10k: perTenThousand(count, chars),
    docs: d,
  }));
  const key = measure === 'docs' ? (r: TermRow) => r.docs : (r: TermRow) => r.count;
  rows.sort((x, y) => key(y) - key(x) || y.count - x.count || y.docs - x.docs || cmp(x.term, y.term));
  return rows.slice(0, Math.max(0, n));
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
  /** Organisation when the series is split by organisation. */
  org?: string;
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

/** One term's series over `years` in a set of documents. */
export function termSeries(
  docs: readonly AnalysedDoc[],
  term: string,
  years: readonly number[],
  measure: TrendMeasure,
): YearPoint[] {
  const acc = new Map<number, { count: number; docs: number; yearDocs: number; chars: number }>();
  for (const { facet, analysis } of docs) {
    const y = trendYear(facet);
    if (y === null) continue;
    let cell = acc.get(y);
    if (!cell) acc.set(y, (cell = { count: 0, docs: 0, yearDocs: 0, chars: 0 }));
    const c = occurrences(analysis, term);
    cell.count += c;
    if (c > 0) cell.docs += 1;
    cell.yearDocs += 1;
    cell.chars += analysis.chars;
  }
  return years.map((year) => {
    const cell = acc.get(year);
    if (!cell) return { year, count: 0, docs: 0, yearDocs: 0, chars: 0, value: null };
    const value =
      measure === 'share'
        ? cell.yearDocs > 0
          ? cell.docs / cell.yearDocs
          : null
        : perTenThousand(cell.count, cell.chars);
    return { year, ...cell, value };
  });
}

/** Organisations of a set by number of documents, most first (ties by name). */
export function orgsByDocs(docs: readonly AnalysedDoc[]): [org: string, docs: number][] {
  const m = new Map<string, number>();
  for (const { facet } of docs) m.set(facet.org, (m.get(facet.org) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}

/** Most organisations drawn as separate lines before the chart turns into noise. */
export const MAX_SPLIT_ORGS = 6;

export function trendSeries(
  docs: readonly AnalysedDoc[],
  terms: readonly string[],
  measure: TrendMeasure,
  splitByOrg: boolean,
): { years: number[]; series: Series[] } {
  const years = yearSpan(docs);
  const series: Series[] = [];
  if (!splitByOrg) {
    for (const term of terms) series.push({ term, points: termSeries(docs, term, years, measure) });
  } else {
    const orgs = orgsByDocs(docs).slice(0, MAX_SPLIT_ORGS).map(([o]) => o);
    for (const term of terms) {
      for (const org of orgs) {
        const sub = docs.filter((d) => d.facet.org === org);
        series.push({ term, org, points: termSeries(sub, term, years, measure) });
      }
    }
  }
  return { years, series };
}

// ---- Formulations ----

export interface FormulationRow {
  text: string;
  kinds: FormulationKind[];
  category: string;
  count: number;
  docs: number;
  orgs: number;
  firstYear: number | null;
  lastYear: number | null;
}

const KIND_ORDER: FormulationKind[] = ['lexicon', 'numbered', 'quoted', 'recurring'];

/** Every formulation of a set, with totals; most documents first, then most occurrences. */
export function formulationRows(docs: readonly AnalysedDoc[]): FormulationRow[] {
  const m = new Map<
    string,
    { kinds: Set<FormulationKind>; category: string; count: number; docs: number; orgs: Set<string>; first: number | null; last: number | null }
  >();
  for (const { facet, analysis } of docs) {
    const year = trendYear(facet);
    const seen = new Set<string>();
    for (const f of analysis.formulations) {
      let row = m.get(f.text);
      if (!row) {
        row = { kinds: new Set(), category: '', count: 0, docs: 0, orgs: new Set(), first: null, last: null };
        m.set(f.text, row);
      }
      row.kinds.add(f.kind);
      if (f.category && !row.category) row.category = f.category;
      if (seen.has(f.text)) continue;
      seen.add(f.text);
      row.count += occurrences(analysis, f.text);
      row.docs += 1;
      if (facet.org) row.orgs.add(facet.org);
      if (year !== null) {
        if (row.first === null || year < row.first) row.first = year;
        if (row.last === null || year > row.last) row.last = year;
      }
    }
  }
  return [...m]
    .map(([text, r]) => ({
      text,
      kinds: KIND_ORDER.filter((k) => r.kinds.has(k)),
      category: r.category,
      count: r.count,
      docs: r.docs,
      orgs: r.orgs.size,
      firstYear: r.first,
      lastYear: r.last,
    }))
    .sort((a, b) => b.docs - a.docs || b.count - a.count || cmp(a.text, b.text));
}

/** True when a formulation was discovered (not from the lexicon) and may be added to it. */
export function isDiscovered(row: FormulationRow): boolean {
  return !row.kinds.includes('lexicon');
}

export type CellMeasure = 'count' | 'per10k';

export interface MatrixCell {
  org: string;
  text: string;
  count: number;
  per10k: number | null;
  docs: number;
}

/** Organisation × formulation cells for the given formulations and organisations. */
export function orgFormulationCells(
  docs: readonly AnalysedDoc[],
  texts: readonly string[],
  orgs: readonly string[],
): MatrixCell[] {
  const byOrg = new Map<string, AnalysedDoc[]>();
  for (const d of docs) {
    const list = byOrg.get(d.facet.org);
    if (list) list.push(d);
    else byOrg.set(d.facet.org, [d]);
  }
  const cells: MatrixCell[] = [];
  for (const org of orgs) {
    const list = byOrg.get(org) ?? [];
    const chars = list.reduce((s, d) => s + d.analysis.chars, 0);
    for (const text of texts) {
      let count = 0;
      let n = 0;
      for (const d of list) {
        const c = occurrences(d.analysis, text);
        count += c;
        if (c > 0) n += 1;
      }
      cells.push({ org, text, count, per10k: perTenThousand(count, chars), docs: n });
    }
  }
  return cells;
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
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(node);
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
  if (years.length < 2) return null;
  const mid = Math.ceil(years.length / 2);
  return {
    a: { from: years[0], to: years[mid - 1] },
    b: { from: years[mid], to: years[years.length - 1] },
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
