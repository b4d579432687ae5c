// Document structure: the outline read from heading markers, heading patterns (lead verbs, parallel
// headings) and body statistics. Works on the normalised text (one paragraph or heading a line).
import { parseChineseNumeral } from './numerals';
import type { BodyStats, Heading } from './types';
import { RUN_ON_MAX_LINES, RUN_ON_MIN_LINE, RUN_ON_SPLIT } from './clean-rules';

const CN_NUM = '一二三四五六七八九十百零〇';

/**
 * Heading marker kinds. Their order here is only the order they are tried in; a heading's level
 * comes from how the markers nest in the document (see extractOutline), never from the kind.
 */
const MARKERS: { kind: string; re: RegExp }[] = [
  { kind: 'part', re: new RegExp(`^第[${CN_NUM}\\d]{1,4}(?:编|部分)`) },
  { kind: 'chapter', re: new RegExp(`^第[${CN_NUM}\\d]{1,4}章`) },
  { kind: 'section', re: new RegExp(`^第[${CN_NUM}\\d]{1,4}节`) },
  { kind: 'article', re: new RegExp(`^第[${CN_NUM}\\d]{1,4}条`) },
  { kind: 'cn', re: new RegExp(`^[${CN_NUM}]{1,4}[、．.]`) },
  // A section number alone on its line (older reports: "一", "二" above each part); no heading text.
  // Same kind as 一、: the two never nest inside each other.
  { kind: 'cn', re: new RegExp(`^[${CN_NUM}]{1,3}$`) },
  { kind: 'cn-paren', re: new RegExp(`^[（(][${CN_NUM}]{1,4}[）)]`) },
  // 1. 1、 1． — but not 1.5万亿 (a decimal) nor 2024年 (no separator).
  { kind: 'arabic', re: /^\d{1,3}(?:[、．]|\.(?!\d))/ },
  { kind: 'arabic-paren', re: /^[（(]\d{1,3}[）)]/ },
  { kind: 'circled', re: /^[①-⑳]/ },
  // 第一，…问题。 — an ordinal opening a short line of its own (older reports' sub-questions). Only
  // a heading when the whole line is one short sentence and a neighbour of its series exists.
  { kind: 'ordinal', re: new RegExp(`^第[${CN_NUM}]{1,3}[，,、](?!\\d)`) },
];

/** An ordinal line longer than this, or with more than one sentence, is a paragraph. */
const ORDINAL_MAX_LINE = 30;
/**
 * 第一、 (an enumeration comma, like 一、) with a short first sentence and a paragraph running on
 * after it is a run-in heading (「第一、坚持…，集中力量把农业搞上去。农业是…」) when its series
 * carries sections: at least this share of its items (the last aside) have paragraphs of their own
 * before the next item. Numbered paragraphs in a row, one paragraph each, are a list (「…以下十个
 * 方面。」 第一、… 第二、… 第三、…).
 */
const RUN_IN_ORDINAL_MAX = 50;
const RUN_IN_SERIES_BODY_SHARE = 1 / 3;
const RUN_IN_ORDINAL = new RegExp(`^第[${CN_NUM}]{1,3}、`);

/**
 * The usual order of kinds from outermost to innermost (GB/T 9704: 一、 → （一） → 1. → （1）). Used
 * only for a text that begins inside its first part: a 二、 arriving above the first headings.
 */
const CONVENTIONAL_RANK = new Map<string, number>([
  ['part', 0], ['chapter', 1], ['section', 2], ['cn', 4], ['ordinal', 5], ['cn-paren', 5], ['article', 5], ['arabic', 6],
  ['arabic-paren', 7], ['circled', 8],
]);

/** 一、 and the kinds above it: after an unnumbered title with paragraphs of its own, these are its siblings. */
const CN_RANK = 4;

/** Kind of an unnumbered section title (「结束语」 between the last section and the sign-off). */
const PLAIN = 'plain';

