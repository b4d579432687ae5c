// Trends split by organisation: one colour per organisation (all different, "other" in grey), one
// dash pattern per term, and a legend that lists each organisation and each term once instead of
// every term × organisation line, so it stays short enough to wrap and be read in full.
import type { Chart, LegendItem } from 'chart.js';
import { OTHER_ORGS } from '../../analysis/corpus';
import { t } from '../../utils/i18n';
import { OTHER_COLOR, categoryColor } from './palette';

interface SplitSeries {
  term: string;
  org?: string;
  others?: string[];
}

/** Dash patterns telling terms apart when colours are taken by organisations. */
export const TERM_DASHES: number[][] = [[], [6, 3], [2, 2], [10, 4], [2, 6]];

/** Organisations of the split in the order of the series (rank order, "other" last). */
export function splitOrgs(series: readonly SplitSeries[]): string[] {
  return [...new Set(series.map((s) => s.org).filter((o): o is string => o !== undefined && o !== OTHER_ORGS))];
}

/** Colour of an organisation's lines: distinct for each named organisation, grey for "other". */
export function orgColor(org: string, orgs: readonly string[]): string {
  if (org === OTHER_ORGS) return OTHER_COLOR;
  const i = orgs.indexOf(org);
  return i < 0 ? OTHER_COLOR : categoryColor(i);
}

/** How a series' organisation is named in legends, tooltips and tables. */
export function orgSeriesLabel(s: { org?: string; others?: readonly string[] }): string {
  if (s.org === OTHER_ORGS) return s.others ? t('views.trendsOther', { n: s.others.length }) : t('views.trendsOtherShort');
  return s.org || t('views.unknownOrg');
}

export function termDash(term: string, terms: readonly string[]): number[] {
  const i = Math.max(0, terms.indexOf(term));
  return TERM_DASHES[i % TERM_DASHES.length] ?? [];
}

type Entry = LegendItem & { datasets: number[] };

/**
 * Legend options for a split chart: an entry per organisation (its colour) and, with more than one
 * term, an entry per term (its dash, in the text colour). Clicking an entry hides or shows every
 * line of that organisation or term.
 */
export function splitLegend(series: readonly SplitSeries[], terms: readonly string[]): Record<string, unknown> {
  const orgs = splitOrgs(series);
  const hasOther = series.some((s) => s.org === OTHER_ORGS);
  return {
    position: 'bottom',
    // The legend wraps into as many rows as it needs; the chart grows with it (splitChartHeight).
    maxHeight: 1000,
    labels: {
      usePointStyle: true,
      pointStyleWidth: 28,
      boxHeight: 8,
      generateLabels: (chart: Chart): Entry[] => {
        const text = typeof chart.options.color === 'string' ? chart.options.color : '#222222';
        const hidden = (idx: number[]) => idx.length > 0 && idx.every((i) => !chart.isDatasetVisible(i));
        const indices = (pick: (s: SplitSeries) => boolean) => series.flatMap((s, i) => (pick(s) ? [i] : []));
        const entry = (label: string, stroke: string, dash: number[], idx: number[]): Entry => ({
          text: label,
          fillStyle: stroke,
          strokeStyle: stroke,
          fontColor: text,
          lineWidth: 2.5,
          lineDash: dash,
          pointStyle: 'line',
          hidden: hidden(idx),
          datasets: idx,
        });
        const out: Entry[] = orgs.map((org) => entry(org || t('views.unknownOrg'), orgColor(org, orgs), [], indices((s) => s.org === org)));
        if (hasOther) {
          const first = series.find((s) => s.org === OTHER_ORGS);
          out.push(entry(orgSeriesLabel(first ?? { org: OTHER_ORGS }), OTHER_COLOR, [], indices((s) => s.org === OTHER_ORGS)));
        }
        if (terms.length > 1) for (const term of terms) out.push(entry(term, text, termDash(term, terms), indices((s) => s.term === term)));
        return out;
      },
    },
    onClick: (_e: unknown, item: Entry, legend: { chart: Chart }) => {
      const chart = legend.chart;
      const show = item.datasets.every((i) => !chart.isDatasetVisible(i));
      for (const i of item.datasets) chart.setDatasetVisibility(i, show);
      chart.update();
    },
  };
}

/** Height of a split chart: the plot's own height plus a row of legend per ~6 entries. */
export function splitChartHeight(base: number, entries: number): number {
  return base + Math.ceil(Math.max(0, entries) / 6) * 22;
}
