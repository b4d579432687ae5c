// The dashboard in real headless Chromium with the built extension: load the sample corpus, let the
// worker analyse it, visit every view and check each chart painted, change a filter and see the
// chart change, open KWIC, export a CSV, back up and restore. Screenshots go to tests/artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goTo, launchExtension, putDocument, readStore, recordRequests, REPO_ROOT, waitAnalysed, type LaunchedExtension, type RequestLog } from './helpers';

const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
const VIEWS = ['Terms', 'Trends', 'Formulations', 'Structure', 'Compare'] as const;

let ext: LaunchedExtension;
let page: Page;
let net: RequestLog;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ext = await launchExtension();
  net = recordRequests(ext.context);
  page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // English UI whatever the machine's locale: the test names buttons by their English labels.
  await page.goto(`${ext.origin}/options.html`);
  await page.evaluate(async () => {
    const req = indexedDB.open('tifa-lens');
    await new Promise((r) => (req.onsuccess = r));
  });
});

afterAll(async () => {
  await ext?.close();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: false });
}

/** Pixels of a canvas that are not transparent (Chart.js draws on a transparent canvas). */
async function paintedPixels(selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
    return n;
  });
}

/** Wait until the first chart of the view has drawn something (Chart.js animates in). */
async function waitPainted(selector = 'canvas[data-testid^="chart-"]'): Promise<number> {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 20_000 });
  let painted = 0;
  await expect.poll(async () => (painted = await paintedPixels(selector)), { timeout: 5_000, interval: 100 }).toBeGreaterThanOrEqual(1000);
  return painted;
}