/** A heading's text ends at the first of these (a run-in heading: "1.突出抓好政治建设。坚持…"). */
const HEADING_END = /[。！？；：:;]/;
/** A marker line whose first sentence is longer than this is a numbered paragraph, not a heading. */
export const HEADING_MAX_CHARS = 60;
/** Sentence terminators for body statistics. */
const SENTENCE_END = /[。！？!?]+/;

/**
 * Symbols and emoji that WeChat posts and slides put before a marker (📌一、, ▶（一）, ■1.): skipped.
 * Bounded, so a line of ten thousand symbols costs one pass.
 */
const SYMBOL_PREFIX = /^[\p{Extended_Pictographic}\p{So}\u2022\u00B7\u25A0-\u25FF\u2600-\u27BF\uFE0F\u200D\s]{1,16}/u;

/** A list item, not a heading: its text ends in a semicolon (「一、我国人民已经推翻了…；」). */
const LIST_ITEM_END = /[；;][”’」』）)]?$/;

/** Unnumbered section titles: short standalone lines (「结束语」, 「过去五年工作回顾」). */
const PLAIN_TITLE_MIN = 2;
const PLAIN_TITLE_MAX = 20;
/** Any punctuation makes a short line a fragment, a salutation (各位代表：) or a quote, not a title. */
const PLAIN_TITLE_PUNCT = /[，。；：、！？,.;:!?“”"‘’'「」『』（）()—…·]/;
const PLAIN_TITLE_SHAPE = /^[\p{Script=Han}\dA-Za-z《》 ]+$/u;
/** A date line (a sign-off) is never a title. */
const DATE_ONLY = /^\d{2,4}年(\d{1,2}月(\d{1,2}日)?)?$/;
/** Paragraphs this long on both sides make a short standalone line between them a section title. */
const PARAGRAPH_MIN = 30;
const PARAGRAPH_END = /[。！？!?”」]$/;
/** A salutation between a title and its first paragraph (「各位代表！」) is skipped. */
const SALUTATION = /^.{1,10}[！!：:]$/;
/**
 * Numbered headings nest under an unnumbered title only when the first of them follows it within
 * this many lines or are of a kind below 一、; when the title has paragraphs of its own first, parts
 * numbered 一、 are its siblings (「首先报告…的工作」 … 一、 … 八、 … 「结束语」).
 */
const PLAIN_CHILD_MAX_GAP = 2;

/** An attachment list (附件：1.… 2.…): its items are document titles, not the outline. */
const ATTACHMENT_START = /^(附件|附表|附录)\s*\d{0,2}\s*[:：]?/;
const ATTACHMENT_ITEM_MAX = 80;

/**
 * How far a marker may jump ahead of the previous one of its kind and still count: items are
 * sometimes lost in copying (一、二、四、), but a stray 「8、」 in a paragraph after 「1.」 is not.
 */
const MAX_MARKER_GAP = 2;

/** No outline nests deeper than this; a deeper marker is a list item (keeps hostile input linear). */
export const MAX_OUTLINE_DEPTH = 12;

interface MarkerMatch {
  kind: string;
  marker: string;
  text: string;
  /** The number the marker carries (一 → 1, （3） → 3, ② → 2), or 0 when unreadable. */
  n: number;
  /** Where the marker starts in the segment (after a skipped symbol prefix). */
  at: number;
  /** A 第一、 ordinal whose first sentence runs on into a paragraph (see RUN_IN_ORDINAL_MAX). */
  runIn?: boolean;
}

interface Segment {
  text: string;
  offset: number;
  /** A section title a one-line source glued to its paragraph (see gluedTitleAt). */
  glued?: boolean;
}

/**
 * A section title glued to the paragraph it heads, where a source lost its line breaks: a short run
 * of Han characters and digits at a sentence start, followed at once by a sentence that opens with
 * the same words (「…意见。2023年工作回顾2023年是…」: the paragraph repeats the title's year).
 */
const GLUED_TITLE_MIN = 4;
const GLUED_TITLE_MAX = 20;
/** The paragraph's first sentence is at least this long. */
const GLUED_PARAGRAPH_MIN = 12;
/** How many opening characters the paragraph must repeat. */
const GLUED_REPEAT = 3;
const GLUED_TITLE_CHARS = /^[\p{Script=Han}\d]+$/u;
const NUMERAL = new RegExp(`[\\d${CN_NUM}]`);
const SENTENCE_START = /(?:^|[。！？!?])(?=[^。！？!?])/g;

/** A title never ends with these (particles, prepositions, the copula): 「…首先是」 opens a sentence. */
const TITLE_DANGLING_END = /[的了和与及或并把被对在从向以为之其而且是]$/;

/** Length of a glued title starting at `at` in `line` (a paragraph must follow it), or 0. */
function gluedTitleAt(line: string, at: number): number {
  const head = line.slice(at, at + GLUED_TITLE_MAX + GLUED_REPEAT);
  const repeat = head.slice(0, GLUED_REPEAT);
  if (repeat.length < GLUED_REPEAT) return 0;
  for (let k = GLUED_TITLE_MIN; k <= GLUED_TITLE_MAX && k + GLUED_REPEAT <= head.length; k++) {
    const title = head.slice(0, k);
    if (!GLUED_TITLE_CHARS.test(title)) return 0;
    if (!head.startsWith(repeat, k) || (title.match(/\p{Script=Han}/gu) ?? []).length < GLUED_TITLE_MIN) continue;
    // The repeated words end where a word ends: 「一九五七年比一九五二年」 shares 一九五 inside two numbers.
    let common = GLUED_REPEAT;
    while (common < k && line[at + common] === line[at + k + common]) common++;
    if (NUMERAL.test(line[at + common - 1] ?? '') && (NUMERAL.test(line[at + common] ?? '') || NUMERAL.test(line[at + k + common] ?? ''))) continue;
    if (!/\p{Script=Han}$/u.test(title) || TITLE_DANGLING_END.test(title)) continue;
    // What follows is a paragraph: a sentence of some length, not another name (「中共某某委员会中共某某局」).
    const end = line.slice(at + k).search(/[。！？!?]/);
    return end >= GLUED_PARAGRAPH_MIN ? k : 0;
  }
  return 0;
}

/**
 * Glued titles are looked for only in a text whose lines average at least this many characters: a
 * source that lost its paragraph breaks (report paragraphs average a few hundred). In running prose
 * a phrase repeated across a sentence start (「坚持依法治国首先要坚持依宪治国」) is no title.
 */
const GLUED_MEAN_LINE_MIN = 700;

/** Segments with every glued title cut out as a segment of its own (only in a text with lost breaks). */
function splitGluedTitles(segs: Segment[], text: string): Segment[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const chars = lines.reduce((n, l) => n + l.length, 0);
  if (!lines.length || chars / lines.length < GLUED_MEAN_LINE_MIN) return segs;
  const out: Segment[] = [];
  for (const seg of segs) {
    let from = 0;
    for (const m of seg.text.matchAll(SENTENCE_START)) {
      const at = (m.index ?? 0) + m[0].length;
      if (at < from) continue;
      const len = gluedTitleAt(seg.text, at);
      if (!len) continue;
      if (at > from) out.push({ text: seg.text.slice(from, at), offset: seg.offset + from });
      out.push({ text: seg.text.slice(at, at + len), offset: seg.offset + at, glued: true });
      from = at + len;
    }
    out.push(from ? { text: seg.text.slice(from), offset: seg.offset + from } : seg);
  }
  return out;
}

function markerNumber(marker: string): number {
  const circled = marker.codePointAt(0) ?? 0;
  if (circled >= 0x2460 && circled <= 0x2473) return circled - 0x2460 + 1;
  const m = /[\d一二三四五六七八九十百零〇两]+/.exec(marker.replace(/^第/, ''));
  return m ? (parseChineseNumeral(m[0]) ?? 0) : 0;
}

/** The heading text of a marker line: its first sentence, or the first clause of a long one. */
function headingText(rest: string): string {
  const end = rest.search(HEADING_END);
  let t = (end >= 0 ? rest.slice(0, end) : rest).trim();
  // A numbered paragraph without a run-in heading ("1.坚持以…为指导，深入学习…，…。"): its first
  // clause stands for it, cut at HEADING_MAX_CHARS.
  if (t.length > HEADING_MAX_CHARS) {
    const clause = t.split(/[，,]/)[0] ?? '';
    t = clause.length <= HEADING_MAX_CHARS ? clause : `${clause.slice(0, HEADING_MAX_CHARS)}…`;
  }
  return t;
}

function matchMarker(line: string): MarkerMatch | null {
  const prefix = SYMBOL_PREFIX.exec(line);
  const at = prefix ? prefix[0].length : 0;
  const body = at ? line.slice(at) : line;
  for (const m of MARKERS) {
    const found = m.re.exec(body);
    if (!found) continue;
    const marker = found[0];
    if (marker.length === body.length && m.kind === 'cn') {
      return { kind: m.kind, marker, text: '', n: markerNumber(marker), at };
    }
    let runIn = false;
    if (m.kind === 'ordinal' && (body.length > ORDINAL_MAX_LINE || !ONE_SENTENCE.test(body))) {
      const first = body.search(/[。！？!?]/);
      if (!RUN_IN_ORDINAL.test(body) || first < 0 || first > RUN_IN_ORDINAL_MAX || first === body.length - 1) return null;
      runIn = true;
    }
    const rest = body.slice(marker.length).replace(/^[\s　、，,:：]+/, '');
    // 一、二、三产业 / 1.2.3 — a marker immediately followed by another marker is not a heading.
    if (!rest || m.re.test(rest)) return null;
    const text = headingText(rest);
    if (!text) return null;
    return { kind: m.kind, marker, text, n: markerNumber(marker), at, ...(runIn ? { runIn } : {}) };
  }
  return null;
}

/** The text's lines with their offsets; a one-line report is split into paragraphs first. */
function segmentsOf(text: string): Segment[] {
  const segs: Segment[] = [];
  let offset = 0;
  const lines = text.split('\n');
  const runOn = lines.length <= RUN_ON_MAX_LINES && lines.some((l) => l.length >= RUN_ON_MIN_LINE);
  for (const line of lines) {
    if (runOn && line.length >= RUN_ON_MIN_LINE) {
      let start = 0;
      for (const m of line.matchAll(RUN_ON_SPLIT)) {
        const cut = (m.index ?? 0) + m[0].length;
        const piece = line.slice(start, cut);
        const lead = piece.length - piece.trimStart().length;
        segs.push({ text: piece.trim(), offset: offset + start + lead });
        start = cut;
      }
      const piece = line.slice(start);
      segs.push({ text: piece.trim(), offset: offset + start + (piece.length - piece.trimStart().length) });
    } else segs.push({ text: line, offset });
    offset += line.length + 1;
  }
  return segs;
}

function isParagraph(s: string | undefined): boolean {
  return !!s && s.length >= PARAGRAPH_MIN && PARAGRAPH_END.test(s);
}

/** A short standalone line between two paragraphs (or before a numbered heading): a section title. */
function isPlainTitle(segs: Segment[], i: number, marks: (MarkerMatch | null)[], seenParagraph: boolean): boolean {
  const t = segs[i]?.text.trim() ?? '';
  if (!seenParagraph || t.length < PLAIN_TITLE_MIN || t.length > PLAIN_TITLE_MAX) return false;
  if (PLAIN_TITLE_PUNCT.test(t) || !PLAIN_TITLE_SHAPE.test(t) || DATE_ONLY.test(t)) return false;
  if ((t.match(/\p{Script=Han}/gu) ?? []).length < PLAIN_TITLE_MIN) return false;
  let p = i - 1;
  while (p >= 0 && !segs[p]?.text.trim()) p--;
  let q = i + 1;
  while (q < segs.length && !segs[q]?.text.trim()) q++;
  if (q < segs.length && SALUTATION.test(segs[q]?.text.trim() ?? '')) {
    q++;
    while (q < segs.length && !segs[q]?.text.trim()) q++;
  }
  if (p < 0 || q >= segs.length) return false;
  // The text of a bare section number (「一」 on its line, its title on the next) belongs to it.
  const before = marks[p];
  if (before && !before.text) return false;
  const prev = segs[p]?.text.trim();
  const next = segs[q]?.text.trim();
  const nextMark = marks[q];
  return isParagraph(prev) && (isParagraph(next) || (!!nextMark && nextMark.n === 1));
}

interface Candidate extends MarkerMatch {
  offset: number;
  index: number;
}

/** A line introducing a list ends with a colon (「调整投资结构的方向是：」). */
const LIST_INTRO_END = /[：:]$/;
/** One sentence: a single terminator, at the end. */
const ONE_SENTENCE = /^[^。！？!?；;]*[。！？!?；;][”’」』）)]?$/;

