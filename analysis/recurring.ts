// Recurring phrases from word tokens, collected one document at a time in bounded memory. The CLI and
// the dashboard (analysis/queries findRecurring) both use this collector, so they discover the same
// phrases. The CLI runs one collector per worker thread and merges them at the end (merge()): every
// statistic is a sum or a set union, so the merged result does not depend on which worker had which
// document, nor on their order, as long as nothing was pruned.
//
// Candidates: sequences of 2–MAX_TOKENS segmenter tokens (lexicon entries matched first, see
// analysis/segment), so a candidate never starts or ends inside a word; a sequence holding a lexicon
// entry is never a candidate (the entry is counted already; with a verb attached it is no new phrase).
//
// Kept only when (a) in ≥ minDocs documents of ≥ minOrgs organisations, (b) its boundaries are free:
// no neighbour (left, right) is the same token in more than MAX_NEIGHBOUR_SHARE of the occurrences
// (发展格局 ← 新 is a fragment), and (c) it is not the token prefix or suffix of a longer kept phrase
// found in as many documents (a truncated twin is merged into the full form), and (d) none of the
// precision rules below applies: led by a common word of general language (verbLed: 增进民生福祉),
// cut at a one-character edge token (cutAtEdge: 驰而不息纠), two phrases joined by a conjunction
// (coordinated: 台湾同胞和海外侨胞), an adverb and its verb cut out of a clause (adverbialClause:
// 毫不动摇地鼓励), two words written in either order in comparable numbers of documents (reversible:
// 档案史志 and 史志档案, list items, not a fixed order), a kept phrase in more documents with a word
// attached before it (打好净土保卫战), or a stock sentence at the same edge of every document
// (stockPosition: 请予审议). A first token that jieba's list lacks but that is two listed words
// (knownParts: 深入 | 开展) is as common as its rarer part for verbLed (深入开展普法教育 is verb-led).
//
// Ranked by statistics that demote generic collocations:
//   spread      — log2(1 + organisations) + ½·log2(distinct years)
//   association — pointwise mutual information per token boundary, log2 P(phrase) − Σ log2 P(token),
//                 divided by (tokens − 1), from the corpus's own token counts
//   novelty     — mean rarity in general language of its words (jieba's dictionary frequencies,
//                 analysis/lexicon/general-frequency.ts): a word jieba's dictionary lacks or has below
//                 RARE_FREQ is 1, one of COMMON_FREQ or more is 0, log-linear between; single
//                 characters are not words and do not count; a token that is two listed words
//                 (knownParts: 关心 | 群众, 食品 | 药品) has the mean rarity of its parts (tokenRarity),
//                 not 1. Coined formulations (以进促稳, 免申即享) are made of rare words, collocations
//                 (巩固拓展, 防范化解, 关心群众疾苦) of common ones.
//   boundary    — branching entropy: the smaller of the left and right neighbour entropies, divided by
//                 log2(occurrences) (1 when every occurrence has a different neighbour or none)
//   standalone  — share of occurrences written on their own between punctuation or quote marks
// score = spread × association⁺ × (NOVELTY_FLOOR + novelty) × (BOUNDARY_FLOOR + boundary) × (1 + standalone);
// the DEFAULT_LIMIT (100) best are reported.
//
// Memory: one slot per distinct candidate in typed arrays (counts, the packed token lengths, its first
// organisation and year, NEIGHBOUR_BUCKETS hashed neighbour counters a side); a second organisation
// or year goes to a side table (rare: most candidates are in one document). Neighbours are counted by
// hash bucket, not by value: a sum, so counters of two workers add up exactly; two neighbours that
// share a bucket count as one (the dominant share and the entropy err towards a fragment).
// Pruning (lossy counting by documents): every PRUNE_DOCS documents, and whenever the slots exceed
// maxEntries, an entry whose document count is below one per PRUNE_DOCS documents since it was first
// seen is dropped; when the slots still exceed maxEntries, the ones in fewest documents go first (the
// level reached is `prunedBelowDocs`). A phrase in at least one document of every PRUNE_DOCS
// documents from its first is never lost by the first rule; on fewer than PRUNE_DOCS documents with
// fewer than maxEntries candidates nothing is pruned and the result is exact.
// Which documents hold a phrase is not kept: recurringHitsByModel finds them in the texts.
import type { Tokenized } from './segment';
import { isNoiseToken } from './stopwords';
import { issuersOf, type RecurringPhrase } from './aggregate';
import type { DocFacet } from './types';
import { generalLogFrequency, rarity } from './lexicon/general-words';
export { rarity } from './lexicon/general-words';

