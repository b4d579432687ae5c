// Formulations (提法) of one document, of three per-document kinds:
//   lexicon  — entries of the lexicon, counted as exact phrase occurrences in the normalised text
//   quoted   — phrases the document marks with “ ” 「 」 『 』
//   numbered — number formulas found by pattern (两个维护, 三会一课, 一岗双责, 1+10+N …)
// The fourth kind, `recurring`, needs the whole collection and lives in aggregate.ts.
// Every count is a substring count on the normalised text, so it never depends on how jieba split
// a sentence; jieba tokens are only used to *find* counted-numeral candidates (四个|意识).
import type { FormulationHit } from './types';
import type { Lexicon } from './lexicon';
import type { Segmenter, Tokenized } from './segment';
import { isNoiseToken } from './stopwords';
import { countIn, matchText, phraseKey, phraseSpans, plainKey, type MatchText } from './counting';
import { PatternAutomaton } from './match';
import { generalLogFrequency } from './lexicon/general-words';

// ---------- counting (the model: analysis/counting.ts) ----------

/**
 * Occurrences of a lexicon entry given by its forms (term and aliases) in a normalised text, by the
 * counting model: ignored characters (line breaks, spaces, quote marks) skipped, all forms together,
 * left to right, the longest form at each position, never overlapping a match already taken
 * (「党的二十大」 contains 「二十大」: counted once).
 */
export function countEntry(text: string, forms: string[]): number {
  return phraseSpans(matchText(text), [...new Set(forms)].map(phraseKey)).length;
}

/** A lexicon compiled for matching: one automaton over every form's match key. Cached per lexicon array. */
export interface CompiledLexicon {
  automaton: PatternAutomaton;
  /** Entry of each pattern of the automaton. */
  entryOf: Int32Array;
  /** Every form's match key (the automaton's patterns), for telling a formulation that is a lexicon form. */
  keys: ReadonlySet<string>;
  /** Entry count when compiled: an array changed in place afterwards is compiled again. */
  size: number;
}
const compiled = new WeakMap<Lexicon, CompiledLexicon>();

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  let c = compiled.get(lexicon);
  if (c && c.size === lexicon.length) return c;
  const keys: string[] = [];
  const entryOf: number[] = [];
  lexicon.forEach((e, entry) => {
    for (const key of new Set([e.term, ...e.aliases].map(phraseKey))) {
      if (!key) continue;
      keys.push(key);
      entryOf.push(entry);
    }
  });
  c = { automaton: new PatternAutomaton(keys), entryOf: Int32Array.from(entryOf), keys: new Set(keys), size: lexicon.length };
  compiled.set(lexicon, c);
  return c;
}

/** One counted occurrence of a lexicon entry, in match-text offsets. */
export interface EntryMatch {
  entry: number;
  start: number;
  end: number;
}

/**
 * Counted occurrences of every lexicon entry in a match text (one automaton pass): per entry, left to
 * right, the longest of its forms at each position, never overlapping one of its own already taken.
 * Entries are independent of each other. Sorted by start, then longest first.
 */
export function lexiconMatches(mt: MatchText, lexicon: Lexicon): EntryMatch[] {
  if (!mt.key || lexicon.length === 0) return [];
  const { automaton, entryOf } = compileLexicon(lexicon);
  const all = automaton.matchAll(mt.key).map((m) => ({ entry: entryOf[m.pattern]!, start: m.start, end: m.end }));
  all.sort((a, b) => a.start - b.start || b.end - a.end || a.entry - b.entry);
  const ends = new Int32Array(lexicon.length);
  const out: EntryMatch[] = [];
  for (const m of all) {
    if (m.start < ends[m.entry]!) continue;
    ends[m.entry] = m.end;
    out.push(m);
  }
  return out;
}

/**
 * Lexicon hits of a normalised text: one per entry with count > 0, canonical form, entry's category.
 * Counts are occurrences (analysis/counting.ts): 「从严治党」 inside 「全面从严治党」 counts for both.
 */
