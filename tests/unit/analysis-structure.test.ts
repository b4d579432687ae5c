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
    expect(out[1]?.text).toBe('为了加强管理，制定本条例');
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
    expect(p.headings[0]?.clauses).toEqual(['强化政治引领', '筑牢理想信念的思想根基']);
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

describe('outline by nesting (issue 9)', () => {
  const P = '这是一段足够长的正文段落，用来把标题和标题隔开，读起来就是一段完整的话。';
  const shape = (text: string) => extractOutline(text).map((h) => [h.level, h.marker, h.text]);

  it('a kind first seen under a level-1 heading is level 2, whatever its usual rank (1. right under 一、)', () => {
    expect(shape(['一、工作回顾', '1.稳固经济运行。正文。', '2.增强产业动能。正文。', '二、工作任务', '（一）产业体系', '1.攻坚项目。正文。'].join('\n'))).toEqual([
      [1, '一、', '工作回顾'],
      [2, '1.', '稳固经济运行'],
      [2, '2.', '增强产业动能'],
      [1, '二、', '工作任务'],
      [2, '（一）', '产业体系'],
      [3, '1.', '攻坚项目'],
    ]);
  });

  it('children may number on across parents (5. under （二） after 1.–4. under （一）)', () => {
    const out = shape(['一、任务', '（一）甲', '1.子一。正文。', '2.子二。正文。', '（二）乙', '3.子三。正文。', '4.子四。正文。'].join('\n'));
    expect(out.map((h) => h[0])).toEqual([1, 2, 3, 3, 2, 3, 3]);
  });

  it('after a nested 一、…四、 list the real 三、 and 四、 are kept, at level 1', () => {
    const text = ['一、甲部分', P, '二、乙部分', P, '一、分项一', P, '二、分项二', P, '三、分项三', P, '四、分项四', P, '三、丙部分', P, '四、丁部分', P].join('\n');
    expect(shape(text).map((h) => [h[0], h[2]])).toEqual([
      [1, '甲部分'],
      [1, '乙部分'],
      [2, '分项一'],
      [2, '分项二'],
      [2, '分项三'],
      [2, '分项四'],
      [1, '丙部分'],
      [1, '丁部分'],
    ]);
  });

  it('list items are not headings: ending in ；, or one sentence each right after a colon', () => {
    const semicolons = ['一、总任务', '我国的条件是：', '一、我国人民已经推翻了帝国主义的统治；', '二、我国人民推翻了封建主义；', '三、我国人民推翻了官僚资本主义。', '二、五年计划'].join('\n');
    expect(shape(semicolons).map((h) => h[2])).toEqual(['总任务', '五年计划']);
    const colon = ['一、方针', '调整投资结构的方向是：', '（一）继续增加基础设施的投资。', '（二）适当控制非生产性建设投资的增长。', '（三）把更多的资金用于技术改造。', '二、改革'].join('\n');
    expect(shape(colon).map((h) => h[2])).toEqual(['方针', '改革']);
  });

  it('run-in headings after a colon stay headings (a paragraph follows their first sentence)', () => {
    const text = ['一、回顾', '主要做了以下工作：', '1.稳固经济运行。项目投资支撑有力。新开工项目很多。', '2.增强产业动能。实体根基更加坚实。新增企业很多。'].join('\n');
    expect(shape(text).map((h) => h[0])).toEqual([1, 2, 2]);
  });

  it('unnumbered section titles between paragraphs are level-1 headings; numbered parts below 一、 nest under them', () => {
    const text = ['各位代表：', P, '过去一年工作回顾', P, '（一）经济发展', P, '（二）民生改善', P, '今年工作安排', P, '（一）产业', P, '结束语', '各位代表！', P].join('\n');
    expect(shape(text)).toEqual([
      [1, '', '过去一年工作回顾'],
      [2, '（一）', '经济发展'],
      [2, '（二）', '民生改善'],
      [1, '', '今年工作安排'],
      [2, '（一）', '产业'],
      [1, '', '结束语'],
    ]);
  });

  it('an unnumbered title with paragraphs of its own has the 一、 parts after it as siblings', () => {
    const text = ['各位代表：', P, '首先报告去年的工作', P, P, '一、扩大内需', P, '二、发展农业', P, '结束语', P].join('\n');
    expect(shape(text).map((h) => [h[0], h[2]])).toEqual([
      [1, '首先报告去年的工作'],
      [1, '扩大内需'],
      [1, '发展农业'],
      [1, '结束语'],
    ]);
  });

  it('short lines that are not titles: salutations, dates, title block, quotes, fragments', () => {
    const text = ['政府工作报告', '各位代表：', P, '各位代表！', P, '2024年3月5日', P, '“两个维护”', P].join('\n');
    expect(extractOutline(text)).toEqual([]);
  });

  it('symbol and emoji prefixes are skipped (📌一、, ▶（一）); the offset points at the marker', () => {
    const text = ['📌一、总体要求', P, '▶（一）指导思想', P, '★★二、主要任务', P].join('\n');
    const out = extractOutline(text);
    expect(out.map((h) => [h.level, h.marker, h.text])).toEqual([
      [1, '一、', '总体要求'],
      [2, '（一）', '指导思想'],
      [1, '二、', '主要任务'],
    ]);
    for (const h of out) expect(text.slice(h.offset).startsWith(h.marker)).toBe(true);
  });

  it('the items of an 附件 list are left out of the outline', () => {
    const text = ['一、总体要求', P, '二、工作安排', P, '附件：', '1.重点任务分工表', '2.联系人名单', '3.报送模板'].join('\n');
    expect(shape(text).map((h) => h[2])).toEqual(['总体要求', '工作安排']);
    expect(shape(['一、要求', P, '附件：1.任务清单', '2.名单'].join('\n')).map((h) => h[2])).toEqual(['要求']);
  });

  it('a report delivered as one line is split into paragraphs before each marker after a sentence end', () => {
    const body = '这是正文，讲了很多内容，这里重复很多次以便成为一行很长的报告。'.repeat(40);
    const text = `各位代表：现在我代表市人民政府向大会报告工作。一、过去一年工作回顾${body}（一）经济运行稳中向好。${body}—12—（二）民生保障更加有力。${body}二、今年工作安排${body}`;
    const out = extractOutline(text);
    expect(out.map((h) => [h.level, h.marker])).toEqual([
      [1, '一、'],
      [2, '（一）'],
      [2, '（二）'],
      [1, '二、'],
    ]);
    for (const h of out) expect(text.slice(h.offset).startsWith(h.marker)).toBe(true);
    // In a text with paragraphs, a marker inside a paragraph stays an inline enumeration.
    expect(extractOutline(`${P}\n正文提到三件事。一、第一件事。二、第二件事。\n${P}`)).toEqual([]);
  });

  it('ordinal sub-questions (第一，…问题。) are headings only as short lines in a series', () => {
    const text = ['（一）基本建设问题', P, '第一，基本建设规模的大小问题。', P, '第二，轻重工业投资的比重问题。', P].join('\n');
    expect(shape(text).map((h) => h[0])).toEqual([1, 2, 2]);
    expect(extractOutline(['（一）问题', P, '第一，我们要坚持。', P].join('\n')).length).toBe(1);
  });

  it('run-in ordinals (第一、…。 prose) head sections when their series has paragraphs of its own; numbered paragraphs in a row do not', () => {
    const item = (n: string, lead: string) => `第${n}、${lead}。这一项的正文接着写下去，说明为什么要这样做，怎样去做。`;
    const sections = ['一、总的任务', P, item('一', '坚持以农业为基础'), P, item('二', '加快轻纺工业的发展'), item('三', '加强基础工业'), P, item('四', '提高投资效果')].join('\n');
    expect(shape(sections).map((h) => [h[0], h[1]])).toEqual([[1, '一、'], [2, '第一、'], [2, '第二、'], [2, '第三、'], [2, '第四、']]);
    const list = ['一、总的任务', P, item('一', '坚持以农业为基础'), item('二', '加快轻纺工业的发展'), item('三', '加强基础工业'), P].join('\n');
    expect(shape(list).map((h) => h[1])).toEqual(['一、']);
    // The comma ordinal with a long first sentence stays a paragraph, series or not.
    const comma = ['一、总的任务', P, '第一，承认阶级斗争还没有结束，同时承认今后再不需要进行大规模的群众阶级斗争。正文。', P, '第二，承认社会主义社会还有两类矛盾，必须严格区别和正确处理这两类矛盾。正文。', P].join('\n');
    expect(shape(comma).map((h) => h[1])).toEqual(['一、']);
  });

  it('a section title glued to its paragraph by a source that lost its breaks is cut out when the paragraph repeats its opening', () => {
    const long = (s: string) => `${s}${'正文继续写下去，这一段很长，说明情况。'.repeat(40)}`;
    const text = [long('各位代表：现在我代表市人民政府报告工作。2023年工作回顾2023年是全面贯彻党的精神的开局之年，我们主要做了以下工作：'), long('（一）稳增长。'), long('（二）促转型。各项工作推进有力。2024年工作安排2024年是实施规划的关键一年，重点抓好以下工作：'), long('一、抓项目。'), long('二、抓民生。')].join('\n');
    expect(shape(text).map((h) => [h[0], h[1], String(h[2]).slice(0, 10)])).toEqual([
      [1, '', '2023年工作回顾'],
      [2, '（一）', '稳增长'],
      [2, '（二）', '促转型'],
      [1, '', '2024年工作安排'],
      [2, '一、', '抓项目'],
      [2, '二、', '抓民生'],
    ]);
    // In a text with its paragraph breaks, a phrase repeated across a sentence start is prose, and
    // numbers sharing their first digits (一九五七年比一九五二年) are no repeat.
    expect(shape(['一、总体要求', P, '依法治国是基本方略。坚持依法治国首先要坚持依宪治国，这是一句完整的长句子。'].join('\n')).map((h) => h[1])).toEqual(['一、']);
    expect(shape([long('一、总体要求。'), long('工业增长很快。一九五七年比一九五二年工业总产值将增长百分之九十八，平均每年递增。')].join('\n')).map((h) => h[1])).toEqual(['一、']);
  });

  it('titles head parts alike: when one title has numbered children, a title whose 一、 came after paragraphs of its own has them too', () => {
    const text = [P, '2023年工作回顾', P, P, P, '一、稳增长', P, '二、促转型', P, '2024年主要工作', P, P, P, '一、抓项目', P, '二、抓民生', P].join('\n');
    expect(shape(text).map((h) => h[0])).toEqual([1, 2, 2, 1, 2, 2]);
    // Alone (an opening title with paragraphs, then 一、…), the parts stay its siblings.
    expect(shape([P, '首先报告去年的工作', P, P, P, '一、抓项目', P, '二、抓民生', P, '结束语', P].join('\n')).map((h) => h[0])).toEqual([1, 1, 1, 1]);
  });

  it('a text that begins inside its part 一 (二、 above the first headings) shifts the earlier headings down', () => {
    const text = ['（一）甲项', P, '（二）乙项', P, '二、今年安排', P, '（一）丙项', P].join('\n');
    expect(shape(text).map((h) => h[0])).toEqual([2, 2, 1, 2]);
  });
});
