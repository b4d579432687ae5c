// Importing a folder in the dashboard, in real headless Chromium with the built extension: a
// two-page text PDF (running header, a word broken across the page break), a scan without text, a
// .docx with a 文号 and headings, a GBK text file and a saved page. The progress bar comes and goes,
// the summary names the refused scan with its reason, the documents are in the Library with their
// metadata, and the downloaded original has the SHA-256 the evidence panel shows.
// A tab showing a PDF is offered for clipping in the popup, which will ask for that site only.
// Screenshots: tests/artifacts/import-summary.png, tests/artifacts/import-evidence.png, tests/artifacts/import-pdf-tab.png.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickToolbarButton, extensionDir, launchExtension, openPopup, readStore, REPO_ROOT, serveFixtures, type LaunchedExtension } from './helpers';

const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
const FILES = join(REPO_ROOT, 'tests/fixtures/files');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const PAGE_HTML = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于开展2024年安全生产月活动的通知_某某市人民政府网</title>
<meta name="ArticleTitle" content="关于开展2024年安全生产月活动的通知"><meta name="PubDate" content="2024-05-20">
<link rel="canonical" href="https://www.example.gov.cn/zwgk/2024/0520/notice.html"></head>
<body><div class="nav">首页 | 政务公开</div><div class="article"><h1>关于开展2024年安全生产月活动的通知</h1>
<p>各区人民政府，市政府各部门：</p>
<p>为深入贯彻落实党中央、国务院关于安全生产的决策部署，进一步强化安全发展理念，市政府决定在全市范围内开展2024年安全生产月活动。现将有关事项通知如下。</p>
<p>一、活动主题。人人讲安全、个个会应急，畅通生命通道。各地各部门要结合实际，认真组织开展宣传教育、隐患排查和应急演练等活动。</p>
<script>document.title = 'ran'</script>
<p>某某市人民政府</p><p>2024年5月20日</p></div></body></html>`;

interface StoredDoc {
  id: number;
  uid: string;
  url: string;
  title: string;
  docNumber: string;
  date: string;
  text: string;
}

let ext: LaunchedExtension;
let page: Page;
let tmp: string;
let folder: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'tifa-import-e2e-'));
  folder = join(tmp, '附件');
  mkdirSync(join(folder, '子目录'), { recursive: true });
  for (const name of ['two-pages.pdf', 'scan.pdf', 'notice.docx']) copyFileSync(join(FILES, name), join(folder, name));
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/cli/encodings/gbk.txt'), join(folder, '子目录', 'gbk.txt'));
  writeFileSync(join(folder, 'notice.shtml'), PAGE_HTML);
  ext = await launchExtension();
  page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${ext.origin}/options.html`);
});

