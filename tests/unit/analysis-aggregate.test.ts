// Aggregates over stored analyses: small hand-computed cases.
import { describe, expect, it } from 'vitest';
import {
  docTermCount,
  firstAppearance,
  formulationSummary,
  orgFormulationMatrix,
  tfidf,
  topTerms,
  yearTermMatrix,
} from '../../analysis/aggregate';
import { keyness, logLikelihood, logRatio } from '../../analysis/keyness';
import { kwic } from '../../analysis/kwic';
import { DEFAULT_ORG_GROUPS, formatOrgAliases, groupOrg, orgAliasesFromText, orgAliasMap, parseOrgAliases } from '../../analysis/orgs';
import { ngrams } from '../../analysis/terms';
import type { DocAnalysis, DocFacet, FormulationHit } from '../../analysis/types';
import { at } from '../helpers/at';

function doc(docId: string, chars: number, terms: [string, number][], formulations: FormulationHit[] = []): DocAnalysis {
  return { docId, version: 't', chars, terms, formulations, outline: [], stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: chars } };
}
function facet(docId: string, year: number | null, org: string, date = ''): DocFacet {
  return { docId, title: `T${docId}`, org, year, docType: '', date };
}

const lex = (text: string, count: number): FormulationHit => ({ text, kind: 'lexicon', count, category: 'slogan' });

const analyses = [
  doc('a', 10000, [['改革', 4], ['两个', 1]], [lex('两个维护', 2)]),
  doc('b', 5000, [['改革', 1]], []),
  doc('c', 20000, [['改革', 2], ['constructor', 3]], [lex('两个维护', 1), { text: '红旗领航', kind: 'quoted', count: 2 }]),
  doc('d', 1000, [['改革', 9]], [lex('两个维护', 5)]),
];
const facets = [facet('a', 2019, '中共中央', '2019-03-01'), facet('b', 2019, '国务院'), facet('c', 2024, '中办', '2024-05-01'), facet('d', null, '国务院')];

describe('yearTermMatrix', () => {
  it('counts, rates per 10k chars, documents and share per year; zero rows kept; no-year docs left out', () => {
    const rows = yearTermMatrix(facets, analyses, ['两个维护', '改革', '红旗领航']);
    expect(rows).toEqual([
      { year: 2019, term: '两个维护', count: 2, per_10k: 1.333, docs: 1, share: 0.5, total_docs: 2, chars: 15000 },
      { year: 2019, term: '改革', count: 5, per_10k: 3.333, docs: 2, share: 1, total_docs: 2, chars: 15000 },
      { year: 2019, term: '红旗领航', count: 0, per_10k: 0, docs: 0, share: 0, total_docs: 2, chars: 15000 },
      { year: 2024, term: '两个维护', count: 1, per_10k: 0.5, docs: 1, share: 1, total_docs: 1, chars: 20000 },
      { year: 2024, term: '改革', count: 2, per_10k: 1, docs: 1, share: 1, total_docs: 1, chars: 20000 },
      { year: 2024, term: '红旗领航', count: 2, per_10k: 1, docs: 1, share: 1, total_docs: 1, chars: 20000 },
    ]);
  });

  it('takes the formulation count for a formulation, the term count otherwise, or as told', () => {
    expect(docTermCount(at(analyses, 0), '两个维护')).toBe(2);
    expect(docTermCount(at(analyses, 0), '两个维护', 'terms')).toBe(0);
    expect(docTermCount(at(analyses, 0), '改革', 'formulations')).toBe(0);
    expect(docTermCount(at(analyses, 2), 'constructor')).toBe(3);
    expect(docTermCount(at(analyses, 2), '__proto__')).toBe(0);
    expect(yearTermMatrix([], [], ['x'])).toEqual([]);
  });
});

describe('topTerms / tfidf / ngrams', () => {
  it('ranks by count, by documents', () => {
    expect(topTerms(analyses, 2)).toEqual([
      { term: '改革', count: 16, per_10k: 4.444, docs: 4 },
      { term: 'constructor', count: 3, per_10k: 0.833, docs: 1 },
    ]);
    expect(topTerms(analyses, 1, 'docs')[0]?.term).toBe('改革');
    expect(topTerms([], 5)).toEqual([]);
  });

  it('tf-idf: a term in every document scores 0; a term in one document scores tf·ln(N)', () => {
    const rows = tfidf(analyses, { perDoc: 5 });
    const c = rows.filter((r) => r.docId === 'c');
    expect(c[0]).toMatchObject({ term: 'constructor', count: 3 });
    expect(c[0]?.tfidf).toBeCloseTo((3 / 5) * Math.log(4), 10);
    expect(rows.find((r) => r.docId === 'c' && r.term === '改革')!.tfidf).toBe(0);
  });

  it('word n-grams never span a stopword or punctuation', () => {
    expect(ngrams(['深化', '改革', '，', '扩大', '开放', '的', '步伐'], 2, new Set(['的']))).toEqual([
      ['深化改革', 1],
      ['扩大开放', 1],
    ]);
  });
});

