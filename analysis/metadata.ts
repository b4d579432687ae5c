// Metadata of a cleaned document: title, issuing organisation(s), 文号, date, year, type, script.
// Reads the document's own structure first (header, title line, sign-off), then what the page said
// about it (open-government table, <meta>, <title>). Unknown stays empty: nothing is made up.

import { parseChineseNumeral } from './numerals';
import type { DocMetadata, DocNumber, PageMeta, Script, YearSource } from './types';
import { levelOfBody, mainPlace } from './metadata-place';
import { bylineAuthor, personalNames, readSource } from './metadata-source';
import { anniversaryYear, congressYearOf, nationalSessionYear, outgoingCommitteeYear, planPhraseYear, thisYearIs } from './metadata-years';
import {
  BODY_MIN_LEN,
  CENTRAL_COMMITTEE,
  CENTRAL_COMMITTEE_NAME,
  CONTENT_TYPES,
  DOC_NUMBER,
  DOC_TYPES,
  GOV_LABELS,
  GOV_REPORT_BODY,
  HEADER_LINES,
  ISSUER_END,
  META_AUTHOR_KEYS,
  META_DATE_KEYS,
  META_ORG_KEYS,
  META_TITLE_KEYS,
  NOT_TITLE,
  OCCASION_CONGRESS,
  ORG_NAME_END,
  PARTY_CONGRESS_REPORT,
  PARTY_CONTEXT,
  PAST_YEAR,
  PLAN_HEAD,
  PLAN_YEAR,
  REPORT_SECTION_HEADING,
  REPRESENTED_SEPARATOR,
  REPRESENTING_HEAD,
  REPRESENTING_TAIL,
  REPRESENTING_WINDOW,
  REVIEW_OPENING,
  REVIEW_YEAR,
  SESSION_ISSUER,
  SPEAKER_LINE,
  SPEAKER_ONLY,
  SPEAKER_POSTS,
  SIMPLIFIED_ONLY,
  SPEECH_OPENING,
  SUBTITLE_DATE,
  SUBTITLE_OCCASION,
  TERM_PREFIX,
  TITLE_ANNOTATION,
  TITLE_ISSUER,
  TITLE_SEPARATORS,
  TITLE_TAIL,
  TRADITIONAL_ONLY,
  TRANSMITTAL,
  UNNAMED_ISSUER,
} from './metadata-rules';
import { HEADING_MARKERS } from './clean-rules';

const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';

/** Remove the spaces conversion leaves inside a Chinese line (between Han characters, around digits). */
export function squeezeSpaces(s: string): string {
  return s
    .replace(new RegExp(`(?<=[${HAN}\\d《》“”（）()])[ \\u3000\\u00A0]+(?=[${HAN}《》“”（）()])`, 'g'), '')
    .replace(new RegExp(`(?<=[${HAN}])[ \\u3000\\u00A0]+(?=\\d)`, 'g'), '')
    .trim();
}

/** 二十二 → 22, 二〇二四 → 2024; NaN when not a number. */
function cnNumber(s: string): number {
  return parseChineseNumeral(s) ?? NaN;
}

