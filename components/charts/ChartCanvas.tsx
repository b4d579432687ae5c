// One chart: owns its Chart.js instance (created in an effect, updated in place when the data
// change, destroyed on unmount), follows the page theme, and exports itself as a PNG.
import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { registerCharts } from './register';
import { resolveTheme, useThemeName, type ChartTheme } from './theme';
import { t } from '../../utils/i18n';
import { exportFilename, triggerDownload } from './download';

// Configs of different chart types are not mutually assignable in Chart.js's typings; the
// component treats them alike, so it accepts any of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChartConfig = ChartConfiguration<any, any, any>;

export interface ChartCanvasProps {
  /** Short id: the canvas gets data-testid="chart-<name>", the PNG is tifa-lens-<name>-<date>.png. */
  name: string;
  config: AnyChartConfig;
  /** Accessible description of what the chart shows. */
  label: string;
  /** Text of the PNG button. */
  pngLabel?: string;
  /** CSS height in pixels (the width follows the container). */
  height?: number;
}

/** Apply a theme to the global defaults read at draw time (text, grid and border colours). */
function applyThemeDefaults(Chart: typeof ChartJs, theme: ChartTheme): void {
  Chart.defaults.color = theme.text;
  Chart.defaults.borderColor = theme.grid;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

/**
 * Options with the theme's colours written into every scale and the legend, as fresh objects.
 * Chart.js resolves and caches options on the objects it is given, so a chart re-created for a new
 * theme must get new objects, not the ones the previous instance used; and explicit colours win
 * over whatever a view's options leave unset. A view's own colour settings are kept.
 */
export function themedOptions(options: unknown, theme: ChartTheme): Obj {
  const o: Obj = { color: theme.text, borderColor: theme.grid, ...obj(options) };
  const scales: Obj = {};
  for (const [key, raw] of Object.entries(obj(o.scales))) {
    const sc = obj(raw);
    scales[key] = {
      ...sc,
      ticks: { color: theme.text, ...obj(sc.ticks) },
      grid: { color: theme.grid, ...obj(sc.grid) },
      border: { color: theme.grid, ...obj(sc.border) },
      title: { color: theme.text, ...obj(sc.title) },
    };
  }
  o.scales = scales;
  const plugins = obj(o.plugins);
  const legend = obj(plugins.legend);
  o.plugins = { ...plugins, legend: { ...legend, labels: { color: theme.text, ...obj(legend.labels) } } };
  return o;
}

/**
 * The chart's pixels on a solid background, as a PNG data URL. The canvas itself is transparent,
 * which pastes as black in some word processors.
 */
export function chartPngDataUrl(canvas: HTMLCanvasElement, background: string): string {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return out.toDataURL('image/png');
}

export function ChartCanvas({ name, config, label, pngLabel = 'PNG', height = 320 }: ChartCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<ChartJs | null>(null);
  const themeName = useThemeName();

  // Create (or re-create on a theme or chart-type change) and destroy on unmount.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const Chart = registerCharts();
    const current = resolveTheme(themeName, canvas);
    applyThemeDefaults(Chart, current);
    const chart = new Chart(canvas, { ...config, data: config.data, options: themedOptions(config.options, current) });
    chartRef.current = chart;
    // Which theme the instance on this canvas was drawn in: readers (and tests) can tell a re-created chart.
    canvas.dataset.theme = themeName;
    return () => {
      chart.destroy();
      if (chartRef.current === chart) chartRef.current = null;
    };
    // Data changes are handled below without a new instance.
  }, [themeName, config.type]);

  // New data or options: update the same instance in place.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const chart = chartRef.current;
    if (!chart) return;
    chart.data = config.data;
    chart.options = themedOptions(config.options, resolveTheme(themeName, chart.canvas));
    chart.update('none');
  }, [config]);

  const exportPng = () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    triggerDownload(chartPngDataUrl(canvas, resolveTheme(themeName, canvas).background), exportFilename(name, 'png'));
  };

  return (
    <figure class="tl-chart" data-chart={name}>
      <div class="tl-chart-box" style={{ position: 'relative', height: `${height}px` }}>
        <canvas ref={canvasRef} data-testid={`chart-${name}`} role="img" aria-label={label}>
          {label}
        </canvas>
      </div>
      <figcaption class="tl-chart-actions">
        <button type="button" class="tl-btn tl-btn-small" onClick={exportPng} aria-label={t('views.pngOf', { what: label })} title={t('views.pngOf', { what: label })}>
          {pngLabel}
        </button>
      </figcaption>
    </figure>
  );
}
