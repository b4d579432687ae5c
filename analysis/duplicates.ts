// Duplicate documents: the same text filed twice (a city that republishes the national report, a
// page captured from two addresses). Pure; the CLI writes `duplicate_of`, the dashboard shows a badge
// and can count each text once.
//
// Two documents are duplicates when their cleaned texts, normalised (analysis/normalize) and with
// whitespace and quote marks left out (the counting model's match text), are equal, or when their
// sets of character 5-gram shingles overlap by at least DUPLICATE_MIN_OVERLAP (Jaccard). Candidates
// come from MinHash signatures banded into buckets (locality-sensitive hashing), so the pairs
// compared stay near-linear in the number of documents; each candidate pair is then confirmed on
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

/** Distinct shingle hashes of a key text (sorted, for exact overlap by merging). */
function shingles(key: string): Uint32Array {
  const set = new Set<number>();
  if (key.length <= SHINGLE_CHARS) {
    if (key) set.add(fnv(key, 0x811c9dc5));
  } else {
    for (let i = 0; i + SHINGLE_CHARS <= key.length; i++) set.add(fnv(key.slice(i, i + SHINGLE_CHARS), 0x811c9dc5));
  }
  return Uint32Array.from(set).sort();
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
 * Identical and near-identical documents. Each document is compared with the earlier ones; a
 * document that duplicates several is reported against the first. Documents with no text are never
 * duplicates. `normalized`: the texts are normalised already.
 */
export function findDuplicates(docs: readonly DuplicateInput[], opts: { normalized?: boolean; minOverlap?: number } = {}): DuplicateMatch[] {
  const minOverlap = opts.minOverlap ?? DUPLICATE_MIN_OVERLAP;
  const out: DuplicateMatch[] = [];
  const exact = new Map<string, number>();
  const sets: ({ sample: Uint32Array; full: Uint32Array | null } | null)[] = [];
  const buckets = new Map<string, number[]>();
  docs.forEach((d, idx) => {
    const key = duplicateKey(d.text, opts.normalized);
    if (!key) {
      sets.push(null);
      return;
    }
    const digest = `${key.length}:${fnv(key, 0x811c9dc5)}:${fnv(key, 0x01234567)}`;
    const same = exact.get(digest);
    if (same !== undefined) {
      out.push({ docId: d.docId, duplicateOf: docs[same]!.docId, kind: 'identical', overlap: 1 });
      sets.push(null);
      return;
    }
    exact.set(digest, idx);
    const sh = shingles(key);
    const sample = sh.filter((h) => h % SAMPLE_MOD === 0);
    const mine = { sample, full: sample.length < SAMPLE_MIN ? sh : null };
    sets.push(mine);
    const sig = new Uint32Array(BANDS * ROWS).fill(0xffffffff);
    for (const h of sh) {
      for (let k = 0; k < sig.length; k++) {
        const v = mix(h, k);
        if (v < sig[k]!) sig[k] = v;
      }
    }
    const candidates = new Set<number>();
    const bandKeys: string[] = [];
    for (let b = 0; b < BANDS; b++) {
      const bk = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      bandKeys.push(bk);
      for (const other of buckets.get(bk) ?? []) candidates.add(other);
    }
    let best: { other: number; overlap: number } | null = null;
    for (const other of [...candidates].sort((x, y) => x - y)) {
      const o = sets[other];
      if (!o) continue;
      const j = mine.full && o.full ? jaccard(mine.full, o.full) : jaccard(mine.sample, o.sample);
      if (j >= minOverlap && (!best || j > best.overlap)) best = { other, overlap: j };
    }
    if (best) {
      out.push({ docId: d.docId, duplicateOf: docs[best.other]!.docId, kind: 'near', overlap: Math.round(best.overlap * 1000) / 1000 });
      return;
    }
    for (const bk of bandKeys) {
      const list = buckets.get(bk);
      if (list) list.push(idx);
      else buckets.set(bk, [idx]);
    }
  });
  return out;
}
