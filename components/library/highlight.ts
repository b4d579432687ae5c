// Splits a text into plain runs and lexicon formulations, for the reader to render as text nodes
// and <mark> spans (never as HTML). Longest form wins where forms overlap (「习近平新时代中国特色
// 社会主义思想」 over 「中国特色社会主义」).
import type { LexiconEntry } from '../../analysis/lexicon';

export interface Segment {
  text: string;
  /** Canonical lexicon term when this run is a formulation (alias forms report their entry). */
  term?: string;
  category?: string;
}

export interface Highlighter {
  split(text: string): Segment[];
}

/** Forms shorter than this are not highlighted: a one-character "term" would mark half the text. */
const MIN_FORM_LENGTH = 2;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createHighlighter(lexicon: readonly LexiconEntry[]): Highlighter {
  const forms = new Map<string, { term: string; category: string }>();
  for (const e of lexicon) {
    for (const f of [e.term, ...e.aliases]) {
      const form = f.trim();
      if (form.length >= MIN_FORM_LENGTH && !forms.has(form)) forms.set(form, { term: e.term, category: e.category });
    }
  }
  if (forms.size === 0) return { split: (text) => (text ? [{ text }] : []) };
  // Alternation tries alternatives in order: longest first gives longest-match.
  const pattern = new RegExp([...forms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return {
    split(text: string): Segment[] {
      const out: Segment[] = [];
      let last = 0;
      for (const m of text.matchAll(pattern)) {
        const start = m.index ?? 0;
        if (start > last) out.push({ text: text.slice(last, start) });
        const hit = forms.get(m[0])!;
        out.push({ text: m[0], term: hit.term, category: hit.category });
        last = start + m[0].length;
      }
      if (last < text.length) out.push({ text: text.slice(last) });
      return out;
    },
  };
}