/**
 * Candidates that are list items, not headings: an item ending in ；, every item of a run of
 * adjacent same-kind items when half of them end so (the last item of such a list ends in 。), and
 * a run of adjacent items right after a line ending in a colon when most of them are one sentence
 * each (「…的方向是：」 一、…。 二、…。). Run-in headings (「1.以…为基调稳固经济运行。项目投资…」)
 * carry a paragraph after their first sentence and stay headings.
 */
function dropListItems(cands: Candidate[], segs: Segment[]): Candidate[] {
  const isItem = new Set<Candidate>();
  let i = 0;
  while (i < cands.length) {
    const first = cands[i];
    if (!first) break;
    let j = i + 1;
    while (j < cands.length) {
      const a = cands[j - 1];
      const b = cands[j];
      if (!a || !b || b.kind !== first.kind || b.index !== a.index + 1 || (b.n !== 0 && b.n !== a.n + 1)) break;
      j++;
    }
    const run = cands.slice(i, j);
    const lineOf = (c: Candidate) => segs[c.index]?.text.trim() ?? '';
    const ending = run.filter((c) => LIST_ITEM_END.test(lineOf(c)));
    if (ending.length > 0 && ending.length * 2 >= run.length) for (const c of run) isItem.add(c);
    for (const c of ending) isItem.add(c);
    const intro = segs[first.index - 1]?.text.trim() ?? '';
    if (run.length >= 2 && first.kind !== PLAIN && LIST_INTRO_END.test(intro)) {
      const single = run.filter((c) => ONE_SENTENCE.test(lineOf(c)));
      if (single.length * 2 > run.length) for (const c of run) isItem.add(c);
    }
    i = j;
  }
  return cands.filter((c) => !isItem.has(c));
}

