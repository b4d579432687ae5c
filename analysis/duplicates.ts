// Duplicate documents: the same text filed twice (a city that republishes the national report, a
// page captured from two addresses). Pure; the CLI writes `duplicate_of`, the dashboard shows a badge
// and can count each text once.
//
// Two documents are duplicates when their cleaned texts, normalised (analysis/normalize) and with
// whitespace and quote marks left out (the counting model's match text), are equal, or when their
// sets of character 5-gram shingles overlap by at least DUPLICATE_MIN_OVERLAP (Jaccard). Candidates
// come from MinHash signatures banded into buckets (locality-sensitive hashing), so the pairs
// compared stay near-linear in the number of documents (the signature is taken over the sample below,
// or the whole set for short texts); each candidate pair is then confirmed on
// the shingles whose hash is 0 mod SAMPLE_MOD (a fixed 1-in-8 sample of each set, the same shingles
// for every document, so the overlap of the samples estimates the overlap of the sets to about ±0.01
// for 10,000-character texts), or on the whole sets for short texts. Memory: one sample per document,
// about 1/8 of its characters × 4 bytes.
import { matchText } from './counting';
import { normalizeForAnalysis } from './normalize';

/** Shingle length in characters. */
export const SHINGLE_CHARS = 5;
/** Least Jaccard overlap of two documents' shingle sets for them to be near-duplicates. */
export const DUPLICATE_MIN_OVERLAP = 0.9;
/** MinHash functions: BANDS bands of ROWS rows. A pair at overlap 0.9 becomes a candidate with probability 1-(1-0.9^4)^16 ≈ 1. */
const BANDS = 16;
const ROWS = 4;

export interface DuplicateInput {
  docId: string;
  text: string;
}

export interface DuplicateMatch {
  docId: string;
  /** The earlier document (in input order) it duplicates. */
  duplicateOf: string;
  /** 'identical': the same text after normalisation; 'near': shingle overlap ≥ DUPLICATE_MIN_OVERLAP. */
  kind: 'identical' | 'near';
  /** Jaccard overlap of the shingle sets (1 for identical texts), 3 decimals. */
  overlap: number;
}

function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Shingles kept per document for confirming a pair: hash ≡ 0 mod SAMPLE_MOD. */
const SAMPLE_MOD = 8;
/** Below this many sampled shingles the whole set is kept and compared instead. */
const SAMPLE_MIN = 200;

/**
 * Distinct shingle hashes of a key text (sorted, for exact overlap by merging). Each is fnv() of the
 * shingle, computed in place (no substring per position) and deduplicated after sorting.
 */
function shingles(key: string): Uint32Array {
  if (key.length <= SHINGLE_CHARS) return key ? Uint32Array.of(fnv(key, 0x811c9dc5)) : new Uint32Array(0);
  const n = key.length - SHINGLE_CHARS + 1;
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + SHINGLE_CHARS; k++) {
      h ^= key.charCodeAt(k);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    all[i] = h;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i]!;
  return all.slice(0, distinct);
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** Mixing function giving the k-th hash of a shingle hash (a universal-style family, mod 2^32). */
function mix(h: number, k: number): number {
  let x = (h ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The key a document is compared on: normalised, whitespace and quote marks left out. */
export function duplicateKey(text: string, normalized = false): string {
  return matchText(normalized ? text : normalizeForAnalysis(text ?? '')).key;
}

/**
 * What a document is compared on, computed once from its text (in a CLI worker, say): the digest of
 * its key for identical texts, the 1-in-SAMPLE_MOD shingle sample (or the whole set for short texts)
 * for confirming a pair, and its MinHash band keys for finding candidates. About 1/8 of the text's
 * characters × 4 bytes; the text itself is not kept. `null` for a document with no text.
 */
export interface DuplicateSignature {
  digest: string;
  sample: Uint32Array;
  full: Uint32Array | null;
  bands: string[];
}

export function duplicateSignature(text: string, normalized = false): DuplicateSignature | null {
  const key = duplicateKey(text, normalized);
  if (!key) return null;
  const digest = `${key.length}:${fnv(key, 0x811c9dc5)}:${fnv(key, 0x01234567)}`;
  const sh = shingles(key);
  const sample = sh.filter((h) => h % SAMPLE_MOD === 0);
  const sig = new Uint32Array(BANDS * ROWS).fill(0xffffffff);
  // MinHash of the sample when it is large enough: the sample's overlap estimates the sets' (see
  // above), and it is an eighth of the work (BANDS × ROWS hashes per shingle).
  for (const h of sample.length >= SAMPLE_MIN ? sample : sh) {
    for (let k = 0; k < sig.length; k++) {
      const v = mix(h, k);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  const bands: string[] = [];
  for (let b = 0; b < BANDS; b++) bands.push(`${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);
  return { digest, sample, full: sample.length < SAMPLE_MIN ? sh : null, bands };
}

/**
 * Duplicates found one document at a time, in input order: each document is compared with the
 * earlier ones and reported against the first identical one, else the most overlapping near one.
 * Holds one signature per distinct document (identical ones and near-duplicates add nothing), so a
 * corpus is never held as texts.
 */
export class DuplicateFinder {
  private readonly exact = new Map<string, string>();
  private readonly sets: { docId: string; sample: Uint32Array; full: Uint32Array | null }[] = [];
  private readonly buckets = new Map<string, number[]>();
  constructor(private readonly minOverlap = DUPLICATE_MIN_OVERLAP) {}

  /** The next document; its match with an earlier one, or null. */
  add(docId: string, sig: DuplicateSignature | null): DuplicateMatch | null {
    if (!sig) return null;
    const same = this.exact.get(sig.digest);
    if (same !== undefined) return { docId, duplicateOf: same, kind: 'identical', overlap: 1 };
    this.exact.set(sig.digest, docId);
    const idx = this.sets.length;
    const mine = { docId, sample: sig.sample, full: sig.full };
    this.sets.push(mine);
    const candidates = new Set<number>();
    for (const bk of sig.bands) for (const other of this.buckets.get(bk) ?? []) candidates.add(other);
    let best: { other: number; overlap: number } | null = null;
    for (const other of [...candidates].sort((x, y) => x - y)) {
      const o = this.sets[other]!;
      const j = mine.full && o.full ? jaccard(mine.full, o.full) : jaccard(mine.sample, o.sample);
      if (j >= this.minOverlap && (!best || j > best.overlap)) best = { other, overlap: j };
    }
    if (best) {
      // Never a candidate for later documents (their first match is the earlier one): not kept.
      this.sets.pop();
      return { docId, duplicateOf: this.sets[best.other]!.docId, kind: 'near', overlap: Math.round(best.overlap * 1000) / 1000 };
    }
    for (const bk of sig.bands) {
      const list = this.buckets.get(bk);
      if (list) list.push(idx);
      else this.buckets.set(bk, [idx]);
    }
    return null;
  }
}

/**
 * Identical and near-identical documents. Each document is compared with the earlier ones; a
 * document that duplicates several is reported against the first. Documents with no text are never
 * duplicates. `normalized`: the texts are normalised already.
 */
export function findDuplicates(docs: readonly DuplicateInput[], opts: { normalized?: boolean; minOverlap?: number } = {}): DuplicateMatch[] {
  const finder = new DuplicateFinder(opts.minOverlap);
  const out: DuplicateMatch[] = [];
  for (const d of docs) {
    const m = finder.add(d.docId, duplicateSignature(d.text, opts.normalized));
    if (m) out.push(m);
  }
  return out;
}
