// Injected into the active tab on the user's click (activeTab + scripting; never declared as a
// content script). It only reads the page and returns a plain object: storing happens on the
// extension's side, because here IndexedDB would be the page's own.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPage } from '@/analysis/extract';
import type { ExtractResult } from '@/utils/capture';

export default defineUnlistedScript((): ExtractResult => ({
  capture: extractPage(document, location.href),
  contentType: document.contentType,
}));
