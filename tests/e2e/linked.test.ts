// Documents a page links, in real headless Chromium with the built extension, against a local server:
// a notice with three 附件 (a PDF and a .docx clipped, an old .doc listed and refused), a list page
// linking five documents (a date range picked, a repost skipped as a duplicate), and "check sources"
// in the Library marking one document changed and one gone.
//
// A headless browser cannot click a permission prompt, so the extension is loaded from a copy of the
// build whose manifest already holds the local server's origin: permissions.request then answers yes
// at once. The code's request is recorded, to check that it asks for that one site, at the click. The
// build itself declares no host permission (asserted in import.test.ts).
// The pause between requests is the fetchPauseMs setting, set short here (no sleep in the test).
// Screenshots: tests/artifacts/popup-attachments.png, popup-list-pick.png, popup-list-done.png, library-check-sources.png.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, clickToolbarButton, extensionDir, launchExtension, openPopup, readStore, REPO_ROOT, serveFixtures, type FixtureServer, type LaunchedExtension } from './helpers';

const PAGE_DOC_NUMBER = '某政办发〔2024〕12号';
const PAGE_TITLE = '关于印发《某市2024年优化营商环境工作要点》的通知';

const NOTICE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${PAGE_TITLE}_某市人民政府网</title></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>${PAGE_TITLE}</h1><p>${PAGE_DOC_NUMBER}</p>
<p>各区人民政府，市政府各部门、各直属机构：</p>
<p>现将《某市2024年优化营商环境工作要点》印发给你们，请结合实际认真贯彻落实。各区各部门要提高政治站位，把优化营商环境作为推动高质量发展的重要抓手，坚持问题导向、目标导向和结果导向，加快转变政府职能，持续深化放管服改革，确保各项任务落到实处。</p>
<p>某市人民政府办公室</p><p>2024年3月1日</p>
<p>附件：</p>
<p><a href="/files/two-pages.pdf">1.某市2024年优化营商环境工作要点.pdf</a></p>
<p><a href="/files/notice.docx">2.关于做好2024年工业经济工作的通知.docx</a></p>
<p><a href="/files/old-word.doc">3.重点任务申报表.doc</a></p>
</div></body></html>`;

/** Five list entries: dates, titles, and bodies (the fifth reposts the fourth's text). */
const ENTRIES = [1, 2, 3, 4, 5].map((k) => ({
  path: `/list/doc${k}.html`,
  date: `2024-0${k}-10`,
  title: `关于做好第${k}季度重点工作的通知`,
}));

function body(k: number, extra = ''): string {
  const sentences = Array.from({ length: 6 }, (_, i) => `第${k}项工作第${i + 1}条：各单位要按照市委市政府部署，压实责任，细化措施，确保第${k}项重点任务第${i + 1}个环节按期完成并报送进展情况。`);
  return sentences.map((s) => `<p>${s}</p>`).join('') + extra;
}

function docPage(k: number, text: string): string {
  const e = ENTRIES[k - 1]!;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e.title}_某市人民政府网</title></head>
<body><div class="article"><h1>${e.title}</h1><p>各区人民政府，市政府各部门：</p>${text}<p>某市人民政府办公室</p><p>${e.date.replace(/-0?/, '年').replace(/-0?/, '月')}日</p></div></body></html>`;
}

