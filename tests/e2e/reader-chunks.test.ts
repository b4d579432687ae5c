// A 1 MB document in the reader, real headless Chromium: the first paragraphs come first, the rest
// arrives without a scroll until the whole text is painted, and the browser's find in page reaches
// a sentence that only the last paragraph holds. While the reader paints, no task of the page runs
// long: a window costs its own size, not the size of what is painted above it.
//
// What is asserted is the shape of the painting, never a time: the first window comes before the
// text is whole, the text is painted in many windows of bounded size (each built in one short slice
// of script), and the whole text ends up in the page. How long the tasks of the painting ran is
// printed, as a figure, not asserted. The page is probed only with native calls while it paints
// (Playwright's locators walk the whole DOM in script, a long task of their own on a DOM this size).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, putDocument, REPO_ROOT, type LaunchedExtension } from './helpers';

const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
/** Characters a window of the reader holds at most (a paragraph longer than that is a window of its own). */
const WINDOW_CHARS_MAX = 6_000 + 400;
const LAST = '最后一段：这一句只在文末出现，坚持两个确立。';

let ext: LaunchedExtension;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ext = await launchExtension();
  page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${ext.origin}/options.html`);
});

afterAll(async () => {
  await ext?.close();
});

describe('reader of a 1 MB document', () => {
  it('paints the beginning first and the rest without a scroll; find in page reaches the end', async () => {
    const sentence = '坚持以习近平新时代中国特色社会主义思想为指导，完整准确全面贯彻新发展理念，加快构建新发展格局。';
    const paragraph = sentence.repeat(4);
    const paragraphs = Math.floor(950_000 / (paragraph.length + 1));
    const body = [...Array.from({ length: paragraphs }, (_, i) => `${i + 1}. ${paragraph}`), LAST].join('\n');
    const id = await putDocument(page, { url: 'https://example.gov.cn/one-mb.html', title: '一兆文件', text: body, uid: 'one-mb' });
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: number[] };
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('about:blank');
    await page.goto(`${ext.origin}/options.html#/library?v.library.doc=${id}`);
    const READER = '[data-testid="reader-text"]';
    await page.waitForFunction((sel) => document.querySelector(`${sel} p`) !== null, READER, { timeout: 30_000, polling: 100 });
    // From the first window on: the tasks of the painting (the page's own start is not the reader's).
    const atFirst = await page.evaluate((sel) => {
      const w = window as unknown as { __tasks: number[]; __start: number };
      w.__start = w.__tasks.length;
      return { text: document.querySelector(`${sel} p`)?.textContent ?? '', complete: document.querySelector(sel)?.getAttribute('data-complete') };
    }, READER);
    expect(atFirst.text).toContain('1. 坚持以习近平');
    expect(atFirst.complete).toBe('false');
    // Whole without any scroll: the last paragraph is painted, highlighted, and find in page finds it.
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-complete') === 'true', READER, { timeout: 120_000, polling: 250 });
    const all = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks.slice());
    const painting = all.slice(await page.evaluate(() => (window as unknown as { __start: number }).__start));
    const text = page.getByTestId('reader-text');
    expect(await text.locator('p').count()).toBe(paragraphs + 1);
    expect(await text.locator('p').last().locator('mark[data-term="两个确立"]').count()).toBe(1);
    // Find in page, from the start of the last window (far off screen, so not laid out): the
    // sentence is found in text the browser skips drawing. (Searched from the top, the page's
    // synchronous window.find lays out the whole megabyte first: 8-23 s here.)
    const found = await page.evaluate((sel) => {
      const chunks = document.querySelector(sel)?.querySelectorAll('.tl-reader-chunk');
      const lastChunk = chunks?.[chunks.length - 1];
      if (!lastChunk || chunks.length < 100) return `only ${chunks?.length ?? 0} windows`;
      getSelection()?.collapse(lastChunk, 0);
      return (window as unknown as { find(s: string): boolean }).find('这一句只在文末出现');
    }, READER);
    expect(found).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'reader-1mb.png') });
    const longest = Math.round(Math.max(0, ...painting));
    console.log(
      `1 MB reader (${paragraphs + 1} paragraphs): long tasks from load to whole ${all.length} (longest ${Math.round(Math.max(0, ...all))} ms); ` +
        `while painting ${painting.length}, longest ${longest} ms, over 100 ms: ${painting.filter((x) => x > 100).length}`,
    );
    // Painted in windows of bounded size: none holds more than a window's worth of characters.
    const windows = await page.evaluate((sel) => Array.from(document.querySelector(sel)?.querySelectorAll('.tl-reader-chunk') ?? [], (c) => c.textContent?.length ?? 0), READER);
    expect(windows.length).toBeGreaterThanOrEqual(100);
    expect(Math.max(...windows)).toBeLessThanOrEqual(WINDOW_CHARS_MAX);
  }, 240_000);
});
