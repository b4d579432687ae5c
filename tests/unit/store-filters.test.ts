import { describe, expect, it } from 'vitest';
import {
  applyFilters,
  EMPTY_FILTERS,
  facetOptions,
  formatHash,
  parseHash,
  type FilterableDoc,
  type UrlState,
} from '../../components/dashboard/filters';
import { createHighlighter } from '../../components/library/highlight';

function doc(p: Partial<FilterableDoc> & { docId: string }): FilterableDoc {
  const base = { title: '', org: '', orgs: [], year: null, docType: '', date: '', tags: [], docNumber: '', haystack: '' };
  const d = { ...base, ...p };
  return { ...d, haystack: p.haystack ?? [d.title, ...d.orgs, d.docNumber, ...d.tags].join('\n').toLowerCase() };
}

describe('URL hash round trip', () => {
  const cases: [string, UrlState][] = [
    ['bare route', { route: 'terms', filters: EMPTY_FILTERS, params: new Map() }],
    [
      'every filter, Chinese values, reserved characters',
      {
        route: 'trends',
        filters: { yearFrom: 2018, yearTo: 2024, orgs: ['国务院', 'A&B=C'], types: ['政府工作报告'], tags: ['读书 会', '#1?'], q: '“两个确立”' },
        params: new Map([
          ['trends.terms', '两个确立,两个维护'],
          ['library.doc', '12'],
        ]),
      },
    ],
    ['prototype-looking keys stay data', { route: 'compare', filters: { ...EMPTY_FILTERS, orgs: ['__proto__', 'constructor'] }, params: new Map([['compare.__proto__', 'x']]) }],
  ];
  for (const [name, state] of cases) {
    it(name, () => {
      const back = parseHash(formatHash(state));
      expect(back.route).toBe(state.route);
      expect(back.filters).toEqual(state.filters);
      expect([...back.params]).toEqual([...state.params]);
    });
  }

  it('a bare route leaves no query', () => {
    expect(formatHash({ route: 'library', filters: EMPTY_FILTERS, params: new Map() })).toBe('#/library');
  });

  it('unknown route and junk fall back safely', () => {
    const s = parseHash('#/nope?from=abc&to=20244&org=&org=%20国务院%20&org=国务院');
    expect(s.route).toBe('library');
    expect(s.filters.yearFrom).toBeNull();
    expect(s.filters.yearTo).toBeNull();
    expect(s.filters.orgs).toEqual(['国务院']);
    expect(parseHash('').route).toBe('library');
  });

  it('swaps an inverted year range', () => {
    const s = parseHash('#/terms?from=2024&to=2018');
    expect([s.filters.yearFrom, s.filters.yearTo]).toEqual([2018, 2024]);
  });
});

describe('applyFilters', () => {
  const docs = [
    doc({ docId: '1', title: '2024年政府工作报告', orgs: ['国务院'], year: 2024, docType: '政府工作报告', tags: ['nat'] }),
    doc({ docId: '2', title: '党建工作要点', orgs: ['市委组织部', '市教育局'], year: 2020, docType: '工作要点' }),
    doc({ docId: '3', title: '无年份的通知', orgs: [], year: null, docType: '通知', tags: ['x'] }),
  ];
  const ids = (f: Partial<typeof EMPTY_FILTERS>, inText?: (d: FilterableDoc) => boolean) =>
    applyFilters(docs, { ...EMPTY_FILTERS, ...f }, inText).map((d) => d.docId);

  it('no filter keeps everything', () => expect(ids({})).toEqual(['1', '2', '3']));
  it('year bounds are inclusive and drop unknown years', () => {
    expect(ids({ yearFrom: 2020 })).toEqual(['1', '2']);
    expect(ids({ yearTo: 2020 })).toEqual(['2']);
    expect(ids({ yearFrom: 2021, yearTo: 2023 })).toEqual([]);
  });
  it('organisations match any named issuer', () => expect(ids({ orgs: ['市教育局'] })).toEqual(['2']));
  it('types and tags', () => {
    expect(ids({ types: ['通知', '工作要点'] })).toEqual(['2', '3']);
    expect(ids({ tags: ['x'] })).toEqual(['3']);
  });
  it('free text looks in metadata, case-insensitively, then asks whether the text holds it', () => {
    expect(ids({ q: '要点' })).toEqual(['2']);
    expect(ids({ q: 'NAT' })).toEqual(['1']);
    expect(ids({ q: '两个确立' }, (d) => d.docId === '3')).toEqual(['3']);
    expect(ids({ q: '两个确立' })).toEqual([]);
  });
});

describe('facet options', () => {
  it('counts values with Map-safe keys and finds the year span', () => {
    const o = facetOptions([
      doc({ docId: '1', orgs: ['constructor'], year: 1956, docType: '报告' }),
      doc({ docId: '2', orgs: ['constructor', '__proto__'], year: 2025, docType: '报告' }),
      doc({ docId: '3', year: null, docType: '' }),
    ]);
    expect(o.yearMin).toBe(1956);
    expect(o.yearMax).toBe(2025);
    expect(o.orgs).toEqual([
      ['constructor', 2],
      ['__proto__', 1],
    ]);
    expect(o.types).toEqual([['报告', 2]]);
    expect(facetOptions([]).yearMin).toBeNull();
  });
});

describe('reader highlighting', () => {
  const h = createHighlighter([
    { term: '中国特色社会主义', category: 'theory', aliases: [] },
    { term: '习近平新时代中国特色社会主义思想', category: 'theory', aliases: ['新时代中国特色社会主义思想'] },
    { term: '两个维护', category: 'slogan', aliases: ['“两个维护”'] },
    { term: '党', category: 'x', aliases: [] },
  ]);
  it('prefers the longest form and reports aliases under their entry', () => {
    const segs = h.split('以习近平新时代中国特色社会主义思想为指导，坚持中国特色社会主义，做到“两个维护”。');
    expect(segs.filter((s) => s.term).map((s) => [s.text, s.term])).toEqual([
      ['习近平新时代中国特色社会主义思想', '习近平新时代中国特色社会主义思想'],
      ['中国特色社会主义', '中国特色社会主义'],
      ['“两个维护”', '两个维护'],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe('以习近平新时代中国特色社会主义思想为指导，坚持中国特色社会主义，做到“两个维护”。');
  });
  it('treats markup-looking text as text and handles empty input', () => {
    expect(h.split('<img src=x onerror=alert(1)>两个维护')).toEqual([
      { text: '<img src=x onerror=alert(1)>' },
      { text: '两个维护', term: '两个维护', category: 'slogan' },
    ]);
    expect(h.split('')).toEqual([]);
    expect(createHighlighter([]).split('abc')).toEqual([{ text: 'abc' }]);
  });
});
