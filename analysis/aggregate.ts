// Corpus aggregates, built from stored per-document results (DocAnalysis + DocFacet), never by
// re-segmenting. Every table is a plain array of flat rows, ready for CSV and charts.
import type { DocAnalysis, DocFacet, FormulationHit, FormulationKind } from './types';
import { groupOrg } from './orgs';
import { normalizeForAnalysis } from './normalize';
import { countOccurrences } from './formulations';

// ---------- lookups ----------

/** Where a term's count comes from: the stored formulations (jieba-independent), the term counts, or formulations first. */
export type TermSource = 'auto' | 'terms' | 'formulations';

/** Per-document maps built once per aggregate call (a DocAnalysis holds arrays, lookups want Maps). */
interface DocIndex {
  a: DocAnalysis;
  facet: DocFacet | undefined;
  terms: Map<string, number>;
  forms: Map<string, FormulationHit>;
}

/**
 * Lookup maps per stored analysis, cached by object identity: the dashboard recomputes aggregates on
 * every filter change over the same stored objects, and building the maps dominated the cost. A
 * stored analysis is replaced, never edited in place, when it is recomputed.
 */
const lookupCache = new WeakMap<DocAnalysis, { terms: Map<string, number>; forms: Map<string, FormulationHit> }>();

function lookups(a: DocAnalysis): { terms: Map<string, number>; forms: Map<string, FormulationHit> } {
  let l = lookupCache.get(a);
  if (!l) {
    const forms = new Map<string, FormulationHit>();
    // One hit per text; if a text came twice (older stored data), keep the larger count.
    for (const h of a.formulations) {
      const prev = forms.get(h.text);
      if (!prev || h.count > prev.count) forms.set(h.text, h);
    }
    l = { terms: new Map(a.terms), forms };
    lookupCache.set(a, l);
  }
  return l;
}

