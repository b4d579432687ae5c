// @vitest-environment happy-dom
// The analytic views on a small hand-made library: each table shows the numbers the fixture
// implies, exports CSV with the shared format, and shows a message instead of a blank chart when
// there is nothing to compute from.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { Chart } from 'chart.js';
import type { DocAnalysis, DocFacet, FormulationHit, Heading } from '../../analysis/types';
import type { ViewProps } from '../../components/views/types';
import { TermsView } from '../../components/views/TermsView';
import { TrendsView } from '../../components/views/TrendsView';
import { FormulationsView } from '../../components/views/FormulationsView';
import { StructureView } from '../../components/views/StructureView';
import { CompareView } from '../../components/views/CompareView';
import { MESSAGES, setLanguage, t } from '../../utils/i18n';
import { isoDay } from '../../components/charts/download';
import { outlineTree, parseYearRange, yearSpan, analysedDocs, type AnalysedDoc } from '../../analysis/corpus';
import { KWIC_MAX_LINES, KWIC_WIDTH, collectKwic } from '../../analysis/kwic-search';
import { createLocalAggregator, type Aggregator, type QueryKind } from '../../analysis/queries';
import type { RecurringPhrase } from '../../analysis/aggregate';
import { createSegmenter } from '../../analysis/segment';
import { loadNodeJieba } from '../helpers/segmenter';
import { captureDownloads } from '../helpers/downloads';
import { installCanvasStandIn } from '../helpers/canvas';
import { at } from '../helpers/at';

// ---- canvas stand-in (happy-dom draws nothing) ----
beforeAll(installCanvasStandIn);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// ---- fixture: three documents, two organisations, two years ----
const h = (level: number, marker: string, text: string, offset = 0): Heading => ({ level, marker, text, offset });
const f = (text: string, kind: FormulationHit['kind'], count: number, category?: string): FormulationHit =>
  category ? { text, kind, count, category } : { text, kind, count };

function analysis(docId: string, chars: number, terms: [string, number][], formulations: FormulationHit[], outline: Heading[] = []): DocAnalysis {
  return {
    docId,
    version: 't',
    chars,
    terms,
    formulations,
    outline,
    stats: { chars, paragraphs: 10, sentences: 20, meanSentenceLength: chars / 20 },
  };
}

const FACETS: [DocFacet, DocFacet, DocFacet] = [
  { docId: '1', title: '甲市2020年工作要点', org: '甲市委', year: 2020, docType: '工作要点', date: '2020-02-01' },
  { docId: '2', title: '乙局2021年工作要点', org: '乙局党组', year: 2021, docType: '工作要点', date: '2021-03-01' },
  { docId: '3', title: '甲市2021年工作要点', org: '甲市委', year: 2021, docType: '工作要点', date: '2021-02-01' },
];

const ANALYSES = new Map<string, DocAnalysis>([
  [
    '1',
    analysis('1', 10000, [['发展', 10], ['改革', 4], ['constructor', 1]], [f('两个维护', 'lexicon', 2, 'slogan'), f('红旗领航', 'quoted', 1)], [
      h(1, '一、', '强化政治引领，筑牢理想信念的思想根基'),
      h(2, '（一）', '加强理论武装'),
      h(2, '（二）', '坚持民主集中制'),
      h(1, '二、', '突出组织建设'),
    ]),
  ],
  ['2', analysis('2', 5000, [['发展', 6], ['创新', 5]], [f('两个维护', 'lexicon', 3, 'slogan'), f('四个以学', 'quoted', 2)], [h(1, '一、', '加强党的建设')])],
  ['3', analysis('3', 5000, [['发展', 2], ['__proto__', 3]], [f('三会一课', 'numbered', 1)])],
]);

const TEXTS: Record<string, string> = {
  '1': '全市上下坚决做到两个维护，推进发展。\n开展“红旗领航”行动。',
  '2': '始终把两个维护作为根本政治要求，深化“四个以学”。再次强调两个维护。',
  '3': '落实三会一课制度。',
};

