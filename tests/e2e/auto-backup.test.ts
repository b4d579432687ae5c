// Automatic backups in real headless Chromium: switched on in Settings, the background's alarm
// fires, the offscreen document builds the file, the downloads API writes it under the downloads
// folder's "Tifa Lens" folder, Settings shows its name, and the file restores to the same
// documents. A second due backup with one kept removes the first file.
//
// The downloads permission: the extension asks for it (optional) when the user switches automatic
// backups on. Chromium has no headless or command-line way to accept that prompt (its views dialog
// is out of reach of CDP), so this test loads a copy of the build whose manifest lists downloads as
// a required permission instead; the code is the same, and the Settings view's request finds the
// permission held. The request/denial path is covered by tests/glue/auto-backup.test.ts.
import 'fake-indexeddb/auto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, extensionDir, goTo, launchExtension, putDocument, readStore, type LaunchedExtension } from './helpers';
import { openDatabase } from '../../utils/db';
import { restoreBackup } from '../../utils/backup';
import { AUTO_BACKUP_FOLDER } from '../../utils/auto-backup';
import { AUTO_BACKUP_ALARM } from '../../utils/auto-backup-run';

const DOCS = [
  { uid: 'e2e-auto-backup-a', url: 'https://www.example.gov.cn/a.html', title: '关于推进高质量发展的通知', text: '各地区各部门：要坚持稳中求进工作总基调，推进高质量发展。' },
  { uid: 'e2e-auto-backup-b', url: 'https://www.example.gov.cn/b.html', title: '关于加快建设现代化产业体系的意见', text: '加快建设现代化产业体系，发展新质生产力，扎实推进共同富裕。' },
];

/** The extension APIs this test calls in the service worker (which has them as `chrome`). */
interface WorkerApis {
  alarms: { create(name: string, info: { when: number; periodInMinutes: number }): Promise<void>; get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
  offscreen: { hasDocument(): Promise<boolean> };
}
declare const chrome: WorkerApis;

let ext: LaunchedExtension;
let page: Page;
let work: string;
let downloads: string;
const pageErrors: string[] = [];

/** The built extension, copied with downloads moved from optional to required (see above). */
function buildWithDownloads(): string {
  const dir = join(work, 'extension');
  cpSync(extensionDir(), dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  expect(manifest.optional_permissions).toContain('downloads');
  expect(manifest.permissions).not.toContain('downloads');
  manifest.optional_permissions = manifest.optional_permissions!.filter((p) => p !== 'downloads');
  manifest.permissions.push('downloads');
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tifa-auto-backup-'));
  downloads = join(work, 'Downloads');
  // The profile's downloads folder, as a user sets it in the browser's settings.
  const profile = join(work, 'profile');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }));
  ext = await launchExtension({ extensionDir: buildWithDownloads(), userDataDir: profile });
  page = await ext.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The browser's own download handling: Playwright's would store every download under a random name.
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await page.goto(`${ext.origin}/options.html`);
  for (const d of DOCS) await putDocument(page, d);
  await page.reload();
});

afterAll(async () => {
  await ext?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function backupFiles(): string[] {
  const folder = join(downloads, AUTO_BACKUP_FOLDER);
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.ndjson')).sort() : [];
}

/** Fire the background's alarm now, as the browser does when it is due. */
async function fireAlarm(): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 10, periodInMinutes: 60 }), AUTO_BACKUP_ALARM);
}

async function documentsOf(text: string) {
  const target = openDatabase(`e2e-auto-backup-${Math.random()}`);
  const report = await restoreBackup(target, text, 'auto.ndjson', { skipSpaceCheck: true });
  expect(report.problems).toEqual([]);
  const docs = (await target.documents.toArray()).map((d) => [d.uid, d.title, d.text]).sort();
  target.close();
  return docs;
}

