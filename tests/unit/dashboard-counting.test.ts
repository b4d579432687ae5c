// Issue 8, dashboard side: a typed phrase in Trends counts its occurrences in the texts (no
// dictionary entry), a joint document counts for each of its issuers, every view can say which
// documents of the filter it left out and why, and duplicates are found over the library.
import { describe, expect, it } from 'vitest';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { issuers, orgsByDocs, trendSeries, type AnalysedDoc } from '../../analysis/corpus';
import { coverage, leftOutKey, leftOutReason, parseLeftOutKey } from '../../analysis/aggregate';
import { countPhrase } from '../../analysis/counting';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { runTextQuery } from '../../analysis/queries';

function analysis(docId: string, chars: number, formulations: DocAnalysis['formulations'] = [], terms: [string, number][] = []): DocAnalysis {
  return { docId, version: 't', chars, terms, formulations, outline: [], stats: { chars, paragraphs: 1, sentences: 1, meanSentenceLength: chars } };
}
const facet = (docId: string, org: string, year: number | null, date = ''): DocFacet => ({ docId, title: `doc ${docId}`, org, year, docType: '', date });

const TEXTS: Record<string, string> = {
  a: '推进政务公开。政务\n公开要深化，“政务公开”也要落实。两个维护。',
  b: '政務公開工作。政务公开政务公开。',
  c: '没有这个短语，但有两个维护。',
  d: '政务公开，但没有年份。',
};
const DOCS: AnalysedDoc[] = [
  { facet: facet('a', '甲市委', 2019), analysis: analysis('a', 100, [{ text: '两个维护', kind: 'lexicon', count: 1 }], [['政务', 3]]) },
  // A joint document: counts for 甲市委 and for 乙局.
  { facet: facet('b', '乙局；甲市委', 2020), analysis: analysis('b', 100) },
  { facet: facet('c', '', 2020), analysis: analysis('c', 50, [{ text: '两个维护', kind: 'lexicon', count: 1 }]) },
  // No year in the facet and none in the date: in no series.
  { facet: facet('d', '乙局', null), analysis: analysis('d', 50) },
];
const src = { readText: (id: string) => Promise.resolve(TEXTS[id] ?? '') };
const occurrences = (id: string, phrase: string) => countPhrase(normalizeForAnalysis(TEXTS[id] ?? ''), phrase);

describe('phraseTrendSeries: a typed phrase with no dictionary entry in Trends', () => {
  it('counts the phrase as occurrences in the texts and the lexicon entry from the analyses', async () => {
    const res = await runTextQuery('phraseTrendSeries', [DOCS], { terms: ['两个维护', '政务公开'], phrases: ['政务公开'], measure: 'per10k', split: false }, src);
    expect(res.years).toEqual([2019, 2020]);
    const phrase = res.series.find((s) => s.term === '政务公开')!;
    // Traditional characters, a line break and quote marks inside are the same phrase; d has no year.
    expect(occurrences('a', '政务公开')).toBe(3);
    expect(occurrences('b', '政务公开')).toBe(3);
    expect(phrase.points.map((p) => p.count)).toEqual([3, 3]);
    expect(phrase.points.map((p) => p.docs)).toEqual([1, 1]);
    // per 10k over that year's length: 3 in 100 chars (2019); 3 in 150 chars (2020).
    expect(phrase.points.map((p) => p.value)).toEqual([300, 200]);
    // The token count of 政务 (3) never stands in for a phrase.
    const lexicon = res.series.find((s) => s.term === '两个维护')!;
    expect(lexicon.points.map((p) => p.count)).toEqual([1, 1]);
  });

  it('gives the same numbers as trendSeries for lexicon terms, and zero (not a missing line) for an absent phrase', async () => {
    const res = await runTextQuery('phraseTrendSeries', [DOCS], { terms: ['两个维护', '不存在的短语'], phrases: ['不存在的短语'], measure: 'share', split: false }, src);
    const plain = trendSeries(DOCS, ['两个维护'], 'share', false);
    expect(res.series[0]).toEqual(plain.series[0]);
    expect(res.series[1]!.points.map((p) => p.count)).toEqual([0, 0]);
  });

  it('split by organisation counts a joint document for each of its issuers, and leaves out documents without one', async () => {
    const res = await runTextQuery('phraseTrendSeries', [DOCS], { terms: ['政务公开'], phrases: ['政务公开'], measure: 'per10k', split: true }, src);
    const byOrg = new Map(res.series.map((s) => [s.org, s.points.map((p) => p.count)]));
    expect([...byOrg.keys()].sort()).toEqual(['乙局', '甲市委']);
    expect(byOrg.get('甲市委')).toEqual([3, 3]);
    expect(byOrg.get('乙局')).toEqual([0, 3]);
  });
});