function makeProps(over: Partial<ViewProps> & { params?: Record<string, string> } = {}) {
  const params = new Map(Object.entries(over.params ?? {}));
  const setParam = vi.fn((k: string, v: string | null) => {
    if (v === null) params.delete(k);
    else params.set(k, v);
  });
  const props: ViewProps = {
    facets: FACETS,
    analyses: ANALYSES,
    allFacets: FACETS,
    allAnalyses: ANALYSES,
    getText: vi.fn(async (id: string) => TEXTS[id] ?? ''),
    openDoc: vi.fn(),
    lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }],
    addToLexicon: vi.fn(async () => {}),
    param: (k) => params.get(k) ?? null,
    setParam,
    ...over,
    // Tests answer in-process, reading texts through the props' getText (the dashboard's worker reads the database).
    aggregates: over.aggregates ?? createLocalAggregator((id) => props.getText(id), async (words) => createSegmenter(loadNodeJieba(), words)),
  };
  return { props, params, setParam };
}

/** The chart drawn on a canvas once an asynchronous answer (a text query) has come in. */
async function drawnChart(testId: string): Promise<Chart> {
  let chart: Chart | undefined;
  await waitFor(() => {
    const canvas = document.querySelector(`[data-testid="${testId}"]`);
    chart = canvas ? Chart.getChart(canvas as HTMLCanvasElement) : undefined;
    expect(chart).toBeDefined();
  });
  return chart!;
}

/** Rows of a table as arrays of cell texts. */
function tableRows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
}

// Every key in both languages, non-empty, same placeholders: tests/glue/i18n.test.ts (one table for all).
describe('view strings', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(t('views.kwicTitle', { term: '两个维护' }, 'en')).toBe('Contexts of “两个维护”');
    expect(t('views.compareSizes', { a: 1, b: 2 }, 'zh')).toBe('A：1 篇，B：2 篇');
    expect(t('views.kwicTitle', undefined, 'en')).toContain('{term}');
    expect(t('views.kwicTitle', { __proto__: 'x' } as unknown as Record<string, string>, 'en')).toContain('{term}');
  });
});

describe('empty states', () => {
  const views = { TermsView, TrendsView, FormulationsView, StructureView, CompareView };
  for (const [name, View] of Object.entries(views)) {
    it(`${name}: no documents → message, no chart`, () => {
      const { props } = makeProps({ facets: [], analyses: new Map(), allFacets: [], allAnalyses: new Map() });
      const { getByTestId, container } = render(<View {...props} />);
      expect(getByTestId('view-empty').textContent).toBe(MESSAGES.en['views.emptyNoDocs']);
      expect(container.querySelector('canvas')).toBeNull();
    });
    it(`${name}: documents not analysed yet → message (zh)`, () => {
      const { props } = makeProps({ analyses: new Map(), allAnalyses: new Map() });
      setLanguage('zh');
      try {
        const { getByTestId } = render(<View {...props} />);
        expect(getByTestId('view-empty').textContent).toBe(MESSAGES.zh['views.emptyNotAnalysed']);
      } finally {
        setLanguage('en');
      }
    });
  }
});

