// @vitest-environment happy-dom
// The views' part of citeable charts: Trends split by organisation (top eight and a grey "other",
// a legend of organisations), the heatmap's colour scale, every formulation row (and every phrase
// in Compare) opening its contexts, and long tables in pages whose CSV still has every row.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { Chart } from 'chart.js';
import { useState } from 'preact/hooks';
import type { DocAnalysis, DocFacet, FormulationHit } from '../../analysis/types';
import type { ViewProps } from '../../components/views/types';
import { TrendsView } from '../../components/views/TrendsView';
import { FormulationsView } from '../../components/views/FormulationsView';
import { CompareView } from '../../components/views/CompareView';
import { createLocalAggregator } from '../../analysis/queries';
import { CATEGORY_COLORS, OTHER_COLOR } from '../../components/charts/palette';
import { captureDownloads } from '../helpers/downloads';
import { installCanvasStandIn } from '../helpers/canvas';
import { setLanguage } from '../../utils/i18n';

beforeAll(installCanvasStandIn);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setLanguage('en');
});

function analysis(docId: string, chars: number, formulations: FormulationHit[], terms: [string, number][] = []): DocAnalysis {
  return { docId, version: 't', chars, terms, formulations, outline: [], stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: chars } };
}

interface Library {
  facets: DocFacet[];
  analyses: Map<string, DocAnalysis>;
  texts: Record<string, string>;
}

/** Twelve organisations, two years; organisation k mentions 两个维护 k times per document. */
function twelveOrgs(): Library {
  const facets: DocFacet[] = [];
  const analyses = new Map<string, DocAnalysis>();
  const texts: Record<string, string> = {};
  for (let k = 1; k <= 12; k++) {
    for (const year of [2020, 2021]) {
      const docId = `${k}-${year}`;
      facets.push({ docId, title: `文件${docId}`, org: `机构${String(k).padStart(2, '0')}`, year, docType: '报告', date: '' });
      analyses.set(docId, analysis(docId, 10_000, [{ text: '两个维护', kind: 'lexicon', count: k, category: 'slogan' }], [['发展', k]]));
      texts[docId] = '做到两个维护，推动发展。'.repeat(k);
    }
  }
  return { facets, analyses, texts };
}

/** 250 formulations in three documents, so the list has three pages. */
function manyFormulations(): Library {
  const hits = (n: number, offset: number): FormulationHit[] =>
    Array.from({ length: n }, (_, i) => ({ text: `提法${String(i + offset).padStart(3, '0')}`, kind: 'quoted', count: 1 }));
  const facets: DocFacet[] = [
    { docId: 'a', title: '甲', org: '甲市委', year: 2020, docType: '报告', date: '' },
    { docId: 'b', title: '乙', org: '乙局', year: 2021, docType: '报告', date: '' },
  ];
  const analyses = new Map([
    ['a', analysis('a', 5000, [{ text: '两个维护', kind: 'lexicon', count: 2, category: 'slogan' }, ...hits(150, 0)])],
    ['b', analysis('b', 5000, hits(100, 150))],
  ]);
  return { facets, analyses, texts: { a: '两个维护，再次两个维护。', b: '' } };
}

function makeProps(lib: Library, params: Record<string, string> = {}) {
  const map = new Map(Object.entries(params));
  const setParam = vi.fn((k: string, v: string | null) => {
    if (v === null) map.delete(k);
    else map.set(k, v);
  });
  const getText = vi.fn(async (id: string) => lib.texts[id] ?? '');
  const props: ViewProps = {
    facets: lib.facets,
    analyses: lib.analyses,
    allFacets: lib.facets,
    allAnalyses: lib.analyses,
    getText,
    openDoc: vi.fn(),
    lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }],
    addToLexicon: vi.fn(async () => {}),
    param: (k) => map.get(k) ?? null,
    setParam,
    aggregates: createLocalAggregator((id) => getText(id)),
  };
  return { props, setParam };
}

const rangeOf = (el: Element, testid: string) => within(within(el as HTMLElement).getByTestId(`${testid}-pager`)).getByTestId('pager-range').textContent;

