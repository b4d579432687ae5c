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
 * each side. Texts are searched in the order given; occurrences in text order.
 */
export function kwic(texts: { docId: string; text: string }[], query: string, width = 20, opts: KwicOptions = {}): KwicLine[] {
  const normalize = opts.normalize ?? true;
  const q = normalize ? normalizeForAnalysis(query).replace(/\n/g, '') : query;
  const out: KwicLine[] = [];
  if (!q) return out;
  const limit = opts.limit ?? Infinity;
  const w = Math.max(0, Math.floor(width));
  for (const doc of texts) {
    const text = normalize ? normalizeForAnalysis(doc.text ?? '') : doc.text ?? '';
    for (let i = text.indexOf(q); i !== -1; i = text.indexOf(q, i + q.length)) {
      if (out.length >= limit) return out;
      out.push({
        docId: doc.docId,
        left: flat(text.slice(Math.max(0, i - w), i)),
        match: text.slice(i, i + q.length),
        right: flat(text.slice(i + q.length, i + q.length + w)),
        offset: i,
      });
    }
  }
  return out;
}