describe('joint issuers', () => {
  it('issuers splits the facet on the one separator; orgsByDocs counts a joint document for each', () => {
    expect(issuers(facet('x', '乙局；甲市委', 2020))).toEqual(['乙局', '甲市委']);
    expect(orgsByDocs(DOCS)).toEqual([
      ['乙局', 2],
      ['甲市委', 2],
      ['', 1],
    ]);
  });
});

describe('documents left out of a view', () => {
  const facets = [facet('1', '甲', 2020), facet('2', '', 2020), facet('3', '甲', null, '2021-05-01'), facet('4', '', null), facet('5', '甲', 2021), facet('6', '乙', 2021)];
  const rules = { yearOf: (f: DocFacet) => f.year ?? (/^\d{4}/.test(f.date) ? Number(f.date.slice(0, 4)) : null), analysed: new Set(['1', '2', '3', '4', '5']), duplicates: new Map([['5', '1']]) };

  it('a view over years leaves out documents without a year; by organisation, those without one too; each under one reason', () => {
    const years = coverage(facets, { ...rules, needsYear: true });
    expect(years).toEqual({ inFilter: 6, shown: 3, leftOut: { duplicate: ['5'], notAnalysed: ['6'], noYear: ['4'], noOrg: [] } });
    const split = coverage(facets, { ...rules, needsYear: true, needsOrg: true });
    expect(split.shown).toBe(2);
    expect(split.leftOut.noOrg).toEqual(['2']);
    // The date gives document 3 its year; a view that needs nothing counts every analysed non-duplicate.
    expect(coverage(facets, rules).shown).toBe(4);
  });

  it('the link key names the reason and the needs, so the Library lists exactly the same documents', () => {
    const key = leftOutKey('noOrg', { needsYear: true, needsOrg: true });
    expect(key).toBe('noOrg.year.org');
    const parsed = parseLeftOutKey(key)!;
    const listed = facets.filter((f) => leftOutReason(f, { ...rules, ...parsed }) === parsed.reason).map((f) => f.docId);
    expect(listed).toEqual(coverage(facets, { ...rules, needsYear: true, needsOrg: true }).leftOut.noOrg);
    expect(parseLeftOutKey('noYear.colour')).toBeNull();
    expect(parseLeftOutKey('__proto__')).toBeNull();
    expect(parseLeftOutKey(null)).toBeNull();
  });
});

describe('duplicates text query', () => {
  it('finds a copy and a near copy among every document (analysed or not), reads only new texts, and reuses its answer', async () => {
    const body = Array.from({ length: 300 }, (_, i) => `第${i}项：各级政府要推进政务公开${i % 7}次`).join('。');
    const texts: Record<string, string> = { p: body, q: `${body}\n`, r: `${body}本市补充一句。`, s: '完全不同的一篇短文，讲别的事情。'.repeat(20) };
    // Documents, not analyses: none of them has been analysed yet.
    const docs = ['p', 'q', 'r', 's'].map((docId) => ({ docId, textHash: `h-${docId}` }));
    const reads: string[] = [];
    const source = { readText: (id: string) => (reads.push(id), Promise.resolve(texts[id] ?? '')) };
    const found = await runTextQuery('duplicates', [], { docs }, source);
    expect(found.map((m) => [m.docId, m.duplicateOf, m.kind])).toEqual([
      ['q', 'p', 'identical'],
      ['r', 'p', 'near'],
    ]);
    expect(reads).toEqual(['p', 'q', 'r', 's']);
    expect(await runTextQuery('duplicates', [], { docs: docs.map((d) => ({ ...d })) }, source)).toBe(found);
    expect(reads).toHaveLength(4);
    // A copy of s added, and s's text edited into another copy of p: only those two texts are read again.
    texts.t = texts.s!;
    texts.s = `${body}。`;
    const next = await runTextQuery('duplicates', [], { docs: [...docs.slice(0, 3), { docId: 's', textHash: 'h-s2' }, { docId: 't', textHash: 'h-t' }] }, source);
    expect(reads.slice(4)).toEqual(['s', 't']);
    expect(next.map((m) => [m.docId, m.duplicateOf])).toEqual([
      ['q', 'p'],
      ['r', 'p'],
      ['s', 'p'],
    ]);
  });
});
