import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDocument, deleteDocument, openDatabase, putAnalysis, restoreDocument, type DB, type DocumentInput, type StoredAnalysis } from '@/utils/db';
import { createDashboardStore, memoryLocation, type DashboardStore } from '@/components/dashboard/store';
import { SETTING_KEYS } from '@/utils/settings';
import { parseHash } from '@/components/dashboard/filters';
import type { FromWorker, ToWorker, WorkerLike } from '@/utils/analysis-client';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';
import { until } from '../helpers/until';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`dashboard-store-${++n}`);
  await db.open();
});
afterEach(async () => {
  stop?.();
  stop = null;
  await db.delete();
});

function input(url: string, p: Partial<DocumentInput> = {}): DocumentInput {
  const text = p.text ?? `正文 ${url}`;
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '政府工作报告', script: 'simplified', text, source: capture(text, url), ...p };
}

/** Worker stand-in: "analyses" by echoing the text length under the configured version. */
function fakeWorker(): WorkerLike {
  let version = '';
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage(m: ToWorker) {
      setTimeout(() => {
        let reply: FromWorker;
        if (m.type === 'config') {
          version = m.config.version;
          reply = { type: 'ready' };
        } else {
          reply = {
            type: 'result',
            id: m.id,
            analysis: { docId: m.docId, version, chars: m.text.length, terms: [['正文', 1]], formulations: [], outline: [], stats: { chars: m.text.length, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } },
          };
        }
        w.onmessage?.({ data: reply } as MessageEvent<FromWorker>);
      }, 0);
    },
  };
  return w;
}

