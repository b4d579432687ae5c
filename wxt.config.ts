import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Manifest and build settings. The extension asks for no host permissions: capture works through
// activeTab (granted by the user's click, context-menu choice or shortcut) plus scripting.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Tifa Lens 提法透镜',
    description:
      'Clip Chinese government and Party documents, read their metadata, and trace formulations (提法) across years and organisations.',
    default_locale: undefined,
    permissions: ['activeTab', 'scripting', 'storage', 'contextMenus', 'unlimitedStorage'],
    // jieba-wasm compiles WebAssembly on extension pages; nothing is fetched from the network.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // The toolbar tooltip comes from the popup's <title> (entrypoints/popup/index.html).
    commands: {
      // Opening the popup is `_execute_action` in MV3, `_execute_browser_action` in MV2 (Firefox's default build).
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Open the clip panel for this page',
      },
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Clip this page directly into the library',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'tifa-lens@example.org', strict_min_version: '121.0' } } }
      : {}),
  }),
});
