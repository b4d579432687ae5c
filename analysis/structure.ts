// Document structure: the outline read from heading markers, heading patterns (lead verbs, parallel
// headings) and body statistics. Works on the normalised text (one paragraph or heading a line).
import { parseChineseNumeral } from './numerals';
import type { BodyStats, Heading } from './types';

const CN_NUM = '一二三四五六七八九十百零〇';

/**
 * Heading marker kinds, from the outermost to the innermost in Chinese official writing
 * (GB/T 9704: 一、 → （一） → 1. → （1）). `rank` orders them; a document's levels are the ranks it
 * actually uses, renumbered from 1 (a plan whose top level is 1. gets level 1 for 1.).
 */
const MARKERS: { kind: string; rank: number; re: RegExp }[] = [
  { kind: 'part', rank: 0, re: new RegExp(`^第[${CN_NUM}\\d]+(?:编|部分)`) },
  { kind: 'chapter', rank: 1, re: new RegExp(`^第[${CN_NUM}\\d]+章`) },
  { kind: 'section', rank: 2, re: new RegExp(`^第[${CN_NUM}\\d]+节`) },
  { kind: 'article', rank: 3, re: new RegExp(`^第[${CN_NUM}\\d]+条`) },
  { kind: 'cn', rank: 4, re: new RegExp(`^[${CN_NUM}]+[、．.]`) },
  // A section number alone on its line (older reports: "一", "二" above each part); no heading text.
  { kind: 'cn-bare', rank: 4, re: new RegExp(`^[${CN_NUM}]{1,3}$`) },
  { kind: 'cn-paren', rank: 5, re: new RegExp(`^[（(][${CN_NUM}]+[）)]`) },
  // 1. 1、 1． — but not 1.5万亿 (a decimal) nor 2024年 (no separator).
  { kind: 'arabic', rank: 6, re: /^\d{1,3}(?:[、．]|\.(?!\d))/ },
  { kind: 'arabic-paren', rank: 7, re: /^[（(]\d{1,3}[）)]/ },
  { kind: 'circled', rank: 8, re: /^[①-⑳]/ },
];

/** A heading's text ends at the first of these (a run-in heading: "1.突出抓好政治建设。坚持…"). */
const HEADING_END = /[。！？；：:;]/;
/** A marker line whose first sentence is longer than this is a numbered paragraph, not a heading. */
export const HEADING_MAX_CHARS = 60;
/** Sentence terminators for body statistics. */
const SENTENCE_END = /[。！？!?]+/;

interface MarkerMatch {
  kind: string;
  rank: number;
  marker: string;
  text: string;
  /** The number the marker carries (一 → 1, （3） → 3, ② → 2), or 0 when unreadable. */
  n: number;
}

function markerNumber(marker: string): number {
  const circled = marker.codePointAt(0) ?? 0;
  if (circled >= 0x2460 && circled <= 0x2473) return circled - 0x2460 + 1;
  const m = /[\d一二三四五六七八九十百零〇两]+/.exec(marker.replace(/^第/, ''));
  return m ? (parseChineseNumeral(m[0]) ?? 0) : 0;
}

/**
 * How far a marker may jump ahead of the previous one of its kind and still count: items are
 * sometimes lost in copying (一、二、四、), but 「三、」 after 「一、」 four pages earlier is fine while a
 * stray 「8、」 in a paragraph after 「1.」 is not.
 */
const MAX_MARKER_GAP = 2;

function matchMarker(line: string): MarkerMatch | null {
  for (const m of MARKERS) {
    const found = m.re.exec(line);
    if (!found) continue;
    const marker = found[0];
    if (m.kind === 'cn-bare') return { kind: m.kind, rank: m.rank, marker, text: '', n: markerNumber(marker) };
    let rest = line.slice(marker.length).replace(/^[\s　、，,:：]+/, '');
    // 一、二、三产业 / 1.2.3 — a marker immediately followed by another marker is not a heading.
    if (!rest || m.re.test(rest)) return null;
    const end = rest.search(HEADING_END);
    if (end >= 0) rest = rest.slice(0, end);
    rest = rest.trim();
    // A numbered paragraph without a run-in heading ("1.坚持以…为指导，深入学习…，…。"): its first
    // clause stands for it, cut at HEADING_MAX_CHARS.
    if (rest.length > HEADING_MAX_CHARS) {
      const clause = rest.split(/[，,]/)[0];
      rest = clause.length <= HEADING_MAX_CHARS ? clause : `${clause.slice(0, HEADING_MAX_CHARS)}…`;
    }
    if (!rest) return null;
    return { kind: m.kind, rank: m.rank, marker, text: rest, n: markerNumber(marker) };
  }
  return null;
}

/**
 * The outline of a normalised text: headings with level (1 = top), marker and text, and the offset
 * of their line. 一是…二是… inside a paragraph are inline enumerations and never headings (only a
 * marker at the start of a line counts, and 「一是」 has no marker separator).
 */
export function extractOutline(text: string): Heading[] {
  const found: (MarkerMatch & { offset: number })[] = [];
  // Last number seen per marker kind; a deeper kind restarts under each new parent, so a marker is
  // accepted when it restarts at 1 or follows the previous one of its kind closely.
  const last = new Map<string, number>();
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = matchMarker(line);
    if (m) {
      const prev = last.get(m.kind) ?? 0;
      const inSequence = m.n === 0 || m.n === 1 || (m.n > prev && m.n <= prev + MAX_MARKER_GAP);
      if (inSequence) {
        found.push({ ...m, offset });
        last.set(m.kind, m.n);
      }
    }
    offset += line.length + 1;
  }
  const ranks = [...new Set(found.map((f) => f.rank))].sort((a, b) => a - b);
  const level = new Map<number, number>(ranks.map((r, i) => [r, i + 1]));
  return found.map((f) => ({ level: level.get(f.rank) ?? 1, marker: f.marker, text: f.text, offset: f.offset }));
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
  if (LEAD_VERBS.has(lead) || VERB_FIRST_CHARS.has(lead[0])) return lead;
  return '';
}

/** Clause length bounds of a parallel heading, and the largest length ratio between its two clauses. */
const PARALLEL_CLAUSE_MIN = 3;
const PARALLEL_CLAUSE_MAX = 20;
const PARALLEL_MAX_RATIO = 3;

function isParallel(clauses: string[]): boolean {
  if (clauses.length !== 2) return false;
  const [a, b] = clauses;
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
