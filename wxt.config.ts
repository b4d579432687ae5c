import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { LANGS, LOCALE_FOLDER, localeMessages } from './utils/i18n';

/** pdf.js's character maps (Chinese PDFs whose fonts are not embedded read only through them) and
 * standard fonts, shipped under /pdfjs/ for the dashboard's import worker (components/import pdfAssets). */
const PDFJS_ROOT = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PDFJS_ASSET_DIRS = ['cmaps', 'standard_fonts'] as const;

// Manifest and build settings. The extension asks for no host permissions: capture works through
// activeTab (granted by the user's click, context-menu choice or shortcut) plus scripting.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({
    plugins: [preact()],
    // linkedom (the import worker's DOM) loads a CSS parser whose browser build does not bundle.
    resolve: { alias: { '@acemir/cssom': path.resolve(import.meta.dirname, 'utils/import-cssom-shim.ts') } },
  }),
  hooks: {
    // The browser's own strings (manifest, toolbar tooltip, shortcuts, context menu) are the
    // `manifest.*` entries of the one string table, written as _locales/<locale>/messages.json here
    // rather than kept as a second copy under public/.
    'build:publicAssets': (_wxt, files) => {
      for (const lang of LANGS) {
        files.push({ relativeDest: `_locales/${LOCALE_FOLDER[lang]}/messages.json`, contents: `${JSON.stringify(localeMessages(lang), null, 2)}\n` });
      }
      for (const dir of PDFJS_ASSET_DIRS) {
        for (const name of readdirSync(path.join(PDFJS_ROOT, dir))) {
          // Their licence files (LICENSE, LICENSE_FOXIT, LICENSE_LIBERATION) travel with them.
          files.push({ absoluteSrc: path.join(PDFJS_ROOT, dir, name), relativeDest: `pdfjs/${dir}/${name}` });
        }
      }
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    // Browser-facing strings (name, description, toolbar tooltip, shortcut descriptions) come from
    // _locales/{en,zh_CN}/messages.json (generated above from utils/i18n.ts) in the browser's
    // language; the extension's own pages follow the user's language setting instead.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms wakes the background for automatic backups; offscreen (Chrome MV3 only) is where the
    // backup's file is built, since a service worker cannot make a blob: URL. Neither shows a warning.
    permissions: ['activeTab', 'scripting', 'contextMenus', 'unlimitedStorage', 'alarms', ...(manifestVersion === 3 && browser !== 'firefox' ? ['offscreen'] : [])],
    // Hosts: asked for one site at a time, when the user clips a PDF tab (the file is fetched to be
    // read); never up front. downloads (which warns on install): asked when the user switches
    // automatic backups on in Settings.
    ...(manifestVersion === 2
      ? { optional_permissions: ['downloads', 'http://*/*', 'https://*/*'] }
      : { optional_permissions: ['downloads'], optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    // jieba-wasm compiles WebAssembly on extension pages; nothing is fetched from the network.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // WXT merges the popup (default_popup) into this; the popup's HTML has no <title> so that WXT does
    // not replace this localised tooltip with it.
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_title: '__MSG_actionTitle__' },
    commands: {
      // Opening the popup is `_execute_action` in MV3, `_execute_browser_action` in MV2 (Firefox's default build).
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpenPanel__',
      },
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandClipPage__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // The add-on's permanent id on addons.mozilla.org: never change it, or installed copies lose their library.
              id: '{4a888e35-f3e5-4c72-ab3f-878e5b595ba5}',
              strict_min_version: '121.0',
              // AMO's declaration of what the add-on collects or transmits: nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
