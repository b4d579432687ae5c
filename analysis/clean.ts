// Cleaning: from the text of a page (or a converted PDF, or a scraped copy) to the document itself.
// Pure string work; the pattern tables live in ./clean-rules so they can be read and extended as data.
//
// Order matters:
//  1. character repairs (zero-width, full-width alnum, footnote markers, inline pinyin, licence footer)
//  2. per-line repairs (trim, spaced-out characters, spaces PDF conversion puts around digits)
//  3. boilerplate lines marked (pattern rules on short lines, bylines, page numbers, related lists,
//     running headers, short lines sandwiched between boilerplate)
//  4. broken lines joined (PDF page breaks, wiki links), across the lines removed in step 3
//  5. long paragraphs duplicated by scraping dropped

import type { CleanResult } from './types';
import { stripZeroWidth, toHalfWidthAlnum } from './text';
import {
  type LineRule,
  LONG_LINE_MIN_HITS,
  BARE_NUMBER,
  BARE_NUMBER_MIN_RUN,
  BARE_ENUMERATOR,
  BYLINE_DATE,
  BYLINE_LABELS,
  BYLINE_MAX_REST,
  BYLINE_SIGNAL,
  CONTINUATION_START,
  CONTROL_FRAGMENT,
  DANGLING_END,
  DATE_LINE,
  DOC_NUMBER_LINE,
  FIELD_LINE,
  HEADER_LINE_MAX_LEN,
  DUPLICATE_MIN_LEN,
  EMOJI,
  SUBTITLE_END,
  SUBTITLE_TAIL_MAX,
  FOLD_SIMPLIFIED,
  FOLD_TRADITIONAL,
  FOOTNOTE_MARKER,
  HEADING_MARKERS,
  HEADING_MAX_LEN,
  INLINE_PINYIN,
  INLINE_PINYIN_MIN_COUNT,
  LINE_RULES,
  MENU_BEFORE_LEN,
  MENU_ITEM_MAX_LEN,
  MENU_MIN_RUN,
  OPEN_END,
  ORG_SUFFIX,
  PAGE_NUMBER,
  PINYIN_SYLLABLE,
  RELATED_HEADER,
  RELATED_ITEM_MAX_LEN,
  RUNNING_HEADER_MAX_LEN,
  RUNNING_HEADER_MIN_HAN,
  RUNNING_HEADER_SHAPE,
  RUNNING_HEADER_MIN_REPEATS,
  SANDWICH_MAX_LEN,
  SANDWICH_MAX_LINES,
  SENTENCE_PUNCT,
  SHORT_LINE,
  TERMINAL_END,
  TONE_MARKS,
  RUN_ON_HEADING_SPACE,
  RUN_ON_MAX_LINES,
  RUN_ON_MIN_LINE,
  RUN_ON_PAGE_NUMBER,
  RUN_ON_SPACE_BREAK,
  RUN_ON_SPLIT,
  TOP_TITLE_MAX_LEN,
  TOP_TITLE_NOT,
  WRAP_MAX_LONGER_SHARE,
  WRAP_MAX_OVERRUN,
  WRAP_MIN_LINES,
  WRAP_MIN_SHARE,
  WRAP_MIN_WIDTH,
  WIKI_ARROW_LINE,
  WIKISOURCE_FOOTER_MAX,
  WIKISOURCE_FOOTER_SIGNAL,
  WIKISOURCE_FOOTER_START,
} from './clean-rules';

type Removed = CleanResult['removed'];

const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
/** Runs of single Han characters separated by spaces: 「政 府 工 作 报 告」, 「李　强」. */
const SPACED_SINGLETONS = new RegExp(
  `(?<![${HAN}])[${HAN}](?:[ \\u3000]{1,2}[${HAN}](?![${HAN}]))+(?![${HAN}])`,
  'g',
);
/** ASCII spaces PDF/Word conversion puts between Han characters and digits: 「2024 年 4 月」. */
const HAN_SPACE_DIGIT = new RegExp(`([${HAN}])[ \\u00A0]+(?=\\d)`, 'g');
const DIGIT_SPACE_HAN = new RegExp(`(\\d)[ \\u00A0]+(?=[${HAN}])`, 'g');

