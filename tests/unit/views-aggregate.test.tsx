// @vitest-environment happy-dom
// Corpus queries off the page's thread: the aggregation worker's two ends (AggregateClient on the
// page, AggregateHost in the worker) run here in one process through a fake Worker. Guards: the
// worker gives the same numbers as in-process answers; the library crosses incrementally and in
// chunks; queued queries can be dropped, a running one aborted (fresh worker, library re-fed);
// views keep their previous result while a newer one computes and ignore stale answers.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import type { DocAnalysis, DocFacet, FormulationHit } from '../../analysis/types';
import { analysedDocs, type AnalysedDoc } from '../../analysis/corpus';
import {
  QueryCancelled,
  localAggregator,
  runQuery,
  type Aggregator,
  type Answer,
  type QueryKind,
} from '../../analysis/queries';
import { TermsView } from '../../components/views/TermsView';
import { StructureView } from '../../components/views/StructureView';
import type { ViewProps } from '../../components/views/types';
import {
  AggregateClient,
  AggregateHost,
  type AggregateWorkerLike,
  type FromAggregateWorker,
  type ToAggregateWorker,
} from '../../utils/aggregate-client';
import { at } from '../helpers/at';

beforeAll(() => {
  // happy-dom draws nothing: a do-nothing 2D context lets Chart.js mount.
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    const target: Record<string, unknown> = {
      canvas: this,
      measureText: (s: string) => ({ width: s.length * 7 }),
      getLineDash: () => [],
      createLinearGradient: () => ({ addColorStop() {} }),
    };
    return new Proxy(target, { get: (t, k: string) => (k in t ? t[k] : () => undefined), set: (t, k: string, v) => ((t[k] = v), true) });
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => cleanup());

const hit = (text: string, kind: FormulationHit['kind'], count: number): FormulationHit =>
  kind === 'lexicon' ? { text, kind, count, category: 'slogan' } : { text, kind, count };

function an(docId: string, chars: number, terms: [string, number][], formulations: FormulationHit[] = []): DocAnalysis {
  return {
    docId,
    version: 'v',
    chars,
    terms,
    formulations,
    outline: [{ level: 1, marker: '一、', text: '强化政治引领，筑牢思想根基', offset: 0 }],
    stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: chars },
  };
}

const FACETS: DocFacet[] = [
  { docId: '1', title: '甲2020', org: '甲', year: 2020, docType: '', date: '' },
  { docId: '2', title: '乙2021', org: '乙', year: 2021, docType: '', date: '' },
  { docId: '3', title: '甲2022', org: '甲', year: 2022, docType: '', date: '' },
  // Empty document: no terms, no characters.
  { docId: '4', title: '', org: '', year: null, docType: '', date: '' },
];
const ANALYSES = new Map<string, DocAnalysis>([
  ['1', an('1', 1000, [['发展', 20], ['constructor', 2], ['改革', 1]], [hit('两个维护', 'lexicon', 2), hit('红旗领航', 'quoted', 1)])],
  ['2', an('2', 500, [['发展', 4], ['__proto__', 3], ['创新', 6]], [hit('两个维护', 'lexicon', 1)])],
  ['3', an('3', 800, [['发展', 1], ['创新', 9], ['__proto__', 1]], [hit('三会一课', 'numbered', 2)])],
  ['4', an('4', 0, [])],
]);
const DOCS = analysedDocs(FACETS, ANALYSES);

/** An in-process Worker: messages cross asynchronously, as structured clones, to an AggregateHost. */
function fakeWorkers(opts: { holdResults?: boolean } = {}) {
  const created: {
    worker: AggregateWorkerLike;
    host: AggregateHost;
    received: ToAggregateWorker[];
    answered: FromAggregateWorker[];
    release(): void;
    terminated: boolean;
  }[] = [];
  const factory = (): AggregateWorkerLike => {
    const held: FromAggregateWorker[] = [];
    const received: ToAggregateWorker[] = [];
    const answered: FromAggregateWorker[] = [];
    // Assigned below, after the closures that read it are made.
    // eslint-disable-next-line prefer-const
    let entry!: (typeof created)[number];
    const deliver = (m: FromAggregateWorker) => {
      if (entry.terminated) return;
      setTimeout(() => worker.onmessage?.({ data: structuredClone(m) } as MessageEvent<FromAggregateWorker>), 0);
    };
    const host = new AggregateHost((m) => {
      answered.push(m);
      if (opts.holdResults && m.type !== 'started') held.push(m);
      else deliver(m);
    });
    const worker: AggregateWorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => {
        entry.terminated = true;
      },
      postMessage: (m) => {
        const copy = structuredClone(m);
        received.push(copy);
        setTimeout(() => host.receive(copy), 0);
      },
    };
    entry = {
      worker,
      host,
      received,
      answered,
      terminated: false,
      release: () => {
        for (const m of held.splice(0)) deliver(m);
      },
    };
    created.push(entry);
    return worker;
  };
  return { created, factory };
}

