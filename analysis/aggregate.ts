// Corpus aggregates, built from stored per-document results (DocAnalysis + DocFacet), never by
// re-segmenting. Every table is a plain array of flat rows, ready for CSV and charts.
import type { DocAnalysis, DocFacet, FormulationHit, FormulationKind } from './types';
import { groupOrg } from './orgs';
import { ORG_SEPARATOR } from './text';
import { normalizeForAnalysis } from './normalize';
import { countOccurrences } from './formulations';

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
      return { docId: a.docId, term, count, tf, idf, tfidf: tfidfWeight(count, total, df.get(term) ?? 1, N) };
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
 * Organisation × formulation table (organisations grouped through `aliases`; a joint document counts
 * for each of its issuers, so rows of one formulation may sum to more than its total). Formulations: the given
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
  /** Occurrences written on their own between punctuation or quotes. */
  standalone: number;
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
  /**
   * Order: 'standalone' (default) — first the phrases most often written on their own between
   * punctuation or quotes (「千万工程」, 「专精特新」), which is how documents set off a slogan, so ordinary
   * collocations (加快建设) sink; ties as 'orgs'. 'orgs' — most organisations, then documents, then length.
   */
  sort?: 'orgs' | 'standalone';
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

/**
 * Runs of text between punctuation, long enough to hold a phrase: slogans never span punctuation.
 * Digits and Latin letters stay in the run as NON_HAN, so they are a phrase's neighbour (亿元以上 in
 * 「1000亿元以上」 is a fragment after a number, not a phrase on its own), but never part of one.
 */
const NON_HAN = '#';
function phraseRuns(text: string, minLen: number): string[] {
  return (text.match(/[\u3400-\u4DBF\u4E00-\u9FFF0-9A-Za-z.%]+/g) ?? [])
    .map((r) => r.replace(/[0-9A-Za-z.%]+/g, NON_HAN))
    .filter((r) => r.length >= minLen);
}

/**
 * Rolling-hash bases (mod 2^32). A substring is keyed by two independent polynomial hashes, so
 * every key is O(1) from prefix hashes and the search never builds substrings; two 32-bit hashes
 * make a collision negligible at corpus size.
 */
const HASH_B1 = 0x9e3779b1;
/** Counters per row of the first-level document-frequency sketch (4 M: 64 MB in all at most). */
const SKETCH_MAX_WIDTH = 1 << 22;
const HASH_B2 = 0x85ebca77;

function powers(base: number, n: number): Uint32Array {
  const p = new Uint32Array(n + 1);
  p[0] = 1;
  for (let k = 1; k <= n; k++) p[k] = Math.imul(p[k - 1], base) >>> 0;
  return p;
}

/** Statistics of the distinct phrases of one length (struct of arrays, index = phrase id). */
interface Level {
  L: number;
  count: number;
  df: Int32Array;
  orgs: Int32Array;
  /** One start position (in the joined text) of the phrase. */
  at: Int32Array;
  /** Occurrences standing alone between punctuation (a quoted slogan, a list item). */
  alone: Int32Array;
  /** The phrase's prefix and suffix ids at the level below (-1 on the first level). */
  prefix: Int32Array;
  suffix: Int32Array;
  /** The most frequent left / right neighbour covers at most MAX_NEIGHBOUR_SHARE of the occurrences. */
  varied: Uint8Array;
  /** Documents of each phrase as a linked list: head per phrase, then (doc, next) entries. */
  docHead: Int32Array;
  entryDoc: Int32Array;
  entryNext: Int32Array;
}

