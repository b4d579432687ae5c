// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDocument, makeRecord, openDatabase, type DB, type DocumentInput } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { dismissToast } from '@/components/dashboard/toast';
import type { FromWorker, ToWorker, WorkerLike } from '@/utils/analysis-client';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';
import { at } from '../helpers/at';

/** A worker that loads, then never finishes a document: the analysis stays in progress. */
function stuckWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage(m: ToWorker) {
      if (m.type === 'config') setTimeout(() => w.onmessage?.({ data: { type: 'ready' } } as MessageEvent<FromWorker>), 0);
    },
  };
  return w;
}

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`dashboard-render-${++n}`);
  await db.open();
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  dismissToast();
  await db.delete();
});

function input(url: string, p: Partial<DocumentInput> = {}): DocumentInput {
  const text = p.text ?? '坚持两个确立。';
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url), ...p };
}

function mount(hash = '#/library', createWorker: (() => WorkerLike) | null = null) {
  const location = memoryLocation(hash);
  const store = createDashboardStore({ db, location, createWorker, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { store, location };
}

describe('dashboard shell', () => {
  it('an empty library explains the tool and offers the sample corpus', async () => {
    mount();
    const button = await screen.findByRole('button', { name: /sample/i });
    expect(button).toBeTruthy();
    expect(screen.getByText(/Your library is empty/)).toBeTruthy();
    // Analytic routes also show the welcome while the library is empty.
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['Library', 'Terms', 'Trends', 'Formulations', 'Structure', 'Compare', 'Settings']);
  });

  it('lists documents as rows with their titles, live, and filters them from chips', async () => {
    const { store, location } = mount();
    await addDocument(input('https://gov.cn/a', { year: 2018, title: '二〇一八年报告' }), db);
    await addDocument(input('https://gov.cn/b', { year: 2024, title: '二〇二四年报告', text: '另一篇。' }), db);
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(2));
    expect(screen.getAllByTestId('doc-row')[0]?.textContent).toContain('二〇二四年报告');
    store.setFilters({ yearFrom: 2020 });
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    expect(location.read()).toBe('#/library?from=2020');
    const chip = screen.getByTestId('filter-chip');
    expect(chip.textContent).toContain('2020');
    fireEvent.click(screen.getByRole('button', { name: /Remove filter/ }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(2));
    expect(location.read()).toBe('#/library');
  });

  it('renders stored text in the reader as text, never as HTML, with formulations marked', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">坚持“两个确立”，做到“两个维护”。<script>window.__pwned=2</script>';
    const doc = await addDocument(input('https://gov.cn/x', { text: evil, title: '<b>标题</b>' }), db);
    mount(`#/library?v.library.doc=${doc.id}`);
    await screen.findByTestId('reader-text');
    const reader = screen.getByTestId('reader');
    expect(reader.querySelector('img, script, b')).toBeNull();
    expect(reader.textContent).toContain('<img src=x');
    expect(reader.querySelector('h2')?.textContent).toBe('<b>标题</b>');
    const marks = [...reader.querySelectorAll('mark')].map((m) => m.getAttribute('data-term'));
    expect(marks).toContain('两个确立');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('delete offers Undo, which brings the row back', async () => {
    await addDocument(input('https://gov.cn/a'), db);
    mount();
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: /^Delete 标题/ }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect(screen.queryAllByTestId('doc-row')).toHaveLength(0));
    fireEvent.click(undo);
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
  });

  it('sorts by a column header (in the URL) and edits metadata inline', async () => {
    await addDocument(input('https://gov.cn/a', { year: 2018, title: '甲' }), db);
    await addDocument(input('https://gov.cn/b', { year: 2024, title: '乙', text: '另一篇。' }), db);
    await addDocument(input('https://gov.cn/c', { year: 1990, title: '丙', text: '第三篇。' }), db);
    const { location } = mount();
    const titles = () => screen.getAllByTestId('doc-row').map((r) => r.querySelector('.tl-title-cell button')?.textContent);
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: /^Year/ }));
    await waitFor(() => expect(titles()).toEqual(['丙', '甲', '乙']));
    expect(location.read()).toContain('v.library.sort=year');
    fireEvent.click(screen.getByRole('button', { name: /^Year/ }));
    await waitFor(() => expect(titles()).toEqual(['乙', '甲', '丙']));

    const row = at(screen.getAllByTestId('doc-row'), 0);
    fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('doc-edit-row');
    fireEvent.input(within(form).getByRole('textbox', { name: 'Year' }), { target: { value: '2023' } });
    fireEvent.submit(form.querySelector('form')!);
    await waitFor(() => expect(screen.queryByTestId('doc-edit-row')).toBeNull());
    const edited = (await db.documents.toArray()).find((d) => d.title === '乙')!;
    expect(edited.year).toBe(2023);
    expect(edited.edited).toEqual(['year']);
    await waitFor(() => expect(at(screen.getAllByTestId('doc-row'), 0).querySelector('.tl-edited')).not.toBeNull());
  });

  it('settings save stopwords and organisation groups in the format the CLI reads', async () => {
    mount('#/settings');
    const stop = await screen.findByRole('textbox', { name: 'Stopwords' });
    fireEvent.input(stop, { target: { value: '一些\n 一些 \n__proto__' } });
    fireEvent.click(within(stop.closest('section')!).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await db.settings.get('stopwords'))?.value).toEqual(['一些', '__proto__']));
    const orgs = screen.getByRole('textbox', { name: 'Organisation aliases' });
    fireEvent.input(orgs, { target: { value: '某市人民政府 = 市政府，市府\n# comment' } });
    fireEvent.click(within(orgs.closest('section')!).getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await db.settings.get('orgAliases'))?.value).toEqual([
        ['某市人民政府', '某市人民政府'],
        ['市政府', '某市人民政府'],
        ['市府', '某市人民政府'],
      ]),
    );
  });

  it('a click on an organisation, year or type in the table filters by it; Escape closes the reader', async () => {
    await addDocument(input('https://gov.cn/a', { orgs: ['甲局'], year: 2018 }), db);
    const b = await addDocument(input('https://gov.cn/b', { orgs: ['乙局', '甲局'], year: 2024, docType: '通知', text: '另一篇。' }), db);
    const { store, location } = mount(`#/library?v.library.doc=${b.id}`);
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: '乙局' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    expect(store.filters.value.orgs).toEqual(['乙局']);
    fireEvent.click(screen.getByRole('button', { name: '2024' }));
    fireEvent.click(screen.getByRole('button', { name: '通知' }));
    expect(location.read()).toContain('from=2024&to=2024');
    expect(store.filters.value.types).toEqual(['通知']);
    expect(screen.getByTestId('reader')).toBeTruthy();
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('reader')).toBeNull());
    expect(store.param('library', 'doc')).toBeNull();
  });

  it('draws a long library in pages', async () => {
    const records = await Promise.all(Array.from({ length: 205 }, (_, i) => makeRecord(input(`https://gov.cn/${i}`, { text: `第${i}篇。` }))));
    await db.documents.bulkAdd(records);
    mount();
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(200));
    // The page holds one window of 200 rows (tests/glue/library-window.test.tsx moves it further).
    fireEvent.click(screen.getByRole('button', { name: 'Next 200' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(5));
    expect(screen.getByTestId('library-window').textContent).toContain('Documents 201–205 of 205');
  });

  it('shows analysis progress n/m with Cancel, then offers to resume', async () => {
    await addDocument(input('https://gov.cn/a'), db);
    await addDocument(input('https://gov.cn/b', { text: '第二篇。' }), db);
    mount('#/library', stuckWorker);
    const progress = await screen.findByTestId('analysis-progress');
    await waitFor(() => expect(progress.textContent).toContain('Analysing 0/2'));
    expect(progress.querySelector('progress')?.getAttribute('max')).toBe('2');
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(progress.getAttribute('data-state')).toBe('cancelled'));
    const resume = within(progress).getByRole('button', { name: 'Resume (2 left)' });
    fireEvent.click(resume);
    await waitFor(() => expect(progress.textContent).toContain('Analysing 0/2'));
  });

  it('switches the UI to Chinese', async () => {
    mount();
    await screen.findByRole('button', { name: /sample/i });
    setLanguage('zh');
    await waitFor(() => expect(screen.getByText('文库为空')).toBeTruthy());
    // The Chinese button names no English words any more (no "(Load sample corpus)").
    expect(screen.getByRole('button', { name: /载入示例语料/ }).textContent).toBe('载入示例语料');
  });
});
