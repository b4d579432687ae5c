// A full disk in real headless Chromium: the browser profile lives on a small tmpfs this test
// mounts (root only), the library is filled with the sample corpus, then the rest of the disk is
// filled with a file. A clip in the popup and a restore in the dashboard must say "disk is full",
// store nothing partial and leave what was stored intact; once space is freed the library is
// still whole after a reload and a clip works again. Skips, saying so, where it cannot mount.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickToolbarButton, launchExtension, openPopup, readStore, REPO_ROOT, serveFixtures, waitAnalysed, type FixtureServer, type LaunchedExtension } from './helpers';

const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
const FIXTURES = join(REPO_ROOT, 'tests/fixtures');
const GOV_PAGE = '/e2e/gov-notice/source.html';
/** Room for a fresh Chromium profile and the sample corpus, not much more. */
const DISK_MB = 160;

/** Mount a tmpfs of `mb` MB at a new directory; null (and why) when this machine does not allow it. */
function mountSmallDisk(mb: number): { dir: string } | { why: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tifa-small-disk-'));
  try {
    if (process.getuid?.() !== 0) throw new Error('not running as root');
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { why: String((err as Error).message ?? err).split('\n')[0] ?? 'mount failed' };
  }
}

/** Write a file until the disk refuses (ENOSPC); returns the bytes written. */
function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

const disk = mountSmallDisk(DISK_MB);
if ('why' in disk) console.warn(`SKIPPED tests/e2e/disk-full.test.ts: cannot mount a small tmpfs for the browser profile (${disk.why}); the glue tests inject QuotaExceededError instead.`);

interface Doc {
  id: number;
  uid: string;
  textHash: string;
}

describe.skipIf('why' in disk)('a full disk', () => {
  const dir = 'dir' in disk ? disk.dir : '';
  const filler = join(dir, 'filler.bin');
  /** Space the browser frees meanwhile (a compacted log) is taken again right before each write it must refuse. */
  const topUps: string[] = [];
  const topUp = () => {
    const file = join(dir, `filler-${topUps.length + 1}.bin`);
    topUps.push(file);
    fillDisk(file);
  };
  let ext: LaunchedExtension;
  let server: FixtureServer;
  let dashboard: Page;
  let before: Doc[] = [];
  let backupPath = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveFixtures(FIXTURES);
    ext = await launchExtension({ userDataDir: join(dir, 'profile') });
    dashboard = await ext.context.newPage();
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.goto(`${ext.origin}/options.html`);
  }, 120_000);

  it('the library is filled with the sample corpus and analysed, then the disk is filled', async () => {
    await dashboard.getByRole('button', { name: /sample/i }).click();
    await expect.poll(() => dashboard.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    await waitAnalysed(dashboard, 120_000);
    before = (await readStore<Doc>(ext, 'documents')).map(({ id, uid, textHash }) => ({ id, uid, textHash }));
    // A backup of one long document, to restore once the disk is full (outside the small disk).
    backupPath = join(mkdtempSync(join(tmpdir(), 'tifa-full-')), 'one-long.ndjson');
    const now = '2025-01-01T00:00:00.000Z';
    const text = '坚持稳中求进工作总基调。'.repeat(200_000);
    const url = 'https://example.gov.cn/long.html';
    writeFileSync(
      backupPath,
      [
        JSON.stringify({ format: 'tifa-lens-backup', version: 2, exportedAt: now, counts: { documents: 1, lexicon: 0, settings: 0 } }),
        JSON.stringify({ kind: 'document', analysis: null, document: { id: 9001, uid: 'long-one', url, title: '长文件', orgs: [], docNumber: '', date: '', year: 2024, docType: '', script: 'simplified', text, capturedAt: now, updatedAt: now, tags: [], edited: [], source: { url, pageTitle: '', articleHtml: '', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: now } } }),
        JSON.stringify({ kind: 'end', counts: { documents: 1, lexicon: 0, settings: 0 } }),
      ].join('\n') + '\n',
    );
    const filled = fillDisk(filler);
    console.log(`small disk: ${DISK_MB} MB tmpfs, ${(filled / 2 ** 20).toFixed(1)} MB of filler written to fill it`);
    expect(before).toHaveLength(18);
  }, 240_000);

  afterAll(async () => {
    await ext?.close().catch(() => undefined);
    await server?.close();
    if (dir) {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a clip in the popup says the disk is full and stores nothing', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url(`${GOV_PAGE}?while=full`));
    const popup = await openPopup(ext, await clickToolbarButton(ext, page));
    const clip = popup.getByRole('button', { name: /Clip this page/ });
    await clip.waitFor({ timeout: 20_000 });
    topUp();
    await clip.click();
    await expect.poll(() => popup.locator('body').innerText(), { timeout: 30_000 }).toMatch(/disk is full/i);
    await popup.screenshot({ path: join(ARTIFACTS, 'disk-full-popup.png') });
    // What is stored is checked once space is freed (a full disk keeps even a reader from opening the database).
    await popup.close();
    await page.close();
  });

  it('a restore in the dashboard says the disk is full and stores nothing of it', async () => {
    await dashboard.goto(`${ext.origin}/options.html#/settings`);
    topUp();
    await dashboard.getByTestId('restore-input').setInputFiles(backupPath);
    await expect.poll(() => dashboard.getByTestId('toast').last().textContent(), { timeout: 60_000 }).toMatch(/The disk is full/);
    expect(await dashboard.getByTestId('toast').last().textContent()).toContain('one-long.ndjson');
    await dashboard.screenshot({ path: join(ARTIFACTS, 'disk-full-dashboard.png') });
  });

  it('once space is freed, the library is whole after a reload (nothing of the clip or the restore in it) and a clip works again', async () => {
    rmSync(filler);
    for (const file of topUps) rmSync(file, { force: true });
    await dashboard.goto('about:blank');
    await dashboard.goto(`${ext.origin}/options.html#/library`);
    await expect.poll(() => dashboard.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    const docs = await readStore<Doc & { url: string }>(ext, 'documents');
    expect(docs.map(({ id, uid, textHash }) => ({ id, uid, textHash }))).toEqual(before);
    expect(docs.some((d) => d.uid === 'long-one' || d.url.includes('gov-notice'))).toBe(false);
    expect(await readStore(ext, 'analyses')).toHaveLength(18);
    const page = await ext.context.newPage();
    await page.goto(server.url(`${GOV_PAGE}?after=freed`));
    const popup = await openPopup(ext, await clickToolbarButton(ext, page));
    await popup.getByRole('button', { name: /Clip this page/ }).click();
    await expect.poll(() => popup.locator('body').innerText(), { timeout: 30_000 }).toContain('Saved to your library.');
    expect(await readStore(ext, 'documents')).toHaveLength(19);
  });
});
