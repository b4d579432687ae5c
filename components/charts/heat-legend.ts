// The colour scale of a heatmap, drawn into the chart itself (so the exported PNG carries it): a
// bar from zero to the largest cell in the heat colours, its ends labelled, and a line naming the
// unit and the range of the cells.
import type { Chart, Plugin } from 'chart.js';
import { heatColor } from './palette';

/** Space above the chart area the scale takes (layout padding the heatmap must reserve). */
export const HEAT_LEGEND_SPACE = 46;
/** Steps of the drawn bar: fine enough that the ramp reads as continuous. */
const STEPS = 40;

export interface HeatScale {
  /** Smallest and largest cell value (0 and 0 without cells). */
  min: number;
  max: number;
}

/** Range of the cells; non-finite values are ignored. The colours run from 0 (faint) to `max` (full). */
export function heatScale(values: readonly number[]): HeatScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** What the scale says, as the heatmap's `options.plugins.tlHeatLegend` (strings: Chart.js would call functions). */
export interface HeatLegendOptions {
  /** The line above the bar, e.g. "occurrences per 10,000 characters: 0.12 – 3.4". */
  title: string;
  /** Label of the bar's right end (the largest cell). */
  max: string;
  /** False when every cell is zero: the bar stays faint throughout. */
  full: boolean;
}

/**
 * A Chart.js plugin drawing the scale in the band above the chart area (reserve HEAT_LEGEND_SPACE
 * as top layout padding). It reads its text from the chart's options, so a chart updated in place
 * (new cells, another measure) shows the new scale.
 */
export function heatLegendPlugin(): Plugin {
  return {
    id: 'tlHeatLegend',
    afterDraw(chart: Chart, _args: unknown, options: Partial<HeatLegendOptions>) {
      const { ctx, chartArea } = chart;
      if (!chartArea || typeof options.title !== 'string') return;
      const color = typeof chart.options.color === 'string' ? chart.options.color : '#222222';
      const barW = Math.max(80, Math.min(260, chartArea.width * 0.45));
      const barH = 10;
      const x0 = chartArea.right - barW;
      const y0 = 20;
      ctx.save();
      ctx.font = `11px ${chart.options.font?.family ?? 'sans-serif'}`;
      ctx.fillStyle = color;
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'right';
      ctx.fillText(options.title, chartArea.right, y0 - 3);
      for (let i = 0; i < STEPS; i++) {
        ctx.fillStyle = heatColor(options.full === false ? 0 : (i + 0.5) / STEPS);
        ctx.fillRect(x0 + (i * barW) / STEPS, y0, barW / STEPS + 0.5, barH);
      }
      ctx.strokeStyle = 'rgba(127,127,127,0.6)';
      ctx.lineWidth = 1;
      ctx.strokeRect(x0, y0, barW, barH);
      ctx.fillStyle = color;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText('0', x0, y0 + barH + 2);
      ctx.textAlign = 'right';
      ctx.fillText(options.max ?? '', x0 + barW, y0 + barH + 2);
      ctx.restore();
    },
  };
}