export const MAX_TOKENS = 6;
const PRUNE_DOCS = 250;
/** Slots held at most (about 250 bytes each with the key and the arrays' slack) before the least recurring are dropped. */
export const MAX_ENTRIES = 600_000;
const MAX_NEIGHBOUR_SHARE = 0.8;
/** Hashed neighbour counters per side. */
const NEIGHBOUR_BUCKETS = 8;
const NB2 = 2 * NEIGHBOUR_BUCKETS;
/** Token lengths are packed LEN_BITS bits each into one 32-bit number (MAX_TOKENS × 5 = 30 bits). */
const LEN_BITS = 5;
const MAX_TOKEN_CHARS = (1 << LEN_BITS) - 1;
/**
 * Phrases reported at most, best score first: below about this rank generic collocations prevail (on
 * the national work reports 1954–2025, ranks 100–200 were about one real formulation in four; the top
 * 50, two in three).
 */
const DEFAULT_LIMIT = 100;
const NOVELTY_FLOOR = 0.25;
const BOUNDARY_FLOOR = 0.25;
const NO_YEAR = -2147483648;

/**
 * The two known words of general language a word jieba's bundled list lacks is made of, split at the
 * first place (from `from` characters on) where both sides are listed: 关心群众 → 关心 | 群众,
 * 保卫战 → 保卫 | 战; null for a listed word or one of two characters, and when there is none (兜住兜准). The segmenter returns such
 * compounds as one token (its dictionary has them, rare), but they are as common as their parts.
 */
export function knownParts(w: string, from = 1): [string, string] | null {
  if (w.length < 3 || generalLogFrequency(w) !== undefined) return null;
  for (let k = from; k <= w.length - from; k++) {
    const a = w.slice(0, k);
    const b = w.slice(k);
    if (generalLogFrequency(a) !== undefined && generalLogFrequency(b) !== undefined) return [a, b];
  }
  return null;
}

/**
 * Rarity of one token in general language: that of the word (rarity), or for a compound of known words
 * (knownParts: 深入开展, 食品药品) the mean rarity of its parts of two or more characters. Without
 * this a compound of two ordinary words reads as coined: jieba's list lacks it as a whole.
 */
export function tokenRarity(w: string): number {
  const parts = knownParts(w)?.filter((x) => x.length >= 2);
  if (!parts?.length) return rarity(w);
  return parts.reduce((sum, x) => sum + rarity(x), 0) / parts.length;
}

/** Mean rarity of a phrase's words (tokens of two or more characters, tokenRarity); 1 when it has none (一|岗|双|责). */
export function novelty(tokens: readonly string[]): number {
  let n = 0;
  let sum = 0;
  for (const t of tokens) {
    if (t.length < 2) continue;
    n++;
    sum += tokenRarity(t);
  }
  return n ? sum / n : 1;
}

/**
 * A phrase of VERB_LED_MIN_CHARS or more whose first word is common in general language (加强…, 深入开展…,
 * 反对…): a common head word with its object is a collocation (增进民生福祉, 深化金融体制改革) far more
 * often than a coined formulation, which is compact (以进促稳) or made of rare words (统分结合…), and
 * a kept phrase or lexicon entry with such a word attached (打好净土保卫战) is no new phrase. Not reported.
 * A first token of four or more characters that jieba's list lacks but that is two listed words
 * (knownParts: 广泛 | 开展, 关心 | 群众, 采取 | 有效) counts as common when both parts are: the rarer
 * part's frequency is the head's (广泛开展全民健身活动, 关心群众疾苦 are verb-led).
 */
const VERB_LED_MIN_CHARS = 5;
/** log10 frequency in jieba's dictionary from which a head word is common (增进 3, 放宽 2.5; 以进, 兜住 absent). */
const VERB_LED_LOG = 2.5;
export function verbLed(tokens: readonly string[]): boolean {
  const first = tokens[0] ?? '';
  return first.length >= 2 && tokens.join('').length >= VERB_LED_MIN_CHARS && headLogFrequency(first) >= VERB_LED_LOG;
}

