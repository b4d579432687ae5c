// The trash in real headless Chromium with the built extension: delete documents from the
// Library (the confirmation dialog asks first), open the Trash, restore one (it is back in the
// Library with its analysis), delete one forever (asked first), and see the database agree.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openDashboard, readStore, waitAnalysed, type LaunchedExtension } from './helpers';


let ext: LaunchedExtension;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ({ ext, page, pageErrors } = await openDashboard());
});

afterAll(async () => {
  await ext?.close();
});

interface Row {
  id: number;
  title: string;
  tags: string[];
}

async function rowTitles(): Promise<string[]> {
  return page.getByTestId('doc-row').locator('.tl-title-cell button').allTextContents();
}

describe('trash', () => {
  let deleted: Row[] = [];

  it('deleting four documents asks first, then moves them to the trash', async () => {
    await page.getByRole('button', { name: /sample/i }).click();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    // Analysed first, so the restored one can be seen coming back with its analysis.
    await waitAnalysed(page);
    const rows = page.getByTestId('doc-row');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      await rows.nth(i).getByRole('checkbox').check();
      ids.push(Number(await rows.nth(i).getAttribute('data-doc-id')));
    }
    const docs = await readStore<Row>(ext, 'documents');
    deleted = ids.map((id) => docs.find((d) => d.id === id)!);
    await page.getByRole('button', { name: 'Delete selected' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 4 documents?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete 4 documents' }).click();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(14);
    expect(await readStore(ext, 'trash')).toHaveLength(4);
  });

  it('the Trash lists them with deletion date and 30 days left', async () => {
    await page.getByRole('button', { name: 'Trash (4)' }).click();
    const rows = page.getByTestId('trash-row');
    await expect.poll(() => rows.count()).toBe(4);
    expect((await rows.locator('.tl-title-cell').allTextContents()).sort()).toEqual(deleted.map((d) => d.title).sort());
    expect(await page.getByTestId('trash-days-left').allTextContents()).toEqual(Array(4).fill('30 day(s)'));
    const year = String(new Date().getFullYear());
    expect(await rows.first().locator('td').nth(3).textContent()).toContain(year);
    await page.screenshot({ path: join(ARTIFACTS, 'trash-list.png') });
  });

  it('restoring one brings it back to the Library with its tags and analysis', async () => {
    const back = deleted[0]!;
    await page.getByRole('button', { name: `Restore ${back.title}` }).click();
    await expect.poll(() => page.getByTestId('trash-row').count()).toBe(3);
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Restored 1 document(s)');
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(15);
    expect(await rowTitles()).toContain(back.title);
    const docs = await readStore<Row>(ext, 'documents');
    expect(docs.find((d) => d.id === back.id)?.tags).toEqual(back.tags);
    const analyses = await readStore<{ docId: string }>(ext, 'analyses');
    expect(analyses.some((a) => a.docId === String(back.id))).toBe(true);
    expect(await page.getByRole('button', { name: 'Trash (3)' }).count()).toBe(1);
  });

  it('delete forever asks first, then removes one for good', async () => {
    await page.getByRole('button', { name: 'Trash (3)' }).click();
    const gone = deleted[1]!;
    await page.getByRole('button', { name: `Delete forever ${gone.title}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 1 document(s) forever?' });
    await dialog.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'trash-confirm.png') });
    await dialog.getByRole('button', { name: 'Delete forever' }).click();
    await expect.poll(() => page.getByTestId('trash-row').count()).toBe(2);
    const trash = await readStore<{ id: number }>(ext, 'trash');
    expect(trash.map((e) => e.id).sort()).toEqual([deleted[2]!.id, deleted[3]!.id].sort());
    expect((await readStore<Row>(ext, 'documents')).some((d) => d.id === gone.id)).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
