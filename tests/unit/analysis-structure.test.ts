import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../analysis/numerals';
import { bodyStats, extractOutline, headingPatterns, leadVerbOf, levelCounts } from '../../analysis/structure';

describe('extractOutline', () => {
  it('reads the four standard marker levels in order of rank', () => {
    const text = ['总体要求', '一、加强政治建设', '（一）坚持理论武装', '1.深化学习。具体内容。', '（1）第一项内容', '（二）严肃政治生活', '二、加强组织建设'].join('\n');
    expect(extractOutline(text).map((h) => [h.level, h.marker, h.text])).toEqual([
      [1, '一、', '加强政治建设'],
      [2, '（一）', '坚持理论武装'],
      [3, '1.', '深化学习'],
      [4, '（1）', '第一项内容'],
      [2, '（二）', '严肃政治生活'],
      [1, '二、', '加强组织建设'],
    ]);
  });

  it('levels are the ranks actually used: 1. on top when there is no 一、', () => {
    expect(extractOutline('1、总体目标\n（1）具体任务\n2、保障措施').map((h) => h.level)).toEqual([1, 2, 1]);
  });

  it('chapters and articles of a regulation', () => {
    const out = extractOutline('第一章 总则\n第一条 为了加强管理，制定本条例。\n第二条 本条例适用于全体党员。\n第二章 组织');
    expect(out.map((h) => [h.level, h.marker])).toEqual([
      [1, '第一章'],
      [2, '第一条'],
      [2, '第二条'],
      [1, '第二章'],
    ]);
    expect(out[1].text).toBe('为了加强管理，制定本条例');
  });

  it('一是…二是… inline enumerations, decimals and years are not headings', () => {
    const text = '一是加强学习。二是狠抓落实。\n1.5万亿元投资落地。\n2024年工作安排\n第一，我们要坚持。';
    expect(extractOutline(text)).toEqual([]);
  });

  it('a stray number out of sequence is not a heading', () => {
    const out = extractOutline('一、总体要求\n二、主要任务\n8、这是正文里的一行\n三、保障措施');
    expect(out.map((h) => h.marker)).toEqual(['一、', '二、', '三、']);
  });

  it('offsets point at the heading lines', () => {
    const text = '标题\n一、甲项\n正文。\n二、乙项';
    for (const h of extractOutline(text)) expect(text.slice(h.offset).startsWith(h.marker)).toBe(true);
  });

  it('empty text', () => {
    expect(extractOutline('')).toEqual([]);
    expect(levelCounts([])).toEqual([]);
  });

  it('marker numerals are read by the one numeral parser', () => {
    const n = (s: string) => parseChineseNumeral(s) ?? 0;
    expect([n('一'), n('十'), n('十二'), n('二十'), n('二十三'), n('x')]).toEqual([1, 10, 12, 20, 23, 0]);
  });
});

describe('headingPatterns', () => {
  const outline = extractOutline(
    ['一、强化政治引领，筑牢理想信念的思想根基', '二、加强组织建设', '三、强化功能提升，建设坚如磐石的战斗堡垒', '四、工作要求', '五、党风廉政建设，持续正风肃纪'].join('\n'),
  );

  it('finds lead verbs and parallel headings', () => {
    const p = headingPatterns(outline);
    expect(p.headings.map((h) => h.leadVerb)).toEqual(['强化', '加强', '强化', '', '']);
    expect(p.headings.map((h) => h.parallel)).toEqual([true, false, true, false, false]);
    expect(p.leadVerbs).toEqual([
      ['强化', 2],
      ['加强', 1],
    ]);
    expect(p.parallelShare).toBeCloseTo(2 / 5, 10);
    expect(p.headings[0].clauses).toEqual(['强化政治引领', '筑牢理想信念的思想根基']);
  });

  it('leadVerbOf: only verb-like openings', () => {
    expect(leadVerbOf('突出抓好政治建设')).toBe('突出');
    expect(leadVerbOf('进一步加强作风建设')).toBe('进一步');
    expect(leadVerbOf('指导思想')).toBe('');
    expect(leadVerbOf('2023年工作回顾')).toBe('');
    expect(leadVerbOf('')).toBe('');
  });

  it('levelCounts', () => {
    expect(levelCounts(outline)).toEqual([{ level: 1, count: 5 }]);
  });
});

describe('bodyStats', () => {
  it('counts characters without whitespace, paragraphs, sentences (a heading line is one)', () => {
    expect(bodyStats('一、总体要求\n坚持学习。狠抓落实！真的吗？\n')).toEqual({ chars: 20, paragraphs: 2, sentences: 4, meanSentenceLength: 5 });
    expect(bodyStats('')).toEqual({ chars: 0, paragraphs: 0, sentences: 0, meanSentenceLength: 0 });
  });
});

describe('bare section numbers', () => {
  it('a numeral alone on its line is a top-level section with no text; in sequence only', () => {
    const out = extractOutline('各位代表：\n一\n下面我首先说一下。\n二\n正文。\n五');
    expect(out.map((h) => [h.level, h.marker, h.text])).toEqual([
      [1, '一', ''],
      [1, '二', ''],
    ]);
  });
});
