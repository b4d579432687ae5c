// @vitest-environment happy-dom
// A long document of ordinary size (under PAINT_WHOLE_CHARS) in the reader: the first render
// paints one window only; the rest arrives in later tasks and idle callbacks without any scroll,
// until the whole text is painted, so highlights and the browser's find in page reach its end.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase, type DB } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { dismissToast } from '@/components/dashboard/toast';
import { OPENING_CHARS, PAINT_WHOLE_CHARS } from '@/components/library/Reader';
import { MAX_BLOCK_CHARS } from '@/components/library/reader-blocks';
import { FakeObserver, openInReader } from '../helpers/reader';

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

async function open(text: string): Promise<HTMLElement> {
  const opened = await openInReader(db, text);
  stop = opened.stop;
  return opened.el;
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
