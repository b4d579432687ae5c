// Top groups and "other" (analysis/top-groups) and Trends split by organisation built on it
// (analysis/corpus trendSeries): the named organisations are those with most occurrences of the
// chosen terms, the rest are one series counted over their documents together.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOP_GROUPS, topGroupsWithOther } from '../../analysis/top-groups';
import { MAX_SPLIT_ORGS, OTHER_ORGS, trendSeries, type AnalysedDoc } from '../../analysis/corpus';
import type { DocAnalysis, DocFacet } from '../../analysis/types';

interface Item {
  id: string;
  groups: string[];
  n: number;
}
const sum = (xs: readonly Item[]) => xs.reduce((a, x) => a + x.n, 0);
const run = (items: Item[], top: number) => topGroupsWithOther(items, (x) => x.groups, sum, (s) => s, top);
const item = (id: string, groups: string[], n: number): Item => ({ id, groups, n });

describe('topGroupsWithOther', () => {
  const cases: { name: string; items: Item[]; top: number; groups: string[]; other: { keys: string[]; total: number; items: number } | null }[] = [
    {
      name: 'no more groups than the top: every group named, no other',
      items: [item('1', ['a'], 3), item('2', ['b'], 5)],
      top: 2,
      groups: ['b', 'a'],
      other: null,
    },
    {
      name: 'ranked by total, the rest summed as one group',
      items: [item('1', ['a'], 1), item('2', ['b'], 9), item('3', ['c'], 4), item('4', ['d'], 2)],
      top: 2,
      groups: ['b', 'c'],
      other: { keys: ['d', 'a'], total: 3, items: 2 },
    },
    {
      name: 'ties on total: more items first, then by key',
      items: [item('1', ['z'], 2), item('2', ['y'], 1), item('3', ['y'], 1), item('4', ['x'], 2)],
      top: 2,
      groups: ['y', 'x'],
      other: { keys: ['z'], total: 2, items: 1 },
    },
    {
      name: 'a joint item counts in each of its groups, and once in other',
      items: [item('1', ['a', 'b'], 5), item('2', ['c'], 1), item('3', ['d', 'e'], 2)],
      top: 2,
      groups: ['a', 'b'],
      other: { keys: ['d', 'e', 'c'], total: 3, items: 2 },
    },
    {
      name: 'an item with no group is in no group and not in other',
      items: [item('1', [], 100), item('2', ['a'], 1), item('3', ['b'], 2)],
      top: 1,
      groups: ['b'],
      other: { keys: ['a'], total: 1, items: 1 },
    },
    {
      name: 'a top below one is read as one',
      items: [item('1', ['a'], 1), item('2', ['b'], 2)],
      top: 0,
      groups: ['b'],
      other: { keys: ['a'], total: 1, items: 1 },
    },
    {
      name: 'group keys that are object-property names are ordinary keys',
      items: [item('1', ['__proto__'], 3), item('2', ['constructor'], 2), item('3', ['toString'], 1)],
      top: 2,
      groups: ['__proto__', 'constructor'],
      other: { keys: ['toString'], total: 1, items: 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c.items, c.top);
      expect(r.groups.map((g) => g.key)).toEqual(c.groups);
      expect(r.other ? { keys: r.other.keys, total: r.other.total, items: r.other.items } : null).toEqual(c.other);
    });
  }

  it('defaults to eight groups', () => {
    const items = Array.from({ length: 20 }, (_, i) => item(String(i), [`g${String(i).padStart(2, '0')}`], i));
    const r = topGroupsWithOther(items, (x) => x.groups, sum, (s) => s);
    expect(DEFAULT_TOP_GROUPS).toBe(8);
    expect(r.groups).toHaveLength(8);
    expect(r.groups[0]?.key).toBe('g19');
    expect(r.other?.keys).toHaveLength(12);
    expect(r.other?.total).toBe(sum(items.slice(0, 12)));
  });
});

