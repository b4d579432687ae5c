// One reader of Chinese numerals for the whole core: dates (二〇二四年), heading markers (十二、),
// session numbers (第十四届), anniversaries (一百周年). Two forms exist and never mix in one numeral:
// positional digits read one by one (二〇二四 → 2024, as years are written) and the counting form with
// units (十二 → 12, 一百零三 → 103, 两千 → 2000, 一万二千 → 12000).

/** Digit characters, simplified and traditional, with the zero forms seen in typed dates (二O二四). */
const DIGITS = new Map<string, number>([
  ['〇', 0], ['○', 0], ['零', 0], ['Ｏ', 0], ['O', 0], ['o', 0],
  ['一', 1], ['壹', 1],
  ['二', 2], ['贰', 2], ['貳', 2], ['两', 2], ['兩', 2],
  ['三', 3], ['叁', 3], ['參', 3],
  ['四', 4], ['肆', 4],
  ['五', 5], ['伍', 5],
  ['六', 6], ['陆', 6], ['陸', 6],
  ['七', 7], ['柒', 7],
  ['八', 8], ['捌', 8],
  ['九', 9], ['玖', 9],
]);

/** Units below ten thousand: they multiply the digit before them (or 1 when none: 十二 = 12). */
const SMALL_UNITS = new Map<string, number>([
  ['十', 10], ['拾', 10],
  ['百', 100], ['佰', 100],
  ['千', 1000], ['仟', 1000],
]);

/** Section units: they multiply everything read since the previous, larger section. */
const SECTION_UNITS = new Map<string, number>([
  ['万', 1e4], ['萬', 1e4],
  ['亿', 1e8], ['億', 1e8],
]);

/** Shorthand tens used in dates and counts: 廿 = 20, 卅 = 30. */
const TENS = new Map<string, number>([['廿', 20], ['卅', 30]]);

/** The longest numeral read: longer runs are not numbers in any text this product sees. */
const MAX_NUMERAL_LENGTH = 20;

/** Zero forms that are Latin letters count only inside positional digits (二O二四), never alone. */
const LATIN_ZEROS = new Set(['O', 'o', 'Ｏ']);

function asciiDigits(s: string): number | null {
  // ASCII and full-width digits: 2024, ２０２４.
  if (!/^[0-9０-９]+$/.test(s)) return null;
  return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
}

function positional(s: string): number | null {
  let n = 0;
  for (const c of s) {
    const d = DIGITS.get(c);
    if (d === undefined || c === '两' || c === '兩') return null; // 两 counts things, it is never a digit of a year
    n = n * 10 + d;
  }
  return n;
}

function counting(s: string): number | null {
  let yi = 0; // completed 亿 sections
  let wan = 0; // completed 万 section below the current 亿
  let section = 0; // below ten thousand
  let digit: number | null = null;
  let lastUnit = Infinity; // units must fall within a section: 一百二十, never 一十百
  let sawUnit = false;
  for (const c of s) {
    const d = DIGITS.get(c);
    if (d !== undefined) {
      if (LATIN_ZEROS.has(c)) return null;
      if (digit !== null && d !== 0 && digit !== 0) return null; // 二三 is positional, not counting
      digit = d;
      continue;
    }
    const tens = TENS.get(c);
    if (tens !== undefined) {
      if (digit !== null && digit !== 0) return null;
      section += tens;
      digit = null;
      lastUnit = 10;
      sawUnit = true;
      continue;
    }
    const unit = SMALL_UNITS.get(c);
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      section += (digit === null || digit === 0 ? (digit === 0 ? NaN : 1) : digit) * unit;
      if (Number.isNaN(section)) return null;
      digit = null;
      lastUnit = unit;
      sawUnit = true;
      continue;
    }
    const big = SECTION_UNITS.get(c);
    if (big !== undefined) {
      const value = section + (digit ?? 0);
      if (big === 1e4) {
        if (value === 0) return null;
        wan += value * big;
      } else {
        if (value + wan === 0) return null;
        yi = (yi + wan + value) * big;
        wan = 0;
      }
      section = 0;
      digit = null;
      lastUnit = Infinity;
      sawUnit = true;
      continue;
    }
    return null;
  }
  if (!sawUnit) return digit;
  return yi + wan + section + (digit ?? 0);
}

/**
 * The value of a numeral written in Arabic digits or in Chinese (either form), or null when `s` is not
 * one whole numeral: 二〇二四 → 2024, 十二 → 12, 一百零三 → 103, 两千 → 2000, ２０２４ → 2024, 十x → null.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0 || s.length > MAX_NUMERAL_LENGTH) return null;
  const ascii = asciiDigits(s);
  if (ascii !== null) return ascii;
  let hasUnit = false;
  for (const c of s) {
    if (SMALL_UNITS.has(c) || SECTION_UNITS.has(c) || TENS.has(c)) {
      hasUnit = true;
      break;
    }
  }
  if (!hasUnit && s.length > 1) return positional(s);
  return counting(s);
}

/** The characters a Chinese numeral may contain, for building patterns that find numerals in text. */
export const NUMERAL_CHARS = [...DIGITS.keys(), ...SMALL_UNITS.keys(), ...SECTION_UNITS.keys(), ...TENS.keys()]
  .filter((c) => !LATIN_ZEROS.has(c))
  .join('');
