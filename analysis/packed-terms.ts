// Term counts held compactly, for a process that keeps thousands of analyses at once (the
// dashboard's aggregation worker). A stored analysis lists its terms as [term, count] pairs: at
// about 2,000 terms a document, 10,000 documents are 20 million small arrays, which IndexedDB
// deserialises in about 20 s and which take most of a gigabyte of heap. Here a document's terms are
// two Int32Arrays (term ids into one vocabulary shared by every document, and counts), in the
// stored order, and its stored copy (utils/db analysisPacks) is one string and one Int32Array,
// which structured clone copies without building an object per term.
//
// PackedTerms is iterable as [term, count] pairs in the stored order and has a length, so every
// sum of analysis/ reads it exactly as it reads the stored list (TermCounts): the numbers cannot differ.
import type { TermCounts } from './types';

/** The words of many documents, each kept once and named by a small integer. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];

  /** The id of `word`, given a new one if it is new. */
  intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  /** The id of `word`, or undefined when no document holds it. */
  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  get size(): number {
    return this.words.length;
  }
}

/** One document's term counts over a shared vocabulary, in the order they were listed. */
export class PackedTerms implements TermCounts {
  /** Positions ordered by term id, built on the first lookup (most documents are only summed). */
  private byId: Int32Array | null = null;

  constructor(
    private readonly vocabulary: Vocabulary,
    readonly ids: Int32Array,
    readonly counts: Int32Array,
  ) {}

  get length(): number {
    return this.ids.length;
  }

  [Symbol.iterator](): Iterator<readonly [string, number]> {
    const { ids, counts } = this;
    const words = this.vocabulary.words;
    let i = 0;
    return {
      next: (): IteratorResult<readonly [string, number]> => {
        if (i >= ids.length) return { value: undefined, done: true };
        const value = [words[ids[i]!]!, counts[i]!] as const;
        i++;
        return { value, done: false };
      },
    };
  }

  /** The count of `term`: the sum of its listings (a stored list names each term once), or 0. */
  count(term: string): number {
    const id = this.vocabulary.idOf(term);
    if (id === undefined) return 0;
    const order = (this.byId ??= sortedPositions(this.ids));
    const { ids, counts } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[order[mid]!]! < id) lo = mid + 1;
      else hi = mid;
    }
    let sum = 0;
    for (let k = lo; k < order.length && ids[order[k]!] === id; k++) sum += counts[order[k]!]!;
    return sum;
  }
}

function sortedPositions(ids: Int32Array): Int32Array {
  const order = Int32Array.from(ids.keys());
  // Stable by position within one id (Array.prototype.sort and TypedArray sort are both stable).
  order.sort((x, y) => ids[x]! - ids[y]! || x - y);
  return order;
}

/** Counts by term of any term list (a term listed twice counts the sum): a packed list looks each up, a list of pairs becomes a Map. */
export function termLookup(terms: TermCounts): { get(term: string): number | undefined } {
  if (terms instanceof PackedTerms) return { get: (term) => terms.count(term) };
  const m = new Map<string, number>();
  for (const [t, c] of terms) m.set(t, (m.get(t) ?? 0) + c);
  return m;
}

/** The sum of a term list's counts. */
export function totalOfTerms(terms: TermCounts): number {
  if (terms instanceof PackedTerms) {
    let s = 0;
    for (const c of terms.counts) s += c;
    return s;
  }
  let s = 0;
  for (const [, c] of terms) s += c;
  return s;
}

/**
 * The stored form of a term list: its words in one string (joined by a line break, which no term
 * holds: terms are cut from lines) and its counts. A list holding a line break or an empty term
 * (damaged or foreign data) keeps its words as a list instead, so nothing is ever split wrongly.
 */
export interface StoredTermPack {
  words: string | string[];
  counts: Int32Array;
}

const SEPARATOR = '\n';

export function packTerms(terms: TermCounts): StoredTermPack {
  const words: string[] = [];
  const counts = new Int32Array(terms.length);
  let i = 0;
  let joinable = true;
  for (const [t, c] of terms) {
    const word = String(t);
    if (word === '' || word.includes(SEPARATOR)) joinable = false;
    words.push(word);
    counts[i++] = Number(c) | 0;
  }
  return { words: joinable ? words.join(SEPARATOR) : words, counts: i === counts.length ? counts : counts.slice(0, i) };
}

/** A stored pack as PackedTerms over `vocabulary` (its words interned there). */
export function unpackTerms(pack: StoredTermPack, vocabulary: Vocabulary): PackedTerms {
  const words = typeof pack.words === 'string' ? (pack.words === '' ? [] : pack.words.split(SEPARATOR)) : pack.words;
  const n = Math.min(words.length, pack.counts.length);
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = vocabulary.intern(words[i]!);
  return new PackedTerms(vocabulary, ids, n === pack.counts.length ? pack.counts : pack.counts.slice(0, n));
}
