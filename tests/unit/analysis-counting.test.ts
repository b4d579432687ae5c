// The counting model (analysis/counting.ts) rule by rule, on small texts: occurrences of any typed
// phrase, the lexicon matched first, quoted vs total, KWIC = count, one length, joint issuers, duplicates.
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../analysis/analyze';
import { issuersOf, orgFormulationMatrix, formulationSummary } from '../../analysis/aggregate';
import { countPhrase, documentLength, matchText, COUNTING_MODEL } from '../../analysis/counting';
import { findDuplicates } from '../../analysis/duplicates';
import { countEntry, lexiconHits, quotedSpans } from '../../analysis/formulations';
import { kwic } from '../../analysis/kwic';
import { PatternAutomaton } from '../../analysis/match';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { joinOrgs } from '../../analysis/text';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { createTestContext } from '../helpers/segmenter';

const lexicon = [
  { term: '四强党支部', category: 'organisation-building', aliases: [] },
  { term: '不忘初心、牢记使命', category: 'campaign', aliases: ['不忘初心牢记使命'] },
  { term: '全面从严治党', category: 'discipline', aliases: [] },
  { term: '从严治党', category: 'discipline', aliases: [] },
  { term: '党的二十大', category: 'meeting', aliases: ['二十大'] },
];

describe('occurrences of a typed phrase (no dictionary entry needed)', () => {
  it('counts non-overlapping occurrences in the normalised text, like a substring search', () => {
    const text = normalizeForAnalysis('推进政务公开。政务公开标准化，政務公開。');
    expect(countPhrase(text, '政务公开')).toBe(3);
    expect(countPhrase(text, '政務公開')).toBe(3);
    expect(countPhrase('一一一一一', '一一')).toBe(2);
    expect(countPhrase(text, '')).toBe(0);
  });

  it('ignores line breaks, spaces and quote marks inside an occurrence', () => {
    expect(countPhrase('建设“四强”党支部，四强党支部', '四强党支部')).toBe(2);
    expect(countPhrase('政府工作报\n告', '政府工作报告')).toBe(1);
    expect(countPhrase('两个 维护', '“两个维护”')).toBe(1);
  });

  it('COUNTING_MODEL names both measures for run.json', () => {
    expect(Object.keys(COUNTING_MODEL)).toEqual(expect.arrayContaining(['occurrences', 'tokens', 'length']));
  });
});

describe('PatternAutomaton (Aho–Corasick)', () => {
  it('finds every occurrence of every pattern, overlapping ones too, as a naive search does', () => {
    const patterns = ['二十大', '党的二十大', '大会', '十大', '的', 'abcab', 'bca', ''];
    const text = '党的二十大和二十大会议，十大abcabcab';
    const naive: string[] = [];
    patterns.forEach((p, id) => {
      if (!p) return;
      for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) naive.push(`${id}@${i}`);
    });
    const got = new PatternAutomaton(patterns).matchAll(text).map((m) => `${m.pattern}@${m.start}`);
    expect(got.sort()).toEqual(naive.sort());
    expect(new PatternAutomaton([]).matchAll('abc')).toEqual([]);
  });
});

describe('lexicon first', () => {
  it('counts entries with 、 or quote marks inside, each entry on its own', () => {
    const text = normalizeForAnalysis('不忘初心、牢记使命，不忘初心牢记使命。建设“四强”党支部。全面从严治党，党的二十大，二十大。');
    const hits = new Map(lexiconHits(text, lexicon).map((h) => [h.text, h.count]));
    expect(hits.get('不忘初心、牢记使命')).toBe(2);
    expect(hits.get('四强党支部')).toBe(1);
    expect(hits.get('全面从严治党')).toBe(1);
    expect(hits.get('从严治党')).toBe(1);
    expect(hits.get('党的二十大')).toBe(2);
    expect(countEntry(text, ['党的二十大', '二十大'])).toBe(2);
  });

  it('keeps every entry one token, so the segmenter never splits it', () => {
    const ctx = createTestContext(lexicon);
    const a = analyzeDocument({ docId: 'x', text: '开展不忘初心、牢记使命主题教育，创建“四强”党支部。' }, ctx);
    const terms = new Map(a.terms);
    expect(terms.get('不忘初心、牢记使命')).toBe(1);
    expect(terms.get('四强党支部')).toBe(1);
  });
});

describe('quoted counts quoted occurrences', () => {
  it('count = occurrences inside quote marks, occurrences = all', () => {
    const ctx = createTestContext([]);
    const a = analyzeDocument({ docId: 'x', text: '打造“三亚经济圈”。三亚经济圈建设，三亚经济圈发展，三亚经济圈。' }, ctx);
    const hit = a.formulations.find((h) => h.text === '三亚经济圈');
    expect(hit).toMatchObject({ kind: 'quoted', count: 1, occurrences: 4 });
  });

  it('every quoted count equals the number of quoted occurrences of its text', () => {
    const ctx = createTestContext([]);
    const raw = '“红旗领航”工程。红旗领航。「红旗领航」。“开放再出发”，开放再出发。“学思践悟”“学思践悟”。';
    const a = analyzeDocument({ docId: 'x', text: raw }, ctx);
    const text = normalizeForAnalysis(raw);
    const quotedTimes = (t: string) => quotedSpans(text).filter((q) => q.inner === t).length;
    const quoted = a.formulations.filter((h) => h.kind === 'quoted');
    expect(quoted.length).toBe(3);
    for (const h of quoted) {
      expect(h.count, h.text).toBe(quotedTimes(h.text));
      expect(h.occurrences, h.text).toBe(countPhrase(text, h.text));
    }
  });
});

