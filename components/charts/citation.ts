// What an exported chart says about itself, so a PNG pasted into a paper can be cited on its own:
// a title, the filter in words, the measure and its unit, how many documents it shows, and the
// export date. The lines are composed here (pure, tested); ChartCanvas draws them into a header
// and a footer band around the chart.
import type { Filters } from '../dashboard/filters';
import { LEFT_OUT_REASONS, type LeftOutReason } from '../../analysis/aggregate';
import { t, type Lang, type MessageKey } from '../../utils/i18n';
import { isoDay } from './download';

/** What a chart tells its PNG: given by each view for each chart. */
export interface ChartCitation {
  /** The measure and its unit, e.g. "occurrences per 10,000 characters". */
  measure: string;
  /** Documents the chart's numbers are computed over. */
  docs: number;
  /** Heading of the PNG; the chart's accessible label when absent. */
  title?: string;
  /**
   * Which documents the chart covers when not the dashboard's filter: 'library' for the whole
   * library (Compare's option), or a sentence of the view's own (e.g. the two subsets compared).
   */
  scope?: 'filter' | 'library';
  /** A further line under the filter, e.g. "A: 2010–2015 (6 documents) · B: 2016–2024 (9 documents)". */
  detail?: string;
  /** The documents of the filter the chart counts and those it left out and why: the same words as the note under the chart. */
  coverage?: CiteCoverage;
}

/** Counts of a chart's coverage (components/views/common citeCoverage). */
export interface CiteCoverage {
  shown: number;
  inFilter: number;
  leftOut: Record<LeftOutReason, number>;
}

/** How each reason for leaving a document out is named (the note under a chart and its PNG). */
export const LEFT_OUT_WORDS: Record<LeftOutReason, MessageKey> = {
  duplicate: 'leftOut.duplicate',
  notAnalysed: 'leftOut.notAnalysed',
  noYear: 'leftOut.noYear',
  noOrg: 'leftOut.noOrg',
};

/** "Showing 18 of 20 documents in the filter. 2 left out: duplicates (1), no year (1)", as the note under a chart says it. */
export function coverageInWords(cov: CiteCoverage, lang: Lang): string {
  const shown = t('leftOut.showing', { shown: cov.shown, total: cov.inFilter }, lang);
  const left = cov.inFilter - cov.shown;
  if (left <= 0) return shown;
  const reasons = LEFT_OUT_REASONS.filter((r) => cov.leftOut[r] > 0).map((r) => t(LEFT_OUT_WORDS[r], { n: cov.leftOut[r] }, lang));
  return `${shown} ${t('leftOut.some', { n: left }, lang)} ${reasons.join(', ')}`;
}

export interface CitationInput extends ChartCitation {
  title: string;
  /** The dashboard's filters; null when the chart is shown outside the dashboard (nothing known). */
  filters: Filters | null;
  date: Date;
  lang: Lang;
}

export interface CitationLines {
  /** Drawn above the chart: the title first (bold), then the filter and any detail. */
  header: string[];
  /** Drawn below the chart: measure and N, the documents left out and why, then the export date and the tool. */
  footer: string[];
}

function years(f: Filters, lang: Lang): string | null {
  const { yearFrom: a, yearTo: b } = f;
  if (a === null && b === null) return null;
  const span = a !== null && b !== null ? (a === b ? String(a) : `${a}–${b}`) : a !== null ? t('cite.yearsFrom', { year: a }, lang) : t('cite.yearsTo', { year: b ?? '' }, lang);
  return `${t('filter.years', undefined, lang)} ${span}`;
}

/** The filter in words: every part that is set, in the order the filter bar shows them. */
export function filterInWords(filters: Filters | null, scope: ChartCitation['scope'], lang: Lang): string {
  if (scope === 'library') return t('cite.filterLibrary', undefined, lang);
  if (!filters) return t('cite.filterUnknown', undefined, lang);
  const list = (values: readonly string[]) => values.join(lang === 'zh' ? '、' : ', ');
  const parts: string[] = [];
  const y = years(filters, lang);
  if (y) parts.push(y);
  if (filters.orgs.length) parts.push(`${t('filter.orgs', undefined, lang)}: ${list(filters.orgs)}`);
  if (filters.types.length) parts.push(`${t('filter.types', undefined, lang)}: ${list(filters.types)}`);
  if (filters.tags.length) parts.push(`${t('filter.tags', undefined, lang)}: ${list(filters.tags)}`);
  if (filters.q.trim()) parts.push(`${t('filter.search', undefined, lang)}: “${filters.q.trim()}”`);
  if (!parts.length) return t('cite.filterNone', undefined, lang);
  return t('cite.filter', { parts: parts.join(lang === 'zh' ? '；' : '; ') }, lang);
}

/** The header and footer lines of an exported chart. */
export function citationLines(input: CitationInput): CitationLines {
  const { lang } = input;
  const header = [input.title, filterInWords(input.filters, input.scope, lang)];
  if (input.detail) header.push(input.detail);
  const footer = [
    t('cite.measure', { measure: input.measure, n: input.docs }, lang),
    ...(input.coverage && input.coverage.inFilter > 0 ? [coverageInWords(input.coverage, lang)] : []),
    t('cite.exported', { date: isoDay(input.date) }, lang),
  ];
  return { header, footer };
}

/** Anything that can measure a string's width in the current font (a 2D context). */
export type MeasureText = (s: string) => number;

/**
 * Break a line to fit `maxWidth`: between words for Latin text, between any two characters of
 * Chinese (which has no spaces), never leaving a line empty; a single unbreakable word wider than
 * the line is cut by characters.
 */
export function wrapLine(text: string, maxWidth: number, measure: MeasureText): string[] {
  if (!text) return [''];
  if (measure(text) <= maxWidth) return [text];
  // Pieces that may not be split: a run of Latin letters/digits (with its trailing space), else one character.
  const pieces = text.match(/[A-Za-z0-9_.,;:'"’“”()\-–%/]+\s*|\s+|./gsu) ?? [text];
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (const piece of pieces) {
    if (measure(line + piece) <= maxWidth) {
      line += piece;
      continue;
    }
    if (line) push();
    if (measure(piece) <= maxWidth) {
      line = piece.trimStart();
      continue;
    }
    // One piece wider than the line: by characters.
    for (const ch of piece) {
      if (line && measure(line + ch) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines.length ? lines : [''];
}