/**
 * Run-in ordinals (第一、…。 followed by prose) that head sections: series 1, 2, 3… of two or more,
 * where enough items have paragraphs of their own before the next item (RUN_IN_SERIES_BODY_SHARE).
 */
function runInSections(items: Candidate[]): Set<Candidate> {
  const keep = new Set<Candidate>();
  let i = 0;
  while (i < items.length) {
    let j = i + 1;
    while (j < items.length && items[j]?.n === (items[j - 1]?.n ?? 0) + 1) j++;
    const series = items.slice(i, j);
    if (series.length >= 2 && series[0]?.n === 1) {
      let bodies = 0;
      for (let k = 0; k + 1 < series.length; k++) if ((series[k + 1]?.index ?? 0) - (series[k]?.index ?? 0) > 1) bodies++;
      if (bodies > 0 && bodies >= (series.length - 1) * RUN_IN_SERIES_BODY_SHARE) for (const c of series) keep.add(c);
    }
    i = j;
  }
  return keep;
}

interface Open {
  kind: string;
  last: number;
}

/**
 * The outline of a normalised text: headings with level (1 = top), marker and text, and the offset
 * of their line. Levels come from nesting: the kind that opens the document is level 1, a kind
 * first seen under a level-k heading is level k+1, and a marker returns to the level where its kind
 * is open. Numbers are checked per parent: a marker continues the open sequence of its kind (a
 * small gap allowed), restarts at 1 under a new parent, or continues the numbering of the previous
 * parent's children (1.–4. under （一）, 5.–7. under （二）). A 一、 restarting under an open 一、
 * sequence is a nested list, one level deeper; the outer sequence goes on after it.
 * 一是…二是… inside a paragraph are inline enumerations and never headings (only a marker at the
 * start of a line counts, and 「一是」 has no marker separator).
 */