function iso(y: number, m: number, d: number): string {
  if (!(y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return '';
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return ''; // 2月30日
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Date shapes, each turned into [y, m, d] strings. */
const DATE_PATTERNS: RegExp[] = [
  /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g,
  /([〇○零ＯOo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/g,
  /(?<!\d)((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/g,
];

/** The first date in s as YYYY-MM-DD ('' if none): 2024年3月22日, 二〇二四年三月二十二日, 2025-02-21 18:03, 2024/3/22, 2024.03.22. */
export function parseChineseDate(s: string): string {
  if (!s) return '';
  const found: { index: number; value: string }[] = [];
  for (const re of DATE_PATTERNS) {
    for (const m of s.matchAll(new RegExp(re.source, 'g'))) {
      const value = iso(cnNumber((m[1] ?? '')), cnNumber((m[2] ?? '')), cnNumber((m[3] ?? '')));
      if (value) found.push({ index: m.index ?? 0, value });
    }
  }
  found.sort((a, b) => a.index - b.index);
  return found[0]?.value ?? '';
}

/** A 文号 in s, normalised to 〔year〕: 仪教委【2024】8号 → 仪教委〔2024〕8号. */
export function parseDocNumber(s: string): DocNumber | null {
  if (!s) return null;
  const m = DOC_NUMBER.exec(s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (!m) return null;
  const agency = (m[1] ?? '').replace(/^(文号|发文字号|字号)/, '');
  const year = Number(m[2]);
  const number = m[3] ?? '';
  return { text: `${agency}〔${year}〕${number}${m[4] ?? ''}`, agency, year, number };
}

/**
 * Per BMP code unit: 1 when the character is written only in traditional script, 2 only in
 * simplified; a table rather than two set lookups per character (detectScript reads every
 * character of every document). Characters beyond the BMP are looked up in ASTRAL.
 */
const SCRIPT_OF = new Uint8Array(0x10000);
const ASTRAL = new Map<string, number>();
for (const [chars, mark] of [[SIMPLIFIED_ONLY, 2], [TRADITIONAL_ONLY, 1]] as const)
  for (const ch of chars) {
    if (ch.length === 1) SCRIPT_OF[ch.charCodeAt(0)] = mark;
    else ASTRAL.set(ch, mark);
  }

/** Traditional when characters found only in traditional writing outnumber simplified-only ones. */
export function detectScript(text: string): Script {
  let trad = 0;
  let simp = 0;
  const s = text ?? '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let mark: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      mark = ASTRAL.get(s.slice(i, i + 2)) ?? 0;
      i++;
    } else mark = SCRIPT_OF[c]!;
    if (mark === 1) trad++;
    else if (mark === 2) simp++;
  }
  return trad > simp ? 'traditional' : 'simplified';
}

function startsWithMarker(line: string): boolean {
  return HEADING_MARKERS.some((re) => re.test(line));
}

/** A line made only of organisation names (「中共××委员会 中共××委员会」, 「市委教育工委 市教育局党委」). */
function orgNames(line: string): string[] {
  const s = line.trim();
  if (!s || s.length > 80 || /[，。；：:！？,]/.test(s)) return [];
  const parts = s.split(/[ \u3000、]+/).filter(Boolean);
  return parts.every((p) => p.length >= 3 && ORG_NAME_END.test(p)) ? parts : [];
}

/** A sign-off line (organisations and a date) is short; longer lines are never tried. */
const DATE_LINE_MAX = 100;
/** No title is longer: titles, page titles and <meta> titles are cut here before any pattern. */
const TITLE_MAX = 200;
/** Opening lines are read this far (a report delivered as one line holds its 「我代表」 near the start). */
const OPENING_CHARS = 600;

/** A line that is only a date (a sign-off), with optional brackets and 印发/发布. */
const DATE_CORE = /(19|20)\d{2}[年\-/.]\d{1,2}[月\-/.]\d{1,2}日?|[〇○零ＯOo一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日/;

/**
 * A line that is only a date (a sign-off), with optional brackets and 印发/发布; or an organisation
 * and its date on one line (「中共××委员会　2024年3月22日」), whose names are returned too.
 */
function dateLine(line: string): { date: string; suffix: boolean; orgs: string[] } | null {
  if (line.length > DATE_LINE_MAX) return null;
  const s = line.replace(/\s+/g, '');
  const m = /^[(（]?(.{8,20}?)[)）]?(印发|发布|通过|签发)?$/.exec(s);
  if (m) {
    const date = parseChineseDate((m[1] ?? ''));
    // The whole core must be the date (nothing else around it).
    if (date && (m[1] ?? '').replace(DATE_CORE, '') === '') return { date, suffix: !!(m[2] ?? ''), orgs: [] };
  }
  const tail = new RegExp(`^(.+?)[ \\u3000]+[(（]?(${DATE_CORE.source})[)）]?\\s*(印发|发布)?$`).exec(line.trim());
  if (tail) {
    const orgs = orgNames((tail[1] ?? ''));
    const date = parseChineseDate((tail[2] ?? '').replace(/\s+/g, ''));
    if (orgs.length && date) return { date, suffix: !!tail.at(-1), orgs };
  }
  return null;
}

function govValue(meta: PageMeta | undefined, labels: readonly string[]): string {
  if (!meta?.govInfo) return '';
  const info = new Map(Object.entries(meta.govInfo).map(([k, v]) => [k.replace(/[\s:：]/g, ''), v.trim()]));
  for (const l of labels) {
    const v = info.get(l);
    if (v) return v;
  }
  return '';
}

function tagValue(meta: PageMeta | undefined, keys: readonly string[]): string {
  if (!meta?.tags) return '';
  for (const k of keys) {
    const v = Object.prototype.hasOwnProperty.call(meta.tags, k) ? meta.tags[k] : undefined;
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}

function docTypeOf(title: string): string {
  const t = title.slice(0, TITLE_MAX).replace(/[\s。！？”》）)]+$/, '').replace(/^[《“]/, '');
  const inner = TRANSMITTAL.exec(t);
  if (inner) {
    const attached = docTypeOf((inner[1] ?? ''));
    if (attached) return attached;
  }
  const found = DOC_TYPES.find((d) => d.re.test(t))?.type;
  if (found) return found;
  // 「…政府工作报告（摘要）」, 「…的报告 (一大)」: the type is before the bracketed annotation.
  const bare = t.replace(TITLE_ANNOTATION, '');
  return bare !== t && bare ? docTypeOf(bare) : '';
}

/**
 * Who delivers the report, from 「我代表××向大会报告工作」 in the opening lines: the organisation
 * when it is named (「上海市人民政府」, 「国务院」), '' when only its level is (「市人民政府」).
 */
/**
 * The first organisation named after 「我代表」 in a line, when 「向大会」/「作报告」 follows the
 * organisations (「我代表市委、市政府，向大会…」). Linear: each 「我代表」 is read in a window of
 * REPRESENTING_WINDOW characters, trying each end of a name there once.
 */
export function representedBody(line: string): string | null {
  for (const head of line.matchAll(REPRESENTING_HEAD)) {
    const start = (head.index ?? 0) + head[0].length;
    const w = line.slice(start, start + REPRESENTING_WINDOW);
    let first: string | null = null;
    let pos = 0;
    // Organisations one after another; each is the shortest run of Han characters ending like an issuer.
    for (let k = 0; k < 6 && pos < w.length; k++) {
      let end = -1;
      for (let e = pos + 1; e <= Math.min(w.length, pos + 22); e++) {
        const c = w.charCodeAt(e - 1);
        if (c < 0x4e00 || c > 0x9fff) break;
        if (ISSUER_END.test(w.slice(pos, e))) {
          end = e;
          break;
        }
      }
      if (end < 0) break;
      // A longer issuer ending here too (市委 → 市委员会 is not, but 人民 → 人民政府 is): extend to the
      // longest issuer name before a separator or the tail.
      let e2 = end;
      const settled = REPRESENTING_TAIL.test(w.slice(end)) || REPRESENTED_SEPARATOR.test(w.slice(end));
      for (let e = end + 1; !settled && e <= Math.min(w.length, pos + 22); e++) {
        const c = w.charCodeAt(e - 1);
        if (c < 0x4e00 || c > 0x9fff || w[e - 1] === '向') break;
        if (ISSUER_END.test(w.slice(pos, e)) && (REPRESENTING_TAIL.test(w.slice(e)) || REPRESENTED_SEPARATOR.test(w.slice(e)))) {
          e2 = e;
          break;
        }
      }
      if (first === null) first = w.slice(pos, e2);
      const rest = w.slice(e2);
      if (REPRESENTING_TAIL.test(rest)) return first;
      if (!REPRESENTED_SEPARATOR.test(rest)) break;
      pos = e2 + 1;
    }
  }
  return null;
}

function representedOrg(opening: readonly string[], text: string): string {
  for (const l of opening) {
    const body = representedBody(l);
    if (body === null) continue;
    const name = body.replace(TERM_PREFIX, '');
    if (!ISSUER_END.test(name)) break;
    if (UNNAMED_ISSUER.test(name)) {
      // Named by its level only (「市人民政府」): the congress it reports to may name the place,
      // else the speaker's line below may name the organisation.
      for (const o of opening) {
        const c = OCCASION_CONGRESS.exec(o);
        if (c && name.startsWith((c[2] ?? ''))) return (c[1] ?? '') + name;
      }
      // Else the place the text names most, at the body's level (市 → a city), is its place.
      const level = levelOfBody(name);
      const place = level ? mainPlace(text, level) : null;
      if (place && level) return place.name + (level === '地区' ? name.replace(/^(行署|行政公署)$/, '行政公署') : name.slice(level.length));
      break;
    }
    const central = CENTRAL_COMMITTEE.exec(name);
    // A bare 「中央委员会」 is the Party's only in a text that names the Party.
    if (central) return (central[1] || PARTY_CONTEXT.test(text.slice(0, 5000))) ? CENTRAL_COMMITTEE_NAME : '';
    return name;
  }
  // 「××市人民政府市长　张三」 under the title: the speaker's organisation.
  for (const l of opening) {
    const m = SPEAKER_LINE.exec(l);
    if (m && !UNNAMED_ISSUER.test((m[1] ?? ''))) return (m[1] ?? '');
  }
  return '';
}

/** The committee whose report to a Party congress this is, from its title or subtitle; '' if none. */
function congressReporter(lines: readonly string[]): string {
  for (const l of lines) {
    const m = PARTY_CONGRESS_REPORT.exec(l.replace(/\s+/g, ''));
    if (!m) continue;
    if (m[2]) return CENTRAL_COMMITTEE_NAME;
    // 「××市」 → 「中共××市委」; a place without a level names no committee we can spell.
    if (/[省市县縣区區州旗盟]$/.test((m[1] ?? '')) && (m[1] ?? '').length >= 2) return `中共${(m[1] ?? '')}委`;
  }
  return '';
}

/** The issuer named at the head of a title: a session of a body (its body), or an organisation. */
function titleIssuer(title: string): string {
  const t = title.replace(/^[《“]/, '');
  const session = SESSION_ISSUER.exec(t);
  if (session && ISSUER_END.test((session[1] ?? ''))) return (session[1] ?? '').replace(new RegExp(`^${TERM_PREFIX.source}`), '');
  const m = TITLE_ISSUER.exec(t);
  if (m && ISSUER_END.test((m[1] ?? '')) && !/[，。《》]/.test((m[1] ?? ''))) return (m[1] ?? '');
  return '';
}

/**
 * A report that reviews year N and then sets the tasks of the next (「2023年工作回顾」 …
 * 「2024年工作安排」 or 「今年…主要预期目标」) is about year N+1; null when the text is not such a report.
 */
function reviewPlanYear(text: string): number | null {
  const r = REVIEW_YEAR.exec(text);
  const o = r ? null : REVIEW_OPENING.exec(text);
  const found = r ?? o;
  if (!found) return null;
  const reviewed = Number(found[1] ?? found[2]);
  const after = text.slice((found.index ?? 0) + found[0].length);
  for (const p of after.matchAll(PLAN_HEAD)) {
    // After a weak review (a paragraph opening on N), 「今年」 may still be N itself: only a written N+1 counts.
    if (!p[1] && !r) continue;
    const y = p[1] ? Number(p[1]) : reviewed + 1;
    if (y === reviewed + 1) return y;
  }
  // A plan part may be missing (a truncated copy); a review heading with 「过去一年」 still places the
  // speaker after N. A paragraph opening on N alone does not.
  return r && PAST_YEAR.test(text) ? reviewed + 1 : null;
}

function titleYear(full: string): number | null {
  const title = full.slice(0, TITLE_MAX);
  const m = /((?:19|20)\d{2})\s*(?:年|[—–\-～~至])/.exec(title);
  if (m) return Number(m[1]);
  // 二〇二四年
  const c = /([〇○零一二三四五六七八九]{4})\s*年/.exec(title);
  if (c) {
    const y = cnNumber((c[1] ?? ''));
    if (y >= 1900 && y <= 2099) return y;
  }
  return null;
}

/** Page <title> without the site's suffix: 「标题_某某市人民政府」→「标题」. */
function cleanPageTitle(pageTitle: string): string {
  const parts = pageTitle.slice(0, TITLE_MAX * 2).split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return '';
  return (parts[0] ?? '').length >= 4 ? parts[0] ?? '' : parts.reduce((a, b) => (b.length > a.length ? b : a));
}

/** 「今年是…」 is said near the start of a speech: the first characters are searched. */
const THIS_YEAR_CHARS = 20_000;

/** A title naming its reporter before 「报告」 (「北京共产主义组织的报告」, 「廣州共產黨報告」): not the central committee's. */
const NAMED_REPORTER = /^([\u4e00-\u9fff]{2,12}(?:组织|組織|共产党|共產黨|小组|小組|支部))的?(?:报告|報告)/;

/**
 * The speaker of a speech or report: a line under the title that is only a name (「习　近　平」,
 * spaced as printed), or the name after a post on the speaker's line (「××市人民政府市长　张三」).
 */
function speakerOf(underTitle: readonly string[], opening: readonly string[]): string {
  for (const [k, l] of underTitle.entries()) {
    if (l.length > 12) continue;
    const name = l.replace(/[ \u3000]+/g, '');
    if (!/^[\u4e00-\u9fff·]{2,4}$/.test(name) || SPEECH_OPENING.test(name + '：')) continue;
    // Printed spaced out (「习　近　平」), or a bare name right above the byline's date or source line.
    const next = underTitle[k + 1] ?? '';
    if (/[ \u3000]/.test(l) || (next.length <= 80 && (parseChineseDate(next) !== '' || /来源|來源/.test(next)))) return name;
  }
  for (const l of opening) {
    const m = SPEAKER_NAME.exec(l.slice(0, 60));
    if (m?.[1]) return m[1].replace(/[ \u3000]+/g, '');
  }
  return '';
}

/**
 * The author the page names outside the text: its marked byline element, else an author <meta>
 * (name, article:author, dc.creator…). Only personal names are taken: 「人民网」, 「admin」 or a
 * profile URL name nobody.
 */
function pageAuthor(meta: PageMeta | undefined): string {
  const values = [meta?.byline ?? '', ...META_AUTHOR_KEYS.map((k) => tagValue(meta, [k]))];
  for (const v of values) {
    if (!v || v.length > 80) continue;
    const who = personalNames(bylineAuthor(v) || v.replace(/^(?:作者|作　者|撰文|文)[:：/／|｜ \u3000]*/, ''));
    if (who) return who;
  }
  return '';
}

/** How many lines above a sign-off date may name its organisations, one a line. */
const SIGN_OFF_ORG_LINES = 3;
/** How many opening lines may hold 「我代表…向大会报告工作」 (after a title, a date, a name, a salutation). */
const OPENING_LINES = 12;
/** A salutation this near the top opens a speech; further down it is inside a report. */
const SPEECH_OPENING_LINES = 8;

/** 「××市人民政府市长　张三」, 「市长　马军」: the name after the post (group 1). */
const SPEAKER_NAME = new RegExp(
  `^[\\u4e00-\\u9fff]{0,24}?(?:代理|代)?(?:${SPEAKER_POSTS.join('|')})[\\s\\u3000]+([\\u4e00-\\u9fff·][\\s\\u3000]*[\\u4e00-\\u9fff·](?:[\\s\\u3000]*[\\u4e00-\\u9fff·]){0,2})$`,
);

const comparable = (s: string) => s.replace(/[\s\u3000《》“”"'（）()]/g, '');

function isTitleCandidate(line: string): boolean {
  const s = line.trim();
  if (s.length < 4 || s.length > 100) return false;
  if (NOT_TITLE.test(s)) return false;
  if (/[。；;！!]$/.test(s)) return false;
  if (parseDocNumber(s) && s.length <= 40) return false;
  if (dateLine(s)) return false;
  if (orgNames(s).length) return false;
  if (startsWithMarker(s)) return false;
  if (REPORT_SECTION_HEADING.test(squeezeSpaces(s))) return false;
  // 「市长　马军」 under a report's title; 「党支部书记述职报告」 keeps its type and stays a title.
  if (s.length <= 30 && SPEAKER_ONLY.test(s) && !docTypeOf(squeezeSpaces(s))) return false;
  return true;
}

/** Extract metadata from cleaned text, with the page's own metadata and <title> as support. */
export function extractMetadata(text: string, meta?: PageMeta, pageTitle?: string, rawText?: string): DocMetadata {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // 来源 / byline / dateline lines, which cleaning removes, are read from the text before cleaning.
  const source = readSource(
    (rawText ?? text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );

  // Header zone: the lines before the first body paragraph.
  let headerEnd = lines.findIndex((l, i) => i >= HEADER_LINES || l.length >= BODY_MIN_LEN);
  if (headerEnd < 0) headerEnd = lines.length;
  const header = lines.slice(0, headerEnd);

  // ---- title
  const metaTitles = [
    govValue(meta, GOV_LABELS.title),
    tagValue(meta, META_TITLE_KEYS),
    pageTitle ? cleanPageTitle(pageTitle) : '',
  ]
    .map((t) => squeezeSpaces(t.slice(0, TITLE_MAX)))
    .filter((t) => t.length >= 4);
  const candidates = header.map((l, i) => ({ l, i })).filter(({ l }) => isTitleCandidate(l));
  let titleIndex = -1;
  // The page's title that names this document (it matched the title line, or stands in for it).
  let describedBy = '';
  for (const { l, i } of candidates) {
    const c = comparable(l);
    const matched = metaTitles.find((m) => {
      const mc = comparable(m);
      return mc === c || (mc.length >= 6 && c.includes(mc)) || (c.length >= 6 && mc.includes(c));
    });
    if (matched) {
      titleIndex = i;
      describedBy = matched;
      break;
    }
  }
  if (titleIndex < 0) {
    // A line ending in 意见/报告 is a title only if it is not a sentence (no comma or full stop inside),
    // and only above the first sentence or salutation: below 「同志们！」 or a paragraph it is a heading.
    const bodyStart = header.findIndex((l) => /[。！!？?]$/.test(l) || SPEECH_OPENING.test(l) || /^(同志们|同志們|各位代表|各位委员|各位委員)[！!：:，,]?$/.test(l));
    const typed = candidates.find(({ l, i }) => (bodyStart < 0 || i < bodyStart) && !/[，。；！？,;]/.test(l) && (docTypeOf(squeezeSpaces(l)) || /关于|關於/.test(l)));
    if (typed) titleIndex = typed.i;
  }
  let title = '';
  let titleLast = titleIndex;
  if (titleIndex >= 0) {
    title = squeezeSpaces(lines[titleIndex] ?? '');
    // A title broken over two lines: 「关于印发《…》」+「的通知」, or two lines that the page's title joins.
    const next = lines[titleIndex + 1];
    const tail = next ? squeezeSpaces(next) : '';
    const wordBreak = TITLE_TAIL.test(tail) || (!docTypeOf(title) && isTitleCandidate(tail) && tail.length <= 30 && !!docTypeOf(title + tail));
    // Two phrases of one title, printed on two lines: the page's title joins them, or a dated /
    // occasion subtitle (「——在…大会上的报告」) follows them both.
    const after = lines[titleIndex + 2] ?? '';
    const phrase =
      isTitleCandidate(tail) &&
      !/[，。；！？,;]/.test(tail) &&
      ((!!describedBy && comparable(describedBy).includes(comparable(title + tail))) ||
        (SUBTITLE_DATE.test(after) && !!SUBTITLE_OCCASION.exec(after.replace(/\s+/g, ''))));
    if (next && titleIndex + 1 < headerEnd && (wordBreak || phrase)) {
      // A word broken over lines joins as it is; two phrases keep the space they are printed with.
      title = title + (wordBreak ? '' : ' ') + squeezeSpaces(next);
      titleLast = titleIndex + 1;
    }
  } else if (metaTitles.length) {
    title = metaTitles[0] ?? '';
    describedBy = metaTitles[0] ?? '';
  } else if (candidates[0] && candidates[0].i === 0 && lines.length > 1 && candidates[0].l.length <= 40 && !/[，。；！？,;]/.test(candidates[0].l)) {
    titleIndex = candidates[0].i;
    title = squeezeSpaces(candidates[0].l);
  }

  // ---- 文号: a short line of its own near the top (above or just below the title), else the gov table.
  let docNumber: DocNumber | null = null;
  const numberZone = lines.slice(0, Math.max(headerEnd, titleIndex + 3));
  for (const l of numberZone) {
    if (l.length > 40) continue;
    const n = parseDocNumber(l);
    if (n) {
      docNumber = n;
      break;
    }
  }
  if (!docNumber) docNumber = parseDocNumber(govValue(meta, GOV_LABELS.docNumber));

  // ---- date: written date (gov table, sign-off line), else publication date (gov table, <meta>).
  const dateLines = lines.map((l, i) => ({ i, d: dateLine(l) })).filter((x) => x.d !== null) as {
    i: number;
    d: { date: string; suffix: boolean; orgs: string[] };
  }[];
  const signOff = dateLines.find((x) => !x.d.suffix) ?? dateLines[0];
  // A dated subtitle under the title (「——2024年1月18日在…会议上」) dates a speech or report.
  const subtitle = titleIndex >= 0 ? lines[titleLast + 1] : undefined;
  const subtitleDate = subtitle && SUBTITLE_DATE.test(subtitle) && subtitle.length <= 80 ? parseChineseDate(subtitle) : '';
  // Without a title, a dated occasion line at the top (「（2024年1月29日在…会议上）」) dates the report too.
  // A dated occasion line at the top (「（2024年1月29日在…会议上）」) dates the report too, with or without a title.
  const occasionDate =
    subtitleDate !== ''
      ? ''
      : parseChineseDate(lines.slice(0, 6).find((l) => l.length <= 80 && SUBTITLE_OCCASION.test(l.replace(/[\s()（）]+/g, ''))) ?? '');
  const publishedDate =
    parseChineseDate(govValue(meta, GOV_LABELS.publishedDate)) || parseChineseDate(tagValue(meta, META_DATE_KEYS)) || parseChineseDate(meta?.published ?? '');
  // A dateline gives month and day; its year is the page's (a wire is posted the day it is sent, or
  // within the year: a page posted in January for a December dateline is the year before).
  let datelineDate = '';
  if (source.datelineMonthDay && publishedDate) {
    const [m, d] = source.datelineMonthDay;
    const py = Number(publishedDate.slice(0, 4));
    const after = Number(publishedDate.slice(5, 7)) * 100 + Number(publishedDate.slice(8, 10)) < m * 100 + d;
    datelineDate = iso(after ? py - 1 : py, m, d);
  }
  const ownDate =
    parseChineseDate(govValue(meta, GOV_LABELS.writtenDate)) ||
    (signOff ? signOff.d.date : '') ||
    subtitleDate ||
    occasionDate ||
    datelineDate ||
    parseChineseDate(source.printDate);
  let date = ownDate || publishedDate;

  // ---- organisations
  let orgs: string[] = [];
  const titleAt = titleIndex >= 0 ? titleIndex : headerEnd;
  const titleComparable = comparable(title);
  for (const l of lines.slice(0, Math.min(titleAt, HEADER_LINES))) {
    // A line that is the title itself (the page's title stood in for it) names no organisation.
    if (titleComparable && comparable(l).length >= 2 && titleComparable.includes(comparable(l))) continue;
    const fileHeader = /^(.+?)\s*文\s*件$/.exec(l);
    const names = fileHeader ? orgNames((fileHeader[1] ?? '')) : orgNames(l);
    if (fileHeader && !names.length && (fileHeader[1] ?? '').length <= 40 && !/[，。：]/.test((fileHeader[1] ?? ''))) names.push((fileHeader[1] ?? '').trim());
    for (const n of names) if (!orgs.includes(n)) orgs.push(n);
  }
  if (!orgs.length) {
    const v = govValue(meta, GOV_LABELS.org);
    if (v) orgs = v.split(/[ \u3000、,，;；]+/).filter((p) => p.length >= 2);
  }
  // 「来源：青川县委组织部」, 「发布机构：××局」.
  if (!orgs.length && source.orgs.length) orgs = [...source.orgs];
  // The sign-off: organisations on the date's line or on the lines just above it, in order. A dated
  // subtitle under the title is a date line too, so the first date line that has them is taken.
  for (const { i: at, d } of dateLines) {
    if (orgs.length) break;
    let block = [...d.orgs];
    for (let i = at - 1; i >= 0 && i >= at - SIGN_OFF_ORG_LINES; i--) {
      const names = orgNames(lines[i] ?? '');
      if (!names.length) break;
      block = [...names, ...block];
    }
    orgs = block.filter((n, k) => block.indexOf(n) === k);
  }
  if (!orgs.length && title) {
    const m = /^(.{2,30}?)(?:关于|(?:19|20)\d{2}\s*年)/.exec(title);
    if (m && ORG_NAME_END.test((m[1] ?? '')) && !/[，。《]/.test((m[1] ?? ''))) orgs = [(m[1] ?? '')];
  }
  // The page's title describing this document may name its issuer when the title line does not.
  for (const t of [title, describedBy]) {
    if (orgs.length || !t) continue;
    const issuer = titleIssuer(t);
    if (issuer) orgs = [issuer];
  }
  const opening = lines.slice(0, OPENING_LINES).map((l) => l.slice(0, OPENING_CHARS));
  if (!orgs.length) {
    const represented = representedOrg(opening, text ?? '');
    if (represented) orgs = [represented];
  }
  if (!orgs.length) {
    const reporter = congressReporter([title, describedBy, subtitle ?? ''].filter(Boolean));
    if (reporter) orgs = [reporter];
  }
  // A title marked as a national congress's own (「论联合政府 (七大)」, 「中共七大报告」) is the central
  // committee's report, unless the title names another reporter (「北京共产主义组织的报告 (一大)」).
  if (!orgs.length) {
    const marked = [title, describedBy, ...lines.slice(0, 3)].some((l) => congressYearOf(l) !== null && /大(?:[)）]|报告|報告)/.test(l));
    // A report to a congress by the group the title names (「北京共产主义组织的报告 (一大)」) is that group's.
    const reporter = NAMED_REPORTER.exec(title)?.[1] ?? NAMED_REPORTER.exec(describedBy)?.[1];
    if (marked) orgs = [reporter ?? CENTRAL_COMMITTEE_NAME];
  }
  if (!orgs.length) {
    const v = tagValue(meta, META_ORG_KEYS);
    if (v && v.length <= 40 && ORG_NAME_END.test(v)) orgs = [v];
  }

  // ---- document type
  let docType = title ? docTypeOf(title) : '';
  // 「——在…代表大会上的报告」 under a title that does not say what it is.
  const occasion = subtitle && subtitle.length <= 80 ? SUBTITLE_OCCASION.exec(subtitle.replace(/\s+/g, '')) : null;
  if (!docType && occasion) docType = docTypeOf((occasion[1] ?? ''));
  if (!docType && describedBy) docType = docTypeOf(describedBy);
  if (!docType) docType = CONTENT_TYPES.find((c) => opening.some((l) => c.re.test(l)))?.type ?? '';
  const reviewPlan = reviewPlanYear(text ?? '');
  if (!docType && reviewPlan !== null && GOV_REPORT_BODY.test(text ?? '')) docType = '政府工作报告';
  if (!docType && lines.slice(0, SPEECH_OPENING_LINES).some((l) => SPEECH_OPENING.test(l))) docType = '讲话';
  // A government's work report that does not say whose (its opening is missing): the place it names most.
  if (!orgs.length && docType === '政府工作报告' && !opening.some((l) => representedBody(l) !== null)) {
    const place = mainPlace(text ?? '');
    if (place) orgs = [`${place.name}人民政府`];
  }

  // ---- year the document is about: its title (or the page's title describing it), else the year of
  // its own date (成文日期, sign-off, dated subtitle), else the year a report plans after reviewing the
  // one before, else the year its text talks about most (not after its publication date).
  let yearSource: YearSource = '';
  const inner = TRANSMITTAL.exec(title.slice(0, TITLE_MAX));
  const heads = [title, describedBy].filter(Boolean);
  let year = titleYear(inner?.[1] ?? title) ?? titleYear(title);
  if (year === null && describedBy) year = titleYear(describedBy);
  // A session, congress or anniversary the title names (「第十二届全国人民代表大会第一次会议关于…」,
  // 「…(十九大)」, 「在庆祝中国共产党成立100周年大会上的讲话」).
  for (const h of heads) year ??= nationalSessionYear(h) ?? congressYearOf(h) ?? anniversaryYear(h.slice(0, TITLE_MAX)) ?? planPhraseYear(h.slice(0, TITLE_MAX));
  if (year !== null) yearSource = 'title';
  if (year === null && ownDate) {
    year = Number(ownDate.slice(0, 4));
    yearSource = 'date';
  }
  if (year === null) {
    // The occasion it is delivered at (subtitle, opening lines): a national session or congress, an
    // anniversary; 「我代表第十八届中央委员会向大会作报告」 (the nineteenth congress); 「今年是建党100周年」.
    const occasionLines = [subtitle ?? '', ...opening].filter(Boolean);
    for (const l of occasionLines) {
      year ??= nationalSessionYear(l) ?? outgoingCommitteeYear(l);
      if (SUBTITLE_OCCASION.test(l.replace(/[\s()（）]+/g, '').slice(0, 100))) year ??= congressYearOf(l) ?? anniversaryYear(l.slice(0, 100));
    }
    year ??= thisYearIs((text ?? '').slice(0, THIS_YEAR_CHARS)) ?? reviewPlan;
    if (year !== null) yearSource = 'text';
  }
  if (year === null) {
    const ref = publishedDate ? Number(publishedDate.slice(0, 4)) : null;
    const counts = new Map<number, number>();
    // Targets (「到2025年」, 「2035年远景目标」) are not the year in question: skip 到/至 years, and
    // years after the document's own date.
    // 「1958年以来」 is where a period starts, not the year in question.
    for (const m of (text ?? '').matchAll(/(?<![\d到至])((?:19|20)\d{2})[ \u3000]*年(?![ \u3000]*(?:以来|以來))/g)) {
      const y = Number(m[1]);
      if (ref !== null && y > ref) continue;
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    // A year the text sets tasks for (「2024年是…」, 「2024年工作安排」) is the year it is about.
    let plan: number | null = null;
    for (const m of (text ?? '').matchAll(PLAN_YEAR)) {
      const y = Number(m[1]);
      if ((ref === null || y <= ref) && (plan === null || y > plan)) plan = y;
    }
    let best: number | null = plan;
    // Without a plan year, the page's posting date is a better guess than the year the text mentions
    // most (a history it recounts); with neither, the most mentioned year.
    if (best === null && ref !== null) {
      best = ref;
      yearSource = 'date';
    }
    if (best === null) for (const [y, c] of counts) {
      const bc = best === null ? -1 : counts.get(best) ?? 0;
      if (c > bc || (c === bc && best !== null && y > best)) best = y;
    }
    year = best;
    if (year !== null && yearSource === '') yearSource = 'text';
  }

  // ---- author: a byline, else the speaker named under the title or on the speaker's line.
  const author =
    source.author || speakerOf(lines.slice(Math.max(0, titleLast + 1), Math.max(0, titleLast + 1) + 4), opening) || pageAuthor(meta);
  // A publisher the page marks (a WeChat post's 公众号) when the text names none.
  const publisher = (meta?.publisher ?? '').trim();
  const publication = source.publication || (publisher.length <= 30 && !/^https?:/i.test(publisher) ? publisher : '');

  date = date || '';
  return { title, orgs, docNumber, date, year, yearSource, docType, script: detectScript(text ?? ''), author, publication };
}
