// Helpers for end-to-end tests in real headless Chromium, shared by every e2e test file.
export { CHROMIUM_PATH, REPO_ROOT, extensionDir, launchExtension, type LaunchOptions, type LaunchedExtension } from './extension';
export { serveFixtures, type FixtureServer } from './server';
export { clickToolbarButton, openExtensionPage, openPopup, openToolbarPopup, tabIdOf, type ToolbarPopup } from './action';
export { readStore } from './idb';