describe('Trends split by organisation', () => {
  type LegendItem = { text: string; fillStyle: string; datasets: number[] };
  const legendOf = (chart: Chart) => {
    const legend = chart.options.plugins?.legend as unknown as { labels: { generateLabels(c: Chart): LegendItem[] }; position: string };
    return { items: legend.labels.generateLabels(chart), position: legend.position };
  };

  it('draws the top eight organisations in eight different colours and the rest as one grey "other" line', () => {
    const { props } = makeProps(twelveOrgs(), { series: '两个维护', split: 'org' });
    const { getByTestId, getByText } = render(<TrendsView {...props} />);
    const chart = Chart.getChart(getByTestId('chart-trends') as HTMLCanvasElement)!;
    const labels = chart.data.datasets.map((d) => d.label);
    expect(labels).toHaveLength(9);
    expect(labels[0]).toBe('两个维护 · 机构12');
    expect(labels[8]).toBe('两个维护 · other (4 organisations)');
    const colours = chart.data.datasets.map((d) => d.borderColor as string);
    expect(new Set(colours.slice(0, 8)).size).toBe(8);
    for (const c of colours.slice(0, 8)) expect(CATEGORY_COLORS as readonly string[]).toContain(c);
    expect(colours[8]).toBe(OTHER_COLOR);
    // other: organisations 1–4 together, 1+2+3+4 = 10 occurrences in 40,000 characters in 2020.
    expect(chart.data.datasets[8]?.data[0]).toBeCloseTo(2.5, 3);
    getByText(/the other 4 are one grey line/);
    const rows = within(getByTestId('trends-table')).getAllByRole('row').map((r) => r.textContent ?? '');
    expect(rows.some((r) => r.includes('other (4 organisations)'))).toBe(true);
  });

  it('the legend lists each organisation once (and each term once), below the chart, entries toggling their lines', async () => {
    // 发展 is no dictionary entry: it is counted on the texts, so the chart comes when that query answers.
    const { props } = makeProps(twelveOrgs(), { series: '两个维护|发展', split: 'org' });
    const { findByTestId } = render(<TrendsView {...props} />);
    const canvas = (await findByTestId('chart-trends')) as HTMLCanvasElement;
    const chart = await vi.waitFor(() => {
      const c = Chart.getChart(canvas);
      if (!c) throw new Error('no chart on the canvas yet');
      return c;
    });
    expect(chart.data.datasets).toHaveLength(18);
    const { items, position } = legendOf(chart);
    expect(position).toBe('bottom');
    // nine organisations (eight and other) and two terms, instead of eighteen lines
    expect(items.map((i) => i.text)).toEqual([
      '机构12', '机构11', '机构10', '机构09', '机构08', '机构07', '机构06', '机构05', 'other (4 organisations)', '两个维护', '发展',
    ]);
    expect(new Set(items.slice(0, 9).map((i) => i.fillStyle)).size).toBe(9);
    // an organisation's entry covers its line for each term
    expect(items[0]?.datasets).toEqual([0, 9]);
    const onClick = (chart.options.plugins?.legend as unknown as { onClick(e: unknown, item: LegendItem, legend: { chart: Chart }): void }).onClick;
    onClick({}, items[0]!, { chart });
    expect(chart.isDatasetVisible(0)).toBe(false);
    expect(chart.isDatasetVisible(9)).toBe(false);
    expect(chart.isDatasetVisible(1)).toBe(true);
  });
});

