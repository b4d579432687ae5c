// A typed phrase nobody added to the dictionary is counted by the counting model (countPhrase) on
// the stored texts, per year, in the aggregation worker's text queries.
import { describe, expect, it } from 'vitest';
import type { AnalysedDoc } from '../../analysis/corpus';
import { countPhrase } from '../../analysis/counting';
import { normalizeForAnalysis } from '../../analysis/normalize';
import { runTextQuery } from '../../analysis/queries';

const texts: Record<string, string> = {
  a: '推进政务公开。政务\n公开要深化，“政务公开”也要落实。',
  b: '政務公開工作。',
  c: '没有这个短语。',
  d: '政务公开，但没有年份。',
};
const years: Record<string, number | null> = { a: 2019, b: 2019, c: 2020, d: null };

function doc(id: string): AnalysedDoc {
  return { facet: { docId: id, year: years[id] ?? null }, analysis: {} } as unknown as AnalysedDoc;
}

describe('phraseYears text query', () => {
  it('counts a phrase with no lexicon entry per year as countPhrase does, leaving out documents without a year', async () => {
    const docs = ['a', 'b', 'c', 'd'].map(doc);
    const reads: string[] = [];
    const src = { readText: (id: string) => (reads.push(id), Promise.resolve(texts[id] ?? '')) };
    const rows = await runTextQuery('phraseYears', [docs], { phrase: '政务公开' }, src);
    const expected2019 = countPhrase(normalizeForAnalysis(texts.a ?? ''), '政务公开') + countPhrase(normalizeForAnalysis(texts.b ?? ''), '政务公开');
    expect(expected2019).toBe(4);
    expect(rows).toEqual([
      { year: 2019, count: expected2019, docs: 2 },
      { year: 2020, count: 0, docs: 0 },
    ]);
    // Cached per phrase and document: asking again reads no text.
    const before = reads.length;
    await runTextQuery('phraseYears', [docs], { phrase: '政务公开' }, src);
    expect(reads.length).toBe(before);
  });

  it('an unreadable text counts nothing and does not fail the query', async () => {
    const src = { readText: () => Promise.reject(new Error('gone')) };
    const rows = await runTextQuery('phraseYears', [[doc('a')]], { phrase: '政务公开' }, src);
    expect(rows).toEqual([{ year: 2019, count: 0, docs: 0 }]);
  });
});
