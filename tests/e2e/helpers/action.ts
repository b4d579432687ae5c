// Acting as the user: clicking the toolbar button, finding a page's tab id, opening the popup.
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './extension';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** Poll until `probe` returns a value (or time runs out). */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Click the extension's toolbar button on `page`'s tab, the way a user does: Chromium grants
 * activeTab for that tab and opens the real popup. Needs --enable-unsafe-extension-debugging.
 * The real popup is closed again (it only previews; tests drive `openPopup` instead) unless
 * `keepPopup` is set. Returns the tab's id.
 */
export async function clickToolbarButton(ext: LaunchedExtension, page: Page, options: { keepPopup?: boolean } = {}): Promise<number> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('No browser handle for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    await page.bringToFront();
    const url = page.url();
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as { targetInfos: TargetInfo[] };
    const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === url);
    if (tabs.length !== 1) throw new Error(`Expected one tab at ${url}, found ${tabs.length}`);
    const popupUrl = `${ext.origin}/popup.html`;
    const popupsBefore = new Set(await popupTargets(cdp, popupUrl));
    await cdp.send('Extensions.triggerAction' as never, { id: ext.extensionId, targetId: tabs[0]!.targetId } as never);
    const opened = await waitFor(async () => {
      const now = (await popupTargets(cdp, popupUrl)).filter((id) => !popupsBefore.has(id));
      return now.length > 0 ? now : undefined;
    }, 'the toolbar popup to open');
    if (!options.keepPopup) for (const targetId of opened) await cdp.send('Target.closeTarget', { targetId });
  } finally {
    await cdp.detach();
  }
  return tabIdOf(ext, page);
}

async function popupTargets(cdp: { send(m: 'Target.getTargets'): Promise<unknown> }, popupUrl: string): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.filter((t) => t.type === 'page' && t.url === popupUrl).map((t) => t.targetId);
}

interface TabLike {
  id?: number;
  url?: string;
  pendingUrl?: string;
}

/**
 * The browser's tab id of `page`, asked of the extension's service worker. Without the tabs
 * permission a tab's URL is visible only once activeTab was granted (after `clickToolbarButton`);
 * when it is hidden (chrome:// pages) the newest tab is taken, since tab ids only grow: open the
 * page last.
 */
export async function tabIdOf(ext: LaunchedExtension, page: Page): Promise<number> {
  const worker = await ext.worker();
  const tabs = await worker.evaluate(async () => {
    // Runs in the service worker, where `chrome` is the extension API.
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<TabLike[]> } } }).chrome;
    return (await api.tabs.query({})).map((t) => ({ id: t.id ?? -1, url: t.url ?? t.pendingUrl ?? '' }));
  });
  const url = page.url();
  const byUrl = tabs.filter((t) => t.url === url);
  if (byUrl.length === 1) return byUrl[0]!.id;
  if (byUrl.length > 1) throw new Error(`Several tabs at ${url}`);
  const hidden = tabs.filter((t) => t.url === '');
  if (hidden.length === 0) throw new Error(`No tab at ${url}`);
  return Math.max(...hidden.map((t) => t.id));
}

/** Open the popup as a normal page aimed at tab `tabId` (`popup.html?tabId=N`). */
export async function openPopup(ext: LaunchedExtension, tabId: number): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${ext.origin}/popup.html?tabId=${tabId}`);
  return page;
}

/** Open an extension page (options.html, …) in a new tab. */
export async function openExtensionPage(ext: LaunchedExtension, path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${ext.origin}/${path.replace(/^\//, '')}`);
  return page;
}
