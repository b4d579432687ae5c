// @vitest-environment happy-dom
// The whole dashboard in Chinese, on really analysed documents: every view, the library and the
// settings page show no English word, in their text, their tooltips and accessible names, and in
// the charts' axis titles, legends and category labels. And a language chosen in Settings
// re-renders whatever is on screen, without a reload.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Chart } from 'chart.js';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyzeDocument } from '@/analysis/analyze';
import { addDocument, openDatabase, type DB, type DocumentInput } from '@/utils/db';
import { getLanguage, setLanguage, t } from '@/utils/i18n';
import type { FromWorker, ToWorker, WorkerLike } from '@/utils/analysis-client';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { ROUTES, type Route } from '@/components/dashboard/filters';
import { dismissToast, showToast } from '@/components/dashboard/toast';
import { LibraryError } from '@/utils/library';
import { createTestContext } from '../helpers/segmenter';
import { installCanvasStandIn } from '../helpers/canvas';
import { englishWords, visibleStrings } from '../helpers/english';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';

/** Reports from the repo's fixture corpus, cut short so segmenting them stays quick. */
function fixtureDocs(): { title: string; year: number; org: string; text: string }[] {
  const lines = readFileSync(join(__dirname, '../fixtures/corpus/national-reports.jsonl'), 'utf8').trim().split('\n');
  const all = lines.map((l) => JSON.parse(l) as { title: string; year: number; org: string; content: string });
  return [2024, 2018, 1986, 1957].map((year, i) => {
    const d = all.find((x) => x.year === year)!;
    return { title: d.title, year, org: i === 1 ? '中共中央' : d.org, text: d.content.slice(0, 6000) };
  });
}
const DOCS = fixtureDocs();

/** Latin words the documents themselves contain: data, not interface. */
const DATA_WORDS = new Set(DOCS.flatMap((d) => `${d.title} ${d.text}`.match(/[A-Za-z]{2,}/g) ?? []));

/** A worker stand-in that analyses for real, in-process (Node jieba, built-in lexicon). */
function analysingWorker(): WorkerLike {
  const ctx = createTestContext();
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
          reply = { type: 'result', id: m.id, analysis: analyzeDocument({ docId: m.docId, text: m.text }, { ...ctx, version }) };
        }
        w.onmessage?.({ data: reply } as MessageEvent<FromWorker>);
      }, 0);
    },
  };
  return w;
}


beforeAll(installCanvasStandIn);

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`chinese-ui-${++n}`);
  await db.open();
  for (const [i, d] of DOCS.entries()) {
    const url = `https://gov.cn/report-${i}`;
    const input: DocumentInput = { url, title: d.title, orgs: [d.org], docNumber: '', date: '', year: d.year, docType: '政府工作报告', script: 'simplified', text: d.text, source: capture(d.text, url) };
    await addDocument(input, db);
  }
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  dismissToast();
  setLanguage('en');
  await db.delete();
});

