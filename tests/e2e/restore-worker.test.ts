// Restoring a large backup in real headless Chromium: a file of a few thousand synthetic documents
// is read, checked and written in the restore worker; Settings shows a progress bar that runs to
// the end, the toast says how many were added and which line was malformed, and the Library (its
// live queries) shows the documents the worker wrote.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, readStore, REPO_ROOT, type LaunchedExtension } from './helpers';

const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
const COUNT = 1_200;
/** The line of the file (1-based) that is broken on purpose. */
const BAD_LINE = 42;

let ext: LaunchedExtension;
let page: Page;
let dir: string;
const pageErrors: string[] = [];

/** A version 2 backup of COUNT documents, each a few kB of text with its page source; line BAD_LINE is cut. */
function writeBackup(path: string): void {
  const now = '2025-01-01T00:00:00.000Z';
  const lines = [JSON.stringify({ format: 'tifa-lens-backup', version: 2, exportedAt: now, counts: { documents: COUNT, lexicon: 0, settings: 0 } })];
  for (let i = 1; i <= COUNT; i++) {
    const text = `第${i}号通知\n${'坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。'.repeat(12)}`;
    const url = `https://example.gov.cn/notice/${i}.html`;
    const document = {
      id: i, uid: `synthetic-${i}`, url, title: `关于第${i}号事项的通知`, orgs: ['国务院办公厅'], docNumber: `国办发〔2024〕${i}号`, date: '2024-05-01', year: 2024,
      docType: '通知', script: 'simplified', text, capturedAt: now, updatedAt: now, tags: i % 10 === 0 ? ['十'] : [], edited: [],
      source: { url, pageTitle: '', articleHtml: `<p>${text}</p>`, articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: now },
    };
    lines.push(lines.length + 1 === BAD_LINE ? '{"kind":"document","document":{' : JSON.stringify({ kind: 'document', document, analysis: null }));
  }
  lines.push(JSON.stringify({ kind: 'end', counts: { documents: COUNT, lexicon: 0, settings: 0 } }));
  writeFileSync(path, lines.join('\n') + '\n');
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tifa-restore-'));
  writeBackup(join(dir, 'large-backup.ndjson'));
  ext = await launchExtension();
  page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Every long task of the page, and every value the progress bar shows (for the report and the checks).
  await page.addInitScript(() => {
    const w = window as unknown as { __tasks: number[]; __progress: { documents: number; read: number; total: number }[] };
    w.__tasks = [];
    w.__progress = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="restore-progress"] progress');
      if (!bar) return;
      const p = { documents: Number(bar.getAttribute('data-documents')), read: Number(bar.getAttribute('data-read')), total: Number(bar.getAttribute('data-total')) };
      const last = w.__progress[w.__progress.length - 1];
      if (!last || last.documents !== p.documents || last.read !== p.read) w.__progress.push(p);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(`${ext.origin}/options.html#/settings`);
});

afterAll(async () => {
  await ext?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('restore in the worker', () => {
  it(`restores ${COUNT} documents with a progress bar that runs to the end`, async () => {
    await page.getByRole('heading', { name: 'Backup' }).waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.evaluate(() => ((window as unknown as { __tasks: number[] }).__tasks.length = 0));
    await page.getByTestId('restore-input').setInputFiles(join(dir, 'large-backup.ndjson'));
    await page.getByTestId('restore-progress').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'restore-progress.png') });
    const toast = page.getByTestId('toast').last();
    await expect.poll(() => toast.textContent(), { timeout: 120_000, interval: 250 }).toContain(`${COUNT - 1} added`);
    expect(await toast.textContent()).toContain(`line ${BAD_LINE}`);
    await expect.poll(() => page.getByTestId('restore-progress').count()).toBe(0);

    const seen = await page.evaluate(() => (window as unknown as { __progress: { documents: number; read: number; total: number }[] }).__progress);
    expect(seen.length).toBeGreaterThan(2);
    const last = seen[seen.length - 1]!;
    // The bar reached the end: every byte read, every good document written.
    expect(last.read).toBe(last.total);
    expect(last.documents).toBe(COUNT - 1);
    // Documents came in whole batches of 500 while the file was read.
    expect(seen.map((p) => p.documents).filter((d) => d > 0 && d < COUNT - 1).every((d) => d % 500 === 0)).toBe(true);
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
    console.log(`restore of ${COUNT} documents (${last.total} bytes): ${seen.length} progress steps; page long tasks meanwhile: ${tasks.length}, longest ${Math.round(Math.max(0, ...tasks))} ms`);

    expect(await readStore(ext, 'documents')).toHaveLength(COUNT - 1);
    // The Library follows the worker's writes (live queries across contexts).
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: /^Library/ }).click();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('filter-summary').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`of (${COUNT - 1}|${(COUNT - 1).toLocaleString('en')}) documents`));
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
