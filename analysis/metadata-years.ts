// The year a document gives itself without writing it: the session or congress it is delivered to,
// the anniversary or plan year it says 「今年是」 of. Every table carries its source in a comment.

import { NUMERAL_CHARS, parseChineseNumeral } from './numerals';

const NUM = `[${NUMERAL_CHARS}\\d]{1,4}`;

/**
 * Years of the national congresses of the Communist Party of China, by number (the year each
 * opened; 中国共产党历次全国代表大会, as listed by the Party's own history of its congresses).
 */
export const PARTY_CONGRESS_YEARS: ReadonlyMap<number, number> = new Map([
  [1, 1921], [2, 1922], [3, 1923], [4, 1925], [5, 1927], [6, 1928], [7, 1945], [8, 1956], [9, 1969],
  [10, 1973], [11, 1977], [12, 1982], [13, 1987], [14, 1992], [15, 1997], [16, 2002], [17, 2007],
  [18, 2012], [19, 2017], [20, 2022], [21, 2027],
]);

/**
 * Sessions of the National People's Congress (第N届全国人民代表大会第k次会议) → year, from the NPC's list
 * of its sessions. The first five terms were irregular and are listed one by one; from the sixth
 * (1983) each term has five yearly sessions, so term N, session k is 1983 + 5(N−6) + (k−1). The
 * CPPCC National Committee has run in step with the NPC since its sixth term (1983) too.
 */
const EARLY_NPC_SESSIONS: ReadonlyMap<string, number> = new Map([
  ['1-1', 1954], ['1-2', 1955], ['1-3', 1956], ['1-4', 1957], ['1-5', 1958],
  ['2-1', 1959], ['2-2', 1960], ['2-3', 1962], ['2-4', 1963],
  ['3-1', 1964], // opened 21 December 1964, closed 4 January 1965
  ['4-1', 1975],
  ['5-1', 1978], ['5-2', 1979], ['5-3', 1980], ['5-4', 1981], ['5-5', 1982],
]);

export function npcSessionYear(term: number, session: number): number | null {
  if (!Number.isInteger(term) || !Number.isInteger(session) || session < 1 || session > 5) return null;
  if (term >= 6 && term <= 30) return 1983 + 5 * (term - 6) + (session - 1);
  return EARLY_NPC_SESSIONS.get(`${term}-${session}`) ?? null;
}

/**
 * First year of the N-th Five-Year Plan. The first two ran 1953–57 and 1958–62; the years 1963–65
 * were an adjustment period outside any plan, so from the third (1966–70) on the N-th starts in
 * 1966 + 5(N−3) (十四五 → 2021). (1953 + 5(N−1) holds only for the first two.)
 */
export function planStartYear(n: number): number | null {
  if (!Number.isInteger(n) || n < 1 || n > 30) return null;
  return n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3);
}

/** Founding years of what a document's year is counted from, by the words that name them. */
export const ANNIVERSARY_EPOCHS: { re: string; year: number }[] = [
  { re: '(?:中国共产党|中國共產黨|党|黨)(?:的)?(?:成立|诞生|誕生|创建|創建)|建党|建黨', year: 1921 },
  { re: '(?:新中国|新中國|中华人民共和国|中華人民共和國)(?:成立)?|共和国成立|共和國成立|建国|建國', year: 1949 },
  { re: '改革开放|改革開放|十一届三中全会|十一屆三中全會', year: 1978 },
  { re: '(?:中国人民解放军|中國人民解放軍|人民军队|人民軍隊)(?:建立|成立|创建)|建军|建軍', year: 1927 },
  { re: '(?:中国人民)?抗日战争(?:暨世界反法西斯战争)?胜利|抗战胜利|抗戰勝利', year: 1945 },
  { re: '五四运动|五四運動', year: 1919 },
  { re: '辛亥革命', year: 1911 },
  { re: '红军长征胜利|紅軍長征勝利|长征胜利', year: 1936 },
  { re: '(?:毛泽东|毛澤東)(?:同志)?(?:诞辰|誕辰)', year: 1893 },
  { re: '(?:邓小平|鄧小平)(?:同志)?(?:诞辰|誕辰)', year: 1904 },
  { re: '香港回归(?:祖国)?|香港回歸', year: 1997 },
  { re: '澳门回归(?:祖国)?|澳門回歸', year: 1999 },
];

const ANNIVERSARY = new RegExp(`(${ANNIVERSARY_EPOCHS.map((e) => `(?:${e.re})`).join('|')})(${NUM})(?:周年|週年)`, 'g');

function epochOf(words: string): number | null {
  for (const e of ANNIVERSARY_EPOCHS) if (new RegExp(`^(?:${e.re})$`).test(words)) return e.year;
  return null;
}

