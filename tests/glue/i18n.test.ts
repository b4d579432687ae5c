import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  LANGS,
  LOCALE_FOLDER,
  MESSAGES,
  categoryLabel,
  cleanRuleLabel,
  errorText,
  getLanguage,
  languageFromLocale,
  localeMessages,
  orgAliasErrorMessages,
  setLanguage,
  t,
  type MessageKey,
} from '@/utils/i18n';
import { applyLanguageSetting, chooseLanguage, getSetting, resolveLanguage, setSetting } from '@/utils/settings';
import { REFUSAL_MESSAGE, SAVE_FAILURE_MESSAGE } from '@/utils/capture';
import { existsSync, readFileSync } from 'node:fs';
import { LINE_RULES } from '@/analysis/clean-rules';
import { join } from 'node:path';
import wxtConfig from '@/wxt.config';
import { openDatabase, textHashOf, validateDocument, ValidationError, type DB, type DocumentRecord } from '@/utils/db';
import { BackupError, parseBackup } from '@/utils/backup';
import { builtInLexicon } from '@/analysis/config';

/** Keys whose text is the same in both languages because it holds no word (a format, a letter, a symbol, punctuation). */
const NOT_WORDS = new Set<MessageKey>(['views.csv', 'views.png', 'views.compareA', 'views.compareB', 'views.compareG2', 'backup.error']);

/** `{name}` placeholders of a template, sorted. */
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * The table's checks, as a function of the table so the test below can show they catch a broken one:
 * every key in every language, non-empty, with the same placeholders as English.
 */
function tableProblems(messages: Record<string, Record<string, string>>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(messages.en ?? {});
  for (const lang of LANGS) {
    const table = messages[lang] ?? {};
    for (const k of keys) {
      const text = table[k];
      if (typeof text !== 'string') problems.push(`${lang} lacks ${k}`);
      else if (text.trim() === '') problems.push(`${lang}:${k} is empty`);
      else if (placeholders(text).join() !== placeholders(messages.en![k]!).join()) problems.push(`${lang}:${k} has placeholders ${placeholders(text).join() || 'none'}, English ${placeholders(messages.en![k]!).join() || 'none'}`);
    }
    for (const k of Object.keys(table)) if (!keys.includes(k)) problems.push(`${lang} has ${k}, which English lacks`);
  }
  return problems;
}

