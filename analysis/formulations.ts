// Formulations (提法) of one document, of three per-document kinds:
//   lexicon  — entries of the lexicon, counted as exact phrase occurrences in the normalised text
//   quoted   — phrases the document marks with “ ” 「 」 『 』
//   numbered — number formulas found by pattern (两个维护, 三会一课, 一岗双责, 1+10+N …)
// The fourth kind, `recurring`, needs the whole collection and lives in aggregate.ts.
// Every count is a substring count on the normalised text, so it never depends on how jieba split
// a sentence; jieba tokens are only used to *find* counted-numeral candidates (四个|意识).
import type { FormulationHit, FormulationKind } from './types';
import type { Lexicon } from './lexicon';
import { isNoiseToken } from './stopwords';

// ---------- counting ----------

/** Non-overlapping occurrences of `needle` in `text` (the same as text.split(needle).length - 1). */
export function countOccurrences(text: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Start offsets of non-overlapping occurrences of `needle`. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/**
 * Occurrences of a lexicon entry: all its forms (term and aliases) are searched, and overlapping
 * matches are one occurrence (「党的二十大」 contains 「二十大」: counted once). Matches are taken
 * left to right, the longest at each position, never overlapping a match already taken.
 */
export function countEntry(text: string, forms: string[]): number {
  const spans: [number, number][] = [];
  for (const f of new Set(forms)) for (const s of occurrences(text, f)) spans.push([s, s + f.length]);
  if (spans.length === 0) return 0;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let n = 0;
  let end = -1;
  for (const [s, e] of spans) {
    if (s >= end) {
      n++;
      end = e;
    }
  }
  return n;
}

/**
 * A lexicon compiled for matching: every form indexed by its first character, so one pass over the
 * text finds all occurrences of all forms (a few hundred indexOf scans per document were the
 * bottleneck). Built once per lexicon array and cached.
 */
interface CompiledLexicon {
  byFirst: Map<string, { form: string; entry: number }[]>;
  /** Entry count when compiled: an array changed in place afterwards is compiled again. */
  size: number;
}
const compiled = new WeakMap<Lexicon, CompiledLexicon>();

function compile(lexicon: Lexicon): CompiledLexicon {
  let c = compiled.get(lexicon);
  if (c && c.size === lexicon.length) return c;
  const byFirst = new Map<string, { form: string; entry: number }[]>();
  lexicon.forEach((e, entry) => {
    for (const form of new Set([e.term, ...e.aliases])) {
      if (!form) continue;
      const first = form[0];
      if (!byFirst.has(first)) byFirst.set(first, []);
      byFirst.get(first)!.push({ form, entry });
    }
  });
  // Longest form first, so the first form of an entry that matches at a position is its longest.
  for (const list of byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
  c = { byFirst, size: lexicon.length };
  compiled.set(lexicon, c);
  return c;
}

/**
 * Lexicon hits of a normalised text: one per entry with count > 0, canonical form, entry's category.
 * Per entry, matches of any of its forms are taken left to right, the longest at each position,
 * never overlapping one already taken (so 「党的二十大」 is one occurrence, not also one of 「二十大」);
 * entries are counted independently of each other (「从严治党」 inside 「全面从严治党」 counts for both).
 */
export function lexiconHits(text: string, lexicon: Lexicon): FormulationHit[] {
  const hits: FormulationHit[] = [];
  if (!text || lexicon.length === 0) return hits;
  const { byFirst } = compile(lexicon);
  const counts = new Int32Array(lexicon.length);
  /** End of the last match taken, per entry. */
  const ends = new Int32Array(lexicon.length);
  /** Position at which an entry was last matched (its longest form there already decided). */
  const seenAt = new Int32Array(lexicon.length).fill(-1);
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirst.get(text[i]);
    if (!candidates) continue;
    for (const { form, entry } of candidates) {
      if (seenAt[entry] === i || !text.startsWith(form, i)) continue;
      seenAt[entry] = i;
      if (i < ends[entry]) continue;
      counts[entry]++;
      ends[entry] = i + form.length;
    }
  }
  counts.forEach((count, entry) => {
    if (count > 0) hits.push({ text: lexicon[entry].term, kind: 'lexicon', count, category: lexicon[entry].category });
  });
  return hits;
}

// ---------- quoted ----------

/** Quotation pairs that documents use to mark a slogan or named programme. */
const QUOTE_PAIRS: [open: string, close: string][] = [
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
  ['"', '"'],
];

/** Length bounds of a quoted formulation (characters): shorter is a word in quotes, longer a citation. */
export const QUOTED_MIN = 2;
export const QUOTED_MAX = 16;

/** A quote holding sentence punctuation is a citation or a question, not a formulation. 、 (list comma) is allowed: 「不忘初心、牢记使命」. */
const QUOTE_SENTENCE_PUNCT = /[。，；：！？,;:!?\n]/;
/** At least this many Han characters: "N" or "A+B" in quotes is not a Chinese formulation (digit formulas are `numbered`). */
const QUOTED_MIN_HAN = 2;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF]/g;

