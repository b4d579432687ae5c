// UI strings in English and Chinese, and the current UI language.
//
// To add strings: add the key to `en` (the reference list) and the same key to `zh`; TypeScript
// refuses a `zh` that lacks a key of `en`, and a glue test checks that no string is empty. Keys are
// namespaced by where they appear: `popup.*`, `refuse.*`, `saveFailed.*`, `bg.*`, `common.*`, `dashboard.*`…
// Placeholders are written {name} and filled from `t(key, { name: value })`.
import { signal } from '@preact/signals';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

const en = {
  'common.appName': 'Tifa Lens',
  'common.switchLanguage': '中文',
  'common.switchLanguageLabel': 'Switch the interface to Chinese',

  'popup.pageTitle': 'Tifa Lens: clip this page',
  'popup.loading': 'Reading this page…',
  'popup.clip': 'Clip this page',
  'popup.saving': 'Saving…',
  'popup.saved': 'Saved to your library.',
  'popup.openLibrary': 'Open library',
  'popup.field.title': 'Title',
  'popup.field.orgs': 'Issuing organisation(s)',
  'popup.field.orgsHint': 'Separate several with ；',
  'popup.field.docNumber': 'Document number (文号)',
  'popup.field.date': 'Date',
  'popup.field.year': 'Year',
  'popup.field.docType': 'Document type',
  'popup.field.length': 'Length',
  'popup.length': '{n} characters',
  'popup.removed': 'Lines of page furniture removed: {n}',
  'popup.preview': 'Beginning of the cleaned text',
  'popup.alreadyClipped': 'Already clipped on {date}.',
  'popup.alreadyClippedUrl': 'This address is already in your library: “{title}”.',
  'popup.alreadyClippedText': 'The same text is already in your library: “{title}”.',
  'popup.updateIt': 'Update it',
  'popup.keepBoth': 'Keep both',
  'popup.updated': 'The library copy was updated.',
  'popup.invalidDate': 'Date must be YYYY-MM-DD, or empty.',
  'popup.invalidYear': 'Year must be a four-digit year, or empty.',
  'popup.error': 'Something went wrong: {message}',

  'refuse.internal': 'Browser pages (chrome://, about:, settings, new tab) cannot be clipped.',
  'refuse.webstore': 'The browser’s extension store does not let extensions read its pages.',
  'refuse.viewSource': 'This is a source view; open the page itself to clip it.',
  'refuse.pdf': 'PDF viewer tabs cannot be clipped; save the PDF and import it with the command-line tool.',
  'refuse.empty': 'This page has no text to clip.',
  'refuse.errorPage': 'This tab shows an error page; reload it and try again.',
  'refuse.noAccess': 'The browser does not let Tifa Lens read this page.',
  'refuse.noTab': 'There is no tab to clip.',
  'refuse.unreadable': 'Tifa Lens could not read this page; reload it and try again.',

  'bg.menuTitle': 'Clip this page to Tifa Lens / 剪藏到提法透镜',
  'bg.saved': 'Clipped: {title}',
  'bg.duplicate': 'Already clipped on {date}: {title}. Click the Tifa Lens button to update it or keep both.',
  'bg.refused': 'Not clipped: {reason}',
  'saveFailed.summary': 'Could not save this page: {cause}',

  'saveFailed.quota': 'the disk is full: the browser cannot store more for Tifa Lens; nothing was written ({problem}).',
  'saveFailed.invalid': 'the document read from this page failed a check ({problem}).',
  'saveFailed.database': 'the library database could not be opened or written ({problem}).',
  'saveFailed.other': 'an unexpected error ({problem}).',

  // ---- Issue 10: timeouts, full disk, backups, trash (storage glue) ----
  'refuse.timeout': 'This page did not answer within 10 seconds (it may be stuck in a loop); reload it and try again.',
  'storage.full': 'The disk is full: the browser cannot store more for Tifa Lens. Nothing was half-written; free some space and try again ({problem}).',
  'storage.failed': 'Could not write to the library: {problem}',
  'backup.progress': 'Backing up… {done} of {total} documents',
  'backup.failed': 'The backup could not be made: {problem}',
  'restore.progress': 'Restoring… {percent}%',
  'restore.problems': '{n} entries of {file} were skipped as malformed (the rest was restored): {first}',
  'restore.truncated': '{file} ends early (cut short?): everything before the cut was restored.',
  'sample.failed': 'The sample corpus could not be loaded: {problem}',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'common.appName': '提法透镜',
  'common.switchLanguage': 'English',
  'common.switchLanguageLabel': '将界面切换为英文',

  'popup.pageTitle': '提法透镜：剪藏本页',
  'popup.loading': '正在读取本页…',
  'popup.clip': '剪藏本页',
  'popup.saving': '正在保存…',
  'popup.saved': '已存入文库。',
  'popup.openLibrary': '打开文库',
  'popup.field.title': '标题',
  'popup.field.orgs': '发文机关',
  'popup.field.orgsHint': '多个机关以“；”分隔',
  'popup.field.docNumber': '文号',
  'popup.field.date': '日期',
  'popup.field.year': '年份',
  'popup.field.docType': '文种',
  'popup.field.length': '字数',
  'popup.length': '{n} 字',
  'popup.removed': '已去除 {n} 行页面杂项',
  'popup.preview': '清理后正文开头',
  'popup.alreadyClipped': '已于 {date} 剪藏。',
  'popup.alreadyClippedUrl': '文库中已有此网址：“{title}”。',
  'popup.alreadyClippedText': '文库中已有相同正文：“{title}”。',
  'popup.updateIt': '更新已有记录',
  'popup.keepBoth': '两份都保留',
  'popup.updated': '已更新文库中的记录。',
  'popup.invalidDate': '日期格式应为 YYYY-MM-DD，或留空。',
  'popup.invalidYear': '年份应为四位数字，或留空。',
  'popup.error': '出错了：{message}',

  'refuse.internal': '浏览器内部页面（chrome://、about:、设置、新标签页）无法剪藏。',
  'refuse.webstore': '浏览器扩展商店不允许扩展读取其页面。',
  'refuse.viewSource': '这是源代码视图，请打开页面本身再剪藏。',
  'refuse.pdf': 'PDF 阅读器标签页无法剪藏；请保存 PDF 后用命令行工具导入。',
  'refuse.empty': '本页没有可剪藏的文字。',
  'refuse.errorPage': '此标签页显示的是错误页面，请刷新后重试。',
  'refuse.noAccess': '浏览器不允许提法透镜读取此页面。',
  'refuse.noTab': '没有可剪藏的标签页。',
  'refuse.unreadable': '提法透镜未能读取此页面，请刷新后重试。',

  'bg.menuTitle': 'Clip this page to Tifa Lens / 剪藏到提法透镜',
  'bg.saved': '已剪藏：{title}',
  'bg.duplicate': '已于 {date} 剪藏：{title}。点击提法透镜按钮可更新已有记录或两份都保留。',
  'bg.refused': '未剪藏：{reason}',
  'saveFailed.summary': '未能保存此页面：{cause}',

  'saveFailed.quota': '磁盘已满：浏览器无法为提法透镜存储更多内容，本次未写入任何数据（{problem}）。',
  'saveFailed.invalid': '从本页读出的文档未通过校验（{problem}）。',
  'saveFailed.database': '文库数据库无法打开或写入（{problem}）。',
  'saveFailed.other': '发生意外错误（{problem}）。',

  // ---- Issue 10: timeouts, full disk, backups, trash (storage glue) ----
  'refuse.timeout': '此页面 10 秒内没有响应（可能陷入死循环），请刷新后重试。',
  'storage.full': '磁盘已满：浏览器无法为提法透镜存储更多内容。没有写入不完整的数据；请腾出空间后重试（{problem}）。',
  'storage.failed': '无法写入文库：{problem}',
  'backup.progress': '正在备份…… 已完成 {done} / {total} 篇',
  'backup.failed': '未能生成备份：{problem}',
  'restore.progress': '正在恢复…… {percent}%',
  'restore.problems': '{file} 中有 {n} 项格式有误，已跳过（其余均已恢复）：{first}',
  'restore.truncated': '{file} 提前结束（文件可能不完整）：截断之前的内容均已恢复。',
  'sample.failed': '未能载入示例文库：{problem}',
};

/** Every string, by language. Read-only for callers; add strings in the objects above. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, zh };

/** The UI language in use. A signal: Preact components that call `t()` re-render when it changes. */
export const uiLanguage = signal<Lang>('en');

export function setLanguage(lang: Lang): void {
  uiLanguage.value = lang;
}

export function getLanguage(): Lang {
  return uiLanguage.value;
}

/** The language for a browser UI locale such as 'zh-CN', 'zh-TW', 'en-US': Chinese for any zh*, else English. */
export function languageFromLocale(locale: string | undefined): Lang {
  return locale && /^zh\b/i.test(locale) ? 'zh' : 'en';
}

/** Translate a key, filling {placeholders}. An unknown placeholder is left as written. */
export function t(key: MessageKey, params?: Record<string, string | number>, lang: Lang = uiLanguage.value): string {
  const template = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
