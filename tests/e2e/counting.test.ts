// Numbers a researcher can cite, in the real dashboard (issue 8): a phrase nobody added to the
// dictionary, typed into Trends, counts what a plain substring search over the stored texts gives
// (as the counting model defines it); the note under the chart and the table says which documents of the filter
// were left out and why, and opens exactly those in the Library; a copied text is badged and
// counted once; the Library's length is the counting model's length. Screenshots in tests/artifacts/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, goTo, openDashboard, readStore, waitAnalysed, type LaunchedExtension } from './helpers';

const PHRASE = '政务公开';

interface StoredDoc {
  id: number;
  title: string;
  text: string;
  year: number | null;
  date: string;
}

/**
 * The counting model's occurrences, computed here independently: line breaks, spaces and quote
 * marks left out of the text, then non-overlapping matches left to right. (The sample is in
 * simplified characters and the phrase has no half-width forms, so normalisation changes nothing.)
 */
function substringCount(text: string, phrase: string): number {
  const plain = text.replace(/[\s\u00a0\u3000“”‘’「」『』"']/g, '');
  let n = 0;
  for (let i = plain.indexOf(phrase); i !== -1; i = plain.indexOf(phrase, i + phrase.length)) n++;
  return n;
}

/** Characters (code points) without whitespace: the counting model's length. */
function length(text: string): number {
  return [...text.replace(/\s/g, '')].length;
}

/** The year Trends counts a document under: its year, else the year of its date. */
function trendYear(d: StoredDoc): number | null {
  return d.year ?? (/^\d{4}/.test(d.date) ? Number(d.date.slice(0, 4)) : null);
}

let ext: LaunchedExtension;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ({ ext, page, pageErrors } = await openDashboard({ width: 1280, height: 1000 }));
});

afterAll(async () => {
  await ext?.close();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `counting-${name}.png`), fullPage: false });
}

/** Sum of the Trends table's count column for one term (the numbers the chart draws). */
async function tabledTotal(term: string): Promise<number> {
  const rows = await page
    .getByTestId('trends-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return rows.filter((r) => r[1] === term).reduce((s, r) => s + Number(r[2]), 0);
}

/** Add two documents the way a second capture would store them: a copy of `original`, and a text with no year. */
async function addRecords(original: StoredDoc, noYearText: string): Promise<void> {
  await page.evaluate(
    async ([copyText, copyYear, copyDate, lonely]) => {
      const sha = async (s: string) =>
        Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))), (b) => b.toString(16).padStart(2, '0')).join('');
      const now = new Date().toISOString();
      const record = async (n: number, title: string, text: string, year: number | null, date: string) => {
        const url = `https://example.gov.cn/copy-${n}.html`;
        return {
          url, title, orgs: ['某市人民政府'], org: '某市人民政府', docNumber: '', date, year, docType: '报告', script: 'simplified', text,
          chars: [...text].length, contentHash: await sha(text.replace(/\s/g, '')), textHash: await sha(text), uid: crypto.randomUUID(),
          capturedAt: now, updatedAt: now, tags: [], edited: [],
          source: { url, pageTitle: title, articleHtml: '', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: now },
        };
      };
      const rows = [await record(1, '某市转载的报告', copyText, copyYear, copyDate), await record(2, '无年份的通知', lonely, null, '')];
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('tifa-lens');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('documents', 'readwrite');
          for (const r of rows) tx.objectStore('documents').add(r);
          tx.onerror = () => reject(tx.error);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
      });
    },
    [original.text, original.year, original.date, noYearText] as const,
  );
}