/** A line of one or two Han characters only. */
const ORPHAN = new RegExp(`^[${HAN}]{1,2}$`);

/** A dash subtitle under a title (「——2024年1月18日在…会议上」) is a block of its own. */
const SUBTITLE_START = /^(——|--|—)/;
/** A full stop inside a dash line makes it a list item (「——改革开放持续深化。…」), not a subtitle. */
const SENTENCE_STOP = /[。！？!?；;]/;

function isSubtitle(line: string): boolean {
  return SUBTITLE_START.test(line) && !SENTENCE_STOP.test(line);
}

/** Leading indentation of a paragraph's first line (two spaces or more, or an ideographic space). */
const INDENT = /^(\u3000|[ \u00A0]{2,}|\t)/;
/** When more lines than this share are indented, indentation says nothing. */
const INDENT_MAX_SHARE = 0.6;

/** Rules whose lines are unmistakably not the document: short lines squeezed between two of them go too. */
const STRONG_RULES = new Set(['ad', 'promotion', 'share', 'footer', 'comment']);

const CONTROL_TEST = new RegExp(CONTROL_FRAGMENT.source);

/** Longer than any line a rule may remove (LINE_RULES maxLen, bylines): such lines are body text. */
const FOLD_MAX_LEN = Math.max(200, ...LINE_RULES.map((r) => r.maxLen));

const BYLINE_LABEL_RE = new RegExp(
  `(${[...BYLINE_LABELS].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})\\s*[:：]?`,
  'gi',
);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

if (FOLD_TRADITIONAL.length !== FOLD_SIMPLIFIED.length) throw new Error('clean-rules: FOLD_TRADITIONAL and FOLD_SIMPLIFIED must pair character for character');
const FOLD = new Map<string, string>([...FOLD_TRADITIONAL].map((c, i) => [c, FOLD_SIMPLIFIED.charAt(i)]));

/** Traditional characters of the boilerplate vocabulary folded to simplified, one for one (same length). */
function fold(s: string): string {
  let out = '';
  for (const c of s) out += FOLD.get(c) ?? c;
  return out;
}

/** True when the line starts with a heading or item marker (一、 （一） 1. 第一章 附件：). */
export function startsWithMarker(line: string): boolean {
  return HEADING_MARKERS.some((re) => re.test(line));
}

/**
 * A marker with nothing after it (「二是」, 「一、」, 「（二）」): not a heading of its own but the start
 * of the line after it, which a wiki link or a converter moved to a new line.
 */
export function isBareMarker(line: string): boolean {
  if (BARE_ENUMERATOR.test(line)) return true;
  for (const re of HEADING_MARKERS) {
    const m = re.exec(line);
    if (m && !line.slice(m[0].length).replace(/[\s\u3000:：,，、.．]/g, '')) return true;
  }
  return false;
}

/**
 * A heading line (「一、总体要求」, 「（二）压实责任，狠抓落实」, 「第三条 …」): starts with a marker, has
 * a title after it and is a label, not a paragraph (no full stop inside). Such a line is a block of
 * its own: the cleaner never glues it to the line after it.
 */
export function isHeadingLine(line: string): boolean {
  if (!startsWithMarker(line) || isBareMarker(line)) return false;
  const body = line.replace(/[。！？!?]$/, '');
  return line.length <= HEADING_MAX_LEN && !/[。！？!?；;]/.test(body);
}

/**
 * A line that is a block of its own whatever follows it (unless the next line opens with closing
 * punctuation): a heading (「一、总体要求」), a short title-like label (「结束语」, 「政府工作报告」, a
 * speaker's name), a date or sign-off line, a dash subtitle, a 文号 or field line. The cleaner never
 * glues such a line to the next one; code that re-joins lines of cleaned text (normalize) should not
 * either. Not a block: a bare marker (「二是」), a line ending open (「，」「“」) or in a word no title
 * ends with (「…所作的」), prose cut mid-sentence.
 */