/** log10 frequency in general language of a head token: its own, or for a compound of two known words of two or more characters the rarer part's; 0 when unlisted. */
function headLogFrequency(w: string): number {
  const own = generalLogFrequency(w);
  if (own !== undefined) return own;
  const parts = w.length >= 4 ? knownParts(w, 2) : null;
  return parts ? Math.min(generalLogFrequency(parts[0])!, generalLogFrequency(parts[1])!) : 0;
}

/**
 * A phrase of CUT_MIN_CHARS or more that starts or ends with a one-character token while it has longer
 * ones: the character belongs to the word next to it (驰而不息纠 | 治, 增 | 单产…, 毛主席 | 说), so the
 * phrase is cut inside a word or a clause. Compact four-character formulas with two or more single
 * characters (先立 | 后 | 破) are whole.
 */
const CUT_MIN_CHARS = 4;
export function cutAtEdge(tokens: readonly string[]): boolean {
  const chars = tokens.join('').length;
  const singles = tokens.filter((t) => t.length === 1).length;
  if (chars < CUT_MIN_CHARS || singles === tokens.length || (chars === 4 && singles >= 2)) return false;
  return tokens[0]!.length === 1 || tokens[tokens.length - 1]!.length === 1;
}

/** Conjunctions: a phrase joining two phrases with one (台湾同胞和海外侨胞) is a list, not a formulation. */
const CONJUNCTIONS = new Set(['和', '与', '及', '以及', '或', '同']);
export function coordinated(tokens: readonly string[]): boolean {
  return tokens.slice(1, -1).some((t) => CONJUNCTIONS.has(t));
}

/**
 * The adverbial particle 地 between two words (毫不动摇 | 地 | 鼓励, 坚持不懈 | 地 | 推进): an adverb
 * and the verb it modifies, cut out of a clause whose object follows; not a formulation. A 地
 * next to a single character is a noun of a compact formula (因 | 地 | 施策) and stays.
 */
export function adverbialClause(tokens: readonly string[]): boolean {
  for (let k = 1; k < tokens.length - 1; k++) if (tokens[k] === '地' && tokens[k - 1]!.length >= 2 && tokens[k + 1]!.length >= 2) return true;
  return false;
}

/**
 * Two words written in either order (档案史志 and 史志档案, 外资外贸 and 外贸外资) are two items of a
 * list, not a fixed formulation, whose order is part of it: a two-token phrase whose reversed form is
 * a candidate in at least REVERSED_SHARE as many documents, and at most 1 / REVERSED_SHARE as many, is
 * not reported (neither order). One far rarer than the other (节约集约, 42 documents; 集约节约, 14)
 * is a variant of a fixed order and does not count.
 */
const REVERSED_SHARE = 0.5;
export function reversible(df: number, reversedDf: number): boolean {
  return reversedDf >= REVERSED_SHARE * df && df >= REVERSED_SHARE * reversedDf;
}

/**
 * Stock procedural sentences sit at the same place of every document (请予审议 opens each work report):
 * occurrences whose relative position (0 = start, 1 = end of the text) has a mean within STOCK_EDGE of
 * either end and a standard deviation under STOCK_SPREAD are a document's frame, not a formulation.
 */
const STOCK_EDGE = 0.05;
const STOCK_SPREAD = 0.05;
export function stockPosition(sum: number, sumSq: number, occ: number): boolean {
  if (occ < 2) return false;
  const mean = sum / occ;
  const sd = Math.sqrt(Math.max(0, sumSq / occ - mean * mean));
  return sd < STOCK_SPREAD && (mean < STOCK_EDGE || mean > 1 - STOCK_EDGE);
}

/**
 * Bucket of a neighbour token (FNV-1a of its UTF-16 units, then MurmurHash3's finaliser): the same in
 * every worker and run. The finaliser matters: FNV-1a's low bits depend only on the low bits of the
 * units, so taken modulo 8 distinct neighbours (坚持, 推进, 实施) fall into one bucket and a phrase
 * after three different verbs reads as always after the same word.
 */
function bucketOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % NEIGHBOUR_BUCKETS;
}

/**
 * Branching entropy of one side from its bucket counts, normalised by log2(occurrences): each bucket
 * one value, every other occurrence (punctuation, a line break, the text's edge) a different value.
 */