describe('TermsView', () => {
  it('lists the top term with its count, rate and documents; odd terms count like any other', () => {
    const { props } = makeProps();
    const { getByTestId } = render(<TermsView {...props} />);
    const rows = tableRows(getByTestId('terms-table'));
    // 发展: 10 + 6 + 2 = 18 in 20,000 characters → 9 per 10k, in 3 documents.
    expect(rows[0]).toEqual(['1', '发展', '18', '9', '3']);
    const byTerm = new Map(rows.map((r) => [r[1], r]));
    expect(byTerm.get('__proto__')?.[2]).toBe('3');
    expect(byTerm.get('constructor')?.[2]).toBe('1');
    const chart = Chart.getChart(getByTestId('chart-terms') as HTMLCanvasElement)!;
    expect(chart.data.labels?.[0]).toBe('发展');
    expect(chart.data.datasets[0]?.data[0]).toBe(18);
    expect((chart.options.scales?.x as { title: { text: string } }).title.text).toBe('Count');
  });

  it('measure "documents" ranks by document frequency and labels the axis', () => {
    const { props } = makeProps({ params: { measure: 'per10k' } });
    const { getByTestId } = render(<TermsView {...props} />);
    const chart = Chart.getChart(getByTestId('chart-terms') as HTMLCanvasElement)!;
    expect(chart.data.datasets[0]?.data[0]).toBe(9);
    expect((chart.options.scales?.x as { title: { text: string } }).title.text).toBe('per 10,000 characters');
  });

  it('clicking a bar asks for that term\'s KWIC', () => {
    const { props, setParam } = makeProps();
    const { getByTestId } = render(<TermsView {...props} />);
    const chart = Chart.getChart(getByTestId('chart-terms') as HTMLCanvasElement)!;
    const onClick = chart.options.onClick as unknown as (e: unknown, el: { index: number }[]) => void;
    onClick({}, [{ index: 1 }]);
    expect(setParam).toHaveBeenCalledWith('kwic', chart.data.labels![1]);
    onClick({}, []);
    expect(setParam).toHaveBeenCalledTimes(1);
  });

  it('clicking a term asks for its KWIC; KWIC shows contexts with a link that opens the document', async () => {
    const { props, setParam } = makeProps();
    const first = render(<TermsView {...props} />);
    fireEvent.click(within(first.getByTestId('terms-table')).getByRole('button', { name: '改革' }));
    expect(setParam).toHaveBeenCalledWith('kwic', '改革');
    first.unmount();

    const { props: p2 } = makeProps({ params: { kwic: '两个维护' } });
    const { findByText, getByTestId } = render(<TermsView {...p2} />);
    await findByText(/3 contexts in 2 documents/);
    const kwic = getByTestId('kwic');
    const rows = tableRows(kwic.querySelector('table')!);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[2]).toBe('两个维护');
    expect(rows[0]?.[1]).toBe('全市上下坚决做到');
    expect(at(rows, 0)[3]).toMatch(/^，推进发展。/);
    // only documents whose analysis mentions the term were read
    expect(p2.getText).toHaveBeenCalledTimes(2);
    fireEvent.click(at(within(kwic).getAllByRole('link', { name: '乙局2021年工作要点' }), 0));
    expect(p2.openDoc).toHaveBeenCalledWith('2');
  });

  it('exports the top terms as CSV with BOM, header and values, under a dated name', async () => {
    const dl = captureDownloads();
    const { props } = makeProps();
    const { getAllByRole } = render(<TermsView {...props} />);
    const buttons = getAllByRole('button', { name: /CSV/ });
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    // Two CSV buttons side by side must look different: the CLI-format one says which file it is.
    const cliFormat = buttons.find((b) => b.getAttribute('data-export') === 'terms')!;
    expect(cliFormat.textContent).toBe('terms.csv');
    expect(buttons.find((b) => b.getAttribute('data-export') === 'top-terms')!.textContent).toBe('CSV');
    fireEvent.click(cliFormat);
    expect(dl.names).toEqual([`tifa-lens-terms-${isoDay()}.csv`]);
    const text = await at(dl.blobs, 0).text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('doc_id,term,count,per_10k,docs,tfidf');
    // 发展 is in all three documents (tfidf 0); __proto__: 3 of document 3's 5 terms × ln 3.
    expect(lines).toContain('1,发展,10,10,3,0');
    expect(lines).toContain('3,__proto__,3,6,1,0.659167');
  });
});

