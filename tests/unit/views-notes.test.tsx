// @vitest-environment happy-dom
// Issue 8: under every chart and table of Terms, Trends, Formulations, Structure and Compare, a
// short note says what it counts (occurrences, word tokens, headings, lengths) and how many
// documents of the filter it shows, which it left out and why, each group a link to the Library;
// the exported PNG's footer says the same.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import type { DocAnalysis, DocFacet, FormulationHit, Heading } from '../../analysis/types';
import type { ViewProps } from '../../components/views/types';
import { TermsView } from '../../components/views/TermsView';
import { TrendsView } from '../../components/views/TrendsView';
import { FormulationsView } from '../../components/views/FormulationsView';
import { StructureView } from '../../components/views/StructureView';
import { CompareView } from '../../components/views/CompareView';
import { LeftOutContext } from '../../components/views/common';
import { citationLines } from '../../components/charts/citation';
import { EMPTY_FILTERS } from '../../components/dashboard/filters';
import { createLocalAggregator } from '../../analysis/queries';
import { installCanvasStandIn } from '../helpers/canvas';
import { at } from '../helpers/at';
import { captureDownloads } from '../helpers/downloads';
import { ORG_SEPARATOR } from '../../analysis/text';

beforeAll(installCanvasStandIn);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const OUTLINE: Heading[] = [
  { level: 1, marker: '一、', text: '坚持两个维护', offset: 0 },
  { level: 1, marker: '二、', text: '坚持推动发展', offset: 10 },
  { level: 2, marker: '（一）', text: '推动发展', offset: 20 },
];
function analysis(docId: string, lex: number): DocAnalysis {
  const formulations: FormulationHit[] = [{ text: '两个维护', kind: 'lexicon', count: lex, category: 'slogan' }];
  return { docId, version: 't', chars: 1000, terms: [['发展', 2 + lex], ['改革', 5]], formulations, outline: OUTLINE, stats: { chars: 1000, paragraphs: 3, sentences: 9, meanSentenceLength: 111 } };
}
const facet = (docId: string, org: string, year: number | null): DocFacet => ({ docId, title: `文件${docId}`, org, year, docType: '报告', date: '' });

// a, b, f: counted everywhere; c: no year and no organisation; g: a year and no organisation; d: a
// copy of a (left out, each text counted once: the shell hands views no analysis of it); e: not analysed yet.
const FACETS = [facet('a', '甲市委', 2019), facet('b', '乙局', 2022), facet('f', '乙局', 2023), facet('c', '', null), facet('g', '', 2023), facet('d', '甲市委', 2019), facet('e', '乙局', 2022)];
const ANALYSES = new Map(['a', 'b', 'f', 'c', 'g'].map((id, i) => [id, analysis(id, i + 1)]));
const DUPLICATES = new Map([['d', 'a']]);

function renderView(View: ComponentType<ViewProps>, params: Record<string, string> = {}) {
  const map = new Map(Object.entries(params));
  const openLeftOut = vi.fn();
  const props: ViewProps = {
    facets: FACETS,
    analyses: ANALYSES,
    allFacets: FACETS,
    allAnalyses: ANALYSES,
    getText: async () => '两个维护，推动发展。',
    openDoc: vi.fn(),
    lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }],
    addToLexicon: vi.fn(async () => {}),
    param: (k) => map.get(k) ?? null,
    setParam: vi.fn(),
    aggregates: createLocalAggregator(async () => '两个维护，推动发展。'),
  };
  const view = render(
    <LeftOutContext.Provider value={{ duplicates: DUPLICATES, openLeftOut }}>
      <View {...props} />
    </LeftOutContext.Provider>,
  );
  return { ...view, openLeftOut };
}

/** The note under a chart or table: the first one after it, before any other chart or table. */
function noteUnder(el: Element): HTMLElement | null {
  for (let node: Element | null = el; node && !node.matches('[data-view]'); node = node.parentElement) {
    for (let sib = node.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (sib.matches('[data-testid="table-note"]')) return sib as HTMLElement;
      if (sib.matches('canvas, table') || sib.querySelector('canvas, table')) return null;
    }
  }
  return null;
}

interface Seen {
  measure: string | null;
  shown: string | null;
  total: string | null;
  leftOut: Record<string, string | null>;
}