describe('numbered formulas stay whole words', () => {
  it('extends a match cut inside a word to its end (三管三必 → 三管三必须) and drops an entry with a verb attached', () => {
    const ctx = createTestContext([{ term: '两个维护', category: 'slogan', aliases: [] }]);
    const a = analyzeDocument({ docId: 'x', text: '严格落实三管三必须要求，坚决做到两个维护。' }, ctx);
    const numbered = a.formulations.filter((h) => h.kind === 'numbered').map((h) => h.text);
    expect(numbered).toContain('三管三必须');
    expect(numbered).not.toContain('三管三必');
    expect(numbered.some((t) => t.includes('两个维护'))).toBe(false);
  });
});

describe('KWIC has as many contexts as the phrase has occurrences', () => {
  it.each([
    ['四强党支部', '建设“四强”党支部，四强\n党支部，四强。'],
    ['政务公开', '政务公开，政務公開，政务 公开。'],
    ['一一', '一一一一一'],
  ])('%s', (phrase, raw) => {
    const lines = kwic([{ docId: 'x', text: raw }], phrase, 3);
    expect(lines.length).toBe(countPhrase(normalizeForAnalysis(raw), phrase));
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe('one length', () => {
  it('counts characters (code points) of the cleaned text, whitespace excluded', () => {
    expect(documentLength('政府 工作\n报告\u3000。')).toBe(7);
    expect(documentLength('𠀀a中')).toBe(3);
    expect(documentLength('')).toBe(0);
  });

  it('is DocAnalysis.chars, the per-10k denominator', () => {
    const ctx = createTestContext([]);
    const raw = '第一段 文字。\n\n第二段文字。';
    expect(analyzeDocument({ docId: 'x', text: raw }, ctx).chars).toBe(documentLength(raw));
  });

  it('matchText maps every kept character back to the text', () => {
    const mt = matchText('“四强”\n党');
    expect(mt.key).toBe('四强党');
    expect([...mt.pos]).toEqual([1, 2, 5, 6]);
  });
});

describe('joint issuers count for each of their organisations', () => {
  const doc = (docId: string, n: number): DocAnalysis => ({
    docId, version: 't', chars: 1000, terms: [], formulations: [{ text: '两个维护', kind: 'lexicon', count: n, category: 'slogan' }], outline: [], stats: { chars: 1000, paragraphs: 1, sentences: 1, meanSentenceLength: 1 },
  });
  const facets: DocFacet[] = [
    { docId: 'j', title: '', org: joinOrgs(['中共中央办公厅', '国务院办公厅']), year: 2024, docType: '', date: '' },
    { docId: 's', title: '', org: '国务院办公厅', year: 2024, docType: '', date: '' },
  ];
  const analyses = [doc('j', 2), doc('s', 3)];

  it('splits on ORG_SEPARATOR, groups aliases, no repeats', () => {
    expect(issuersOf(joinOrgs(['中办', '中共中央办公厅', '国办']), new Map([['中办', '中共中央办公厅'], ['国办', '国务院办公厅']]))).toEqual(['中共中央办公厅', '国务院办公厅']);
    expect(issuersOf('', new Map())).toEqual([]);
  });

  it('a joint document is in the matrix row of each issuer', () => {
    const rows = orgFormulationMatrix(facets, analyses, { formulations: ['两个维护'] });
    expect(rows.map((r) => [r.org, r.count, r.docs, r.total_docs])).toEqual([
      ['中共中央办公厅', 2, 1, 1],
      ['国务院办公厅', 5, 2, 2],
    ]);
    expect(formulationSummary(facets, analyses)[0]).toMatchObject({ orgs: 2, orgNames: ['中共中央办公厅', '国务院办公厅'] });
  });
});

describe('findDuplicates', () => {
  const base = Array.from({ length: 60 }, (_, i) => `第${i}项工作要扎实推进，确保各项任务落到实处，取得明显成效。`).join('\n');
  it('flags an identical pair and a near-identical pair, not a different document', () => {
    const near = base.replace('第3项', '第三项').replace('第40项', '第四十项');
    const other = Array.from({ length: 60 }, (_, i) => `关于第${i}个问题的调查研究报告，请审阅并提出意见。`).join('\n');
    const found = findDuplicates([
      { docId: 'national', text: base },
      { docId: 'copy', text: ` ${base.replace(/\n/g, '\n\n')} ` },
      { docId: 'near', text: near },
      { docId: 'other', text: other },
      { docId: 'empty', text: '' },
    ]);
    expect(found.map((d) => [d.docId, d.duplicateOf, d.kind])).toEqual([
      ['copy', 'national', 'identical'],
      ['near', 'national', 'near'],
    ]);
    expect(found[1]!.overlap).toBeGreaterThanOrEqual(0.9);
    expect(found[1]!.overlap).toBeLessThan(1);
  });
});