function makeStore(hash = '', createWorker: (() => WorkerLike) | null = null) {
  const location = memoryLocation(hash);
  const store = createDashboardStore({ db, location, createWorker, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  return { store, location };
}

describe('facets from the library', () => {
  it('derives DocFacet per document, canonical organisations, live on new clips', async () => {
    const { store } = makeStore();
    await until(() => store.records.value, (v) => v !== null, 'first load');
    expect(store.allFacets.value).toEqual([]);
    const a = await addDocument(input('https://gov.cn/a', { orgs: ['某市 政府办公室', '财政部'], date: '2024-03-05' }), db);
    const b = await addDocument(input('https://gov.cn/b', { orgs: ['中华人民共和国国务院'], text: '第二篇。' }), db);
    await until(() => store.allFacets.value.length, (l) => l === 2, 'live update');
    expect(store.allFacets.value[0]).toEqual({ docId: String(a.id), title: '标题 https://gov.cn/a', org: '某市政府办公室；财政部', year: 2024, docType: '政府工作报告', date: '2024-03-05' });
    // Built-in groups (the CLI's table) apply without any setting.
    expect(store.allFacets.value[1]?.org).toBe('国务院');
    await db.settings.put({ key: SETTING_KEYS.orgAliases, value: [['某市政府办公室', '某市人民政府']] });
    // A joint document's facet names every issuer (alias-grouped), joined with the one separator.
    await until(() => store.allFacets.value[0]?.org, (o) => o === '某市人民政府；财政部', 'alias applied');
    expect(new Map(store.options.value.orgs)).toEqual(
      new Map([
        ['某市人民政府', 1],
        ['财政部', 1],
        ['国务院', 1],
      ]),
    );
    await deleteDocument(b.id!, db);
    await deleteDocument(a.id!, db);
    await until(() => store.allFacets.value.length, (l) => l === 0, 'deletion seen');
  });

  it('filters the facets and analyses the views get; orphan analyses never reach a view', async () => {
    const { store } = makeStore();
    const a = await addDocument(input('https://gov.cn/a', { year: 2018 }), db);
    const b = await addDocument(input('https://gov.cn/b', { year: 2024, tags: ['mine'] }), db);
    const an = (id: number): StoredAnalysis => ({ docId: String(id), textHash: [a, b].find((r) => r.id === id)?.textHash ?? '', version: 'old', chars: 1, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } });
    await putAnalysis(an(a.id!), db);
    await putAnalysis(an(b.id!), db);
    await db.analyses.put({ ...an(b.id!), docId: '999' });
    await until(() => store.allAnalyses.value.size, (s) => s === 2, 'analyses');
    store.setFilters({ yearFrom: 2020 });
    expect(store.facets.value.map((f) => f.docId)).toEqual([String(b.id)]);
    expect([...store.analyses.value.keys()]).toEqual([String(b.id)]);
    expect(store.allFacets.value).toHaveLength(2);
    store.setFilters({ yearFrom: null, tags: ['mine'] });
    expect(store.facets.value.map((f) => f.docId)).toEqual([String(b.id)]);
    // Both analyses were made under another configuration: both are pending.
    expect(store.pending.value.sort()).toEqual([String(a.id), String(b.id)].sort());
  });
});

describe('free-text search', () => {
  it('finds a phrase in the text, which the page does not hold, as well as in the metadata', async () => {
    const { store } = makeStore();
    const a = await addDocument(input('https://gov.cn/a', { title: '关于全面从严治党的通知', text: '第一篇。' }), db);
    const b = await addDocument(input('https://gov.cn/b', { title: '会议纪要', text: '会议要求坚决做到“两个维护”，全面从严治党。' }), db);
    await addDocument(input('https://gov.cn/c', { title: '其他', text: '与此无关。' }), db);
    await until(() => store.records.value?.length, (l) => l === 3, 'library');
    expect(store.records.value!.some((r) => 'text' in r)).toBe(false);
    store.setFilters({ q: '从严治党' }, 'replace');
    expect(store.textSearch.value.done).toBe(false);
    // The title match shows at once; the text match once the worker has read the texts.
    expect(store.filtered.value.map((d) => d.docId)).toEqual([String(a.id)]);
    await until(() => store.textSearch.value.done, (d) => d, 'text search');
    expect(store.filtered.value.map((d) => d.docId)).toEqual([String(a.id), String(b.id)]);
    store.setFilters({ q: '两个维护' }, 'replace');
    await until(() => store.textSearch.value, (s) => s.done && s.needle === '两个维护', 'second search');
    expect(store.filtered.value.map((d) => d.docId)).toEqual([String(b.id)]);
    store.setFilters({ q: '' }, 'replace');
    expect(store.filtered.value).toHaveLength(3);
  });
});

describe('stored analyses, read incrementally', () => {
  it('follows new versions, deletions and an undone deletion', async () => {
    const { store } = makeStore();
    const a = await addDocument(input('https://gov.cn/a'), db);
    const an = (version: string, chars: number): StoredAnalysis => ({ docId: String(a.id), textHash: a.textHash, version, chars, terms: [], formulations: [], outline: [], stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } });
    await putAnalysis(an('v1', 10), db);
    await until(() => store.allAnalyses.value.get(String(a.id))?.chars, (c) => c === 10, 'first analysis');
    await putAnalysis(an('v2', 20), db);
    await until(() => store.allAnalyses.value.get(String(a.id))?.chars, (c) => c === 20, 'new version');
    const deleted = await deleteDocument(a.id!, db);
    await until(() => store.allAnalyses.value.size, (s) => s === 0, 'deletion');
    await restoreDocument(deleted!, db);
    await until(() => store.allAnalyses.value.get(String(a.id))?.chars, (c) => c === 20, 'undo');
  });
});

describe('URL state', () => {
  it('filters and view params go to the URL; back/forward restore them', async () => {
    const { store, location } = makeStore('#/terms?from=2018');
    expect(store.url.value.route).toBe('terms');
    expect(store.filters.value.yearFrom).toBe(2018);
    store.setFilters({ orgs: ['国务院'] });
    store.setParam('terms', 'kwic', '两个确立');
    store.navigate('trends');
    expect(parseHash(location.read())).toEqual(store.url.value);
    expect(location.read()).toContain('#/trends?');
    expect(store.param('terms', 'kwic')).toBe('两个确立');
    expect(store.param('trends', 'kwic')).toBeNull();
    // Typing a search replaces the current entry instead of adding one per keystroke.
    const entries = location.entries.length;
    store.setFilters({ q: '改革' }, 'replace');
    expect(location.entries.length).toBe(entries);
    // Back: the URL changes outside the store, which follows it.
    location.back();
    expect(store.url.value.route).toBe('terms');
    expect(store.param('terms', 'kwic')).toBe('两个确立');
    location.back();
    expect(store.param('terms', 'kwic')).toBeNull();
    expect(store.filters.value.orgs).toEqual(['国务院']);
    location.back();
    expect(store.filters.value.orgs).toEqual([]);
    expect(store.filters.value.yearFrom).toBe(2018);
  });

  it('openDoc switches to the library reader and keeps the filters', () => {
    const { store } = makeStore('#/formulations?type=通知');
    store.openDoc('7');
    expect(store.url.value.route).toBe('library');
    expect(store.param('library', 'doc')).toBe('7');
    expect(store.filters.value.types).toEqual(['通知']);
  });
});