/** 「建党100周年」 → 2021, or null. */
export function anniversaryYear(s: string): number | null {
  for (const m of s.matchAll(ANNIVERSARY)) {
    const epoch = epochOf(m[1] ?? '');
    const n = parseChineseNumeral(m[2] ?? '');
    if (epoch !== null && n !== null && n >= 1 && n <= 200) return epoch + n;
  }
  return null;
}

/** 「十四五」开局之年 / 收官之年: the plan's first or last year. Group 1 is the plan's number. */
const PLAN_YEAR_PHRASE = new RegExp(
  `[“"「]?(${NUM})五[”"」]?(?:规划|規劃|时期|時期)?(?:的)?(开局|開局|起步|收官|决胜|決勝)之年`,
  'g',
);

export function planPhraseYear(s: string): number | null {
  for (const m of s.matchAll(PLAN_YEAR_PHRASE)) {
    const start = planStartYear(parseChineseNumeral(m[1] ?? '') ?? NaN);
    if (start === null) continue;
    return /收官|决胜|決勝/.test(m[2] ?? '') ? start + 4 : start;
  }
  return null;
}

/**
 * The sentences in which a document says what year it stands in: 「今年是中国共产党成立100周年」,
 * 「今年是“十四五”开局之年」. Bounded: at most SENTENCE_MAX characters after 「今年是」, no sentence end.
 */
const SENTENCE_MAX = 60;
const THIS_YEAR_IS = /(?:今年|今年度|本年)(?:是|恰逢|正值|适逢|適逢|迎来|迎來)/g;

/** The year of the first 「今年是…」 sentence that names an anniversary or a plan year, or null. */
export function thisYearIs(text: string): number | null {
  for (const m of text.matchAll(THIS_YEAR_IS)) {
    const start = (m.index ?? 0) + m[0].length;
    let sentence = text.slice(start, start + SENTENCE_MAX);
    const end = sentence.search(/[。；;！!？?\n]/);
    if (end >= 0) sentence = sentence.slice(0, end);
    const y = anniversaryYear(sentence) ?? planPhraseYear(sentence);
    if (y !== null) return y;
  }
  return null;
}

/** 「在中国共产党第十九次全国代表大会上」, 「中国共产党第十九次全国代表大会」: the national congress number. */
const NATIONAL_CONGRESS = new RegExp(`(?:中国共产党|中國共產黨|中共|党的|黨的)第?(${NUM})次全[国國]代表大[会會]`);
/** A title's annotation 「(十九大)」, 「中共七大报告」: the national congress. */
const CONGRESS_SHORT = new RegExp(`(?:[(（]|中共|党的|黨的)(${NUM})大(?:[)）]|报告|報告)`);
/** 「我代表第十八届中央委员会向大会作报告」, 「我受十二届中央委员会委托」: the congress after that term. */
const OUTGOING_COMMITTEE = new RegExp(`(?:代表|受)(?:中国共产党|中國共產黨)?第?(${NUM})[届屆]中央委[员員][会會](?:委托|委託)?[，,、\\s]*(?:向|作|做)`);

function congressYear(n: string | undefined): number | null {
  const v = parseChineseNumeral(n ?? '');
  return v === null ? null : PARTY_CONGRESS_YEARS.get(v) ?? null;
}

/** The year of the national Party congress a title or occasion line names (its own occasion). */
export function congressYearOf(line: string): number | null {
  const s = line.slice(0, 200);
  const m = NATIONAL_CONGRESS.exec(s) ?? CONGRESS_SHORT.exec(s);
  return congressYear(m?.[1]);
}

/** The congress a report is delivered to, from 「我代表第十八届中央委员会向大会作报告」. */
export function outgoingCommitteeYear(line: string): number | null {
  const m = OUTGOING_COMMITTEE.exec(line.slice(0, 300));
  if (!m) return null;
  const term = parseChineseNumeral(m[1] ?? '');
  return term === null ? null : PARTY_CONGRESS_YEARS.get(term + 1) ?? null;
}

/** 「第十二届全国人民代表大会第一次会议」 (or the CPPCC 全国委员会): its year, or null. */
const NATIONAL_SESSION = new RegExp(
  `第(${NUM})[届屆](?:全[国國]人民代表大[会會]|中[国國]人民政治[协協]商[会會][议議]全[国國]委[员員][会會])(?:常[务務]委[员員][会會])?第(${NUM})次(?:全体|全體)?[会會][议議]`,
);

export function nationalSessionYear(line: string): number | null {
  const m = NATIONAL_SESSION.exec(line.slice(0, 300));
  if (!m || /常[务務]委/.test(m[0])) return null; // standing-committee meetings are many a year
  const term = parseChineseNumeral(m[1] ?? '');
  const session = parseChineseNumeral(m[2] ?? '');
  return term === null || session === null ? null : npcSessionYear(term, session);
}