export function extractOutline(text: string): Heading[] {
  const segs = splitGluedTitles(segmentsOf(text ?? ''), text ?? '');
  const marks = segs.map((s) => (s.text ? matchMarker(s.text) : null));
  const cands: Candidate[] = [];
  let seenParagraph = false;
  let inAttachments = false;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (!seg) continue;
    const line = seg.text;
    const m = marks[i] ?? null;
    if (inAttachments) {
      if (m && line.length <= ATTACHMENT_ITEM_MAX) continue;
      inAttachments = false;
    }
    if (ATTACHMENT_START.test(line) && line.length <= ATTACHMENT_ITEM_MAX) {
      inAttachments = true;
      continue;
    }
    if (m) cands.push({ ...m, offset: seg.offset + m.at, index: i });
    else if (seg.glued || isPlainTitle(segs, i, marks, seenParagraph)) {
      const t = line.trim();
      cands.push({ kind: PLAIN, marker: '', text: t, n: 0, at: 0, offset: seg.offset + (line.length - line.trimStart().length), index: i });
    }
    if (isParagraph(line.trim())) seenParagraph = true;
  }

  // An ordinal heading needs its neighbour in the series (第一，… and 第二，…); one alone is prose.
  const ordinals = new Set(cands.filter((c) => c.kind === 'ordinal' && !c.runIn).map((c) => c.n));
  const runIn = runInSections(cands.filter((c) => c.runIn));
  const kept = cands.filter((c) => (c.runIn ? runIn.has(c) : c.kind !== 'ordinal' || ordinals.has(c.n - 1) || ordinals.has(c.n + 1)));

  const out: Heading[] = [];
  const stack: Open[] = [];
  // Last number and depth per kind, kept when a parent closes: children number on across parents
  // (5. under （二） after 1.–4. under （一）), and a kind returns to its depth after a nested list.
  const lastSeen = new Map<string, { depth: number; n: number }>();
  let lastTop: Open | null = null;
  let plainIndex = -1;
  // Headings made siblings of a title with paragraphs of its own, and whether another title has
  // children: when titles head parts elsewhere (「2024年主要工作」 一、…), the first one does too.
  let siblingsOpen = false;
  const siblings: Heading[] = [];
  let titleHasChildren = false;
  for (const c of dropListItems(kept, segs)) {
    if (stack.length === 1 && stack[0]?.kind === PLAIN && c.kind !== PLAIN && c.index - plainIndex > PLAIN_CHILD_MAX_GAP && c.n <= 1 && (CONVENTIONAL_RANK.get(c.kind) ?? 9) <= CN_RANK && !lastSeen.has(c.kind)) {
      // The title had paragraphs of its own: the numbered sections after it are its siblings. Not
      // when their kind has numbered an earlier part: a 一、 starting again needs a new parent, the
      // title (「关于外交工作」 … 一、 after 「关于国内建设」 一、…五、).
      stack.length = 0;
      siblingsOpen = true;
    }
    if (c.kind === PLAIN) {
      plainIndex = c.index;
      // An unnumbered title is a top-level section; numbered headings after it nest below it
      // unless they carry on the top-level numbering from before it.
      if (stack[0] && stack[0].kind !== PLAIN) lastTop = stack[0];
      stack.length = 0;
      stack.push({ kind: PLAIN, last: 0 });
      siblingsOpen = false;
      out.push({ level: 1, marker: c.marker, text: c.text, offset: c.offset });
      continue;
    }
    let depth = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      const o = stack[k];
      if (o?.kind !== c.kind) continue;
      if (c.n === 0 || (c.n > o.last && c.n <= o.last + MAX_MARKER_GAP)) {
        depth = k;
        break;
      }
    }
    if (depth < 0 && stack[0]?.kind === PLAIN && lastTop?.kind === c.kind && c.n > lastTop.last && c.n <= lastTop.last + MAX_MARKER_GAP) {
      // 三、 after 「结束语」-like title that sat between 二、 and 三、: the numbered sections go on.
      stack.length = 0;
      stack.push({ kind: c.kind, last: lastTop.last });
      depth = 0;
    }
    const top = stack[0];
    if (depth < 0 && c.n === 2 && top && !lastSeen.has(c.kind) && out.length > 0 && (CONVENTIONAL_RANK.get(c.kind) ?? 9) < (CONVENTIONAL_RANK.get(top.kind) ?? 9) && out.every((h) => h.level >= 1)) {
      // The text begins inside its part 一 (a copy cut at the top): 二、 is the top level and the
      // headings before it sat one level below the missing 一、.
      for (const h of out) h.level += 1;
      stack.length = 0;
      stack.push({ kind: c.kind, last: 1 });
      depth = 0;
    }
    if (depth < 0) {
      const seen = lastSeen.get(c.kind);
      const continues = !!seen && c.n > seen.n && c.n <= seen.n + MAX_MARKER_GAP;
      if (c.n > 1 && !continues) continue;
      // A continued sequence goes back to where it was (never deeper than one below the open ones).
      const d = continues && seen && c.n > 1 ? Math.min(seen.depth, stack.length) : stack.length;
      if (d >= MAX_OUTLINE_DEPTH) continue;
      stack.length = d;
      stack.push({ kind: c.kind, last: 0 });
      depth = d;
    }
    stack.length = depth + 1;
    const open = stack[depth];
    if (open) open.last = c.n || open.last + 1;
    lastSeen.set(c.kind, { depth, n: open?.last ?? 0 });
    const h: Heading = { level: depth + 1, marker: c.marker, text: c.text, offset: c.offset };
    if (depth >= 1 && stack[0]?.kind === PLAIN) titleHasChildren = true;
    if (siblingsOpen) siblings.push(h);
    out.push(h);
  }
  if (titleHasChildren) for (const h of siblings) h.level += 1;
  return out;
}

