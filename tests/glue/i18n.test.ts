import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LANGS, MESSAGES, getLanguage, languageFromLocale, setLanguage, t, type MessageKey } from '@/utils/i18n';
import { applyLanguageSetting, chooseLanguage, getSetting, resolveLanguage, setSetting } from '@/utils/settings';
import { REFUSAL_MESSAGE, SAVE_FAILURE_MESSAGE } from '@/utils/capture';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wxtConfig from '@/wxt.config';
import { openDatabase, type DB } from '@/utils/db';

describe('strings', () => {
  const keys = Object.keys(MESSAGES.en) as MessageKey[];

  it('every key exists, non-empty, in both languages, and nothing extra', () => {
    for (const lang of LANGS) {
      expect(Object.keys(MESSAGES[lang]).sort()).toEqual([...keys].sort());
      for (const k of keys) expect(MESSAGES[lang][k].trim(), `${lang}:${k}`).not.toBe('');
    }
  });

  it('both languages use the same placeholders for each key', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys) expect(names(MESSAGES.zh[k]), k).toEqual(names(MESSAGES.en[k]));
  });

  it('the Chinese strings are Chinese (except the bilingual menu title)', () => {
    for (const k of keys) if (k !== 'common.switchLanguage') expect(MESSAGES.zh[k], k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every refusal and every save failure has its message', () => {
    for (const key of Object.values(REFUSAL_MESSAGE)) expect(keys).toContain(key);
    for (const key of Object.values(SAVE_FAILURE_MESSAGE)) expect(keys).toContain(key);
  });

  it('the clip button says Clip in English and 剪藏 in Chinese', () => {
    expect(t('popup.clip', undefined, 'en')).toMatch(/Clip/);
    expect(t('popup.clip', undefined, 'zh')).toContain('剪藏');
  });
});

describe('t', () => {
  afterEach(() => setLanguage('en'));

  it('fills placeholders, leaves unknown ones, and treats __proto__ as a plain name', () => {
    expect(t('popup.alreadyClipped', { date: '2024-03-22' }, 'en')).toBe('Already clipped on 2024-03-22.');
    expect(t('popup.alreadyClipped', {}, 'en')).toBe('Already clipped on {date}.');
    expect(t('bg.saved', { title: '__proto__' }, 'zh')).toBe('已剪藏：__proto__');
    expect(t('bg.saved', { title: '$& $1' }, 'en')).toBe('Clipped: $& $1');
  });

  it('follows the current language', () => {
    setLanguage('zh');
    expect(t('popup.clip')).toBe('剪藏本页');
    setLanguage('en');
    expect(t('popup.clip')).toBe('Clip this page');
  });

  it.each([
    ['zh-CN', 'zh'], ['zh-TW', 'zh'], ['zh', 'zh'], ['ZH-hk', 'zh'], ['en-US', 'en'], ['fr', 'en'], ['', 'en'], [undefined, 'en'],
  ] as const)('locale %s → %s', (locale, lang) => {
    expect(languageFromLocale(locale)).toBe(lang);
  });
});

describe('language setting', () => {
  let database: DB;
  let n = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    database = openDatabase(`i18n-test-${++n}`);
    await database.open();
  });
  afterEach(async () => {
    setLanguage('en');
    await database.delete();
  });

  it('defaults to auto, which follows the browser language', async () => {
    expect(await getSetting('language', database)).toBe('auto');
    expect(resolveLanguage('auto', 'zh-CN')).toBe('zh');
    expect(resolveLanguage('auto', 'en-GB')).toBe('en');
    expect(resolveLanguage('zh', 'en-GB')).toBe('zh');
  });

  it('a chosen language is stored, applied, and survives a reload', async () => {
    await chooseLanguage('zh', database);
    expect(getLanguage()).toBe('zh');
    setLanguage('en');
    expect(await applyLanguageSetting(database)).toBe('zh');
    expect(getLanguage()).toBe('zh');
  });

  it('a corrupted stored value reads as the default', async () => {
    await database.settings.put({ key: 'language', value: 'klingon' });
    expect(await getSetting('language', database)).toBe('auto');
  });

  it('refuses to store an invalid value', async () => {
    await expect(setSetting('language', 'fr' as never, database)).rejects.toThrow(/Invalid setting language/);
    expect(await database.settings.count()).toBe(0);
  });
});

describe('the manifest in the browser\'s language (public/_locales)', () => {
  type Messages = Record<string, { message: string; description?: string }>;
  const LOCALES = ['en', 'zh_CN'] as const;
  const read = (locale: string): Messages =>
    JSON.parse(readFileSync(join(__dirname, '../../public/_locales', locale, 'messages.json'), 'utf8')) as Messages;

  async function manifestFor(browser: string, manifestVersion: 2 | 3): Promise<Record<string, unknown>> {
    const m = wxtConfig.manifest as unknown as (env: object) => Record<string, unknown> | Promise<Record<string, unknown>>;
    return m({ browser, manifestVersion, mode: 'production', command: 'build' });
  }
  const msgKeys = (v: unknown): string[] => [...JSON.stringify(v).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]!);

  it('both locales hold the same keys, each a non-empty message; the Chinese ones in Chinese', () => {
    const en = read('en');
    const zh = read('zh_CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const locale of LOCALES) for (const [k, v] of Object.entries(read(locale))) expect(v.message.trim(), `${locale}:${k}`).not.toBe('');
    for (const [k, v] of Object.entries(zh)) expect(v.message, k).toMatch(/[\u4e00-\u9fff]/);
    // Chrome reads keys case-insensitively and only [A-Za-z0-9_@]: a key outside that is never found.
    for (const k of Object.keys(en)) expect(k).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it.each([
    ['chrome', 3],
    ['firefox', 2],
  ] as const)('the %s MV%s manifest names, describes, titles and lists its shortcuts through messages that exist', async (browser, mv) => {
    const manifest = await manifestFor(browser, mv);
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect((manifest[mv === 2 ? 'browser_action' : 'action'] as { default_title: string }).default_title).toBe('__MSG_actionTitle__');
    const commands = manifest.commands as Record<string, { description: string }>;
    for (const [name, c] of Object.entries(commands)) expect(c.description, name).toMatch(/^__MSG_\w+__$/);
    // No user-facing string left in one language only.
    expect(JSON.stringify(manifest)).not.toMatch(/"(?:name|description|default_title)":"(?!__MSG_)[^"]*"/);
    const used = msgKeys(manifest);
    expect(used.length).toBeGreaterThanOrEqual(5);
    for (const locale of LOCALES) for (const k of used) expect(Object.keys(read(locale)), `${locale} lacks ${k}`).toContain(k);
  });

  it('the context-menu entry has its message in both locales', () => {
    for (const locale of LOCALES) expect(read(locale).menuClipPage?.message).toBeTruthy();
  });
});