function indexDocs(analyses: DocAnalysis[], facets: DocFacet[] = []): DocIndex[] {
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
export function docTermCount(analysis: DocAnalysis, term: string, source: TermSource = 'auto'): number {
  return countIn(indexDocs([analysis])[0], term, source);
}

function rate(count: number, chars: number): number {
  return chars > 0 ? Math.round(((count * 10000) / chars) * 1000) / 1000 : 0;
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0;
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
export function yearTermMatrix(facets: DocFacet[], analyses: DocAnalysis[], terms: string[], source: TermSource = 'auto'): YearTermRow[] {
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
      for (const d of group) {
        const c = countIn(d, term, source);
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
export function topTerms(analyses: DocAnalysis[], n: number, by: 'count' | 'per10k' | 'docs' = 'count'): TopTermRow[] {
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

/** TF-IDF of each document's terms against the given set of documents; the `perDoc` best of each (default 20). */
export function tfidf(analyses: DocAnalysis[], opts: { perDoc?: number } = {}): TfidfRow[] {
  const perDoc = opts.perDoc ?? 20;
  const df = new Map<string, number>();
  for (const a of analyses) for (const [t] of a.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const N = analyses.length;
  const rows: TfidfRow[] = [];
  for (const a of analyses) {
    const total = a.terms.reduce((s, [, c]) => s + c, 0);
    if (total === 0) continue;
    const docRows = a.terms.map(([term, count]) => {
      const tf = count / total;
      const idf = Math.log(N / (df.get(term) ?? 1));
      return { docId: a.docId, term, count, tf, idf, tfidf: tf * idf };
    });
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
}

/** Kinds in order of precedence when one text was found as several kinds in different documents. */
const KIND_PRECEDENCE: FormulationKind[] = ['lexicon', 'numbered', 'quoted', 'recurring'];

/**
 * Every formulation of the collection: kind, category, total count, documents, organisations, first
 * and last year. Sorted by documents, then count. Recurring phrases (findRecurring) can be passed in
 * to be listed with the rest.
 */
export function formulationSummary(
  facets: DocFacet[],
  analyses: DocAnalysis[],
  opts: { aliases?: Map<string, string>; recurring?: RecurringPhrase[]; kinds?: FormulationKind[] } = {},
): FormulationSummaryRow[] {
  const aliases = opts.aliases ?? new Map<string, string>();
  const docs = indexDocs(analyses, facets);
  const acc = new Map<string, { row: FormulationSummaryRow; orgSet: Set<string> }>();
  for (const d of docs) {
    const org = groupOrg(d.facet?.org ?? '', aliases);
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
      if (org) e.orgSet.add(org);
      if (year !== null && Number.isFinite(year)) {
        if (e.row.firstYear === null || year < e.row.firstYear) e.row.firstYear = year;
        if (e.row.lastYear === null || year > e.row.lastYear) e.row.lastYear = year;
      }
    }
  }
  const rows = [...acc.values()].map(({ row, orgSet }) => ({ ...row, orgs: orgSet.size, orgNames: [...orgSet].sort() }));
  if (opts.recurring && (!opts.kinds || opts.kinds.includes('recurring'))) {
    for (const r of opts.recurring) {
      if (acc.has(r.text)) continue;
      rows.push({ text: r.text, kind: 'recurring', category: '', count: r.count, docs: r.docs, orgs: r.orgs, orgNames: r.orgNames, firstYear: r.firstYear, lastYear: r.lastYear });
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
 * Organisation × formulation table (organisations grouped through `aliases`). Formulations: the given
 * list, or the `top` (default 30) formulations found in most documents. One row per pair, zeros included.
 */
export function orgFormulationMatrix(
  facets: DocFacet[],
  analyses: DocAnalysis[],
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
    const org = groupOrg(d.facet?.org ?? '', aliases) || '(unknown)';
    if (!byOrg.has(org)) byOrg.set(org, []);
    byOrg.get(org)!.push(d);
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
  analyses: DocAnalysis[],
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
  docs: number;
  orgs: number;
  orgNames: string[];
  firstYear: number | null;
  lastYear: number | null;
  docIds: string[];
}

export interface RecurringOptions {
  /** Phrase length bounds in characters. Default 4–16. */
  minLen?: number;
  maxLen?: number;
  /** At least this many documents and organisations. Defaults 3 and 2. */
  minDocs?: number;
  minOrgs?: number;
  /** Organisation alias table for counting distinct organisations. */
  aliases?: Map<string, string>;
  /** Phrases to leave out (e.g. every lexicon form: already known). */
  exclude?: Iterable<string>;
  /**
   * Stored analyses of the same documents: a phrase that is a single term of theirs is an ordinary
   * dictionary word (安全生产, 重点领域), not a new formulation, and is left out.
   */
  analyses?: DocAnalysis[];
  /** Texts are already normalised (normalizeForAnalysis); default false: they are normalised here. */
  normalized?: boolean;
  /** Keep at most this many phrases. Default 500. */
  limit?: number;
}

/** A recurring phrase may not begin or end with these (function characters make fragments, not slogans). */
const RECURRING_BAD_EDGE = new Set([...'的了和与及或并而且之其以于在对把被为是将向从等个们着过也都就又还但如此该这那各每所者']);
/** Phrases made only of numerals and units (二〇二四年, 三十一个) are dates and quantities. */
const NUMERIC_PHRASE = /^[零〇一二两三四五六七八九十百千万亿年月日个多余第]+$/;
/**
 * Context variety: a phrase whose neighbour on one side is nearly always the same character is a
 * fragment of a longer unit (主义思想 ← 社会, 质量发展 ← 高, 思想为指 → 导). At most this share of a
 * phrase's occurrences may have the same left (or right) neighbour; punctuation and text edges count
 * as a different neighbour each time.
 */
const MAX_NEIGHBOUR_SHARE = 0.8;

/** Neighbour counts of one side: the first two distinct characters seen, with their counts (the dominant one is among them). */
interface Side {
  a: number;
  ca: number;
  b: number;
  cb: number;
}

interface GramStat {
  /** Second hash of the phrase (see GramTable). */
  check: number;
  df: number;
  last: number;
  docs: number[];
  /** Occurrences seen (all documents). */
  n: number;
  /** One occurrence, to read the phrase back: document, run, start. */
  at: [number, number, number];
  left: Side;
  right: Side;
}

function noteNeighbour(side: Side, c: number): void {
  if (c < 0) return;
  if (side.a === c) side.ca++;
  else if (side.b === c) side.cb++;
  else if (side.ca === 0) {
    side.a = c;
    side.ca = 1;
  } else if (side.cb === 0) {
    side.b = c;
    side.cb = 1;
  }
}

function dominantShare(side: Side, n: number): number {
  return n > 0 ? Math.max(side.ca, side.cb) / n : 0;
}

/**
 * Polynomial rolling hashes of every prefix of a run, two independent ones (mod 2^32), so that the
 * key of any substring is O(1): keys are numbers, not strings, which keeps the level-wise search
 * fast and small. Two 32-bit hashes folded into 53 bits make collisions negligible at corpus size.
 */
const HASH_B1 = 0x9e3779b1;
const HASH_B2 = 0x85ebca77;

interface HashedRun {
  run: string;
  h1: Uint32Array;
  h2: Uint32Array;
}

function hashRun(run: string): HashedRun {
  const h1 = new Uint32Array(run.length + 1);
  const h2 = new Uint32Array(run.length + 1);
  for (let k = 0; k < run.length; k++) {
    const c = run.charCodeAt(k);
    h1[k + 1] = (Math.imul(h1[k], HASH_B1) + c) >>> 0;
    h2[k + 1] = (Math.imul(h2[k], HASH_B2) + c) >>> 0;
  }
  return { run, h1, h2 };
}

/**
 * Map keyed by a substring's two hashes: the first, cut to 30 bits, is the Map key (small integers
 * are much faster Map keys than large numbers or strings); the second checks it, and the rare pair
 * that shares a first hash goes to an overflow map.
 */
class GramTable<V extends { check: number }> {
  readonly main = new Map<number, V>();
  private readonly overflow = new Map<string, V>();
  get(k: number, check: number): V | undefined {
    const v = this.main.get(k);
    if (v === undefined || v.check === check) return v;
    return this.overflow.get(`${k}:${check}`);
  }
  set(k: number, v: V): void {
    const cur = this.main.get(k);
    if (cur === undefined || cur.check === v.check) this.main.set(k, v);
    else this.overflow.set(`${k}:${v.check}`, v);
  }
  *values(): IterableIterator<V> {
    yield* this.main.values();
    yield* this.overflow.values();
  }
  get size(): number {
    return this.main.size + this.overflow.size;
  }
}

function powers(base: number, n: number): Uint32Array {
  const p = new Uint32Array(n + 1);
  p[0] = 1;
  for (let k = 1; k <= n; k++) p[k] = Math.imul(p[k - 1], base) >>> 0;
  return p;
}

/** Runs of Han characters long enough to hold a phrase: slogans never span punctuation. */
function hanRuns(text: string, minLen: number): string[] {
  return (text.match(/[\u3400-\u4DBF\u4E00-\u9FFF]+/g) ?? []).filter((r) => r.length >= minLen);
}

/**
 * Phrases of minLen–maxLen characters that recur in at least minDocs documents from at least minOrgs
 * organisations: slogans nobody has listed yet. Works from the documents' texts by string matching
 * (no segmentation). Level-wise search: a phrase of length L+1 can only be frequent if both its
 * L-character prefix and suffix are, so each level only looks at positions where the level below
 * was frequent. Substrings are keyed by rolling hashes. A phrase is dropped when a one-character-longer
 * frequent phrase has the same document count (it never occurs on its own), when one neighbour
 * dominates its contexts (MAX_NEIGHBOUR_SHARE), or when it is a single known word.
 * Sorted by organisations, documents, then length.
 */
export function findRecurring(facets: DocFacet[], texts: { docId: string; text: string }[], opts: RecurringOptions = {}): RecurringPhrase[] {
  const minLen = Math.max(2, opts.minLen ?? 4);
  const maxLen = Math.max(minLen, opts.maxLen ?? 16);
  const minDocs = Math.max(1, opts.minDocs ?? 3);
  const minOrgs = opts.minOrgs ?? 2;
  const aliases = opts.aliases ?? new Map<string, string>();
  const exclude = new Set(opts.exclude ?? []);
  const words = new Set<string>();
  for (const a of opts.analyses ?? []) for (const [t] of a.terms) if (t.length >= minLen) words.add(t);
  const byId = new Map<string, DocFacet>();
  for (const f of facets) byId.set(f.docId, f);

  const docs = texts.map((t) => {
    const text = opts.normalized ? t.text ?? '' : normalizeForAnalysis(t.text ?? '');
    return { docId: t.docId, text, runs: hanRuns(text, minLen).map(hashRun) };
  });
  const P1 = powers(HASH_B1, maxLen);
  const P2 = powers(HASH_B2, maxLen);
  // Hashes of run r's substring [i, i+L): h1 (cut to 30 bits: the Map key) and h2 (the check).
  const k1 = (r: HashedRun, i: number, L: number): number => ((r.h1[i + L] - Math.imul(r.h1[i], P1[L])) >>> 0) & 0x3fffffff;
  const k2 = (r: HashedRun, i: number, L: number): number => (r.h2[i + L] - Math.imul(r.h2[i], P2[L])) >>> 0;

  // Pass 1: approximate document frequency of every minLen-gram (first hash only), to pick the
  // starting positions; a collision only lets a few extra positions through.
  const df0 = new Map<number, number>();
  const last0 = new Map<number, number>();
  docs.forEach((d, di) => {
    for (const r of d.runs) {
      for (let i = 0; i + minLen <= r.run.length; i++) {
        const k = k1(r, i, minLen);
        if (last0.get(k) !== di) {
          last0.set(k, di);
          df0.set(k, (df0.get(k) ?? 0) + 1);
        }
      }
    }
  });
  last0.clear();
  let positions: number[][][] = docs.map((d) =>
    d.runs.map((r) => {
      const out: number[] = [];
      for (let i = 0; i + minLen <= r.run.length; i++) if ((df0.get(k1(r, i, minLen)) ?? 0) >= minDocs) out.push(i);
      return out;
    }),
  );
  df0.clear();

  const levels: GramTable<GramStat>[] = [];
  for (let L = minLen; L <= maxLen; L++) {
    const stats = new GramTable<GramStat>();
    const starts: number[][][] = docs.map((d, di) =>
      d.runs.map((r, ri) => {
        const cand = positions[di][ri];
        let out: number[];
        if (L === minLen) out = cand;
        else {
          // i starts a candidate of length L if i and i+1 were frequent starts at length L-1.
          out = [];
          for (let k = 0; k + 1 < cand.length; k++) if (cand[k + 1] === cand[k] + 1 && cand[k] + L <= r.run.length) out.push(cand[k]);
        }
        for (const i of out) {
          const g = k1(r, i, L);
          const check = k2(r, i, L);
          let s = stats.get(g, check);
          if (!s) {
            s = { check, df: 0, last: -1, docs: [], n: 0, at: [di, ri, i], left: { a: -1, ca: 0, b: -1, cb: 0 }, right: { a: -1, ca: 0, b: -1, cb: 0 } };
            stats.set(g, s);
          }
          if (s.last !== di) {
            s.last = di;
            s.df++;
            s.docs.push(di);
          }
          s.n++;
          // Outside the Han run there is punctuation or an edge: not recorded, so never dominant.
          noteNeighbour(s.left, i > 0 ? r.run.charCodeAt(i - 1) : -1);
          noteNeighbour(s.right, i + L < r.run.length ? r.run.charCodeAt(i + L) : -1);
        }
        return out;
      }),
    );
    const frequent = new GramTable<GramStat>();
    for (const s of stats.values()) {
      if (s.df < minDocs) continue;
      const [di, ri, i] = s.at;
      frequent.set(k1(docs[di].runs[ri], i, L), s);
    }
    levels.push(frequent);
    if (frequent.size === 0) break;
    positions = docs.map((d, di) => d.runs.map((r, ri) => starts[di][ri].filter((i) => frequent.get(k1(r, i, L), k2(r, i, L)) !== undefined)));
  }

  const textOf = (s: GramStat, L: number) => {
    const [di, ri, i] = s.at;
    return docs[di].runs[ri].run.slice(i, i + L);
  };
  // Closed phrases: drop g when a one-character-longer frequent phrase has the same document count.
  const subsumed = levels.map(() => new Set<GramStat>());
  for (let k = 1; k < levels.length; k++) {
    const L = minLen + k;
    for (const s of levels[k].values()) {
      const [di, ri, i] = s.at;
      const r = docs[di].runs[ri];
      for (const from of [i, i + 1]) {
        const p = levels[k - 1].get(k1(r, from, L - 1), k2(r, from, L - 1));
        if (p && p.df === s.df) subsumed[k - 1].add(p);
      }
    }
  }

  const kept: { text: string; stat: GramStat; orgs: string[] }[] = [];
  levels.forEach((level, k) => {
    for (const s of level.values()) {
      if (subsumed[k].has(s)) continue;
      if (dominantShare(s.left, s.n) > MAX_NEIGHBOUR_SHARE || dominantShare(s.right, s.n) > MAX_NEIGHBOUR_SHARE) continue;
      const text = textOf(s, minLen + k);
      if (exclude.has(text) || words.has(text)) continue;
      if (RECURRING_BAD_EDGE.has(text[0]) || RECURRING_BAD_EDGE.has(text[text.length - 1]) || NUMERIC_PHRASE.test(text)) continue;
      const orgSet = new Set<string>();
      for (const di of s.docs) {
        const org = groupOrg(byId.get(docs[di].docId)?.org ?? '', aliases);
        if (org) orgSet.add(org);
      }
      if (orgSet.size < minOrgs) continue;
      kept.push({ text, stat: s, orgs: [...orgSet].sort() });
    }
  });
  kept.sort((x, y) => y.orgs.length - x.orgs.length || y.stat.df - x.stat.df || y.text.length - x.text.length || (x.text < y.text ? -1 : 1));
  // Counts and years only for the phrases returned (counting every candidate was the slow part).
  return kept.slice(0, opts.limit ?? 500).map(({ text, stat, orgs }) => {
    let first: number | null = null;
    let last: number | null = null;
    let count = 0;
    for (const di of stat.docs) {
      const y = byId.get(docs[di].docId)?.year;
      if (y !== null && y !== undefined && Number.isFinite(y)) {
        if (first === null || y < first) first = y;
        if (last === null || y > last) last = y;
      }
      count += countOccurrences(docs[di].text, text);
    }
    return { text, kind: 'recurring' as const, count, docs: stat.df, orgs: orgs.length, orgNames: orgs, firstYear: first, lastYear: last, docIds: stat.docs.map((di) => docs[di].docId) };
  });
}

/** Per-document hits of recurring phrases, to store or show alongside a document's other formulations. */
export function recurringHits(normalizedText: string, phrases: { text: string }[]): FormulationHit[] {
  const hits: FormulationHit[] = [];
  for (const p of phrases) {
    const count = countOccurrences(normalizedText, p.text);
    if (count > 0) hits.push({ text: p.text, kind: 'recurring', count });
  }
  return hits;
}
