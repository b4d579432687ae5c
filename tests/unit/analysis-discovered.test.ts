// Rules that keep ordinary words out of the per-document discovered kinds (numbered, quoted).
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../analysis/analyze';
import { createTestContext } from '../helpers/segmenter';

const ctx = createTestContext([{ term: '两个维护', category: 'slogan', aliases: [] }]);
const kinds = (text: string) => {
  const a = analyzeDocument({ docId: 'x', text }, ctx);
  return Object.fromEntries(a.formulations.filter((h) => h.kind !== 'lexicon').map((h) => [h.text, h.kind]));
};

describe('numbered and quoted leave ordinary words out', () => {
  it.each([
    ['a record: numeral before 连', '全市粮食实现“十连丰”，工业“二十连冠”。', ['十连丰', '二十连冠']],
    ['一 with two characters and no second numeral', '压实“一把手”责任，全市“一盘棋”，推行“一站式”服务。', ['一把手', '一盘棋', '一站式']],
    ['a common word of general language in quote marks', '坚持“人民”至上，打造“优秀”团队。', ['人民', '优秀']],
  ])('%s', (_name, text, absent) => {
    const k = kinds(text);
    for (const t of absent) expect(k[t], t).toBeUndefined();
  });

  it.each([
    ['a counted formula with 一 and a second numeral', '推行“一企一策”，落实“一件事一次办”。', { 一企一策: 'numbered', 一件事一次办: 'numbered' }],
    ['一 with three characters and more (a quoted formulation)', '实施“一号工程”。', { 一号工程: 'quoted' }],
    ['a coined quoted phrase', '推广“免申即享”，推进“千万工程”。', { 免申即享: 'quoted', 千万工程: 'quoted' }],
  ])('keeps %s', (_name, text, expected) => {
    const k = kinds(text);
    for (const [t, kind] of Object.entries(expected)) expect(k[t], t).toBe(kind);
  });
});
