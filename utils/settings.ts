// User settings, stored in the database's `settings` table (key → value) so every extension page
// and the background read the same values. To add a setting: add it to `Settings`, give it a
// default in DEFAULT_SETTINGS and a check in VALIDATORS (a stored value that fails its check reads
// as the default, so an old or corrupted value never breaks a page).
import { browser } from 'wxt/browser';
import { db as sharedDb, type DB } from './db';
import { languageFromLocale, setLanguage, type Lang } from './i18n';

/** 'auto' follows the browser's UI language. */
export type LanguageSetting = 'auto' | Lang;

export interface Settings {
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  language: 'auto',
};

const VALIDATORS: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  language: (v): v is LanguageSetting => v === 'auto' || v === 'en' || v === 'zh',
};

export async function getSetting<K extends keyof Settings>(key: K, database: DB = sharedDb): Promise<Settings[K]> {
  const row = await database.settings.get(key);
  const check = VALIDATORS[key] as (v: unknown) => v is Settings[K];
  return row && check(row.value) ? row.value : DEFAULT_SETTINGS[key];
}

export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K], database: DB = sharedDb): Promise<void> {
  if (!VALIDATORS[key](value)) throw new Error(`Invalid setting ${key}: ${JSON.stringify(value)}`);
  await database.settings.put({ key, value });
}

/** The browser's UI locale, from the extension API when there is one, else the page's navigator. */
export function browserLocale(): string | undefined {
  try {
    const fromApi = browser.i18n?.getUILanguage?.();
    if (fromApi) return fromApi;
  } catch {
    // Not every context (tests, some workers) has i18n.
  }
  return typeof navigator !== 'undefined' ? navigator.language : undefined;
}

export function resolveLanguage(setting: LanguageSetting, locale: string | undefined = browserLocale()): Lang {
  return setting === 'auto' ? languageFromLocale(locale) : setting;
}

/** Read the language setting and make it the UI language; returns the language applied. */
export async function applyLanguageSetting(database: DB = sharedDb): Promise<Lang> {
  const lang = resolveLanguage(await getSetting('language', database));
  setLanguage(lang);
  return lang;
}

/** Store an explicit language choice and apply it at once. */
export async function chooseLanguage(lang: Lang, database: DB = sharedDb): Promise<void> {
  setLanguage(lang);
  await setSetting('language', lang, database);
}