describe('counting in the dashboard', () => {
  let docs: StoredDoc[] = [];
  let original: StoredDoc;

  it('loads the sample corpus and adds a copy of one report and a document without a year', async () => {
    const button = page.getByRole('button', { name: /sample/i });
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    await waitAnalysed(page);
    const sample = await readStore<StoredDoc>(ext, 'documents');
    // The copy is of the dated report with the most occurrences, so counting it twice would show.
    original = sample
      .filter((d) => trendYear(d) !== null)
      .sort((a, b) => substringCount(b.text, PHRASE) - substringCount(a.text, PHRASE))[0]!;
    expect(substringCount(original.text, PHRASE)).toBeGreaterThan(0);
    await addRecords(original, `关于推进${PHRASE}工作的通知。\n各单位要把“${PHRASE}”落到实处。`);
    await page.reload();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(20);
    await waitAnalysed(page);
    docs = await readStore<StoredDoc>(ext, 'documents');
    expect(docs.length).toBe(20);
  });

  it('badges the copy with the title of the document it copies, and shows the counting model’s length', async () => {
    const copy = docs.find((d) => d.title === '某市转载的报告')!;
    const badge = page.locator(`[data-testid="doc-row"][data-doc-id="${copy.id}"] [data-testid="duplicate-badge"]`);
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.getAttribute('data-duplicate-of')).toBe(String(original.id));
    expect(await badge.textContent()).toBe(`copy of ${original.title}`);
    expect(await page.getByTestId('duplicate-badge').count()).toBe(1);
    // Length column (7th cell) equals whitespace-free code points of the stored text, for every row shown.
    const shown = await page.getByTestId('doc-row').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-doc-id'), tr.querySelectorAll('td')[6]?.textContent ?? ''] as const),
    );
    expect(shown.length).toBe(20);
    for (const [id, cell] of shown) {
      const d = docs.find((x) => String(x.id) === id)!;
      expect(Number(cell.replace(/[^\d]/g, '')), d.title).toBe(length(d.text));
    }
    await shot('library-duplicate');
  });

  it('a phrase typed into Trends counts its occurrences, each text once, without a dictionary entry', async () => {
    const lexicon = await readStore<{ term: string }>(ext, 'lexicon');
    expect(lexicon.some((e) => e.term === PHRASE)).toBe(false);
    await goTo(page, 'Trends');
    const input = page.getByPlaceholder(/Type a term/);
    await input.fill(PHRASE);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const copy = docs.find((d) => d.title === '某市转载的报告')!;
    const counted = docs.filter((d) => trendYear(d) !== null && d.id !== copy.id);
    const expected = counted.reduce((s, d) => s + substringCount(d.text, PHRASE), 0);
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => tabledTotal(PHRASE), { timeout: 30_000 }).toBe(expected);
    // Documents mentioning it, summed over the years, as a substring search finds them.
    const docCells = await page
      .getByTestId('trends-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const mentioning = docCells.filter((r) => r[1] === PHRASE).reduce((s, r) => s + Number((r[4] ?? '0/0').split('/')[0]), 0);
    expect(mentioning).toBe(counted.filter((d) => substringCount(d.text, PHRASE) > 0).length);

    // The note under the chart (and the same under the table): 18 of 20 shown; the copy and the
    // yearless document left out, each named.
    const line = page.locator('[data-note-for="trends-chart"] [data-testid="coverage"]');
    expect(await page.locator('[data-note-for="trends-table"] [data-testid="coverage"]').count()).toBe(1);
    await expect.poll(() => line.getAttribute('data-shown')).toBe('18');
    expect(await line.getAttribute('data-total')).toBe('20');
    expect(await line.locator('[data-left-out="duplicate"]').getAttribute('data-n')).toBe('1');
    expect(await line.locator('[data-left-out="noYear"]').getAttribute('data-n')).toBe('1');
    expect(await page.locator('[data-note-for="trends-chart"] [data-testid="counted"]').textContent()).toContain('occurrences');
    await page.locator('canvas[data-testid="chart-trends"]').waitFor();
    await shot('trends-phrase');
  });

  it('the left-out link opens the Library on exactly the documents left out', async () => {
    await page.locator('[data-note-for="trends-chart"] [data-testid="coverage"] [data-left-out="noYear"] button').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('#/library');
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(1);
    const lonely = docs.find((d) => d.title === '无年份的通知')!;
    expect(await page.getByTestId('doc-row').first().getAttribute('data-doc-id')).toBe(String(lonely.id));
    await page.getByTestId('left-out-library').waitFor();
    await shot('library-left-out');
    await page.getByRole('button', { name: 'Show all documents' }).click();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(20);
  });

  it('with “count each text once” off, the copy counts again', async () => {
    await goTo(page, 'Settings');
    const box = page.getByTestId('count-once');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await goTo(page, 'Trends');
    const expected = docs.filter((d) => trendYear(d) !== null).reduce((s, d) => s + substringCount(d.text, PHRASE), 0);
    await expect.poll(() => tabledTotal(PHRASE), { timeout: 30_000 }).toBe(expected);
    await expect.poll(() => page.locator('[data-note-for="trends-table"] [data-testid="coverage"]').getAttribute('data-shown')).toBe('19');
    expect(pageErrors).toEqual([]);
  });

  it('Formulations has the note under its heatmap, timeline and list: the timeline over dated documents only', async () => {
    await goTo(page, 'Formulations');
    const note = (of: string) => page.locator(`[data-note-for="${of}"] [data-testid="coverage"]`);
    // Count once is off now: the copy counts; the document without a year is left out of the timeline only.
    await expect.poll(() => note('formulations-table').getAttribute('data-shown'), { timeout: 30_000 }).toBe('20');
    expect(await note('formulations-heatmap').getAttribute('data-shown')).toBe('20');
    expect(await note('formulations-timeline').getAttribute('data-shown')).toBe('19');
    expect(await note('formulations-timeline').locator('[data-left-out="noYear"]').getAttribute('data-n')).toBe('1');
    await page.locator('[data-note-for="formulations-heatmap"]').scrollIntoViewIfNeeded();
    await shot('formulations-notes');
    expect(pageErrors).toEqual([]);
  });
});
