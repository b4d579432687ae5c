// Toolbar popup: wires the clip store to the view. `popup.html?tabId=N` targets tab N instead of
// the active tab (tests open the popup as a normal page after clicking the toolbar button).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ClipPanel } from '@/components/popup/ClipPanel';
import { createClipStore } from '@/components/popup/store';
import { applyLanguageSetting } from '@/utils/settings';
import { t } from '@/utils/i18n';
import '@/components/popup/popup.css';

async function targetTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tabId');
  // An explicit but malformed tabId targets nothing (the popup says there is no tab to clip).
  if (param !== null) return /^\d+$/.test(param) ? Number(param) : undefined;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const store = createClipStore();
render(<ClipPanel store={store} />, document.getElementById('app')!);
void applyLanguageSetting()
  .catch(() => undefined)
  .then(() => {
    document.title = t('popup.pageTitle');
  })
  .then(targetTabId)
  .then((tabId) => store.load(tabId))
  // A batch the background is still fetching (the popup was closed meanwhile) shows its progress.
  .then(() => store.batch.resume());