async function mountAnalysed(hash: string) {
  const location = memoryLocation(hash);
  const store = createDashboardStore({ db, location, createWorker: analysingWorker, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await waitFor(() => expect(screen.getByTestId('analysis-progress').getAttribute('data-pending')).toBe('0'), { timeout: 30_000 });
  await waitFor(() => expect(screen.getByTestId('analysis-progress').getAttribute('data-state')).toBe('idle'), { timeout: 30_000 });
  return store;
}

/** Wait until the current route has drawn its content and finished computing. */
async function settled(route: Route): Promise<void> {
  await waitFor(
    () => {
      if (route === 'library') expect(screen.getAllByTestId('doc-row')).toHaveLength(DOCS.length);
      else if (route === 'settings') expect(document.querySelector('#set-backup')).not.toBeNull();
      else {
        expect(document.querySelector('.tl-main h2')).not.toBeNull();
        expect(document.querySelector('[data-testid="computing"]')).toBeNull();
        const canvases = [...document.querySelectorAll('canvas')];
        expect(canvases.length).toBeGreaterThan(0);
        for (const c of canvases) expect(Chart.getChart(c as HTMLCanvasElement)).toBeTruthy();
      }
    },
    { timeout: 20_000 },
  );
}

describe('the Chinese interface', () => {
  it('the detector finds English: the same pages in English are full of it', async () => {
    await mountAnalysed('#/terms');
    await settled('terms');
    expect(englishWords(visibleStrings(), DATA_WORDS).length).toBeGreaterThan(10);
  });

  it('a language chosen in Settings applies at once, and then no view shows an English word', { timeout: 120_000 }, async () => {
    const store = await mountAnalysed('#/settings');
    await settled('settings');
    // Messages shown while the page was English (a restore, a refused entry) stay open through the walk.
    const restored = { key: 'set.importDone', params: { file: 'tifa-lens-backup.json', added: 4, updated: 0, skipped: 1 } } as const;
    showToast(restored, { ms: 10 * 60_000 });
    showToast({ error: new LibraryError('empty-term', '“ ”') }, { kind: 'error', ms: 10 * 60_000 });
    const select = screen.getByRole('combobox', { name: 'Language' });
    fireEvent.change(select, { target: { value: 'zh' } });
    // The settings page itself re-renders in Chinese, without a reload.
    await waitFor(() => expect(screen.getByRole('heading', { name: '备份与恢复' })).toBeTruthy());
    expect(getLanguage()).toBe('zh');
    const leftovers: Record<string, string[]> = {};
    for (const route of ROUTES) {
      store.navigate(route);
      await settled(route);
      const words = englishWords(visibleStrings(), DATA_WORDS);
      if (words.length) leftovers[route] = words;
    }
    // Panels opened from a view: the contexts of a term (KWIC), the reader with its highlights.
    store.navigate('terms');
    store.setParam('terms', 'kwic', '发展');
    await waitFor(() => expect(screen.getByTestId('kwic').querySelector('table')).not.toBeNull(), { timeout: 20_000 });
    const kwicWords = englishWords(visibleStrings(), DATA_WORDS);
    if (kwicWords.length) leftovers.kwic = kwicWords;
    const first = (await db.documents.toCollection().first())!;
    store.navigate('library');
    store.setParam('library', 'doc', String(first.id));
    await waitFor(() => expect(screen.getByTestId('reader').querySelector('mark')).not.toBeNull(), { timeout: 20_000 });
    const readerWords = englishWords(visibleStrings(), DATA_WORDS);
    if (readerWords.length) leftovers.reader = readerWords;
    expect(leftovers).toEqual({});
    // The toasts were on screen all along, now in Chinese.
    const toastTexts = screen.getAllByTestId('toast').map((x) => x.textContent ?? '');
    expect(toastTexts.some((x) => x.includes(t(restored.key, restored.params, 'zh')))).toBe(true);
    expect(toastTexts.some((x) => x.includes(t('library.error.emptyTerm', { detail: '“ ”' }, 'zh')))).toBe(true);
  });

  it.each(ROUTES.filter((r) => r !== 'library' && r !== 'settings'))(
    '%s re-renders in place when the language changes: heading, chart axes and legends',
    { timeout: 60_000 },
    async (route) => {
      await mountAnalysed(`#/${route}`);
      await settled(route);
      const heading = document.querySelector('.tl-main h2')!;
      const english = heading.textContent;
      const axesBefore = visibleStrings().filter((s) => s.includes('[axis') || s.includes('[legend]'));
      fireEvent.click(screen.getByRole('button', { name: t('common.switchLanguage', undefined, 'en') }));
      await waitFor(() => expect(document.querySelector('.tl-main h2')!.textContent).not.toBe(english));
      expect(document.querySelector('.tl-main h2')!.textContent).toMatch(/[\u4e00-\u9fff]/);
      const axesAfter = visibleStrings().filter((s) => s.includes('[axis') || s.includes('[legend]'));
      expect(axesAfter.length).toBe(axesBefore.length);
      expect(englishWords(axesAfter, DATA_WORDS)).toEqual([]);
    },
  );
});
