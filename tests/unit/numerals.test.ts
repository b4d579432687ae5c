import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../analysis/numerals';

describe('parseChineseNumeral reads one numeral, either form', () => {
  it.each([
    ['二〇二四', 2024],
    ['一九五四', 1954],
    ['二O二四', 2024],
    ['二○二三', 2023],
    ['十二', 12],
    ['十', 10],
    ['二十', 20],
    ['二十三', 23],
    ['一百零三', 103],
    ['一百', 100],
    ['一百二十', 120],
    ['两千', 2000],
    ['二千零二十四', 2024],
    ['一万二千', 12000],
    ['十万', 100000],
    ['一亿二千万', 120_002_000 - 2000],
    ['廿一', 21],
    ['兩千', 2000],
    ['一', 1],
    ['〇', 0],
    ['零', 0],
    ['2024', 2024],
    ['２０２４', 2024],
    ['壹佰', 100],
  ])('%s → %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each([[''], ['x'], ['十x'], ['O'], ['两两'], ['一十百'], ['百千'], ['零十'], ['二三十'], ['第十'], ['一'.repeat(21)]])(
    '%s is not a numeral',
    (s) => {
      expect(parseChineseNumeral(s)).toBeNull();
    },
  );
});