async function answerOf<T>(a: Answer<T>): Promise<T> {
  return a.done ? a.value : a.promise;
}

describe('aggregation worker: same numbers as in-process', () => {
  const cases: [QueryKind, AnalysedDoc[][], unknown][] = [
    ['topTerms', [DOCS], { n: 10, measure: 'count' }],
    ['topTerms', [DOCS], { n: 3, measure: 'docs' }],
    ['trendSeries', [DOCS], { terms: ['发展', '两个维护', '__proto__'], measure: 'per10k', split: false }],
    ['trendSeries', [DOCS], { terms: ['创新'], measure: 'share', split: true }],
    ['defaultTerms', [DOCS], { lexicon: [{ term: '两个维护', category: 'slogan', aliases: [] }] }],
    ['formulationRows', [DOCS], {}],
    ['orgFormulationCells', [DOCS], { texts: ['两个维护', '三会一课'] }],
    ['keyness', [DOCS.slice(0, 1), DOCS.slice(1)], { minCount: 1, minG2: 0 }],
    ['formulationDiff', [DOCS.slice(0, 2), DOCS.slice(2)], {}],
    ['structure', [DOCS], {}],
    ['mentioning', [DOCS], { term: '__proto__' }],
  ];

  it.each(cases)('%s', async (kind, sets, args) => {
    const { factory } = fakeWorkers();
    const client = new AggregateClient({ createWorker: factory });
    client.sync(FACETS, ANALYSES);
    const local = runQuery(kind, sets, args as never);
    const remote = await answerOf(client.ask(kind, sets, args as never));
    expect(remote).toEqual(local);
    client.dispose();
  });

  it('answers a term spelled __proto__ or constructor like any other', async () => {
    const { factory } = fakeWorkers();
    const client = new AggregateClient({ createWorker: factory });
    client.sync(FACETS, ANALYSES);
    const rows = await answerOf(client.ask('topTerms', [DOCS], { n: 10, measure: 'count' }));
    expect(rows.find((r) => r.term === '__proto__')).toMatchObject({ count: 4, docs: 2 });
    expect(rows.find((r) => r.term === 'constructor')).toMatchObject({ count: 2, docs: 1 });
    expect(await answerOf(client.ask('mentioning', [DOCS], { term: '__proto__' }))).toEqual(['2', '3']);
    // An empty set is a valid question with an empty answer.
    expect(await answerOf(client.ask('topTerms', [[]], { n: 5, measure: 'count' }))).toEqual([]);
  });

  it('the in-process answerer is synchronous', () => {
    const a = localAggregator.ask('topTerms', [DOCS], { n: 1, measure: 'count' });
    expect(a.done && a.value[0]?.term).toBe('发展');
  });
});

