// Rules of recurring-phrase discovery (analysis/recurring RecurringCollector) on small token streams,
// and the per-document counts of the phrases found (analysis/recurring-hits).
import { describe, expect, it } from 'vitest';
import { adverbialClause, coordinated, cutAtEdge, knownParts, novelty, rarity, RecurringCollector, reversible, stockPosition, tokenRarity, verbLed } from '../../analysis/recurring';
import { recurringHitsByModel } from '../../analysis/recurring-hits';
import type { Tokenized } from '../../analysis/segment';
import type { DocFacet } from '../../analysis/types';

/** Tokens as a segmenter would return them; a token written `[x]` is a lexicon entry matched first. */
function tok(...parts: string[]): Tokenized {
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const lexical: number[] = [];
  let at = 0;
  for (const p of parts) {
    const lex = p.startsWith('[') && p.endsWith(']');
    const t = lex ? p.slice(1, -1) : p;
    tokens.push(t);
    starts.push(at);
    at += t.length;
    ends.push(at);
    lexical.push(lex ? 1 : 0);
  }
  return { tokens, starts: Int32Array.from(starts), ends: Int32Array.from(ends), lexical: Uint8Array.from(lexical) };
}

const facet = (docId: string, org: string, year: number | null = 2024): DocFacet => ({ docId, org, year }) as DocFacet;

/** Adds documents of alternating organisations 甲/乙/丙 and returns the texts found. */
function found(docs: Tokenized[], opts: { minOrgs?: number } = {}): string[] {
  const c = new RecurringCollector();
  docs.forEach((t, i) => c.add(`d${i}`, t, { org: ['甲市', '乙市', '丙市'][i % 3], year: 2020 + i }));
  return c.finish([], { minOrgs: opts.minOrgs ?? 2 }).map((p) => p.text);
}

describe('RecurringCollector: candidates', () => {
  it('tells different neighbours apart: a phrase after three different verbs has free boundaries', () => {
    // 坚持, 推进 and 实施 differ in the low bits FNV-1a alone would bucket them by.
    const docs = ['坚持', '推进', '实施'].map((verb, i) => tok('全市', verb, '枫桥', '引擎', '工程', '，', ['成效', '内容', '工作'][i]!, '。'));
    expect(found(docs)).toContain('枫桥引擎工程');
  });

  it('never starts or ends inside a word: phrases are whole token sequences', () => {
    const docs = [0, 1, 2].map((i) => tok('我们', '坚持', '。', '枫桥', '引擎', '工程', '。', ['甲', '乙', '丙'][i]!));
    const out = found(docs);
    expect(out).toContain('枫桥引擎工程');
    // 桥引擎 and 引擎工 would cut 枫桥 and 工程: every phrase found is a run of whole tokens.
    const runs = new Set<string>();
    const words = ['我们', '坚持', '枫桥', '引擎', '工程'];
    for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) runs.add(words.slice(i, j + 1).join(''));
    for (const p of out) expect(runs, p).toContain(p);
    expect(out).not.toContain('桥引擎');
  });

  it('never emits a lexicon entry, nor one with a verb attached', () => {
    const docs = [0, 1, 2].map(() => tok('坚决', '做到', '[两个维护]', '，', '全面', '推进'));
    const out = found(docs);
    expect(out.some((p) => p.includes('两个维护'))).toBe(false);
  });

  it('a truncated twin is merged into the full form found in as many documents', () => {
    const docs = [0, 1, 2].map((i) => tok('。', '党建', '引领', '工程', '。', ['东', '西', '南'][i]!));
    expect(found(docs)).toEqual(['党建引领工程']);
  });

  it('a fragment whose neighbour is always the same token is dropped (发展格局 ← 新)', () => {
    const docs = [0, 1, 2, 3].map((i) => tok('。', '新', '发展', '格局', '。', ['东', '西', '南', '北'][i]!));
    const out = found(docs);
    expect(out).not.toContain('发展格局');
  });

  it('a lexicon entry or a number next to a phrase is a neighbour, not an edge: not standalone', () => {
    const c = new RecurringCollector();
    const lex = ['[乡村振兴]', '[共同富裕]', '[新质生产力]'];
    for (let i = 0; i < 3; i++) c.add(`d${i}`, tok('。', lex[i]!, '示范', '片区', '。'), { org: `市${i}` });
    expect(c.finish().find((x) => x.text === '示范片区')?.standalone).toBe(0);
    const n = new RecurringCollector();
    for (let i = 0; i < 3; i++) n.add(`d${i}`, tok('。', '示范', '片区', String(10 + i), '个', '。'), { org: `市${i}` });
    expect(n.finish().find((x) => x.text === '示范片区')?.standalone ?? 0).toBe(0);
    const d = new RecurringCollector();
    for (let i = 0; i < 3; i++) d.add(`d${i}`, tok('。', '示范', '片区', '，'), { org: `市${i}` });
    expect(d.finish().find((x) => x.text === '示范片区')?.standalone).toBe(3);
  });

  it('needs minDocs documents from minOrgs organisations (joint issuers count for each)', () => {
    const docs = [0, 1, 2].map(() => tok('。', '红旗', '领航', '。'));
    const one = new RecurringCollector();
    docs.forEach((t, i) => one.add(`d${i}`, t, { org: '甲市' }));
    expect(one.finish().map((p) => p.text)).toEqual([]);
    const joint = new RecurringCollector();
    docs.forEach((t, i) => joint.add(`d${i}`, t, { org: i === 0 ? '甲市、乙市' : '甲市' }));
    expect(joint.finish().map((p) => [p.text, p.orgs])).toEqual([['红旗领航', 2]]);
  });

  it('without a facet at add, organisations and years come from finish()', () => {
    const c = new RecurringCollector();
    for (let i = 0; i < 3; i++) c.add(`d${i}`, tok('。', '红旗', '领航', '。'));
    const facets = [facet('d0', '甲市', 2019), facet('d1', '乙市', 2021), facet('d2', '乙市', 2021)];
    expect(c.finish(facets).map((p) => [p.text, p.orgs, p.firstYear, p.lastYear])).toEqual([['红旗领航', 2, 2019, 2021]]);
  });
});

