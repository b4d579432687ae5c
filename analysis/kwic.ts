// Keyword in context: every occurrence of a term or phrase with the text around it.
import { normalizeForAnalysis } from './normalize';

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
 * All non-overlapping occurrences of `query` in each text, with `width` characters of context on
 * each side. `query` may be several forms (a lexicon entry with its aliases): at each position the
 * longest form that matches is taken. Texts are searched in the order given; occurrences in text order.
 */
export function kwic(texts: { docId: string; text: string }[], query: string | string[], width = 20, opts: KwicOptions = {}): KwicLine[] {
  const normalize = opts.normalize ?? true;
  const forms = [...new Set((Array.isArray(query) ? query : [query]).map((q) => (normalize ? normalizeForAnalysis(q).replace(/\n/g, '') : q)).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const out: KwicLine[] = [];
  if (forms.length === 0) return out;
  const limit = opts.limit ?? Infinity;
  const w = Math.max(0, Math.floor(width));
  for (const doc of texts) {
    const text = normalize ? normalizeForAnalysis(doc.text ?? '') : doc.text ?? '';
    let i = 0;
    while (i < text.length) {
      // Earliest occurrence of any form; the longest form at that position.
      let at = -1;
      let len = 0;
      for (const f of forms) {
        const j = text.indexOf(f, i);
        if (j !== -1 && (at === -1 || j < at || (j === at && f.length > len))) {
          at = j;
          len = f.length;
        }
      }
      if (at === -1) break;
      if (out.length >= limit) return out;
      out.push({
        docId: doc.docId,
        left: flat(text.slice(Math.max(0, at - w), at)),
        match: text.slice(at, at + len),
        right: flat(text.slice(at + len, at + len + w)),
        offset: at,
      });
      i = at + len;
    }
  }
  return out;
}
