// Issue 10 in real headless Chromium, one browser for all: an analysis never describes a text the
// library no longer holds, a line made to make a pattern backtrack freezes neither the popup nor an
// open dashboard, a backup that cannot be made says so, and a cancelled restore leaves whole
// batches only. Small libraries, written by each case.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, clickToolbarButton, openDashboard, openPopup, putDocument, readStore, REPO_ROOT, serveFixtures, type FixtureServer, type LaunchedExtension } from './helpers';

interface StoredDocument {
  id: number;
  url: string;
  title: string;
  text: string;
  textHash: string;
}
interface StoredAnalysis {
  docId: string;
  textHash: string;
  formulations: { text: string; count: number }[];
}

const OLD_BODY = ['各地区各部门：', '要深刻领悟两个确立的决定性意义，坚持两个确立，增强四个意识。', '各单位要认真贯彻落实，把学习成果转化为推动工作的实际成效。'];
const NEW_BODY = ['各地区各部门：', '要坚决做到两个维护，始终在思想上政治上行动上同党中央保持高度一致。', '各单位要认真贯彻落实，把学习成果转化为推动工作的实际成效。'];
/** The line that made a metadata pattern backtrack exponentially (issue 10, failure 6). */
const FREEZE = `我代表${'局和'.repeat(32)}。`;