describe('TrendsView', () => {
  it('computes per 10k over a 2-year fixture and keeps the terms from the URL', async () => {
    const { props } = makeProps({ params: { series: '两个维护|发展' } });
    const { getByTestId } = render(<TrendsView {...props} />);
    const chart = await drawnChart('chart-trends');
    expect(chart.data.labels).toEqual(['2020', '2021']);
    // 两个维护 (a lexicon entry, from the stored analyses): 2020 → 2 in 10,000 chars = 2; 2021 → 3 in 10,000 chars (5,000 + 5,000) = 3
    expect(chart.data.datasets[0]?.label).toBe('两个维护');
    expect(chart.data.datasets[0]?.data).toEqual([2, 3]);
    // 发展 (no lexicon entry: occurrences in the texts, not the token counts): 2020 → 1 / 10,000 → 1; 2021 → 0
    expect(chart.data.datasets[1]?.data).toEqual([1, 0]);
    expect((chart.options.scales?.y as { title: { text: string } }).title.text).toContain('per 10,000 characters');
    const rows = tableRows(getByTestId('trends-table'));
    expect(rows[0]).toEqual(['2020', '两个维护', '2', '2', '1/1', '100%']);
    expect(rows[1]).toEqual(['2021', '两个维护', '3', '3', '1/2', '50%']);
  });

  it('terms from the URL may be object-key names or carry full-width punctuation', async () => {
    // Typed phrases are counted in the texts: these texts hold them.
    const texts: Record<string, string> = { '1': '一个constructor。', '2': '无。', '3': '__proto__、__proto__ 与 __proto__。' };
    const { props } = makeProps({ params: { series: '__proto__|constructor|不忘初心、牢记使命|__proto__' }, getText: async (id) => texts[id] ?? '' });
    render(<TrendsView {...props} />);
    const chart = await drawnChart('chart-trends');
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['__proto__', 'constructor', '不忘初心、牢记使命']);
    // __proto__: 3 in document 3 (2021, 10,000 characters that year) → 3 per 10k; constructor: 1 in 2020
    expect(chart.data.datasets[0]?.data).toEqual([0, 3]);
    expect(chart.data.datasets[1]?.data).toEqual([1, 0]);
    expect(chart.data.datasets[2]?.data).toEqual([0, 0]);
  });

  it('share of documents mentioning, split by organisation', () => {
    const { props } = makeProps({ params: { series: '两个维护', rate: 'share', split: 'org' } });
    const { getByTestId } = render(<TrendsView {...props} />);
    const chart = Chart.getChart(getByTestId('chart-trends') as HTMLCanvasElement)!;
    const byLabel = new Map(chart.data.datasets.map((d) => [d.label, d.data]));
    expect(byLabel.get('两个维护 · 甲市委')).toEqual([100, 0]);
    expect(byLabel.get('两个维护 · 乙局党组')).toEqual([null, 100]);
    expect(at(chart.data.datasets, 0).borderColor).not.toBe(at(chart.data.datasets, 1).borderColor);
  });

  it('defaults to lexicon formulations present in the data, and adds a typed term to the URL', () => {
    const { props, setParam } = makeProps();
    props.lexicon = [...props.lexicon, { term: '党的二十大', category: 'meeting', aliases: ['二十大'] }];
    const { getByTestId, getByPlaceholderText, getByRole } = render(<TrendsView {...props} />);
    const chart = Chart.getChart(getByTestId('chart-trends') as HTMLCanvasElement)!;
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['两个维护']);
    const input = getByPlaceholderText(/Type a term/);
    const options = () => [...document.querySelectorAll('#tl-trend-suggestions option')].map((o) => o.getAttribute('value'));
    expect(options()).toEqual([]);
    fireEvent.focus(input);
    // lexicon formulations present in the data first, then the user's lexicon, then top terms
    expect(options().slice(0, 3)).toEqual(['两个维护', '党的二十大', '发展']);
    expect(options()).toContain('__proto__');
    fireEvent.input(input, { target: { value: '创新' } });
    fireEvent.click(getByRole('button', { name: 'Add' }));
    expect(setParam).toHaveBeenLastCalledWith('series', '两个维护|创新');
    // an alias of a lexicon entry plots the entry
    fireEvent.input(input, { target: { value: '二十大' } });
    fireEvent.click(getByRole('button', { name: 'Add' }));
    expect(setParam).toHaveBeenLastCalledWith('series', '两个维护|创新|党的二十大');
  });
});