describe('dashboard', () => {
  it('loads the sample corpus and analyses it in the worker', async () => {
    const button = page.getByRole('button', { name: /sample/i });
    await button.waitFor({ timeout: 15_000 });
    await shot('empty');
    await button.click();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    await waitAnalysed(page);
    const titles = await page.getByTestId('doc-row').allTextContents();
    expect(titles.some((t) => t.includes('2024年中华人民共和国国务院政府工作报告'))).toBe(true);
    await shot('library');
  });

  it('reloading an analysed library sends no document to analysis', async () => {
    const before = (await readStore<{ docId: string; version: string }>(ext, 'analyses')).map((a) => `${a.docId}@${a.version}`).sort();
    expect(before.length).toBe(18);
    // Every state the progress bar shows after the reload, from its first paint on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __progressStates: string[] }).__progressStates = seen;
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="analysis-progress"]');
        const state = el?.getAttribute('data-state');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    await waitAnalysed(page);
    // A chart needs the analyses loaded: once it paints, the store has judged what is pending.
    await goTo(page, 'Terms');
    await waitPainted();
    const states = await page.evaluate(() => (window as unknown as { __progressStates: string[] }).__progressStates);
    expect(states).toEqual(['idle']);
    const after = (await readStore<{ docId: string; version: string }>(ext, 'analyses')).map((a) => `${a.docId}@${a.version}`).sort();
    expect(after).toEqual(before);
    await page.evaluate(() => (location.hash = '#/library'));
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(18);
  });

  it('opens the reader with formulations highlighted', async () => {
    await page.getByRole('button', { name: '2019年中华人民共和国国务院政府工作报告', exact: true }).click();
    const reader = page.getByTestId('reader');
    await reader.waitFor();
    // The Reader paints its first window in a task of its own after the panel appears.
    await expect.poll(() => reader.locator('mark[data-term="两个维护"]').count()).toBeGreaterThan(0);
    await shot('reader');
    await reader.getByRole('button', { name: 'Re-clean from stored source' }).click();
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Re-cleaned');
    // The Reader paints its first window in a task of its own after the panel appears.
    await expect.poll(() => reader.locator('mark[data-term="两个维护"]').count()).toBeGreaterThan(0);
    await reader.getByRole('button', { name: 'Close reader' }).click();
  });

  it('the search box finds a phrase in the texts, which the page does not hold', async () => {
    const docs = await readStore<{ title: string; text: string }>(ext, 'documents');
    const phrase = '从严治党';
    const inText = docs.filter((d) => d.text.toLowerCase().includes(phrase) && !d.title.includes(phrase)).length;
    const inTitle = docs.filter((d) => d.title.includes(phrase)).length;
    // The phrase must be in some texts but not in every one, and found in texts beyond the titles.
    expect(inText).toBeGreaterThan(0);
    expect(inText + inTitle).toBeLessThan(docs.length);
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill(phrase);
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(inText + inTitle);
    await expect.poll(() => page.getByTestId('text-searching').count()).toBe(0);
    await shot('library-search-text');
    await search.fill('');
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(docs.length);
  });

  it('every analytic view paints every one of its charts', async () => {
    for (const view of VIEWS) {
      await goTo(page, view);
      await waitPainted();
      const charts = await page
        .locator('canvas[data-testid^="chart-"]')
        .evaluateAll((cs) => cs.map((c) => c.getAttribute('data-testid') ?? ''));
      expect(charts.length, `${view} has charts`).toBeGreaterThan(0);
      for (const id of charts) {
        const painted = await waitPainted(`canvas[data-testid="${id}"]`);
        expect(painted, `${view}: ${id} pixels`).toBeGreaterThan(1000);
      }
      await shot(view.toLowerCase());
    }
  });

  it('a filter changes the chart, and the filter is in the URL', async () => {
    await goTo(page, 'Terms');
    await waitPainted();
    const canvas = page.locator('canvas[data-testid="chart-terms"]');
    const before = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const tableBefore = await page.getByTestId('terms-table').textContent();
    await page.getByRole('spinbutton', { name: 'Years from' }).fill('1990');
    await page.getByRole('spinbutton', { name: 'Years from' }).press('Enter');
    await page.getByRole('spinbutton', { name: 'Years from' }).blur();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('from=1990');
    await expect.poll(() => page.getByTestId('filter-chip').first().textContent()).toContain('1990');
    await expect.poll(() => page.getByTestId('terms-table').textContent()).not.toBe(tableBefore);
    // The chart redraws in place (no animation on updates): wait for its pixels to change.
    await expect.poll(() => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(before);
    await shot('terms-filtered');
    // Back and forward move through filter states like any page history.
    const filteredSummary = await page.getByTestId('filter-summary').textContent();
    expect(filteredSummary).not.toBe('18 of 18 documents');
    await page.goBack();
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toBe('18 of 18 documents');
    await expect.poll(() => page.getByTestId('terms-table').textContent()).toBe(tableBefore);
    await page.goForward();
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toBe(filteredSummary);
  });

  it('clicking a term opens its KWIC contexts', async () => {
    const termButton = page.getByTestId('terms-table').locator('tbody button').first();
    const term = (await termButton.textContent())!.trim();
    await termButton.click();
    const kwic = page.locator('.tl-kwic');
    await kwic.waitFor({ timeout: 15_000 });
    await expect.poll(() => kwic.locator('tbody .tl-kwic-match').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await kwic.locator('tbody .tl-kwic-match').first().textContent()).toBe(term);
    await shot('kwic');
  });

  it('exports a CSV with a BOM, its header and a value', async () => {
    const download = page.waitForEvent('download');
    await page.locator('button[data-export="top-terms"]').click();
    const file = await (await download).path();
    const bytes = readFileSync(file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, first] = text.split('\r\n');
    expect(header).toBe('rank,term,count,per_10k,docs');
    const firstTerm = (await page.getByTestId('terms-table').locator('tbody tr').first().locator('td').nth(1).textContent())!.trim();
    expect(first?.split(',')[1]).toBe(firstTerm);
  });

  it('sums come from the aggregation worker; terms.csv, built there, downloads', async () => {
    // The page keeps analyses without their term counts: this table can only come from the worker.
    expect(page.workers().some((w) => w.url().includes('aggregate.worker'))).toBe(true);
    const download = page.waitForEvent('download');
    await page.locator('button[data-export="terms"]').click();
    const text = readFileSync((await (await download).path())!).toString('utf8').slice(1);
    const [header, ...rows] = text.split('\r\n').filter(Boolean);
    expect(header?.startsWith('doc_id,term,count,per_10k')).toBe(true);
    expect(rows.length).toBeGreaterThan(100);
    const firstTerm = (await page.getByTestId('terms-table').locator('tbody tr').first().locator('td').nth(1).textContent())!.trim();
    expect(rows.some((r) => r.split(',')[1] === firstTerm)).toBe(true);
  });

  it('dark mode repaints the charts on a dark page', async () => {
    await goTo(page, 'Trends');
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 23, 25)');
    // The charts are re-created in the new theme; wait for that instance, then for it to paint.
    await page.locator('canvas[data-testid^="chart-"][data-theme="dark"]').first().waitFor({ timeout: 20_000 });
    expect(await waitPainted('canvas[data-testid^="chart-"][data-theme="dark"]')).toBeGreaterThan(1000);
    await shot('trends-dark');
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('light');
  });

  it('a user dictionary entry re-analyses the library in the background', async () => {
    await goTo(page, 'Settings');
    const versionsBefore = new Set((await readStore<{ version: string }>(ext, 'analyses')).map((a) => a.version));
    expect(versionsBefore.size).toBe(1);
    // A phrase of the reports that the built-in lexicon does not list.
    await page.getByRole('textbox', { name: 'Term' }).fill('国内生产总值');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('user-lexicon').getByText('国内生产总值').waitFor();
    await expect.poll(async () => (await page.getByTestId('analysis-progress').getAttribute('data-pending')) !== '0' || (await readStore<{ version: string }>(ext, 'analyses')).every((a) => !versionsBefore.has(a.version))).toBe(true);
    await waitAnalysed(page);
    const after = await readStore<{ version: string; formulations: { text: string; kind: string }[] }>(ext, 'analyses');
    expect(after).toHaveLength(18);
    expect(after.every((a) => !versionsBefore.has(a.version))).toBe(true);
    expect(after.some((a) => a.formulations.some((f) => f.text === '国内生产总值' && f.kind === 'lexicon'))).toBe(true);
  });

  it('backs up the library and restores it after the documents are deleted', async () => {
    await goTo(page, 'Settings');
    await shot('settings');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download backup' }).click();
    const backupPath = (await download).path();
    // JSON lines: a header, one line per document (with its analysis), …, an end line.
    const lines = readFileSync((await backupPath)!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { format?: string; kind?: string; document?: { id: number; uid: string } });
    expect(lines[0]?.format).toBe('tifa-lens-backup');
    const backedUp = lines.filter((l) => l.kind === 'document').map((l) => [l.document!.id, l.document!.uid]);
    expect(backedUp).toHaveLength(18);
    expect(lines[lines.length - 1]?.kind).toBe('end');

    await goTo(page, 'Library');
    // Clear the Terms filter first: the library shows only what passes it.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(18);
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    // Eighteen at once: the real dialog asks first.
    await page.getByRole('alertdialog', { name: 'Delete 18 documents?' }).getByRole('button', { name: 'Delete 18 documents' }).click();
    await page.getByTestId('empty-library').waitFor();

    await goTo(page, 'Settings');
    await page.getByTestId('restore-input').setInputFiles((await backupPath)!);
    await expect.poll(() => page.getByTestId('toast').last().textContent(), { timeout: 20_000 }).toContain('18 added');
    await goTo(page, 'Library');
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(18);
    // The same documents under the same ids and uids (the deleted ones sit in the trash meanwhile).
    const restored = await readStore<{ id: number; uid: string }>(ext, 'documents');
    expect(restored.map((d) => [d.id, d.uid]).sort()).toEqual([...backedUp].sort());
    expect(await readStore(ext, 'trash')).toHaveLength(18);
    // Analyses came back with the documents: nothing to recompute.
    await waitAnalysed(page);
  });

  it('a malformed address opens the Library with a one-line notice, never a blank page', async () => {
    // A fresh load at the broken address (not a same-page hash change).
    await page.goto('about:blank');
    await page.goto(`${ext.origin}/options.html#/te%E0%A4%Arms?from=%E0%A4%A&to=99999999999999999999&org[]=x`);
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(18);
    expect(await page.locator('[data-route]').getAttribute('data-route')).toBe('library');
    const notice = (await page.getByTestId('notice-url').textContent()) ?? '';
    expect(notice).toContain('route');
    expect(notice).toContain('from');
    // The address now says what is shown.
    expect(await page.evaluate(() => location.hash)).toBe('#/library');
    await shot('malformed-hash');
    await page.getByTestId('notice-url').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByTestId('notice-url').count()).toBe(0);
  });

  it('opens a 5 MB document in the reader: the first paragraphs at once, the rest as it scrolls', async () => {
    const sentence = '坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。';
    // A long paragraph (several sentences) per line, about 5 MB of text in all.
    const paragraph = sentence.repeat(6);
    const paragraphs = Math.ceil(5_000_000 / (paragraph.length + 1));
    const huge = Array.from({ length: paragraphs }, (_, i) => `${i + 1}. ${paragraph}`).join('\n');
    const id = await putDocument(page, { url: 'https://example.gov.cn/huge.html', title: '超长文件', text: huge });
    // Every task of the page from its first load on, for the report (no timing is asserted).
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: number[] };
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const tasks = () => page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks.splice(0));
    await page.goto('about:blank');
    await page.goto(`${ext.origin}/options.html#/library?v.library.doc=${id}`);
    const text = page.getByTestId('reader-text');
    await text.waitFor({ timeout: 30_000 });
    await expect.poll(() => text.locator('p').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await text.locator('p').count();
    expect(first).toBeLessThanOrEqual(200);
    expect(first).toBeLessThan(paragraphs);
    expect(await text.getAttribute('data-complete')).toBe('false');
    expect(await text.locator('p').first().textContent()).toContain('1. 坚持以习近平');
    expect(await text.locator('mark[data-term="两个确立"]').count()).toBeGreaterThan(0);
    await shot('reader-huge');
    const opening = await tasks();
    // Scrolling to the end of what is painted paints more, window after window.
    let painted = first;
    for (let i = 0; i < 3; i++) {
      await text.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(() => text.locator('p').count(), { timeout: 10_000 }).toBeGreaterThan(painted);
      painted = await text.locator('p').count();
    }
    expect(painted).toBeLessThan(paragraphs);
    // The page answers while the counting goes on: the chips come, counted over the whole text.
    const found = page.getByTestId('reader-found');
    await expect.poll(() => found.textContent(), { timeout: 90_000 }).toContain(`两个确立 ×${paragraphs * 6}`);
    const scrolling = await tasks();
    const longest = (xs: number[]) => Math.round(Math.max(0, ...xs));
    console.log(
      `5 MB reader (${paragraphs} paragraphs): first window ${first} paragraphs, after 3 scrolls ${painted}; ` +
        `long tasks while opening: ${opening.length} (longest ${longest(opening)} ms), while scrolling and counting: ${scrolling.length} (longest ${longest(scrolling)} ms)`,
    );
    // Gone again, through the Library's own delete.
    await page.getByRole('button', { name: 'Close reader' }).click();
    await page.getByRole('button', { name: 'Delete 超长文件' }).click();
    // Moving 5 MB to the trash is one write of the whole record: give a loaded machine time.
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 30_000 }).toBe(18);
  });

  it('switches the interface to Chinese: navigation, library and the charts of a view in Chinese only', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    const nav = page.getByRole('navigation', { name: '仪表盘' });
    await expect.poll(() => nav.textContent()).toBe('文库词语趋势提法结构对比设置');
    expect(await page.getByRole('columnheader', { name: /标题/ }).count()).toBe(1);
    await shot('library-zh');
    await nav.getByRole('link', { name: '趋势' }).click();
    expect(await waitPainted()).toBeGreaterThan(1000);
    await page.getByRole('heading', { name: '历年趋势' }).waitFor();
    await shot('trends-zh');
    await nav.getByRole('link', { name: '文库' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: /^Title/ }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('sent no request off this machine through the whole session (sample, worker, wasm, exports)', () => {
    // The log did see the session's own traffic (the options page, its chunks, the bundled sample).
    expect(net.all.some((u) => u.endsWith('/options.html'))).toBe(true);
    expect(net.all.some((u) => u.includes('sample-corpus.json'))).toBe(true);
    expect(net.remote).toEqual([]);
  });
});