describe('trendSeries split by organisation', () => {
  // Twelve organisations, one document each in 2020 and 2021; organisation k has k occurrences of
  // 两个维护 per document, and documents of different lengths, so a mean of rates would differ from
  // the rate of the documents together.
  const facets: DocFacet[] = [];
  const analyses: DocAnalysis[] = [];
  for (let k = 1; k <= 12; k++) {
    for (const year of [2020, 2021]) {
      const docId = `${k}-${year}`;
      const chars = 1000 * (13 - k);
      facets.push({ docId, title: docId, org: `机构${String(k).padStart(2, '0')}`, year, docType: '报告', date: '' });
      analyses.push({
        docId,
        version: 't',
        chars,
        terms: [],
        formulations: [{ text: '两个维护', kind: 'lexicon', count: k, category: 'slogan' }],
        outline: [],
        stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: chars },
      });
    }
  }
  // A document without an organisation: in no series of the split.
  facets.push({ docId: 'x', title: 'x', org: '', year: 2020, docType: '报告', date: '' });
  analyses.push({ ...analyses[0]!, docId: 'x', formulations: [{ text: '两个维护', kind: 'lexicon', count: 50, category: 'slogan' }] });
  const docs: AnalysedDoc[] = facets.map((facet, i) => ({ facet, analysis: analyses[i]! }));

  it('draws the eight organisations with most occurrences and one other series', () => {
    const { series } = trendSeries(docs, ['两个维护'], 'per10k', true);
    expect(MAX_SPLIT_ORGS).toBe(8);
    expect(series.map((s) => s.org)).toEqual(['机构12', '机构11', '机构10', '机构09', '机构08', '机构07', '机构06', '机构05', OTHER_ORGS]);
    const other = series.at(-1)!;
    expect(other.others).toEqual(['机构04', '机构03', '机构02', '机构01']);
  });

  it('counts other over its documents together: summed counts per summed characters', () => {
    const { series } = trendSeries(docs, ['两个维护'], 'per10k', true);
    const p2020 = series.at(-1)!.points.find((p) => p.year === 2020)!;
    // Organisations 1–4: counts 1+2+3+4 = 10 in 12,000+11,000+10,000+9,000 = 42,000 characters.
    expect(p2020.count).toBe(10);
    expect(p2020.chars).toBe(42_000);
    expect(p2020.yearDocs).toBe(4);
    // per 10k as the CSV rounds it (three decimals)
    expect(p2020.value).toBeCloseTo((10 * 10_000) / 42_000, 3);
    const meanOfRates = [1, 2, 3, 4].reduce((a, k) => a + (k * 10_000) / (1000 * (13 - k)), 0) / 4;
    expect(Math.abs((p2020.value ?? 0) - meanOfRates)).toBeGreaterThan(0.1);
    const share = trendSeries(docs, ['两个维护'], 'share', true).series.at(-1)!.points[0]!;
    expect(share.docs).toBe(4);
    expect(share.value).toBe(1);
  });

  it('ranks by occurrences of the chosen terms, not by number of documents', () => {
    // 机构01 gets many documents without the term: still last by occurrences.
    const extra: AnalysedDoc[] = Array.from({ length: 5 }, (_, i) => ({
      facet: { docId: `e${i}`, title: '', org: '机构01', year: 2020, docType: '', date: '' },
      analysis: { ...analyses[0]!, docId: `e${i}`, formulations: [] },
    }));
    const { series } = trendSeries([...docs, ...extra], ['两个维护'], 'per10k', true);
    expect(series.at(-1)!.others?.includes('机构01')).toBe(true);
  });

  it('eight organisations or fewer: no other series', () => {
    const few = docs.filter((d) => ['机构01', '机构02', '机构03'].includes(d.facet.org));
    const { series } = trendSeries(few, ['两个维护', '四个意识'], 'per10k', true);
    expect(series.some((s) => s.org === OTHER_ORGS)).toBe(false);
    expect(series).toHaveLength(6);
  });
});
