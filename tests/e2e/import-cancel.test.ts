// Cancelling an import of many files in the dashboard, in real headless Chromium with the built
// extension: 400 small text files picked as a folder, Cancel clicked while the progress bar shows.
// The import stops (the summary says it was cancelled and how many files were not read), and the
// Library holds exactly the documents the summary names as imported: the first files in path
// order, each whole (its full text, its original with the file's SHA-256), none of the files after
// the stop. Screenshot: tests/artifacts/import-cancelled.png.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openDashboard, readStore, type OpenDashboard } from './helpers';

const FILES = 400;
const FOLDER = '批量';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A short notice of its own (no two alike, so none is skipped as a duplicate). */
function notice(i: number): string {
  return [
    `关于做好第${i}批重点项目建设工作的通知`,
    '各有关单位：',
    `为加快推进第${i}批重点项目建设，确保年度目标任务如期完成，现就有关事项通知如下。`,
    `一、压实责任。各单位要明确第${i}批项目的责任人和完成时限，逐项抓好落实。`,
    '二、加强调度。每月报送一次进展情况，发现问题及时协调解决。',
    `本通知自印发之日起施行（第${i}号）。`,
  ].join('\n');
}

interface StoredDoc {
  uid: string;
  url: string;
  text: string;
}

let dash: OpenDashboard;
let tmp: string;
/** The files as the import sees them: path inside what was picked → content. */
const files = new Map<string, string>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'tifa-import-cancel-'));
  mkdirSync(join(tmp, FOLDER));
  for (let i = 1; i <= FILES; i++) {
    const name = `通知-${String(i).padStart(3, '0')}.txt`;
    const text = notice(i);
    writeFileSync(join(tmp, FOLDER, name), `${text}\n`);
    files.set(`${FOLDER}/${name}`, `${text}\n`);
  }
  dash = await openDashboard();
});

afterAll(async () => {
  await dash?.ext.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('cancelling an import of many files', () => {
  it('stops when Cancel is clicked during the progress, and the Library holds exactly the documents the summary names, each whole', async () => {
    const { ext, page, pageErrors } = dash;
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-folder').setInputFiles(join(tmp, FOLDER));
    // The progress bar is up and some files are in: Cancel, well before the end.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"] progress')?.getAttribute('value') ?? 0) >= 20, null, {
      timeout: 60_000,
      polling: 50,
    });
    const progress = page.getByTestId('import-progress');
    expect(await progress.locator('progress').getAttribute('max')).toBe(String(FILES));
    await page.getByTestId('import-cancel').click();

    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await progress.count()).toBe(0);
    const headline = (await summary.locator('strong').textContent()) ?? '';
    const m = /^Imported (\d+) documents · 0 duplicates skipped · 0 not imported$/.exec(headline);
    expect(m, headline).not.toBeNull();
    const imported = Number(m![1]);
    const note = (await page.getByTestId('import-cancelled').textContent()) ?? '';
    const notRead = Number(/^Cancelled: (\d+) files were not read\.$/.exec(note)?.[1] ?? NaN);
    expect(note).toMatch(/^Cancelled: \d+ files were not read\.$/);
    // It stopped: files were left unread, and every file is either imported or not read.
    expect(imported).toBeGreaterThanOrEqual(20);
    expect(notRead).toBeGreaterThan(0);
    expect(imported + notRead).toBe(FILES);
    const added = (await page.getByTestId('import-added').locator('li').allTextContents()).map((l) => l.split(' → ')[0]!);
    expect(added).toHaveLength(imported);
    // Read in path order: the imported ones are the first files, nothing after the stop came in.
    const inOrder = [...files.keys()].sort((a, b) => a.localeCompare(b));
    expect(added).toEqual(inOrder.slice(0, imported));

    // The database holds exactly those documents, each whole, each with its original.
    const docs = await readStore<StoredDoc>(ext, 'documents');
    const originals = await readStore<{ uid: string; name: string; sha256: string; size: number }>(ext, 'originals');
    expect(docs).toHaveLength(imported);
    expect(originals).toHaveLength(imported);
    const byUid = new Map(originals.map((o) => [o.uid, o]));
    const names: string[] = [];
    for (const d of docs) {
      const original = byUid.get(d.uid);
      expect(original, d.url).toBeDefined();
      names.push(original!.name);
      const content = files.get(original!.name)!;
      expect(d.text).toBe(content.trimEnd());
      expect(original!.sha256).toBe(sha(content));
      expect(original!.size).toBe(Buffer.byteLength(content));
    }
    expect(names.sort((a, b) => a.localeCompare(b))).toEqual(added);

    // And the Library's list shows that many.
    const shown = async () => {
      const pager = await page.getByTestId('library-window').textContent({ timeout: 100 }).catch(() => null);
      if (pager) return Number(/of (\d+)/.exec(pager)?.[1] ?? NaN);
      return page.getByTestId('doc-row').count();
    };
    await expect.poll(shown, { timeout: 20_000 }).toBe(imported);
    await page.screenshot({ path: join(ARTIFACTS, 'import-cancelled.png') });
    console.log(`import of ${FILES} files cancelled: ${imported} imported, ${notRead} not read`);
    expect(pageErrors).toEqual([]);
  });
});
