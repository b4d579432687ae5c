// An analysis always describes the stored text: a result computed from a text that was replaced
// meanwhile is never stored, and a document updated at any time is analysed again without a reload.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { addDocument, openDatabase, putAnalyses, putAnalysis, textHashOf, updateDocument, type DB, type DocumentInput, type StoredAnalysis } from '@/utils/db';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import type { FromWorker, ToWorker, WorkerLike } from '@/utils/analysis-client';
import { testCapture as capture } from '../helpers/capture';
import { until } from '../helpers/until';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`analysis-freshness-${++n}`);
  await db.open();
});
afterEach(async () => {
  stop?.();
  stop = null;
  await db.delete();
});

function input(url: string, text: string): DocumentInput {
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url) };
}
const OLD = '坚持“两个确立”。'.repeat(3);
const NEW = '新的正文，没有那个提法。';

function analysisOf(docId: number, text: string, version = 'v'): StoredAnalysis {
  return { docId: String(docId), version, textHash: textHashOf(text), chars: [...text].length, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } };
}

/** A worker that "analyses" by counting characters and answers only when released. */
function heldWorker() {
  const held: (() => void)[] = [];
  const texts: string[] = [];
  let hold = true;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage(m: ToWorker) {
      let version = '';
      if (m.type === 'config') {
        version = m.config.version;
        setTimeout(() => w.onmessage?.({ data: { type: 'ready' } } as MessageEvent<FromWorker>), 0);
        (w as unknown as { version: string }).version = version;
        return;
      }
      texts.push(m.text);
      const reply: FromWorker = {
        type: 'result',
        id: m.id,
        analysis: { docId: m.docId, version: (w as unknown as { version: string }).version, chars: [...m.text].length, terms: [], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } },
      };
      const send = () => setTimeout(() => w.onmessage?.({ data: reply } as MessageEvent<FromWorker>), 0);
      if (hold) held.push(send);
      else send();
    },
  };
  return {
    worker: w,
    texts,
    heldCount: () => held.length,
    release() {
      hold = false;
      for (const send of held.splice(0)) send();
    },
  };
}

describe('writes of analyses', () => {
  it('a result of a replaced text is dropped, in the same transaction as the check', async () => {
    const doc = await addDocument(input('https://gov.cn/a', OLD), db);
    const stale = analysisOf(doc.id!, OLD);
    await updateDocument(doc.id!, { text: NEW }, { mode: 'recapture' }, db);
    expect(await putAnalyses([stale], db)).toEqual({ written: [], stale: [String(doc.id)], gone: [] });
    await expect(putAnalysis(stale, db)).rejects.toThrow(/changed since this analysis was made/);
    expect(await db.analyses.count()).toBe(0);
    await putAnalysis(analysisOf(doc.id!, NEW), db);
    expect((await db.analyses.get(String(doc.id)))?.textHash).toBe(textHashOf(NEW));
  });

  it('a text replaced by the same text keeps its analysis; any other change removes it', async () => {
    const doc = await addDocument(input('https://gov.cn/a', OLD), db);
    await putAnalysis(analysisOf(doc.id!, OLD), db);
    await updateDocument(doc.id!, { text: OLD, title: '新标题' }, { mode: 'user' }, db);
    expect(await db.analyses.count()).toBe(1);
    // Only a line break differs: the text hash differs, so does the analysis (outline, paragraphs).
    await updateDocument(doc.id!, { text: OLD.replace('。', '。\n') }, { mode: 'recapture' }, db);
    expect(await db.analyses.count()).toBe(0);
  });
});

describe('the dashboard keeps analyses current', () => {
  it('an update while the document is being analysed: the stale result is never stored, the new text is analysed', async () => {
    const w = heldWorker();
    const doc = await addDocument(input('https://gov.cn/a', OLD), db);
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: () => w.worker, createAggregateWorker: () => inProcessAggregateWorker() });
    const written: StoredAnalysis[] = [];
    db.analyses.hook('creating', (_k, a) => void written.push(a));
    stop = store.start();
    await until(() => w.heldCount(), (c) => c === 1, 'old text sent to the worker');
    expect(w.texts).toEqual([OLD]);
    // "Update it" in the popup while the worker is busy with the old text.
    await updateDocument(doc.id!, { text: NEW }, { mode: 'recapture' }, db);
    await until(() => store.docsById.value.get(String(doc.id))?.record.textHash, (h) => h === textHashOf(NEW), 'update seen');
    w.release();
    const a = await until(() => store.allAnalyses.value.get(String(doc.id)), (x) => x !== undefined, 'analysis of the new text');
    expect(a!.chars).toBe([...NEW].length);
    expect(w.texts).toEqual([OLD, NEW]);
    expect(written.map((x) => x.textHash)).toEqual([textHashOf(NEW)]);
    expect((await db.analyses.get(String(doc.id)))?.textHash).toBe(textHashOf(NEW));
    await until(() => store.pending.value.length, (l) => l === 0, 'nothing pending');
  });

  it('an update after the analysis finished is analysed again without a reload', async () => {
    const w = heldWorker();
    w.release();
    const doc = await addDocument(input('https://gov.cn/a', OLD), db);
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: () => w.worker, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    await until(() => store.allAnalyses.value.get(String(doc.id))?.chars, (c) => c === [...OLD].length, 'first analysis');
    await until(() => store.pending.value.length, (l) => l === 0, 'nothing pending');
    await updateDocument(doc.id!, { text: NEW }, { mode: 'recapture' }, db);
    await until(() => store.allAnalyses.value.get(String(doc.id))?.chars, (c) => c === [...NEW].length, 'analysis of the update');
    await until(() => store.pending.value.length, (l) => l === 0, 'nothing pending after the update');
    expect(w.texts).toEqual([OLD, NEW]);
  });

  it('an analysis of another text never reaches a view, even before it is replaced', async () => {
    const doc = await addDocument(input('https://gov.cn/a', NEW), db);
    // Written behind the store's back (as an older version of the extension could have).
    await db.analyses.put(analysisOf(doc.id!, OLD));
    const store = createDashboardStore({ db, location: memoryLocation(''), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    await until(() => store.records.value, (r) => r !== null && r.length === 1, 'library');
    await until(() => store.pending.value, (p) => p.length === 1, 'stale analysis counted as pending');
    expect(store.allAnalyses.value.size).toBe(0);
    expect(store.analyses.value.size).toBe(0);
  });
});
