// Recurring phrases from word tokens, collected one document at a time in bounded memory.
// A candidate is a sequence of 2–MAX_TOKENS segmenter tokens (lexicon entries first, see
// analysis/segment), so it never starts or ends inside a word; a sequence holding a lexicon entry is
// never a candidate (the entry is counted already; with a verb attached it is not a new phrase).
// Ranked by statistics that demote generic collocations:
//   spread       — log2(1 + organisations) + ½·log2(distinct years)
//   association  — pointwise mutual information per token boundary: log2 P(phrase) − Σ log2 P(token),
//                  divided by (tokens − 1), from the corpus's own token counts
//   novelty      — share of its tokens that are not common words of general language (jieba's
//                  dictionary frequencies ≥ 1000, analysis/lexicon/general-frequency.ts)
//   standalone   — share of occurrences written on their own between punctuation
// score = spread × max(association, 0) × (0.5 + novelty) × (1 + standalone).
// Memory: per document only its distinct candidates; corpus-wide one entry per candidate seen in a
// document, pruned every PRUNE_DOCS documents of those still in a single document and first seen
// before the last window (lossy counting: a phrase in at least one document of every PRUNE_DOCS
// window is never lost; on fewer documents than PRUNE_DOCS the result is exact).
import type { Tokenized } from './segment';
import { isNoiseToken } from './stopwords';
import { issuersOf, type RecurringPhrase } from './aggregate';
import type { DocFacet } from './types';
import { GENERAL_FREQUENCY_SOURCE } from './lexicon/general-frequency';

export const MAX_TOKENS = 6;
const PRUNE_DOCS = 250;
const MAX_NEIGHBOUR_SHARE = 0.8;

let general: Set<string> | null = null;
/** Common words of general language (jieba's dictionary, frequency ≥ 1000). */
export function isCommonWord(w: string): boolean {
  if (!general) {
    general = new Set();
    for (const list of Object.values(GENERAL_FREQUENCY_SOURCE)) for (const x of list.split(' ')) if (x) general.add(x);
  }
  return general.has(w);
}

interface Entry {
  tokens: string[];
  docs: number[];
  counts: number[];
  occ: number;
  alone: number;
  firstDoc: number;
  /** Two most frequent neighbours each side (Misra–Gries with two counters). */
  l: [string, number, string, number];
  r: [string, number, string, number];
}

function note(n: [string, number, string, number], x: string): void {
  if (n[0] === x) n[1]++;
  else if (n[2] === x) n[3]++;
  else if (n[1] === 0) { n[0] = x; n[1] = 1; }
  else if (n[3] === 0) { n[2] = x; n[3] = 1; }
  else { n[1]--; n[3]--; }
}

export interface RankedRecurring extends RecurringPhrase {
  score: number;
  association: number;
  novelty: number;
}

export class RecurringCollector {
  private readonly entries = new Map<string, Entry>();
  private readonly tokenCounts = new Map<string, number>();
  private totalTokens = 0;
  private readonly docIds: string[] = [];
  constructor(private readonly opts: { minChars?: number; maxChars?: number; stopwords?: Set<string>; exclude?: Set<string> } = {}) {}

  /** Candidates of one document (its tokens from analyzeDocumentWithTokens). */
  add(docId: string, t: Tokenized): void {
    const di = this.docIds.length;
    this.docIds.push(docId);
    const minChars = this.opts.minChars ?? 4;
    const maxChars = this.opts.maxChars ?? 16;
    const stop = this.opts.stopwords ?? new Set<string>();
    const exclude = this.opts.exclude ?? new Set<string>();
    const local = new Map<string, { tokens: string[]; n: number; alone: number; lefts: string[]; rights: string[] }>();
    const toks = t.tokens;
    const isBreak = (k: number) => {
      const w = toks[k]!;
      return t.lexical[k] === 1 || isNoiseToken(w.trim()) || /[^\u3400-\u9fff]/.test(w);
    };
    for (let k = 0; k < toks.length; k++) {
      const w = toks[k]!;
      if (!isBreak(k)) {
        this.tokenCounts.set(w, (this.tokenCounts.get(w) ?? 0) + 1);
        this.totalTokens++;
      }
    }
    for (let i = 0; i < toks.length; i++) {
      if (isBreak(i) || stop.has(toks[i]!)) continue;
      let chars = 0;
      for (let j = i; j < toks.length && j - i < MAX_TOKENS; j++) {
        if (isBreak(j)) break;
        chars += toks[j]!.length;
        if (chars > maxChars) break;
        if (j === i || chars < minChars || stop.has(toks[j]!)) continue;
        // Adjacent in the text (no line break between): offsets continue.
        if (t.starts[j] !== t.ends[j - 1]) break;
        const text = toks.slice(i, j + 1).join('');
        if (exclude.has(text)) continue;
        let e = local.get(text);
        if (!e) local.set(text, (e = { tokens: toks.slice(i, j + 1), n: 0, alone: 0, lefts: [], rights: [] }));
        e.n++;
        const left = i > 0 && t.ends[i - 1] === t.starts[i] && !isBreak(i - 1) ? toks[i - 1]! : '';
        const right = j + 1 < toks.length && t.starts[j + 1] === t.ends[j] && !isBreak(j + 1) ? toks[j + 1]! : '';
        if (!left && !right) e.alone++;
        e.lefts.push(left);
        e.rights.push(right);
      }
    }
    for (const [text, l] of local) {
      let e = this.entries.get(text);
      if (!e) this.entries.set(text, (e = { tokens: l.tokens, docs: [], counts: [], occ: 0, alone: 0, firstDoc: di, l: ['', 0, '', 0], r: ['', 0, '', 0] }));
      e.docs.push(di);
      e.counts.push(l.n);
      e.occ += l.n;
      e.alone += l.alone;
      // An edge (punctuation, line start) is a different neighbour each time: never noted.
      for (const x of l.lefts) if (x) note(e.l, x);
      for (const x of l.rights) if (x) note(e.r, x);
    }
    if ((di + 1) % PRUNE_DOCS === 0) {
      for (const [text, e] of this.entries) if (e.docs.length === 1 && e.firstDoc <= di + 1 - PRUNE_DOCS) this.entries.delete(text);
    }
  }

