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

type BrowserSession = Awaited<ReturnType<NonNullable<ReturnType<LaunchedExtension['context']['browser']>>['newBrowserCDPSession']>>;

async function browserSession(ext: LaunchedExtension): Promise<BrowserSession> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('No browser handle for this context');
  return browser.newBrowserCDPSession();
}

/** The address of the extension's toolbar popup, as its CDP target reports it. */
const popupUrlOf = (ext: LaunchedExtension): string => `${ext.origin}/popup.html`;

async function popupTargets(cdp: BrowserSession, popupUrl: string): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as unknown as { targetInfos: TargetInfo[] };
  return targetInfos.filter((t) => t.type === 'page' && t.url === popupUrl).map((t) => t.targetId);
}

/** Click the toolbar button on `page`'s tab; returns the target ids of the popup(s) it opened. */
async function triggerAction(ext: LaunchedExtension, cdp: BrowserSession, page: Page): Promise<string[]> {
  await page.bringToFront();
  const url = page.url();
  // A tab's target can report its new address a moment after the page has committed it (seen
  // with Chromium's PDF viewer), so wait for exactly one tab to show the page's address.
  const tabs = await waitFor(async () => {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as { targetInfos: TargetInfo[] };
    const atUrl = targetInfos.filter((t) => t.type === 'tab' && t.url === url);
    return atUrl.length === 1 ? atUrl : undefined;
  }, `exactly one tab at ${url}`);
  const popupUrl = popupUrlOf(ext);
  const before = new Set(await popupTargets(cdp, popupUrl));
  await cdp.send('Extensions.triggerAction' as never, { id: ext.extensionId, targetId: tabs[0]!.targetId } as never);
  return waitFor(async () => {
    const opened = (await popupTargets(cdp, popupUrl)).filter((id) => !before.has(id));
    return opened.length > 0 ? opened : undefined;
  }, 'the toolbar popup to open');
}

/**
 * Click the extension's toolbar button on `page`'s tab, the way a user does: Chromium grants
 * activeTab for that tab and opens the real popup. Needs --enable-unsafe-extension-debugging.
 * The real popup is closed again (tests then drive `openPopup(ext, tabId)`, a normal page).
 * Returns the tab's id.
 */
export async function clickToolbarButton(ext: LaunchedExtension, page: Page): Promise<number> {
  const cdp = await browserSession(ext);
  try {
    const opened = await triggerAction(ext, cdp, page);
    for (const targetId of opened) await cdp.send('Target.closeTarget', { targetId });
    // closeTarget returns before the popup is gone; the next action on this window (another click,
    // or action.openPopup, which Chromium refuses while a popup is still up) waits for it.
    const popupUrl = popupUrlOf(ext);
    await waitFor(async () => ((await popupTargets(cdp, popupUrl)).some((id) => opened.includes(id)) ? undefined : true), 'the toolbar popup to close');
  } finally {
    await cdp.detach();
  }
  return tabIdOf(ext, page);
}

/** The real toolbar popup, reached over CDP (Playwright does not list it among the context's pages). */
export interface ToolbarPopup {
  tabId: number;
  /** Evaluate a JavaScript expression in the popup; returns its value (JSON-serialisable). */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** Click the toolbar button on `page` and keep the real popup open to inspect or drive it. */
export async function openToolbarPopup(ext: LaunchedExtension, page: Page): Promise<ToolbarPopup> {
  const cdp = await browserSession(ext);
  const [targetId] = await triggerAction(ext, cdp, page);
  return attachPopup(cdp, targetId!, await tabIdOf(ext, page));
}

/**
 * Open the real popup the way the background does for a duplicate (action.openPopup, from the
 * service worker, with no user gesture) over `page`'s window, and keep it open to inspect.
 */
export async function openPopupFromWorker(ext: LaunchedExtension, page: Page): Promise<ToolbarPopup> {
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  const cdp = await browserSession(ext);
  const popupUrl = popupUrlOf(ext);
  const before = new Set(await popupTargets(cdp, popupUrl));
  const worker = await ext.worker();
  // Chromium answers "Failed to open popup." while the window is not yet ready for one (a popup
  // closed a moment ago still being torn down was seen on CI): ask again until it opens or 10 s pass.
  await waitFor(async () => {
    const error = await worker.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome: { tabs: { get(id: number): Promise<{ windowId: number }> }; action: { openPopup(o: object): Promise<void> } } }).chrome;
      const tab = await c.tabs.get(id);
      try {
        await c.action.openPopup({ windowId: tab.windowId });
        return '';
      } catch (e) {
        return String(e instanceof Error ? e.message : e);
      }
    }, tabId);
    if (error === '') return true;
    if (!/Failed to open popup/.test(error)) throw new Error(`action.openPopup: ${error}`);
    return undefined;
  }, 'action.openPopup to accept the window');
  const [targetId] = await waitFor(async () => {
    const opened = (await popupTargets(cdp, popupUrl)).filter((id) => !before.has(id));
    return opened.length > 0 ? opened : undefined;
  }, 'action.openPopup to open the popup');
  return attachPopup(cdp, targetId!, tabId);
}

async function attachPopup(cdp: BrowserSession, targetId: string, tabId: number): Promise<ToolbarPopup> {
  // A non-flattened session: Playwright's CDPSession cannot address a child session directly.
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const pending = new Map<number, (reply: { result?: { result: { value?: unknown }; exceptionDetails?: { text: string } }; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as { id?: number };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply as never);
    if (reply.id !== undefined) pending.delete(reply.id);
  });
  return {
    tabId,
    evaluate<T>(expression: string) {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (reply) => {
          if (reply.error) reject(new Error(reply.error.message));
          else if (reply.result?.exceptionDetails) reject(new Error(reply.result.exceptionDetails.text));
          else resolve(reply.result?.result.value as T);
        });
        const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } });
        cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
      });
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await cdp.detach();
    },
  };
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
