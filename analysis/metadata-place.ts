// The place a local document is about, from statistics of its text: a report that says only
// 「我代表市人民政府」 names its city dozens of times (三亚市, or bare 三亚), and no other place of that
// level nearly as often. Which strings are places comes from a gazetteer of China's administrative
// divisions (@vant/area-data, GB/T 2260 codes: provinces, 369 prefecture-level and 3,479 county-level
// divisions), so a place written bare is found as surely as one written with its level; which of them
// the document is about comes from counting.

import { areaList } from '@vant/area-data';
import { GENERAL_FREQUENCY_SOURCE } from './lexicon/general-frequency';

/** The level a body names itself by (市人民政府 → 市), which says which divisions can be its place. */
export type PlaceLevel = '市' | '州' | '盟' | '地区' | '县' | '区' | '旗';

export interface Place {
  /** Official name: 三亚市, 凉山彝族自治州, 黄山区. */
  name: string;
  /** The short form a text uses most: 三亚, 凉山, 黄山. */
  short: string;
  /** How often the short form occurs in the text. */
  mentions: number;
}

/** The place must be named this often, and this many times as often as the next of its level. */
const MIN_MENTIONS = 8;
const MIN_LEAD = 1.4;
/**
 * A short form this common in general language (jieba's reference frequency ≥ 10⁴, key 8 of
 * lexicon/general-frequency: 合作, 和平, 开发) is an ordinary word as often as a place. Never written
 * as a place (with its level or in full), its count is no rival to the place a text names most.
 */
const COMMON_WORD_KEY = 8;
/** A place is named throughout: the first 400,000 characters of a text suffice to count. */
const MAX_TEXT = 400_000;
/** Short forms are 2–5 characters (三亚, 乌鲁木齐, 锡林郭勒); one character is no name to count. */
const SHORT_MIN = 2;
const SHORT_MAX = 5;

/** 三亚市 → 三亚, 黄山区 → 黄山, 锡林郭勒盟 → 锡林郭勒, 大兴安岭地区 → 大兴安岭, 凉山彝族自治州 → 凉山彝族. */
const DIVISION_SUFFIX = /(?:自治(?:州|县|旗)|地区|林区|特区|新区|市|州|盟|县|区|旗)$/;
/**
 * The peoples an autonomous division is named for (the 55 recognised minorities, longest names first so
 * that 土家 is not read as 土): 凉山彝族 → 凉山, 黔东南苗族侗族 → 黔东南, 博尔塔拉蒙古 → 博尔塔拉.
 */
const PEOPLES =
  '柯尔克孜|乌孜别克|俄罗斯|鄂伦春|鄂温克|达斡尔|塔吉克|塔塔尔|哈萨克|维吾尔|蒙古|布依|朝鲜|土家|哈尼|傈僳|拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|高山|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京';
const PEOPLE_SUFFIX = new RegExp(`(?:${PEOPLES})族?$`);

function shortForm(name: string): string {
  const autonomous = /自治(?:州|县|旗)$/.test(name);
  let s = name.replace(DIVISION_SUFFIX, '');
  if (autonomous) for (let k = 0; k < 3 && s.length > SHORT_MIN && PEOPLE_SUFFIX.test(s); k++) s = s.replace(PEOPLE_SUFFIX, '');
  return s;
}

function levelOf(name: string): PlaceLevel | null {
  if (/自治州$|州$/.test(name) && !/市$/.test(name)) return '州';
  if (/盟$/.test(name)) return '盟';
  if (/地区$/.test(name)) return '地区';
  if (/市$/.test(name)) return '市';
  if (/旗$/.test(name)) return '旗';
  if (/县$/.test(name)) return '县';
  if (/区$/.test(name)) return '区';
  return null;
}

interface Division {
  name: string;
  short: string;
  level: PlaceLevel;
}

let divisions: Map<string, Division[]> | null = null;
/**
 * Per UTF-16 unit, a bit for each length (bit len) of a gazetteer key starting with it: mainPlace
 * tries only those lengths, so most positions of a text cost one array read. Built with divisions.
 */
let keyLengths: Uint8Array | null = null;
let commonWords: Set<string> | null = null;

/** Words of general language at least as frequent as COMMON_WORD_KEY, built once. */
function isCommonWord(s: string): boolean {
  if (!commonWords) {
    commonWords = new Set();
    for (const [key, words] of Object.entries(GENERAL_FREQUENCY_SOURCE)) {
      if (Number(key) >= COMMON_WORD_KEY) for (const w of words.split(' ')) if (w) commonWords.add(w);
    }
  }
  return commonWords.has(s);
}