describe('aggregation worker: the library crosses incrementally', () => {
  it('sends only added, changed and removed documents', async () => {
    const { created, factory } = fakeWorkers();
    const client = new AggregateClient({ createWorker: factory });
    client.sync(FACETS, ANALYSES);
    expect(client.stats.analysesSent).toBe(4);
    expect(client.stats.facetsSent).toBe(4);
    // Same objects again (a new array and map, as the store makes): nothing crosses.
    client.sync([...FACETS], new Map(ANALYSES));
    expect(client.stats.analysesSent).toBe(4);
    expect(client.stats.updates).toBe(1);
    // One analysis replaced, one facet renamed (equal copies of the others do not count), one document removed.
    const next = new Map(ANALYSES);
    next.set('2', an('2', 500, [['发展', 40]]));
    next.delete('4');
    const facets = FACETS.filter((f) => f.docId !== '4').map((f) => (f.docId === '3' ? { ...f, org: '丙' } : { ...f }));
    client.sync(facets, next);
    expect(client.stats.analysesSent).toBe(5);
    expect(client.stats.facetsSent).toBe(5);
    const host = at(created, 0).host;
    await vi.waitFor(() => {
      expect([...host.facets.keys()].sort()).toEqual(['1', '2', '3']);
      expect(host.facets.get('3')?.org).toBe('丙');
      expect(host.analyses.get('2')?.terms).toEqual([['发展', 40]]);
    });
    // An analysis dropped while its document stays (invalidated) is dropped in the worker too.
    const fewer = new Map(next);
    fewer.delete('1');
    client.sync(facets, fewer);
    await vi.waitFor(() => expect(host.analyses.has('1')).toBe(false));
    expect(host.facets.has('1')).toBe(true);
    const rows = await answerOf(client.ask('topTerms', [analysedDocs(facets, fewer)], { n: 1, measure: 'count' }));
    expect(rows[0]).toMatchObject({ term: '发展', count: 41 });
    client.dispose();
  });

  it('posts a large first feed in chunks, and a query asked meanwhile sees all of it', async () => {
    const { created, factory } = fakeWorkers();
    const client = new AggregateClient({ createWorker: factory, chunk: 2 });
    client.sync(FACETS, ANALYSES);
    const answer = client.ask('topTerms', [DOCS], { n: 20, measure: 'count' });
    await answerOf(answer);
    const kinds = at(created, 0).received.map((m) => (m.type === 'update' ? `update:${m.analyses.length}` : m.type));
    expect(kinds).toEqual(['update:2', 'update:2', 'query']);
    expect(await answerOf(answer)).toEqual(runQuery('topTerms', [DOCS], { n: 20, measure: 'count' }));
    client.dispose();
  });
});

describe('aggregation worker: cancelling', () => {
  it('a superseded query still queued never runs, and its asker is told', async () => {
    const { created, factory } = fakeWorkers();
    const client = new AggregateClient({ createWorker: factory });
    client.sync(FACETS, ANALYSES);
    const first = client.ask('topTerms', [DOCS], { n: 1, measure: 'count' });
    const second = client.ask('topTerms', [DOCS], { n: 2, measure: 'count' });
    if (first.done || second.done) throw new Error('worker answers are pending');
    first.cancel();
    await expect(first.promise).rejects.toBeInstanceOf(QueryCancelled);
    expect((await second.promise).length).toBe(2);
    // The worker had it queued; the cancel message reached it first, so it never started.
    expect(at(created, 0).received.map((m) => m.type)).toEqual(['update', 'query', 'query', 'cancel']);
    expect(at(created, 0).answered.map((m) => `${m.type}:${m.id}`)).toEqual(['started:2', 'result:2']);
    expect(client.inFlight).toBe(0);
    client.dispose();
  });

  it('aborting a running query stops the worker; a fresh one is fed the library and answers the rest', async () => {
    const { created, factory } = fakeWorkers({ holdResults: true });
    const client = new AggregateClient({ createWorker: factory });
    client.sync(FACETS, ANALYSES);
    const long = client.ask('trendSeries', [DOCS], { terms: ['发展'], measure: 'per10k', split: false });
    const other = client.ask('topTerms', [DOCS], { n: 1, measure: 'count' });
    if (long.done || other.done) throw new Error('worker answers are pending');
    // the worker has started (and, holding its answers, not finished) both
    await vi.waitFor(() => expect(at(created, 0).answered.filter((m) => m.type === 'started')).toHaveLength(2));
    long.cancel({ abort: true });
    await expect(long.promise).rejects.toBeInstanceOf(QueryCancelled);
    expect(client.stats.restarts).toBe(1);
    expect(created).toHaveLength(2);
    expect(created[0]?.terminated).toBe(true);
    at(created, 1).release();
    await vi.waitFor(() => expect(at(created, 1).answered.some((m) => m.type === 'result')).toBe(true));
    at(created, 1).release();
    expect((await other.promise)[0]).toMatchObject({ term: '发展', count: 25 });
    expect(created[1]?.host.analyses.size).toBe(4);
    client.dispose();
  });
});

// ---- a view over an aggregator whose answers the test releases by hand ----

