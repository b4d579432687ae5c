// Keyness: which terms distinguish subset A from subset B ("2020 vs 2024", "org A vs org B").
// Log-likelihood G2 (Dunning 1993, in the two-cell form of Rayson & Garside 2000) for significance,
// and the log ratio (Hardie 2014) for effect size.
import type { HeldAnalysis } from './types';

export interface KeynessRow {
  term: string;
  /** Occurrences in A and in B. */
  a: number;
  b: number;
  /** Rates per 10,000 tokens of each subset. */
  per10kA: number;
  per10kB: number;
  /** Log-likelihood; > 3.84 ≈ p < 0.05, > 10.83 ≈ p < 0.001 (1 degree of freedom). */
  g2: number;
  /** log2 of the ratio of relative frequencies, zero counts taken as 0.5 (positive: more frequent in A). */
  logRatio: number;
  /** Which subset the term is key for. */
  direction: 'a' | 'b';
}

export interface KeynessOptions {
  /** Ignore terms with fewer occurrences in A and B together. Default 5. */
  minCount?: number;
  /** Keep only terms with G2 at least this. Default 0 (keep all). */
  minG2?: number;
  /** Keep at most this many rows (after sorting). Default: all. */
  limit?: number;
}

/** G2 for a term seen a times in a corpus of A tokens and b times in one of B tokens. */
export function logLikelihood(a: number, b: number, totalA: number, totalB: number): number {
  const n = totalA + totalB;
  if (n === 0 || totalA === 0 || totalB === 0) return 0;
  const ea = (totalA * (a + b)) / n;
  const eb = (totalB * (a + b)) / n;
  let g2 = 0;
  if (a > 0) g2 += a * Math.log(a / ea);
  if (b > 0) g2 += b * Math.log(b / eb);
  return 2 * g2;
}

/** log2 ratio of relative frequencies, with 0.5 in place of a zero count. */
export function logRatio(a: number, b: number, totalA: number, totalB: number): number {
  if (totalA === 0 || totalB === 0) return 0;
  const fa = (a === 0 ? 0.5 : a) / totalA;
  const fb = (b === 0 ? 0.5 : b) / totalB;
  return Math.log2(fa / fb);
}

function sumTerms(docs: HeldAnalysis[]): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const d of docs) {
    for (const [t, c] of d.terms) {
      counts.set(t, (counts.get(t) ?? 0) + c);
      total += c;
    }
  }
  return { counts, total };
}

/**
 * Keyness of every term between two subsets of analysed documents, from their stored term counts
 * (corpus sizes are the token totals after stopword removal). Sorted by G2, highest first.
 */
export function keyness(a: HeldAnalysis[], b: HeldAnalysis[], opts: KeynessOptions = {}): KeynessRow[] {
  const minCount = opts.minCount ?? 5;
  const minG2 = opts.minG2 ?? 0;
  const A = sumTerms(a);
  const B = sumTerms(b);
  const terms = new Set<string>([...A.counts.keys(), ...B.counts.keys()]);
  const rows: KeynessRow[] = [];
  for (const term of terms) {
    const ca = A.counts.get(term) ?? 0;
    const cb = B.counts.get(term) ?? 0;
    if (ca + cb < minCount) continue;
    const g2 = logLikelihood(ca, cb, A.total, B.total);
    if (g2 < minG2) continue;
    const lr = logRatio(ca, cb, A.total, B.total);
    rows.push({
      term,
      a: ca,
      b: cb,
      per10kA: A.total ? (ca * 10000) / A.total : 0,
      per10kB: B.total ? (cb * 10000) / B.total : 0,
      g2,
      logRatio: lr,
      direction: ca / (A.total || 1) >= cb / (B.total || 1) ? 'a' : 'b',
    });
  }
  rows.sort((x, y) => y.g2 - x.g2 || Math.abs(y.logRatio) - Math.abs(x.logRatio) || (x.term < y.term ? -1 : 1));
  return opts.limit !== undefined ? rows.slice(0, opts.limit) : rows;
}