describe('FormulationsView', () => {
  it('lists counts, kinds, first and last years; a discovered quoted candidate can be added to the lexicon', async () => {
    const { props } = makeProps();
    const { getByTestId } = render(<FormulationsView {...props} />);
    const table = getByTestId('formulations-table');
    const rows = tableRows(table);
    expect(rows[0]?.slice(0, 8)).toEqual(['两个维护', 'lexicon', 'slogan', '5', '2', '2', '2020', '2021']);
    const quoted = rows.find((r) => r[0] === '四个以学')!;
    expect(quoted.slice(0, 8)).toEqual(['四个以学', 'quoted', '', '2', '1', '1', '2021', '2021']);
    // lexicon entries have no add button; discovered ones do
    const lexRow = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('两个维护'))!;
    expect(within(lexRow as HTMLElement).queryByRole('button', { name: /lexicon/ })).toBeNull();
    const add = within(table).getByRole('button', { name: /“红旗领航”.*lexicon/ });
    fireEvent.click(add);
    await waitFor(() => expect(props.addToLexicon).toHaveBeenCalledWith('红旗领航', 'slogan'));
    await waitFor(() => expect(within(table).queryByRole('button', { name: /“红旗领航”/ })).toBeNull());
  });

  it('draws the org × formulation heatmap and the first/last timeline', () => {
    const { props } = makeProps({ params: { cells: 'count' } });
    const { getByTestId } = render(<FormulationsView {...props} />);
    const heat = Chart.getChart(getByTestId('chart-formulations-heatmap') as HTMLCanvasElement)!;
    expect((heat.config as { type: string }).type).toBe('matrix');
    const cells = at(heat.data.datasets, 0).data as { x: string; y: string; v: number }[];
    expect(cells.find((c) => c.x === '两个维护' && c.y === '甲市委')?.v).toBe(2);
    expect(cells.find((c) => c.x === '两个维护' && c.y === '乙局党组')?.v).toBe(3);
    // by default the charts keep to lexicon formulations; discovered ones appear when their kind is chosen
    expect(cells.some((c) => c.x === '三会一课')).toBe(false);
    const tl = Chart.getChart(getByTestId('chart-formulations-timeline') as HTMLCanvasElement)!;
    const i = (tl.data.labels as string[]).indexOf('两个维护');
    expect(tl.data.datasets[0]?.data[i]).toEqual([2019.6, 2021.4]);
    cleanupAndRenderNumbered();
  });

  it('finds recurring phrases across organisations on request and offers them for the lexicon', async () => {
    // A phrase shared by three documents of two organisations, absent from the analyses. Its words are
    // rare in general language (a phrase of common words, 红色引擎工程, is taken for a collocation by
    // analysis/recurring and not reported).
    const texts: Record<string, string> = {
      '1': '全市坚持枫桥引擎工程。其他内容甲。',
      '2': '本局推进枫桥引擎工程，成效明显。其他内容乙。',
      '3': '继续实施枫桥引擎工程！其他内容丙。',
    };
    const { props } = makeProps({ getText: vi.fn(async (id: string) => texts[id] ?? '') });
    const { getByRole, getByTestId, findByText } = render(<FormulationsView {...props} />);
    fireEvent.click(getByRole('button', { name: 'Find recurring phrases' }));
    await findByText(/recurring phrases found/);
    // Each text read twice in the worker: once to find the phrases (word tokens, as the CLI), once to count them.
    expect(props.getText).toHaveBeenCalledTimes(6);
    const row = tableRows(getByTestId('formulations-table')).find((r) => r[0] === '枫桥引擎工程');
    expect(row?.slice(0, 6)).toEqual(['枫桥引擎工程', 'recurring', '', '3', '3', '2']);
    fireEvent.click(getByRole('button', { name: /“枫桥引擎工程”.*lexicon/ }));
    await waitFor(() => expect(props.addToLexicon).toHaveBeenCalledWith('枫桥引擎工程', 'slogan'));
    // The phrases come with their place in the ranking, best first.
    const answer = props.aggregates!.ask('findRecurring', [analysedDocs(props.facets, props.analyses)], { exclude: [] });
    const phrases = answer.done ? answer.value : await answer.promise;
    expect(phrases.map((p) => [p.text, p.rank])).toEqual([['枫桥引擎工程', 1]]);
  });

  it('lists recurring phrases alone in the order of their ranking, and says so; with every kind, by documents', async () => {
    const local = createLocalAggregator();
    const phrase = (text: string, rank: number, docs: number): RecurringPhrase => ({
      text, kind: 'recurring', count: docs, standalone: 0, docs, orgs: 2, orgNames: ['乙局党组', '甲市委'], firstYear: 2020, lastYear: 2021, docIds: [], rank,
    });
    // The better-ranked phrase is in fewer documents.
    const found = [phrase('枫桥引擎工程', 1, 2), phrase('数字乡村平台', 2, 3)];
    const aggregates = {
      ask: (kind: QueryKind, sets: AnalysedDoc[][], args: unknown) =>
        kind === 'findRecurring' ? { done: false, promise: Promise.resolve(found), cancel: () => {} } : local.ask(kind, sets, args as never),
    } as Aggregator;
    const { props } = makeProps({ aggregates, params: { kind: 'recurring' } });
    const view = render(<FormulationsView {...props} />);
    fireEvent.click(view.getByRole('button', { name: 'Find recurring phrases' }));
    await view.findByText(/recurring phrases found/);
    const texts = () => tableRows(view.getByTestId('formulations-table')).map((r) => r[0]);
    expect(texts()).toEqual(['枫桥引擎工程', '数字乡村平台']);
    expect(view.getByTestId('recurring-order').textContent).toMatch(/order of their ranking/);
    cleanup();
    const every = render(<FormulationsView {...makeProps({ aggregates }).props} />);
    fireEvent.click(every.getByRole('button', { name: 'Find recurring phrases' }));
    await every.findByText(/recurring phrases found/);
    const all = tableRows(every.getByTestId('formulations-table')).map((r) => r[0]);
    expect(all.indexOf('数字乡村平台')).toBeGreaterThanOrEqual(0);
    expect(all.indexOf('数字乡村平台')).toBeLessThan(all.indexOf('枫桥引擎工程'));
    expect(every.queryByTestId('recurring-order')).toBeNull();
  });

  function cleanupAndRenderNumbered() {
    cleanup();
    const { props } = makeProps({ params: { cells: 'count', kind: 'numbered' } });
    const { getByTestId } = render(<FormulationsView {...props} />);
    const heat = Chart.getChart(getByTestId('chart-formulations-heatmap') as HTMLCanvasElement)!;
    const cells = at(heat.data.datasets, 0).data as { x: string; y: string; v: number }[];
    expect(cells.find((c) => c.x === '三会一课' && c.y === '甲市委')?.v).toBe(1);
    expect(cells.find((c) => c.x === '三会一课' && c.y === '乙局党组')?.v).toBe(0);
  }

  it('filters by kind from the URL', () => {
    const { props } = makeProps({ params: { kind: 'numbered' } });
    const { getByTestId } = render(<FormulationsView {...props} />);
    expect(tableRows(getByTestId('formulations-table')).map((r) => r[0])).toEqual(['三会一课']);
  });
});

