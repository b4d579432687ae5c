import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHTML } from 'linkedom';
import { extractPage } from '@/analysis/extract';
import background from '@/entrypoints/background';

// The background reads fetched attachments with the browser build of pdf.js, which needs a browser
// (DOMMatrix) to load: these tests fetch nothing, so the reader is left out (tests/glue/linked.test.ts reads).
vi.mock('@/utils/import-host', () => ({
  createInThreadReader: () => {
    throw new Error('no file is read in these tests');
  },
}));
import { db } from '@/utils/db';
import { setSetting } from '@/utils/settings';
import { removeAllListeners, sendMessage } from '@/utils/messaging';
import type { ExtractResult } from '@/utils/capture';
import { localeMessages } from '@/utils/i18n';

// The service worker's wiring, with the real capture pipeline (extract → clean → metadata → Dexie)
// behind a stand-in for scripting.executeScript that reads a fixture page with linkedom.

const FIXTURE = join(__dirname, '../fixtures/e2e/gov-notice/source.html');
const PAGE_URL = 'https://jyj.example.gov.cn/art/2024/6/20/art_1.html';
const TITLE = '关于做好2024年暑期学生安全教育工作的通知';

// A fake browser event holds listeners of any signature, as the real one does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;
function fakeEvent() {
  const listeners: Listener[] = [];
  return {
    addListener: (l: Listener) => void listeners.push(l),
    removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: Listener) => listeners.includes(l),
    trigger: (...args: unknown[]) => Promise.all(listeners.map((l) => l(...args))),
  };
}

function extractFixture(url: string): ExtractResult {
  const { document } = parseHTML(readFileSync(FIXTURE, 'utf8'));
  return { capture: extractPage(document as unknown as Document, url), contentType: 'text/html' };
}

let menus: { create: ReturnType<typeof vi.fn>; removeAll: ReturnType<typeof vi.fn>; onClicked: ReturnType<typeof fakeEvent> };
let onCommand: ReturnType<typeof fakeEvent>;
let executeScript: ReturnType<typeof vi.fn>;

// Tests replace these on the fake; each test starts from the fake's own (unmocked) versions.
const originalOpenPopup = fakeBrowser.action.openPopup;
const originalGetMessage = fakeBrowser.i18n.getMessage;

beforeEach(async () => {
  Object.assign(fakeBrowser.action, { openPopup: originalOpenPopup });
  Object.assign(fakeBrowser.i18n, { getMessage: originalGetMessage });
  // Each test runs main() afresh: the messenger allows one listener per message type and context.
  removeAllListeners();
  fakeBrowser.reset();
  await db.documents.clear();
  await db.settings.clear();
  await setSetting('language', 'en');
  const order: string[] = [];
  menus = {
    removeAll: vi.fn(async () => void order.push('removeAll')),
    create: vi.fn(() => void order.push('create')),
    onClicked: fakeEvent(),
  };
  onCommand = fakeEvent();
  executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
    const tab = await fakeBrowser.tabs.get(target.tabId);
    return [{ frameId: 0, documentId: 'doc', result: extractFixture(tab.url!) }];
  });
  Object.assign(fakeBrowser.contextMenus, menus);
  Object.assign(fakeBrowser.commands, { onCommand });
  Object.assign(fakeBrowser.scripting, { executeScript });
  background.main();
});

afterEach(() => vi.restoreAllMocks());

async function badge(tabId: number) {
  return { text: await fakeBrowser.action.getBadgeText({ tabId }), title: await fakeBrowser.action.getTitle({ tabId }) };
}