/**
 * Phrases of minLen–maxLen characters that recur in at least minDocs documents from at least minOrgs
 * organisations: slogans nobody has listed yet. Works from the documents' texts by string matching
 * (no segmentation). Level-wise search: a phrase of length L+1 can only be frequent if both its
 * L-character prefix and suffix are, so each level only looks at positions where the level below
 * was frequent. Substrings are keyed by rolling hashes in typed-array hash tables. A phrase is
 * dropped when a one-character-longer frequent phrase has the same document count (it never occurs
 * on its own), when one neighbour dominates its contexts (MAX_NEIGHBOUR_SHARE), or when it is a
 * single known word. Sorted as opts.sort says.
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

  // Documents ordered by organisation, so that "distinct organisations of a phrase" is counted like
  // "distinct documents": by remembering the last one seen.
  const docs = texts
    .map((t) => {
      const text = opts.normalized ? t.text ?? '' : normalizeForAnalysis(t.text ?? '');
      return { docId: t.docId, text, org: groupOrg(byId.get(t.docId)?.org ?? '', aliases) };
    })
    .sort((a, b) => (a.org < b.org ? -1 : a.org > b.org ? 1 : 0));
  const orgIndex = new Map<string, number>();
  const orgOf = docs.map((d) => {
    if (!d.org) return -1;
    if (!orgIndex.has(d.org)) orgIndex.set(d.org, orgIndex.size);
    return orgIndex.get(d.org)!;
  });

  // All Han runs joined by a separator (code 0); per position: its document and the end of its run.
  const parts: string[] = [];
  let size = 0;
  const runDoc: number[] = [];
  const runStart: number[] = [];
  docs.forEach((d, di) => {
    for (const run of phraseRuns(d.text, minLen)) {
      runDoc.push(di);
      runStart.push(size);
      parts.push(run, '\u0000');
      size += run.length + 1;
    }
  });
  const S = parts.join('');
  const docAt = new Int32Array(size);
  const runEnd = new Int32Array(size);
  for (let r = 0; r < runStart.length; r++) {
    const end = r + 1 < runStart.length ? runStart[r + 1] - 1 : size - 1;
    docAt.fill(runDoc[r], runStart[r], end + 1);
    runEnd.fill(end, runStart[r], end + 1);
  }
  const H1 = new Uint32Array(size + 1);
  const H2 = new Uint32Array(size + 1);
  for (let k = 0; k < size; k++) {
    const c = S.charCodeAt(k);
    H1[k + 1] = (Math.imul(H1[k], HASH_B1) + c) >>> 0;
    H2[k + 1] = (Math.imul(H2[k], HASH_B2) + c) >>> 0;
  }
  const P1 = powers(HASH_B1, maxLen);
  const P2 = powers(HASH_B2, maxLen);

  // Level by level. `cand` holds candidate start positions (ascending); candPrefix/candSuffix the ids
  // of their prefix and suffix phrases one level down.
  // First level: only positions whose minLen-gram may be in minDocs documents, by a count-min
  // sketch of document frequencies (two hashed counter rows; a counter never under-counts, so no
  // frequent phrase is lost, and the exact count follows). Keeps memory flat on large collections.
  let cand: Int32Array;
  {
    let width = 1 << 16;
    while (width < size && width < SKETCH_MAX_WIDTH) width <<= 1;
    const wmask = width - 1;
    const c1 = new Int32Array(width);
    const c2 = new Int32Array(width);
    const d1 = new Int32Array(width).fill(-1);
    const d2 = new Int32Array(width).fill(-1);
    const L = minLen;
    const each = (fn: (p: number, a: number, b: number) => void) => {
      for (let r = 0; r < runStart.length; r++) {
        const end = r + 1 < runStart.length ? runStart[r + 1] - 1 : size - 1;
        for (let p = runStart[r]; p + L <= end; p++) {
          const a = ((H1[p + L] - Math.imul(H1[p], P1[L])) >>> 0) & wmask;
          const b = ((H2[p + L] - Math.imul(H2[p], P2[L])) >>> 0) & wmask;
          fn(p, a, b);
        }
      }
    };
    each((p, a, b) => {
      const di = docAt[p];
      // (grams with a NON_HAN mark are counted too: harmless, they are filtered just below)
      if (d1[a] !== di) { d1[a] = di; c1[a]++; }
      if (d2[b] !== di) { d2[b] = di; c2[b]++; }
    });
    // Positions whose first-level gram holds no NON_HAN mark (longer phrases are unions of these).
    const marks = new Int32Array(size + 1);
    for (let k = 0; k < size; k++) marks[k + 1] = marks[k] + (S[k] === NON_HAN ? 1 : 0);
    const out: number[] = [];
    each((p, a, b) => {
      if (c1[a] >= minDocs && c2[b] >= minDocs && marks[p + L] === marks[p]) out.push(p);
    });
    cand = Int32Array.from(out);
  }
  let candPrefix = new Int32Array(cand.length).fill(-1);
  let candSuffix = new Int32Array(cand.length).fill(-1);
  const levels: Level[] = [];
  for (let L = minLen; L <= maxLen && cand.length > 0; L++) {
    const n = cand.length;
    let cap = 1;
    while (cap < n * 2) cap <<= 1;
    const mask = cap - 1;
    const slotK1 = new Uint32Array(cap);
    const slotK2 = new Uint32Array(cap);
    const slotId = new Int32Array(cap).fill(-1);
    // Pass A: give each distinct phrase an id (hash table on the two hashes).
    const idOfCand = new Int32Array(n);
    const firstCand: number[] = [];
    let count = 0;
    for (let k = 0; k < n; k++) {
      const p = cand[k];
      const h1 = (H1[p + L] - Math.imul(H1[p], P1[L])) >>> 0;
      const h2 = (H2[p + L] - Math.imul(H2[p], P2[L])) >>> 0;
      let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
      let id = -1;
      while (slotId[slot] !== -1) {
        if (slotK1[slot] === h1 && slotK2[slot] === h2) {
          id = slotId[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id === -1) {
        id = count++;
        slotK1[slot] = h1;
        slotK2[slot] = h2;
        slotId[slot] = id;
        firstCand.push(k);
      }
      idOfCand[k] = id;
    }
    // Pass B: statistics per phrase id, in arrays sized to the number of distinct phrases.
    const df = new Int32Array(count);
    const lastDoc = new Int32Array(count).fill(-1);
    const orgs = new Int32Array(count);
    const lastOrg = new Int32Array(count).fill(-2);
    const occ = new Int32Array(count);
    const alone = new Int32Array(count);
    const at = new Int32Array(count);
    const prefix = new Int32Array(count);
    const suffix = new Int32Array(count);
    firstCand.forEach((k, id) => {
      at[id] = cand[k];
      prefix[id] = candPrefix[k];
      suffix[id] = candSuffix[k];
    });
    const la = new Int32Array(count).fill(-1);
    const lca = new Int32Array(count);
    const lb = new Int32Array(count).fill(-1);
    const lcb = new Int32Array(count);
    const ra = new Int32Array(count).fill(-1);
    const rca = new Int32Array(count);
    const rb = new Int32Array(count).fill(-1);
    const rcb = new Int32Array(count);
    const docHead = new Int32Array(count).fill(-1);
    const entryDoc = new Int32Array(n);
    const entryNext = new Int32Array(n);
    let entries = 0;
    for (let k = 0; k < n; k++) {
      const p = cand[k];
      const id = idOfCand[k];
      const di = docAt[p];
      if (lastDoc[id] !== di) {
        lastDoc[id] = di;
        df[id]++;
        entryDoc[entries] = di;
        entryNext[entries] = docHead[id];
        docHead[id] = entries++;
        const o = orgOf[di];
        if (o >= 0 && lastOrg[id] !== o) {
          lastOrg[id] = o;
          orgs[id]++;
        }
      }
      occ[id]++;
      // Neighbours inside the run (the separator and run edges are not recorded: never dominant).
      const left = p > 0 ? S.charCodeAt(p - 1) : 0;
      if (left === 0 && p + L === runEnd[p]) alone[id]++;
      if (left !== 0) {
        if (la[id] === left) lca[id]++;
        else if (lb[id] === left) lcb[id]++;
        else if (lca[id] === 0) { la[id] = left; lca[id] = 1; }
        else if (lcb[id] === 0) { lb[id] = left; lcb[id] = 1; }
      }
      if (p + L < runEnd[p]) {
        const right = S.charCodeAt(p + L);
        if (ra[id] === right) rca[id]++;
        else if (rb[id] === right) rcb[id]++;
        else if (rca[id] === 0) { ra[id] = right; rca[id] = 1; }
        else if (rcb[id] === 0) { rb[id] = right; rcb[id] = 1; }
      }
    }
    const varied = new Uint8Array(count);
    for (let id = 0; id < count; id++) {
      const limit = MAX_NEIGHBOUR_SHARE * occ[id];
      varied[id] = Math.max(lca[id], lcb[id]) <= limit && Math.max(rca[id], rcb[id]) <= limit ? 1 : 0;
    }
    levels.push({ L, count, df, orgs, at, alone, prefix, suffix, varied, docHead, entryDoc: entryDoc.slice(0, entries), entryNext: entryNext.slice(0, entries) });
    // Next level: p and p+1 both start frequent phrases here, and p+L+1 stays inside the run.
    const next: number[] = [];
    const nextPrefix: number[] = [];
    const nextSuffix: number[] = [];
    for (let k = 0; k + 1 < n; k++) {
      const p = cand[k];
      if (cand[k + 1] !== p + 1 || p + L + 1 > runEnd[p]) continue;
      const a = idOfCand[k];
      const b = idOfCand[k + 1];
      if (df[a] < minDocs || df[b] < minDocs) continue;
      next.push(p);
      nextPrefix.push(a);
      nextSuffix.push(b);
    }
    cand = Int32Array.from(next);
    candPrefix = Int32Array.from(nextPrefix);
    candSuffix = Int32Array.from(nextSuffix);
  }

  // Closed phrases: drop a phrase when a one-character-longer frequent phrase has the same document count.
  const subsumed = levels.map((lv) => new Uint8Array(lv.count));
  for (let k = 1; k < levels.length; k++) {
    const lv = levels[k];
    const below = levels[k - 1];
    for (let id = 0; id < lv.count; id++) {
      if (lv.df[id] < minDocs) continue;
      if (below.df[lv.prefix[id]] === lv.df[id]) subsumed[k - 1][lv.prefix[id]] = 1;
      if (below.df[lv.suffix[id]] === lv.df[id]) subsumed[k - 1][lv.suffix[id]] = 1;
    }
  }

  const kept: { text: string; level: Level; id: number }[] = [];
  levels.forEach((lv, k) => {
    for (let id = 0; id < lv.count; id++) {
      if (lv.df[id] < minDocs || lv.orgs[id] < minOrgs || subsumed[k][id] || !lv.varied[id]) continue;
      const text = S.slice(lv.at[id], lv.at[id] + lv.L);
      if (exclude.has(text) || words.has(text)) continue;
      if (RECURRING_BAD_EDGE.has(text[0]) || RECURRING_BAD_EDGE.has(text[text.length - 1]) || NUMERIC_PHRASE.test(text)) continue;
      kept.push({ text, level: lv, id });
    }
  });
  const byOrgs = (x: (typeof kept)[number], y: (typeof kept)[number]) =>
    y.level.orgs[y.id] - x.level.orgs[x.id] || y.level.df[y.id] - x.level.df[x.id] || y.text.length - x.text.length || (x.text < y.text ? -1 : 1);
  if ((opts.sort ?? 'standalone') === 'standalone') kept.sort((x, y) => y.level.alone[y.id] - x.level.alone[x.id] || byOrgs(x, y));
  else kept.sort(byOrgs);
  // Counts, organisations and years only for the phrases returned.
  return kept.slice(0, opts.limit ?? 500).map(({ text, level, id }) => {
    const dis: number[] = [];
    for (let e = level.docHead[id]; e !== -1; e = level.entryNext[e]) dis.push(level.entryDoc[e]);
    dis.reverse();
    let first: number | null = null;
    let last: number | null = null;
    let count = 0;
    const orgSet = new Set<string>();
    for (const di of dis) {
      for (const o of issuersOf(byId.get(docs[di].docId)?.org, aliases)) orgSet.add(o);
      const y = byId.get(docs[di].docId)?.year;
      if (y !== null && y !== undefined && Number.isFinite(y)) {
        if (first === null || y < first) first = y;
        if (last === null || y > last) last = y;
      }
      count += countOccurrences(docs[di].text, text);
    }
    // docIds in the caller's order, not the organisation order used internally.
    const ids = new Set(dis.map((di) => docs[di].docId));
    const docIds = texts.map((t) => t.docId).filter((d) => ids.has(d));
    return { text, kind: 'recurring' as const, count, standalone: level.alone[id], docs: level.df[id], orgs: orgSet.size, orgNames: [...orgSet].sort(), firstYear: first, lastYear: last, docIds };
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