describe('Formulations', () => {
  it('the heatmap carries its colour scale: unit, cell range, drawn by its plugin above the cells', () => {
    const { props } = makeProps(twelveOrgs(), { cells: 'count' });
    const { getByTestId } = render(<FormulationsView {...props} />);
    const heat = Chart.getChart(getByTestId('chart-formulations-heatmap') as HTMLCanvasElement)!;
    expect(heat.config.plugins?.map((p) => p.id)).toContain('tlHeatLegend');
    const scale = heat.options.plugins as unknown as { tlHeatLegend: { title: string; max: string; full: boolean } };
    // cells are per organisation: 机构12 has 12 + 12 = 24 occurrences, 机构01 has 2
    expect(scale.tlHeatLegend).toEqual({ title: 'occurrences: 2 – 24', max: '24', full: true });
    expect((heat.options.layout?.padding as { top: number }).top).toBeGreaterThan(30);
  });

  it('clicking a formulation opens its contexts under the filter; the count there is the number of contexts listed', async () => {
    const lib = manyFormulations();
    const first = makeProps(lib);
    const r = render(<FormulationsView {...first.props} />);
    fireEvent.click(within(r.getByTestId('formulations-table')).getByRole('button', { name: '两个维护' }));
    expect(first.setParam).toHaveBeenCalledWith('kwic', '两个维护');
    r.unmount();

    const { props } = makeProps(lib, { kwic: '两个维护' });
    const { getByTestId, findByText } = render(<FormulationsView {...props} />);
    await findByText(/2 contexts in 1 documents/);
    const kwic = getByTestId('kwic');
    expect(kwic.querySelectorAll('tbody tr')).toHaveLength(2);
    expect([...kwic.querySelectorAll('tbody .tl-kwic-match')].map((m) => m.textContent)).toEqual(['两个维护', '两个维护']);
  });

  it('lists 251 formulations in pages of 100 ("rows a–b of n"); the CSV has every row', async () => {
    const dl = captureDownloads();
    const { props } = makeProps(manyFormulations());
    const { container, getByTestId } = render(<FormulationsView {...props} />);
    const table = getByTestId('formulations-table');
    expect(rangeOf(container, 'formulations')).toBe('rows 1–100 of 251');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(100);
    const pager = getByTestId('formulations-pager');
    fireEvent.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(rangeOf(container, 'formulations')).toBe('rows 101–200 of 251'));
    fireEvent.click(within(pager).getByRole('button', { name: 'Last' }));
    await waitFor(() => expect(rangeOf(container, 'formulations')).toBe('rows 201–251 of 251'));
    expect(table.querySelectorAll('tbody tr')).toHaveLength(51);
    expect(within(pager).getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(container.querySelector('button[data-export="formulations"]')!);
    const lines = (await dl.blobs[0]!.text()).slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 251);
  });

  it('another kind starts again at the first page', async () => {
    const { props } = makeProps(manyFormulations());
    // The view's URL state in a component of its own, so choosing a kind re-renders the view.
    function Stateful() {
      const [params, setParams] = useState<Record<string, string>>({});
      return (
        <FormulationsView
          {...props}
          param={(k) => params[k] ?? null}
          setParam={(k, v) => setParams((p) => (v === null ? Object.fromEntries(Object.entries(p).filter(([x]) => x !== k)) : { ...p, [k]: v }))}
        />
      );
    }
    const { container, getByTestId } = render(<Stateful />);
    fireEvent.click(within(getByTestId('formulations-pager')).getByRole('button', { name: 'Last' }));
    await waitFor(() => expect(rangeOf(container, 'formulations')).toBe('rows 201–251 of 251'));
    fireEvent.change(container.querySelector('select')!, { target: { value: 'quoted' } });
    await waitFor(() => expect(rangeOf(container, 'formulations')).toBe('rows 1–100 of 250'));
  });
});

describe('Compare', () => {
  it('a keyword or a formulation added or dropped opens its contexts', async () => {
    const { props, setParam } = makeProps(manyFormulations(), { a: '2020', b: '2021' });
    const r = render(<CompareView {...props} />);
    // B (2021) added 100 formulations, in pages; A's 151 were dropped
    expect(rangeOf(r.container, 'added-table')).toBe('rows 1–100 of 100');
    expect(rangeOf(r.container, 'dropped-table')).toBe('rows 1–100 of 151');
    const phrase = within(r.getByTestId('added-table')).getAllByRole('button')[0]!;
    fireEvent.click(phrase);
    expect(setParam).toHaveBeenCalledWith('kwic', '提法150');
    r.unmount();

    const lib = twelveOrgs();
    const { props: p2 } = makeProps(lib, { cmp: 'org', org: '机构12', kwic: '两个维护' });
    const { findByText, getByTestId } = render(<CompareView {...p2} />);
    // every document of the twelve organisations: 2 × (1 + … + 12) = 156 contexts
    await findByText(/156 contexts in 24 documents/);
    // the contexts are listed in pages: the pager's n is the count above it
    const kwic = getByTestId('kwic');
    expect(rangeOf(kwic, 'kwic')).toBe('rows 1–100 of 156');
    expect(kwic.querySelectorAll('tbody tr')).toHaveLength(100);
  });
});
