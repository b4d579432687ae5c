// From the positioned text items of PDF pages to the text of the document: items → lines (same
// baseline, left to right, a space where the gap is wide), lines → paragraphs (normal line spacing,
// the line before reaching the right edge, the next one not indented), running headers and footers
// (the same short line at the top or bottom of several pages) removed, and a paragraph broken by a
// page break joined. Pure geometry on plain data: the pdf.js calls live in ./pdf.

import { startsWithMarker } from '../clean';
import { PAGE_NUMBER, RUNNING_HEADER_MAX_LEN, TERMINAL_END } from '../clean-rules';
import type { CleanResult } from '../types';

/** One run of text as pdf.js reports it (a TextItem): its string and where it is drawn. */
export interface PositionedText {
  str: string;
  /** Transform [a, b, c, d, x, y] in PDF units (origin bottom left). */
  transform: number[];
  width: number;
  height: number;
}

export interface PdfLine {
  text: string;
  /** Left and right ends and baseline, in PDF units. */
  x0: number;
  x1: number;
  y: number;
  /** Font size (the larger side of the text matrix). */
  size: number;
}

/** Items closer than this share of the font size to a line's baseline belong to that line. */
const SAME_LINE = 0.5;
/** A gap wider than this share of the font size between two items is a space. */
const SPACE_GAP = 0.25;
/** A line ending within this many characters of the right edge runs on (justified text, squeezed punctuation). */
const RIGHT_EDGE_SLACK = 1.5;
/** A line starting further right than this many characters past the left edge is indented. */
const INDENT_SLACK = 0.8;
/** Baselines further apart than this share of the usual spacing have a blank between them: a new paragraph. */
const PARAGRAPH_GAP = 1.3;
/** Lines whose sizes differ by more than this share are different kinds of text (title, body). */
const SIZE_TOLERANCE = 0.15;
/** Lines at the top and at the bottom of a page looked at for running headers and footers. */
const EDGE_LINES = 2;
/** A running header appears on at least this share of the pages (and on two at least). */
const RUNNING_MIN_SHARE = 0.3;
/** The copies of a running header sit within this many line heights of each other. */
const RUNNING_Y_SLACK = 2;

function sizeOf(t: PositionedText): number {
  const [a = 0, b = 0, c = 0, d = 0] = t.transform;
  return Math.max(Math.hypot(a, b), Math.hypot(c, d)) || t.height || 1;
}

function isLatin(ch: string): boolean {
  return /[A-Za-z0-9]/.test(ch);
}

/** Two pieces of text put together: Latin words keep a space, a hyphenated word closes up. */
export function glueText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  return isLatin(a.slice(-1)) && isLatin(b.charAt(0)) ? `${a} ${b}` : a + b;
}

/** The lines of one page, top to bottom. Items drawn twice at the same place (fake bold) count once. */
export function pageLines(items: readonly PositionedText[]): PdfLine[] {
  const runs = items
    .filter((t) => t.str && t.str.trim())
    .map((t) => ({ str: t.str, x: t.transform[4] ?? 0, y: t.transform[5] ?? 0, w: t.width, size: sizeOf(t) }));
  runs.sort((p, q) => q.y - p.y || p.x - q.x);

  const groups: { y: number; size: number; runs: typeof runs }[] = [];
  for (const r of runs) {
    const g = groups.find((l) => Math.abs(l.y - r.y) <= SAME_LINE * Math.min(l.size, r.size));
    if (g) {
      g.runs.push(r);
      g.size = Math.max(g.size, r.size);
    } else groups.push({ y: r.y, size: r.size, runs: [r] });
  }
  groups.sort((p, q) => q.y - p.y);

  const lines: PdfLine[] = [];
  for (const g of groups) {
    g.runs.sort((p, q) => p.x - q.x);
    let text = '';
    let end = -Infinity;
    let prev: (typeof runs)[number] | undefined;
    for (const r of g.runs) {
      if (prev && prev.str === r.str && Math.abs(prev.x - r.x) < 1 && Math.abs(prev.y - r.y) < 1) continue;
      const gap = r.x - end;
      if (text && gap > SPACE_GAP * r.size && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
      text += r.str;
      end = Math.max(end, r.x + r.w);
      prev = r;
    }
    const first = g.runs[0];
    const t = text.replace(/\s+/g, ' ').trim();
    if (t && first) lines.push({ text: t, x0: first.x, x1: end, y: g.y, size: g.size });
  }
  return lines;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The body's left edge (the most common start, to a point), right edge and usual line spacing. */
interface Frame {
  left: number;
  right: number;
  spacing: number;
}

function frameOf(lines: readonly PdfLine[]): Frame {
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x0), (starts.get(Math.round(l.x0)) ?? 0) + 1);
  let left = Infinity;
  let best = 0;
  for (const [x, n] of starts) if (n > best || (n === best && x < left)) [left, best] = [x, n];
  const right = Math.max(...lines.map((l) => l.x1));
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a && b && Math.abs(a.size - b.size) <= SIZE_TOLERANCE * a.size) gaps.push(a.y - b.y);
  }
  return { left: Number.isFinite(left) ? left : 0, right, spacing: median(gaps) };
}