afterAll(async () => {
  await ext?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('importing a folder into the Library', () => {
  it('reads the folder in the worker with a progress bar and ends with a summary naming the refused scan', async () => {
    await page.getByTestId('import-open').click();
    // Every appearance of the progress bar is recorded, so its coming and going is seen without timing.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: number };
      w.sawProgress = 0;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-progress"]')) w.sawProgress++;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('import-folder').setInputFiles(folder);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { sawProgress: number }).sawProgress)).toBeGreaterThan(0);
    await expect.poll(() => summary.locator('strong').textContent()).toBe('Imported 4 documents · 0 duplicates skipped · 1 not imported');
    const failed = page.getByTestId('import-failed').locator('li');
    expect(await failed.count()).toBe(1);
    expect(await failed.first().textContent()).toBe('附件/scan.pdf: a scan: no text layer — run OCR on it first, or find the text version');
    const added = await page.getByTestId('import-added').locator('li').allTextContents();
    expect(added.map((l) => l.split(' → ')[0])).toEqual(['附件/notice.docx', '附件/notice.shtml', '附件/two-pages.pdf', '附件/子目录/gbk.txt']);
    await page.screenshot({ path: join(ARTIFACTS, 'import-summary.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('puts the documents in the Library with the metadata read from each file', async () => {
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(4);
    const docs = await readStore<StoredDoc>(ext, 'documents');
    const byEnd = (end: string) => docs.find((d) => d.url.endsWith(end));
    const pdf = byEnd('two-pages.pdf')!;
    expect(pdf.title).toBe('某市2024年优化营商环境工作要点');
    expect(pdf.text).toContain('中国式现代化');
    expect(pdf.text).not.toContain('某市人民政府公报');
    expect(pdf.text).not.toMatch(/—\s*\d\s*—/);
    expect(byEnd('notice.docx')!.docNumber).toBe('某经信发〔2024〕4号');
    const gbk = byEnd('gbk.txt')!;
    expect(gbk.docNumber).toBe('常经社委〔2024〕4号');
    expect(gbk.text).toContain('三会一课');
    const saved = docs.find((d) => d.url === 'https://www.example.gov.cn/zwgk/2024/0520/notice.html')!;
    expect([saved.title, saved.date]).toEqual(['关于开展2024年安全生产月活动的通知', '2024-05-20']);
    // The saved page's script never ran: the dashboard's title is its own.
    expect(await page.title()).not.toBe('ran');
    const originals = await readStore<{ uid: string; sha256: string; name: string }>(ext, 'originals');
    expect(originals.find((o) => o.uid === pdf.uid)).toMatchObject({ name: '附件/two-pages.pdf', sha256: sha(readFileSync(join(FILES, 'two-pages.pdf'))) });
  });

  it('shows the evidence of an imported PDF and downloads its original with the same SHA-256', async () => {
    await page.getByTestId('import-close').click();
    await page.getByRole('button', { name: '某市2024年优化营商环境工作要点' }).first().click();
    const evidence = page.getByTestId('evidence');
    await evidence.waitFor({ timeout: 10_000 });
    const expected = sha(readFileSync(join(FILES, 'two-pages.pdf')));
    expect(await page.getByTestId('evidence-sha256').textContent()).toBe(expected);
    expect(await page.getByTestId('evidence-source').textContent()).toContain('附件/two-pages.pdf');
    await expect.poll(() => evidence.textContent()).toContain('checked: matches the stored original');
    expect(await page.getByTestId('evidence-citation').textContent()).toMatch(/“某市2024年优化营商环境工作要点”.*file two-pages\.pdf \(accessed \d{4}-\d{2}-\d{2}\)\.$/);
    await evidence.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'import-evidence.png'), fullPage: false });
    const download = page.waitForEvent('download');
    await page.getByTestId('evidence-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('two-pages.pdf');
    expect(sha(readFileSync((await file.path())!))).toBe(expected);
    expect(pageErrors).toEqual([]);
  });
});

describe('a PDF tab', () => {
  it('is offered for clipping in the popup, with the permission asked for that site only and none held up front', async () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir(), 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    const server = await serveFixtures(FILES);
    try {
      const tab = await ext.context.newPage();
      // The viewer never fires load for a test to wait on: the navigation committing is enough.
      await tab.goto(server.url('/two-pages.pdf'), { waitUntil: 'commit' });
      const tabId = await clickToolbarButton(ext, tab);
      const popup = await openPopup(ext, tabId);
      const offer = popup.getByTestId('clip-pdf');
      await offer.waitFor({ timeout: 15_000 });
      expect(await offer.textContent()).toBe('Clip this PDF');
      expect(await popup.locator('.pdf-tab').textContent()).toContain(`read files from ${new URL(server.origin).host}, for this site only`);
      await popup.screenshot({ path: join(ARTIFACTS, 'import-pdf-tab.png') });
      const granted = await popup.evaluate(() => (globalThis as unknown as { chrome: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).chrome.permissions.getAll());
      expect(granted.origins ?? []).toEqual([]);
      await popup.close();
      await tab.close();
    } finally {
      await server.close();
    }
  });
});
