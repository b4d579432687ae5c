// @vitest-environment happy-dom
// ChartCanvas owns exactly one Chart.js instance per canvas: created on mount, updated in place
// when the data change, destroyed on unmount; PNG export puts the chart on a solid background.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { Chart } from 'chart.js';
import { ChartCanvas, type AnyChartConfig } from '../../components/charts/ChartCanvas';
import { OKABE_ITO, heatColor, seriesColor, withAlpha } from '../../components/charts/palette';
import { CJK_FONT_FAMILY, currentTheme, THEMES } from '../../components/charts/theme';
import { exportFilename, isoDay } from '../../components/charts/download';
import { registerCharts } from '../../components/charts/register';
import { at } from '../helpers/at';

/** happy-dom has no canvas backend: a 2D context whose drawing calls do nothing. */
function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const calls: string[] = [];
  const target: Record<string, unknown> = {
    canvas,
    calls,
    measureText: (s: string) => ({ width: s.length * 7, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    getImageData: () => ({ data: new Uint8ClampedArray(4) }),
    createLinearGradient: () => ({ addColorStop() {} }),
    getLineDash: () => [],
  };
  return new Proxy(target, {
    get(t, key: string) {
      if (key in t) return t[key];
      return (...args: unknown[]) => {
        calls.push(key);
        void args;
      };
    },
    set(t, key: string, value) {
      t[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

beforeAll(() => {
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    let c = contexts.get(this);
    if (!c) contexts.set(this, (c = fakeContext(this)));
    return c;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.toDataURL = function () {
    return 'data:image/png;base64,AAAA';
  };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('data-theme');
});

function barConfig(values: number[]): AnyChartConfig {
  return {
    type: 'bar',
    data: { labels: values.map((_, i) => `词${i}`), datasets: [{ label: 'n', data: values }] },
    options: { scales: { x: { title: { display: true, text: '每万字' } } } },
  };
}

/** What every test chart states in its PNG. */
const CITE = { measure: 'occurrences per 10,000 characters', docs: 3 };

const liveCharts = () => Object.values(Chart.instances).length;
/** Resolved options of a chart's x scale (typed loosely: Chart.js types them per scale type). */
const xOpts = (c: Chart) =>
  c.scales.x?.options as unknown as { ticks: { color: string }; grid: { color: string }; title: { text: string } };

describe('ChartCanvas lifecycle', () => {
  it('creates one instance on mount and destroys it on unmount', () => {
    const destroy = vi.spyOn(Chart.prototype, 'destroy');
    const before = liveCharts();
    const { getByTestId, unmount } = render(<ChartCanvas cite={CITE} name="t" config={barConfig([3, 1])} label="test" />);
    const canvas = getByTestId('chart-t') as HTMLCanvasElement;
    expect(liveCharts()).toBe(before + 1);
    const chart = Chart.getChart(canvas);
    expect(chart).toBeDefined();
    expect(chart!.data.datasets[0]?.data).toEqual([3, 1]);
    unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(liveCharts()).toBe(before);
    expect(Chart.getChart(canvas)).toBeUndefined();
  });

  it('updates data in place without creating another instance', () => {
    const before = liveCharts();
    const destroy = vi.spyOn(Chart.prototype, 'destroy');
    const { getByTestId, rerender } = render(<ChartCanvas cite={CITE} name="u" config={barConfig([1])} label="x" />);
    const canvas = getByTestId('chart-u') as HTMLCanvasElement;
    const first = Chart.getChart(canvas);
    for (let i = 2; i < 6; i++) rerender(<ChartCanvas cite={CITE} name="u" config={barConfig([i, i * 2])} label="x" />);
    expect(liveCharts()).toBe(before + 1);
    expect(Chart.getChart(canvas)).toBe(first);
    expect(first!.data.datasets[0]?.data).toEqual([5, 10]);
    expect(destroy).not.toHaveBeenCalled();
  });

  it('re-creates the chart (old one destroyed) when the chart type changes', () => {
    const before = liveCharts();
    const { getByTestId, rerender } = render(<ChartCanvas cite={CITE} name="v" config={barConfig([1])} label="x" />);
    const canvas = getByTestId('chart-v') as HTMLCanvasElement;
    const first = Chart.getChart(canvas);
    rerender(<ChartCanvas cite={CITE} name="v" config={{ ...barConfig([1]), type: 'line' }} label="x" />);
    const second = Chart.getChart(canvas);
    expect(second).not.toBe(first);
    expect((second!.config as { type: string }).type).toBe('line');
    expect(liveCharts()).toBe(before + 1);
  });

  it('follows data-theme on <html>: dark text colour in the defaults', async () => {
    document.documentElement.setAttribute('data-theme', 'dark');
    expect(currentTheme()).toBe('dark');
    render(<ChartCanvas cite={CITE} name="w" config={barConfig([1])} label="x" />);
    expect(Chart.defaults.color).toBe(THEMES.dark.text);
    expect(Chart.defaults.font.family).toBe(CJK_FONT_FAMILY);
    expect(Chart.defaults.font.family).toMatch(/Noto Sans CJK SC|Microsoft YaHei/);
  });

  it('re-creates the chart in the new colours when the theme flips after rendering', async () => {
    const before = liveCharts();
    const config = barConfig([2, 4]);
    const { getByTestId } = render(<ChartCanvas cite={CITE} name="theme" config={config} label="x" />);
    const canvas = getByTestId('chart-theme') as HTMLCanvasElement;
    const light = Chart.getChart(canvas)!;
    expect(xOpts(light).ticks.color).toBe(THEMES.light.text);
    document.documentElement.setAttribute('data-theme', 'dark');
    await waitFor(() => expect(Chart.getChart(canvas)).not.toBe(light));
    const dark = Chart.getChart(canvas)!;
    expect(xOpts(dark).ticks.color).toBe(THEMES.dark.text);
    expect(xOpts(dark).grid.color).toBe(THEMES.dark.grid);
    expect(xOpts(dark).title.text).toBe('每万字');
    expect(liveCharts()).toBe(before + 1);
  });

  it('takes the page\'s own colours from its CSS variables when they are defined', () => {
    const style = document.createElement('style');
    style.textContent = ':root { --text: #123456; --panel: #fafafa; }';
    document.head.appendChild(style);
    try {
      const { getByTestId } = render(<ChartCanvas cite={CITE} name="css" config={barConfig([1])} label="x" />);
      const chart = Chart.getChart(getByTestId('chart-css') as HTMLCanvasElement)!;
      expect(xOpts(chart).ticks.color).toBe('#123456');
    } finally {
      style.remove();
    }
  });

  it('PNG button downloads a dated .png through an <a download>', () => {
    const clicks: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    const { getByRole } = render(<ChartCanvas cite={CITE} name="terms" config={barConfig([1])} label="Top terms" />);
    fireEvent.click(getByRole('button', { name: /PNG/ }));
    expect(clicks).toHaveLength(1);
    expect(clicks[0]?.download).toBe(`tifa-lens-terms-${isoDay()}.png`);
    expect(at(clicks, 0).href).toMatch(/^data:image\/png/);
  });
});

describe('palette and file names', () => {
  it('uses the Okabe–Ito hues and cycles after eight series', () => {
    const eight = Array.from({ length: 8 }, (_, i) => seriesColor(i));
    expect(new Set(eight).size).toBe(8);
    for (const c of eight) expect(OKABE_ITO).toContain(c);
    expect(seriesColor(8)).toBe(seriesColor(0));
    expect(seriesColor(-1)).toBe(seriesColor(7));
    expect(withAlpha('#0072B2', 0.5)).toBe('#0072B280');
  });

  it('heat colour grows in opacity with the value', () => {
    const alpha = (s: string) => Number(/,([\d.]+)\)$/.exec(s)![1]);
    expect(alpha(heatColor(0))).toBeLessThan(alpha(heatColor(0.1)));
    expect(alpha(heatColor(0.1))).toBeLessThan(alpha(heatColor(1)));
    expect(alpha(heatColor(Number.NaN))).toBe(alpha(heatColor(0)));
  });

  it('export names are dated and safe for file systems', () => {
    const d = new Date(2024, 4, 1);
    expect(exportFilename('terms', 'csv', d)).toBe('tifa-lens-terms-2024-05-01.csv');
    expect(exportFilename('kwic-两个/维护 x', 'csv', d)).toBe('tifa-lens-kwic-两个-维护-x-2024-05-01.csv');
    expect(exportFilename('', 'png', d)).toBe('tifa-lens-export-2024-05-01.png');
  });

  it('registers the matrix controller for heatmaps', () => {
    const C = registerCharts();
    expect(C.registry.getController('matrix')).toBeDefined();
    expect(C.registry.getController('bar')).toBeDefined();
  });
});