/** Every chart and table of the view, each with what its note says. Fails when one has no note. */
function notesOf(container: Element): Map<string, Seen> {
  const out = new Map<string, Seen>();
  const charted = [...container.querySelectorAll('canvas[data-testid^="chart-"], table.tl-table')];
  expect(charted.length).toBeGreaterThan(0);
  for (const el of charted) {
    const name = el.getAttribute('data-testid') ?? '';
    const note = noteUnder(el);
    expect(note, `a note under ${name}`).not.toBeNull();
    const cov = note!.querySelector('[data-testid="coverage"]');
    const counted = note!.querySelector('[data-testid="counted"]');
    expect(counted?.textContent, name).toMatch(/^Counted: /);
    const leftOut: Record<string, string | null> = {};
    for (const s of cov?.querySelectorAll('[data-left-out]') ?? []) leftOut[s.getAttribute('data-left-out')!] = s.getAttribute('data-n');
    out.set(name, { measure: counted!.getAttribute('data-measure'), shown: cov?.getAttribute('data-shown') ?? null, total: cov?.getAttribute('data-total') ?? null, leftOut });
  }
  return out;
}

const ALL_BUT_YEAR = { duplicate: '1', notAnalysed: '1' };
const BY_YEAR = { duplicate: '1', notAnalysed: '1', noYear: '1' };

describe('the note under every chart and table', () => {
  it('Terms: word tokens, over every analysed document but the copy', async () => {
    const { container, findByTestId } = renderView(TermsView);
    await findByTestId('chart-terms');
    const notes = notesOf(container);
    expect([...notes.keys()]).toEqual(['chart-terms', 'terms-table']);
    for (const n of notes.values()) expect(n).toEqual({ measure: 'tokens', shown: '5', total: '7', leftOut: ALL_BUT_YEAR });
  });

  it('Trends: occurrences by year, the document without a year named; a left-out group opens the Library', async () => {
    const { container, findByTestId, openLeftOut } = renderView(TrendsView, { series: '两个维护' });
    await findByTestId('chart-trends');
    const notes = notesOf(container);
    expect([...notes.keys()]).toEqual(['chart-trends', 'trends-table']);
    for (const n of notes.values()) expect(n).toEqual({ measure: 'occurrences', shown: '4', total: '7', leftOut: BY_YEAR });
    const button = at([...container.querySelectorAll('[data-testid="table-note"] [data-left-out="noYear"] button')], 1);
    fireEvent.click(button);
    expect(openLeftOut).toHaveBeenCalledWith('noYear.year');
  });

  it('Trends split by organisation also leaves out the document without an organisation, under one reason each', async () => {
    const { container, findByTestId } = renderView(TrendsView, { series: '两个维护', split: 'org' });
    await findByTestId('chart-trends');
    for (const n of notesOf(container).values()) expect(n).toEqual({ measure: 'occurrences', shown: '3', total: '7', leftOut: { ...BY_YEAR, noOrg: '1' } });
  });

  it('Formulations: heatmap and list over every analysed document, the timeline over the dated ones', async () => {
    const { container, findByTestId } = renderView(FormulationsView);
    await findByTestId('chart-formulations-heatmap');
    await findByTestId('chart-formulations-timeline');
    const notes = notesOf(container);
    expect([...notes.keys()]).toEqual(['chart-formulations-heatmap', 'chart-formulations-timeline', 'formulations-table']);
    expect(notes.get('chart-formulations-heatmap')).toEqual({ measure: 'occurrences', shown: '5', total: '7', leftOut: ALL_BUT_YEAR });
    expect(notes.get('chart-formulations-timeline')).toEqual({ measure: 'occurrences', shown: '4', total: '7', leftOut: BY_YEAR });
    expect(notes.get('formulations-table')?.shown).toBe('5');
  });

  it('Structure: headings over every analysed document; lengths by year over the dated ones', async () => {
    const { container, findByTestId } = renderView(StructureView);
    await findByTestId('chart-structure-levels');
    const notes = notesOf(container);
    expect(notes.get('chart-structure-levels')).toEqual({ measure: 'headings', shown: '5', total: '7', leftOut: ALL_BUT_YEAR });
    expect(notes.get('chart-structure-verbs')?.measure).toBe('headings');
    // No parallel pattern in these outlines: no table, and the note still says what it would count.
    expect(container.querySelector('[data-note-for="patterns-table"]')?.getAttribute('data-measure')).toBe('headings');
    expect(notes.get('chart-structure-length')).toEqual({ measure: 'length', shown: '4', total: '7', leftOut: BY_YEAR });
  });

  it('Compare by years: keywords in word tokens, formulations added and dropped in occurrences, the yearless document named', async () => {
    const { container, findByTestId } = renderView(CompareView, { a: '2019-2019', b: '2022-2023' });
    await findByTestId('keyness-table');
    await waitFor(() => expect(container.querySelector('[data-testid="dropped-table"], [data-note-for="dropped-table"]')).not.toBeNull());
    const notes = notesOf(container);
    expect(notes.get('keyness-table')).toEqual({ measure: 'tokens', shown: '4', total: '7', leftOut: BY_YEAR });
    // A table with no rows still says what it would count.
    const dropped = container.querySelector('[data-note-for="dropped-table"]');
    expect(dropped?.getAttribute('data-measure')).toBe('occurrences');
    for (const [name, n] of notes) if (name !== 'keyness-table' && !name.startsWith('chart-')) expect(n.measure, name).toBe('occurrences');
  });
});

