// The store's memory and its aggregation worker: the documents list kept in memory carries no raw
// page capture (read a page of records at a time, however long the library), the full record is
// still there for re-cleaning, and the worker is fed only what changed.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, textHashOf, type DB, type DocumentInput, type DocumentRecord, type StoredAnalysis } from '@/utils/db';
import { createDashboardStore, DOCUMENT_PAGE, memoryLocation } from '@/components/dashboard/store';
import { localAggregator } from '@/analysis/queries';
import { analysedDocs } from '@/analysis/corpus';
import type { ToAggregateWorker } from '@/utils/aggregate-client';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { at } from '../helpers/at';
import { until } from '../helpers/until';
import { documentLength } from '@/analysis/counting';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`dashboard-store-agg-${++n}`);
  await db.open();
});
afterEach(async () => {
  stop?.();
  stop = null;
  await db.delete();
});

const BIG_SOURCE = '<div>页面源码</div>'.repeat(500);

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: BIG_SOURCE, articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z' };
}

function record(i: number): DocumentRecord {
  const text = `第${i}篇：坚持发展。`;
  return {
    url: `https://gov.cn/${i}`,
    title: `文件${i}`,
    orgs: [i % 2 ? '甲市委' : '乙局党组'],
    org: i % 2 ? '甲市委' : '乙局党组',
    docNumber: '',
    date: '',
    year: 2015 + (i % 10),
    docType: '通知',
    script: 'simplified',
    text,
    chars: text.length,
    contentHash: `h${i}`,
    textHash: textHashOf(text),
    uid: `uid-${i}`,
    capturedAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    tags: [],
    edited: [],
    source: capture(text, `https://gov.cn/${i}`),
  };
}

const an = (docId: string, terms: [string, number][], i: number): StoredAnalysis => ({
  docId,
  textHash: record(i).textHash,
  version: 'v',
  chars: 100,
  terms,
  formulations: [],
  outline: [],
  stats: { chars: 100, paragraphs: 1, sentences: 1, meanSentenceLength: 100 },
});

describe('documents in memory', () => {
  it('keeps every document of a long library without its raw capture; re-cleaning reads the full record', async () => {
    const total = DOCUMENT_PAGE * 2 + 37;
    await db.documents.bulkAdd(Array.from({ length: total }, (_, i) => record(i)));
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    const rows = (await until(() => store.records.value, (v) => v !== null && v.length === total, 'all pages'))!;
    // Cards only: neither the capture nor the text is held on the page.
    expect(rows.every((r) => !('source' in r) && !('text' in r))).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(at(rows, total - 1).length).toBe(documentLength(`第${total - 1}篇：坚持发展。`));
    // The text and the capture are read from the database when asked for.
    expect(await store.getText(String(at(rows, 3).id))).toBe('第3篇：坚持发展。');
    expect((await db.documents.get(at(rows, 3).id!))?.source.articleHtml).toBe(BIG_SOURCE);
    // A new clip shows up live, also light.
    const text = '新的一篇。';
    const input: DocumentInput = { url: 'https://gov.cn/new', title: '新', orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '', script: 'simplified', text, source: capture(text, 'https://gov.cn/new') };
    await addDocument(input, db);
    const after = await until(() => store.records.value!, (v) => v.length === total + 1, 'live clip');
    expect('source' in at(after, -1)).toBe(false);
  });

  it('an empty library is loaded (not left loading); one data path: the page never holds term counts, the worker answers', async () => {
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    expect(await until(() => store.records.value, (v) => v !== null, 'first answer')).toEqual([]);
    expect(store.aggregates).not.toBe(localAggregator);
    const [doc] = (await db.documents.bulkAdd([record(1)], { allKeys: true })) as number[];
    await putAnalysis(an(String(doc), [['发展', 1]], 1), db);
    const kept = await until(() => store.allAnalyses.value.get(String(doc)), (a) => a !== undefined, 'analysis');
    expect(kept!.terms).toEqual([]);
    const answer = store.aggregates.ask('topTerms', [analysedDocs(store.facets.value, store.analyses.value)], { n: 10, measure: 'count' });
    expect((answer.done ? answer.value : await answer.promise).map((r) => [r.term, r.count])).toEqual([['发展', 1]]);
  });

  it('KWIC and recurring phrases read the texts in the worker, not on the page', async () => {
    const ids = (await db.documents.bulkAdd([record(1), record(2)], { allKeys: true })) as number[];
    for (const [k, id] of ids.entries()) await putAnalysis(an(String(id), [['发展', 1]], k + 1), db);
    const log: ToAggregateWorker[] = [];
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker(log) });
    stop = store.start();
    await until(() => store.allAnalyses.value.size, (s) => s === 2, 'analyses');
    const docs = analysedDocs(store.facets.value, store.analyses.value);
    const answer = store.aggregates.ask('kwic', [docs], { term: '坚持发展', fallback: store.facets.value });
    const r = answer.done ? answer.value : await answer.promise;
    expect(r.rows.map((x) => x.match)).toEqual(['坚持发展', '坚持发展']);
    expect(r.rows.map((x) => x.docId).sort()).toEqual(ids.map(String).sort());
    // No text crossed to the worker: the query names documents only.
    const asked = log.filter((m) => m.type === 'query');
    expect(JSON.stringify(asked)).not.toContain('坚持发展。');
  });
});

