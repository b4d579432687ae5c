// Corpus aggregates, built from stored per-document results (DocAnalysis + DocFacet), never by
// re-segmenting. Every table is a plain array of flat rows, ready for CSV and charts.
import type { HeldAnalysis, DocFacet, FormulationHit, FormulationKind } from './types';
import { termLookup, totalOfTerms } from './packed-terms';
import { groupOrg } from './orgs';
import { ORG_SEPARATOR } from './text';
import { TwinTotals, type TwinRow } from './formulations';

// ---------- lookups ----------

/**
 * The organisations a document counts for: each issuer of a joint document (the facet's org joined
 * with ORG_SEPARATOR, analysis/text), grouped through the alias table, without repeats. [] when unknown.
 * Wherever an organisation is a dimension, a joint document counts once for each of its issuers.
 */
export function issuersOf(org: string | undefined, aliases: Map<string, string>): string[] {
  const out: string[] = [];
  for (const part of (org ?? '').split(ORG_SEPARATOR)) {
    const g = groupOrg(part, aliases);
    if (g && !out.includes(g)) out.push(g);
  }
  return out;
}

/** Where a term's count comes from: the stored formulations (jieba-independent), the term counts, or formulations first. */
export type TermSource = 'auto' | 'terms' | 'formulations';

/** Per-document maps built once per aggregate call (an analysis holds lists, lookups want Maps). */
interface DocIndex {
  a: HeldAnalysis;
  facet: DocFacet | undefined;
  terms: TermLookup;
  forms: Map<string, FormulationHit>;
}

/**
 * Lookup maps per stored analysis, cached by object identity: the dashboard recomputes aggregates on
 * every filter change over the same stored objects, and building the maps dominated the cost. A
 * stored analysis is replaced, never edited in place, when it is recomputed.
 */
type TermLookup = { get(term: string): number | undefined };
const lookupCache = new WeakMap<HeldAnalysis, { terms: TermLookup; forms: Map<string, FormulationHit> }>();

function lookups(a: HeldAnalysis): { terms: TermLookup; forms: Map<string, FormulationHit> } {
  let l = lookupCache.get(a);
  if (!l) {
    const forms = new Map<string, FormulationHit>();
    // One hit per text; if a text came twice (older stored data), keep the larger count.
    for (const h of a.formulations) {
      const prev = forms.get(h.text);
      if (!prev || h.count > prev.count) forms.set(h.text, h);
    }
    l = { terms: termLookup(a.terms), forms };
    lookupCache.set(a, l);
  }
  return l;
}

function indexDocs(analyses: HeldAnalysis[], facets: DocFacet[] = []): DocIndex[] {
  const byId = new Map<string, DocFacet>();
  for (const f of facets) byId.set(f.docId, f);
  return analyses.map((a) => ({ a, facet: byId.get(a.docId), ...lookups(a) }));
}

function countIn(d: DocIndex, term: string, source: TermSource): number {
  if (source === 'terms') return d.terms.get(term) ?? 0;
  if (source === 'formulations') return d.forms.get(term)?.count ?? 0;
  const f = d.forms.get(term);
  return f ? f.count : d.terms.get(term) ?? 0;
}

/** Count of `term` in one stored analysis (see TermSource). */
export function docTermCount(analysis: HeldAnalysis, term: string, source: TermSource = 'auto'): number {
  return countIn({ a: analysis, facet: undefined, ...lookups(analysis) }, term, source);
}

function rate(count: number, chars: number): number {
  return chars > 0 ? Math.round(((count * 10000) / chars) * 1000) / 1000 : 0;
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0;
}

// ---------- documents left out ----------

/**
 * Why a document of the filter is not in a chart or table, in the order a reason is given when
 * several apply: a duplicate counted once under its earlier copy, a document not analysed yet, a
 * document without a year (for a view over years), without an organisation (for a view by
 * organisation).
 */
export type LeftOutReason = 'duplicate' | 'notAnalysed' | 'noYear' | 'noOrg';
export const LEFT_OUT_REASONS: readonly LeftOutReason[] = ['duplicate', 'notAnalysed', 'noYear', 'noOrg'];