/** Short form → divisions it may name, built once. */
function gazetteer(): Map<string, Division[]> {
  if (divisions) return divisions;
  divisions = new Map();
  for (const list of [areaList.city_list, areaList.county_list]) {
    for (const name of Object.values(list)) {
      const level = levelOf(name);
      if (!level) continue;
      const short = shortForm(name);
      const key = short.length >= SHORT_MIN ? short : name; // 沙县 stays 沙县
      if (key.length > SHORT_MAX + 2) continue;
      const list2 = divisions.get(key) ?? [];
      if (!list2.some((d) => d.name === name)) list2.push({ name, short: key, level });
      divisions.set(key, list2);
    }
  }
  keyLengths = new Uint8Array(0x10000);
  for (const key of divisions.keys()) if (key.length <= SHORT_MAX + 2) keyLengths[key.charCodeAt(0)]! |= 1 << key.length;
  return divisions;
}

/** The levels a body's level word may stand for (市 is also a county-level city's). */
const LEVELS_OF: Record<PlaceLevel, PlaceLevel[]> = {
  市: ['市'],
  州: ['州'],
  盟: ['盟'],
  地区: ['地区', '盟'], // 行署 governs a 地区 or a 盟
  县: ['县'],
  区: ['区'],
  旗: ['旗'],
};

/**
 * The place the text names most among divisions of `level` (any level when not given), or null
 * when none is named MIN_MENTIONS times and MIN_LEAD times as often as the next.
 */
export function mainPlace(text: string, level?: PlaceLevel): Place | null {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const g = gazetteer();
  const wanted = new Set<PlaceLevel>(level ? LEVELS_OF[level] : ['市', '州', '盟', '地区', '县', '区', '旗']);
  const counts = new Map<string, number>();
  const lengths = keyLengths!;
  for (let i = 0; i < t.length; i++) {
    const mask = lengths[t.charCodeAt(i)]!;
    if (mask === 0) continue;
    // The longest short form starting here (乌鲁木齐 before 乌鲁): one mention each.
    for (let len = Math.min(SHORT_MAX + 2, t.length - i); len >= SHORT_MIN; len--) {
      if ((mask & (1 << len)) === 0) continue;
      const s = t.slice(i, i + len);
      const ds = g.get(s);
      if (ds?.some((d) => wanted.has(d.level))) {
        counts.set(s, (counts.get(s) ?? 0) + 1);
        i += len - 1;
        break;
      }
    }
  }
  // A place the text also writes with a level or in full (三亚市, 凉山州) is surely meant as one; a
  // short form never so written may be a common word too (合作 is 合作市): it cannot outvote one that is.
  const confirmed = (short: string) =>
    (g.get(short) ?? []).some((d) => t.includes(d.name)) || new RegExp(`${short}(?:市|州|盟|县|縣|区|區|旗|地区)`).test(t);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (!best || best[1] < MIN_MENTIONS) return null;
  const bestConfirmed = confirmed(best[0]);
  // Without a level to look for, only a place the text also writes as one is taken.
  if (!level && !bestConfirmed) return null;
  // A rival counts when it is surely a place too: written as one (if the leader is), and not an
  // ordinary word never written as a place (合作 against 牡丹江 in a report that writes neither with 市).
  const second = ranked.slice(1).find(([s]) => (confirmed(s) || (!bestConfirmed && !isCommonWord(s))));
  if (second && best[1] < second[1] * MIN_LEAD) return null;
  const ds = (g.get(best[0]) ?? []).filter((d) => wanted.has(d.level));
  // Several divisions share a short form (朝阳区 in Beijing and in Changchun): their names agree, or the
  // level the text writes most decides (黄山市 / 黄山区).
  let pick = ds[0];
  if (ds.length > 1) {
    let most = -1;
    for (const d of ds) {
      const n = t.split(d.name).length - 1;
      if (n > most) {
        most = n;
        pick = d;
      }
    }
  }
  return pick ? { name: pick.name, short: best[0], mentions: best[1] } : null;
}

/** The level a body's name says (市人民政府 → 市, 州人民政府 → 州, 行署 → 地区), or null. */
export function levelOfBody(body: string): PlaceLevel | null {
  const m = /^(市|州|盟|县|縣|区|區|旗|自治州|自治县|自治縣|自治旗)/.exec(body);
  if (m) {
    const c = (m[1] ?? '').replace('縣', '县').replace('區', '区').replace(/^自治/, '');
    return c as PlaceLevel;
  }
  if (/^(行署|行政公署)/.test(body)) return '地区';
  return null;
}
