// @vitest-environment happy-dom
// The Library holds only the rows it shows: a library larger than one window renders one window of
// rows, and "Next"/"Previous" move it; a filter that leaves the window past the end shows the last.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeRecord, openDatabase, type DB } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';

let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase('library-window');
  await db.open();
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  await db.delete();
});

const COUNT = 250;

describe('Library window', () => {
  it('renders one window of rows over a large library and moves it', async () => {
    const records = await Promise.all(Array.from({ length: COUNT }, (_, i) => {
      const url = `https://gov.cn/${i}`;
      const text = `第${i}号文件。`;
      return makeRecord({ url, title: `文件 ${String(i).padStart(3, '0')}`, orgs: ['国务院'], docNumber: '', date: '', year: i < 210 ? 2020 : 2024, docType: '通知', script: 'simplified', text, source: capture(text, url) });
    }));
    await db.documents.bulkAdd(records);
    const store = createDashboardStore({ db, location: memoryLocation('#/library?v.library.sort=title'), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
    stop = store.start();
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(200), { timeout: 10_000 });
    const pager = screen.getByTestId('library-window');
    expect(pager.textContent).toContain(`Documents 1–200 of ${COUNT}`);
    const titles = () => screen.getAllByTestId('doc-row').map((r) => /文件 (\d{3})/.exec(r.textContent ?? '')?.[1]);
    expect(titles()[0]).toBe('000');
    fireEvent.click(screen.getByRole('button', { name: 'Next 200' }));
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(COUNT - 200));
    expect(titles()[0]).toBe('200');
    expect(screen.getByTestId('library-window').textContent).toContain(`Documents 201–${COUNT} of ${COUNT}`);
    // A filter leaving 210 documents: the window shows the last of them.
    store.setFilters({ yearTo: 2020 });
    await waitFor(() => expect(screen.getByTestId('library-window').textContent).toContain('Documents 201–210 of 210'));
    expect(screen.getAllByTestId('doc-row')).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'Previous 200' }));
    await waitFor(() => expect(titles()[0]).toBe('000'));
  }, 60_000);
});
