// Term counting from a segmented text: tokens minus stopwords and noise, counted with a Map.
import { isNoiseToken } from './stopwords';

/**
 * Shortest term kept. Single characters (局, 市, 化, 新) are mostly fragments of words jieba did not
 * know or grammatical pieces; a single character worth counting (党) can be searched with kwic or
 * added to the lexicon.
 */
export const MIN_TERM_CHARS = 2;

/** Count tokens, dropping stopwords, noise tokens (punctuation, numbers…) and single characters. Most frequent first, ties by first appearance. */
export function countTerms(tokens: string[], stopwords: Set<string>): [string, number][] {
  const counts = new Map<string, number>();
  // The decision per distinct token is cached (a document repeats its words many times):
  // the term to count (trimmed), or null when the token is dropped.
  const termOf = new Map<string, string | null>();
  for (const raw of tokens) {
    let t = termOf.get(raw);
    if (t === undefined) {
      const trimmed = raw.trim();
      t = [...trimmed].length < MIN_TERM_CHARS || stopwords.has(trimmed) || isNoiseToken(trimmed) ? null : trimmed;
      termOf.set(raw, t);
    }
    if (t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // Map keeps insertion order, and sort is stable: ties stay in order of first appearance.
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/**
 * Word n-grams from a token sequence (after dropping stopwords and noise, which also break the
 * sequence: an n-gram never spans a removed token). Returns [ngram joined with no separator, count],
 * most frequent first.
 */
export function ngrams(tokens: string[], n: number, stopwords: Set<string> = new Set()): [string, number][] {
  const counts = new Map<string, number>();
  if (n < 1) return [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i + n <= run.length; i++) {
      const g = run.slice(i, i + n).join('');
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    run = [];
  };
  for (const raw of tokens) {
    const t = raw.trim();
    if (!t || stopwords.has(t) || isNoiseToken(t)) flush();
    else run.push(t);
  }
  flush();
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
