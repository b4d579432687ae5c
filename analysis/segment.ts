// Segmentation: jieba-wasm with the formulation lexicon loaded, so that each lexicon entry (and
// each user word) comes out as one token. The jieba module is passed in: Node uses the sync build
// ('jieba-wasm' under require), the browser the web build after `await init()`. analysis/ never
// imports it itself.
import type { Lexicon } from './lexicon';

/** The part of the jieba-wasm module we use (same shape in its node and web builds). */
export interface JiebaLike {
  cut(text: string, hmm?: boolean): string[];
  add_word(word: string, freq?: number, tag?: string): number;
}

export interface Segmenter {
  cut(text: string): string[];
  /**
   * Dictionary words only (no guessing of unknown words: jieba without its HMM), for checking that a
   * pattern match does not cut a word. Optional; without it the `cut` tokens are used.
   */
  words?(text: string): string[];
}

/**
 * Frequency given to lexicon and user words. jieba picks the route with the highest product of word
 * probabilities; a frequency far above ordinary words (the default dictionary tops out around 10^6
 * for 的) makes a listed formulation beat any split of it, even long ones such as
 * 「习近平新时代中国特色社会主义思想」.
 */
export const LEXICON_WORD_FREQ = 2_000_000;

/**
 * jieba only forms words out of runs of these characters (jieba-rs's "han" pattern); a form with
 * punctuation in it (「不忘初心、牢记使命」) can never be one token, so it is not added. Such forms are
 * still counted as formulations by exact phrase match.
 */
const JIEBA_WORD = /^[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+$/;

/** Every form worth adding to jieba: lexicon terms and aliases plus user words, deduplicated. */
export function segmenterWords(lexicon: Lexicon, userWords: string[] = []): string[] {
  const words = new Set<string>();
  for (const e of lexicon) {
    // An alias that contains the term (中央八项规定 ⊃ 八项规定) would only hide the term's own token;
    // the term inside it is a token already.
    const forms = [e.term, ...e.aliases.filter((a) => !a.includes(e.term))];
    for (const f of forms) if (f.length >= 2 && JIEBA_WORD.test(f)) words.add(f);
  }
  for (const w of userWords) {
    const t = w.trim();
    if (t.length >= 2 && JIEBA_WORD.test(t)) words.add(t);
  }
  return [...words];
}

/**
 * Wrap a jieba module as a Segmenter with the lexicon and user words added. jieba keeps added words
 * in one global instance shared by every caller, so this re-adds them on each call (cheap: a few
 * hundred words) — after a worker restart, a fresh instance gets them again.
 */
export function createSegmenter(jieba: JiebaLike, opts: { lexicon: Lexicon; userWords?: string[] }): Segmenter {
  for (const w of segmenterWords(opts.lexicon, opts.userWords)) jieba.add_word(w, LEXICON_WORD_FREQ);
  return {
    cut(text: string): string[] {
      if (!text) return [];
      return jieba.cut(text, true);
    },
    words(text: string): string[] {
      if (!text) return [];
      return jieba.cut(text, false);
    },
  };
}

/** A document's word tokens with where they are: the segmenter's output, lexicon entries first. */
export interface Tokenized {
  tokens: string[];
  /** Offsets of each token in the normalised text ([start, end)). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where the token is a lexicon entry matched before segmentation. */
  lexical: Uint8Array;
}

/** A lexicon match to keep as one token, in match-text offsets (see analysis/counting MatchText). */
export interface TokenSpan {
  start: number;
  end: number;
}

/**
 * Segment a normalised text with lexicon entries matched first (the counting model's rule): the
 * leftmost, then longest, of the given matches are kept as whole tokens, never overlapping, so the
 * segmenter can never split an entry (「不忘初心、牢记使命」, 「“四强”党支部」 included: such a token is
 * the entry's form without quote marks and spaces). Text between them is cut line by line by the
 * segmenter (jieba never joins across a line, and memory stays flat on long texts).
 * `key`/`pos` are the text's match text (analysis/counting matchText).
 */
export function segmentWithLexicon(
  text: string,
  mt: { key: string; pos: Int32Array },
  matches: readonly TokenSpan[],
  segmenter: Segmenter,
): Tokenized {
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const lexical: number[] = [];
  const cutPiece = (from: number, to: number) => {
    let lineStart = from;
    while (lineStart < to) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > to) lineEnd = to;
      if (lineEnd > lineStart) {
        let at = lineStart;
        for (const t of segmenter.cut(text.slice(lineStart, lineEnd))) {
          // The segmenter returns pieces that concatenate to its input; offsets follow from lengths.
          tokens.push(t);
          starts.push(at);
          at += t.length;
          ends.push(Math.min(at, lineEnd));
          lexical.push(0);
        }
      }
      lineStart = lineEnd + 1;
    }
  };
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  let done = 0;
  let lastEnd = -1;
  for (const m of sorted) {
    if (m.start < lastEnd || m.end <= m.start) continue;
    lastEnd = m.end;
    const s = mt.pos[m.start]!;
    const e = mt.pos[m.end - 1]! + 1;
    cutPiece(done, s);
    tokens.push(mt.key.slice(m.start, m.end));
    starts.push(s);
    ends.push(e);
    lexical.push(1);
    done = e;
  }
  cutPiece(done, text.length);
  return { tokens, starts: Int32Array.from(starts), ends: Int32Array.from(ends), lexical: Uint8Array.from(lexical) };
}