function manualAggregator() {
  const asked: { kind: QueryKind; args: unknown; resolve(v: unknown): void; cancel: ReturnType<typeof vi.fn> }[] = [];
  const aggregator: Aggregator = {
    ask(kind, sets, args) {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<never>((res, rej) => {
        resolve = res as (v: unknown) => void;
        reject = rej;
      });
      promise.catch(() => {});
      const cancel = vi.fn(() => reject(new QueryCancelled()));
      asked.push({ kind, args, cancel, resolve: (v) => resolve(v === undefined ? runQuery(kind, sets, args) : v) });
      return { done: false, promise, cancel } as Answer<never>;
    },
  };
  return { aggregator, asked };
}

function viewProps(params: Map<string, string>, aggregates: Aggregator): ViewProps {
  return {
    facets: FACETS,
    analyses: ANALYSES,
    allFacets: FACETS,
    allAnalyses: ANALYSES,
    getText: async () => '',
    openDoc: () => {},
    lexicon: [],
    addToLexicon: async () => {},
    param: (k) => params.get(k) ?? null,
    setParam: (k, v) => (v === null ? params.delete(k) : params.set(k, v)),
    aggregates,
  };
}

const termsIn = (el: Element) => [...el.querySelectorAll('[data-testid="terms-table"] tbody tr td:nth-child(2)')].map((td) => td.textContent);

describe('a view waiting on the worker', () => {
  it('shows computing, then the answer; keeps the previous answer while a newer one computes; drops a stale one', async () => {
    const { aggregator, asked } = manualAggregator();
    const params = new Map<string, string>([['n', '10']]);
    const r = render(<TermsView {...viewProps(params, aggregator)} />);
    expect(r.getByTestId('computing').textContent).toContain('Computing');
    expect(asked.map((a) => a.kind)).toEqual(['topTerms']);
    await act(async () => at(asked, 0).resolve(undefined));
    expect(r.queryByTestId('computing')).toBeNull();
    expect(termsIn(r.container)).toEqual(['发展', '创新', '__proto__', 'constructor', '改革']);

    // Ask for "documents" ranking: the old table stays while it computes.
    params.set('measure', 'docs');
    r.rerender(<TermsView {...viewProps(params, aggregator)} />);
    expect(r.getByTestId('computing')).toBeTruthy();
    expect(termsIn(r.container)).toEqual(['发展', '创新', '__proto__', 'constructor', '改革']);
    // And again, before the answer came: the older request is cancelled (superseded, not aborted).
    params.set('n', '20');
    r.rerender(<TermsView {...viewProps(params, aggregator)} />);
    expect(asked).toHaveLength(3);
    expect(at(asked, 1).cancel).toHaveBeenCalledWith();
    // The newest answer arrives first; the superseded one arriving late changes nothing.
    await act(async () => at(asked, 2).resolve([{ term: '最新', count: 1, per10k: 1, docs: 1 }]));
    await act(async () => at(asked, 1).resolve([{ term: '过时', count: 9, per10k: 9, docs: 9 }]));
    expect(termsIn(r.container)).toEqual(['最新']);
    expect(r.queryByTestId('computing')).toBeNull();
  });

  it('Cancel aborts the running computation and says the previous result is shown', async () => {
    const { aggregator, asked } = manualAggregator();
    const params = new Map<string, string>();
    const r = render(<TermsView {...viewProps(params, aggregator)} />);
    await act(async () => at(asked, 0).resolve(undefined));
    params.set('n', '50');
    r.rerender(<TermsView {...viewProps(params, aggregator)} />);
    await act(async () => {
      fireEvent.click(r.getByRole('button', { name: 'Cancel' }));
    });
    expect(at(asked, 1).cancel).toHaveBeenCalledWith({ abort: true });
    expect(r.getByTestId('computing-cancelled').textContent).toContain('previous result');
    expect(r.queryByTestId('computing')).toBeNull();
    expect(termsIn(r.container)).toHaveLength(5);
  });

  it('reports a failed computation', async () => {
    const failing: Aggregator = {
      ask: () => ({ done: false, promise: Promise.reject(new Error('out of memory')), cancel: () => {} }) as Answer<never>,
    };
    const r = render(<TermsView {...viewProps(new Map(), failing)} />);
    expect((await r.findByTestId('computing-error')).textContent).toContain('out of memory');
  });
});