function page(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><div class="article"><h1>${title}</h1><div id="content">${body}</div></div></body></html>`;
}

let ext: LaunchedExtension;
let dash: Page;
let server: FixtureServer;
let dir: string;
let pageErrors: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tifa-robust-'));
  server = await serveFixtures(join(REPO_ROOT, 'tests/fixtures'), {
    '/stale.html': page('关于学习贯彻全会精神的通知', [...OLD_BODY, ...Array.from({ length: 6 }, (_, i) => `第${i + 1}条，${OLD_BODY[2]!}`)]),
    '/freeze.html': page('关于做好年度工作的报告', ['各位代表：', `${FREEZE}现将有关情况报告如下。`, ...Array.from({ length: 6 }, (_, i) => `第${i + 1}项，${OLD_BODY[2]!}`)]),
  });
  ({ ext, page: dash, pageErrors } = await openDashboard());
  await dash.goto(`${ext.origin}/options.html#/library`);
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const documents = () => readStore<StoredDocument>(ext, 'documents');
const analyses = () => readStore<StoredAnalysis>(ext, 'analyses');
const pending = () => dash.getByTestId('analysis-progress').getAttribute('data-pending');

/** Clip `tab` through the popup; `choice` answers the duplicate question when there is one. */
async function clip(tab: Page, choice?: 'Update it'): Promise<void> {
  const popup = await openPopup(ext, await clickToolbarButton(ext, tab));
  if (choice) {
    await popup.getByRole('button', { name: choice }).click({ timeout: 20_000 });
    await expect.poll(() => popup.getByRole('status').innerText(), { timeout: 20_000 }).toContain('The library copy was updated.');
  } else {
    await popup.getByRole('button', { name: /Clip this page/ }).click({ timeout: 20_000 });
    await expect.poll(() => popup.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Saved to your library.');
  }
  await popup.close();
}

/** The analysis stored for `url`'s document, when it was made from the text now stored. */
async function currentAnalysis(url: string): Promise<StoredAnalysis | undefined> {
  const doc = (await documents()).find((d) => d.url === url);
  if (!doc) return undefined;
  return (await analyses()).find((a) => a.docId === String(doc.id) && a.textHash === doc.textHash);
}
const count = (a: StoredAnalysis | undefined, term: string) => a?.formulations.find((f) => f.text === term)?.count ?? 0;

describe('an analysis describes the stored text (failure 1)', () => {
  it('after "Update it" on a re-clipped page with the dashboard open, the analysis is of the new text, nothing stays pending, and it holds after reopening', async () => {
    const tab = await ext.context.newPage();
    const url = server.url('/stale.html');
    await tab.goto(url);
    await clip(tab);
    await expect.poll(async () => count(await currentAnalysis(url), '两个确立'), { timeout: 60_000 }).toBe(2);
    // The page changes; the user clips it again and updates the library copy.
    await tab.evaluate((paras) => {
      document.querySelector('#content')!.replaceChildren(...paras.map((t) => Object.assign(document.createElement('p'), { textContent: t })));
    }, [...NEW_BODY, ...Array.from({ length: 6 }, (_, i) => `第${i + 1}条，${NEW_BODY[2]!}`)]);
    await clip(tab, 'Update it');
    const doc = (await documents()).find((d) => d.url === url)!;
    expect(doc.text).toContain('两个维护');
    expect(doc.text).not.toContain('两个确立');
    await expect.poll(async () => count(await currentAnalysis(url), '两个维护'), { timeout: 60_000 }).toBe(1);
    expect(count(await currentAnalysis(url), '两个确立')).toBe(0);
    // No analysis of the old text is left under the document's id.
    expect((await analyses()).filter((a) => a.docId === String(doc.id)).every((a) => a.textHash === doc.textHash)).toBe(true);
    await expect.poll(pending, { timeout: 30_000 }).toBe('0');
    // Reopened: still the new text's analysis, nothing pending, the document listed.
    await dash.reload();
    await expect.poll(pending, { timeout: 30_000 }).toBe('0');
    await expect.poll(() => dash.getByTestId('doc-row').filter({ hasText: '关于学习贯彻全会精神的通知' }).count(), { timeout: 30_000 }).toBe(1);
    expect(count(await currentAnalysis(url), '两个维护')).toBe(1);
    expect(count(await currentAnalysis(url), '两个确立')).toBe(0);
    await tab.close();
  });
});

describe('a line made to backtrack (failure 6)', () => {
  it('the popup answers with the metadata, and the open dashboard keeps answering while it analyses the clip', async () => {
    const tab = await ext.context.newPage();
    await tab.goto(server.url('/freeze.html'));
    const popup = await openPopup(ext, await clickToolbarButton(ext, tab));
    // Read: the preview's title field is filled and the clip button offered.
    await expect.poll(() => popup.getByLabel('Title', { exact: true }).inputValue(), { timeout: 20_000 }).toBe('关于做好年度工作的报告');
    await popup.getByRole('button', { name: /Clip this page/ }).click({ timeout: 20_000 });
    await expect.poll(() => popup.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Saved to your library.');
    await popup.close();
    // The dashboard lists it and analyses it, and answers a script and a click meanwhile.
    await expect.poll(() => dash.getByTestId('doc-row').filter({ hasText: '关于做好年度工作的报告' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await dash.evaluate(() => document.title.length >= 0)).toBe(true);
    await expect.poll(async () => (await currentAnalysis(server.url('/freeze.html')))?.docId, { timeout: 60_000 }).toBeTruthy();
    await expect.poll(pending, { timeout: 30_000 }).toBe('0');
    await dash.getByRole('link', { name: 'Settings' }).click();
    await dash.getByRole('button', { name: 'Download backup' }).waitFor({ timeout: 10_000 });
    await tab.close();
  });
});

describe('a backup that cannot be made (failure 5)', () => {
  it('says so in a message when a stored document cannot be read back (its file gone from the profile)', async () => {
    // A document large enough that Chromium keeps it in a file of its own beside the database,
    // and of text that does not compress (a pseudo-random run of common characters).
    let seed = 7;
    const chars = Array.from({ length: 400_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(0x4e00 + (seed % 3000));
    }).join('');
    const id = await putDocument(dash, { url: 'https://example.gov.cn/large.html', title: '大文件', text: chars, uid: 'large-one', textHash: '0'.repeat(64) });
    expect(id).toBeGreaterThan(0);
    // The profile's folder, as the browser reports it; the database's files for large values.
    const version = await ext.context.newPage();
    await version.goto('chrome://version');
    const profile = (await version.locator('#profile_path').innerText()).trim();
    await version.close();
    const blobs = join(profile, 'IndexedDB', `chrome-extension_${ext.extensionId}_0.indexeddb.blob`);
    const files = (d: string): string[] => (existsSync(d) ? readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)])) : []);
    await expect.poll(() => files(blobs).length, { timeout: 10_000 }).toBeGreaterThan(0);
    for (const f of files(blobs)) rmSync(f);
    await dash.goto(`${ext.origin}/options.html#/settings`);
    await dash.getByRole('button', { name: 'Download backup' }).click();
    const alert = dash.getByRole('alert').filter({ hasText: 'The backup could not be made' });
    await alert.waitFor({ timeout: 30_000 });
    // It names the read that failed, not a write.
    expect(await alert.innerText()).toMatch(/The backup could not be made: .*missing file/);
    expect(await alert.innerText()).not.toContain('write');
    await dash.screenshot({ path: join(ARTIFACTS, 'robust-backup-failed.png') });
    // The damaged record is still there (the attempt deleted nothing): reading it fails as before.
    await expect(documents()).rejects.toThrow(/missing file/);
    // Deleted by hand, so that the next case reads the library whole.
    await dash.evaluate(
      (key) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('tifa-lens');
          req.onsuccess = () => {
            const tx = req.result.transaction('documents', 'readwrite');
            tx.objectStore('documents').delete(key);
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      id,
    );
  });
});

describe('a cancelled restore (deliverable: nothing half-written)', () => {
  const COUNT = 4_000;
  it('stops at a batch boundary: the documents written are whole batches, each whole, and nothing after them', async () => {
    const path = join(dir, 'cancel-backup.ndjson');
    const now = '2025-01-01T00:00:00.000Z';
    const textOf = (i: number) => `第${i}号通知\n坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。第${i}号。`;
    const lines = [JSON.stringify({ format: 'tifa-lens-backup', version: 2, exportedAt: now, counts: { documents: COUNT, lexicon: 0, settings: 0 } })];
    for (let i = 1; i <= COUNT; i++) {
      const url = `https://example.gov.cn/cancel/${i}.html`;
      const text = textOf(i);
      const document = {
        id: 10_000 + i, uid: `cancel-${i}`, url, title: `关于第${i}号事项的通知`, orgs: ['国务院办公厅'], docNumber: '', date: '2024-05-01', year: 2024, docType: '通知', script: 'simplified',
        text, capturedAt: now, updatedAt: now, tags: [], edited: [], source: { url, pageTitle: '', articleHtml: '', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: now },
      };
      lines.push(JSON.stringify({ kind: 'document', document, analysis: null }));
    }
    lines.push(JSON.stringify({ kind: 'end', counts: { documents: COUNT, lexicon: 0, settings: 0 } }));
    writeFileSync(path, lines.join('\n') + '\n');
    await dash.goto(`${ext.origin}/options.html#/settings`);
    await dash.getByTestId('restore-input').setInputFiles(path);
    // Cancelled once the first documents are written (native probe: no script walk of the page).
    await dash.waitForFunction(() => Number(document.querySelector('[data-testid="restore-progress"] progress')?.getAttribute('data-documents') ?? 0) > 0, undefined, { timeout: 30_000, polling: 20 });
    await dash.getByRole('button', { name: 'Cancel restore' }).click();
    const toast = dash.getByTestId('toast').filter({ hasText: 'cancelled' });
    await toast.waitFor({ timeout: 30_000 });
    const n = Number(/(\d+) document\(s\) were restored/.exec(await toast.innerText())?.[1]);
    const restored = (await documents()).filter((d) => d.url.startsWith('https://example.gov.cn/cancel/'));
    expect(restored).toHaveLength(n);
    expect(n).toBeLessThan(COUNT);
    expect(n % 500).toBe(0);
    // Whole: each as in the file, and the first n of it, in order.
    const numbers = restored.map((d) => Number(/cancel\/(\d+)\.html/.exec(d.url)?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const d of restored) expect(d.text).toBe(textOf(Number(/cancel\/(\d+)\.html/.exec(d.url)?.[1])));
    await dash.screenshot({ path: join(ARTIFACTS, 'robust-restore-cancelled.png') });
    expect(pageErrors).toEqual([]);
  });
});