function branching(nb: Int32Array, at: number, occ: number): number {
  if (occ < 2) return 1;
  let h = 0;
  let counted = 0;
  for (let k = 0; k < NEIGHBOUR_BUCKETS; k++) {
    const c = nb[at + k]!;
    if (c <= 0) continue;
    counted += c;
    const p = c / occ;
    h -= p * Math.log2(p);
  }
  const rest = occ - counted;
  if (rest > 0) h += (rest / occ) * Math.log2(occ);
  return Math.min(1, h / Math.log2(occ));
}

function maxOf(nb: Int32Array, at: number): number {
  let m = 0;
  for (let k = 0; k < NEIGHBOUR_BUCKETS; k++) if (nb[at + k]! > m) m = nb[at + k]!;
  return m;
}

function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export interface RankedRecurring extends RecurringPhrase {
  score: number;
  association: number;
  novelty: number;
  boundary: number;
}

/** The organisation and year a document counts for (DocFacet's fields; both optional). */
export interface RecurringFacet {
  org?: string;
  year?: number | null;
}

export interface RecurringCollectorOptions {
  minChars?: number;
  maxChars?: number;
  stopwords?: Set<string>;
  /** Phrases never to report (every lexicon form). */
  exclude?: Set<string>;
  /** Organisation alias table (grouping names of one organisation). */
  aliases?: Map<string, string>;
  /** Slots held at most; default MAX_ENTRIES (600,000). */
  maxEntries?: number;
}

/** A collector's content as plain data (structured-clone safe): what a worker thread sends back to be merged. */
export interface RecurringState {
  texts: string[];
  /** Per text, in order: df, occ, alone, first document, packed token lengths. */
  ints: Int32Array;
  /** Per text: NB2 neighbour buckets (left then right). */
  nb: Int32Array;
  /** Per text: sum of relative positions, sum of their squares. */
  pos: Float64Array;
  /** Per text: its organisation ids (a flat list: count, then ids) and years (count, then years). */
  orgs: Int32Array;
  years: Int32Array;
  orgNames: string[];
  pending: [number, string][];
  tokenWords: string[];
  tokenCounts: Int32Array;
  totalTokens: number;
  docs: number;
  prunedBelowDocs: number;
  prunedWindow: number;
}

const INTS = 5;

export class RecurringCollector {
  private readonly index = new Map<string, number>();
  private free: number[] = [];
  private slots = 0;
  private df = new Int32Array(1024);
  private occ = new Int32Array(1024);
  private alone = new Int32Array(1024);
  private first = new Int32Array(1024);
  private last = new Int32Array(1024);
  private lens = new Int32Array(1024);
  private org = new Int32Array(1024);
  private year = new Int32Array(1024);
  private nb = new Int32Array(1024 * NB2);
  private pos = new Float64Array(1024 * 2);
  /** Organisations and years beyond each slot's first (slot → list). */
  private readonly moreOrgs = new Map<number, number[]>();
  private readonly moreYears = new Map<number, number[]>();
  private readonly tokenCounts = new Map<string, number>();
  private totalTokens = 0;
  private docs = 0;
  private readonly orgIndex = new Map<string, number>();
  private readonly orgNames: string[] = [];
  /** Documents added without a facet: their organisation and year are read from finish()'s facets. */
  private readonly pending = new Map<number, string>();
  /** Entries in fewer documents than this were dropped to stay under maxEntries (0: none). */
  prunedBelowDocs = 0;
  /** Entries found less than once every this many documents since first seen were dropped to stay under maxEntries (0: none). */
  prunedWindow = 0;
  /** Times the collector has pruned (a caller may reclaim the memory freed each time). */
  prunes = 0;
  constructor(private readonly opts: RecurringCollectorOptions = {}) {}

  private orgId(name: string): number {
    let i = this.orgIndex.get(name);
    if (i === undefined) {
      i = this.orgNames.length;
      this.orgNames.push(name);
      this.orgIndex.set(name, i);
    }
    return i;
  }