describe('the exported PNG says the same', () => {
  it('its footer names the documents shown and those left out, as the note does', () => {
    const lines = citationLines({
      title: 'Trends',
      filters: EMPTY_FILTERS,
      measure: 'occurrences per 10,000 characters',
      docs: 2,
      coverage: { shown: 2, inFilter: 6, leftOut: { duplicate: 1, notAnalysed: 1, noYear: 2, noOrg: 0 } },
      date: new Date(2024, 4, 1),
      lang: 'en',
    });
    expect(lines.footer).toEqual([
      'Measure: occurrences per 10,000 characters · N = 2 documents',
      'Showing 2 of 6 documents in the filter. 4 left out: duplicates (1), not analysed yet (1), no year (2)',
      'Exported 2024-05-01 · Tifa Lens',
    ]);
    const zh = citationLines({ title: '趋势', filters: EMPTY_FILTERS, measure: 'x', docs: 2, coverage: { shown: 2, inFilter: 2, leftOut: { duplicate: 0, notAnalysed: 0, noYear: 0, noOrg: 0 } }, date: new Date(2024, 4, 1), lang: 'zh' });
    expect(zh.footer).toHaveLength(3);
  });
});

describe('joint issuers and long tables', () => {
  it('the formulations CSV joins a formulation’s organisations with the one separator of every view and export', async () => {
    const dl = captureDownloads();
    const { container, findByTestId } = renderView(FormulationsView);
    const table = await findByTestId('formulations-table');
    await waitFor(() => expect(table.querySelectorAll('tbody tr').length).toBeGreaterThan(0));
    fireEvent.click(container.querySelector('button[data-export="formulations"]')!);
    const lines = (await at(dl.blobs, 0).text()).slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]?.split(',').at(-1)).toBe('org_names');
    expect(lines[1]).toContain(['乙局', '甲市委'].join(ORG_SEPARATOR));
  });

  it('the Trends table comes in pages of 100 rows', async () => {
    const facets = Array.from({ length: 60 }, (_, i) => facet(`y${i}`, '甲市委', 1960 + i));
    const analyses = new Map(facets.map((f) => [f.docId, analysis(f.docId, 1)]));
    const map = new Map([['series', '两个维护|改革']]);
    const props: ViewProps = {
      facets, analyses, allFacets: facets, allAnalyses: analyses, getText: async () => '', openDoc: vi.fn(),
      lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }, { term: '改革', category: 'policy', aliases: [] }],
      addToLexicon: vi.fn(async () => {}), param: (k) => map.get(k) ?? null, setParam: vi.fn(), aggregates: createLocalAggregator(),
    };
    const { findByTestId } = render(<TrendsView {...props} />);
    const table = await findByTestId('trends-table');
    // 60 years × 2 terms = 120 rows: 100 on the first page.
    await waitFor(() => expect(table.querySelectorAll('tbody tr')).toHaveLength(100));
    expect((await findByTestId('trends-pager')).textContent).toContain('rows 1–100 of 120');
  });

  it('the heatmap names the organisations beyond its rows and the documents that count in no row', async () => {
    // 17 organisations, one document each, and one joint document of a drawn and an undrawn one.
    const facets = Array.from({ length: 17 }, (_, i) => facet(`o${i}`, `机构${String(i).padStart(2, '0')}`, 2020));
    facets.push(facet('j', '机构00；机构16', 2021));
    const analyses = new Map(facets.map((f) => [f.docId, analysis(f.docId, 1)]));
    const props: ViewProps = {
      facets, analyses, allFacets: facets, allAnalyses: analyses, getText: async () => '', openDoc: vi.fn(),
      lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }],
      addToLexicon: vi.fn(async () => {}), param: () => null, setParam: vi.fn(), aggregates: createLocalAggregator(),
    };
    const { findByTestId } = render(<FormulationsView {...props} />);
    // 15 rows: 机构00 (2 documents) and 机构16 (2) first, then 13 of the others by name; 机构14 and 机构15 are not drawn.
    expect((await findByTestId('heatmap-rows')).textContent).toBe(
      'Rows for the 15 organisations with the most documents; the other 2 are not drawn, and 2 documents issued only by them count in no row (the CSV has every organisation).',
    );
  });
});
