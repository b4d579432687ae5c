// The dashboard's address parser takes ANY string: a malformed hash (bad percent-encoding, an
// unknown page, a year that is no year, repeated or unknown keys, a pasted megabyte) reads as a
// valid route and filter state with the odd parts named, and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUTE,
  formatHash,
  MAX_HASH_CHARS,
  MAX_VALUE_CHARS,
  MAX_VALUES,
  readHash,
  ROUTES,
  type UrlState,
} from '../../components/dashboard/filters';

/** Everything a state must be for the dashboard to render it. */
function stateProblems(s: UrlState): string[] {
  const out: string[] = [];
  if (!(ROUTES as readonly string[]).includes(s.route)) out.push(`route ${s.route}`);
  const f = s.filters;
  for (const y of [f.yearFrom, f.yearTo]) if (y !== null && !(Number.isInteger(y) && y >= 0 && y <= 9999)) out.push(`year ${y}`);
  if (f.yearFrom !== null && f.yearTo !== null && f.yearFrom > f.yearTo) out.push('years reversed');
  for (const list of [f.orgs, f.types, f.tags]) {
    if (!Array.isArray(list) || list.length > MAX_VALUES) out.push('list size');
    for (const v of list) if (typeof v !== 'string' || v.trim() !== v || v === '' || v.length > MAX_VALUE_CHARS) out.push(`list value ${v}`);
    if (new Set(list).size !== list.length) out.push('duplicate list value');
  }
  if (typeof f.q !== 'string' || f.q.length > MAX_VALUE_CHARS) out.push('q');
  if (!(s.params instanceof Map) || s.params.size > MAX_VALUES) out.push('params');
  for (const [k, v] of s.params) if (typeof k !== 'string' || k === '' || typeof v !== 'string' || v.length > MAX_VALUE_CHARS) out.push(`param ${k}`);
  return out;
}

/** Pieces a hostile or broken address is made of: real keys, stray `%`, cut UTF-8, huge numbers, brackets. */
const PIECES = [
  '#', '/', '?', '&', '=', '+', '%', '%E0', '%E0%A4%A', '%ZZ', '%C3%28', '%F0%9F%98', '%2', '%25', '%00', '%EF%BF%BD',
  'terms', 'library', 'settings', 'nowhere', '__proto__', 'constructor',
  'from=', 'to=', 'org=', 'type=', 'tag=', 'q=', 'v.', 'v.terms.n=', 'v.library.doc=', 'org[]=', 'from[0]=',
  '2018', '99999999999999999999', '-1', '1e9', 'NaN', '0x7e0', ' 2024 ', '国务院', '两个确立', '\u0000', '\uD800', '😀',
];
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 }));
const pieces = (max: number) => fc.array(piece, { maxLength: max }).map((a) => a.join(''));
const hashLike = pieces(60);
/** Shaped like a real address (`#/route?key=value&…`) with every part drawn from the pieces. */
const addressLike = fc
  .tuple(fc.constantFrom('#/', '#', '/', ''), pieces(3), fc.array(fc.tuple(pieces(2), pieces(3)), { maxLength: 8 }))
  .map(([mark, route, pairs]) => `${mark}${route}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), hashLike, addressLike);

describe('hash parser, any string', () => {
  it('never throws and always gives a valid route and filter state', () => {
    fc.assert(
      fc.property(anyString, (hash) => {
        const r = readHash(hash);
        expect(stateProblems(r.state)).toEqual([]);
        expect(Array.isArray(r.problems)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('what it shows, written back, reads again the same and clean', () => {
    fc.assert(
      fc.property(anyString, (hash) => {
        const { state } = readHash(hash);
        const again = readHash(formatHash(state));
        expect(again.problems).toEqual([]);
        expect(again.state.route).toBe(state.route);
        expect(again.state.filters).toEqual(state.filters);
        expect([...again.state.params]).toEqual([...state.params]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a megabyte of hostile address reads, cut, with a notice', () => {
    const huge = `#/terms?q=${'%E0%A4%A'.repeat(131_072)}`;
    const r = readHash(huge);
    expect(r.state.route).toBe('terms');
    expect(r.problems).toContain('length');
    const longQ = readHash(`#/terms?q=${'字'.repeat(MAX_HASH_CHARS - 20)}`);
    expect(longQ.state.filters.q).toHaveLength(MAX_VALUE_CHARS);
    expect(longQ.problems).toEqual(['q']);
  });
});

describe('hash parser, named cases', () => {
  const cases: [name: string, hash: string, expected: { route: string; problems: string[]; from?: number | null; q?: string; orgs?: string[]; doc?: string }][] = [
    ['a cut UTF-8 sequence in a year', '#/terms?from=%E0%A4%A', { route: 'terms', problems: ['from'], from: null }],
    ['bad percent-encoding in the page name', '#/%E0%A4%A', { route: DEFAULT_ROUTE, problems: ['route'] }],
    ['a stray percent sign in the page name', '#/terms%', { route: DEFAULT_ROUTE, problems: ['route'] }],
    ['an unknown page', '#/nowhere?from=2018', { route: DEFAULT_ROUTE, problems: ['route'], from: 2018 }],
    ['a year too big to be one', '#/trends?from=99999999999999999999', { route: 'trends', problems: ['from'], from: null }],
    ['a year written as a float', '#/trends?from=2018.5', { route: 'trends', problems: ['from'], from: null }],
    ['a year given twice: the first is kept', '#/trends?from=2018&from=2020', { route: 'trends', problems: ['from'], from: 2018 }],
    ['a search given as an array', '#/terms?q=a&q=b', { route: 'terms', problems: ['q'], q: 'a' }],
    ['bracketed array keys are unknown keys', '#/terms?org[]=甲&org=乙', { route: 'terms', problems: ['org[]'], orgs: ['乙'] }],
    ['a bad value drops only its own pair', '#/terms?org=%E0&org=国务院', { route: 'terms', problems: ['org'], orgs: ['国务院'] }],
    ['a view parameter twice: the first is kept', '#/library?v.library.doc=1&v.library.doc=2', { route: 'library', problems: ['v.library.doc'], doc: '1' }],
    ['a clean address has no problems', '#/terms?from=2018&org=%E5%9B%BD%E5%8A%A1%E9%99%A2&q=a+b', { route: 'terms', problems: [], from: 2018, orgs: ['国务院'], q: 'a b' }],
    ['empty', '', { route: DEFAULT_ROUTE, problems: [] }],
    ['only the marks', '#/?', { route: DEFAULT_ROUTE, problems: [] }],
    ['a lone surrogate reads as U+FFFD', '#/terms?q=a\uD800b', { route: 'terms', problems: [], q: 'a\uFFFDb' }],
  ];
  for (const [name, hash, want] of cases) {
    it(name, () => {
      const r = readHash(hash);
      expect(r.state.route).toBe(want.route);
      expect(r.problems).toEqual(want.problems);
      if ('from' in want) expect(r.state.filters.yearFrom).toBe(want.from);
      if (want.q !== undefined) expect(r.state.filters.q).toBe(want.q);
      if (want.orgs) expect(r.state.filters.orgs).toEqual(want.orgs);
      if (want.doc !== undefined) expect(r.state.params.get('library.doc')).toBe(want.doc);
    });
  }
});
