// Citeable charts in real headless Chromium with the built extension: an exported PNG is the chart
// drawn again at twice its size inside a header and a footer band of text (read from the file's
// pixels, so a PNG without the band fails); split by organisation, the heatmap's colour scale,
// Formulations and Compare rows opening their contexts, and tables in pages. Screenshots go to
// tests/artifacts/charts-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, goTo, openDashboard, waitAnalysed, type LaunchedExtension } from './helpers';


let ext: LaunchedExtension;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ({ ext, page, pageErrors } = await openDashboard());
});

afterAll(async () => {
  await ext?.close();
});

async function shot(name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `charts-${name}.png`), fullPage });
}

/** Scroll so the element sits at the top of the viewport (for screenshots that show it with what follows). */
async function toTop(testid: string): Promise<void> {
  await page.getByTestId(testid).first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
}

/** Wait until a chart has drawn (non-transparent pixels on its canvas). */
async function waitPainted(selector: string): Promise<void> {
  const canvas = page.locator(selector).first();
  await canvas.waitFor({ state: 'visible', timeout: 20_000 });
  await expect
    .poll(
      () =>
        canvas.evaluate((c) => {
          const el = c as HTMLCanvasElement;
          const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data;
          let n = 0;
          if (data) for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
          return n;
        }),
      { timeout: 10_000, interval: 100 },
    )
    .toBeGreaterThan(1000);
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Rows of the image (top to bottom) that hold ink: a pixel far from the background colour (the
 * top-left pixel). Decoded by the browser, so this reads what a word processor would show.
 */
async function inkRows(png: Buffer): Promise<number[]> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const [r0, g0, b0] = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
    const rows: number[] = [];
    for (let y = 0; y < c.height; y++) {
      let ink = 0;
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        if (Math.abs((data[i] ?? 0) - r0) + Math.abs((data[i + 1] ?? 0) - g0) + Math.abs((data[i + 2] ?? 0) - b0) > 200) ink++;
      }
      rows.push(ink);
    }
    return rows;
  }, png.toString('base64'));
}

