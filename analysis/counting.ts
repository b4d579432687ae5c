// The counting model: what every number of Tifa Lens counts. Defined once here; the README, the
// dashboard's line under each table and the CLI's run.json quote COUNTING_MODEL.
//
// Two measures, never mixed:
//
//  * occurrences — of a phrase (a lexicon entry, a discovered formulation, or any phrase a user
//    types, with no dictionary entry needed): non-overlapping matches, taken left to right, in the
//    document's cleaned text after normalisation (normalizeForAnalysis: simplified characters,
//    half-width digits and letters), where line breaks, spaces and quote marks are ignored, so
//    “四强”党支部 counts for 四强党支部 and 政府工作报\n告 for 政府工作报告. A lexicon entry is counted
//    on its own: its forms (term and aliases) together, independently of every other entry, so
//    从严治党 inside 全面从严治党 counts for both. Formulations, Trends, Compare and KWIC use
//    occurrences; a KWIC list has exactly as many contexts as the phrase has occurrences.
//
//  * word tokens — words from the segmenter (jieba, with every lexicon entry matched first and kept
//    as one token), minus stopwords, punctuation, numbers and single characters. Terms, TF-IDF,
//    keyness and n-grams use tokens. A token count of a word can be lower than its occurrence count
//    (社会主义 inside the token 社会主义现代化 is an occurrence, not a token).
//
//  * headings — outline headings (Structure), found by their numbering markers, each once.
//
//  * length — a document's length is the number of characters (Unicode code points) of its
//    cleaned text, whitespace excluded (documentLength). It is the denominator of every per-10k rate.
import { normalizeForAnalysis } from './normalize';

/** Short machine-readable description of the model, written into the CLI's run.json. */
export const COUNTING_MODEL = {
  version: 1,
  occurrences:
    'non-overlapping left-to-right matches of a phrase in the cleaned text after normalisation (simplified Chinese, half-width alphanumerics), ignoring line breaks, spaces and quote marks; each lexicon entry (term and aliases together) counted independently of the others',
  tokens: 'segmenter words with lexicon entries matched first as single tokens; stopwords, punctuation, numbers and single characters dropped',
  length: 'characters (code points) of the cleaned text, whitespace excluded; the denominator of per_10k',
  per_10k: 'count × 10000 / length',
  quoted: 'count = occurrences written inside quote marks; occurrences = all occurrences',
  headings: 'outline headings recognised by their numbering markers, each heading once; docs = documents with at least one such heading',
  /**
   * What each view and file counts, by measure (the dashboard's line under each chart and table
   * says the same): Trends counts occurrences for every term, lexicon entries and typed phrases
   * alike; only the CLI's trends.csv also lists the top word tokens (its rows of kind `term`).
   */
  uses: {
    occurrences: [
      'formulations (list, organisation × formulation heatmap, timeline)',
      'trends (lexicon entries and typed phrases)',
      'compare (formulations added and dropped)',
      'kwic (one context per occurrence)',
      'slogans.csv',
      'trends.csv (rows of kind lexicon)',
    ],
    tokens: ['terms', 'terms.csv (count, per_10k, docs, tfidf)', 'compare (keywords: log-likelihood and log ratio)', 'ngrams.csv', 'trends.csv (rows of kind term)'],
    headings: ['structure (heading levels, lead verbs, parallel patterns)', 'structure.csv'],
    length: ['documents.csv chars', 'library length', 'structure (document length)', 'every per_10k'],
  },
} as const;

/** Characters ignored when matching a phrase: whitespace (line breaks included) and quote marks. */
const IGNORED_CODES = new Set<number>([...' \t\n\r\u00A0\u3000\u2028\u2029“”‘’「」『』"\''].map((c) => c.charCodeAt(0)));

/** The text the matcher searches, and where each of its code units is in the text it came from. */
export interface MatchText {
  key: string;
  /** pos[k] = offset in the original text of key[k]; pos[key.length] = original length. */
  pos: Int32Array;
}

/** Drop the ignored characters of an (already normalised) text, keeping a map back to it. */
export function matchText(normalized: string): MatchText {
  const pos = new Int32Array(normalized.length + 1);
  const parts: string[] = [];
  let k = 0;
  let runStart = 0;
  for (let i = 0; i < normalized.length; i++) {
    if (IGNORED_CODES.has(normalized.charCodeAt(i))) {
      if (i > runStart) parts.push(normalized.slice(runStart, i));
      runStart = i + 1;
      continue;
    }
    pos[k++] = i;
  }
  if (runStart < normalized.length) parts.push(normalized.slice(runStart));
  pos[k] = normalized.length;
  return { key: parts.join(''), pos: pos.slice(0, k + 1) };
}

/** A phrase as the matcher looks for it: normalised like a text, ignored characters removed. */
export function phraseKey(phrase: string): string {
  return matchText(normalizeForAnalysis(phrase ?? '')).key;
}

/** A phrase already in simplified form (lexicon data, a phrase found in a normalised text): ignored characters removed only. */
export function plainKey(phrase: string): string {
  let out = '';
  for (let i = 0; i < phrase.length; i++) if (!IGNORED_CODES.has(phrase.charCodeAt(i))) out += phrase[i];
  return out;
}

/** Non-overlapping occurrences of `needle` in `haystack`, left to right (no normalisation). */
export function countIn(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Occurrences of any phrase in a normalised text (the model above). `phrase` is normalised here, so
 * a user may type it in traditional characters or with spaces; no dictionary entry is needed.
 */
export function countPhrase(normalizedText: string, phrase: string): number {
  return countIn(matchText(normalizedText).key, phraseKey(phrase));
}

/** A match of a phrase, as offsets in the normalised text (end exclusive), with the form matched. */
export interface PhraseSpan {
  start: number;
  end: number;
  /** Index of the form (in the list given) that matched. */
  form: number;
}

/**
 * Occurrences of one phrase given as several forms (a lexicon entry with its aliases, keys as from
 * phraseKey), in a match text: left to right, the longest form at each position, never overlapping
 * one already taken. Offsets are in the original normalised text.
 */
export function phraseSpans(mt: MatchText, formKeys: readonly string[]): PhraseSpan[] {
  const forms = formKeys.map((f, i) => ({ f, i })).filter((x) => x.f.length > 0);
  forms.sort((a, b) => b.f.length - a.f.length);
  const out: PhraseSpan[] = [];
  if (forms.length === 0) return out;
  const next = forms.map(({ f }) => mt.key.indexOf(f));
  let from = 0;
  for (;;) {
    let at = -1;
    let best = -1;
    for (let j = 0; j < forms.length; j++) {
      if (next[j]! !== -1 && next[j]! < from) next[j] = mt.key.indexOf(forms[j]!.f, from);
      const n = next[j]!;
      if (n !== -1 && (at === -1 || n < at)) {
        at = n;
        best = j;
      }
    }
    if (at === -1) return out;
    const len = forms[best]!.f.length;
    out.push({ start: mt.pos[at]!, end: mt.pos[at + len - 1]! + 1, form: forms[best]!.i });
    from = at + len;
  }
}

/**
 * A document's length: characters (code points, so a rare ideograph outside the BMP is one) of its
 * cleaned text, whitespace excluded. The one length of the product: documents.csv `chars`, the
 * Library, and every per-10k denominator.
 */
export function documentLength(text: string): number {
  const t = text ?? '';
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // A low surrogate is the second half of a character already counted.
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (isSpaceCode(c)) continue;
    n++;
  }
  return n;
}

/** The code units JavaScript's \\s matches (ASCII whitespace, NBSP, ideographic space, line separators, BOM…). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