/** What a view needs of a document, and what the dashboard knows about each. */
export interface LeftOutRules {
  /** The view counts documents by year (Trends, Compare by years). */
  needsYear?: boolean;
  /** The view counts documents by organisation (split by organisation, the matrix). */
  needsOrg?: boolean;
  /** Year a document is counted under (default: facet.year). */
  yearOf?: (f: DocFacet) => number | null;
  /** Documents with an analysis (default: every one). */
  analysed?: ReadonlySet<string>;
  /** Duplicates left out because each text is counted once: docId → the docId it copies. */
  duplicates?: ReadonlyMap<string, string>;
}

/** The reason a document is left out under these rules, or null when it is counted. */
export function leftOutReason(f: DocFacet, rules: LeftOutRules): LeftOutReason | null {
  if (rules.duplicates?.has(f.docId)) return 'duplicate';
  if (rules.analysed && !rules.analysed.has(f.docId)) return 'notAnalysed';
  if (rules.needsYear) {
    const y = rules.yearOf ? rules.yearOf(f) : f.year;
    if (y === null || !Number.isFinite(y)) return 'noYear';
  }
  if (rules.needsOrg && issuersOf(f.org, new Map()).length === 0) return 'noOrg';
  return null;
}

export interface Coverage {
  /** Documents in the filter. */
  inFilter: number;
  /** Documents the chart or table counts. */
  shown: number;
  /** The documents left out, by reason (each document under one reason, see LeftOutReason). */
  leftOut: Record<LeftOutReason, string[]>;
}

/** How many documents of the filter a view counts, and which it leaves out and why. */
export function coverage(facets: readonly DocFacet[], rules: LeftOutRules): Coverage {
  const leftOut: Record<LeftOutReason, string[]> = { duplicate: [], notAnalysed: [], noYear: [], noOrg: [] };
  let shown = 0;
  for (const f of facets) {
    const why = leftOutReason(f, rules);
    if (why === null) shown++;
    else leftOut[why].push(f.docId);
  }
  return { inFilter: facets.length, shown, leftOut };
}

/**
 * A left-out group named in a link (the dashboard's address): the reason and the view's needs, so
 * the Library can list exactly the documents the view left out for that reason. `noOrg.year` = no
 * organisation, in a view that also needs a year.
 */
export function leftOutKey(reason: LeftOutReason, rules: Pick<LeftOutRules, 'needsYear' | 'needsOrg'>): string {
  return [reason, ...(rules.needsYear ? ['year'] : []), ...(rules.needsOrg ? ['org'] : [])].join('.');
}

export function parseLeftOutKey(key: string | null): { reason: LeftOutReason; needsYear: boolean; needsOrg: boolean } | null {
  const [reason, ...needs] = (key ?? '').split('.');
  if (!LEFT_OUT_REASONS.includes(reason as LeftOutReason) || needs.some((n) => n !== 'year' && n !== 'org')) return null;
  return { reason: reason as LeftOutReason, needsYear: needs.includes('year'), needsOrg: needs.includes('org') };
}

// ---------- year × term ----------

export interface YearTermRow {
  year: number;
  term: string;
  count: number;
  /** Occurrences per 10,000 characters of that year's documents. */
  per_10k: number;
  /** Documents of that year mentioning the term. */
  docs: number;
  /** docs / total_docs. */
  share: number;
  total_docs: number;
  chars: number;
}

/**
 * Year × term table: one row for every year that has documents and every requested term (zeros
 * included, so a chart has every point). Documents without a year are left out. `source` says where
 * counts come from: 'auto' (default) takes a document's formulation count when the term is one of its
 * formulations — a lexicon entry counted by exact phrase — and its term count otherwise.
 */