describe('background analysis', () => {
  it('analyses new clips, and re-analyses when the user dictionary changes the version', async () => {
    const { store } = makeStore('', fakeWorker);
    const a = await addDocument(input('https://gov.cn/a'), db);
    await until(() => store.allAnalyses.value.get(String(a.id))?.version, (v) => v === store.config.value.version, 'first analysis');
    expect(store.pending.value).toEqual([]);
    const v1 = store.config.value.version;
    await store.addToLexicon('我的新提法', 'user');
    await until(() => store.config.value.version, (v) => v !== v1, 'version change');
    expect(store.config.value.lexicon.some((e) => e.term === '我的新提法')).toBe(true);
    expect(store.config.value.userWords).toContain('我的新提法');
    await until(() => store.allAnalyses.value.get(String(a.id))?.version, (v) => v === store.config.value.version, 're-analysis');
    expect(store.pending.value).toEqual([]);
    expect(store.progress.value.state).toBe('idle');
  });

  it('user stopwords change the version too', async () => {
    const { store } = makeStore();
    await until(() => store.records.value, (v) => v !== null, 'load');
    const v1 = store.config.value.version;
    await db.settings.put({ key: SETTING_KEYS.stopwords, value: ['__proto__'] });
    await until(() => store.config.value.version, (v) => v !== v1, 'version change');
    expect(store.config.value.stopwords).toContain('__proto__');
  });
});

describe('analysed once: opening the dashboard never re-analyses', () => {
  it('open, close and reopen a fully analysed library: zero analysis requests on reopening', async () => {
    let requests = 0;
    const counting = () => {
      const w = fakeWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (m: ToWorker) => {
        if (m.type === 'analyse') requests++;
        post(m);
      };
      return w;
    };
    const ids: string[] = [];
    // Thirty texts with no character in common, so that none is a duplicate of another (duplicates
    // leave the views' analyses while each text is counted once).
    const distinct = (i: number) => Array.from({ length: 12 }, (_, k) => String.fromCodePoint(0x4e00 + i * 12 + k)).join('');
    for (let i = 0; i < 30; i++) ids.push(String((await addDocument(input(`https://gov.cn/once/${i}`, { text: distinct(i) }), db)).id));
    // First opening: everything is analysed once.
    const first = makeStore('', counting).store;
    await until(
      () => ids.every((id) => first.allAnalyses.value.get(id)?.version === first.config.value.version) && first.progress.value.state === 'idle',
      (v) => v,
      'first analysis of the library',
    );
    expect(requests).toBe(ids.length);
    stop?.();
    stop = null;

    // Reopening: documents and analyses load in whichever order; nothing is sent to a worker.
    requests = 0;
    const states: string[] = [];
    const again = makeStore('', counting).store;
    const unwatch = again.progress.subscribe((p) => states.push(p.state));
    await until(() => again.readyToJudge.value, (v) => v, 'library and analyses loaded');
    expect(again.pending.value).toEqual([]);
    // Nothing is queued or in flight (the runner counts both in its total as soon as it queues), so
    // no request can follow.
    expect(again.progress.value).toMatchObject({ state: 'idle', total: 0 });
    unwatch();
    expect(requests).toBe(0);
    expect(states.every((s) => s === 'idle')).toBe(true);
  });

  it('a new document in a reopened library is the only one analysed', async () => {
    let requests: string[] = [];
    const counting = () => {
      const w = fakeWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (m: ToWorker) => {
        if (m.type === 'analyse') requests.push(m.docId);
        post(m);
      };
      return w;
    };
    const a = String((await addDocument(input('https://gov.cn/old'), db)).id);
    const first = makeStore('', counting).store;
    await until(() => first.allAnalyses.value.get(a)?.version, (v) => v === first.config.value.version, 'first analysis');
    stop?.();
    stop = null;
    requests = [];
    const b = String((await addDocument(input('https://gov.cn/new'), db)).id);
    const again = makeStore('', counting).store;
    await until(() => again.allAnalyses.value.get(b)?.version, (v) => v === again.config.value.version, 'new document analysed');
    expect(requests).toEqual([b]);
  });
});

export type { DashboardStore };