describe('formulations across the collection', () => {
  const aliases = orgAliasMap();
  it('formulationSummary: count, documents, organisations (grouped), first and last year', () => {
    const rows = formulationSummary(facets, analyses, { aliases });
    expect(rows[0]).toEqual({ text: '两个维护', kind: 'lexicon', category: 'slogan', count: 8, docs: 3, orgs: 3, orgNames: ['中共中央', '中共中央办公厅', '国务院'], firstYear: 2019, lastYear: 2024 });
    expect(rows[1]).toMatchObject({ text: '红旗领航', kind: 'quoted', category: '', count: 2, docs: 1, firstYear: 2024 });
  });

  it('orgFormulationMatrix: one row per organisation and formulation', () => {
    const rows = orgFormulationMatrix(facets, analyses, { aliases, formulations: ['两个维护'] });
    expect(rows).toEqual([
      { org: '中共中央', formulation: '两个维护', kind: 'lexicon', count: 2, per_10k: 2, docs: 1, share: 1, total_docs: 1, chars: 10000 },
      { org: '中共中央办公厅', formulation: '两个维护', kind: 'lexicon', count: 1, per_10k: 0.5, docs: 1, share: 1, total_docs: 1, chars: 20000 },
      { org: '国务院', formulation: '两个维护', kind: 'lexicon', count: 5, per_10k: 8.333, docs: 1, share: 0.5, total_docs: 2, chars: 6000 },
    ]);
  });

  it('firstAppearance: earliest year, then earliest date', () => {
    const rows = firstAppearance(facets, analyses);
    expect(rows.map((r) => [r.text, r.firstYear, r.firstDocId, r.docs])).toEqual([
      ['两个维护', 2019, 'a', 2],
      ['红旗领航', 2024, 'c', 1],
    ]);
    expect(firstAppearance(facets, analyses, { terms: ['改革'] })[0]).toMatchObject({ text: '改革', kind: 'term', firstYear: 2019, docs: 3 });
  });
});

describe('keyness', () => {
  it('G2 and log ratio match a hand calculation', () => {
    // a=10 of 1000 tokens, b=2 of 1000: E = 6 each; G2 = 2(10 ln(10/6) + 2 ln(2/6)) = 5.82206…
    expect(logLikelihood(10, 2, 1000, 1000)).toBeCloseTo(5.822063, 5);
    expect(logRatio(10, 2, 1000, 1000)).toBeCloseTo(Math.log2(5), 10);
    // A zero count is taken as 0.5 for the log ratio; G2 stays finite.
    expect(logRatio(4, 0, 100, 100)).toBeCloseTo(3, 10);
    expect(logLikelihood(4, 0, 100, 100)).toBeCloseTo(2 * 4 * Math.log(2), 10);
    expect(logLikelihood(0, 0, 0, 0)).toBe(0);
  });

  it('ranks terms by G2 with direction, from stored term counts', () => {
    const A = [doc('x', 1, [['改革', 10], ['发展', 990]])];
    const B = [doc('y', 1, [['改革', 2], ['发展', 998]])];
    const rows = keyness(A, B, { minCount: 1 });
    expect(rows[0]?.term).toBe('改革');
    expect(rows[0]?.g2).toBeCloseTo(5.822063, 5);
    expect(rows[0]).toMatchObject({ a: 10, b: 2, direction: 'a', per10kA: 100, per10kB: 20 });
    expect(rows[1]).toMatchObject({ term: '发展', direction: 'b' });
    expect(keyness(A, B, { minCount: 100 }).map((r) => r.term)).toEqual(['发展']);
  });
});

describe('kwic', () => {
  it('returns left context, match, right context and offset for every occurrence', () => {
    const lines = kwic(
      [
        { docId: 'd1', text: '坚决做到两个维护，始终做到两个维护。' },
        { docId: 'd2', text: '无关内容' },
      ],
      '两个维护',
      4,
    );
    expect(lines).toEqual([
      { docId: 'd1', left: '坚决做到', match: '两个维护', right: '，始终做', offset: 4 },
      { docId: 'd1', left: '，始终做到'.slice(-4), match: '两个维护', right: '。', offset: 13 },
    ]);
  });

  it('finds every form of an entry, the longest at each position', () => {
    const lines = kwic([{ docId: 'd', text: '学习党的二十大精神，宣讲二十大。' }], ['党的二十大', '二十大'], 2);
    expect(lines.map((l) => [l.match, l.offset])).toEqual([
      ['党的二十大', 2],
      ['二十大', 12],
    ]);
  });

  it('normalises text and query (traditional, broken lines) unless told not to; empty query gives nothing', () => {
    expect(kwic([{ docId: 'x', text: '堅持兩個\n維護。' }], '两个维护', 2)).toHaveLength(1);
    expect(kwic([{ docId: 'x', text: '堅持兩個維護' }], '两个维护', 2, { normalize: false })).toHaveLength(0);
    expect(kwic([{ docId: 'x', text: 'abc' }], '', 2)).toEqual([]);
    expect(kwic([{ docId: 'x', text: 'abc' }], [], 2)).toEqual([]);
    expect(kwic([{ docId: 'x', text: '一一一一' }], '一', 1, { limit: 2 })).toHaveLength(2);
  });
});