/** Headings per level: [{ level, count }] sorted by level. */
export function levelCounts(outline: Heading[]): { level: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const h of outline) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([level, count]) => ({ level, count }));
}

/** Body statistics: characters (without whitespace), paragraphs (non-empty lines), sentences, mean sentence length. */
export function bodyStats(text: string): BodyStats {
  const chars = text.replace(/\s/g, '').length;
  const lines = text.split('\n').filter((l) => l.trim());
  let sentences = 0;
  for (const line of lines) {
    // A line without a terminator (a heading, a title) is one sentence.
    sentences += line.split(SENTENCE_END).filter((s) => s.replace(/\s/g, '').length > 0).length;
  }
  return {
    chars,
    paragraphs: lines.length,
    sentences,
    meanSentenceLength: sentences > 0 ? Math.round((chars / sentences) * 100) / 100 : 0,
  };
}

// ---------- heading patterns ----------

/**
 * Verbs that open headings of plans and work points. Used to recognise a lead verb; a heading that
 * starts with another two characters is checked against VERB_FIRST_CHARS below.
 */
export const LEAD_VERBS = new Set(
  `加强 强化 坚持 突出 深化 推进 健全 完善 抓好 抓实 抓牢 落实 压实 夯实 筑牢 提升 提高 优化 创新 聚焦 激发 守牢 锻造 扎实
   从严 持续 发挥 打造 树立 建立 建设 构建 严格 规范 全面 深入 着力 注重 增强 巩固 拓展 推动 促进 做好 办好 坚定 狠抓 紧扣
   围绕 服务 统筹 实施 开展 营造 弘扬 培育 建强 选优 配强 用好 管好 防范 防控 保障 确保 牢记 践行 贯彻 学习 提振 激活 释放
   扩大 稳定 稳住 稳步 加快 加大 大力 积极 切实 进一步 不断 努力 着眼 立足 把握 把牢 恪守 严守 坚守 维护 改进 改革 探索`
    .split(/\s+/)
    .filter(Boolean),
);
/** First characters that make a two-character heading opening verb-like (加X, 强X, 抓X…). */
const VERB_FIRST_CHARS = new Set([...'加强坚突深推健完抓落压夯筑提优创聚激守锻扎严规增巩拓促做办狠紧围统实开营弘培建选配用管防保确牢践贯学扩稳改探把恪维打树']);