describe('RecurringCollector: precision rules', () => {
  it('a phrase cut at a one-character edge token is dropped; compact formulas of single characters are not', () => {
    expect(cutAtEdge(['驰而不息', '纠'])).toBe(true);
    expect(cutAtEdge(['毛主席', '说'])).toBe(true);
    expect(cutAtEdge(['增', '单产', '两手', '发力'])).toBe(true);
    expect(cutAtEdge(['先立', '后', '破'])).toBe(false);
    expect(cutAtEdge(['以进', '促稳'])).toBe(false);
    const docs = [0, 1, 2].map((i) => tok('。', '驰而不息', '纠', ['治', '正', '偏'][i]!, '。'));
    expect(found(docs)).not.toContain('驰而不息纠');
  });

  it('a long phrase led by a common word of general language is a collocation: never reported', () => {
    expect(verbLed(['增进', '民生', '福祉'])).toBe(true);
    expect(verbLed(['兜住', '兜准'])).toBe(false);
    const docs = [0, 1, 2].map((i) => tok('。', '增进', '民生', '福祉', '。', ['东', '西', '南'][i]!, '。', '兜住', '兜准', '兜牢', '。'));
    const out = found(docs);
    expect(out).not.toContain('增进民生福祉');
    expect(out).toContain('兜住兜准兜牢');
  });

  it('a kept phrase with a word attached before it, found in fewer documents, is dropped (打好净土保卫战)', () => {
    const docs = [0, 1, 2, 3].map((i) => (i < 3 ? tok('。', '打好', '净土', '保卫战', '。') : tok('。', '推进', '净土', '保卫战', '。')));
    const out = found(docs);
    expect(out).toContain('净土保卫战');
    expect(out).not.toContain('打好净土保卫战');
  });

  it('two phrases joined by a conjunction are a list, not a formulation', () => {
    expect(coordinated(['台湾', '同胞', '和', '海外侨胞'])).toBe(true);
    expect(coordinated(['统分', '结合', '的', '双层'])).toBe(false);
    const docs = [0, 1, 2].map(() => tok('。', '海外侨胞', '和', '国际', '友人', '。'));
    expect(found(docs)).not.toContain('海外侨胞和国际友人');
  });

  it('a kept phrase in more documents with a rare word before it is dropped too; in as many documents, the full form stays', () => {
    // (奋楫 is rare in general language: the verb-led rule does not apply, this one does). Neighbours
    // are counted in 8 hashed buckets; 奋楫 and 书写 fall in different ones (开创 would share 奋楫's,
    // and 枫桥新篇章 would then read as always after one word: one pair in eight does so).
    const docs = [0, 1, 2, 3].map((i) => tok('。', i < 3 ? '奋楫' : '书写', '枫桥', '新', '篇章', '。'));
    const out = found(docs);
    expect(out).toContain('枫桥新篇章');
    expect(out).not.toContain('奋楫枫桥新篇章');
    // Control: always with 奋楫 (枫桥新篇章 in no more documents), it is the full form and reported.
    expect(found([0, 1, 2, 3].map(() => tok('。', '奋楫', '枫桥', '新', '篇章', '。')))).toContain('奋楫枫桥新篇章');
  });

  it('a long phrase led by a compound of two common words (广泛 | 开展) is verb-led too; a compound with a rare part is not', () => {
    expect(verbLed(['关心群众', '疾苦'])).toBe(true);
    expect(verbLed(['广泛开展', '全民', '健身活动'])).toBe(true);
    expect(verbLed(['统分结合', '的', '双层经营'])).toBe(false);
    const docs = [0, 1, 2].map((i) => tok('。', '广泛开展', '全民', '健身活动', '。', ['东', '西', '南'][i]!, '。', '统分结合', '的', '双层经营', '。'));
    const out = found(docs);
    expect(out).not.toContain('广泛开展全民健身活动');
    expect(out).toContain('统分结合的双层经营');
  });

  it('an adverb and its verb joined by 地 are cut out of a clause; 地 next to a single character is a word of the formula', () => {
    expect(adverbialClause(['毫不动摇', '地', '鼓励'])).toBe(true);
    expect(adverbialClause(['因', '地', '施策'])).toBe(false);
    const docs = [0, 1, 2].map(() => tok('。', '毫不动摇', '地', '鼓励', '。', '因', '地', '施策', '。'));
    const out = found(docs);
    expect(out).not.toContain('毫不动摇地鼓励');
    expect(out).toContain('因地施策');
  });

  it('two words written in either order in comparable numbers of documents are list items: neither order is reported', () => {
    expect(reversible(17, 13)).toBe(true);
    expect(reversible(42, 14)).toBe(false);
    const both = [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? tok('。', '档案', '史志', '。') : tok('。', '史志', '档案', '。')));
    const out = found(both);
    expect(out).not.toContain('档案史志');
    expect(out).not.toContain('史志档案');
    // Control: one order only is a fixed phrase.
    expect(found([0, 1, 2].map(() => tok('。', '档案', '史志', '。')))).toContain('档案史志');
  });

  it('a stock sentence at the same edge of every document is its frame, not a formulation (请予审议)', () => {
    expect(stockPosition(0.003, 0.000005, 3)).toBe(true);
    expect(stockPosition(1.5, 0.9, 3)).toBe(false);
    const body = Array.from({ length: 40 }, (_, k) => ['。', '发展', String.fromCharCode(0x4e00 + 500 + k)]).flat();
    const docs = [0, 1, 2].map(() => tok('报告', '工作', '，', '请予', '审议', '。', ...body, '。', '以进', '促稳', '。', ...body));
    const out = found(docs);
    expect(out).not.toContain('请予审议');
    expect(out).toContain('以进促稳');
  });
});

