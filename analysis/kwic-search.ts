// KWIC over a set of documents, as the dashboard shows it: the documents whose analysis mentions the
// term (or, for a phrase no analysis knows, the first documents of the set), read one text at a
// time until enough contexts are found. Runs where the texts are read: the aggregation worker (see
// ./queries, 'kwic'). Pure apart from the text reader it is given.
import { mentions, trendYear, type AnalysedDoc } from './corpus';
import { kwic, type KwicLine as FoundLine } from './kwic';
import type { DocFacet } from './types';

import { KWIC_MAX_BLIND_DOCS, KWIC_MAX_LINES, KWIC_WIDTH } from './kwic-limits';

export { KWIC_MAX_BLIND_DOCS, KWIC_MAX_LINES, KWIC_WIDTH };

/** Longest stretch of searching before other work gets a turn (cancel messages, other queries). */
const KWIC_SLICE_MS = 30;

export type KwicLine = Omit<FoundLine, 'docId'>;

export interface KwicRow extends KwicLine {
  docId: string;
  title: string;
  year: number | null;
  org: string;
}

export interface KwicResult {
  rows: KwicRow[];
  /** Contexts found in the documents searched. */
  total: number;
  /** Documents with at least one context. */
  docs: number;
  /** Documents searched, of `candidates`: reading stops once KWIC_MAX_LINES contexts are shown. */
  searched: number;
  candidates: number;
}

/** Documents to search: those whose analysis mentions the term, else (unknown phrase) `fallback`, capped. */
export function kwicCandidates(term: string, analysed: readonly AnalysedDoc[], fallback: readonly DocFacet[]): DocFacet[] {
  const hits = analysed.filter((d) => mentions(d.analysis, term)).map((d) => d.facet);
  return hits.length ? hits : fallback.slice(0, KWIC_MAX_BLIND_DOCS);
}

/**
 * Default search: on the analysis's normalised text (simplified script, repaired line breaks), so
 * contexts are found exactly where the counts were made, traditional-script documents included.
 */
function normalisedFind(text: string, term: string): KwicLine[] {
  return kwic([{ docId: '', text }], term, KWIC_WIDTH);
}

export async function collectKwic(
  term: string,
  docs: readonly DocFacet[],
  getText: (id: string) => Promise<string>,
  find: (text: string, term: string) => KwicLine[] = normalisedFind,
  isCancelled: () => boolean = () => false,
): Promise<KwicResult> {
  const rows: KwicRow[] = [];
  let total = 0;
  let docCount = 0;
  let searched = 0;
  let sliceStart = Date.now();
  for (const f of docs) {
    // Enough to show: the remaining documents are not read (each read is a database round trip).
    if (isCancelled() || rows.length >= KWIC_MAX_LINES) break;
    // Texts in memory resolve at once, so without a pause the whole search would be one task.
    if (Date.now() - sliceStart > KWIC_SLICE_MS) {
      await new Promise((r) => setTimeout(r, 0));
      sliceStart = Date.now();
      if (isCancelled()) break;
    }
    searched += 1;
    let text = '';
    try {
      text = await getText(f.docId);
    } catch {
      continue; // a deleted or unreadable document leaves no contexts; the others still show
    }
    const lines = find(text, term);
    if (!lines.length) continue;
    docCount += 1;
    total += lines.length;
    for (const l of lines) {
      if (rows.length >= KWIC_MAX_LINES) break;
      rows.push({ left: l.left, match: l.match, right: l.right, offset: l.offset, docId: f.docId, title: f.title, year: trendYear(f), org: f.org });
    }
  }
  return { rows, total, docs: docCount, searched, candidates: docs.length };
}
