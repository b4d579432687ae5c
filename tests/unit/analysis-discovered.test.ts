// Rules that keep ordinary words out of the per-document discovered kinds (numbered, quoted).
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../analysis/analyze';
import { createTestContext } from '../helpers/segmenter';
import { ordinaryParallel, truncatedTwins, countedEnd } from '../../analysis/formulations';

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

// Number formulas: idioms of the parallel shape left out, a one-character word after a counted
// formula kept with it, and truncated twins merged over a whole corpus.
const plainCtx = createTestContext([]);
const plainKinds = (text: string) => {
  const a = analyzeDocument({ docId: 'x', text }, plainCtx);
  return Object.fromEntries(a.formulations.filter((h) => h.kind !== 'lexicon').map((h) => [h.text, h.kind]));
};

describe('parallel formulas of ordinary language', () => {
  it('an idiom of jieba dictionary or two common words side by side is ordinary', () => {
    expect(ordinaryParallel('五湖四海')).toBe(true);
    expect(ordinaryParallel('两岸双方')).toBe(true);
    expect(ordinaryParallel('三区三州')).toBe(false);
    expect(ordinaryParallel('一中一台')).toBe(false);
  });
  it('is neither numbered nor quoted, quoted or not; a coined one stays', () => {
    const k = plainKinds('团结来自五湖四海的同志，坚持“三位一体”推进，两岸双方应当对话。落实三区三州政策。');
    expect(k['五湖四海']).toBeUndefined();
    expect(k['三位一体']).toBeUndefined();
    expect(k['两岸双方']).toBeUndefined();
    expect(k['三区三州']).toBe('numbered');
  });
});

describe('counted formulas end where their word ends', () => {
  it('a one-character word after the formula belongs to it', () => {
    const k = plainKinds('实行一系列两条腿走路的政策。');
    expect(k['两条腿走路']).toBe('numbered');
    expect(k['两条腿走']).toBeUndefined();
  });
  it('countedEnd extends to a boundary or gives up', () => {
    const bounds = new Set([0, 3, 5]);
    expect(countedEnd('abcdef', 3, (i) => bounds.has(i))).toBe(3);
    expect(countedEnd('三管三必须做', 4, (i) => i === 5)).toBe(5);
    expect(countedEnd('三管三必须做', 4, (i) => i === 0)).toBeNull();
  });
});

describe('truncatedTwins', () => {
  it('merges a number formula found mostly inside a longer formulation of the corpus', () => {
    const twins = truncatedTwins([
      [{ text: '三管三必', kind: 'numbered', occurrences: 2 }, { text: '三管三必须', kind: 'numbered', occurrences: 2 }],
      [{ text: '三管三必', kind: 'numbered', occurrences: 3 }, { text: '三管三必须', kind: 'quoted', occurrences: 3 }],
      [{ text: '四个意识', kind: 'numbered', occurrences: 4 }],
    ]);
    expect([...twins]).toEqual(['三管三必']);
  });
  it('keeps one that mostly stands on its own, or is a whole item of a list', () => {
    const twins = truncatedTwins([
      [{ text: '两个维护', kind: 'numbered', occurrences: 10 }, { text: '两个维护者', kind: 'quoted', occurrences: 1 }],
      [{ text: '两个维护', kind: 'numbered', occurrences: 5 }],
      [{ text: '八个坚持', kind: 'numbered', occurrences: 2 }, { text: '八个坚持、八个反对', kind: 'quoted', occurrences: 2 }],
    ]);
    expect(twins.size).toBe(0);
  });
});