describe('aggregation worker fed by the store', () => {
  it('sends the library once, then only what changed; answers like the in-process queries', async () => {
    const ids = (await db.documents.bulkAdd(Array.from({ length: 3 }, (_, i) => record(i)), { allKeys: true })) as number[];
    await putAnalysis(an(String(ids[0]), [['发展', 2], ['__proto__', 1]], 0), db);
    await putAnalysis(an(String(ids[1]), [['发展', 5]], 1), db);
    const log: ToAggregateWorker[] = [];
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker(log) });
    stop = store.start();
    await until(() => store.allAnalyses.value.size, (s) => s === 2, 'analyses');
    await until(() => log.length, (l) => l > 1, 'first feed');
    // Analyses cross by reference (docId and version): the worker reads them from the database.
    expect(log[0]).toEqual({ type: 'init', database: db.name });
    expect(log.every((m) => m.type !== 'update' || m.analyses.length === 0)).toBe(true);
    const sentAnalyses = () => log.flatMap((m) => (m.type === 'update' ? m.refs.map((a) => a.docId) : []));
    const sentFacets = () => log.flatMap((m) => (m.type === 'update' ? m.facets.map((f) => f.docId) : []));
    expect(sentAnalyses().sort()).toEqual([String(ids[0]), String(ids[1])].sort());
    expect(sentFacets()).toHaveLength(3);

    // One more analysis: only it crosses.
    await putAnalysis(an(String(ids[2]), [['创新', 6]], 2), db);
    await until(() => store.allAnalyses.value.size, (s) => s === 3, 'third analysis');
    await until(() => sentAnalyses().length, (l) => l === 3, 'incremental feed');
    expect(sentAnalyses()[2]).toBe(String(ids[2]));
    expect(sentFacets()).toHaveLength(3);

    // The page keeps analyses without their term counts: the worker holds those.
    expect([...store.allAnalyses.value.values()].every((a) => a.terms.length === 0 && a.version === 'v')).toBe(true);
    const docs = analysedDocs(store.facets.value, store.analyses.value);
    const answer = store.aggregates.ask('topTerms', [docs], { n: 10, measure: 'count' });
    const remote = answer.done ? answer.value : await answer.promise;
    const full = new Map((await db.analyses.toArray()).map((a) => [a.docId, a]));
    const local = localAggregator.ask('topTerms', [analysedDocs(store.facets.value, full)], { n: 10, measure: 'count' });
    expect(remote).toEqual(local.done && local.value);
    expect(remote.map((r) => r.term)).toEqual(['发展', '创新', '__proto__']);
    // terms.csv comes from the worker too.
    const csv = store.aggregates.ask('termsTable', [docs], {});
    const table = csv.done ? csv.value : await csv.promise;
    expect(table.rows.filter((r) => r[1] === '__proto__')).toHaveLength(1);

    // A filter changes what views ask, not what the worker holds.
    const before = log.length;
    store.setFilters({ yearFrom: 2016 });
    expect(log.length).toBe(before);
  });
});