describe('StructureView', () => {
  it('shows the outline as a tree and counts headings per level', () => {
    const { props } = makeProps();
    const { getByTestId } = render(<StructureView {...props} />);
    const outline = getByTestId('outline');
    const top = outline.querySelectorAll(':scope > ul > li');
    expect(top).toHaveLength(2);
    expect(at(top, 0).querySelectorAll('li')).toHaveLength(2);
    expect(top[0]?.textContent).toContain('加强理论武装');
    const levels = Chart.getChart(getByTestId('chart-structure-levels') as HTMLCanvasElement)!;
    expect(levels.data.datasets[0]?.data).toEqual([3, 2]); // level 1: 2 + 1 headings; level 2: 2
    expect(levels.data.datasets[1]?.data).toEqual([2, 1]); // documents having each level
    const len = Chart.getChart(getByTestId('chart-structure-length') as HTMLCanvasElement)!;
    expect(at(len.data.datasets, 0).data).toContainEqual({ x: 2020, y: 10000 });
  });

  it('finds the parallel heading pattern and shows two outlines side by side', () => {
    const { props } = makeProps({ params: { left: '1', right: '2' } });
    const { getByTestId } = render(<StructureView {...props} />);
    const patterns = tableRows(getByTestId('patterns-table'));
    expect(patterns[0]?.[0]).toBe('强化…，筑牢…');
    const chart = Chart.getChart(getByTestId('chart-structure-patterns') as HTMLCanvasElement)!;
    expect(chart.data.labels).toEqual(['强化…，筑牢…']);
    expect(chart.data.datasets[0]?.data).toEqual([1]);
    expect(getByTestId('outline-left').textContent).toContain('突出组织建设');
    expect(getByTestId('outline-right').textContent).toContain('加强党的建设');
  });
});

