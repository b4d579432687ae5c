// The dashboard as several e2e files start it: the built extension launched, its options page open in
// a tab of a fixed size, page errors collected (a test asserts there are none), and the folder for
// screenshots made.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchExtension, REPO_ROOT, type LaunchedExtension } from './extension';

export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');

export interface OpenDashboard {
  ext: LaunchedExtension;
  page: Page;
  /** Messages of uncaught errors on the page, in order. */
  pageErrors: string[];
}

export async function openDashboard(viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<OpenDashboard> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const ext = await launchExtension();
  const page = await ext.context.newPage();
  await page.setViewportSize(viewport);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${ext.origin}/options.html`);
  return { ext, page, pageErrors };
}

/** Wait until background analysis has nothing pending and its progress shows idle. */
export async function waitAnalysed(page: Page, timeout = 90_000): Promise<void> {
  const progress = page.getByTestId('analysis-progress');
  await expect
    .poll(async () => [await progress.getAttribute('data-pending'), await progress.getAttribute('data-state')], { timeout, interval: 250 })
    .toEqual(['0', 'idle']);
}

/** Open a dashboard view from its navigation link, as a user does, and wait for the address to show it. */
export async function goTo(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: new RegExp(`^${view}`) }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`#/${view.toLowerCase()}`);
}
