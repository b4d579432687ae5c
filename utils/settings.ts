// User settings, stored in the database's `settings` table (key → value) so every extension page
// and the background read the same values. The registry below names every key once, with its
// type, default and validator. To add a setting: add it to `Settings` and one line to SETTINGS.
// A stored value that fails its check reads as the default (an old or corrupted value never
// breaks a page); a value that fails it is refused on save with a SettingError naming the key.
import { browser } from 'wxt/browser';
import { db as sharedDb, type DB } from './db';
import { languageFromLocale, setLanguage, type Lang } from './i18n';
import { autoBackupLogProblem, autoBackupSettingProblem, DEFAULT_AUTO_BACKUP, EMPTY_AUTO_BACKUP_LOG, type AutoBackupLog, type AutoBackupSetting } from './auto-backup';

/** 'auto' follows the browser's UI language. */
export type LanguageSetting = 'auto' | Lang;

export interface Settings {
  language: LanguageSetting;
  /** The user's stopwords, added to the built-in list (analysis/stopwords). */
  stopwords: string[];
  /** The user's organisation aliases as [alias, canonical] pairs (analysis/orgs), merged over the built-in groups. */
  orgAliases: [string, string][];
  /** Count each text once: duplicates (analysis/duplicates) are left out of every aggregate. */
  countOnce: boolean;
  /** Milliseconds between two requests when the extension fetches a batch (a list page's documents, attachments, checking sources): one request at a time, politely. */
  fetchPauseMs: number;
  /** Automatic rolling backups to the downloads folder (utils/auto-backup): how often, how many kept. */
  autoBackup: AutoBackupSetting;
  /** What automatic backups did: the last outcome and the files written (written by the background, not by the user). */
  autoBackupLog: AutoBackupLog;
}

export type SettingKey = keyof Settings;

/** Longest stopword accepted: a longer entry is a pasted sentence, not a word. */
export const MAX_STOPWORD_CHARS = 20;
/** Longest organisation name accepted in an alias pair. */
export const MAX_ORG_CHARS = 100;

interface SettingSpec<T> {
  default: T;
  /** A list merged as a set when a backup is restored (utils/backup.ts); otherwise the receiving browser's value is kept. */
  mergedOnRestore?: boolean;
  /** The problem with a value, or null when it is sound. */
  check(v: unknown): string | null;
}

const WHITESPACE = /[\s\u3000]/;

function checkStopwords(v: unknown): string | null {
  if (!Array.isArray(v)) return 'must be a list of words';
  for (const w of v) {
    if (typeof w !== 'string' || w.trim() === '') return 'must hold only non-empty words';
    if (WHITESPACE.test(w)) return `"${w}" holds a space`;
    if ([...w].length > MAX_STOPWORD_CHARS) return `"${w}" is longer than ${MAX_STOPWORD_CHARS} characters`;
  }
  return null;
}

function checkOrgAliases(v: unknown): string | null {
  if (!Array.isArray(v)) return 'must be a list of [alias, canonical] pairs';
  for (const p of v) {
    if (!Array.isArray(p) || p.length !== 2) return 'must hold only [alias, canonical] pairs';
    for (const name of p as unknown[]) {
      if (typeof name !== 'string' || name.trim() === '') return 'must name both organisations of every pair';
      if ([...name].length > MAX_ORG_CHARS) return `"${name.slice(0, 20)}…" is longer than ${MAX_ORG_CHARS} characters`;
    }
  }
  return null;
}

/** Every setting: its one key, default and check. */
export const SETTINGS: { readonly [K in SettingKey]: SettingSpec<Settings[K]> } = {
  language: { default: 'auto', check: (v) => (v === 'auto' || v === 'en' || v === 'zh' ? null : "must be 'auto', 'en' or 'zh'") },
  stopwords: { default: [], check: checkStopwords, mergedOnRestore: true },
  orgAliases: { default: [], check: checkOrgAliases, mergedOnRestore: true },
  countOnce: { default: true, check: (v) => (typeof v === 'boolean' ? null : 'must be true or false') },
  autoBackup: { default: DEFAULT_AUTO_BACKUP, check: autoBackupSettingProblem },
  autoBackupLog: { default: EMPTY_AUTO_BACKUP_LOG, check: autoBackupLogProblem },
  fetchPauseMs: { default: 1500, check: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 60_000 ? null : 'must be a whole number of milliseconds from 0 to 60000') },
};

/** Each key as a value (`SETTING_KEYS.stopwords === 'stopwords'`), for code that names a key. */
export const SETTING_KEYS: { readonly [K in SettingKey]: K } = { language: 'language', stopwords: 'stopwords', orgAliases: 'orgAliases', countOnce: 'countOnce', fetchPauseMs: 'fetchPauseMs', autoBackup: 'autoBackup', autoBackupLog: 'autoBackupLog' };

/** A setting value refused on save; `problem` names what is wrong with it. */
export class SettingError extends Error {
  constructor(
    readonly key: SettingKey,
    readonly problem: string,
  ) {
    super(`Invalid setting ${key}: ${problem}`);
    this.name = 'SettingError';
  }
}

/** Keys whose lists a restored backup merges into this browser's (see SettingSpec.mergedOnRestore). */
export const MERGED_LIST_SETTINGS: ReadonlySet<string> = new Set(
  (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].mergedOnRestore === true),
);

/** The problem with a value for a key, or null when it may be stored. */
export function settingProblem<K extends SettingKey>(key: K, value: unknown): string | null {
  return SETTINGS[key].check(value);
}

/** A stored value as its setting reads it: the default when the value fails its check. */
export function readSetting<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
  return stored !== undefined && settingProblem(key, stored) === null ? (stored as Settings[K]) : SETTINGS[key].default;
}

export async function getSetting<K extends SettingKey>(key: K, database: DB = sharedDb): Promise<Settings[K]> {
  const row = await database.settings.get(key);
  return readSetting(key, row?.value);
}

export async function setSetting<K extends SettingKey>(key: K, value: Settings[K], database: DB = sharedDb): Promise<void> {
  const problem = settingProblem(key, value);
  if (problem !== null) throw new SettingError(key, problem);
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
