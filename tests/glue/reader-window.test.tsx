// @vitest-environment happy-dom
// The reader paints a huge document a window at a time: a bounded number of paragraph nodes at
// first, more when the end of what is painted scrolls near (IntersectionObserver), or on the
// button; the formulation counts still cover the whole text, counted in slices.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase, type DB } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { dismissToast } from '@/components/dashboard/toast';
import { FIRST_CHARS, WINDOW_BLOCKS, WINDOW_CHARS } from '@/components/library/Reader';
import { MAX_BLOCK_CHARS } from '@/components/library/reader-blocks';
import { FakeObserver, openInReader } from '../helpers/reader';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  FakeObserver.live.clear();
  db = openDatabase(`reader-window-${++n}`);
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

const paragraphCount = (el: HTMLElement) => el.querySelectorAll('p').length;
const paintedChars = (el: HTMLElement) => [...el.querySelectorAll('p')].reduce((sum, p) => sum + (p.textContent ?? '').length, 0);

describe('reader windows', () => {
  const PARAGRAPH = '第一部分：坚持两个确立，做到两个维护。';
  const paragraphs = Math.ceil(5_000_000 / (PARAGRAPH.length + 1));
  const huge = Array.from({ length: paragraphs }, () => PARAGRAPH).join('\n');

  it('a 5 MB text of short paragraphs: a bounded number of paragraph nodes first, more on scroll, counts of the whole text', async () => {
    const text = await open(huge);
    // The beginning is painted a window per task; then the end of the painted part is watched.
    await waitFor(() => expect(FakeObserver.live.size).toBe(1), { timeout: 30_000 });
    const first = paragraphCount(text);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(Math.ceil(FIRST_CHARS / PARAGRAPH.length) + WINDOW_BLOCKS);
    expect(paintedChars(text)).toBeLessThan(FIRST_CHARS + WINDOW_CHARS + MAX_BLOCK_CHARS);
    expect(text.getAttribute('data-complete')).toBe('false');
    expect(text.querySelectorAll('mark[data-term="两个确立"]')).toHaveLength(first);
    // It scrolls into view: one more window.
    FakeObserver.scrollNear();
    await waitFor(() => expect(paragraphCount(text)).toBeGreaterThan(first));
    expect(paragraphCount(text)).toBeLessThanOrEqual(first + WINDOW_BLOCKS);
    // The chips count the whole text, though most of it is not painted.
    // Polled slowly: querying a DOM this size in happy-dom is itself slow and would starve the counting.
    const found = await screen.findByTestId('reader-found', {}, { timeout: 60_000, interval: 1_000 });
    expect(found.textContent).toContain(`两个确立 ×${paragraphs}`);
    expect(found.textContent).toContain(`两个维护 ×${paragraphs}`);
  }, 120_000);

  it('one 5 MB paragraph: painted in pieces at sentence ends, bounded, and more on the button', async () => {
    const oneLine = PARAGRAPH.repeat(paragraphs);
    const text = await open(oneLine);
    await waitFor(() => expect(FakeObserver.live.size).toBe(1), { timeout: 30_000 });
    expect(paragraphCount(text)).toBe(1);
    const first = paintedChars(text);
    expect(first).toBeLessThan(FIRST_CHARS + WINDOW_CHARS + MAX_BLOCK_CHARS);
    expect(first).toBeLessThan(oneLine.length);
    fireEvent.click(screen.getByRole('button', { name: /Show more of the text/ }));
    await waitFor(() => expect(paintedChars(text)).toBeGreaterThan(first));
    // Still one paragraph: its pieces flow on.
    expect(paragraphCount(text)).toBe(1);
  }, 120_000);

  it('a short document is painted whole, with no button left', async () => {
    const text = await open('第一段，坚持两个确立。\n\n第二段。\n   \n第三段。');
    expect([...text.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['第一段，坚持两个确立。', '第二段。', '第三段。']);
    expect(text.getAttribute('data-complete')).toBe('true');
    expect(screen.queryByRole('button', { name: /Show more of the text/ })).toBeNull();
    expect((await screen.findByTestId('reader-found')).textContent).toContain('两个确立 ×1');
  });
});