export interface HeadingPattern {
  heading: Heading;
  /** First two characters when verb-like, else ''. */
  leadVerb: string;
  /** Two clauses separated by ，of similar shape: 「强化政治引领，筑牢理想信念的思想根基」. */
  parallel: boolean;
  clauses: string[];
}

export interface HeadingPatternSummary {
  headings: HeadingPattern[];
  /** Lead verbs with their counts, most frequent first. */
  leadVerbs: [verb: string, count: number][];
  /** Share of headings (0–1) that are parallel. */
  parallelShare: number;
}

/** The two-character lead of a heading when it looks like a verb; '' otherwise. */
export function leadVerbOf(text: string): string {
  const lead = text.slice(0, 2);
  if (lead.length < 2 || !/^[\u4E00-\u9FFF]{2}$/.test(lead)) return '';
  if (text.startsWith('进一步')) return '进一步';
  if (LEAD_VERBS.has(lead) || VERB_FIRST_CHARS.has(lead.charAt(0))) return lead;
  return '';
}

/** Clause length bounds of a parallel heading, and the largest length ratio between its two clauses. */
const PARALLEL_CLAUSE_MIN = 3;
const PARALLEL_CLAUSE_MAX = 20;
const PARALLEL_MAX_RATIO = 3;

function isParallel(clauses: string[]): boolean {
  const [a, b] = clauses;
  if (clauses.length !== 2 || a === undefined || b === undefined) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.min(la, lb) < PARALLEL_CLAUSE_MIN || Math.max(la, lb) > PARALLEL_CLAUSE_MAX) return false;
  if (Math.max(la, lb) / Math.min(la, lb) > PARALLEL_MAX_RATIO) return false;
  // Same shape: both clauses open with a verb-like pair (强化…，筑牢…; 加强…，提升…).
  return leadVerbOf(a) !== '' && leadVerbOf(b) !== '';
}

/** Lead verbs and parallel headings of an outline. */
export function headingPatterns(outline: Heading[]): HeadingPatternSummary {
  const headings: HeadingPattern[] = outline.map((h) => {
    const clauses = h.text
      .split(/[，,]/)
      .map((c) => c.trim())
      .filter(Boolean);
    return { heading: h, leadVerb: leadVerbOf(h.text), parallel: isParallel(clauses), clauses };
  });
  const counts = new Map<string, number>();
  for (const h of headings) if (h.leadVerb) counts.set(h.leadVerb, (counts.get(h.leadVerb) ?? 0) + 1);
  return {
    headings,
    leadVerbs: [...counts.entries()].sort((a, b) => b[1] - a[1]),
    parallelShare: headings.length ? headings.filter((h) => h.parallel).length / headings.length : 0,
  };
}