export function yearTermMatrix(
  facets: DocFacet[],
  analyses: HeldAnalysis[],
  terms: string[],
  source: TermSource = 'auto',
  /** Counts read elsewhere (a typed phrase counted on the texts): term → docId → occurrences; a term listed here is counted from it only. */
  given?: ReadonlyMap<string, ReadonlyMap<string, number>>,
): YearTermRow[] {
  const docs = indexDocs(analyses, facets);
  const years = new Map<number, DocIndex[]>();
  for (const d of docs) {
    const y = d.facet?.year;
    if (y === null || y === undefined || !Number.isFinite(y)) continue;
    if (!years.has(y)) years.set(y, []);
    years.get(y)!.push(d);
  }
  const rows: YearTermRow[] = [];
  const uniqueTerms = [...new Set(terms)];
  for (const year of [...years.keys()].sort((a, b) => a - b)) {
    const group = years.get(year)!;
    const chars = group.reduce((s, d) => s + d.a.chars, 0);
    for (const term of uniqueTerms) {
      let count = 0;
      let n = 0;
      const fromGiven = given?.get(term);
      for (const d of group) {
        const c = fromGiven ? (fromGiven.get(d.a.docId) ?? 0) : countIn(d, term, source);
        count += c;
        if (c > 0) n++;
      }
      rows.push({ year, term, count, per_10k: rate(count, chars), docs: n, share: share(n, group.length), total_docs: group.length, chars });
    }
  }
  return rows;
}

// ---------- top terms, tf-idf ----------

export interface TopTermRow {
  term: string;
  count: number;
  per_10k: number;
  docs: number;
}