function sameSize(a: PdfLine, b: PdfLine): boolean {
  return Math.abs(a.size - b.size) <= SIZE_TOLERANCE * Math.max(a.size, b.size);
}

function reachesRight(l: PdfLine, f: Frame): boolean {
  return l.x1 >= f.right - RIGHT_EDGE_SLACK * l.size;
}

function indented(l: PdfLine, f: Frame): boolean {
  return l.x0 > f.left + INDENT_SLACK * l.size;
}

/** Does line b carry on the paragraph of line a (a wrapped, not ended)? */
function continues(a: PdfLine, b: PdfLine, f: Frame, fb: Frame = f): boolean {
  if (!sameSize(a, b) || !reachesRight(a, f) || indented(b, fb)) return false;
  // A heading after a finished sentence starts a block even when the sentence filled its line.
  if (TERMINAL_END.test(a.text) && startsWithMarker(b.text)) return false;
  return true;
}

interface Paragraph {
  text: string;
  first: PdfLine;
  last: PdfLine;
}

function paragraphsOf(lines: readonly PdfLine[], f: Frame): Paragraph[] {
  const out: Paragraph[] = [];
  for (const l of lines) {
    const p = out[out.length - 1];
    const gap = p ? p.last.y - l.y : 0;
    const tight = !f.spacing || gap <= f.spacing * PARAGRAPH_GAP;
    if (p && tight && continues(p.last, l, f)) {
      p.text = glueText(p.text, l.text);
      p.last = l;
    } else out.push({ text: l.text, first: l, last: l });
  }
  return out;
}

/** Digits stand for any number (a header with its page number), blanks are ignored. */
function edgeKey(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, '');
}

function isPageNumberLine(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^\W*\d{1,4}\W*$/.test(t) || PAGE_NUMBER.some((re) => re.test(text) || re.test(t));
}

/**
 * Running headers and footers: a short line among the top or bottom lines of a page whose text
 * (digits aside) comes back at about the same height on other pages. One page proves nothing:
 * nothing is removed from a one-page file here (the cleaner still removes its page number).
 */
function markRunning(pages: readonly PdfLine[][]): Set<PdfLine> {
  const marked = new Set<PdfLine>();
  if (pages.length < 2) return marked;
  const candidates = pages.map((lines) =>
    [...new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)])].filter((l) => l.text.length <= RUNNING_HEADER_MAX_LEN),
  );
  const byKey = new Map<string, { page: number; y: number }[]>();
  candidates.forEach((lines, page) => {
    for (const l of lines) {
      const k = edgeKey(l.text);
      const list = byKey.get(k) ?? [];
      list.push({ page, y: l.y });
      byKey.set(k, list);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length * RUNNING_MIN_SHARE));
  for (const lines of candidates) {
    for (const l of lines) {
      const near = new Set((byKey.get(edgeKey(l.text)) ?? []).filter((o) => Math.abs(o.y - l.y) <= RUNNING_Y_SLACK * l.size).map((o) => o.page));
      if (near.size >= needed) marked.add(l);
    }
  }
  return marked;
}

export interface LaidOutText {
  /** One paragraph a line, pages in order; what the cleaner gets. */
  text: string;
  /** Lines taken out here (running headers, footers, page numbers), with the rule. */
  removed: CleanResult['removed'];
}

/**
 * The text of a document from its pages' lines: running headers and footers out, paragraphs
 * rebuilt, and a paragraph that runs over a page break (the last line full and unfinished, the
 * next page's first line not indented) joined, even in the middle of a word.
 */
export function layoutPages(pages: readonly PdfLine[][]): LaidOutText {
  const removed: CleanResult['removed'] = [];
  const running = markRunning(pages);
  const out: Paragraph[] = [];
  let prevFrame: Frame | null = null;
  for (const all of pages) {
    // A page without text (a scanned page) breaks any paragraph: nothing is joined across it.
    if (!all.length) {
      prevFrame = null;
      continue;
    }
    const lines: PdfLine[] = [];
    for (const l of all) {
      if (running.has(l)) removed.push({ text: l.text, rule: isPageNumberLine(l.text) ? 'page-number' : 'running-header' });
      else lines.push(l);
    }
    if (!lines.length) continue;
    const frame = frameOf(lines);
    const paras = paragraphsOf(lines, frame);
    const tail = out[out.length - 1];
    const head = paras[0];
    if (tail && head && prevFrame && continues(tail.last, head.first, prevFrame, frame)) {
      tail.text = glueText(tail.text, head.text);
      tail.last = head.last;
      paras.shift();
    }
    out.push(...paras);
    prevFrame = frame;
  }
  return { text: out.map((p) => p.text).join('\n'), removed };
}