  /** Distinct candidates held now (for memory checks). */
  get size(): number {
    return this.entries.size;
  }

  /** Phrases in ≥ minDocs documents of ≥ minOrgs organisations, best score first. */
  finish(facets: readonly DocFacet[], opts: { minDocs?: number; minOrgs?: number; aliases?: Map<string, string>; limit?: number; words?: Set<string> } = {}): RankedRecurring[] {
    const minDocs = opts.minDocs ?? 3;
    const minOrgs = opts.minOrgs ?? 2;
    const aliases = opts.aliases ?? new Map<string, string>();
    const byId = new Map(facets.map((f) => [f.docId, f]));
    const out: RankedRecurring[] = [];
    const N = Math.max(1, this.totalTokens);
    const kept: [string, Entry][] = [];
    for (const [text, e] of this.entries) {
      if (e.docs.length < minDocs || opts.words?.has(text)) continue;
      const limit = MAX_NEIGHBOUR_SHARE * e.occ;
      if (Math.max(e.l[1], e.l[3]) > limit || Math.max(e.r[1], e.r[3]) > limit) continue;
      kept.push([text, e]);
    }
    // Closed phrases: drop one that is the token prefix or suffix of a longer kept phrase found in as
    // many documents (linear: each phrase marks its two one-token-shorter parts).
    const subsumed = new Set<string>();
    const dfOf = new Map(kept.map(([t, e]) => [t, e.docs.length]));
    for (const [, e] of kept) {
      if (e.tokens.length < 3) continue;
      for (const part of [e.tokens.slice(1).join(''), e.tokens.slice(0, -1).join('')]) if (dfOf.get(part) === e.docs.length) subsumed.add(part);
    }
    for (const [text, e] of kept) {
      if (subsumed.has(text)) continue;
      const orgs = new Set<string>();
      const years = new Set<number>();
      for (const di of e.docs) {
        const f = byId.get(this.docIds[di]!);
        for (const o of issuersOf(f?.org, aliases)) orgs.add(o);
        if (f?.year !== null && f?.year !== undefined && Number.isFinite(f.year)) years.add(f.year);
      }
      if (orgs.size < minOrgs) continue;
      let logp = Math.log2(e.occ / N);
      for (const tk of e.tokens) logp -= Math.log2((this.tokenCounts.get(tk) ?? 1) / N);
      const association = logp / (e.tokens.length - 1);
      const novelty = e.tokens.filter((tk) => !isCommonWord(tk)).length / e.tokens.length;
      const spread = Math.log2(1 + orgs.size) + 0.5 * Math.log2(Math.max(1, years.size));
      const score = spread * Math.max(association, 0) * (0.5 + novelty) * (1 + e.alone / e.occ);
      const ys = [...years].sort((a, b) => a - b);
      out.push({
        text, kind: 'recurring', count: e.occ, standalone: e.alone, docs: e.docs.length, orgs: orgs.size, orgNames: [...orgs].sort(),
        firstYear: ys[0] ?? null, lastYear: ys[ys.length - 1] ?? null, docIds: e.docs.map((di) => this.docIds[di]!),
        score: Math.round(score * 1000) / 1000, association: Math.round(association * 1000) / 1000, novelty,
      });
    }
    out.sort((x, y) => y.score - x.score || y.docs - x.docs || (x.text < y.text ? -1 : 1));
    return out.slice(0, opts.limit ?? 500);
  }
}
