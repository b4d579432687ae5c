// @vitest-environment happy-dom
// A long document of ordinary size (under PAINT_WHOLE_CHARS) in the reader: the first render
// paints one window only; the rest arrives in later tasks and idle callbacks without any scroll,
// until the whole text is painted, so highlights and the browser's find in page reach its end.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, type DB, type DocumentInput } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { dismissToast } from '@/components/dashboard/toast';
import { OPENING_CHARS, PAINT_WHOLE_CHARS } from '@/components/library/Reader';
import { MAX_BLOCK_CHARS } from '@/components/library/reader-blocks';
import { inProcessAggregateWorker } from '../helpers/aggregate';

/** An IntersectionObserver the test drives: `scrollNear()` tells every observer its target came into view. */
class FakeObserver {
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

let n = 0;
let idleCalls = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  idleCalls = 0;
  vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => {
    idleCalls++;
    return setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 10 } as IdleDeadline), 0) as unknown as number;
  });
  vi.stubGlobal('cancelIdleCallback', (h: number) => clearTimeout(h));
  FakeObserver.live.clear();
  db = openDatabase(`reader-chunks-${++n}`);
  await db.open();
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  dismissToast();
  vi.unstubAllGlobals();
  await db.delete();
});

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText: '', pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z' };
}
function input(text: string): DocumentInput {
  const url = 'https://gov.cn/huge';
  return { url, title: '超长文件', orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url) };
}

async function open(text: string) {
  const doc = await addDocument(input(text), db);
  const store = createDashboardStore({ db, location: memoryLocation(`#/library?v.library.doc=${doc.id}`), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return screen.findByTestId('reader-text');
}

const paintedChars = (el: Element) => [...el.querySelectorAll('p')].reduce((sum, p) => sum + (p.textContent ?? '').length, 0);

describe('reader chunks', () => {
  const PARAGRAPH = '各地区各部门要认真抓好落实，确保各项任务按期完成。';
  const LAST = '最后一段：坚持两个确立，这一句只在文末。';
  const count = Math.ceil(300_000 / (PARAGRAPH.length + 1));
  const text = [...Array.from({ length: count }, () => PARAGRAPH), LAST].join('\n');

  it('the first render paints one window; the rest comes later without a scroll, and the end is highlighted and findable', async () => {
    expect(text.length).toBeLessThan(PAINT_WHOLE_CHARS);
    // What the reader holds the moment it is first committed (a mutation record is delivered
    // before any later task runs).
    let atFirstRender: { chars: number; complete: string | null } | null = null;
    const observer = new MutationObserver(() => {
      const el = document.querySelector('[data-testid="reader-text"]');
      if (el && !atFirstRender) atFirstRender = { chars: paintedChars(el), complete: el.getAttribute('data-complete') };
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const el = await open(text);
    observer.disconnect();
    expect(atFirstRender).not.toBeNull();
    expect(atFirstRender!.complete).toBe('false');
    expect(atFirstRender!.chars).toBeGreaterThan(0);
    // A screenful: the opening budget, and at most the rest of the block that crossed it.
    expect(atFirstRender!.chars).toBeLessThanOrEqual(OPENING_CHARS + MAX_BLOCK_CHARS);
    // No scroll: the observer is never told anything, yet the whole text arrives.
    await waitFor(() => expect(el.getAttribute('data-complete')).toBe('true'), { timeout: 60_000, interval: 200 });
    expect(idleCalls).toBeGreaterThan(0);
    expect(el.querySelectorAll('p')).toHaveLength(count + 1);
    const last = el.querySelectorAll('p')[count]!;
    expect(last.textContent).toBe(LAST);
    expect(last.querySelectorAll('mark[data-term="两个确立"]')).toHaveLength(1);
    expect(el.textContent).toContain('这一句只在文末');
  }, 120_000);
});