describe('organisation aliases', () => {
  it('groups spellings, strips spaces, leaves unknown names as they are', () => {
    const map = orgAliasMap(DEFAULT_ORG_GROUPS);
    expect(groupOrg('国办', map)).toBe('国务院办公厅');
    expect(groupOrg('中华人民共和国 国务院', map)).toBe('国务院');
    expect(groupOrg('常州经开区社会事业局', map)).toBe('常州经开区社会事业局');
    expect(groupOrg('', map)).toBe('');
    expect(groupOrg('__proto__', map)).toBe('__proto__');
  });

  it('parses and writes the editable text form', () => {
    const { map, errors } = parseOrgAliases('# 本地\n常州经开区社会事业局 = 社会事业局，常经社委\n\nconstructor=__proto__');
    expect(errors).toEqual([]);
    expect(groupOrg('常经社委', map)).toBe('常州经开区社会事业局');
    expect(groupOrg('__proto__', map)).toBe('constructor');
    expect(parseOrgAliases(formatOrgAliases(map))).toEqual({ map, errors: [] });
    expect(orgAliasesFromText(formatOrgAliases(map))).toEqual(map);
  });

  it('returns malformed lines with their numbers and reads the rest', () => {
    const text = ['= 别名', '甲局 = 甲', '  ＝ 乙, 丙  ', '# 注释 = 无妨', '丁 = 戊 = 己', '', '庚 ＝ 辛'].join('\r\n');
    const { map, errors } = parseOrgAliases(text);
    expect(errors).toEqual([
      { line: 1, text: '= 别名', reason: 'no-canonical' },
      { line: 3, text: '＝ 乙, 丙', reason: 'no-canonical' },
      { line: 5, text: '丁 = 戊 = 己', reason: 'several-equals' },
    ]);
    expect([...map]).toEqual([['甲局', '甲局'], ['甲', '甲局'], ['庚', '庚'], ['辛', '庚']]);
    expect(parseOrgAliases('').errors).toEqual([]);
  });

  it('resolves chains to the final canonical name, in either direction, without cycles', () => {
    // 乙 is 甲's alias, so what is listed under 乙 belongs to 甲.
    const down = parseOrgAliases('甲 = 乙\n乙 = 丙\n丙 = 丁').map;
    expect(['甲', '乙', '丙', '丁'].map((n) => down.get(n))).toEqual(['甲', '甲', '甲', '甲']);
    // 甲's group is later listed under 丙: the whole group goes to 丙.
    const up = parseOrgAliases('甲 = 乙\n丙 = 甲').map;
    expect(['甲', '乙', '丙'].map((n) => up.get(n))).toEqual(['丙', '丙', '丙']);
    // A loop in the table ends in one group, named by the first line.
    const loop = parseOrgAliases('甲 = 乙\n乙 = 甲\n甲 = 甲').map;
    expect([...loop]).toEqual([['甲', '甲'], ['乙', '甲']]);
    // An alias repeated on a later line of another group moves there.
    const moved = parseOrgAliases('甲 = 戊\n乙 = 戊').map;
    expect(moved.get('戊')).toBe('乙');
    expect(formatOrgAliases(down)).toBe('甲 = 乙, 丙, 丁');
  });
});

describe('truncated twins in the formulation summary', () => {
  const num = (text: string, count: number): FormulationHit => ({ text, kind: 'numbered', count });
  const full = (count: number): FormulationHit => ({ text: '三管三必须', kind: 'quoted', count, occurrences: count });
  const twinDocs = [doc('t1', 1000, [], [num('三管三必', 2), full(2)]), doc('t2', 1000, [], [num('三管三必', 3), full(3)]), doc('t3', 1000, [], [num('三管三必', 1)])];
  const twinFacets = twinDocs.map((d) => facet(d.docId, 2024, '某市'));
  it('leaves out a number formula found mostly inside a longer one, as slogans.csv does', () => {
    const texts = formulationSummary(twinFacets, twinDocs).map((r) => r.text);
    expect(texts).toEqual(['三管三必须']);
  });
  it('keeps it where it mostly stands on its own', () => {
    const alone = [...twinDocs, doc('t4', 1000, [], [num('三管三必', 4)])];
    const texts = formulationSummary([...twinFacets, facet('t4', 2024, '某市')], alone).map((r) => r.text);
    expect(texts.sort()).toEqual(['三管三必', '三管三必须']);
  });
});