describe('CompareView', () => {
  it('shows a formulation only present in B as added and one only in A as dropped', () => {
    const { props } = makeProps({ params: { a: '2020', b: '2021' } });
    const { getByTestId } = render(<CompareView {...props} />);
    expect(getByTestId('compare-sizes').textContent).toBe('A: 1 documents, B: 2 documents');
    const added = tableRows(getByTestId('added-table')).map((r) => r[0]);
    expect(added).toContain('四个以学');
    expect(added).toContain('三会一课');
    expect(added).not.toContain('两个维护');
    expect(tableRows(getByTestId('dropped-table')).map((r) => r[0])).toEqual(['红旗领航']);
  });

  it('year inputs set the ranges in the URL; the whole library can replace the filtered set', () => {
    const { props, setParam } = makeProps({ facets: [FACETS[0], FACETS[1]], params: { scope: 'all', a: '2020', b: '2021' } });
    const { getByTestId, getByRole } = render(<CompareView {...props} />);
    expect(getByTestId('compare-sizes').textContent).toBe('A: 1 documents, B: 2 documents');
    fireEvent.change(getByRole('spinbutton', { name: 'B: first year' }), { target: { value: '2022' } });
    expect(setParam).toHaveBeenLastCalledWith('b', '2021-2022');
    fireEvent.click(getByRole('checkbox', { name: /whole library/ }));
    expect(setParam).toHaveBeenLastCalledWith('scope', null);
  });

  it('keyness table: a term only in B is key for B with G2 above 3.84', () => {
    const { props } = makeProps({ params: { a: '2020', b: '2021' } });
    const { getByTestId } = render(<CompareView {...props} />);
    const rows = tableRows(getByTestId('keyness-table'));
    const r = rows.find((x) => x[0] === '创新')!;
    expect(r.slice(0, 3)).toEqual(['创新', '0', '5']);
    // A: 15 tokens, B: 16 tokens; E(B) = 16·5/31; G2 = 2·5·ln(5/E(B))
    const g2 = 2 * 5 * Math.log(5 / ((16 * 5) / 31));
    expect(Number(r[3])).toBeCloseTo(g2, 2);
    expect(Number(r[4])).toBeLessThan(0);
    // the chart draws it on B's side, with a legend naming both subsets
    const chart = Chart.getChart(getByTestId('chart-compare-keyness') as HTMLCanvasElement)!;
    expect(chart.data.datasets.map((d) => d.label)).toEqual(['A: 2020', 'B: 2021']);
    const i = (chart.data.labels as string[]).indexOf('创新');
    expect(at(chart.data.datasets, 1).data[i]).toBeLessThan(0);
    expect(at(chart.data.datasets, 0).data[i]).toBeNull();
  });

  it('defaults to the earlier half of the years against the later half; org mode compares one org with the rest', () => {
    const { props } = makeProps();
    const { getByTestId, unmount } = render(<CompareView {...props} />);
    expect(getByTestId('compare-sizes').textContent).toBe('A: 1 documents, B: 2 documents');
    unmount();
    const { props: p2 } = makeProps({ params: { cmp: 'org', org: '乙局党组' } });
    const r = render(<CompareView {...p2} />);
    expect(r.getByTestId('compare-sizes').textContent).toBe('A: 1 documents, B: 2 documents');
    expect(tableRows(r.getByTestId('added-table')).map((x) => x[0]).sort()).toEqual(['三会一课', '红旗领航'].sort());
  });
});