/** The n top terms of a set of documents, ranked by total count, by rate per 10k chars (same order as count within one set) or by document frequency. */
export function topTerms(analyses: HeldAnalysis[], n: number, by: 'count' | 'per10k' | 'docs' = 'count'): TopTermRow[] {
  const counts = new Map<string, number>();
  const docs = new Map<string, number>();
  let chars = 0;
  for (const a of analyses) {
    chars += a.chars;
    for (const [t, c] of a.terms) {
      counts.set(t, (counts.get(t) ?? 0) + c);
      docs.set(t, (docs.get(t) ?? 0) + 1);
    }
  }
  const rows: TopTermRow[] = [...counts.entries()].map(([term, count]) => ({ term, count, per_10k: rate(count, chars), docs: docs.get(term) ?? 0 }));
  const key = by === 'docs' ? (r: TopTermRow) => r.docs * 1e9 + r.count : (r: TopTermRow) => r.count;
  rows.sort((x, y) => key(y) - key(x) || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return rows.slice(0, Math.max(0, n));
}

export interface TfidfRow {
  docId: string;
  term: string;
  count: number;
  /** count / all counted terms of the document. */
  tf: number;
  /** ln(N / df). */
  idf: number;
  tfidf: number;
}

/**
 * The TF-IDF weight used everywhere (dashboard, terms.csv): tf = count / all counted terms of the
 * document, idf = ln(documents / documents containing the term). 0 for a term in every document
 * (so in a one-document set), and 0 when the document has no counted terms.
 */
export function tfidfWeight(count: number, docTerms: number, df: number, documents: number): number {
  if (!(docTerms > 0) || !(df > 0) || !(documents > 0)) return 0;
  return (count / docTerms) * Math.log(documents / df);
}

/** TF-IDF of each document's terms against the given set of documents; the `perDoc` best of each (default 20). */
export function tfidf(analyses: HeldAnalysis[], opts: { perDoc?: number } = {}): TfidfRow[] {
  const perDoc = opts.perDoc ?? 20;
  const df = new Map<string, number>();
  for (const a of analyses) for (const [t] of a.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const N = analyses.length;
  const rows: TfidfRow[] = [];
  for (const a of analyses) {
    const total = totalOfTerms(a.terms);
    if (total === 0) continue;
    const docRows: TfidfRow[] = [];
    for (const [term, count] of a.terms) {
      const tf = count / total;
      const idf = Math.log(N / (df.get(term) ?? 1));
      docRows.push({ docId: a.docId, term, count, tf, idf, tfidf: tfidfWeight(count, total, df.get(term) ?? 1, N) });
    }
    docRows.sort((x, y) => y.tfidf - x.tfidf || y.count - x.count);
    rows.push(...docRows.slice(0, perDoc));
  }
  return rows;
}

// ---------- formulations ----------

export interface FormulationSummaryRow {
  text: string;
  kind: FormulationKind;
  /** Lexicon category; '' for discovered kinds. */
  category: string;
  count: number;
  docs: number;
  /** Distinct organisations (after alias grouping) among the documents. */
  orgs: number;
  orgNames: string[];
  firstYear: number | null;
  lastYear: number | null;
  /** Recurring phrases only: place in the ranking of analysis/recurring (1 = best score). */
  rank?: number;
}

/** Kinds in order of precedence when one text was found as several kinds in different documents. */
const KIND_PRECEDENCE: FormulationKind[] = ['lexicon', 'numbered', 'quoted', 'recurring'];

/** A document's formulation rows as truncated twins are found from (analysis/formulations TwinTotals). */
function twinRowsOf(a: HeldAnalysis): TwinRow[] {
  return a.formulations.map((f) => ({ text: f.text, kind: f.kind, occurrences: f.occurrences ?? f.count }));
}

/**
 * Every formulation of the collection: kind, category, total count, documents, organisations, first
 * and last year. Sorted by documents, then count. Recurring phrases (findRecurring) can be passed in
 * to be listed with the rest. A number formula that is the truncated twin of a longer formulation over
 * these documents (analysis/formulations TwinTotals) is left out, as in slogans.csv.
 */
export function formulationSummary(
  facets: DocFacet[],
  analyses: HeldAnalysis[],
  opts: { aliases?: Map<string, string>; recurring?: RecurringPhrase[]; kinds?: FormulationKind[] } = {},
): FormulationSummaryRow[] {
  const aliases = opts.aliases ?? new Map<string, string>();
  const docs = indexDocs(analyses, facets);
  const acc = new Map<string, { row: FormulationSummaryRow; orgSet: Set<string> }>();
  for (const d of docs) {
    const orgs = issuersOf(d.facet?.org, aliases);
    const year = d.facet?.year ?? null;
    for (const h of d.forms.values()) {
      if (opts.kinds && !opts.kinds.includes(h.kind)) continue;
      let e = acc.get(h.text);
      if (!e) {
        e = { row: { text: h.text, kind: h.kind, category: h.category ?? '', count: 0, docs: 0, orgs: 0, orgNames: [], firstYear: null, lastYear: null }, orgSet: new Set() };
        acc.set(h.text, e);
      } else if (KIND_PRECEDENCE.indexOf(h.kind) < KIND_PRECEDENCE.indexOf(e.row.kind)) {
        e.row.kind = h.kind;
        e.row.category = h.category ?? '';
      }
      e.row.count += h.count;
      e.row.docs += 1;
      for (const org of orgs) e.orgSet.add(org);
      if (year !== null && Number.isFinite(year)) {
        if (e.row.firstYear === null || year < e.row.firstYear) e.row.firstYear = year;
        if (e.row.lastYear === null || year > e.row.lastYear) e.row.lastYear = year;
      }
    }
  }
  // A number formula that is the truncated twin of a longer one over these documents is left out, as
  // in slogans.csv: the full form stands for it.
  const twins = new TwinTotals();
  for (const a of analyses) twins.add(twinRowsOf(a));
  const cut = twins.twins();
  const rows = [...acc.values()]
    .filter(({ row }) => !(row.kind === 'numbered' && cut.has(row.text)))
    .map(({ row, orgSet }) => ({ ...row, orgs: orgSet.size, orgNames: [...orgSet].sort() }));
  if (opts.recurring && (!opts.kinds || opts.kinds.includes('recurring'))) {
    for (const r of opts.recurring) {
      if (acc.has(r.text)) continue;
      rows.push({
        text: r.text, kind: 'recurring', category: '', count: r.count, docs: r.docs, orgs: r.orgs, orgNames: r.orgNames, firstYear: r.firstYear, lastYear: r.lastYear,
        ...(r.rank !== undefined ? { rank: r.rank } : {}),
      });
    }
  }
  rows.sort((x, y) => y.docs - x.docs || y.count - x.count || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
  return rows;
}

export interface OrgFormulationRow {
  org: string;
  formulation: string;
  kind: FormulationKind | '';
  count: number;
  per_10k: number;
  docs: number;
  share: number;
  total_docs: number;
  chars: number;
}

/**
 * Organisation × formulation table (organisations grouped through `aliases`; a joint document counts
 * for each of its issuers, so rows of one formulation may sum to more than its total). Formulations: the given
 * list, or the `top` (default 30) formulations found in most documents. One row per pair, zeros included.
 */
export function orgFormulationMatrix(
  facets: DocFacet[],
  analyses: HeldAnalysis[],
  opts: { aliases?: Map<string, string>; formulations?: string[]; top?: number; kinds?: FormulationKind[] } = {},
): OrgFormulationRow[] {
  const aliases = opts.aliases ?? new Map<string, string>();
  const docs = indexDocs(analyses, facets);
  const list =
    opts.formulations ?? formulationSummary(facets, analyses, { aliases, kinds: opts.kinds }).slice(0, opts.top ?? 30).map((r) => r.text);
  const kindOf = new Map<string, FormulationKind>();
  for (const d of docs) for (const h of d.forms.values()) if (!kindOf.has(h.text)) kindOf.set(h.text, h.kind);
  const byOrg = new Map<string, DocIndex[]>();
  for (const d of docs) {
    // A joint document is in the group of each of its issuers.
    const orgs = issuersOf(d.facet?.org, aliases);
    for (const org of orgs.length > 0 ? orgs : ['(unknown)']) {
      if (!byOrg.has(org)) byOrg.set(org, []);
      byOrg.get(org)!.push(d);
    }
  }
  const rows: OrgFormulationRow[] = [];
  for (const org of [...byOrg.keys()].sort()) {
    const group = byOrg.get(org)!;
    const chars = group.reduce((s, d) => s + d.a.chars, 0);
    for (const f of [...new Set(list)]) {
      let count = 0;
      let n = 0;
      for (const d of group) {
        const c = d.forms.get(f)?.count ?? 0;
        count += c;
        if (c > 0) n++;
      }
      rows.push({ org, formulation: f, kind: kindOf.get(f) ?? '', count, per_10k: rate(count, chars), docs: n, share: share(n, group.length), total_docs: group.length, chars });
    }
  }
  return rows;
}

export interface FirstAppearanceRow {
  text: string;
  kind: FormulationKind | 'term';
  firstYear: number;
  firstDate: string;
  firstDocId: string;
  firstTitle: string;
  /** Documents (with a year) that contain it. */
  docs: number;
}

/**
 * When each formulation (or each of the given terms) first appears: earliest year, then earliest date
 * within it. Documents without a year are not used. Sorted by first year, then by text.
 */
export function firstAppearance(
  facets: DocFacet[],
  analyses: HeldAnalysis[],
  opts: { terms?: string[]; kinds?: FormulationKind[]; source?: TermSource } = {},
): FirstAppearanceRow[] {
  const docs = indexDocs(analyses, facets).filter((d) => d.facet?.year !== null && d.facet?.year !== undefined && Number.isFinite(d.facet.year));
  // Earliest first, so the first document seen for a text is its first appearance.
  docs.sort((x, y) => x.facet!.year! - y.facet!.year! || (x.facet!.date || '9999').localeCompare(y.facet!.date || '9999'));
  const acc = new Map<string, FirstAppearanceRow>();
  const note = (text: string, kind: FirstAppearanceRow['kind'], d: DocIndex) => {
    const e = acc.get(text);
    if (e) e.docs++;
    else acc.set(text, { text, kind, firstYear: d.facet!.year!, firstDate: d.facet!.date ?? '', firstDocId: d.a.docId, firstTitle: d.facet!.title ?? '', docs: 1 });
  };
  for (const d of docs) {
    if (opts.terms) {
      for (const t of new Set(opts.terms)) if (countIn(d, t, opts.source ?? 'auto') > 0) note(t, d.forms.get(t)?.kind ?? 'term', d);
    } else {
      for (const h of d.forms.values()) if (!opts.kinds || opts.kinds.includes(h.kind)) note(h.text, h.kind, d);
    }
  }
  return [...acc.values()].sort((x, y) => x.firstYear - y.firstYear || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
}

// ---------- recurring phrases ----------

export interface RecurringPhrase {
  text: string;
  kind: 'recurring';
  /** Occurrences in all documents (non-overlapping substring counts). */
  count: number;
  /** Occurrences written on their own between punctuation or quotes. */
  standalone: number;
  docs: number;
  orgs: number;
  orgNames: string[];
  firstYear: number | null;
  lastYear: number | null;
  docIds: string[];
  /** Place in the ranking (analysis/recurring RecurringCollector.finish: 1 = best score), when known. */
  rank?: number;
}


// ---------- incremental accumulators ----------
//
// The same sums as topTerms, yearTermMatrix and formulationSummary, kept as running totals that a
// document can be added to or taken out of, so a library that changes by one document is not
// summed again from scratch. Every total is an integer (counts, documents, characters); rates and
// shares are computed from them when read, by the same rate() and share() as above, so an
// accumulator's answer equals the from-scratch function's on the same documents, whatever the order
// documents were added and removed in (tests/unit/aggregate-incremental.test.ts).

/** A document for an accumulator: its analysis, and the facet with the year it is counted under. */
export interface AccDoc {
  analysis: HeldAnalysis;
  facet: DocFacet;
}

function bump<K>(m: Map<K, number>, k: K, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

/** Running totals for topTerms: per term the count and the documents, and all characters. */
export class TermTotals {
  private counts = new Map<string, number>();
  private docs = new Map<string, number>();
  private chars = 0;

  add(a: HeldAnalysis, sign: 1 | -1 = 1): void {
    this.chars += sign * a.chars;
    // As topTerms: every entry of the stored list counts (a term listed twice counts twice).
    for (const [t, c] of a.terms) {
      const n = (this.docs.get(t) ?? 0) + sign;
      if (n === 0) {
        this.docs.delete(t);
        this.counts.delete(t);
      } else {
        this.docs.set(t, n);
        this.counts.set(t, (this.counts.get(t) ?? 0) + sign * c);
      }
    }
  }

  remove(a: HeldAnalysis): void {
    this.add(a, -1);
  }

  /** topTerms(analyses, n, by) of the documents added and not removed. */
  top(n: number, by: 'count' | 'per10k' | 'docs' = 'count'): TopTermRow[] {
    const key = by === 'docs' ? (term: string) => (this.docs.get(term) ?? 0) * 1e9 + this.counts.get(term)! : (term: string) => this.counts.get(term)!;
    const want = Math.max(0, n);
    // Only the n best rows are built: keep a bounded list sorted best first.
    const best: { term: string; k: number }[] = [];
    const worse = (x: { term: string; k: number }, y: { term: string; k: number }) => y.k - x.k || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0);
    for (const term of this.counts.keys()) {
      if (want === 0) break;
      const e = { term, k: key(term) };
      if (best.length === want && worse(e, best[best.length - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (worse(best[mid]!, e) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, e);
      if (best.length > want) best.pop();
    }
    return best.map(({ term }) => ({ term, count: this.counts.get(term)!, per_10k: rate(this.counts.get(term)!, this.chars), docs: this.docs.get(term) ?? 0 }));
  }
}

/** Running totals for yearTermMatrix over a fixed list of terms: per year its documents and characters, per (year, term) the count and documents. */
export class YearTermTotals {
  private readonly terms: string[];
  private years = new Map<number, { docs: number; chars: number; count: number[]; n: number[] }>();

  constructor(
    terms: readonly string[],
    private readonly source: TermSource = 'auto',
  ) {
    this.terms = [...new Set(terms)];
  }

  add(d: AccDoc, sign: 1 | -1 = 1): void {
    const y = d.facet.year;
    if (y === null || y === undefined || !Number.isFinite(y)) return;
    let e = this.years.get(y);
    if (!e) {
      e = { docs: 0, chars: 0, count: this.terms.map(() => 0), n: this.terms.map(() => 0) };
      this.years.set(y, e);
    }
    e.docs += sign;
    e.chars += sign * d.analysis.chars;
    const idx: DocIndex = { a: d.analysis, facet: d.facet, ...lookups(d.analysis) };
    this.terms.forEach((term, i) => {
      const c = countIn(idx, term, this.source);
      e.count[i]! += sign * c;
      if (c > 0) e.n[i]! += sign;
    });
    if (e.docs === 0) this.years.delete(y);
  }

  remove(d: AccDoc): void {
    this.add(d, -1);
  }

  /** yearTermMatrix(facets, analyses, terms, source) of the documents added and not removed. */
  rows(): YearTermRow[] {
    const rows: YearTermRow[] = [];
    for (const year of [...this.years.keys()].sort((a, b) => a - b)) {
      const e = this.years.get(year)!;
      this.terms.forEach((term, i) => {
        const count = e.count[i]!;
        const n = e.n[i]!;
        rows.push({ year, term, count, per_10k: rate(count, e.chars), docs: n, share: share(n, e.docs), total_docs: e.docs, chars: e.chars });
      });
    }
    return rows;
  }

  /** Years that have documents, sorted. */
  yearList(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }
}

interface FormulationTotal {
  count: number;
  docs: number;
  /** Documents per kind and category (the row's kind is the best kind present). */
  kinds: Map<FormulationKind, Map<string, number>>;
  orgs: Map<string, number>;
  years: Map<number, number>;
}

/** Running totals for formulationSummary (without the recurring phrases, which are merged when read). */
export class FormulationTotals {
  private acc = new Map<string, FormulationTotal>();
  private readonly twins = new TwinTotals();

  constructor(private readonly aliases: Map<string, string> = new Map()) {}

  add(d: AccDoc, sign: 1 | -1 = 1): void {
    const orgs = issuersOf(d.facet.org, this.aliases);
    const year = d.facet.year ?? null;
    this.twins.add(twinRowsOf(d.analysis), sign);
    for (const h of lookups(d.analysis).forms.values()) {
      let e = this.acc.get(h.text);
      if (!e) {
        e = { count: 0, docs: 0, kinds: new Map(), orgs: new Map(), years: new Map() };
        this.acc.set(h.text, e);
      }
      e.count += sign * h.count;
      e.docs += sign;
      let cats = e.kinds.get(h.kind);
      if (!cats) e.kinds.set(h.kind, (cats = new Map()));
      bump(cats, h.category ?? '', sign);
      if (cats.size === 0) e.kinds.delete(h.kind);
      for (const org of orgs) bump(e.orgs, org, sign);
      if (year !== null && Number.isFinite(year)) bump(e.years, year, sign);
      if (e.docs === 0) this.acc.delete(h.text);
    }
  }

  remove(d: AccDoc): void {
    this.add(d, -1);
  }

  /**
   * formulationSummary(facets, analyses, { aliases, recurring }) of the documents added and not
   * removed. The kind is the best by precedence among the documents; its category, when documents
   * of that kind gave several (they do not within one analysis version: a text's category comes
   * from the lexicon), the first in code-point order.
   */
  rows(recurring?: readonly RecurringPhrase[]): FormulationSummaryRow[] {
    const rows: FormulationSummaryRow[] = [];
    const cut = this.twins.twins();
    for (const [text, e] of this.acc) {
      const kind = KIND_PRECEDENCE.find((k) => e.kinds.has(k)) ?? [...e.kinds.keys()][0]!;
      if (kind === 'numbered' && cut.has(text)) continue;
      const category = [...e.kinds.get(kind)!.keys()].sort()[0] ?? '';
      let firstYear: number | null = null;
      let lastYear: number | null = null;
      for (const y of e.years.keys()) {
        if (firstYear === null || y < firstYear) firstYear = y;
        if (lastYear === null || y > lastYear) lastYear = y;
      }
      const orgNames = [...e.orgs.keys()].sort();
      rows.push({ text, kind, category, count: e.count, docs: e.docs, orgs: orgNames.length, orgNames, firstYear, lastYear });
    }
    for (const r of recurring ?? []) {
      if (this.acc.has(r.text)) continue;
      rows.push({
        text: r.text, kind: 'recurring', category: '', count: r.count, docs: r.docs, orgs: r.orgs, orgNames: r.orgNames, firstYear: r.firstYear, lastYear: r.lastYear,
        ...(r.rank !== undefined ? { rank: r.rank } : {}),
      });
    }
    rows.sort((x, y) => y.docs - x.docs || y.count - x.count || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
    return rows;
  }
}