/** Inner texts of quoted phrases, in order of appearance (repeats included). */
export function quotedPhrases(text: string): string[] {
  const out: { at: number; inner: string }[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    const re = new RegExp(`${escapeRe(open)}([^${escapeRe(open)}${escapeRe(close)}\\n]{${QUOTED_MIN},${QUOTED_MAX}})${escapeRe(close)}`, 'g');
    for (const m of text.matchAll(re)) {
      const inner = m[1].trim();
      if (inner.length < QUOTED_MIN || QUOTE_SENTENCE_PUNCT.test(inner)) continue;
      if ((inner.match(HAN) ?? []).length < QUOTED_MIN_HAN) continue;
      out.push({ at: m.index ?? 0, inner });
    }
  }
  return out.sort((a, b) => a.at - b.at).map((o) => o.inner);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

// ---------- numbered ----------

/** Numerals that open a number formula. 一 opens only the parallel shape (一岗双责), never 一个/一些. */
const NUMERALS = '一二两三四五六七八九十双';
/**
 * Numerals of counted formulas (四个意识, 八项规定, 十大行动). Larger counts (十四个建设项目) are nearly
 * always plain quantities; the few formulations among them (十四个坚持) are in the lexicon or quoted.
 */
const COUNT_NUMERAL = /^[两二三四五六七八九十]$/;
/** Classifiers of counted formulas: 四个意识, 四种形态, 三大攻坚战, 八项规定, 十条措施. */
const CLASSIFIERS = '个种项大条类张支批';
const COUNTED_HEAD = new RegExp(`^[两二三四五六七八九十][${CLASSIFIERS}]$`);
const COUNTED_WHOLE = new RegExp(`^([两二三四五六七八九十][${CLASSIFIERS}])([\\u4E00-\\u9FFF]{2,3})$`);
/** Longest tail of a counted formula: formulations are compact (三大攻坚战); 十四个沿海港口 is a count. */
const COUNTED_TAIL_MAX = 3;
/** Characters before a numeral that make it part of a larger number or an ordinal (第四个, 二十四个). */
const NUMBER_BEFORE = /[第\d零〇一二两三四五六七八九十百千万]$/;
/**
 * Tails that make a counted phrase a plain quantity, not a formulation (三个方面, 两个月, 五个部门).
 * Checked on the first token after the numeral and classifier.
 */
const GENERIC_TAILS = new Set(
  `方面 部分 阶段 环节 问题 层次 层面 领域 板块 类别 方向 月 年度 小时 季度 百分点 国家 地区 城市 单位 部门 项目 企业
   省份 县区 乡镇 村 代表 重点 主要 工作 任务 基本 重要 重大 最大 特别 历史性 约束性 标志性 不同 以上 以下 多月 批次 方案 文件 会议 专题 活动 措施 人员 地方
   群众 同志 学校 班子 小组 同学 孩子 家庭 品种 产品 行业 县市 市县 区县 社区 街道 部委 国家级 省级 市级 万元 亿元`
    .split(/\s+/)
    .filter(Boolean),
);
/**
 * Characters that cannot be the concept character of a parallel formula: time and quantity units
 * (三月一日, 一年一度), enumeration (一是一…), structural particles.
 */
const PARALLEL_STOP = new Set([...'年月日时分秒点号元角岁天次倍周届期批个是要的和与或及等第万亿千百零〇']);
/** Four-character idioms of the numeral-X-numeral-Y shape: ordinary language, not formulations. */
const NUMERAL_IDIOMS = new Set(
  `三心二意 七上八下 一五一十 三番五次 三令五申 四面八方 五花八门 七嘴八舌 十全十美 三言两语 两面三刀 五颜六色
   七零八落 四分五裂 三五成群 九死一生 十拿九稳 一干二净 一清二楚 三长两短 七手八脚 六神无主 四平八稳 五体投地
   一举两得 一石二鸟 一分为二 三头六臂 九九归一 一波三折 一日三餐 三年五载 三三两两 一穷二白 四通八达
   一干二净 三从四德 五光十色 七拼八凑 八面玲珑 九霄云外 十字路口`
    .split(/\s+/)
    .filter(Boolean),
);
/** Digit formulas: 1+10+N, 1+N, 1+X+N, 3+2+1 (a plain sum like "5+2" is not kept: see isDigitFormula). */
const DIGIT_FORMULA = /(?<![0-9A-Za-z.+])[0-9]{1,3}(?:\+[0-9A-Za-z]{1,3}){1,4}(?![0-9A-Za-z.+])/g;

function isDigitFormula(s: string): boolean {
  const plus = (s.match(/\+/g) ?? []).length;
  return /[A-Za-z]/.test(s) || plus >= 2;
}

const HAN_CHAR = /^[\u4E00-\u9FFF]$/;

/**
 * Parallel number formulas, numeral-character pairs repeated: 三会一课, 一岗双责, 三重一大, 五位一体,
 * 两学一做, 三严三实, 六稳六保, 三去一降一补. A third pair is kept only when the phrase ends there
 * (三去一降一补，) so 「双推双评三全程」 gives 双推双评, not 双推双评三全.
 */
export function parallelNumberFormulas(text: string): string[] {
  const out: string[] = [];
  const isNum = (c: string | undefined) => c !== undefined && NUMERALS.includes(c);
  const isConcept = (c: string | undefined) => c !== undefined && HAN_CHAR.test(c) && !isNum(c) && !PARALLEL_STOP.has(c);
  for (let i = 0; i + 4 <= text.length; i++) {
    if (!isNum(text[i]) || !isConcept(text[i + 1]) || !isNum(text[i + 2]) || !isConcept(text[i + 3])) continue;
    // The numeral must start the phrase: not 第三会一…, 十三重一…, nor a digit before it.
    const before = text[i - 1];
    if (before !== undefined && (isNum(before) || before === '第' || /[0-9零〇百千万]/.test(before))) continue;
    let end = i + 4;
    if (isNum(text[end]) && isConcept(text[end + 1]) && !HAN_CHAR.test(text[end + 2] ?? '')) end += 2;
    const phrase = text.slice(i, end);
    // 一X一Y with only 一 is nearly always an idiom (一心一意, 一草一木); 一带一路 is in the lexicon.
    if ([...phrase].filter((_, k) => k % 2 === 0).every((c) => c === '一')) continue;
    if (NUMERAL_IDIOMS.has(phrase.slice(0, 4)) || NUMERAL_PLACE_NAMES.some((p) => phrase.startsWith(p))) continue;
    out.push(phrase);
    i = end - 1;
  }
  return out;
}

/** Digit formulas (1+10+N) in the text. */
export function digitFormulas(text: string): string[] {
  return [...text.matchAll(DIGIT_FORMULA)].map((m) => m[0]).filter(isDigitFormula);
}

/**
 * Counted formulas from a token sequence: a numeral + classifier (四个, 三大, 八项; one token or two)
 * followed by a content token of 2–4 Han characters (意识, 攻坚战). The phrase is the concatenation.
 */
export function countedNumberFormulas(tokens: string[], stopwords: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let head = tokens[i];
    let next = i + 1;
    const prev = tokens[i - 1] ?? '';
    if (!COUNTED_HEAD.test(head)) {
      // jieba sometimes splits the numeral from its classifier: 四|个.
      if (COUNT_NUMERAL.test(head) && tokens[i + 1]?.length === 1 && CLASSIFIERS.includes(tokens[i + 1])) {
        head = head + tokens[i + 1];
        next = i + 2;
      } else {
        // A token that is already a whole counted formula (jieba or the lexicon made it one).
        const m = COUNTED_WHOLE.exec(head);
        if (m && !GENERIC_TAILS.has(m[2]) && !NUMBER_BEFORE.test(prev)) out.push(head);
        continue;
      }
    }
    // 第四个…, 二十四个…: the numeral must start the phrase.
    if (NUMBER_BEFORE.test(prev)) continue;
    const tail = tokens[next];
    if (!tail || !new RegExp(`^[\\u4E00-\\u9FFF]{2,${COUNTED_TAIL_MAX}}$`).test(tail)) continue;
    if (stopwords.has(tail) || isNoiseToken(tail) || GENERIC_TAILS.has(tail)) continue;
    out.push(head + tail);
  }
  return out;
}