export function isBlockLine(line: string): boolean {
  const t = line.trim();
  if (!t || isBareMarker(t) || OPEN_END.test(t) || DANGLING_END.test(t)) return false;
  if (isHeadingLine(t) || DATE_LINE.test(t) || isOrgLine(t) || isSubtitle(t)) return true;
  if (t.length <= HEADER_LINE_MAX_LEN && (DOC_NUMBER_LINE.test(t) || FIELD_LINE.test(t))) return true;
  return isStandalone(t);
}

/** A short line without sentence punctuation: a title, a label, an organisation, a date. */
function isStandalone(line: string): boolean {
  return line.length <= SHORT_LINE && !SENTENCE_PUNCT.test(line);
}

/** A sign-off style organisation line: one or more names, each ending like an organisation. */
function isOrgLine(line: string): boolean {
  if (line.length > 60 || SENTENCE_PUNCT.test(line)) return false;
  const parts = line.split(/[ \u3000]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.length >= 2 && ORG_SUFFIX.test(p));
}

function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(line));
}

/** A byline such as 「admin 2025-02-21 18:03:01 浏览量」 or 「发布时间：… 来源：… 浏览次数：…」. */
function isByline(line: string): boolean {
  if (line.length > 100 || !BYLINE_SIGNAL.test(line)) return false;
  if (/[，。；！？]/.test(line)) return false;
  const rest = line
    .replace(new RegExp(BYLINE_DATE.source, 'g'), ' ')
    .replace(new RegExp(CONTROL_FRAGMENT.source, 'g'), ' ')
    .replace(BYLINE_LABEL_RE, ' ')
    .replace(/\d+/g, ' ')
    .replace(/[\s:：|｜/丨·•\-—_()（）[\]【】,，]+/g, '');
  return rest.length <= BYLINE_MAX_REST;
}

/** A sentence: a comma inside and a full stop at the end. Boilerplate is rarely written like that. */
const SENTENCE_SHAPE = /[，,；].*[。！？!?]$/;

function ruleMatches(rule: LineRule, line: string): boolean {
  if (line.length > rule.maxLen || !rule.pattern.test(line)) return false;
  if (rule.anchored || (line.length <= SHORT_LINE && !SENTENCE_SHAPE.test(line))) return true;
  const hits = new Set<string>();
  for (const m of line.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags.includes('i') ? 'gi' : 'g'))) hits.add(m[0]);
  return hits.size >= LONG_LINE_MIN_HITS;
}

/** Character-level repairs over the whole text. */
function repairCharacters(raw: string, removed: Removed): string {
  let text = raw.replace(/\r\n?/g, '\n');
  text = stripZeroWidth(text);
  text = toHalfWidthAlnum(text);
  text = text.replace(/[\u00A0\u2002-\u200A\u202F\u205F]/g, ' ');
  text = text.replace(EMOJI, (m) => {
    removed.push({ text: m, rule: 'emoji' });
    return '';
  });

  text = cutWikisourceFooter(text, removed);

  // Footnote markers, possibly broken over lines by wiki links: [1], [\n1\n], [CPC 1]. A marker on
  // lines of its own was a link inside a sentence: the sentence closes up around it, unless it
  // followed a complete sentence.
  text = text.replace(new RegExp(`(\\n[ \\t]*)?(?:${FOOTNOTE_MARKER.source})([ \\t]*\\n)?`, 'g'), (m, before: string | undefined, after: string | undefined, offset: number, whole: string) => {
    removed.push({ text: m.replace(/\s+/g, ''), rule: 'footnote-marker' });
    if (before && after) return TERMINAL_END.test(whole.slice(Math.max(0, offset - 1), offset)) ? '\n' : '';
    return (before ?? '') + (after ?? '');
  });

  text = removeInlinePinyin(text, removed);
  return text;
}

function cutWikisourceFooter(text: string, removed: Removed): string {
  const re = new RegExp(WIKISOURCE_FOOTER_START.source, 'g');
  let cut = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + (m[1] ? m[1].length : 0);
    if (text.length - start > WIKISOURCE_FOOTER_MAX) continue;
    if (WIKISOURCE_FOOTER_SIGNAL.test(text.slice(start))) {
      cut = start;
      break;
    }
  }
  if (cut < 0) return text;
  const footer = text.slice(cut).trim();
  if (footer) removed.push({ text: footer, rule: 'wikisource-licence' });
  return text.slice(0, cut);
}

