// @vitest-environment happy-dom
// Deletes are safe: a bulk delete above a few documents asks in a real dialog (both languages), the
// Undo of a delete is offered long enough and no later message takes it away.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDocument, openDatabase, type DB, type DocumentInput } from '@/utils/db';
import { setLanguage, t } from '@/utils/i18n';
import { LibraryError } from '@/utils/library';
import { englishWords } from '../helpers/english';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { dismissToast, MAX_TOASTS, showToast, toasts, UNDO_MS } from '@/components/dashboard/toast';
import { CONFIRM_DELETE_ABOVE } from '@/components/library/LibraryView';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`dashboard-delete-${++n}`);
  await db.open();
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  dismissToast();
  vi.useRealTimers();
  await db.delete();
});

function input(i: number): DocumentInput {
  const url = `https://gov.cn/${i}`;
  const text = `第${i}篇文件的正文。`;
  return { url, title: `文件${i}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: capture(text, url) };
}

async function mountWith(docs: number) {
  for (let i = 0; i < docs; i++) await addDocument(input(i), db);
  const store = createDashboardStore({ db, location: memoryLocation('#/library'), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(docs));
  return store;
}

function selectAll() {
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
}

describe('bulk delete asks first above a few documents', () => {
  it(`more than ${CONFIRM_DELETE_ABOVE}: a dialog names the number, and Cancel deletes nothing`, async () => {
    await mountWith(CONFIRM_DELETE_ABOVE + 1);
    selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(within(dialog).getByRole('heading').textContent).toBe(`Delete ${CONFIRM_DELETE_ABOVE + 1} documents?`);
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(await db.documents.count()).toBe(CONFIRM_DELETE_ABOVE + 1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(await db.documents.count()).toBe(CONFIRM_DELETE_ABOVE + 1);
    expect(screen.getAllByTestId('doc-row')).toHaveLength(CONFIRM_DELETE_ABOVE + 1);
    expect(toasts.value).toEqual([]);
  });

  it('Escape in the dialog cancels and leaves the reader open', async () => {
    const store = await mountWith(CONFIRM_DELETE_ABOVE + 1);
    store.openDoc(store.libraryDocs.value[0]!.docId);
    await screen.findByTestId('reader');
    selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByTestId('confirm-dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(screen.getByTestId('reader')).toBeTruthy();
    expect(await db.documents.count()).toBe(CONFIRM_DELETE_ABOVE + 1);
  });

  it('confirmed, every selected document goes, and one Undo brings them all back', async () => {
    await mountWith(6);
    selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByTestId('confirm-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete 6 documents' }));
    await waitFor(() => expect(screen.queryAllByTestId('doc-row')).toHaveLength(0));
    expect(await db.documents.count()).toBe(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(6));
    expect(await db.documents.count()).toBe(6);
  });

  it(`${CONFIRM_DELETE_ABOVE} or fewer go at once, with Undo and without a question`, async () => {
    await mountWith(CONFIRM_DELETE_ABOVE);
    selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Delete selected' }));
    await waitFor(() => expect(screen.queryAllByTestId('doc-row')).toHaveLength(0));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('asks in Chinese when the interface is Chinese', async () => {
    await mountWith(CONFIRM_DELETE_ABOVE + 2);
    setLanguage('zh');
    fireEvent.click(await screen.findByRole('checkbox', { name: '全选当前列表' }));
    fireEvent.click(screen.getByRole('button', { name: '删除所选' }));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe(`删除 ${CONFIRM_DELETE_ABOVE + 2} 篇文档？`);
    expect(within(dialog).getByRole('button', { name: `删除 ${CONFIRM_DELETE_ABOVE + 2} 篇` })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '取消' })).toBeTruthy();
    expect(dialog.textContent).toContain(`${UNDO_MS / 1000} 秒内仍可撤销`);
  });
});

describe('a pending Undo is never replaced', () => {
  it('two deletes offer two Undos; a burst of later messages leaves both; each restores its own document', async () => {
    await mountWith(3);
    fireEvent.click(screen.getByRole('button', { name: 'Delete 文件0' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 文件1' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    for (let i = 0; i < MAX_TOASTS + 2; i++) showToast({ key: 'lib.deleted', params: { n: 100 + i } });
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Undo' })).toHaveLength(2));
    expect(screen.getAllByTestId('toast').length).toBeLessThanOrEqual(MAX_TOASTS);
    // The first delete's Undo (the oldest message on screen) brings back 文件0 only.
    fireEvent.click(screen.getAllByRole('button', { name: 'Undo' })[0]!);
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(2));
    expect((await db.documents.toArray()).map((d) => d.title).sort()).toEqual(['文件0', '文件2']);
    expect(screen.getAllByRole('button', { name: 'Undo' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(3));
  });
});

describe('toast queue', () => {
  it('an Undo outlives plain messages and the old ten seconds, then leaves on its own', () => {
    vi.useFakeTimers();
    const undo = showToast({ key: 'lib.deleted', params: { n: 1 } }, { action: { label: { key: 'lib.undo' }, run: () => {} } });
    showToast({ key: 'set.saved' });
    vi.advanceTimersByTime(10_500);
    expect(toasts.value.map((x) => x.id)).toEqual([undo]);
    vi.advanceTimersByTime(UNDO_MS - 10_500 - 1);
    expect(toasts.value.map((x) => x.id)).toEqual([undo]);
    vi.advanceTimersByTime(1);
    expect(toasts.value).toEqual([]);
  });

  it('over the limit, plain messages leave first, oldest first; only Undos left, the oldest Undo goes', () => {
    vi.useFakeTimers();
    const a = showToast({ key: 'lib.deleted', params: { n: 1 } }, { action: { label: { key: 'lib.undo' }, run: () => {} } });
    const plain = showToast({ key: 'set.saved' });
    const undos = Array.from({ length: MAX_TOASTS - 2 }, (_, i) => showToast({ key: 'lib.deleted', params: { n: 10 + i } }, { action: { label: { key: 'lib.undo' }, run: () => {} } }));
    const late = showToast({ key: 'lib.restored' });
    expect(toasts.value.map((x) => x.id)).toEqual([a, ...undos, late]);
    expect(toasts.value.some((x) => x.id === plain)).toBe(false);
    dismissToast(late);
    const more = showToast({ key: 'lib.deleted', params: { n: 2 } }, { action: { label: { key: 'lib.undo' }, run: () => {} } });
    const evicting = showToast({ key: 'lib.deleted', params: { n: 3 } }, { action: { label: { key: 'lib.undo' }, run: () => {} } });
    expect(toasts.value).toHaveLength(MAX_TOASTS);
    expect(toasts.value.map((x) => x.id)).toEqual([...undos, more, evicting]);
  });
});

describe('toasts follow the language', () => {
  it('open toasts, their Undo and a library error re-render in the language switched to after they appeared', async () => {
    await mountWith(1);
    const restored = { key: 'set.importDone', params: { file: 'tifa.json', added: 2, updated: 1, skipped: 0 } } as const;
    showToast(restored);
    showToast({ key: 'lib.deleted', params: { n: 1 } }, { action: { label: { key: 'lib.undo' }, run: () => {} } });
    showToast({ error: new LibraryError('empty-term', '"  "') }, { kind: 'error' });
    const shown = () => screen.getAllByTestId('toast').map((x) => x.textContent ?? '');
    await waitFor(() => expect(shown()).toHaveLength(3));
    expect(shown()[0]).toContain(t(restored.key, restored.params, 'en'));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t('common.switchLanguage', undefined, 'en') }));
    await waitFor(() => expect(shown()[0]).toContain(t(restored.key, restored.params, 'zh')));
    expect(shown()[1]).toContain(t('lib.deleted', { n: 1 }, 'zh'));
    expect(shown()[2]).toContain(t('library.error.emptyTerm', { detail: '"  "' }, 'zh'));
    expect(screen.getByRole('button', { name: t('lib.undo', undefined, 'zh') })).toBeTruthy();
    expect(englishWords(shown(), new Set())).toEqual([]);
  });
});