/**
 * A quoted phrase that is itself a number formula: a numeral run followed by a classifier-like
 * character (「十个必谈」 「一把手」 「两张皮」 「一盘棋」 「四强」), or with a second numeral later
 * (「一校一品」), or the numeral run plus at most two characters (「十四五」). Place names that begin
 * with a numeral (四川, 三亚, 九江, 十堰) stay plain quoted phrases.
 */
const QUOTED_NUMERAL_RUN = /^[一二两三四五六七八九十百双]{1,3}/;
const QUOTED_CLASSIFIER_LIKE = new Set([...'个种项大条类张支批把盘面位化型好有不心联佳强优星级']);
const NUMERAL_PLACE_NAMES = ['四川', '三亚', '三明', '三门峡', '九江', '十堰', '六盘水', '七台河', '五指山', '六安', '三沙', '四平', '八一', '五台山'];
const QUOTED_NUMBER_MAX = 8;

function isQuotedNumberFormula(q: string): boolean {
  if (q.length > QUOTED_NUMBER_MAX || /[、·]/.test(q)) return false;
  const run = QUOTED_NUMERAL_RUN.exec(q);
  if (!run || run[0].length === q.length) return false;
  if (NUMERAL_PLACE_NAMES.some((p) => q.startsWith(p))) return false;
  const rest = q.slice(run[0].length);
  if (!/^[\u4E00-\u9FFF]/.test(rest)) return false;
  return QUOTED_CLASSIFIER_LIKE.has(rest[0]) || /[一二两三四五六七八九十双]/.test(rest) || rest.length <= 2;
}