describe('aggregation worker: analyses by reference, answers cached per library state', () => {
  /** A host whose database answers when the test says so. */
  function hostWithSlowDatabase() {
    const out: FromAggregateWorker[] = [];
    const waiting: (() => void)[] = [];
    const host = new AggregateHost(
      (m) => out.push(m),
      (fn) => setTimeout(fn, 0),
      () => (ids) =>
        new Promise((resolve) => waiting.push(() => resolve(ids.map((id) => ANALYSES.get(id))))),
    );
    host.receive({ type: 'init', database: 'x' });
    return { host, out, waiting };
  }
  const refsOf = (ids: string[]) => ids.map((docId) => ({ docId, version: 'v' }));
  const update = (p: Partial<Extract<ToAggregateWorker, { type: 'update' }>>): ToAggregateWorker => ({
    type: 'update',
    facets: [],
    analyses: [],
    refs: [],
    removed: [],
    removedAnalyses: [],
    ...p,
  });

  it('waits for announced analyses before answering; one removed meanwhile stays out', async () => {
    const { host, out, waiting } = hostWithSlowDatabase();
    host.receive(update({ facets: FACETS, refs: refsOf(['1', '2', '3']) }));
    host.receive({ type: 'query', id: 1, kind: 'topTerms', sets: [['1', '2', '3']], args: { n: 10, measure: 'count' } });
    host.receive(update({ removed: ['2'] }));
    await vi.waitFor(() => expect(waiting).toHaveLength(1)); // the host is reading the database
    expect(out).toEqual([]); // nothing answered while the database read is pending
    waiting.shift()!();
    await vi.waitFor(() => expect(out.some((m) => m.type === 'result')).toBe(true));
    const result = out.find((m) => m.type === 'result');
    expect(result?.type === 'result' && result.value).toEqual(runQuery('topTerms', [analysedDocs(FACETS, new Map([...ANALYSES].filter(([id]) => id !== '2')))], { n: 10, measure: 'count' }));
    expect(host.analyses.has('2')).toBe(false);
  });

  it('a repeated question is answered from the cache until the library changes', async () => {
    const { host, out } = hostWithSlowDatabase();
    host.receive(update({ facets: FACETS, analyses: [...ANALYSES.values()] }));
    const ask = (id: number) => host.receive({ type: 'query', id, kind: 'topTerms', sets: [['1', '2']], args: { n: 1, measure: 'count' } });
    ask(1);
    ask(2);
    const values = () => out.filter((m) => m.type === 'result').map((m) => (m as { value: unknown }).value);
    await vi.waitFor(() => expect(values()).toHaveLength(2));
    expect(values()[1]).toEqual(values()[0]);
    host.receive(update({ analyses: [an('2', 500, [['新词', 99]])] }));
    ask(3);
    await vi.waitFor(() => expect(values()).toHaveLength(3));
    expect(values()[2]).toEqual([{ term: '新词', count: 99, per10k: 660, docs: 1 }]);
  });
});

describe('Structure on a large library', () => {
  it('builds a document picker\'s options only when it is approached', async () => {
    const facets: DocFacet[] = Array.from({ length: 150 }, (_, i) => ({ docId: String(i + 1), title: `文件${i + 1}`, org: '甲', year: 2000 + (i % 20), docType: '', date: '' }));
    const analyses = new Map(facets.map((f) => [f.docId, an(f.docId, 100, [['发展', 1]])]));
    const props = { ...viewProps(new Map(), localAggregator), facets, analyses, allFacets: facets, allAnalyses: analyses };
    const r = render(<StructureView {...props} />);
    const pickers = r.getAllByRole('combobox');
    expect(pickers).toHaveLength(3);
    for (const p of pickers) expect(p.querySelectorAll('option')).toHaveLength(1);
    // The selected document is the one shown, so the picker still says which it is.
    expect((at(pickers, 1) as HTMLSelectElement).value).toBe(at(facets, 0).docId);
    await act(async () => {
      fireEvent.focus(at(pickers, 0));
    });
    expect(at(pickers, 0).querySelectorAll('option')).toHaveLength(150);
    expect(at(pickers, 2).querySelectorAll('option')).toHaveLength(1);
  });
});
