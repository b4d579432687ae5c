// Service worker: wires the context menu and the 'clip-page' shortcut to the one-step clip, marks
// the toolbar badge, and wakes for automatic backups (utils/auto-backup-run). Every listener is registered synchronously in main(), so a worker woken
// by an event finds its listener.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clipTabDirectly, localDay, REFUSAL_MESSAGE, SAVE_FAILURE_MESSAGE, saveFailureOf, type DirectOutcome } from '@/utils/capture';
import { t } from '@/utils/i18n';
import { onMessage } from '@/utils/messaging';
import { cancelFetchJob, fetchJobState, startFetchJob } from '@/utils/import-background';
import { applyLanguageSetting } from '@/utils/settings';
import { forgetKeptAnswers } from '@/utils/db';
import { AUTO_BACKUP_ALARM, runAutoBackup, scheduleAutoBackups } from '@/utils/auto-backup-run';

const MENU_ID = 'tifa-lens-clip-page';
const CLIP_COMMAND = 'clip-page';

/** Badge marks: saved (or already saved), and not clipped. */
const BADGE = {
  ok: { text: '✓', color: '#2e7d32' },
  refused: { text: '!', color: '#c62828' },
} as const;

/** MV3 exposes `action`; a Firefox MV2 build exposes the same calls as `browserAction`. */
function toolbar(): typeof browser.action {
  return (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction);
}

async function mark(tabId: number, kind: keyof typeof BADGE, title: string): Promise<void> {
  const action = toolbar();
  try {
    await action.setBadgeBackgroundColor({ tabId, color: BADGE[kind].color });
    await action.setBadgeText({ tabId, text: BADGE[kind].text });
    await action.setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile: there is nothing left to mark.
  }
}

/**
 * Offer the duplicate choice (update it / keep both) by opening the toolbar popup over the clipped
 * tab, which finds the duplicate itself and shows the two buttons. action.openPopup exists from
 * Chrome 127 and opens on the active tab of a window, so it is tried only when the clipped tab is
 * that tab. Returns whether the popup opened; the caller's badge tooltip is the fallback.
 */
async function offerDuplicateChoice(tabId: number): Promise<boolean> {
  const action = toolbar();
  if (typeof action?.openPopup !== 'function') return false;
  try {
    const tab = await browser.tabs.get(tabId);
    if (!tab.active) return false;
    await action.openPopup(tab.windowId !== undefined ? { windowId: tab.windowId } : undefined);
    return true;
  } catch (e) {
    // Refused (no focused window, an older browser, a popup already open): the tooltip says it instead.
    console.info('Tifa Lens: could not open the popup for the duplicate choice', e);
    return false;
  }
}

async function reportOutcome(tabId: number, outcome: DirectOutcome): Promise<void> {
  await applyLanguageSetting().catch(() => undefined);
  switch (outcome.status) {
    case 'saved':
      return mark(tabId, 'ok', t('bg.saved', { title: outcome.record.title }));
    case 'duplicate':
      // The tooltip stays set even when the popup opens: it still explains the mark after the popup closes.
      await mark(tabId, 'ok', t('bg.duplicate', { date: localDay(outcome.duplicate.record.capturedAt), title: outcome.duplicate.record.title }));
      await offerDuplicateChoice(tabId);
      return;
    case 'refused':
      return mark(tabId, 'refused', t('bg.refused', { reason: t(REFUSAL_MESSAGE[outcome.reason]) }));
    case 'notDocument':
      return mark(tabId, 'refused', t('bg.refused', { reason: t('refuse.listPage', { n: outcome.items }) }));
    case 'failed':
      return mark(tabId, 'refused', t('saveFailed.summary', { cause: t(SAVE_FAILURE_MESSAGE[outcome.failure], { problem: outcome.problem }) }));
  }
}

async function clipAndReport(tabId: number | undefined): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  let outcome: DirectOutcome;
  try {
    outcome = await clipTabDirectly(tabId);
  } catch (e) {
    // clipTabDirectly reports its own failures; this guards against anything it missed.
    outcome = { status: 'failed', ...saveFailureOf(e) };
  }
  if (outcome.status === 'failed') console.error('Tifa Lens: clip not saved', outcome);
  await reportOutcome(tabId, outcome);
}

/**
 * The context-menu entry in the browser's language (_locales, generated from utils/i18n.ts at build), like the manifest's strings:
 * the menu is created once at install, before any language setting could be read. Falls back to the
 * bilingual string where the i18n API gives nothing.
 */
function menuTitle(): string {
  try {
    // The _locales are generated at build, so WXT's generated types do not list their keys.
    const localised = (browser.i18n.getMessage as (name: string) => string)('menuClipPage');
    if (localised) return localised;
  } catch {
    // No i18n API in this context.
  }
  return t('bg.menuTitle');
}

async function activeTabId(): Promise<number | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  } catch {
    return undefined;
  }
}

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onInstalled.addListener(() => {
      // removeAll first: onInstalled also fires on update, and ids must not be created twice.
      void browser.contextMenus.removeAll().then(() =>
        browser.contextMenus.create({ id: MENU_ID, title: menuTitle(), contexts: ['page', 'selection'] }),
      );
    });

    // Automatic backups: the alarm exists while they are on (Settings creates or clears it; it is
    // made again at install and startup); each time it fires a backup is written if one is due.
    // Answers kept by an older build may have been computed differently.
    browser.runtime.onInstalled.addListener(() => void forgetKeptAnswers());
    browser.runtime.onInstalled.addListener(() => void scheduleAutoBackups().catch((e: unknown) => console.error('Tifa Lens: automatic backups not scheduled', e)));
    browser.runtime.onStartup.addListener(() => void scheduleAutoBackups().catch((e: unknown) => console.error('Tifa Lens: automatic backups not scheduled', e)));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_BACKUP_ALARM) void runAutoBackup().catch((e: unknown) => console.error('Tifa Lens: automatic backup not recorded', e));
    });

    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === MENU_ID) void clipAndReport(tab?.id);
    });

    browser.commands.onCommand.addListener((command, tab) => {
      if (command !== CLIP_COMMAND) return;
      void (tab?.id !== undefined ? Promise.resolve(tab.id) : activeTabId()).then(clipAndReport);
    });

    // A clip saved from the popup: mark the tab the same way as a clip from the menu.
    onMessage('documentSaved', async ({ data }) => {
      if (data.tabId !== undefined) {
        await applyLanguageSetting().catch(() => undefined);
        await mark(data.tabId, 'ok', t('bg.saved', { title: data.title }));
      }
    });

    // Attachments and list entries picked in the popup: fetched and clipped here, so the batch
    // outlives the popup.
    onMessage('startFetchJob', ({ data }) => startFetchJob(data));
    onMessage('fetchJobState', () => fetchJobState());
    onMessage('cancelFetchJob', () => cancelFetchJob());
  },
});