// ---------- all per-document kinds ----------

export interface FormulationOptions {
  lexicon: Lexicon;
  stopwords: Set<string>;
  /** Segmenter tokens of the same normalised text (for counted numeral formulas); optional. */
  tokens?: string[];
}

/**
 * The lexicon, numbered and quoted formulations of a normalised text. One hit per text: a phrase
 * that is a lexicon form is reported as `lexicon` (under its canonical term); otherwise a number
 * formula is `numbered`, even when it is also quoted; the rest of the quoted phrases are `quoted`.
 * Counts are substring counts on the text (a quoted phrase counts its unquoted uses too).
 */
export function findFormulations(text: string, opts: FormulationOptions): FormulationHit[] {
  const hits = lexiconHits(text, opts.lexicon);
  if (!text) return hits;
  const lexForms = new Set<string>();
  for (const e of opts.lexicon) {
    lexForms.add(e.term);
    for (const a of e.aliases) lexForms.add(a);
  }
  const seen = new Set<string>(lexForms);
  const add = (phrase: string, kind: FormulationKind) => {
    if (seen.has(phrase)) return;
    seen.add(phrase);
    const count = countOccurrences(text, phrase);
    if (count > 0) hits.push({ text: phrase, kind, count });
  };
  const quoted = quotedPhrases(text);
  for (const p of digitFormulas(text)) add(p, 'numbered');
  for (const p of parallelNumberFormulas(text)) add(p, 'numbered');
  if (opts.tokens) for (const p of countedNumberFormulas(opts.tokens, opts.stopwords)) add(p, 'numbered');
  for (const q of quoted) if (isQuotedNumberFormula(q)) add(q, 'numbered');
  for (const q of quoted) add(q, 'quoted');
  return hits;
}
