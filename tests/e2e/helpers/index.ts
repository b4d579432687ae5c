// Helpers for end-to-end tests in real headless Chromium, shared by every e2e test file.
//
//   const server = await serveFixtures(join(REPO_ROOT, 'tests/fixtures'), { '/empty.html': '<body></body>' });
//   const ext = await launchExtension();             // fails clearly without `npm run build`
//   const page = await ext.context.newPage();
//   await page.goto(server.url('/pages/trs-gov-notice/source.html'));
//   const tabId = await clickToolbarButton(ext, page); // a user's click: activeTab granted for the tab
//   const popup = await openPopup(ext, tabId);         // popup.html?tabId=N as a normal, drivable page
//   const real = await openPopupFromWorker(ext, page); // action.openPopup as the background calls it
//   const docs = await readStore(ext, 'documents');    // the extension's IndexedDB, read from its worker
//   const net = recordRequests(ext.context);         // every request; net.remote: those leaving the machine
//   scanBundle(extensionDir());                      // remote URLs named in the built code
//   await ext.close(); await server.close();
export { CHROMIUM_PATH, REPO_ROOT, extensionDir, launchExtension, type LaunchOptions, type LaunchedExtension } from './extension';
export { serveFixtures, type FixtureServer } from './server';
export { clickToolbarButton, openExtensionPage, openPopup, openPopupFromWorker, openToolbarPopup, tabIdOf, type ToolbarPopup } from './action';
export { putDocument, readStore, type PutDocument } from './idb';
export { isLocalUrl, recordRequests, scanBundle, REFERENCE_ONLY_HOSTS, type RequestLog, type BundleScan } from './network';
export { ARTIFACTS, goTo, openDashboard, waitAnalysed, type OpenDashboard } from './dashboard';