function isPinyin(s: string): boolean {
  let plain = s.toLowerCase();
  for (const [re, to] of TONE_MARKS) plain = plain.replace(re, to);
  return PINYIN_SYLLABLE.test(plain);
}

/** 「教(jiao)育(yu)」→「教育」, only when it happens often enough to be an anti-copy script. */
function removeInlinePinyin(text: string, removed: Removed): string {
  let count = 0;
  for (const m of text.matchAll(INLINE_PINYIN)) if (isPinyin(m[2]!)) count++;
  if (count < INLINE_PINYIN_MIN_COUNT) return text;
  return text.replace(INLINE_PINYIN, (m, han: string, py: string) => {
    if (!isPinyin(py)) return m;
    removed.push({ text: m.slice(han.length), rule: 'inline-pinyin' });
    return han;
  });
}

/** Spaces between two non-space characters, and those of them right after a sentence end. */
const INNER_SPACE = /(?<=\S)[ \u3000]+(?=\S)/g;
const SENTENCE_END_BEFORE = /[。！？!?][”’」』）)]?$/;

/**
 * A report delivered as one line, cut into paragraphs: before each heading marker that follows a
 * sentence end (「…意见。一、2023年工作回顾…」), at a space after a sentence end (a line break
 * flattened), around a spaced page number; and after a short heading followed by a space when
 * spaces mark line breaks in this text (most of them follow a sentence end), not a PDF's wraps.
 * A text with paragraphs is returned as it is.
 */
function splitRunOn(text: string): string {
  const lines = text.split('\n');
  const nonEmpty = lines.filter((l) => l.trim());
  if (nonEmpty.length > RUN_ON_MAX_LINES || !nonEmpty.some((l) => l.length >= RUN_ON_MIN_LINE)) return text;
  return lines
    .map((line) => {
      if (line.length < RUN_ON_MIN_LINE) return line;
      const spaces = [...line.matchAll(INNER_SPACE)];
      const afterEnd = spaces.filter((m) => SENTENCE_END_BEFORE.test(line.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0))).length;
      let out = line
        .replace(RUN_ON_PAGE_NUMBER, '\n$1\n')
        .replace(RUN_ON_SPLIT, '$&\n')
        .replace(RUN_ON_SPACE_BREAK, '$1\n');
      if (spaces.length > 0 && afterEnd * 2 >= spaces.length) out = out.replace(RUN_ON_HEADING_SPACE, '$1$2\n');
      return out;
    })
    .join('\n');
}

/** Per-line repairs: trim, spaced-out characters, spaces around digits. */
function repairLine(line: string): string {
  let s = line.trim();
  s = s.replace(SPACED_SINGLETONS, (m) => m.replace(/[ \u3000]+/g, ''));
  s = s.replace(HAN_SPACE_DIGIT, '$1').replace(DIGIT_SPACE_HAN, '$1');
  return s;
}

interface Line {
  text: string;
  /** Rule that removed the line, if any. */
  drop?: string;
  /** The raw line was indented (「　　」): in converted text that starts a paragraph. */
  indent?: boolean;
}