describe('RecurringCollector: ranking', () => {
  it('rarity follows general-language frequency: common words 0, words jieba lacks 1', () => {
    expect(rarity('发展')).toBe(0);
    expect(rarity('促稳')).toBe(1);
    expect(novelty(['以进', '促稳'])).toBe(1);
    expect(novelty(['巩固', '拓展'])).toBeLessThan(0.2);
    // single characters are not words: only 先立 counts
    expect(novelty(['先立', '后', '破'])).toBe(1);
  });

  it('a token that is two common words (食品 | 药品) is as common as its parts, not coined because jieba lacks it whole', () => {
    expect(knownParts('食品药品')).toEqual(['食品', '药品']);
    expect(knownParts('促稳')).toBeNull();
    expect(tokenRarity('食品药品')).toBe(0);
    expect(tokenRarity('促稳')).toBe(1);
    expect(novelty(['食品药品', '安全'])).toBe(0);
    // Ranked below a coined formulation of the same spread (without the rule both read as half coined).
    const c = new RecurringCollector();
    for (let i = 0; i < 6; i++) c.add(`d${i}`, tok('开头', '。', '食品药品', '监管', '。', '治军', '监管', '。', ['东', '西', '南', '北', '中', '外'][i]!, '。'), { org: `市${i}`, year: 2020 + i });
    const ranked = c.finish();
    const score = (t: string) => ranked.find((p) => p.text === t)?.score ?? -1;
    expect(score('治军监管')).toBeGreaterThan(0);
    expect(score('食品药品监管')).toBeLessThan(score('治军监管'));
  });

  it('reports the DEFAULT_LIMIT (100) best phrases, not every recurring one', () => {
    const c = new RecurringCollector();
    const word = (k: number, j: number) => String.fromCharCode(0x5000 + 4 * k + 2 * j) + String.fromCharCode(0x5001 + 4 * k + 2 * j);
    for (let d = 0; d < 3; d++) c.add(`d${d}`, tok(...Array.from({ length: 150 }, (_, k) => ['。', word(k, 0), word(k, 1)]).flat(), '。'), { org: `市${d}`, year: 2020 });
    const all = c.finish([], { limit: 1000 });
    expect(all.length).toBeGreaterThan(120);
    expect(c.finish().length).toBe(100);
  });

  it('a long phrase led by a common word is verb-led (a collocation), a compact coined one is not', () => {
    expect(verbLed(['加强', '社会', '治安'])).toBe(true);
    expect(verbLed(['以进', '促稳'])).toBe(false);
    expect(verbLed(['巩固', '拓展'])).toBe(false);
  });

  it('ranks a coined formulation above a collocation of common words with the same spread', () => {
    const c = new RecurringCollector();
    for (let i = 0; i < 6; i++) {
      c.add(`d${i}`, tok('开头', '。', '巩固', '拓展', '，', '免申', '即享', '。', '巩固', '提高', '，', '拓展', '空间', '。', '结尾'), { org: `市${i}`, year: 2020 + i });
    }
    const out = c.finish().map((p) => p.text);
    expect(out.indexOf('免申即享')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('免申即享')).toBeLessThan(out.indexOf('巩固拓展'));
  });
});