describe('background', () => {
  it('registers the context menu on install, clearing old entries first', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledOnce());
    expect(menus.removeAll.mock.invocationCallOrder[0]).toBeLessThan(menus.create.mock.invocationCallOrder[0]!);
    // Without a browser i18n answer the entry is bilingual.
    expect(menus.create).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Clip this page to Tifa Lens / 剪藏到提法透镜', contexts: expect.arrayContaining(['page']) }),
    );
  });

  it.each([
    ['en', 'Clip this page to Tifa Lens'],
    ['zh', '剪藏到提法透镜'],
  ] as const)('the context-menu entry is in the browser\'s language (%s, from the generated _locales)', async (lang, title) => {
    const messages = localeMessages(lang);
    const getMessage = vi.fn((key: string) => messages[key]?.message ?? '');
    Object.assign(fakeBrowser.i18n, { getMessage });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledOnce());
    expect(getMessage).toHaveBeenCalledWith('menuClipPage');
    expect(menus.create.mock.calls[0]![0].title).toBe(title);
  });

  it('the context menu clips the page at once: cleaned text stored, badge ✓', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalled());
    const menuId = menus.create.mock.calls[0]![0].id;
    await menus.onClicked.trigger({ menuItemId: menuId }, tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    expect((await badge(tab.id!)).title).toBe(`Clipped: ${TITLE}`);
    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ url: PAGE_URL, title: TITLE, docNumber: '临教发〔2024〕15号', date: '2024-06-18', orgs: ['临川市教育局'] });
    expect(docs[0]!.text).toContain('防范溺水事故');
    expect(docs[0]!.text).not.toMatch(/广告位|浏览次数|ICP备/);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['/extract.js'] });
  });

  it('the shortcut on a page already clipped stores nothing, says when it was clipped, and opens the popup for the choice', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL, active: true });
    const openPopup = vi.fn(async (_options?: { windowId?: number }) => undefined);
    Object.assign(fakeBrowser.action, { openPopup });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    expect(openPopup).not.toHaveBeenCalled();
    await fakeBrowser.action.setBadgeText({ tabId: tab.id!, text: '' });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledOnce());
    // The popup opens over the clipped tab's window; it finds the duplicate and offers update / keep both.
    expect(openPopup).toHaveBeenCalledWith({ windowId: tab.windowId });
    expect((await badge(tab.id!)).title).toMatch(/^Already clipped on \d{4}-\d{2}-\d{2}: .+ update it or keep both\.$/);
    expect(await db.documents.count()).toBe(1);
  });

  it.each([
    ['refused by the browser', () => vi.fn(async () => Promise.reject(new Error('Could not find an active browser window.')))],
    ['missing (before Chrome 127)', () => undefined],
  ])('a duplicate from the context menu when openPopup is %s: the badge tooltip offers the choice instead', async (_case, make) => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL, active: true });
    const openPopup = make();
    Object.assign(fakeBrowser.action, { openPopup });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalled());
    const menuId = menus.create.mock.calls[0]![0].id;
    await menus.onClicked.trigger({ menuItemId: menuId }, tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).title).toBe(`Clipped: ${TITLE}`));
    await menus.onClicked.trigger({ menuItemId: menuId }, tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).title).toMatch(/^Already clipped on .*Click the Tifa Lens button to update it or keep both\.$/));
    if (openPopup) await vi.waitFor(() => expect(openPopup).toHaveBeenCalledOnce());
    expect((await badge(tab.id!)).text).toBe('✓');
    expect(await db.documents.count()).toBe(1);
  });

  it('a duplicate in a tab that is not the active one does not open the popup over another page', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL, active: false });
    const openPopup = vi.fn(async () => undefined);
    Object.assign(fakeBrowser.action, { openPopup });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).title).toMatch(/^Already clipped on /));
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('a storage failure is told as "could not save" with its cause, never as a page the browser would not let us read', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    const quota = Object.assign(new Error('The quota has been exceeded.\nat IDBObjectStore.add'), { name: 'QuotaExceededError' });
    vi.spyOn(db, 'transaction').mockRejectedValue(quota as never);
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('!'));
    const { title } = await badge(tab.id!);
    expect(title).toBe('Could not save this page: the disk is full: the browser cannot store more for Tifa Lens; nothing was written (The quota has been exceeded.).');
    expect(title).not.toContain('does not let');
    expect(executeScript).toHaveBeenCalledOnce();
  });

  it('the "could not save" tooltip follows the language setting', async () => {
    await setSetting('language', 'zh');
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    vi.spyOn(db, 'transaction').mockRejectedValue(Object.assign(new Error('Database closed'), { name: 'DatabaseClosedError' }) as never);
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).title).toBe('未能保存此页面：文库数据库无法打开或写入（Database closed）。'));
  });

  it('the shortcut without a tab argument clips the active tab', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    // The fake's window focus is not modelled: answer the query as the browser would.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab] as never);
    await onCommand.trigger('clip-page');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    expect(await db.documents.count()).toBe(1);
  });

  it('a browser page is refused with badge ! and a one-line reason, without injecting', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://settings/' });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('!'));
    expect((await badge(tab.id!)).title).toBe('Not clipped: Browser pages (chrome://, about:, settings, new tab) cannot be clipped.');
    expect(executeScript).not.toHaveBeenCalled();
    expect(await db.documents.count()).toBe(0);
  });

  it('a list page (the real list fixture through the real pipeline) is refused with badge ! and how many entries it lists; nothing stored', async () => {
    const list = readFileSync(join(__dirname, '../fixtures/pages/list-notices/source.html'), 'utf8');
    const url = 'https://fgw.example.gov.cn/tzgg/index.html';
    const { document } = parseHTML(list);
    executeScript.mockResolvedValue([{ frameId: 0, documentId: 'doc', result: { capture: extractPage(document as unknown as Document, url), contentType: 'text/html' } }]);
    const tab = await fakeBrowser.tabs.create({ url });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('!'));
    expect((await badge(tab.id!)).title).toBe('Not clipped: This page looks like a list of 20 documents, not a document.');
    expect(await db.documents.count()).toBe(0);
  });

  it('other commands and menu items are ignored: only the real clip after them injects', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    await onCommand.trigger('something-else', tab);
    await menus.onClicked.trigger({ menuItemId: 'not-ours' }, tab);
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).text).toBe('✓'));
    // Listeners run in order: had an ignored event started a clip, it would have injected first.
    expect(executeScript).toHaveBeenCalledOnce();
    expect(await db.documents.count()).toBe(1);
  });

  it('the badge titles follow the language setting', async () => {
    await setSetting('language', 'zh');
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await onCommand.trigger('clip-page', tab);
    await vi.waitFor(async () => expect((await badge(tab.id!)).title).toBe('未剪藏：浏览器内部页面（chrome://、about:、设置、新标签页）无法剪藏。'));
  });

  it('a save announced by the popup marks its tab', async () => {
    const tab = await fakeBrowser.tabs.create({ url: PAGE_URL });
    await sendMessage('documentSaved', { ids: [1], kind: 'added', tabId: tab.id!, title: '某文件' });
    await vi.waitFor(async () => expect(await badge(tab.id!)).toEqual({ text: '✓', title: 'Clipped: 某文件' }));
  });
});