function markLineRules(lines: Line[], removed: Removed): void {
  for (const l of lines) {
    // Control widgets inside a longer line go as fragments; the rest of the line is judged on its own.
    // Matching runs on the folded line, cutting on the original (folding keeps every offset).
    // Rules only ever remove short lines: long paragraphs are not folded or matched line-wide.
    const folded = l.text.length <= FOLD_MAX_LEN ? fold(l.text) : l.text;
    if (CONTROL_TEST.test(folded)) {
      const before = l.text;
      let out = '';
      let last = 0;
      for (const m of folded.matchAll(new RegExp(CONTROL_FRAGMENT.source, 'g'))) {
        const at = m.index ?? 0;
        out += `${l.text.slice(last, at)} `;
        removed.push({ text: l.text.slice(at, at + m[0].length), rule: 'controls' });
        last = at + m[0].length;
      }
      l.text = (out + l.text.slice(last)).replace(/\s{2,}/g, ' ').trim();
      if (!l.text) {
        l.drop = 'controls';
        l.text = before;
        continue;
      }
    }
    if (l.text.length > FOLD_MAX_LEN) continue;
    const t = fold(l.text);
    if (WIKI_ARROW_LINE.test(t)) l.drop = 'footnote-marker';
    else if (isPageNumber(t)) l.drop = 'page-number';
    else {
      // Bylines first: they often carry a counter too, and their date is wanted by metadata.
      const rule = isByline(t) ? 'byline' : LINE_RULES.find((r) => ruleMatches(r, t))?.name;
      if (rule) l.drop = rule;
    }
  }
}

/** Runs of menu items («首页 / 领导讲话 / 工作总结 …») above the first paragraph. */
function markMenus(lines: Line[]): void {
  const firstPara = lines.findIndex((l) => !l.drop && l.text.length >= MENU_BEFORE_LEN);
  const end = firstPara < 0 ? lines.length : firstPara;
  const isItem = (l: Line) =>
    l.text.length <= MENU_ITEM_MAX_LEN && !SENTENCE_PUNCT.test(l.text) && !startsWithMarker(l.text) && !DATE_LINE.test(l.text);
  let i = 0;
  while (i < end) {
    if (lines[i]!.drop || !isItem(lines[i]!)) {
      i++;
      continue;
    }
    let j = i;
    // Lines already removed (a 首页 link, a login bar) do not break the menu.
    while (j < end && (lines[j]!.drop || isItem(lines[j]!))) j++;
    const items = lines.slice(i, j).filter((l) => !l.drop);
    if (items.length >= MENU_MIN_RUN) for (const l of items) l.drop = 'nav-menu';
    i = j;
  }
}

/** 「推荐文章」 and the link titles listed under it. */
function markRelatedLists(lines: Line[]): void {
  for (const [i, head] of lines.entries()) {
    if (!RELATED_HEADER.test(fold(head.text))) continue;
    head.drop = 'related';
    for (const l of lines.slice(i + 1)) {
      if (l.drop) continue;
      if (l.text.length > RELATED_ITEM_MAX_LEN || /[。！？]$/.test(l.text)) break;
      l.drop = 'related';
    }
  }
}

/** Short lines repeated on every page of a converted PDF (digits ignored, so 「第3页 报告」 counts too). */
function markRunningHeaders(lines: Line[]): void {
  const key = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  const eligible = (l: Line) =>
    !l.drop &&
    l.text.length <= RUNNING_HEADER_MAX_LEN &&
    RUNNING_HEADER_SHAPE.test(l.text) &&
    (l.text.match(/[\u3400-\u9FFF]/g) ?? []).length >= RUNNING_HEADER_MIN_HAN &&
    !startsWithMarker(l.text) &&
    !DATE_LINE.test(l.text) &&
    !TERMINAL_END.test(l.text) &&
    !isOrgLine(l.text);
  for (const l of lines) if (eligible(l)) counts.set(key(l.text), (counts.get(key(l.text)) ?? 0) + 1);
  for (const l of lines) {
    if (eligible(l) && (counts.get(key(l.text)) ?? 0) >= RUNNING_HEADER_MIN_REPEATS) l.drop = 'running-header';
  }
}

/** Bare numbers on their own lines, when several count up through the text: page numbers. */
function markBareNumbers(lines: Line[]): void {
  const nums = lines.filter((l) => !l.drop && BARE_NUMBER.test(l.text));
  if (nums.length < BARE_NUMBER_MIN_RUN) return;
  let rising = 0;
  for (let i = 1; i < nums.length; i++) if (Number(nums[i]!.text) > Number(nums[i - 1]!.text)) rising++;
  if (rising < (nums.length - 1) * 0.8) return;
  for (const l of nums) l.drop = 'page-number';
}

