// Packed term counts (analysis/packed-terms): what the aggregation worker holds instead of the
// stored [term, count] lists. The sums must not see the difference: every query the views ask gives
// the same answer over packed analyses as over the stored ones, on real documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../analysis/analyze';
import type { AnalysedDoc } from '../../analysis/corpus';
import { packTerms, PackedTerms, termLookup, totalOfTerms, unpackTerms, Vocabulary } from '../../analysis/packed-terms';
import { runQuery, type QueryArgs, type QueryKind } from '../../analysis/queries';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { createTestContext } from '../helpers/segmenter';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('packTerms / unpackTerms', () => {
  it('give back the same pairs in the same order, over one vocabulary shared by documents', () => {
    const v = new Vocabulary();
    const a: [string, number][] = [['发展', 12], ['全面从严治党', 3], ['改革', 5]];
    const b: [string, number][] = [['改革', 2], ['开放', 9]];
    const pa = unpackTerms(packTerms(a), v);
    const pb = unpackTerms(packTerms(b), v);
    expect([...pa]).toEqual(a);
    expect([...pb]).toEqual(b);
    expect(pa.length).toBe(3);
    // 改革 is one word of the vocabulary, whichever document named it first.
    expect(v.size).toBe(4);
    expect(pb.ids[0]).toBe(pa.ids[2]);
  });

  it('keeps a term holding a line break, and an empty term, whole (the words are kept as a list)', () => {
    const odd: [string, number][] = [['甲\n乙', 2], ['', 1], ['丙', 4]];
    const pack = packTerms(odd);
    expect(Array.isArray(pack.words)).toBe(true);
    expect([...unpackTerms(pack, new Vocabulary())]).toEqual(odd);
    expect(typeof packTerms([['甲', 1]]).words).toBe('string');
    expect([...unpackTerms(packTerms([]), new Vocabulary())]).toEqual([]);
  });

  it('count, lookup and total agree with the pairs, a term listed twice counting the sum', () => {
    const pairs: [string, number][] = [['乙', 3], ['甲', 2], ['丙', 7], ['甲', 5]];
    const v = new Vocabulary();
    v.intern('别的文件的词');
    const packed = unpackTerms(packTerms(pairs), v);
    for (const t of ['甲', '乙', '丙', '丁', '别的文件的词']) {
      const want = pairs.filter(([w]) => w === t).reduce((s, [, c]) => s + c, 0);
      expect(packed.count(t), t).toBe(want);
      expect(termLookup(packed).get(t) ?? 0, t).toBe(want);
      expect(termLookup(pairs).get(t) ?? 0, t).toBe(want);
    }
    expect(totalOfTerms(packed)).toBe(17);
    expect(totalOfTerms(pairs)).toBe(17);
  });
});

describe('every query over packed analyses', () => {
  const ctx = createTestContext();
  const lines = readFileSync(join(FIXTURES, 'corpus', 'national-reports.jsonl'), 'utf8').split('\n').filter(Boolean);
  const docs: AnalysedDoc[] = lines.map((line, i) => {
    const d = JSON.parse(line) as { title: string; year: number; org?: string; content: string };
    const docId = String(i + 1);
    const facet: DocFacet = { docId, title: d.title, org: i % 3 === 0 ? '中共中央' : '国务院', year: d.year, docType: '', date: '' };
    return { facet, analysis: analyzeDocument({ docId, text: d.content }, ctx) };
  });
  const vocabulary = new Vocabulary();
  const packed: AnalysedDoc[] = docs.map((d) => ({
    facet: d.facet,
    analysis: { ...d.analysis, terms: unpackTerms(packTerms((d.analysis as DocAnalysis).terms), vocabulary) },
  }));
  const half = Math.ceil(docs.length / 2);
  const top = runQuery('topTerms', [docs], { n: 3, measure: 'count' }).map((r) => r.term);
  const lexicon = ctx.lexicon.slice(0, 40);

  const ASKED: [QueryKind, number, unknown][] = [
    ['topTerms', 1, { n: 50, measure: 'count' }],
    ['topTerms', 1, { n: 50, measure: 'docs' }],
    ['topTerms', 1, { n: 50, measure: 'per10k' }],
    ['trendSeries', 1, { terms: [...top, '改革开放', '没有的词'], measure: 'per10k', split: false }],
    ['trendSeries', 1, { terms: top, measure: 'count', split: true }],
    ['defaultTerms', 1, { lexicon }],
    ['trendSuggestions', 1, { lexicon }],
    ['formulationRows', 1, {}],
    ['keyness', 2, { minCount: 5, limit: 200 }],
    ['formulationDiff', 2, {}],
    ['structure', 1, {}],
    ['termsTable', 1, {}],
    ['slogansTable', 1, {}],
    ['trendsTable', 1, { lexicon: lexicon.map((e) => e.term) }],
    ['mentioning', 1, { term: top[0] }],
  ];

  it.each(ASKED.map(([kind, sets, args], i) => [`${i + 1}. ${kind}`, kind, sets, args] as const))('%s', (_label, kind, sets, args) => {
    const over = (all: AnalysedDoc[]) => (sets === 1 ? [all] : [all.slice(0, half), all.slice(half)]);
    const stored = runQuery(kind, over(docs), args as QueryArgs<typeof kind>);
    expect(packed[0]!.analysis.terms).toBeInstanceOf(PackedTerms);
    expect(runQuery(kind, over(packed), args as QueryArgs<typeof kind>)).toEqual(stored);
    // Not an empty answer on both sides.
    expect(JSON.stringify(stored).length).toBeGreaterThan(20);
  });
});
