import { describe, expect, it } from 'vitest';
import {
  documentsTable,
  MIN_NGRAM_COUNT,
  ngramsTable,
  perTenThousand,
  slogansTable,
  structureTable,
  termsTable,
  trendYear,
  trendsTable,
} from '../../analysis/tables';
import { tfidf } from '../../analysis/aggregate';
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import { at } from '../helpers/at';

function analysis(docId: string, chars: number, over: Partial<DocAnalysis> = {}): DocAnalysis {
  return {
    docId,
    version: 'test',
    chars,
    terms: [],
    formulations: [],
    outline: [],
    stats: { chars, paragraphs: 0, sentences: 0, meanSentenceLength: 0 },
    ...over,
  };
}

function facet(docId: string, year: number | null, over: Partial<DocFacet> = {}): DocFacet {
  return { docId, title: `T-${docId}`, org: 'O', year, docType: '工作要点', date: '', ...over };
}

describe('published headers', () => {
  it('documents starts with the nine published columns', () => {
    expect(documentsTable([]).header.slice(0, 9).join(',')).toBe(
      'id,title,org,doc_number,date,year,doc_type,chars,source',
    );
    // How the year was found, the author, the publication and the duplicate follow every earlier column.
    expect(documentsTable([]).header.slice(-4).join(',')).toBe('year_source,author,publication,duplicate_of');
  });
  it.each([
    ['terms', termsTable([]).header, 'doc_id,term,count,per_10k,docs,tfidf'],
    ['slogans', slogansTable([]).header, 'doc_id,slogan,kind,count'],
    ['structure', structureTable([]).header, 'doc_id,level,marker,heading'],
    ['trends', trendsTable([], [], { lexicon: [] }).header, 'year,term,count,per_10k,docs'],
    ['ngrams', ngramsTable([]).header, 'doc_id,ngram,words,count,per_10k,docs'],
  ])('%s', (_name, header, expected) => {
    const n = expected.split(',').length;
    expect(header.slice(0, n).join(',')).toBe(expected);
  });
});

describe('perTenThousand', () => {
  it('rates per 10,000 characters, rounded to three places', () => {
    expect(perTenThousand(2, 5000)).toBe(4);
    expect(perTenThousand(1, 30000)).toBe(0.333);
    expect(perTenThousand(1, 1_120_000)).toBe(0.009);
  });
  it('is null without text rather than NaN or Infinity', () => {
    expect(perTenThousand(0, 0)).toBeNull();
    expect(perTenThousand(3, 0)).toBeNull();
  });
});

describe('documentsTable', () => {
  it('fills each column from facet, analysis, doc number and source', () => {
    const a = analysis('d1', 4000, {
      stats: { chars: 4000, paragraphs: 12, sentences: 80, meanSentenceLength: 49.987 },
      outline: [{ level: 1, marker: '一、', text: 'x', offset: 0 }],
    });
    const f = facet('d1', 2024, { title: '2024年党建工作要点', org: '社会事业局', date: '2024-03-01' });
    const { rows } = documentsTable([
      { facet: f, analysis: a, docNumber: '常经社委〔2024〕4号', source: 'in/a.txt', url: 'https://example.gov.cn/a.html', yearSource: 'title', author: '徐明远', publication: '人民日报 09版' },
    ]);
    expect(rows).toEqual([
      ['d1', '2024年党建工作要点', '社会事业局', '常经社委〔2024〕4号', '2024-03-01', 2024, '工作要点', 4000, 'in/a.txt', 12, 80, 50, 1, 'https://example.gov.cn/a.html', 'title', '徐明远', '人民日报 09版', ''],
    ]);
  });
  it('leaves unknown values empty (null), not zero', () => {
    const { rows } = documentsTable([{ facet: facet('d2', null) }]);
    expect(rows[0]).toEqual(['d2', 'T-d2', 'O', '', '', null, '工作要点', null, '', null, null, null, null, '', '', '', '', '']);
  });
});