/** A few unmatched short lines between two unmistakable boilerplate lines are part of the same box. */
function markSandwiched(lines: Line[]): void {
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.drop) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !lines[j]!.drop) j++;
    const run = lines.slice(i, j);
    const before = lines[i - 1];
    const after = lines[j];
    if (
      before &&
      after &&
      STRONG_RULES.has(before.drop ?? '') &&
      STRONG_RULES.has(after.drop ?? '') &&
      run.length <= SANDWICH_MAX_LINES &&
      run.every((l) => l.text.length <= SANDWICH_MAX_LEN && !startsWithMarker(l.text) && !DATE_LINE.test(l.text))
    ) {
      for (const l of run) l.drop = 'boilerplate-block';
    }
    i = j;
  }
}

/**
 * The width text was wrapped at, if it was: the line length shared (±2) by a large part of the
 * lines, among lines that look cut mid-sentence, with hardly any line longer. 0 when the lines are
 * paragraphs of free length. This is a statistic over the whole text, so it must not be swayed by
 * lines that are blocks of their own (headings, sentence-final lines): they neither vote for a
 * width nor are ever joined because of one.
 */
function wrapWidth(lines: Line[]): number {
  const candidates = lines.filter((l) => !l.drop && l.text.length >= WRAP_MIN_WIDTH);
  if (candidates.length < WRAP_MIN_LINES) return 0;
  const counts = new Map<number, number>();
  for (const l of candidates) {
    if (!looksCut(l.text)) continue;
    counts.set(l.text.length, (counts.get(l.text.length) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const n of counts.keys()) {
    let c = 0;
    for (let d = -2; d <= 2; d++) c += counts.get(n + d) ?? 0;
    if (c > bestCount || (c === bestCount && n > best)) {
      best = n;
      bestCount = c;
    }
  }
  if (bestCount < candidates.length * WRAP_MIN_SHARE) return 0;
  const longer = candidates.filter((l) => l.text.length > best * WRAP_MAX_OVERRUN).length;
  return longer <= candidates.length * WRAP_MAX_LONGER_SHARE ? best : 0;
}

/** A line that may have been cut by a fixed-width wrap: it ends mid-sentence and is not a heading. */
function looksCut(line: string): boolean {
  return !TERMINAL_END.test(line) && !isHeadingLine(line) && !DATE_LINE.test(line) && !isOrgLine(line);
}

/** Should line b be glued onto the end of line a (a line broken mid-sentence)? */
function shouldJoin(a: string, b: string, aWasJoined: boolean, width: number, lastRaw: string): boolean {
  if (CONTINUATION_START.test(b) && !startsWithMarker(b)) return true;
  if (TERMINAL_END.test(a)) return false;
  if (isBareMarker(a)) return !startsWithMarker(b) && !DATE_LINE.test(b) && !isOrgLine(b);
  // A line left open (a comma, an opening bracket or quote) always runs on: a heading, a date or a
  // sign-off never follows one, so 「…改名“\n城市老爷卫生部”」 and 「主要原因，\n一是…」 are one sentence.
  if (OPEN_END.test(a)) return true;
  if (startsWithMarker(b)) return false;
  if (DATE_LINE.test(a) || DATE_LINE.test(b)) return false;
  if (isOrgLine(b)) return false;
  // A dash subtitle wrapped over two lines: its tail ends like a subtitle and the head does not.
  if (isSubtitle(a) && aWasJoined && SUBTITLE_END.test(a)) return false;
  if (isSubtitle(a) && !aWasJoined) {
    return !SUBTITLE_END.test(a) && SUBTITLE_END.test(b) && b.length <= SUBTITLE_TAIL_MAX && !SENTENCE_STOP.test(b) && !isSubtitle(b);
  }
  // In wrapped text a full-width line runs on, punctuation or not (even one that starts with 一、).
  if (width && lastRaw.length >= width - 2 && lastRaw.length <= width * WRAP_MAX_OVERRUN) return true;
  // Header fields (文号 line, 签发人：…) are blocks of their own.
  if (!aWasJoined && a.length <= HEADER_LINE_MAX_LEN && (DOC_NUMBER_LINE.test(a) || FIELD_LINE.test(a))) return false;
  if (b.length <= HEADER_LINE_MAX_LEN && DOC_NUMBER_LINE.test(b) && !CONTINUATION_START.test(b)) return false;
  // One or two characters left alone by a wiki link or a wrap (「政府工作报\n告」) belong to the line before.
  if (ORPHAN.test(b)) return true;
  if (isHeadingLine(a)) return false;
  // A line ending in a word no title or sentence ends with (「…所作的」) is cut mid-sentence.
  if (DANGLING_END.test(a)) return true;
  // ...and a short one ends its paragraph.
  if (width) return !aWasJoined && !isStandalone(a);
  if (isStandalone(a) && !aWasJoined) return false;
  return true;
}

/**
 * The text's first line is its title, not the start of its first paragraph: short, no sentence end
 * in it, not left open, and the line after it a longer paragraph that ends a sentence.
 */
function isTopTitle(a: string, b: string): boolean {
  return (
    a.length <= TOP_TITLE_MAX_LEN &&
    !TOP_TITLE_NOT.test(a) &&
    !OPEN_END.test(a) &&
    !DANGLING_END.test(a) &&
    !CONTINUATION_START.test(b) &&
    b.length > a.length &&
    TERMINAL_END.test(b)
  );
}

function glue(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * Paragraphs repeated by scraping: a long paragraph seen before goes (compared without spaces); a
 * short one (a heading) goes too when it sits inside a run of such duplicates and was seen before.
 */
function dropDuplicates(paragraphs: string[], removed: Removed): string[] {
  const key = (p: string) => p.replace(/\s+/g, '');
  const seen = new Set<string>();
  const dup = paragraphs.map((p) => {
    const k = key(p);
    const isDup = seen.has(k);
    seen.add(k);
    return isDup && p.length >= DUPLICATE_MIN_LEN ? 'long' : isDup ? 'short' : '';
  });
  const kept: string[] = [];
  paragraphs.forEach((p, i) => {
    const inRun = dup[i] === 'short' && dup[i - 1] === 'long' && dup[i + 1] === 'long';
    if (dup[i] === 'long' || inRun) removed.push({ text: p, rule: 'duplicate' });
    else kept.push(p);
  });
  return kept;
}

/** Clean a document's text: remove what is not the document, repair what conversion broke. */
export function cleanText(raw: string): CleanResult {
  const removed: Removed = [];
  if (!raw || !raw.trim()) return { text: '', removed };

  const text = splitRunOn(repairCharacters(raw, removed));
  const lines: Line[] = text
    .split('\n')
    .map((raw) => ({ text: repairLine(raw), indent: INDENT.test(raw) }))
    .filter((l) => l.text.length > 0);
  // Indentation marks paragraph starts only when some lines are indented and others are not.
  const indented = lines.filter((l) => l.indent).length;
  const indentSignals = indented > 0 && indented < lines.length * INDENT_MAX_SHARE;

  markLineRules(lines, removed);
  markRelatedLists(lines);
  markMenus(lines);
  markBareNumbers(lines);
  markRunningHeaders(lines);
  markSandwiched(lines);

  const width = wrapWidth(lines);
  const paragraphs: string[] = [];
  let lastJoined = false;
  let lastRaw = '';
  for (const l of lines) {
    if (l.drop) {
      removed.push({ text: l.text, rule: l.drop });
      continue;
    }
    const prev = paragraphs[paragraphs.length - 1];
    const startsParagraph = indentSignals && l.indent && !CONTINUATION_START.test(l.text);
    const topTitle = paragraphs.length === 1 && !lastJoined && !width && prev !== undefined && isTopTitle(prev, l.text);
    if (prev !== undefined && !startsParagraph && !topTitle && shouldJoin(prev, l.text, lastJoined, width, lastRaw)) {
      paragraphs[paragraphs.length - 1] = glue(prev, l.text);
      lastJoined = true;
    } else {
      paragraphs.push(l.text);
      lastJoined = false;
    }
    lastRaw = l.text;
  }

  const kept = dropDuplicates(paragraphs, removed);
  return { text: kept.join('\n'), removed };
}