describe('view helpers', () => {
  it('KWIC stops reading documents once enough contexts are shown, and says so', async () => {
    const per = 300;
    const getText = vi.fn(async () => '两个维护，'.repeat(per));
    const r = await collectKwic('两个维护', FACETS, getText);
    expect(r.rows).toHaveLength(KWIC_MAX_LINES);
    expect(r.searched).toBe(2);
    expect(r.candidates).toBe(3);
    expect(r.total).toBe(2 * per);
    expect(getText).toHaveBeenCalledTimes(2);
    expect(r.rows[0]).toMatchObject({ docId: '1', match: '两个维护', left: '', offset: 0 });
    expect(at(r.rows, 0).right).toHaveLength(KWIC_WIDTH);
    expect(r.rows[0]?.right).toBe('，两个维护，两个维护，两个维护，两个维护，两个维'); // KWIC_WIDTH characters
  });

  it('KWIC finds simplified terms in a traditional-script text (the normalised text is searched)', async () => {
    const r = await collectKwic('两个维护', [FACETS[0]], async () => '堅決做到兩個維護。');
    expect(r.rows.map((x) => [x.left, x.match, x.right])).toEqual([['坚决做到', '两个维护', '。']]);
  });

  it('reads year ranges written with any common separator, in either order', () => {
    expect(parseYearRange('2018-2020')).toEqual({ from: 2018, to: 2020 });
    expect(parseYearRange('2020至2018')).toEqual({ from: 2018, to: 2020 });
    expect(parseYearRange(' 2019～2021 ')).toEqual({ from: 2019, to: 2021 });
    expect(parseYearRange('2024')).toEqual({ from: 2024, to: 2024 });
    expect(parseYearRange('')).toBeNull();
    expect(parseYearRange('二〇二四')).toBeNull();
    expect(parseYearRange(null)).toBeNull();
  });

  it('nests an outline by level, also when a level is skipped or the first heading is deep', () => {
    const tree = outlineTree([h(2, '（一）', 'a'), h(1, '一、', 'b'), h(3, '1.', 'c'), h(2, '（一）', 'd'), h(1, '二、', 'e')]);
    expect(tree.map((n) => n.text)).toEqual(['a', 'b', 'e']);
    expect(tree[1]?.children.map((n) => n.text)).toEqual(['c', 'd']);
    expect(outlineTree([])).toEqual([]);
  });

  it('spans every year between the first and last, and ignores documents without a year', () => {
    const facets: DocFacet[] = [
      { ...FACETS[0], year: 2018 },
      { ...FACETS[1], year: null, date: '' },
      { ...FACETS[2], year: null, date: '2021-05-01' },
    ];
    expect(yearSpan(analysedDocs(facets, ANALYSES))).toEqual([2018, 2019, 2020, 2021]);
    expect(yearSpan([])).toEqual([]);
  });
});