  private alloc(text: string, lens: number, firstDoc: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slots++;
      const n = this.slots;
      this.df = grow(this.df, n);
      this.occ = grow(this.occ, n);
      this.alone = grow(this.alone, n);
      this.first = grow(this.first, n);
      this.last = grow(this.last, n);
      this.lens = grow(this.lens, n);
      this.org = grow(this.org, n);
      this.year = grow(this.year, n);
      this.nb = grow(this.nb, n * NB2);
      this.pos = grow(this.pos, n * 2);
    }
    this.df[s] = 0;
    this.occ[s] = 0;
    this.alone[s] = 0;
    this.first[s] = firstDoc;
    this.last[s] = -1;
    this.lens[s] = lens;
    this.org[s] = -1;
    this.year[s] = NO_YEAR;
    this.nb.fill(0, s * NB2, s * NB2 + NB2);
    this.pos[2 * s] = 0;
    this.pos[2 * s + 1] = 0;
    this.index.set(text, s);
    return s;
  }

  private addOrg(s: number, o: number): void {
    if (this.org[s] === -1) this.org[s] = o;
    else if (this.org[s] !== o) {
      const more = this.moreOrgs.get(s);
      if (!more) this.moreOrgs.set(s, [o]);
      else if (!more.includes(o)) more.push(o);
    }
  }

  private addYear(s: number, y: number): void {
    if (this.year[s] === NO_YEAR) this.year[s] = y;
    else if (this.year[s] !== y) {
      const more = this.moreYears.get(s);
      if (!more) this.moreYears.set(s, [y]);
      else if (!more.includes(y)) more.push(y);
    }
  }

  private orgsOf(s: number): number[] {
    return this.org[s] === -1 ? [] : [this.org[s]!, ...(this.moreOrgs.get(s) ?? [])];
  }

  private yearsOf(s: number): number[] {
    return this.year[s] === NO_YEAR ? [] : [this.year[s]!, ...(this.moreYears.get(s) ?? [])];
  }

  private drop(text: string, s: number): void {
    this.index.delete(text);
    this.moreOrgs.delete(s);
    this.moreYears.delete(s);
    this.free.push(s);
  }

  /**
   * Candidates of one document (its tokens from analyzeDocumentWithTokens), with the organisation and
   * year it counts for. Without a facet, finish() reads them from its facets by docId.
   */
  add(docId: string, t: Tokenized, facet?: RecurringFacet): void {
    const di = this.docs++;
    const minChars = this.opts.minChars ?? 4;
    const maxChars = this.opts.maxChars ?? 16;
    const stop = this.opts.stopwords ?? new Set<string>();
    const exclude = this.opts.exclude ?? new Set<string>();
    let orgIds: number[];
    let year: number | null = null;
    if (facet) {
      orgIds = issuersOf(facet.org, this.opts.aliases ?? new Map()).map((o) => this.orgId(o));
      if (facet.year !== null && facet.year !== undefined && Number.isFinite(facet.year)) year = facet.year;
    } else {
      // Resolved in finish(): a placeholder organisation per document.
      orgIds = [this.orgId(`\u0000${di}`)];
      this.pending.set(orgIds[0]!, docId);
    }
    const toks = t.tokens;
    const n = toks.length;
    // Per token: 1 when it breaks a candidate (a lexicon entry, punctuation, a number, Latin).
    const brk = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const w = toks[k]!;
      brk[k] = t.lexical[k] === 1 || isNoiseToken(w.trim()) || /[^\u3400-\u9fff]/.test(w) ? 1 : 0;
      if (!brk[k]) {
        this.tokenCounts.set(w, (this.tokenCounts.get(w) ?? 0) + 1);
        this.totalTokens++;
      }
    }
    // What is next to a candidate: '' for punctuation, a line break or the text's edge (a different
    // neighbour each time), else the token (a lexicon entry, a number or a word: the same every time
    // it recurs, so a phrase always next to it is a fragment).
    const neighbour = (k: number, adjacent: boolean): string => {
      if (k < 0 || k >= n || !adjacent) return '';
      const w = toks[k]!;
      if (t.lexical[k] === 1) return w;
      const s = w.trim();
      if (!s || /^[\p{P}\p{S}\s]+$/u.test(s)) return '';
      return /[^\u3400-\u9fff]/.test(s) ? '#' : s;
    };
    const length = Math.max(1, t.ends[n - 1] ?? 1);
    for (let i = 0; i < n; i++) {
      if (brk[i] || stop.has(toks[i]!)) continue;
      let chars = 0;
      let text = '';
      let lens = 0;
      let leftBucket = -2;
      for (let j = i; j < n && j - i < MAX_TOKENS; j++) {
        if (brk[j]) break;
        const w = toks[j]!;
        chars += w.length;
        if (chars > maxChars || w.length > MAX_TOKEN_CHARS) break;
        // Adjacent in the text (no line break between): offsets continue.
        if (j > i && t.starts[j] !== t.ends[j - 1]) break;
        text += w;
        lens |= w.length << (LEN_BITS * (j - i));
        if (j === i || chars < minChars || stop.has(w)) continue;
        if (exclude.has(text)) continue;
        let s = this.index.get(text);
        // A new key is stored flat (text is a chain of concatenations, kept alive by the key otherwise).
        if (s === undefined) s = this.alloc(toks.slice(i, j + 1).join(''), lens, di);
        if (this.last[s] !== di) {
          this.last[s] = di;
          this.df[s]!++;
          for (const o of orgIds) this.addOrg(s, o);
          if (year !== null) this.addYear(s, year);
        }
        this.occ[s]!++;
        const rel = t.starts[i]! / length;
        this.pos[2 * s]! += rel;
        this.pos[2 * s + 1]! += rel * rel;
        if (leftBucket === -2) {
          const left = neighbour(i - 1, i > 0 && t.ends[i - 1] === t.starts[i]);
          leftBucket = left ? bucketOf(left) : -1;
        }
        const right = neighbour(j + 1, j + 1 < n && t.starts[j + 1] === t.ends[j]);
        const a = this.nb;
        if (leftBucket >= 0) a[s * NB2 + leftBucket]!++;
        if (right) a[s * NB2 + NEIGHBOUR_BUCKETS + bucketOf(right)]!++;
        if (leftBucket < 0 && !right) this.alone[s]!++;
      }
    }
    if (this.docs % PRUNE_DOCS === 0 || this.index.size > (this.opts.maxEntries ?? MAX_ENTRIES)) this.prune(this.docs % PRUNE_DOCS === 0);
  }

  /**
   * Lossy counting by documents (every PRUNE_DOCS documents); then, while over maxEntries, the entries
   * that recur least often since first seen (documents since / documents with it, largest first, by
   * windows of PRUNE_DOCS, PRUNE_DOCS / 2, … 1 documents); last, the entries in fewest documents.
   * Entries of the latest document are never dropped: the slots may exceed maxEntries by one
   * document's candidates.
   */
  private prune(periodic: boolean): void {
    this.prunes++;
    const now = this.docs;
    if (periodic) {
      for (const [text, s] of this.index) {
        const windows = Math.floor((now - this.first[s]!) / PRUNE_DOCS);
        if (windows >= 1 && this.df[s]! <= windows) this.drop(text, s);
      }
    }
    const max = this.opts.maxEntries ?? MAX_ENTRIES;
    if (this.index.size <= max) return;
    // Down to half the maximum, so that the next prune is many documents away.
    const target = Math.floor(max / 2);
    const windows: number[] = [];
    for (let w = PRUNE_DOCS; w >= 1; w = Math.floor(w / 2)) windows.push(w);
    const atLeast = new Array<number>(windows.length).fill(0);
    for (const s of this.index.values()) {
      const gap = Math.floor((now - 1 - this.first[s]!) / this.df[s]!);
      for (let k = 0; k < windows.length; k++) if (gap >= windows[k]!) atLeast[k]!++;
    }
    let w = 0;
    for (let k = 0; k < windows.length; k++) {
      w = windows[k]!;
      if (this.index.size - atLeast[k]! <= target) break;
    }
    if (w) {
      for (const [text, s] of this.index) if (Math.floor((now - 1 - this.first[s]!) / this.df[s]!) >= w) this.drop(text, s);
      this.prunedWindow = this.prunedWindow ? Math.min(this.prunedWindow, w) : w;
    }
    for (let level = 2; this.index.size > target; level++) {
      const before = this.index.size;
      for (const [text, s] of this.index) if (this.df[s]! < level && this.last[s] !== now - 1) this.drop(text, s);
      this.prunedBelowDocs = Math.max(this.prunedBelowDocs, level);
      if (this.index.size === before && level > now) break;
    }
  }

  /** The collector as plain data, for merging in another thread (fromState, merge). */
  state(): RecurringState {
    const texts = [...this.index.keys()];
    const m = texts.length;
    const ints = new Int32Array(m * INTS);
    const nb = new Int32Array(m * NB2);
    const pos = new Float64Array(m * 2);
    const orgs: number[] = [];
    const years: number[] = [];
    texts.forEach((text, k) => {
      const s = this.index.get(text)!;
      ints.set([this.df[s]!, this.occ[s]!, this.alone[s]!, this.first[s]!, this.lens[s]!], k * INTS);
      nb.set(this.nb.subarray(s * NB2, s * NB2 + NB2), k * NB2);
      pos[2 * k] = this.pos[2 * s]!;
      pos[2 * k + 1] = this.pos[2 * s + 1]!;
      const os = this.orgsOf(s);
      orgs.push(os.length, ...os);
      const ys = this.yearsOf(s);
      years.push(ys.length, ...ys);
    });
    return {
      texts, ints, nb, pos, orgs: Int32Array.from(orgs), years: Int32Array.from(years), orgNames: [...this.orgNames], pending: [...this.pending],
      tokenWords: [...this.tokenCounts.keys()], tokenCounts: Int32Array.from(this.tokenCounts.values()), totalTokens: this.totalTokens, docs: this.docs, prunedBelowDocs: this.prunedBelowDocs, prunedWindow: this.prunedWindow,
    };
  }

  /**
   * Add another collector's documents (one worker's share of a corpus) to this one: counts and
   * neighbour buckets summed, organisations and years united. Both must use the same options. The
   * documents of `other` count as coming after this collector's, for pruning.
   */
  merge(other: RecurringCollector | RecurringState): void {
    const x = other instanceof RecurringCollector ? other.state() : other;
    const offset = this.docs;
    const orgMap = x.orgNames.map((name) => this.orgId(name));
    for (const [o, docId] of x.pending) this.pending.set(orgMap[o]!, docId);
    let oi = 0;
    let yi = 0;
    x.texts.forEach((text, k) => {
      const b = k * INTS;
      let s = this.index.get(text);
      if (s === undefined) s = this.alloc(text, x.ints[b + 4]!, x.ints[b + 3]! + offset);
      this.df[s]! += x.ints[b]!;
      this.occ[s]! += x.ints[b + 1]!;
      this.alone[s]! += x.ints[b + 2]!;
      for (let q = 0; q < NB2; q++) this.nb[s * NB2 + q]! += x.nb[k * NB2 + q]!;
      this.pos[2 * s]! += x.pos[2 * k]!;
      this.pos[2 * s + 1]! += x.pos[2 * k + 1]!;
      const no = x.orgs[oi++]!;
      for (let q = 0; q < no; q++) this.addOrg(s, orgMap[x.orgs[oi++]!]!);
      const ny = x.years[yi++]!;
      for (let q = 0; q < ny; q++) this.addYear(s, x.years[yi++]!);
    });
    x.tokenWords.forEach((w, k) => this.tokenCounts.set(w, (this.tokenCounts.get(w) ?? 0) + x.tokenCounts[k]!));
    this.totalTokens += x.totalTokens;
    this.docs += x.docs;
    this.prunedBelowDocs = Math.max(this.prunedBelowDocs, x.prunedBelowDocs);
    this.prunedWindow = this.prunedWindow && x.prunedWindow ? Math.min(this.prunedWindow, x.prunedWindow) : this.prunedWindow || x.prunedWindow;
    const crossed = Math.floor(this.docs / PRUNE_DOCS) > Math.floor(offset / PRUNE_DOCS);
    if (crossed || this.index.size > (this.opts.maxEntries ?? MAX_ENTRIES)) this.prune(crossed);
  }

  /** Distinct candidates held now (for memory checks). */
  get size(): number {
    return this.index.size;
  }

  /** Documents added (directly or by merge). */
  get documents(): number {
    return this.docs;
  }

  private tokensOf(text: string, s: number): string[] {
    const out: string[] = [];
    let at = 0;
    for (let k = 0; k < MAX_TOKENS && at < text.length; k++) {
      const len = (this.lens[s]! >>> (LEN_BITS * k)) & MAX_TOKEN_CHARS;
      if (!len) break;
      out.push(text.slice(at, at + len));
      at += len;
    }
    return out;
  }

  /**
   * Phrases in ≥ minDocs documents of ≥ minOrgs organisations, best score first. `facets` give the
   * organisation and year of documents added without one; `words` are single segmenter words (an
   * ordinary dictionary word is no new formulation). `docIds` of each phrase are left empty: which
   * documents hold it, and how often, is read from the texts (recurringHitsByModel).
   */
  finish(facets: readonly DocFacet[] = [], opts: { minDocs?: number; minOrgs?: number; aliases?: Map<string, string>; limit?: number; words?: Set<string> } = {}): RankedRecurring[] {
    const minDocs = opts.minDocs ?? 3;
    const minOrgs = opts.minOrgs ?? 2;
    const aliases = opts.aliases ?? this.opts.aliases ?? new Map<string, string>();
    // Placeholder organisations of documents added without a facet, resolved now.
    const resolved = new Map<number, { orgs: string[]; year: number | null }>();
    if (this.pending.size) {
      const byId = new Map(facets.map((f) => [f.docId, f]));
      for (const [o, docId] of this.pending) {
        const f = byId.get(docId);
        resolved.set(o, { orgs: issuersOf(f?.org, aliases), year: f?.year !== null && f?.year !== undefined && Number.isFinite(f.year) ? f.year : null });
      }
    }
    const N = Math.max(1, this.totalTokens);
    const kept: [string, number, string[]][] = [];
    for (const [text, s] of this.index) {
      if (this.df[s]! < minDocs || opts.words?.has(text)) continue;
      const limit = MAX_NEIGHBOUR_SHARE * this.occ[s]!;
      if (maxOf(this.nb, s * NB2) > limit || maxOf(this.nb, s * NB2 + NEIGHBOUR_BUCKETS) > limit) continue;
      const tokens = this.tokensOf(text, s);
      if (verbLed(tokens) || cutAtEdge(tokens) || coordinated(tokens) || adverbialClause(tokens) || stockPosition(this.pos[2 * s]!, this.pos[2 * s + 1]!, this.occ[s]!)) continue;
      if (tokens.length === 2) {
        const r = this.index.get(tokens[1]! + tokens[0]!);
        if (r !== undefined && reversible(this.df[s]!, this.df[r]!)) continue;
      }
      kept.push([text, s, tokens]);
    }
    // Closed phrases: drop one that is the token prefix or suffix of a longer kept phrase found in as
    // many documents (linear: each phrase marks its two one-token-shorter parts).
    const subsumed = new Set<string>();
    const dfOf = new Map(kept.map(([t, s]) => [t, this.df[s]!]));
    for (const [text, s, tokens] of kept) {
      const head = tokens.slice(1).join('');
      // A kept phrase in more documents with a word attached before it (打好 | 净土保卫战) is no new phrase.
      if (tokens.length >= 3 && tokens[0]!.length >= 2 && (dfOf.get(head) ?? 0) > this.df[s]!) subsumed.add(text);
      if (tokens.length < 3) continue;
      for (const part of [head, tokens.slice(0, -1).join('')]) if (dfOf.get(part) === this.df[s]) subsumed.add(part);
    }
    const out: RankedRecurring[] = [];
    for (const [text, s, tokens] of kept) {
      if (subsumed.has(text)) continue;
      const orgs = new Set<string>();
      const years = new Set<number>(this.yearsOf(s));
      for (const o of this.orgsOf(s)) {
        const r = resolved.get(o);
        if (r) {
          for (const x of r.orgs) orgs.add(x);
          if (r.year !== null) years.add(r.year);
        } else orgs.add(this.orgNames[o]!);
      }
      if (orgs.size < minOrgs) continue;
      const occ = this.occ[s]!;
      let logp = Math.log2(occ / N);
      for (const tk of tokens) logp -= Math.log2((this.tokenCounts.get(tk) ?? 1) / N);
      const association = logp / (tokens.length - 1);
      const nov = novelty(tokens);
      const boundary = Math.min(branching(this.nb, s * NB2, occ), branching(this.nb, s * NB2 + NEIGHBOUR_BUCKETS, occ));
      const spread = Math.log2(1 + orgs.size) + 0.5 * Math.log2(Math.max(1, years.size));
      const alone = this.alone[s]!;
      const score = spread * Math.max(association, 0) * (NOVELTY_FLOOR + nov) * (BOUNDARY_FLOOR + boundary) * (1 + alone / occ);
      const ys = [...years].sort((a, b) => a - b);
      out.push({
        text, kind: 'recurring', count: occ, standalone: alone, docs: this.df[s]!, orgs: orgs.size, orgNames: [...orgs].sort(),
        firstYear: ys[0] ?? null, lastYear: ys[ys.length - 1] ?? null, docIds: [],
        score: round3(score), association: round3(association), novelty: round3(nov), boundary: round3(boundary),
      });
    }
    out.sort((x, y) => y.score - x.score || y.docs - x.docs || (x.text < y.text ? -1 : 1));
    return out.slice(0, opts.limit ?? DEFAULT_LIMIT);
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