describe('citeable charts', () => {
  it('loads the sample corpus and analyses it', async () => {
    const button = page.getByRole('button', { name: /sample/i });
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 60_000 }).toBe(18);
    await waitAnalysed(page);
  });

  it('a filtered Trends chart exports a 2x PNG with a header and a footer band of text around the chart', async () => {
    await goTo(page, 'Trends');
    await page.getByRole('spinbutton', { name: 'Years from' }).fill('2015');
    await page.getByRole('spinbutton', { name: 'Years from' }).press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('from=2015');
    await waitPainted('canvas[data-testid="chart-trends"]');
    const canvas = page.locator('canvas[data-testid="chart-trends"]');
    const css = await canvas.evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
    const download = page.waitForEvent('download');
    await page.locator('figure[data-chart="trends"]').getByRole('button', { name: /PNG/ }).click();
    const file = await (await download).path();
    const bytes = readFileSync(file!);
    writeFileSync(join(ARTIFACTS, 'charts-trends-export.png'), bytes);
    const { width, height } = pngSize(bytes);
    // Twice the CSS size (print resolution, whatever the screen), and taller than the chart: the bands.
    expect(width).toBe(css.width * 2);
    expect(height).toBeGreaterThan(css.height * 2 + 100);
    const rows = await inkRows(bytes);
    const chartTop = height - css.height * 2;
    // Header: text above the chart (title and filter lines) in the top band.
    const headerInk = rows.slice(0, 60).reduce((a, b) => a + b, 0);
    expect(headerInk).toBeGreaterThan(200);
    // Footer: text in the last band, below where the chart ends.
    const bandTotal = height - css.height * 2;
    expect(bandTotal).toBeGreaterThan(0);
    const footerInk = rows.slice(height - 50).reduce((a, b) => a + b, 0);
    expect(footerInk).toBeGreaterThan(200);
    expect(chartTop).toBeGreaterThan(60);
  });

  it('split by organisation: no more than eight organisations and "other" in the table (the sample has four; the other line is unit-tested)', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('checkbox', { name: 'Split by organisation' }).check();
    await waitPainted('canvas[data-testid="chart-trends"]');
    const orgCells = await page.getByTestId('trends-table').locator('tbody tr td:nth-child(3)').allTextContents();
    const orgs = new Set(orgCells);
    expect(orgs.size).toBeGreaterThan(0);
    expect(orgs.size).toBeLessThanOrEqual(9);
    await page.locator('figure[data-chart="trends"]').scrollIntoViewIfNeeded();
    await shot('trends-split');
    await page.getByRole('checkbox', { name: 'Split by organisation' }).uncheck();
  });

  it('Formulations: the heatmap has its scale, the list is in pages, a row opens its contexts', async () => {
    await goTo(page, 'Formulations');
    await waitPainted('canvas[data-testid="chart-formulations-heatmap"]');
    const pager = page.getByTestId('formulations-pager');
    const range = pager.getByTestId('pager-range');
    await expect.poll(() => range.textContent(), { timeout: 20_000 }).toMatch(/^rows 1–\d+ of \d+$/);
    const [, last, total] = /^rows 1–(\d+) of (\d+)$/.exec((await range.textContent())!)!.map(Number) as [number, number, number];
    expect(await page.getByTestId('formulations-table').locator('tbody tr').count()).toBe(last);
    if (total > last) {
      await pager.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => range.textContent()).toBe(`rows ${last + 1}–${Math.min(total, 2 * last)} of ${total}`);
      await pager.getByRole('button', { name: 'First' }).click();
    }
    // The heat scale is drawn into the chart: the band above the plot area holds its ramp.
    const heat = page.locator('canvas[data-testid="chart-formulations-heatmap"]');
    await heat.scrollIntoViewIfNeeded();
    await page.locator('figure[data-chart="formulations-heatmap"]').screenshot({ path: join(ARTIFACTS, 'charts-heatmap.png') });
    const rampInk = await heat.evaluate((c) => {
      const el = c as HTMLCanvasElement;
      const r = window.devicePixelRatio || 1;
      // The ramp sits 20–30 CSS px from the top, in the right half of the chart.
      const data = el.getContext('2d')!.getImageData(Math.round(el.width / 2), Math.round(20 * r), Math.round(el.width / 2), Math.round(10 * r)).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
    expect(rampInk).toBeGreaterThan(500);
    // Its PNG: the matrix and its scale redrawn at 2x inside the bands.
    const heatCss = await heat.evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
    const heatDownload = page.waitForEvent('download');
    await page.locator('figure[data-chart="formulations-heatmap"]').getByRole('button', { name: /PNG/ }).click();
    const heatPng = readFileSync((await (await heatDownload).path())!);
    writeFileSync(join(ARTIFACTS, 'charts-heatmap-export.png'), heatPng);
    const heatSize = pngSize(heatPng);
    expect(heatSize.width).toBe(heatCss.width * 2);
    expect(heatSize.height).toBeGreaterThan(heatCss.height * 2 + 100);

    const first = page.getByTestId('formulations-table').locator('tbody tr').first().locator('td').first().getByRole('button');
    const phrase = (await first.textContent())!.trim();
    await first.click();
    const kwic = page.getByTestId('kwic');
    await kwic.waitFor({ timeout: 15_000 });
    await expect.poll(() => kwic.locator('tbody .tl-kwic-match').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await kwic.locator('h3').textContent()).toContain(phrase);
    const note = (await kwic.locator('.tl-note').first().textContent()) ?? '';
    const n = Number(/^(\d+) contexts/.exec(note)?.[1]);
    // The count beside the contexts is their number (all of them are listed below 500, in pages).
    expect(n).toBeGreaterThan(0);
    if (n <= 500) expect(await kwic.getByTestId('kwic-pager').getByTestId('pager-range').textContent()).toBe(`rows 1–${Math.min(n, 100)} of ${n}`);
    await toTop('formulations-pager');
    await shot('formulations-list');
    await toTop('kwic');
    await shot('formulations-kwic');
  });

  it('Compare: a keyword row opens its contexts; the keyness table is in pages', async () => {
    await goTo(page, 'Compare');
    const table = page.getByTestId('keyness-table');
    await table.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('keyness-pager').getByTestId('pager-range').textContent()).toMatch(/^rows 1–\d+ of \d+$/);
    const first = table.locator('tbody tr').first().getByRole('button');
    const term = (await first.textContent())!.trim();
    await first.click();
    const kwic = page.getByTestId('kwic');
    await kwic.waitFor({ timeout: 15_000 });
    expect(await kwic.locator('h3').textContent()).toContain(term);
    await expect.poll(() => kwic.locator('tbody .tl-kwic-match').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await toTop('kwic');
    await shot('compare-kwic');
    await toTop('keyness-pager');
    await shot('compare-keyness');
  });

  it('Terms and Structure say which rows they show', async () => {
    await goTo(page, 'Terms');
    await expect.poll(() => page.getByTestId('terms-pager').getByTestId('pager-range').textContent(), { timeout: 20_000 }).toMatch(/^rows 1–20 of 20$/);
    await shot('terms');
    await goTo(page, 'Structure');
    await expect.poll(() => page.getByTestId('patterns-pager').getByTestId('pager-range').textContent(), { timeout: 20_000 }).toMatch(/^rows 1–\d+ of \d+$/);
    await toTop('patterns-pager');
    await shot('structure');
    expect(pageErrors).toEqual([]);
  });
});
