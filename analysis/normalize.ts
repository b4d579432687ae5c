// Normalisation for analysis. The stored text stays as written; every count, term and formulation
// is computed on this normalised form, so all results are in simplified Chinese and a word broken
// by a line break or a stray space ("政府工作报\n告", "政 府") is still found.
import * as OpenCC from 'opencc-js/t2cn';
import { stripZeroWidth, toHalfWidthAlnum } from './text';

// opencc-js ships its dictionaries inside the module (no network, no fetch), so the same import works
// in Node and in a browser bundle. 't' (OpenCC standard traditional) → 'cn' also covers the Taiwan and
// Hong Kong variants found in our corpus; simplified text passes through unchanged (checked on the seeds).
let toSimplified: ((s: string) => string) | null = null;
function t2s(text: string): string {
  if (!toSimplified) toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplified(text);
}

/** Han ideographs and the CJK punctuation that sits between them. */
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\u2018-\\u201D\\u2026\\u2014';

/** Horizontal whitespace (incl. the ideographic space U+3000 and NBSP) next to a CJK character carries no meaning. */
const SPACE_AFTER_CJK = new RegExp(`([${CJK}])[ \\t\\u00A0\\u3000]+`, 'g');
const SPACE_BEFORE_CJK = new RegExp(`[ \\t\\u00A0\\u3000]+([${CJK}])`, 'g');

/** Wikisource footnote markers ("[1]", broken over lines as "[\n1\n]"). */
const FOOTNOTE_MARK = /\[\s*\d{1,3}\s*\]/g;

/** A line ending with one of these closes its sentence: a break after it is a real break. */
const SENTENCE_END = /[。！？；：!?;:…」』”"）)】\]]$/;
/** A line can never start with these (closing or medial punctuation): the break before them is spurious. */
const CONTINUATION_START = /^[，、。；：！？”’」』》）)】〕,.;:!?%％]/;
/** A line can never end with these (opening punctuation): the break after them is spurious. */
const OPENING_END = /[《“‘「『（(【〔]$/;
/** Characters that cannot end a title or heading (particles, prepositions, conjunctions, the copula of 「二是」). */
const DANGLING_END = /[的了和与及或并把被对在从向以为之其而且是]$/;
/** A heading marker at the start of a line (the outline's markers; see structure.ts for the full table). */
const HEADING_START =
  /^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}(?:[、．]|\.(?!\d))|[（(]\d{1,3}[）)]|[①-⑳]|第[一二三四五六七八九十百零〇\d]+[编章节条部分])/;
/** Sentence punctuation inside a line: a line holding it is running prose, not a title. */
const INNER_PUNCT = /[，。；、！？,]/;
/** Prose sentence terminators: a marker line without them is a heading, not a numbered paragraph. */
const PROSE_END = /[。！？；]/;

/**
 * A salutation on a line of its own (「各位代表：」, 「同志们！」): short, ending in ：or ！, no other
 * punctuation. The line before it (「结束语」, a speaker's name) is a block, never its start.
 */
const SALUTATION = /^[^，。；、：！？,.;:!?]{2,10}[：！:!]$/;
/** A dash subtitle (「——2024年3月5日在…会议上」) starts its own line under a title. */
const SUBTITLE_START = /^(?:——|--|—)/;

/** Lines at most this long, without punctuation, that continue into the next line are fragments ("二是", "习近平"). */
const FRAGMENT_MAX = 8;
/**
 * A short line of Han characters (two or more) standing after a sentence end, with a whole paragraph
 * after it, is a section title (「结束语」 above its closing paragraph), not a fragment: a fragment
 * left by a wiki link sits inside a sentence, so the line before it does not end one.
 */
const TITLE_LINE = /^[\p{Script=Han}\d]*\p{Script=Han}[\p{Script=Han}\d]*\p{Script=Han}[\p{Script=Han}\d]*$/u;
/** The paragraph under such a title: at least this long, ending a sentence (as must the line above the title). */
const TITLE_PARAGRAPH_MIN = 12;
const PARAGRAPH_END = /[。！？!?][”’」』）)]?$/;

function isHeadingLine(line: string): boolean {
  return HEADING_START.test(line) && !PROSE_END.test(line);
}

/** A short title line on its own (its line began after a real break) above a paragraph. */
function isStandaloneTitle(prev: string, next: string, prevStartsBlock: boolean): boolean {
  return prevStartsBlock && TITLE_LINE.test(prev) && next.length >= TITLE_PARAGRAPH_MIN && PARAGRAPH_END.test(next);
}

/**
 * Whether the break between line `prev` and line `next` is inside a sentence. `blank` = blank lines
 * in between; `prevStartsBlock` = `prev` is one line of the input that followed a sentence end.
 */
function breakIsSpurious(prev: string, next: string, blank: boolean, prevStartsBlock = false): boolean {
  if (OPENING_END.test(prev) || CONTINUATION_START.test(next)) return true;
  if (SENTENCE_END.test(prev)) return false;
  if (HEADING_START.test(next) || isHeadingLine(prev)) return false;
  if (SALUTATION.test(next) || SUBTITLE_START.test(next)) return false;
  if (DANGLING_END.test(prev)) return true;
  // Running prose cut in the middle of a sentence (the seeds: "…摆在首位，引\n\n导党员干部").
  if (INNER_PUNCT.test(prev)) return true;
  // Wiki-link fragments on a line of their own: "二是\n加强…", "不总是\n具有…".
  return !blank && prev.length <= FRAGMENT_MAX && !isStandaloneTitle(prev, next, prevStartsBlock);
}

/**
 * Normalise a text for analysis: traditional → simplified, full-width digits and letters → ASCII,
 * zero-width characters and footnote markers removed, spaces next to CJK characters removed, lines
 * trimmed, line breaks inside a sentence joined, blank lines dropped. The result has one paragraph
 * (or heading) a line. Idempotent.
 */
export function normalizeForAnalysis(text: string): string {
  if (!text) return '';
  let t = stripZeroWidth(text).replace(/\r\n?/g, '\n').replace(/[\u2028\u2029\u000B\u000C\u0085]/g, '\n');
  t = toHalfWidthAlnum(t);
  t = t2s(t);
  t = t.replace(FOOTNOTE_MARK, '');
  t = t.replace(SPACE_AFTER_CJK, '$1').replace(SPACE_BEFORE_CJK, '$1');
  const raw = t.split('\n');
  const out: string[] = [];
  let blank = false;
  // Whether the last line of `out` is one input line that followed a sentence end (not a join).
  let lastStartsBlock = false;
  for (const r of raw) {
    const line = r.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/[ \t\u00A0]{2,}/g, ' ');
    if (!line) {
      blank = out.length > 0;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && breakIsSpurious(prev, line, blank, lastStartsBlock)) {
      // Latin words broken across lines keep a space between them; CJK does not use one.
      const sep = /[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(line) ? ' ' : '';
      out[out.length - 1] = prev + sep + line;
      lastStartsBlock = false;
    } else {
      lastStartsBlock = prev !== undefined && PARAGRAPH_END.test(prev);
      out.push(line);
    }
    blank = false;
  }
  return out.join('\n');
}
