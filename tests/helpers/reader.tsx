// The dashboard opened on one document in the Reader, for the glue tests of its painting:
// an IntersectionObserver the test drives, and the App mounted over a store on a test database.
import { render, screen } from '@testing-library/preact';
import { addDocument, type DB, type DocumentInput } from '@/utils/db';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { inProcessAggregateWorker } from './aggregate';
import { testCapture } from './capture';

/** An IntersectionObserver the test drives: `scrollNear()` tells every observer its target came into view. */
export class FakeObserver {
  static live = new Set<FakeObserver>();
  target: Element | null = null;
  constructor(readonly callback: IntersectionObserverCallback) {}
  observe(el: Element) {
    this.target = el;
    FakeObserver.live.add(this);
  }
  unobserve() {}
  disconnect() {
    FakeObserver.live.delete(this);
  }
  takeRecords() {
    return [];
  }
  static scrollNear() {
    for (const o of [...FakeObserver.live]) o.callback([{ isIntersecting: true, target: o.target! } as IntersectionObserverEntry], o as unknown as IntersectionObserver);
  }
}

function readerInput(text: string): DocumentInput {
  const url = 'https://gov.cn/huge';
  return { url, title: '超长文件', orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: testCapture(text, url, { articleText: '' }) };
}

/** Store `text` as a document and open the dashboard's Reader on it; `stop` ends the store. */
export async function openInReader(db: DB, text: string): Promise<{ el: HTMLElement; stop: () => void }> {
  const doc = await addDocument(readerInput(text), db);
  const store = createDashboardStore({ db, location: memoryLocation(`#/library?v.library.doc=${doc.id}`), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  const stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { el: await screen.findByTestId('reader-text'), stop };
}