describe('per-document tables', () => {
  const a = analysis('d1', 5000, {
    terms: [['三会一课', 2], ['__proto__', 1], ['constructor', 1]],
    formulations: [
      { text: '三会一课', kind: 'lexicon', count: 2, category: 'institution' },
      { text: '红旗领航', kind: 'quoted', count: 1 },
    ],
    outline: [
      { level: 1, marker: '一、', text: '强化政治引领', offset: 10 },
      { level: 2, marker: '1.', text: '突出抓好政治建设', offset: 30 },
    ],
  });
  const b = analysis('d2', 0);

  it('terms: one row per term with its rate, document frequency and TF-IDF', () => {
    // d1 has 4 counted terms; each term is in 1 of the 2 documents: tfidf = count/4 × ln 2.
    expect(termsTable([a, b]).rows).toEqual([
      ['d1', '三会一课', 2, 4, 1, 0.346574],
      ['d1', '__proto__', 1, 2, 1, 0.173287],
      ['d1', 'constructor', 1, 2, 1, 0.173287],
    ]);
  });
  it('terms: docs counts the documents of the run with the term; tfidf is 0 for a term all have', () => {
    const x = analysis('x', 100, { terms: [['党建', 3], ['constructor', 1]] });
    const y = analysis('y', 100, { terms: [['党建', 1], ['红旗', 1]] });
    const z = analysis('z', 100, { terms: [['党建', 2], ['红旗', 2], ['toString', 4]] });
    const rows = termsTable([x, y, z]).rows;
    const cell = (doc: string, term: string) => rows.find((r) => r[0] === doc && r[1] === term)!;
    expect(cell('x', '党建').slice(4)).toEqual([3, 0]);
    expect(cell('y', '红旗').slice(4)).toEqual([2, Math.round(0.5 * Math.log(3 / 2) * 1e6) / 1e6]);
    expect(cell('z', 'toString').slice(4)).toEqual([1, Math.round((4 / 8) * Math.log(3) * 1e6) / 1e6]);
    expect(cell('x', 'constructor').slice(4)).toEqual([1, Math.round(0.25 * Math.log(3) * 1e6) / 1e6]);
    // One document alone: every term is in all documents, nothing stands out.
    expect(termsTable([x]).rows.map((r) => r[5])).toEqual([0, 0]);
  });
  it('terms: agrees with the dashboard\'s tfidf ranking numbers', () => {
    const x = analysis('x', 100, { terms: [['党建', 3], ['监督', 1]] });
    const y = analysis('y', 100, { terms: [['党建', 1], ['红旗', 1]] });
    const table = termsTable([x, y]).rows;
    for (const r of tfidf([x, y], { perDoc: 10 })) {
      const row = table.find((t) => t[0] === r.docId && t[1] === r.term)!;
      expect(row[5]).toBeCloseTo(r.tfidf, 6);
    }
  });
  it('slogans: one row per formulation, category empty when none', () => {
    expect(slogansTable([a, b]).rows).toEqual([
      // occurrences (new last column) = count when the hit carries no separate total.
      ['d1', '三会一课', 'lexicon', 2, 'institution', 2],
      ['d1', '红旗领航', 'quoted', 1, '', 1],
    ]);
  });
  it('structure: level, marker, heading text, offset', () => {
    expect(structureTable([a, b]).rows).toEqual([
      ['d1', 1, '一、', '强化政治引领', 10],
      ['d1', 2, '1.', '突出抓好政治建设', 30],
    ]);
  });
});

describe('trendYear', () => {
  it('prefers the year a document is about, then its date', () => {
    expect(trendYear(facet('x', 2024, { date: '2023-12-30' }))).toBe(2024);
    expect(trendYear(facet('x', null, { date: '2019-03-05' }))).toBe(2019);
    expect(trendYear(facet('x', null))).toBeNull();
  });
});

describe('trendsTable', () => {
  const facets = [facet('a', 2018), facet('b', 2019), facet('c', 2019), facet('n', null)];
  const analyses = [
    analysis('a', 10_000, { terms: [['发展', 5], ['改革', 1]] }),
    analysis('b', 20_000, {
      terms: [['发展', 3], ['两个维护', 2], ['改革', 4]],
      formulations: [{ text: '两个维护', kind: 'lexicon', count: 2 }],
    }),
    analysis('c', 20_000, {
      terms: [['发展', 1]],
      formulations: [
        { text: '两个维护', kind: 'lexicon', count: 1 },
        { text: '两个维护', kind: 'numbered', count: 1 },
      ],
    }),
    // No year: must not count anywhere.
    analysis('n', 1_000, { terms: [['发展', 100]], formulations: [{ text: '两个维护', kind: 'lexicon', count: 9 }] }),
  ];

  it('has a row for each lexicon entry and top term in every year, zeros included', () => {
    const { rows } = trendsTable(facets, analyses, { lexicon: ['两个维护', '三会一课'], top: 2 });
    expect(rows).toEqual([
      [2018, '两个维护', 0, 0, 0, 'lexicon'],
      [2018, '三会一课', 0, 0, 0, 'lexicon'],
      [2018, '发展', 5, 5, 1, 'term'],
      [2018, '改革', 1, 1, 1, 'term'],
      [2019, '两个维护', 3, 0.75, 2, 'lexicon'],
      [2019, '三会一课', 0, 0, 0, 'lexicon'],
      [2019, '发展', 4, 1, 2, 'term'],
      [2019, '改革', 4, 1, 1, 'term'],
    ]);
  });

  it('ranks top terms by total count and leaves lexicon entries to their own rows', () => {
    const { rows } = trendsTable(facets, analyses, { lexicon: ['两个维护'], top: 1 });
    const terms = new Set(rows.map((r) => r[1]));
    expect([...terms]).toEqual(['两个维护', '发展']);
  });

  it('is empty when no document has a year', () => {
    expect(trendsTable([facet('n', null)], [at(analyses, 3)], { lexicon: ['两个维护'] }).rows).toEqual([]);
  });
});

describe('ngramsTable', () => {
  it('keeps n-grams repeated in a document; docs counts documents where the n-gram is repeated', () => {
    expect(MIN_NGRAM_COUNT).toBe(2);
    const rows = ngramsTable([
      { docId: 'x', chars: 5000, ngrams: [['深化改革', 2, 3], ['扩大开放', 2, 1], ['__proto__constructor', 2, 2], ['全面深化改革', 3, 2]] },
      { docId: 'y', chars: 0, ngrams: [['深化改革', 2, 2], ['扩大开放', 2, 5]] },
      { docId: 'z', chars: 100, ngrams: [['深化改革', 2, 1]] },
    ]).rows;
    expect(rows).toEqual([
      ['x', '深化改革', 2, 3, 6, 2],
      ['x', '__proto__constructor', 2, 2, 4, 1],
      ['x', '全面深化改革', 3, 2, 4, 1],
      ['y', '深化改革', 2, 2, null, 2],
      ['y', '扩大开放', 2, 5, null, 1],
    ]);
    expect(ngramsTable([{ docId: 'e', chars: 0, ngrams: [] }]).rows).toEqual([]);
  });
});
