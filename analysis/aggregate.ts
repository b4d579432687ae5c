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

function indexDocs(analyses: DocAnalysis[], facets: DocFacet[] = []): DocIndex[] {
  const byId = new Map<string, DocFacet>();
  for (const f of facets) byId.set(f.docId, f);
  return analyses.map((a) => {
    const forms = new Map<string, FormulationHit>();
    // One hit per text; if a text came twice (older stored data), keep the larger count.
    for (const h of a.formulations) {
      const prev = forms.get(h.text);
      if (!prev || h.count > prev.count) forms.set(h.text, h);
    }
    return { a, facet: byId.get(a.docId), terms: new Map(a.terms), forms };
  });
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
  /** Texts are already normalised (normalizeForAnalysis); default false: they are normalised here. */
  normalized?: boolean;
  /** Keep at most this many phrases. Default 500. */
  limit?: number;
}

/** A recurring phrase may not begin or end with these (function characters make fragments, not slogans). */
const RECURRING_BAD_EDGE = new Set([...'的了和与及或并而且之其以于在对把被为是将向从等个们着过也都就又还但如此该这那各每所者']);
/** Phrases made only of numerals and units (二〇二四年, 三十一个) are dates and quantities. */
const NUMERIC_PHRASE = /^[零〇一二两三四五六七八九十百千万亿年月日个多余第]+$/;

/** Runs of Han characters long enough to hold a phrase: slogans never span punctuation. */
function hanRuns(text: string, minLen: number): string[] {
  return (text.match(/[\u3400-\u4DBF\u4E00-\u9FFF]+/g) ?? []).filter((r) => r.length >= minLen);
}

/**
 * Phrases of minLen–maxLen characters that recur in at least minDocs documents from at least minOrgs
 * organisations: slogans nobody has listed yet. Works from the documents' texts by string matching
 * (no segmentation). Level-wise search: a phrase of length L+1 can only be frequent if both its
 * L-character prefix and suffix are, so each level only looks at extensions of frequent phrases.
 * A phrase is dropped when a longer frequent phrase containing it has the same document count (it
 * never occurs on its own). Sorted by organisations, documents, then length.
 */
export function findRecurring(facets: DocFacet[], texts: { docId: string; text: string }[], opts: RecurringOptions = {}): RecurringPhrase[] {
  const minLen = Math.max(2, opts.minLen ?? 4);
  const maxLen = Math.max(minLen, opts.maxLen ?? 16);
  const minDocs = opts.minDocs ?? 3;
  const minOrgs = opts.minOrgs ?? 2;
  const aliases = opts.aliases ?? new Map<string, string>();
  const exclude = new Set(opts.exclude ?? []);
  const byId = new Map<string, DocFacet>();
  for (const f of facets) byId.set(f.docId, f);

  const docs = texts.map((t) => {
    const text = opts.normalized ? t.text ?? '' : normalizeForAnalysis(t.text ?? '');
    return { docId: t.docId, text, runs: hanRuns(text, minLen) };
  });

  // Level minLen: document frequency of every minLen-gram.
  type Stat = { df: number; last: number; docs: number[] };
  let frequent = new Map<string, Stat>();
  {
    const all = new Map<string, Stat>();
    docs.forEach((d, di) => {
      for (const run of d.runs) {
        for (let i = 0; i + minLen <= run.length; i++) {
          const g = run.slice(i, i + minLen);
          let s = all.get(g);
          if (!s) all.set(g, (s = { df: 0, last: -1, docs: [] }));
          if (s.last !== di) {
            s.last = di;
            s.df++;
            s.docs.push(di);
          }
        }
      }
    });
    for (const [g, s] of all) if (s.df >= minDocs) frequent.set(g, s);
  }
  const levels: Map<string, Stat>[] = [frequent];
  for (let L = minLen + 1; L <= maxLen && frequent.size > 0; L++) {
    const next = new Map<string, Stat>();
    const prevLevel = frequent;
    docs.forEach((d, di) => {
      for (const run of d.runs) {
        for (let i = 0; i + L <= run.length; i++) {
          if (!prevLevel.has(run.slice(i, i + L - 1)) || !prevLevel.has(run.slice(i + 1, i + L))) continue;
          const g = run.slice(i, i + L);
          let s = next.get(g);
          if (!s) next.set(g, (s = { df: 0, last: -1, docs: [] }));
          if (s.last !== di) {
            s.last = di;
            s.df++;
            s.docs.push(di);
          }
        }
      }
    });
    frequent = new Map([...next].filter(([, s]) => s.df >= minDocs));
    levels.push(frequent);
  }

  // Closed phrases: drop g when a one-character-longer frequent phrase has the same document count.
  const subsumed = new Set<string>();
  for (let k = 1; k < levels.length; k++) {
    for (const [g, s] of levels[k]) {
      for (const part of [g.slice(1), g.slice(0, -1)]) {
        const p = levels[k - 1].get(part);
        if (p && p.df === s.df) subsumed.add(part);
      }
    }
  }

  const out: RecurringPhrase[] = [];
  for (const level of levels) {
    for (const [g, s] of level) {
      if (subsumed.has(g) || exclude.has(g)) continue;
      if (RECURRING_BAD_EDGE.has(g[0]) || RECURRING_BAD_EDGE.has(g[g.length - 1]) || NUMERIC_PHRASE.test(g)) continue;
      const orgSet = new Set<string>();
      let first: number | null = null;
      let last: number | null = null;
      let count = 0;
      for (const di of s.docs) {
        const f = byId.get(docs[di].docId);
        const org = groupOrg(f?.org ?? '', aliases);
        if (org) orgSet.add(org);
        const y = f?.year;
        if (y !== null && y !== undefined && Number.isFinite(y)) {
          if (first === null || y < first) first = y;
          if (last === null || y > last) last = y;
        }
        count += countOccurrences(docs[di].text, g);
      }
      if (orgSet.size < minOrgs) continue;
      out.push({ text: g, kind: 'recurring', count, docs: s.df, orgs: orgSet.size, orgNames: [...orgSet].sort(), firstYear: first, lastYear: last, docIds: s.docs.map((di) => docs[di].docId) });
    }
  }
  out.sort((x, y) => y.orgs - x.orgs || y.docs - x.docs || y.text.length - x.text.length || (x.text < y.text ? -1 : 1));
  return out.slice(0, opts.limit ?? 500);
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
