// Keyword in context: every occurrence of a term or phrase with the text around it.
import { normalizeForAnalysis } from './normalize';
import { matchText, phraseKey, phraseSpans, plainKey } from './counting';

export interface KwicLine {
  docId: string;
  left: string;
  match: string;
  right: string;
  /** Offset of the match in the text searched (the normalised text when `normalize` is on). */
  offset: number;
}

export interface KwicOptions {
  /** Normalise texts and query first (traditional → simplified, broken lines joined). Default true. */
  normalize?: boolean;
  /** Stop after this many lines in all (the dashboard pages through them). Default: no limit. */
  limit?: number;
}

/** Line breaks in a context window are shown as a space: one KWIC row stays one line. */
function flat(s: string): string {
  return s.replace(/\n+/g, ' ');
}

/**
 * Every occurrence of `query` in each text, by the counting model (analysis/counting.ts): the same
 * matches countPhrase counts, so a list has exactly as many contexts as the phrase has occurrences
 * (line breaks, spaces and quote marks inside a match ignored: “四强”党支部 is a context of 四强党支部).
 * `query` may be several forms (a lexicon entry with its aliases): at each position the longest form
 * that matches is taken. `width` characters of context on each side. Texts in the order given;
 * occurrences in text order.
 */
export function kwic(texts: { docId: string; text: string }[], query: string | string[], width = 20, opts: KwicOptions = {}): KwicLine[] {
  const normalize = opts.normalize ?? true;
  const forms = [...new Set((Array.isArray(query) ? query : [query]).map((q) => (normalize ? phraseKey(q) : plainKey(q))).filter(Boolean))];
  const out: KwicLine[] = [];
  if (forms.length === 0) return out;
  const limit = opts.limit ?? Infinity;
  const w = Math.max(0, Math.floor(width));
  for (const doc of texts) {
    const text = normalize ? normalizeForAnalysis(doc.text ?? '') : doc.text ?? '';
    for (const span of phraseSpans(matchText(text), forms)) {
      if (out.length >= limit) return out;
      out.push({
        docId: doc.docId,
        left: flat(text.slice(Math.max(0, span.start - w), span.start)),
        match: flat(text.slice(span.start, span.end)),
        right: flat(text.slice(span.end, span.end + w)),
        offset: span.start,
      });
    }
  }
  return out;
}
