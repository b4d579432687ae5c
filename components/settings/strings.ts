// Messages of the settings view that the shared dashboard strings do not have yet, in both languages.
import type { OrgAliasError, OrgAliasErrorReason } from '../../analysis/orgs';
import type { Lang } from '../views/types';

/** Why an alias line was not read, as a researcher would put it. */
const ALIAS_REASONS: Record<Lang, Record<OrgAliasErrorReason, string>> = {
  en: {
    'no-canonical': 'no name before "=" (write: canonical name = alias, alias)',
    'several-equals': 'more than one "=" (one group per line: canonical name = alias, alias)',
  },
  zh: {
    'no-canonical': '“=”前缺少规范名称（格式：规范名称 = 别名, 别名）',
    'several-equals': '一行只能有一个“=”（每行一组：规范名称 = 别名, 别名）',
  },
};

const NOT_SAVED: Record<Lang, string> = {
  en: 'Not saved: correct these lines first.',
  zh: '未保存：请先修改以下各行。',
};

/** One line per bad alias line: 「Line 3: “= 别名” — no name before "="」, after a first line saying nothing was saved. */
export function orgAliasErrorMessages(errors: readonly OrgAliasError[], lang: Lang): string[] {
  if (errors.length === 0) return [];
  const line = (e: OrgAliasError) =>
    lang === 'zh' ? `第 ${e.line} 行「${e.text}」：${ALIAS_REASONS.zh[e.reason]}` : `Line ${e.line} “${e.text}”: ${ALIAS_REASONS.en[e.reason]}`;
  return [NOT_SAVED[lang], ...errors.map(line)];
}
