// @vitest-environment happy-dom
// What an exported chart says about itself (components/charts/citation): which lines for which
// filter and measure, in English and Chinese; wrapping to the image's width; the PNG composed with
// those lines drawn in a header and a footer band around the chart at twice its size; and the
// table pages ("rows a–b of n").
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { citationLines, filterInWords, wrapLine } from '../../components/charts/citation';
import { ChartCanvas, EXPORT_SCALE, composeCitedImage } from '../../components/charts/ChartCanvas';
import { THEMES } from '../../components/charts/theme';
import { EMPTY_FILTERS, type Filters } from '../../components/dashboard/filters';
import { StoreContext } from '../../components/dashboard/context';
import type { DashboardStore } from '../../components/dashboard/store';
import { PAGE_SIZE, pageWindow } from '../../components/views/Paged';
import { setLanguage } from '../../utils/i18n';

/** A 2D context that records what is written and how big the canvas is made. */
interface Recorder {
  texts: string[];
  images: { w: number; h: number; dy: number }[];
}
const recorders = new WeakMap<HTMLCanvasElement, Recorder>();
function recordingContext(canvas: HTMLCanvasElement) {
  const rec: Recorder = { texts: [], images: [] };
  recorders.set(canvas, rec);
  const target: Record<string, unknown> = {
    canvas,
    // 10 px per character at any size: enough to test wrapping and band heights.
    measureText: (s: string) => ({ width: [...s].length * 10, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    getLineDash: () => [],
    createLinearGradient: () => ({ addColorStop() {} }),
    fillText: (s: string) => rec.texts.push(s),
    drawImage: (_img: unknown, ...args: number[]) => {
      if (args.length >= 4) rec.images.push({ dy: args[1] ?? 0, w: args[2] ?? 0, h: args[3] ?? 0 });
    },
  };
  return new Proxy(target, {
    get: (t, k: string) => (k in t ? t[k] : () => undefined),
    set: (t, k: string, v) => ((t[k] = v), true),
  });
}

/** Canvases turned into PNG data URLs, latest last. */
const exported: HTMLCanvasElement[] = [];
beforeAll(() => {
  const contexts = new WeakMap<HTMLCanvasElement, unknown>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    let c = contexts.get(this);
    if (!c) contexts.set(this, (c = recordingContext(this)));
    return c;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.toDataURL = function (this: HTMLCanvasElement) {
    exported.push(this);
    return 'data:image/png;base64,AAAA';
  };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setLanguage('en');
});

const F = (over: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, ...over });
const DATE = new Date(2024, 4, 1);

describe('filter in words', () => {
  const cases: [string, Filters | null, 'filter' | 'library' | undefined, string, string][] = [
    ['no filter', EMPTY_FILTERS, undefined, 'Filter: none (every document in the library)', '筛选：无（文库全部文档）'],
    ['a year range', F({ yearFrom: 2010, yearTo: 2020 }), undefined, 'Filter: Years 2010–2020', '筛选：年份 2010–2020'],
    ['one year', F({ yearFrom: 2018, yearTo: 2018 }), undefined, 'Filter: Years 2018', '筛选：年份 2018'],
    ['an open end', F({ yearFrom: 2015 }), undefined, 'Filter: Years from 2015', '筛选：年份 2015 年起'],
    ['an open start', F({ yearTo: 1999 }), undefined, 'Filter: Years up to 1999', '筛选：年份 至 1999 年'],
    [
      'every part, in the filter bar order',
      F({ yearFrom: 2019, yearTo: 2024, orgs: ['国务院', '中共中央'], types: ['通知'], tags: ['重点'], q: ' 营商环境 ' }),
      undefined,
      'Filter: Years 2019–2024; Organisations: 国务院, 中共中央; Types: 通知; Tags: 重点; Search: “营商环境”',
      '筛选：年份 2019–2024；机构: 国务院、中共中央；文种: 通知；标签: 重点；搜索: “营商环境”',
    ],
    ['whole library, whatever the filter', F({ yearFrom: 2019 }), 'library', 'Whole library (the dashboard filter is not applied)', '整个文库（未应用仪表盘筛选）'],
    ['outside the dashboard', null, undefined, 'Filter: not recorded', '筛选：未记录'],
  ];
  for (const [name, filters, scope, en, zh] of cases) {
    it(name, () => {
      expect(filterInWords(filters, scope, 'en')).toBe(en);
      expect(filterInWords(filters, scope, 'zh')).toBe(zh);
    });
  }
});

describe('citation lines', () => {
  it('header: title, filter, detail; footer: measure with N, export date and the tool', () => {
    const lines = citationLines({
      title: 'Trends of the selected terms by year',
      filters: F({ yearFrom: 2015, orgs: ['国务院'] }),
      measure: 'occurrences per 10,000 characters',
      docs: 12,
      detail: 'A: 2010–2015 (6 documents) · B: 2016–2024 (6 documents)',
      date: DATE,
      lang: 'en',
    });
    expect(lines.header).toEqual([
      'Trends of the selected terms by year',
      'Filter: Years from 2015; Organisations: 国务院',
      'A: 2010–2015 (6 documents) · B: 2016–2024 (6 documents)',
    ]);
    expect(lines.footer).toEqual(['Measure: occurrences per 10,000 characters · N = 12 documents', 'Exported 2024-05-01 · Tifa Lens']);
  });

  it('in Chinese, no detail line when there is none', () => {
    const lines = citationLines({ title: '趋势', filters: EMPTY_FILTERS, measure: '每万字出现次数', docs: 3, date: DATE, lang: 'zh' });
    expect(lines.header).toEqual(['趋势', '筛选：无（文库全部文档）']);
    expect(lines.footer).toEqual(['指标：每万字出现次数 · N = 3 篇文档', '导出日期 2024-05-01 · 提法透镜']);
  });
});

describe('wrapping a band line', () => {
  const measure = (s: string) => [...s].length * 10;
  const cases: [string, string, number, string[]][] = [
    ['fits: one line', 'Filter: none', 200, ['Filter: none']],
    ['Latin text breaks between words', 'Filter: Years 2019–2024; Organisations: a', 150, ['Filter: Years', '2019–2024;', 'Organisations:', 'a']],
    ['Chinese breaks between any two characters', '筛选：机构：国务院、中共中央', 60, ['筛选：机构：', '国务院、中共', '中央']],
    ['a word wider than the line is cut by characters', 'abcdefghij', 40, ['abcd', 'efgh', 'ij']],
    ['empty text is one empty line', '', 40, ['']],
  ];
  for (const [name, text, width, expected] of cases) {
    it(name, () => {
      const lines = wrapLine(text, width, measure);
      expect(lines).toEqual(expected);
      for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(width);
    });
  }
});

describe('the composed PNG', () => {
  it('draws every line in bands above and below the chart, at the export scale', () => {
    const chart = document.createElement('canvas');
    chart.width = 600 * EXPORT_SCALE;
    chart.height = 300 * EXPORT_SCALE;
    const lines = { header: ['Title', 'Filter: none (every document in the library)'], footer: ['Measure: occurrences · N = 3 documents', 'Exported 2024-05-01 · Tifa Lens'] };
    const out = composeCitedImage(chart, 600, lines, THEMES.light, EXPORT_SCALE);
    const rec = recorders.get(out)!;
    expect(rec.texts).toEqual([...lines.header, ...lines.footer]);
    expect(out.width).toBe(1200);
    // Taller than the chart by the two bands, and the chart drawn below the header at full size.
    expect(out.height).toBeGreaterThan(chart.height + 100);
    const drawn = rec.images[0]!;
    expect(drawn).toMatchObject({ w: 1200, h: 600 });
    expect(drawn.dy).toBeGreaterThan(50);
    expect(drawn.dy + drawn.h).toBeLessThan(out.height - 50);
  });

  it('a long filter wraps onto more lines and makes the header taller', () => {
    const chart = document.createElement('canvas');
    chart.width = 400;
    chart.height = 200;
    const short = composeCitedImage(chart, 200, { header: ['T', 'Filter: none'], footer: ['m'] }, THEMES.light, 2);
    const long = composeCitedImage(chart, 200, { header: ['T', '筛选：机构：'.repeat(30)], footer: ['m'] }, THEMES.light, 2);
    expect(recorders.get(long)!.texts.length).toBeGreaterThan(recorders.get(short)!.texts.length + 3);
    expect(long.height).toBeGreaterThan(short.height);
  });

  it('the PNG button exports the chart with its title, the dashboard filter, measure and N', () => {
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    // happy-dom lays nothing out: the chart is 800 × 300 CSS pixels here.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
    const filters = F({ yearFrom: 2015, types: ['报告'] });
    const store = { filters: { value: filters } } as unknown as DashboardStore;
    const { getByRole } = render(
      <StoreContext.Provider value={store}>
        <ChartCanvas
          name="trends"
          label="Trends of the selected terms by year"
          config={{ type: 'bar', data: { labels: ['a'], datasets: [{ label: 'n', data: [1] }] } }}
          cite={{ measure: 'occurrences per 10,000 characters', docs: 7 }}
        />
      </StoreContext.Provider>,
    );
    fireEvent.click(getByRole('button', { name: /PNG/ }));
    expect(clicks).toHaveLength(1);
    const out = exported.at(-1)!;
    expect(out.width).toBe(800 * EXPORT_SCALE);
    expect(out.height).toBeGreaterThan(300 * EXPORT_SCALE);
    const rec = recorders.get(out)!;
    expect(rec.texts).toEqual([
      'Trends of the selected terms by year',
      'Filter: Years from 2015; Types: 报告',
      'Measure: occurrences per 10,000 characters · N = 7 documents',
      expect.stringMatching(/^Exported \d{4}-\d{2}-\d{2} · Tifa Lens$/),
    ]);
  });
});

describe('table pages', () => {
  const cases: [string, number, number, number, { page: number; pages: number; start: number; end: number }][] = [
    ['no rows: one empty page', 0, 0, 100, { page: 0, pages: 1, start: 0, end: 0 }],
    ['fewer rows than a page', 20, 0, 100, { page: 0, pages: 1, start: 0, end: 20 }],
    ['exactly one page', 100, 0, 100, { page: 0, pages: 1, start: 0, end: 100 }],
    ['second page of 3,512 rows', 3512, 1, 100, { page: 1, pages: 36, start: 100, end: 200 }],
    ['last page is short', 3512, 35, 100, { page: 35, pages: 36, start: 3500, end: 3512 }],
    ['a page past the end shows the last', 250, 9, 100, { page: 2, pages: 3, start: 200, end: 250 }],
    ['a negative or odd page shows the first', 250, Number.NaN, 100, { page: 0, pages: 3, start: 0, end: 100 }],
  ];
  for (const [name, total, page, size, expected] of cases) {
    it(name, () => expect(pageWindow(total, page, size)).toEqual(expected));
  }
  it('pages hold a hundred rows by default', () => expect(PAGE_SIZE).toBe(100));
});
