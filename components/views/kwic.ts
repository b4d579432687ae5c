// Keyword-in-context lines, computed from a document's text when analysis/aggregate offers none.
// Pure. Line breaks inside a context are shown as a space so each line stays one row.

export interface KwicLine {
  left: string;
  match: string;
  right: string;
  /** Character offset of the match in the text searched. */
  offset: number;
}

/** Characters of context shown on each side; a Chinese clause is usually 8–20 characters. */
export const KWIC_WIDTH = 24;

const LINE_BREAKS = /\s*[\r\n]+\s*/g;

/** Every non-overlapping occurrence of `term` in `text` with `width` characters either side. */
export function kwicLocal(text: string, term: string, width = KWIC_WIDTH): KwicLine[] {
  const out: KwicLine[] = [];
  if (!term) return out;
  let from = 0;
  for (;;) {
    const i = text.indexOf(term, from);
    if (i < 0) break;
    out.push({
      left: text.slice(Math.max(0, i - width), i).replace(LINE_BREAKS, ' '),
      match: term,
      right: text.slice(i + term.length, i + term.length + width).replace(LINE_BREAKS, ' '),
      offset: i,
    });
    from = i + term.length;
  }
  return out;
}