describe('RecurringCollector: bounded memory', () => {
  it('is exact below one pruning window; then drops phrases of one document, keeps the recurring ones', () => {
    const c = new RecurringCollector();
    // Each document: one shared phrase and one phrase of its own (two tokens unique to it).
    const uniq = (i: number) => `${String.fromCharCode(0x4e00 + 2 * i + 200)}${String.fromCharCode(0x4e00 + 2 * i + 201)}`;
    for (let i = 0; i < 249; i++) c.add(`d${i}`, tok('。', '红旗', '领航', '。', uniq(i), '工程', '。'), { org: `市${i % 7}` });
    expect(c.size).toBeGreaterThan(249);
    const exact = c.size;
    for (let i = 249; i < 1000; i++) c.add(`d${i}`, tok('。', '红旗', '领航', '。', uniq(i), '工程', '。'), { org: `市${i % 7}` });
    // Every pruning drops the single-document phrases of the windows before: far fewer than one per document.
    expect(c.size).toBeLessThan(exact + 300);
    expect(c.finish().map((p) => [p.text, p.docs])).toContainEqual(['红旗领航', 1000]);
  });

  it('over maxEntries, drops the phrases that recur least often since first seen, never the latest document\'s', () => {
    const c = new RecurringCollector({ maxEntries: 5 });
    const ch = (k: number) => String.fromCharCode(0x4e00 + 300 + k);
    for (let i = 0; i < 250; i++) {
      // Ten distinct phrases per document, one of them everywhere.
      // (in the middle: a phrase at the very start of every document is a stock sentence)
      const parts = ['。'];
      for (let k = 0; k < 10; k++) parts.push(`${ch(i * 20 + 2 * k)}${ch(i * 20 + 2 * k + 1)}`, '工程', '。', ...(k === 4 ? ['红旗', '领航', '。'] : []));
      c.add(`d${i}`, tok(...parts), { org: `市${i % 5}` });
    }
    // At most maxEntries plus the latest document's own candidates (never dropped): not 2,501.
    expect(c.size).toBeLessThanOrEqual(5 + 11);
    // Each document overfills the 5 slots, so every add prunes (the CLI collects garbage after each).
    expect(c.prunes).toBe(250);
    expect(c.prunedWindow).toBe(1);
    expect(c.finish().map((p) => [p.text, p.docs])).toEqual([['红旗领航', 250]]);
  });

  it('merge: two collectors of a corpus split in halves find what one collector finds', () => {
    const docs = Array.from({ length: 12 }, (_, i) =>
      tok('。', '红旗', '领航', '，', ['东', '西', '南'][i % 3]!, '免申', '即享', '。', '党建', '引领', ['工程', '行动'][i % 2]!, '。'),
    );
    const f = (i: number) => ({ org: `市${i % 4}`, year: 2018 + (i % 5) });
    const whole = new RecurringCollector();
    docs.forEach((t, i) => whole.add(`d${i}`, t, f(i)));
    const a = new RecurringCollector();
    const b = new RecurringCollector();
    docs.forEach((t, i) => (i < 5 ? a : b).add(`d${i}`, t, f(i)));
    a.merge(b);
    expect(a.documents).toBe(12);
    expect(a.finish()).toEqual(whole.finish());
  });
});

describe('recurringHitsByModel', () => {
  it('counts each phrase by the counting model: non-overlapping, quote marks and line breaks ignored', () => {
    const phrases = [{ text: '红旗领航' }, { text: '领航工程' }, { text: '不在' }, { text: '啊啊' }];
    expect(recurringHitsByModel('“红旗领航”工程，红旗领\n航工程；啊啊啊', phrases)).toEqual([
      { text: '红旗领航', kind: 'recurring', count: 2 },
      { text: '领航工程', kind: 'recurring', count: 2 },
      { text: '啊啊', kind: 'recurring', count: 1 },
    ]);
    expect(recurringHitsByModel('文本', [])).toEqual([]);
  });
});