const LIST = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知公告_某市人民政府网</title></head>
<body><div class="nav"><a href="/">首页</a></div><h2>通知公告</h2><ul class="list">
${ENTRIES.map((e) => `<li><a href="${e.path}" title="${e.title}">${e.title}</a><span>${e.date}</span></li>`).join('\n')}
</ul><div class="page">共5条记录 当前第1/1页</div></body></html>`;

interface StoredDoc {
  id: number;
  uid: string;
  url: string;
  title: string;
  docNumber: string;
  date: string;
  tags: string[];
}

let ext: LaunchedExtension;
let server: FixtureServer;
let extCopy: string;
const routes: Record<string, string> = {};
/** Origins each extension page asked permission for, in order (recorded in the page). */
const recordPermissionRequests = (page: Page) =>
  page.evaluate(() => {
    const c = (globalThis as unknown as { chrome: { permissions: { request(p: { origins: string[] }): Promise<boolean> } } }).chrome;
    const w = window as unknown as { asked: string[][] };
    w.asked = [];
    const real = c.permissions.request.bind(c.permissions);
    c.permissions.request = (p) => {
      w.asked.push(p.origins);
      return real(p);
    };
  });
const askedFor = (page: Page) => page.evaluate(() => (window as unknown as { asked: string[][] }).asked);

beforeAll(async () => {
  routes['/attach/notice.html'] = NOTICE;
  routes['/list/index.html'] = LIST;
  for (const k of [1, 2, 3, 4]) routes[ENTRIES[k - 1]!.path] = docPage(k, body(k));
  // The fifth entry reposts the fourth document (the same page at another address).
  routes[ENTRIES[4]!.path] = docPage(4, body(4));
  server = await serveFixtures(join(REPO_ROOT, 'tests/fixtures'), routes);
  extCopy = mkdtempSync(join(tmpdir(), 'tifa-linked-ext-'));
  cpSync(extensionDir(), extCopy, { recursive: true });
  const manifestPath = join(extCopy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: ['http://127.0.0.1/*'] }));
  ext = await launchExtension({ extensionDir: extCopy });
  // The database exists once an extension page opened it; then the pause is set short.
  const dash = await ext.context.newPage();
  await dash.goto(`${ext.origin}/options.html`);
  await dash.getByTestId('import-open').waitFor({ timeout: 20_000 });
  await dash.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('tifa-lens');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: 'fetchPauseMs', value: 20 });
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await dash.close();
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (extCopy) rmSync(extCopy, { recursive: true, force: true });
});

const documents = () => readStore<StoredDoc>(ext, 'documents');

describe('attachments of a page', () => {
  it('lists the three 附件, refuses the .doc in one line, clips the PDF and the .docx linked to the page', async () => {
    const tab = await ext.context.newPage();
    await tab.goto(server.url('/attach/notice.html'));
    const popup = await openPopup(ext, await clickToolbarButton(ext, tab));
    const items = popup.getByTestId('attachments').locator('li');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(3);
    expect(await popup.locator('textarea[name="title"]').inputValue()).toBe(PAGE_TITLE);
    expect(await popup.locator('input[name="docNumber"]').inputValue()).toBe(PAGE_DOC_NUMBER);
    expect(await items.nth(2).textContent()).toContain('not read: an old Word (.doc) or WPS file — save it as .docx or PDF and import that');
    expect(await items.nth(2).locator('input').isDisabled()).toBe(true);
    expect(await popup.getByTestId('clip-attachments').textContent()).toBe('Clip ticked attachments (2)');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-attachments.png'), fullPage: true });
    await recordPermissionRequests(popup);
    // Nothing was asked before the click.
    expect(await askedFor(popup)).toEqual([]);
    await popup.getByTestId('clip-attachments').click();
    const counts = popup.getByTestId('batch-counts');
    await expect.poll(() => counts.textContent(), { timeout: 30_000 }).toBe('Done: 2 of 2. 2 clipped · 0 duplicates skipped · 0 not clipped');
    expect(await askedFor(popup)).toEqual([[`${server.origin}/*`]]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-attachments-done.png'), fullPage: true });

    const docs = await documents();
    const pdf = docs.find((d) => d.url === server.url('/files/two-pages.pdf'))!;
    const docx = docs.find((d) => d.url === server.url('/files/notice.docx'))!;
    // The PDF has its own title but no 文号: the page's is carried over. The .docx keeps its own.
    expect([pdf.title, pdf.docNumber]).toEqual(['某市2024年优化营商环境工作要点', PAGE_DOC_NUMBER]);
    expect(docx.docNumber).toBe('某经信发〔2024〕4号');
    expect(docs.some((d) => d.url.endsWith('.doc'))).toBe(false);
    const originals = await readStore<{ uid: string; kind: string; url: string; fromPage?: { url: string; title: string; docNumber: string } }>(ext, 'originals');
    const pdfOriginal = originals.find((o) => o.uid === pdf.uid)!;
    expect(pdfOriginal).toMatchObject({ kind: 'file', url: pdf.url, fromPage: { url: server.url('/attach/notice.html'), title: PAGE_TITLE, docNumber: PAGE_DOC_NUMBER } });
    await popup.close();
    await tab.close();
  });
});

describe('a list page', () => {
  it('lists its five documents with dates; a date range is fetched in the background, the repost skipped as a duplicate', async () => {
    const before = (await documents()).length;
    const tab = await ext.context.newPage();
    await tab.goto(server.url('/list/index.html'));
    const popup = await openPopup(ext, await clickToolbarButton(ext, tab));
    const entries = popup.getByTestId('list-entries').locator('li');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(5);
    expect(await entries.first().textContent()).toBe(`${ENTRIES[0]!.title} ${ENTRIES[0]!.date}`);
    expect(await popup.getByTestId('clip-list').textContent()).toBe('Clip picked documents (5)');
    await popup.getByTestId('list-range').check();
    await popup.getByTestId('list-from').fill('2024-02-01');
    await popup.getByTestId('list-to').fill('2024-12-31');
    expect(await popup.getByTestId('clip-list').textContent()).toBe('Clip picked documents (4)');
    expect(await popup.locator('.list-entries li.left-out').allTextContents()).toEqual([`${ENTRIES[0]!.title} ${ENTRIES[0]!.date}`]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-list-pick.png'), fullPage: true });
    await recordPermissionRequests(popup);
    await popup.getByTestId('clip-list').click();
    await popup.getByTestId('batch-progress').waitFor({ timeout: 10_000 });
    const counts = popup.getByTestId('batch-counts');
    await expect.poll(() => counts.textContent(), { timeout: 30_000 }).toBe('Done: 4 of 4. 3 clipped · 1 duplicates skipped · 0 not clipped');
    expect(await askedFor(popup)).toEqual([[`${server.origin}/*`]]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-list-done.png'), fullPage: true });
    const docs = await documents();
    expect(docs.length).toBe(before + 3);
    const fromList = ENTRIES.slice(1, 4).map((e) => docs.find((d) => d.url === server.url(e.path)));
    expect(fromList.map((d) => [d?.title, d?.date])).toEqual(ENTRIES.slice(1, 4).map((e) => [e.title, e.date]));
    expect(docs.some((d) => d.url === server.url(ENTRIES[0]!.path) || d.url === server.url(ENTRIES[4]!.path))).toBe(false);
    await popup.close();
    await tab.close();
  });
});

describe('check sources', () => {
  it('re-fetches every document shown and marks the one whose source changed and the one that is gone', async () => {
    routes[ENTRIES[1]!.path] = docPage(2, body(2, '<p>补充通知：第2项工作的报送时间调整为每月5日前，请各单位按新要求执行。</p>'));
    delete routes[ENTRIES[2]!.path];
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ext.origin}/options.html`);
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(5);
    await recordPermissionRequests(page);
    await page.getByTestId('check-sources').click();
    const summary = page.getByTestId('check-summary');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toBe('Sources checked: 3 unchanged · 1 changed · 1 gone · 0 unreachable');
    expect(await askedFor(page)).toEqual([[`${server.origin}/*`]]);
    const docs = await documents();
    const tagsOf = (path: string) => docs.find((d) => d.url === server.url(path))?.tags;
    expect(tagsOf(ENTRIES[1]!.path)).toEqual(['source changed']);
    expect(tagsOf(ENTRIES[2]!.path)).toEqual(['source gone']);
    expect(tagsOf(ENTRIES[3]!.path)).toEqual([]);
    expect(tagsOf('/files/two-pages.pdf')).toEqual([]);
    await page.getByRole('button', { name: ENTRIES[1]!.title }).first().click();
    const line = page.getByTestId('evidence-check');
    await line.waitFor({ timeout: 10_000 });
    expect(await line.getAttribute('data-status')).toBe('changed');
    await page.getByTestId('evidence').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'library-check-sources.png'), fullPage: false });
    await page.close();
  });
});
