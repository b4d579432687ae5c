// One chart: owns its Chart.js instance (created in an effect, updated in place when the data
// change, destroyed on unmount), follows the page theme, and exports itself as a PNG that can be
// cited: drawn again at print resolution, with a header (title, filter) and a footer (measure and
// unit, N documents, export date) in the image.
import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { registerCharts } from './register';
import { CJK_FONT_FAMILY, resolveTheme, useThemeName, type ChartTheme } from './theme';
import { getLanguage, t } from '../../utils/i18n';
import { exportFilename, triggerDownload } from './download';
import { citationLines, wrapLine, type ChartCitation, type CitationLines } from './citation';
import { StoreContext } from '../dashboard/context';
import type { Filters } from '../dashboard/filters';

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
  /** What the exported PNG states beside the chart: measure and unit, N documents, optional title and scope. */
  cite: ChartCitation;
}

/** Pixel density of exported PNGs: twice the CSS size, enough for print at a column's width. */
export const EXPORT_SCALE = 2;

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

/** Copies of the datasets and labels, so a second chart never shares (and patches) the live chart's arrays. */
function copyData(data: AnyChartConfig['data']): AnyChartConfig['data'] {
  const d = data as { labels?: unknown[]; datasets?: { data?: unknown[] }[] };
  return {
    ...data,
    labels: d.labels ? [...d.labels] : d.labels,
    datasets: (d.datasets ?? []).map((ds) => ({ ...ds, data: Array.isArray(ds.data) ? [...ds.data] : ds.data })),
  } as AnyChartConfig['data'];
}

/**
 * The chart drawn again, off screen, at `scale` device pixels per CSS pixel (whatever the screen's
 * density), or null when it cannot be (no canvas support). The caller gets a canvas of
 * width × scale by height × scale pixels.
 */
export function renderChartAt(config: AnyChartConfig, theme: ChartTheme, width: number, height: number, scale: number): HTMLCanvasElement | null {
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = `position:fixed;left:-100000px;top:0;width:${width}px;height:${height}px;overflow:hidden;pointer-events:none`;
  const canvas = document.createElement('canvas');
  holder.appendChild(canvas);
  document.body.appendChild(holder);
  let chart: ChartJs | null = null;
  try {
    const Chart = registerCharts();
    const options = themedOptions(config.options, theme);
    chart = new Chart(canvas, {
      ...config,
      data: copyData(config.data),
      options: { ...options, responsive: false, maintainAspectRatio: false, animation: false, devicePixelRatio: scale, events: [] },
    });
    chart.resize(width, height);
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    out.getContext('2d')?.drawImage(canvas, 0, 0);
    return out;
  } catch {
    return null;
  } finally {
    chart?.destroy();
    holder.remove();
  }
}

/** Narrowest export, in CSS pixels: a header line needs room to wrap. */
const MIN_EXPORT_WIDTH = 240;

/** Sizes of the bands' text, in CSS pixels (multiplied by the export scale). */
const BAND = { pad: 14, title: 15, text: 12, small: 11, lineHeight: 1.4, gap: 6 } as const;

/**
 * A chart image (`image`, drawn at `scale`) inside a header and a footer band: the lines wrapped to
 * the width, the title bold, thin rules between bands and chart. Returns the composed canvas.
 */
export function composeCitedImage(
  image: CanvasImageSource & { width: number; height: number },
  cssWidth: number,
  lines: CitationLines,
  theme: ChartTheme,
  scale: number,
): HTMLCanvasElement {
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  const chartH = image.height / scale;
  if (!ctx) {
    out.width = image.width;
    out.height = image.height;
    return out;
  }
  const font = (size: number, bold = false) => `${bold ? '600 ' : ''}${size * scale}px ${CJK_FONT_FAMILY}`;
  const maxWidth = (cssWidth - 2 * BAND.pad) * scale;
  type Line = { text: string; size: number; bold: boolean };
  const wrap = (text: string, size: number, bold: boolean): Line[] => {
    ctx.font = font(size, bold);
    return wrapLine(text, maxWidth, (s) => ctx.measureText(s).width).map((l) => ({ text: l, size, bold }));
  };
  const header = lines.header.flatMap((l, i) => (i === 0 ? wrap(l, BAND.title, true) : wrap(l, BAND.text, false)));
  const footer = lines.footer.flatMap((l, i) => wrap(l, i === 0 ? BAND.text : BAND.small, false));
  const heightOf = (ls: Line[]) => ls.reduce((h, l) => h + l.size * BAND.lineHeight, 0);
  const headerH = BAND.pad + heightOf(header) + BAND.gap;
  const footerH = BAND.gap + heightOf(footer) + BAND.pad;
  out.width = Math.round(cssWidth * scale);
  out.height = Math.round((headerH + chartH + footerH) * scale);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const draw = (ls: Line[], top: number) => {
    let y = top;
    for (const l of ls) {
      ctx.font = font(l.size, l.bold);
      ctx.fillText(l.text, BAND.pad * scale, (y + (l.size * (BAND.lineHeight - 1)) / 2) * scale);
      y += l.size * BAND.lineHeight;
    }
  };
  draw(header, BAND.pad);
  ctx.drawImage(image, 0, headerH * scale, cssWidth * scale, chartH * scale);
  draw(footer, headerH + chartH + BAND.gap);
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = scale;
  for (const y of [headerH - BAND.gap / 2, headerH + chartH + BAND.gap / 2]) {
    ctx.beginPath();
    ctx.moveTo(BAND.pad * scale, y * scale);
    ctx.lineTo((cssWidth - BAND.pad) * scale, y * scale);
    ctx.stroke();
  }
  return out;
}

/** The citeable PNG of a chart as a data URL: redrawn at EXPORT_SCALE, framed by its citation lines. */
export function citedPngDataUrl(
  live: HTMLCanvasElement,
  config: AnyChartConfig,
  theme: ChartTheme,
  lines: CitationLines,
  scale: number = EXPORT_SCALE,
): string {
  // The chart's CSS size (a canvas not laid out, as in a test, falls back to its pixel size), never so narrow that the bands cannot wrap.
  const cssWidth = Math.max(MIN_EXPORT_WIDTH, live.clientWidth || live.width);
  const cssHeight = Math.max(1, live.clientHeight || live.height);
  let image: HTMLCanvasElement | null = renderChartAt(config, theme, cssWidth, cssHeight, scale);
  if (!image || image.width === 0 || image.height === 0) {
    // No second drawing possible: the live pixels, stretched to the export's size.
    image = document.createElement('canvas');
    image.width = Math.round(cssWidth * scale);
    image.height = Math.round(cssHeight * scale);
    image.getContext('2d')?.drawImage(live, 0, 0, image.width, image.height);
  }
  return composeCitedImage(image, cssWidth, lines, theme, scale).toDataURL('image/png');
}

export function ChartCanvas({ name, config, label, pngLabel = 'PNG', height = 320, cite }: ChartCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The dashboard's filters, when the chart is inside it (views are also rendered alone in tests).
  const store = useContext(StoreContext);
  const filters: Filters | null = store ? store.filters.value : null;
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
    const lines = citationLines({ ...cite, title: cite.title ?? label, filters, date: new Date(), lang: getLanguage() });
    triggerDownload(citedPngDataUrl(canvas, config, resolveTheme(themeName, canvas), lines), exportFilename(name, 'png'));
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
