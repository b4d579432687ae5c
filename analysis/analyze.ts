// One document's analysis: normalise, segment, count terms, find formulations, read the outline.
// The result (DocAnalysis) is stored; corpus aggregates are computed from stored results.
import type { DocAnalysis } from './types';
import type { Lexicon } from './lexicon';
import type { Segmenter } from './segment';
import { normalizeForAnalysis } from './normalize';
import { countTerms } from './terms';
import { findFormulations, lexiconMatches } from './formulations';
import { documentLength, matchText } from './counting';
import { segmentWithLexicon, type Tokenized } from './segment';
import { bodyStats, extractOutline } from './structure';

export interface AnalysisContext {
  segmenter: Segmenter;
  lexicon: Lexicon;
  stopwords: Set<string>;
  /** analysisVersion(lexicon, userWords, stopwords): stored with each result to detect stale ones. */
  version: string;
}

/**
 * Bumped by hand whenever the analysis code changes what it produces (normalisation, patterns,
 * counting rules), so results stored by an older build are recomputed.
 */
export const ANALYSIS_CODE_VERSION = '6';

/** FNV-1a, 32 bit: a small, stable, dependency-free hash (not for security). */
function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Version string of an analysis setup: the code version plus a hash of the lexicon, the user words
 * and the stopwords (order-independent). Equal setups give equal strings in Node and in the browser.
 */
export function analysisVersion(lexicon: Lexicon, userWords: string[] = [], stopwords: Iterable<string> = []): string {
  const lex = lexicon
    .map((e) => `${e.term}\u0001${e.category}\u0001${[...e.aliases].sort().join('\u0002')}`)
    .sort()
    .join('\n');
  const words = [...new Set(userWords)].sort().join('\n');
  const stops = [...new Set(stopwords)].sort().join('\n');
  const payload = `${lex}\u0003${words}\u0003${stops}`;
  const h1 = fnv1a(payload).toString(16).padStart(8, '0');
  const h2 = fnv1a(payload, 0x01234567).toString(16).padStart(8, '0');
  return `a${ANALYSIS_CODE_VERSION}-${h1}${h2}`;
}

/**
 * Analyse one document. `text` may be raw (as stored or as read from a file): it is normalised here.
 * The lexicon is matched first (one automaton pass over the match text, analysis/counting), then
 * the text between entries is segmented, so an entry is never split into words.
 */
export function analyzeDocument(input: { docId: string; text: string }, ctx: AnalysisContext): DocAnalysis {
  return analyzeDocumentWithTokens(input, ctx).analysis;
}

/** analyzeDocument, also giving the normalised text and its tokens (for corpus-wide passes such as recurring phrases). */
export function analyzeDocumentWithTokens(
  input: { docId: string; text: string },
  ctx: AnalysisContext,
): { analysis: DocAnalysis; text: string; tokenized: Tokenized } {
  const text = normalizeForAnalysis(input.text ?? '');
  const mt = matchText(text);
  const tokenized = segmentWithLexicon(text, mt, lexiconMatches(mt, ctx.lexicon), ctx.segmenter);
  const stats = bodyStats(text);
  const analysis: DocAnalysis = {
    docId: input.docId,
    version: ctx.version,
    chars: documentLength(input.text ?? ''),
    terms: countTerms(tokenized.tokens, ctx.stopwords),
    formulations: findFormulations(text, { lexicon: ctx.lexicon, stopwords: ctx.stopwords, tokens: tokenized, mt, segmenter: ctx.segmenter }),
    outline: extractOutline(text),
    stats,
  };
  return { analysis, text, tokenized };
}
