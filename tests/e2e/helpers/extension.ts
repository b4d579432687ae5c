// Launch Debian's Chromium with the built extension loaded (headless), for end-to-end tests.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Chromium from the Debian package; Playwright's own headless shell cannot load extensions. */
export const CHROMIUM_PATH = process.env.TIFA_CHROMIUM ?? '/usr/bin/chromium';

/** The unpacked Chrome build (`npm run build` writes it); TIFA_EXTENSION_DIR overrides it. */
export function extensionDir(): string {
  const dir = resolve(process.env.TIFA_EXTENSION_DIR ?? join(REPO_ROOT, '.output/chrome-mv3'));
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first (npm test does it before the e2e tests).`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install the Debian package (apt-get install chromium) or set TIFA_CHROMIUM.`);
  }
  return dir;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id> */
  origin: string;
  /** The extension's service worker (the background), for evaluating extension-side code. */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Chromium switches for a quiet, reproducible, headless run with one unpacked extension. */
function chromiumArgs(dir: string, lang: string): string[] {
  return [
    // The browser UI language, which the extension's 'auto' language setting follows.
    `--lang=${lang}`,
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Lets a CDP client click the toolbar button (Extensions.triggerAction), as a user would.
    '--enable-unsafe-extension-debugging',
  ];
}

/** Launch a fresh profile with the extension; the id is read from its service worker's URL. */
export interface LaunchOptions {
  /** Defaults to the build under .output/chrome-mv3. */
  extensionDir?: string;
  /** Browser UI language, e.g. 'en-US' (default) or 'zh-CN'. */
  lang?: string;
  /** Where the profile lives (default: a new directory under the system's temp dir), e.g. on a small disk. */
  userDataDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const dir = options.extensionDir ?? extensionDir();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'tifa-lens-e2e-'));
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    // Headless comes from --headless=new in args; Playwright's own --headless flag adds nothing here.
    headless: false,
    // Playwright disables extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(dir, options.lang ?? 'en-US'),
    locale: options.lang ?? 'en-US',
  });
  try {
    const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(first.url());
    if (!match) throw new Error(`Unexpected service worker URL ${first.url()}`);
    const extensionId = match[1]!;
    const origin = `chrome-extension://${extensionId}`;
    const worker = async (): Promise<Worker> => {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(origin));
      if (live) return live;
      // An idle worker was stopped: an event wakes it. Opening an extension page is one.
      const wake = context.waitForEvent('serviceworker', { timeout: 30_000, predicate: (w) => w.url().startsWith(origin) });
      const page = await context.newPage();
      await page.goto(`${origin}/popup.html?tabId=none`).catch(() => undefined);
      const w = await wake;
      await page.close();
      return w;
    };
    return {
      context,
      extensionId,
      origin,
      worker,
      async close() {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
}