describe('automatic backups', () => {
  it('switched on in Settings, written by the background on its alarm, and restorable', async () => {
    await goTo(page, 'Settings');
    const section = page.getByTestId('auto-backup');
    await section.waitFor();
    await expect.poll(() => page.getByTestId('auto-backup-status').textContent()).toBe('No automatic backup written yet.');
    await page.getByTestId('auto-backup-frequency').selectOption('weekly');
    // The setting is stored and the background's alarm exists.
    await expect
      .poll(async () => (await readStore<{ key: string; value: unknown }>(ext, 'settings')).find((s) => s.key === 'autoBackup')?.value)
      .toEqual({ frequency: 'weekly', keep: 4 });
    const worker = await ext.worker();
    await expect.poll(() => worker.evaluate((name) => chrome.alarms.get(name).then((a) => a?.periodInMinutes ?? null), AUTO_BACKUP_ALARM)).toBe(60);

    await fireAlarm();
    await expect.poll(() => backupFiles(), { timeout: 30_000 }).toHaveLength(1);
    const [name] = backupFiles();
    expect(name).toMatch(/^tifa-lens-backup-\d{4}-\d{2}-\d{2}\.ndjson$/);
    // Settings shows it, as the background recorded it.
    await expect.poll(() => page.getByTestId('auto-backup-status').textContent(), { timeout: 10_000 }).toContain(name);
    expect(await page.getByTestId('auto-backup-status').getAttribute('data-ok')).toBe('true');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(ARTIFACTS, 'auto-backup-settings.png') });

    const library = (await readStore<{ uid: string; title: string; text: string }>(ext, 'documents')).map((d) => [d.uid, d.title, d.text]).sort();
    expect(library).toHaveLength(DOCS.length);
    expect(await documentsOf(readFileSync(join(downloads, AUTO_BACKUP_FOLDER, name!), 'utf8'))).toEqual(library);
    // The offscreen document closed once the download had read the file.
    await expect.poll(() => worker.evaluate(() => chrome.offscreen.hasDocument())).toBe(false);
  });

  it('the next due backup with one kept removes the first file, and only it', async () => {
    const [first] = backupFiles();
    // A file of the user's in the same folder, named like a backup.
    const mine = join(downloads, AUTO_BACKUP_FOLDER, 'tifa-lens-backup-2000-01-01.ndjson');
    writeFileSync(mine, 'the user’s own file');
    await page.getByTestId('auto-backup-keep').fill('1');
    await page.getByTestId('auto-backup-keep').dispatchEvent('change');
    await expect
      .poll(async () => (await readStore<{ key: string; value: { keep?: number } }>(ext, 'settings')).find((s) => s.key === 'autoBackup')?.value.keep)
      .toBe(1);
    // The last one written a week ago: the next one is due (the alarm only asks whether one is).
    const worker = await ext.worker();
    await worker.evaluate(async () => {
      const req = indexedDB.open('tifa-lens');
      await new Promise((r) => (req.onsuccess = r));
      const idb = req.result;
      const store = idb.transaction('settings', 'readwrite').objectStore('settings');
      const get = store.get('autoBackupLog');
      await new Promise((r) => (get.onsuccess = r));
      const log = get.result.value as { lastSuccessAt: string };
      log.lastSuccessAt = new Date(Date.now() - 8 * 24 * 3_600_000).toISOString();
      const put = store.put({ key: 'autoBackupLog', value: log });
      await new Promise((r) => (put.onsuccess = r));
      idb.close();
    });
    await fireAlarm();
    await expect.poll(() => backupFiles().filter((f) => f !== first && !f.startsWith('tifa-lens-backup-2000')), { timeout: 30_000 }).toHaveLength(1);
    await expect.poll(() => backupFiles().includes(first!), { timeout: 10_000 }).toBe(false);
    expect(readFileSync(mine, 'utf8')).toBe('the user’s own file');
    const [second] = backupFiles().filter((f) => !f.startsWith('tifa-lens-backup-2000'));
    await expect.poll(() => page.getByTestId('auto-backup-status').textContent(), { timeout: 10_000 }).toContain(second);
    expect(pageErrors).toEqual([]);
  });
});