export function lexiconHits(text: string, lexicon: Lexicon, mt: MatchText = matchText(text)): FormulationHit[] {
  const hits: FormulationHit[] = [];
  if (!text || lexicon.length === 0) return hits;
  const counts = new Int32Array(lexicon.length);
  for (const m of lexiconMatches(mt, lexicon)) counts[m.entry]!++;
  counts.forEach((count, entry) => {
    const e = lexicon[entry]!;
    if (count > 0) hits.push({ text: e.term, kind: 'lexicon', count, category: e.category });
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

/** A quoted phrase: its inner text and where the quotation (marks included) is in the text. */
export interface QuotedSpan {
  inner: string;
  start: number;
  end: number;
}

/** Quoted phrases with their positions, in order of appearance (repeats included). */
export function quotedSpans(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    const re = new RegExp(`${escapeRe(open)}([^${escapeRe(open)}${escapeRe(close)}\\n]{${QUOTED_MIN},${QUOTED_MAX}})${escapeRe(close)}`, 'g');
    for (const m of text.matchAll(re)) {
      const inner = m[1]!.trim();
      if (inner.length < QUOTED_MIN || QUOTE_SENTENCE_PUNCT.test(inner)) continue;
      if ((inner.match(HAN) ?? []).length < QUOTED_MIN_HAN) continue;
      const at = m.index ?? 0;
      out.push({ inner, start: at, end: at + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
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

/** Longest extension of a pattern match to the end of the word it stops in (三管三必 → 三管三必须). */
const WORD_EXTENSION_MAX = 2;

/**
 * Where parallel number formulas are. With word boundaries (`isBound(i)`: a word starts or ends at
 * offset i), a formula must start at a word boundary and end at one: a match ending inside a word is
 * extended to the word's end (at most WORD_EXTENSION_MAX characters: 三管三必 is the truncated twin of
 * 三管三必须), otherwise dropped, so a formula is never cut out of a longer word.
 */
export function parallelNumberSpans(text: string, isBound?: (offset: number) => boolean): { start: number; end: number }[] {
  const bound = isBound ? { at: isBound } : undefined;
  const out: { start: number; end: number }[] = [];
  const isNum = (c: string | undefined) => c !== undefined && NUMERALS.includes(c);
  const isConcept = (c: string | undefined) => c !== undefined && HAN_CHAR.test(c) && !isNum(c) && !PARALLEL_STOP.has(c);
  for (let i = 0; i + 4 <= text.length; i++) {
    if (!isNum(text[i]) || !isConcept(text[i + 1]) || !isNum(text[i + 2]) || !isConcept(text[i + 3])) continue;
    // The numeral must start the phrase: not 第三会一…, 十三重一…, nor a digit before it.
    const before = text[i - 1];
    if (before !== undefined && (isNum(before) || before === '第' || /[0-9零〇百千万]/.test(before))) continue;
    if (bound && !bound.at(i)) continue;
    let end = i + 4;
    if (isNum(text[end]) && isConcept(text[end + 1]) && !HAN_CHAR.test(text[end + 2] ?? '')) end += 2;
    if (bound && !bound.at(end)) {
      let e = end;
      while (e < text.length && e - end < WORD_EXTENSION_MAX && !bound.at(e) && HAN_CHAR.test(text[e]!)) e++;
      if (!bound.at(e)) continue;
      end = e;
    }
    const phrase = text.slice(i, end);
    // 一X一Y with only 一 is nearly always an idiom (一心一意, 一草一木); 一带一路 is in the lexicon.
    if ([...phrase.slice(0, 4)].filter((_, k) => k % 2 === 0).every((c) => c === '一')) continue;
    if (NUMERAL_IDIOMS.has(phrase.slice(0, 4)) || NUMERAL_PLACE_NAMES.some((p) => phrase.startsWith(p))) continue;
    if (ordinaryParallel(phrase.slice(0, 4))) continue;
    out.push({ start: i, end });
    i = end - 1;
  }
  return out;
}

/** log10 frequency in jieba's dictionary from which each half of a parallel formula is a common word (两岸 3.5, 双方 4; 一台 3, 三类 3). */
const PARALLEL_HALF_COMMON_LOG = 3.5;

/**
 * A numeral-X-numeral-Y phrase of ordinary language: a word of jieba's dictionary (五湖四海, 三位一体:
 * an idiom, not a coined formula), or two common words side by side (两岸 | 双方).
 */
export function ordinaryParallel(four: string): boolean {
  if (generalLogFrequency(four) !== undefined) return true;
  return (generalLogFrequency(four.slice(0, 2)) ?? 0) >= PARALLEL_HALF_COMMON_LOG && (generalLogFrequency(four.slice(2, 4)) ?? 0) >= PARALLEL_HALF_COMMON_LOG;
}

/** Four characters of the numeral-X-numeral-Y shape (三位一体, 两岸双方). */
function isParallelShape(s: string): boolean {
  return s.length === 4 && NUMERALS.includes(s[0]!) && NUMERALS.includes(s[2]!) && !NUMERALS.includes(s[1]!) && !NUMERALS.includes(s[3]!);
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
  return countedNumberTokens(tokens, stopwords).map(([i, j]) => tokens.slice(i, j).join(''));
}

/** Counted formulas as token ranges [first, end) (countedNumberFormulas). */
export function countedNumberTokens(tokens: readonly string[], stopwords: Set<string>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    let head = tokens[i]!;
    let next = i + 1;
    const prev = tokens[i - 1] ?? '';
    if (!COUNTED_HEAD.test(head)) {
      // jieba sometimes splits the numeral from its classifier: 四|个.
      if (COUNT_NUMERAL.test(head) && tokens[i + 1]?.length === 1 && CLASSIFIERS.includes(tokens[i + 1]!)) {
        head = head + tokens[i + 1]!;
        next = i + 2;
      } else {
        // A token that is already a whole counted formula (jieba or the lexicon made it one).
        const m = COUNTED_WHOLE.exec(head);
        if (m && !GENERIC_TAILS.has(m[2]!) && !NUMBER_BEFORE.test(prev)) out.push([i, i + 1]);
        continue;
      }
    }
    // 第四个…, 二十四个…: the numeral must start the phrase.
    if (NUMBER_BEFORE.test(prev)) continue;
    const tail = tokens[next];
    if (!tail || !new RegExp(`^[\\u4E00-\\u9FFF]{2,${COUNTED_TAIL_MAX}}$`).test(tail)) continue;
    if (stopwords.has(tail) || isNoiseToken(tail) || GENERIC_TAILS.has(tail)) continue;
    out.push([i, next + 1]);
  }
  return out;
}

/**
 * Where a counted formula found at [start, end) of the text really ends: at `end` when a word ends
 * there, else at the end of the word it stops in (两条腿走 → 两条腿走路, at most WORD_EXTENSION_MAX
 * characters further), or null when no word ends near (a cut formula is not reported).
 */
export function countedEnd(text: string, end: number, isBound: (offset: number) => boolean): number | null {
  if (isBound(end)) return end;
  let e = end;
  while (e < text.length && e - end < WORD_EXTENSION_MAX && !isBound(e) && HAN_CHAR.test(text[e]!)) e++;
  return isBound(e) ? e : null;
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

/**
 * Numeral phrases that are ordinary words or records, neither number formulas nor formulations even
 * in quote marks: a numeral before 连 counts repetitions in a row (十连冠, 二十连丰), and 一 with two
 * characters and no second numeral is the shape of ordinary words (一把手, 一盘棋, 一站式, 一件事).
 */
function isNumeralWord(q: string): boolean {
  const run = QUOTED_NUMERAL_RUN.exec(q);
  if (!run) return false;
  const rest = q.slice(run[0].length);
  if (rest.startsWith('连')) return true;
  return run[0] === '一' && rest.length <= 2 && !/[一二两三四五六七八九十双]/.test(rest);
}

/** log10 frequency in jieba's dictionary from which a word is common in general language (人民, 优秀, 热点). */
const COMMON_WORD_LOG = 3;

/** A quoted phrase that is an ordinary word: a common word of general language in quote marks is emphasis, not a formulation. */
function isOrdinaryQuoted(q: string): boolean {
  return isNumeralWord(q) || (generalLogFrequency(q) ?? 0) >= COMMON_WORD_LOG;
}

function isQuotedNumberFormula(q: string): boolean {
  if (q.length > QUOTED_NUMBER_MAX || /[、·]/.test(q)) return false;
  const run = QUOTED_NUMERAL_RUN.exec(q);
  if (!run || run[0].length === q.length) return false;
  if (NUMERAL_PLACE_NAMES.some((p) => q.startsWith(p))) return false;
  const rest = q.slice(run[0].length);
  if (!/^[\u4E00-\u9FFF]/.test(rest)) return false;
  if (isNumeralWord(q)) return false;
  const second = /[一二两三四五六七八九十双]/.test(rest);
  return QUOTED_CLASSIFIER_LIKE.has(rest.charAt(0)) || second || rest.length <= 2;
}

// ---------- all per-document kinds ----------

export interface FormulationOptions {
  lexicon: Lexicon;
  stopwords: Set<string>;
  /**
   * Segmenter tokens of the same normalised text: the words alone (for counted numeral formulas), or
   * with their offsets (analysis/segment segmentWithLexicon), which also keeps every number formula
   * on word boundaries and off lexicon entries. Optional.
   */
  tokens?: string[] | Tokenized;
  /** The text's match text, when the caller has it already. */
  mt?: MatchText;
  /** For word boundaries of pattern matches (its dictionary-only `words`, else the tokens). */
  segmenter?: Segmenter;
}

/** Characters each side of a match cut again to find the words around it. */
const BOUNDARY_WINDOW = 8;

/**
 * Whether a word starts or ends at an offset of the text: never inside a lexicon entry, and, with a
 * segmenter that has dictionary-only `words`, never inside a dictionary word of the line around it
 * (jieba's guessed words for unknown strings, 双|推双评, are not evidence of a word); else the tokens'
 * own boundaries. Without tokens, every offset is a boundary.
 */
function wordBoundaries(text: string, tokenized: Tokenized | undefined, segmenter: Segmenter | undefined): ((i: number) => boolean) | undefined {
  if (!tokenized) return undefined;
  const inLexical = new Uint8Array(text.length + 1);
  const tokenBound = new Uint8Array(text.length + 1);
  for (let k = 0; k < tokenized.tokens.length; k++) {
    const s = tokenized.starts[k]!;
    const e = tokenized.ends[k]!;
    tokenBound[s] = 1;
    tokenBound[e] = 1;
    if (tokenized.lexical[k]) for (let i = s + 1; i < e; i++) inLexical[i] = 1;
  }
  const words = segmenter?.words?.bind(segmenter);
  const cache = new Map<number, boolean>();
  return (i: number) => {
    if (i <= 0 || i >= text.length) return true;
    if (inLexical[i]) return false;
    if (!words) return tokenBound[i] === 1;
    let b = cache.get(i);
    if (b === undefined) {
      let from = Math.max(0, i - BOUNDARY_WINDOW);
      const nl = text.lastIndexOf('\n', i - 1);
      if (nl >= from) from = nl + 1;
      let to = Math.min(text.length, i + BOUNDARY_WINDOW);
      const nr = text.indexOf('\n', i);
      if (nr !== -1 && nr < to) to = nr;
      b = false;
      let at = from;
      for (const w of words(text.slice(from, to))) {
        if (at === i) b = true;
        at += w.length;
        if (at > i) break;
      }
      if (at === i) b = true;
      cache.set(i, b);
    }
    return b;
  };
}

/**
 * The lexicon, numbered and quoted formulations of a normalised text. One hit per text: a phrase
 * that is a lexicon form is reported as `lexicon` (under its canonical term); otherwise a number
 * formula is `numbered`, even when it is also quoted; the rest of the quoted phrases are `quoted`.
 * Counts are occurrences (analysis/counting.ts), except `quoted`: its count is the occurrences written
 * inside quote marks, and `occurrences` all of them (a phrase quoted once and used bare 8 times is
 * count 1, occurrences 9). A number formula containing a lexicon entry and more (a verb attached:
 * 做到两个维护) is not reported: the entry is counted already. Of two number formulas one of which
 * begins the other with as many occurrences (三管三必 / 三管三必须), only the longer is kept.
 */
export function findFormulations(text: string, opts: FormulationOptions): FormulationHit[] {
  const mt = opts.mt ?? matchText(text);
  const hits = lexiconHits(text, opts.lexicon, mt);
  if (!text) return hits;
  // The lexicon's form keys, compiled once per lexicon (normalising every form was ~9% of a CLI worker's time).
  const lexKeys = compileLexicon(opts.lexicon).keys;
  const tokenized = opts.tokens && !Array.isArray(opts.tokens) ? (opts.tokens as Tokenized) : undefined;
  const tokenList = tokenized ? tokenized.tokens : (opts.tokens as string[] | undefined);
  const isBound = wordBoundaries(text, tokenized, opts.segmenter);
  const lexicalTokens = new Set<string>();
  if (tokenized) tokenized.tokens.forEach((t, k) => tokenized.lexical[k] && lexicalTokens.add(t));
  const seen = new Set<string>();
  const numbered = new Map<string, number>();
  const addNumbered = (phrase: string) => {
    const key = plainKey(phrase);
    if (!key || seen.has(key) || lexKeys.has(key)) return;
    for (const lt of lexicalTokens) if (key.includes(lt)) return;
    seen.add(key);
    // An idiom of the parallel shape, quoted or not (“三位一体”), is ordinary language: no formula, nor a quoted one.
    if (isParallelShape(key) && ordinaryParallel(key)) return;
    const count = countIn(mt.key, key);
    if (count > 0) numbered.set(key, count);
  };
  const quoted = quotedSpans(text);
  for (const p of digitFormulas(text)) addNumbered(p);
  for (const sp of parallelNumberSpans(text, isBound)) addNumbered(text.slice(sp.start, sp.end));
  if (tokenized && isBound) {
    // On word boundaries: a counted formula cut inside a word is extended to the word's end.
    const toks = tokenized.tokens;
    for (const [i, j0] of countedNumberTokens(toks, opts.stopwords)) {
      let j = j0;
      // A one-character word after it that is no function word belongs to it (两条腿走 | 路).
      const next = toks[j];
      if (next !== undefined && HAN_CHAR.test(next) && !opts.stopwords.has(next) && tokenized.starts[j] === tokenized.ends[j - 1]) j++;
      const start = tokenized.starts[i]!;
      const end = countedEnd(text, tokenized.ends[j - 1]!, isBound);
      if (end !== null) addNumbered(text.slice(start, end));
    }
  } else if (tokenList) for (const p of countedNumberFormulas(tokenList, opts.stopwords)) addNumbered(p);
  for (const q of quoted) if (isQuotedNumberFormula(q.inner)) addNumbered(q.inner);
  // Truncated twins: a number formula that begins a longer one and never occurs outside it.
  const keys = [...numbered.keys()];
  for (const [p, c] of numbered) {
    if (keys.some((other) => other !== p && other.startsWith(p) && numbered.get(other) === c)) continue;
    hits.push({ text: p, kind: 'numbered', count: c });
  }
  const quotedCount = new Map<string, number>();
  for (const q of quoted) {
    const key = plainKey(q.inner);
    if (key) quotedCount.set(key, (quotedCount.get(key) ?? 0) + 1);
  }
  for (const [key, count] of quotedCount) {
    if (seen.has(key) || lexKeys.has(key) || isOrdinaryQuoted(key)) continue;
    seen.add(key);
    hits.push({ text: key, kind: 'quoted', count, occurrences: Math.max(count, countIn(mt.key, key)) });
  }
  return hits;
}

// ---------- corpus-wide truncated twins ----------

/** Share of a number formula's occurrences inside one longer formulation from which it is that one's truncated twin. */
export const TWIN_SHARE = 0.8;

/** One formulation row of a document, as the corpus tables list them. */
export interface TwinRow {
  text: string;
  kind: string;
  /** All occurrences in the document. */
  occurrences: number;
}

/**
 * Number formulas of a corpus that are truncated twins of a longer formulation: a `numbered` text p
 * that begins a longer formulation q of the same document (of any kind: 三反 / 三反五反, 三权 / 三权分置;
 * not one going on after a list mark: 八个坚持、八个反对) where, summed over the documents, q's
 * occurrences (at most p's in each document) are at least TWIN_SHARE of p's. Within one document the
 * twin with as many occurrences is merged already (findFormulations); this finds the twins whose
 * counts differ from document to document. Their rows are left out: the full form stands for them.
 *
 * Running sums, so a document can be added and removed again (the dashboard's incremental totals):
 * the set of twins depends only on the documents held, not on the order they came in.
 */
export class TwinTotals {
  /** Occurrences of each number formula, over the documents. */
  private readonly own = new Map<string, number>();
  /** Per number formula p: per longer formulation q beginning with it, Σ min(q, p) over the documents. */
  private readonly inside = new Map<string, Map<string, number>>();

  /** One document's formulation rows; sign −1 takes them out again. */
  add(rows: readonly TwinRow[], sign: 1 | -1 = 1): void {
    const occ = new Map<string, number>();
    for (const r of rows) occ.set(r.text, Math.max(occ.get(r.text) ?? 0, r.occurrences));
    // The number formulas of this document, each with the occurrences of its rows.
    const numbered = new Map<string, number[]>();
    for (const r of rows) {
      if (r.kind !== 'numbered') continue;
      bumpSum(this.own, r.text, sign * r.occurrences);
      const list = numbered.get(r.text);
      if (list) list.push(r.occurrences);
      else numbered.set(r.text, [r.occurrences]);
    }
    if (!numbered.size) return;
    // Each longer text marks the number formulas of this document it begins with.
    for (const [q, c] of occ)
      for (let len = 2; len < q.length; len++) {
        const p = q.slice(0, len);
        const own = numbered.get(p);
        if (!own || !HAN_CHAR.test(q[len]!)) continue;
        let m = this.inside.get(p);
        if (!m) this.inside.set(p, (m = new Map()));
        for (const o of own) bumpSum(m, q, sign * Math.min(c, o));
        if (m.size === 0) this.inside.delete(p);
      }
  }

  /** The number formulas that are truncated twins of the documents held now. */
  twins(): Set<string> {
    const twins = new Set<string>();
    for (const [p, m] of this.inside) {
      const total = this.own.get(p) ?? 0;
      const best = Math.max(0, ...m.values());
      if (total > 0 && best >= TWIN_SHARE * total) twins.add(p);
    }
    return twins;
  }
}

function bumpSum<K>(m: Map<K, number>, k: K, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

/** The truncated twins of a corpus given as each document's formulation rows (TwinTotals). */
export function truncatedTwins(docs: Iterable<readonly TwinRow[]>): Set<string> {
  const totals = new TwinTotals();
  for (const rows of docs) totals.add(rows);
  return totals.twins();
}
