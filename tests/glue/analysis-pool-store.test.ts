// The dashboard's background analysis over a real (fake-indexeddb) library: a document that never
// had an analysis is sent before documents whose analyses are of older settings, whatever their
// order in the library, and a pool of workers shares the work without analysing anything twice.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';
import { addDocument, openDatabase, textHashOf, type DB, type DocumentInput } from '@/utils/db';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import type { FromWorker, ToWorker, WorkerLike } from '@/utils/analysis-client';
import { until } from '../helpers/until';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`analysis-pool-store-${++n}`);
  await db.open();
});
afterEach(async () => {
  stop?.();
  stop = null;
  await db.delete();
});

function input(i: number): DocumentInput {
  const text = `第${i}号文件正文。`.repeat(3);
  return { url: `https://gov.cn/${i}`, title: `文件 ${i}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: capture(text, `https://gov.cn/${i}`) };
}

/** Workers that record what they were sent, in one shared order, and answer at once. */
function recordingPool() {
  const sent: string[] = [];
  const made: WorkerLike[] = [];
  const create = (): WorkerLike => {
    let version = '';
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate() {},
      postMessage(m: ToWorker) {
        if (m.type === 'config') {
          version = m.config.version;
          setTimeout(() => w.onmessage?.({ data: { type: 'ready' } } as MessageEvent<FromWorker>), 0);
          return;
        }
        sent.push(m.docId);
        const analysis = { docId: m.docId, version, chars: [...m.text].length, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } };
        setTimeout(() => w.onmessage?.({ data: { type: 'result', id: m.id, analysis } } as unknown as MessageEvent<FromWorker>), 0);
      },
    };
    made.push(w);
    return w;
  };
  return { sent, made, create };
}

describe('background analysis in the dashboard', () => {
  it('analyses new documents before re-analysing old ones, each once, on a pool of workers', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push((await addDocument(input(i), db)).id!);
    // All but the fifth were analysed under settings that changed since: they are re-analysed.
    const docs = await db.documents.toArray();
    await db.analyses.bulkPut(
      docs
        .filter((d) => d.id !== ids[4])
        .map((d) => ({ docId: String(d.id), version: 'older settings', textHash: textHashOf(d.text), chars: 1, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } })),
    );
    const pool = recordingPool();
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: pool.create, analysisPoolSize: 2, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    await until(() => pool.sent.length, (l) => l >= 8, 'every document sent');
    await until(() => store.pending.value.length, (l) => l === 0, 'nothing pending');
    expect(pool.sent[0]).toBe(String(ids[4]));
    expect([...pool.sent].sort()).toEqual(ids.map(String).sort());
    expect(pool.made).toHaveLength(2);
  });
});