describe('strings', () => {
  const keys = Object.keys(MESSAGES.en) as MessageKey[];

  it('every key exists, non-empty, in both languages, with the same placeholders, and nothing extra', () => {
    expect(tableProblems(MESSAGES)).toEqual([]);
  });

  it.each([
    ['a key missing in Chinese', (m: Record<string, Record<string, string>>) => delete m.zh!['popup.clip'], 'zh lacks popup.clip'],
    ['an empty Chinese string', (m: Record<string, Record<string, string>>) => (m.zh!['views.csvOf'] = ' '), 'zh:views.csvOf is empty'],
    ['a placeholder renamed in Chinese', (m: Record<string, Record<string, string>>) => (m.zh!['bg.saved'] = '已剪藏：{name}'), 'zh:bg.saved has placeholders name, English title'],
    ['a placeholder dropped in Chinese', (m: Record<string, Record<string, string>>) => (m.zh!['lib.select'] = '选择'), 'zh:lib.select has placeholders none, English title'],
  ])('the check fails on %s', (_what, breakIt, problem) => {
    const copy = { en: { ...MESSAGES.en }, zh: { ...MESSAGES.zh } } as Record<string, Record<string, string>>;
    breakIt(copy);
    expect(tableProblems(copy)).toEqual([problem]);
  });

  it('the Chinese strings are Chinese (except the language switch, which names English, and non-words)', () => {
    for (const k of keys) if (k !== 'common.switchLanguage' && !NOT_WORDS.has(k)) expect(MESSAGES.zh[k], k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every refusal and every save failure has its message', () => {
    for (const key of Object.values(REFUSAL_MESSAGE)) expect(keys).toContain(key);
    for (const key of Object.values(SAVE_FAILURE_MESSAGE)) expect(keys).toContain(key);
  });

  it('the clip button says Clip in English and 剪藏 in Chinese', () => {
    expect(t('popup.clip', undefined, 'en')).toMatch(/Clip/);
    expect(t('popup.clip', undefined, 'zh')).toContain('剪藏');
  });

  it('every category of the built-in lexicon, and the user\'s default, has a label in both languages', () => {
    const categories = [...new Set([...builtInLexicon().map((e) => e.category), 'user'])];
    for (const c of categories) {
      expect(keys, c).toContain(`category.${c}`);
      expect(categoryLabel(c, 'zh'), c).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(categoryLabel('组织建设', 'zh')).toBe('组织建设');
    expect(categoryLabel('organisation-building', 'zh')).toBe('组织建设');
    expect(categoryLabel('__proto__', 'zh')).toBe('__proto__');
  });
});

describe('cleaning rules', () => {
  it('every rule that can remove a line has a label in both languages', () => {
    // The line rules' names, and the rules analysis/clean.ts names in its code (read from the source, so a new one cannot slip by).
    const source = readFileSync(join(__dirname, '../../analysis/clean.ts'), 'utf8');
    const inCode = [...source.matchAll(/(?:drop = |rule: )'([a-z-]+)'/g)].map((m) => m[1]!);
    expect(inCode.length).toBeGreaterThan(5);
    for (const rule of new Set([...LINE_RULES.map((r) => r.name), ...inCode])) {
      expect(Object.keys(MESSAGES.en), rule).toContain(`cleanRule.${rule}`);
      expect(cleanRuleLabel(rule, 'zh'), rule).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(cleanRuleLabel('__proto__', 'zh')).toBe('__proto__');
  });
});

/** A record that passes validateDocument (built by hand: makeRecord is async and hashes). */
function validRecord(): DocumentRecord {
  const text = '坚持两个确立。';
  const capturedAt = '2024-01-01T00:00:00.000Z';
  return {
    url: 'https://gov.cn/a', title: '标题', orgs: ['国务院'], org: '国务院', docNumber: '', date: '', year: 2024, docType: '报告',
    script: 'simplified', text, chars: [...text].length, contentHash: '0'.repeat(64), textHash: textHashOf(text), uid: 'u-1', capturedAt, updatedAt: capturedAt, tags: [], edited: [],
    source: { url: 'https://gov.cn/a', pageTitle: '', articleHtml: '', articleText: text, pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt },
  };
}

describe('errors carry codes and are translated where they are shown', () => {
  it('a ValidationError keeps its English message and reads in Chinese through errorText', () => {
    const bad = { ...validRecord(), year: 1066 };
    let caught: unknown;
    try {
      validateDocument(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect([err.field, err.code]).toEqual(['year', 'year']);
    expect(err.message).toBe('Invalid document: year must be null or a whole year between 1800 and 2200 (got 1066)');
    expect(errorText(err, 'en')).toBe(err.message);
    expect(errorText(err, 'zh')).toBe('文档无效：年份应为空或 1800 至 2200 之间的整数年份（实际为 1066）');
  });

  it('a BackupError names the file and the problem in the UI language, nested document errors included', () => {
    const text = JSON.stringify({ format: 'tifa-lens-backup', version: 1, documents: [{ ...validRecord(), id: 1, date: '2024-02-30' }], analyses: [], lexicon: [], settings: [] });
    let caught: unknown;
    try {
      parseBackup(text, 'lib.json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BackupError);
    expect((caught as Error).message).toBe('lib.json: document 1: Invalid document: date must be \'\' or YYYY-MM-DD (got "2024-02-30")');
    expect(errorText(caught, 'zh')).toBe('lib.json：第 1 篇文档：文档无效：日期应为空或 YYYY-MM-DD 格式（实际为 "2024-02-30"）');
    expect(errorText(new Error('plain'), 'zh')).toBe('plain');
  });

  it('organisation-alias errors read in both languages', () => {
    const errors = [{ line: 3, text: 'a = b = c', reason: 'several-equals' as const }];
    expect(orgAliasErrorMessages(errors, 'en')).toEqual([
      'Not saved: correct these lines first.',
      'Line 3 “a = b = c”: more than one "=" (one group per line: canonical name = alias, alias)',
    ]);
    expect(orgAliasErrorMessages(errors, 'zh')[1]).toBe('第 3 行「a = b = c」：一行只能有一个“=”（每行一组：规范名称 = 别名, 别名）');
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

describe('the manifest in the browser\'s language (_locales, generated from the table at build)', () => {
  type Messages = Record<string, { message: string; description?: string }>;
  const LOCALES = ['en', 'zh_CN'] as const;
  /** What the build writes: the files wxt.config.ts's publicAssets hook adds, by locale folder. */
  async function built(): Promise<Map<string, Messages>> {
    const files: { relativeDest: string; contents?: string }[] = [];
    const hook = (wxtConfig.hooks as Record<string, (wxt: unknown, files: unknown[]) => unknown>)['build:publicAssets']!;
    await hook({}, files);
    // The same hook also copies pdf.js's character maps and fonts (under pdfjs/): only _locales/ is read here.
    return new Map(files.filter((f) => f.relativeDest.startsWith('_locales/')).map((f) => [f.relativeDest.split('/')[1]!, JSON.parse(f.contents!) as Messages]));
  }
  let generated: Map<string, Messages>;
  beforeAll(async () => {
    generated = await built();
  });
  const read = (locale: string): Messages => generated.get(locale)!;

  it('the build writes _locales/en and _locales/zh_CN, each equal to the table\'s manifest entries', async () => {
    const files: { relativeDest: string }[] = [];
    await (wxtConfig.hooks as Record<string, (wxt: unknown, files: unknown[]) => unknown>)['build:publicAssets']!({}, files);
    expect(files.map((f) => f.relativeDest).filter((p) => p.startsWith('_locales/')).sort()).toEqual(['_locales/en/messages.json', '_locales/zh_CN/messages.json']);
    for (const lang of LANGS) {
      expect(read(LOCALE_FOLDER[lang])).toEqual(localeMessages(lang));
      for (const [name, v] of Object.entries(read(LOCALE_FOLDER[lang]))) expect(v.message).toBe(t(`manifest.${name}` as MessageKey, undefined, lang));
    }
    // No second copy to drift: public/ holds no _locales of its own.
    expect(existsSync(join(__dirname, '../../public/_locales'))).toBe(false);
  });

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
