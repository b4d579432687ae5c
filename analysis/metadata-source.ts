// Where a text says it comes from: 来源 / 发布机构 lines, a wire dateline, a byline, a newspaper's page,
// a 公众号. These lines are furniture to the cleaner (it removes them), so they are read from the text
// before cleaning when the caller has it. Every pattern is anchored and tried on short lines only.

import {
  BYLINE,
  BYLINE_LABEL_INSIDE,
  BYLINE_MAX,
  BYLINE_ROLES,
  COMMON_SURNAMES,
  COMPOUND_SURNAMES,
  DATELINE,
  ORG_NAME_END,
  PRINT_EDITION,
  PUBLICATION_NAME,
  SOURCE_LINE,
  SOURCE_LINE_MAX,
  WECHAT_ACCOUNT,
} from './metadata-rules';
import { parseChineseNumeral } from './numerals';

export interface SourceInfo {
  /** Issuers a 来源 / 发布机构 line names. */
  orgs: string[];
  /** A newspaper and page, an agency, a 公众号. */
  publication: string;
  author: string;
  /** From a dateline: month and day (its year comes from elsewhere), and a printed edition's full date. */
  datelineMonthDay: [number, number] | null;
  printDate: string;
}

/** Labels that name the issuer itself (a 来源 may name a newspaper instead). */
const ISSUER_LABEL = /^(?:发布|發布|发文|發文)/;

/** How many lines from the top and from the end are searched (a source or byline is at either end). */
const SOURCE_ZONE = 40;

/** 「徐明远」, 「王某 李某」, 「王某、李某」 → 「徐明远」 / 「王某、李某」; '' when not names. */
export function names(s: string): string {
  const parts = s
    .split(/[ \u3000、，,]+/)
    .map((p) => p.trim())
    .filter((p) => p && !BYLINE_ROLES.test(p));
  if (!parts.length || parts.some((p) => p.length < 2 || p.length > 4 || !/^[\u4e00-\u9fff·]+$/.test(p))) return '';
  // An organisation or a publication (「新华社」, 「人民网」, 「宣传部」) is no person.
  if (parts.some((p) => ORG_NAME_END.test(p) || PUBLICATION_NAME.test(p))) return '';
  return parts.join('、');
}

/** names(), for names the page gives outside the text: each must start with a common surname. */
export function personalNames(s: string): string {
  const who = names(s);
  return who && who.split('、').every((p) => COMPOUND_SURNAMES.test(p) || COMMON_SURNAMES.includes(p.charAt(0))) ? who : '';
}

/** The author(s) a byline line names, tried from its start and from each byline label inside it; ''. */
export function bylineAuthor(line: string): string {
  const starts = [0, ...[...line.matchAll(BYLINE_LABEL_INSIDE)].map((m) => m.index ?? 0)];
  for (const at of starts) {
    const b = BYLINE.exec(line.slice(at));
    const who = b ? names((b[1] ?? b[2] ?? '').trim()) : '';
    if (who) return who;
  }
  return '';
}

function zone(lines: readonly string[]): string[] {
  if (lines.length <= 2 * SOURCE_ZONE) return [...lines];
  return [...lines.slice(0, SOURCE_ZONE), ...lines.slice(-SOURCE_ZONE)];
}

export function readSource(rawLines: readonly string[]): SourceInfo {
  const info: SourceInfo = { orgs: [], publication: '', author: '', datelineMonthDay: null, printDate: '' };
  const lines = zone(rawLines);
  for (const [k, line] of lines.entries()) {
    const l = line.trim();
    if (!l || l.length > SOURCE_LINE_MAX) continue;
    if (!info.publication || !info.printDate) {
      const p = PRINT_EDITION.exec(l);
      if (p) {
        const page = parseChineseNumeral(p[3] ?? '');
        info.publication = `${p[1] ?? ''}${page !== null ? ` ${String(page).padStart(2, '0')}版` : ''}`;
        info.printDate = p[2] ?? '';
        continue;
      }
    }
    // 「2024年07月19日05:51 | 来源：人民日报」: a source may follow a date on the byline.
    const s = SOURCE_LINE.exec(l) ?? SOURCE_LINE.exec(l.split(/[|｜丨]/).slice(1, 4).find((part) => SOURCE_LINE.test(part.trim()))?.trim() ?? '');
    if (s) {
      // 「来源：人民日报 作者：徐明远」: the value ends at a space; a publication is no issuer.
      const value = (s[2] ?? '').replace(/[。；;，,]+$/, '');
      const account = WECHAT_ACCOUNT.exec(value);
      if (account && !info.publication) info.publication = account[1] ?? '';
      else if (ORG_NAME_END.test(value) && (ISSUER_LABEL.test(s[1] ?? '') || !PUBLICATION_NAME.test(value))) {
        if (!info.orgs.includes(value)) info.orgs.push(value);
      } else if (PUBLICATION_NAME.test(value) && !info.publication) info.publication = value;
    } else if (!info.publication) {
      const w = WECHAT_ACCOUNT.exec(l.slice(0, 40));
      if (w && /^(?:本文)?(?:来自|來自|转自|轉自|来源|來源)?[:：]?(?:微信)?(?:公众号|公眾號)/.test(l)) info.publication = w[1] ?? '';
    }
    if (!info.datelineMonthDay) {
      const d = DATELINE.exec(l);
      if (d) {
        const m = parseChineseNumeral(d[3] ?? '');
        const day = parseChineseNumeral(d[4] ?? '');
        if (m !== null && day !== null && m >= 1 && m <= 12 && day >= 1 && day <= 31) info.datelineMonthDay = [m, day];
        const agency = d[1] ?? '';
        if (!info.publication && !/^本/.test(agency)) info.publication = agency.replace(/讯$/, '');
      }
    }
    // A bare name on its own line right above a byline that dates the text and names its source.
    if (!info.author && l.length <= 12) {
      const next = (lines[k + 1] ?? '').trim();
      if (next.length <= BYLINE_MAX && /(?:19|20)\d{2}[年\-/.]/.test(next) && /来源|來源/.test(next)) {
        const who = names(l);
        if (who) info.author = who;
      }
    }
    if (!info.author && l.length <= BYLINE_MAX) info.author = bylineAuthor(l);
  }
  return info;
}
