// Dashboard route, filters and view parameters, and their round trip through the page URL's hash,
// so a view can be bookmarked, shared and navigated with back/forward. Pure: no DOM, no signals.
import type { DocFacet } from '../../analysis/types';

/** Every page of the dashboard, in navigation order. */
export const ROUTES = ['library', 'terms', 'trends', 'formulations', 'structure', 'compare', 'settings'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'library';

export interface Filters {
  /** Inclusive year range; null = open end. */
  yearFrom: number | null;
  yearTo: number | null;
  orgs: string[];
  types: string[];
  tags: string[];
  /** Free-text search (title, organisation, 文号, tags, text). */
  q: string;
}

export const EMPTY_FILTERS: Filters = { yearFrom: null, yearTo: null, orgs: [], types: [], tags: [], q: '' };

export interface UrlState {
  route: Route;
  filters: Filters;
  /** View-local parameters (ViewProps.param / setParam); kept in insertion order. */
  params: Map<string, string>;
}

/**
 * URL keys of the filters. View parameters carry a prefix so a view's `param('q')` can never
 * collide with the dashboard's own filter keys.
 */
const KEY = { from: 'from', to: 'to', org: 'org', type: 'type', tag: 'tag', q: 'q' } as const;
const VIEW_PARAM_PREFIX = 'v.';

function isRoute(s: string): s is Route {
  return (ROUTES as readonly string[]).includes(s);
}

/** Longest hash read (a pasted novel in the address bar is cut here, with a notice). */
export const MAX_HASH_CHARS = 20_000;
/** Longest value of one key (a search, an organisation, a view parameter). */
export const MAX_VALUE_CHARS = 1_000;
/** Most values of one list filter, and most view parameters, kept. */
export const MAX_VALUES = 200;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A year the filters accept: one to four digits. */
const YEAR = /^\d{1,4}$/;

/** Unique, non-empty values in first-seen order. */
function uniq(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/** Percent-decoding that reports failure (a stray `%` or a cut UTF-8 sequence) instead of throwing. */
function decode(s: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  } catch {
    return null;
  }
}

/** How a part of the address is named in the notice: short, and never a wall of text. */
function partName(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** What reading a hash gave, and the parts of it that were ignored or corrected. */
export interface HashReading {
  state: UrlState;
  /** Names of the parts not taken as written (a key, `route`), in order, each once; [] for a clean hash. */
  problems: string[];
}

/**
 * `#/terms?from=2018&org=国务院&v.term=两个确立` → state, for ANY string: a part that cannot be read
 * (bad percent-encoding, an unknown page, a year that is not a year, a repeated single value, an
 * unknown key, an overlong value) is dropped or corrected and named in `problems`; nothing throws.
 */
export function readHash(hash: string): HashReading {
  const problems = new Set<string>();
  let raw = String(hash);
  if (raw.length > MAX_HASH_CHARS) {
    raw = raw.slice(0, MAX_HASH_CHARS);
    problems.add('length');
  }
  // A lone surrogate cannot be written back into an address: read it as U+FFFD, as the URL would.
  raw = raw.replace(LONE_SURROGATE, '\uFFFD');
  raw = raw.replace(/^#/, '').replace(/^\//, '');
  const qIndex = raw.indexOf('?');
  const rawPath = qIndex < 0 ? raw : raw.slice(0, qIndex);
  const path = decode(rawPath, false)?.trim() ?? null;
  let route: Route = DEFAULT_ROUTE;
  if (path !== null && isRoute(path)) route = path;
  else if (path !== '') problems.add('route');

  const single = new Map<string, string>();
  const lists = { org: [] as string[], type: [] as string[], tag: [] as string[] };
  const params = new Map<string, string>();
  const query = qIndex < 0 ? '' : raw.slice(qIndex + 1);
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), true);
    let value = decode(eq < 0 ? '' : pair.slice(eq + 1), true);
    if (key === null || value === null) {
      problems.add(partName(key ?? 'query'));
      continue;
    }
    if (value.length > MAX_VALUE_CHARS) {
      value = value.slice(0, MAX_VALUE_CHARS);
      problems.add(partName(key));
    }
    if (key === KEY.org || key === KEY.type || key === KEY.tag) {
      const list = lists[key];
      if (list.length < MAX_VALUES) list.push(value);
      else problems.add(key);
    } else if (key === KEY.from || key === KEY.to || key === KEY.q) {
      if (single.has(key)) problems.add(key);
      else single.set(key, value);
    } else if (key.startsWith(VIEW_PARAM_PREFIX) && key.length > VIEW_PARAM_PREFIX.length) {
      const name = key.slice(VIEW_PARAM_PREFIX.length);
      if (params.has(name) || params.size >= MAX_VALUES) problems.add(partName(key));
      else params.set(name, value);
    } else {
      problems.add(partName(key));
    }
  }
  const year = (key: string): number | null => {
    const v = single.get(key)?.trim();
    if (v === undefined || v === '') return null;
    if (YEAR.test(v)) return Number(v);
    problems.add(key);
    return null;
  };
  let yearFrom = year(KEY.from);
  let yearTo = year(KEY.to);
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) [yearFrom, yearTo] = [yearTo, yearFrom];
  return {
    state: {
      route,
      filters: { yearFrom, yearTo, orgs: uniq(lists.org), types: uniq(lists.type), tags: uniq(lists.tag), q: (single.get(KEY.q) ?? '').trim() },
      params,
    },
    problems: [...problems],
  };
}

/** `#/terms?from=2018&org=国务院&v.term=两个确立` → state. Unknown routes fall back to the library. */
export function parseHash(hash: string): UrlState {
  return readHash(hash).state;
}

/** State → `#/route?…`; empty filters leave no keys, so a bare `#/library` stays bare. */
export function formatHash(state: UrlState): string {
  const s = new URLSearchParams();
  const f = state.filters;
  if (f.yearFrom !== null) s.set(KEY.from, String(f.yearFrom));
  if (f.yearTo !== null) s.set(KEY.to, String(f.yearTo));
  for (const o of uniq(f.orgs)) s.append(KEY.org, o);
  for (const t of uniq(f.types)) s.append(KEY.type, t);
  for (const t of uniq(f.tags)) s.append(KEY.tag, t);
  if (f.q.trim()) s.set(KEY.q, f.q.trim());
  for (const [k, v] of state.params) s.set(VIEW_PARAM_PREFIX + k, v);
  const query = s.toString();
  return `#/${state.route}${query ? `?${query}` : ''}`;
}

/** A document as the filters see it: its facet plus what only the library knows. */
export interface FilterableDoc extends DocFacet {
  /** Every organisation named (facet.org is the first, after alias resolution). */
  orgs: string[];
  tags: string[];
  docNumber: string;
  /** Lower-cased text the free-text search looks in (title, orgs, 文号, tags, url). */
  haystack: string;
}

/**
 * Documents passing every active filter; a document with an unknown year fails any year bound. The
 * free-text search matches the metadata here, and the text through `inText` (the page holds no
 * texts: the aggregation worker searches them, see the store's textSearch).
 */
export function applyFilters<T extends FilterableDoc>(docs: readonly T[], f: Filters, inText?: (doc: T) => boolean): T[] {
  const orgs = new Set(f.orgs);
  const types = new Set(f.types);
  const tags = new Set(f.tags);
  const needle = f.q.trim().toLowerCase();
  return docs.filter((d) => {
    if (f.yearFrom !== null && (d.year === null || d.year < f.yearFrom)) return false;
    if (f.yearTo !== null && (d.year === null || d.year > f.yearTo)) return false;
    if (orgs.size > 0 && !d.orgs.some((o) => orgs.has(o))) return false;
    if (types.size > 0 && !types.has(d.docType)) return false;
    if (tags.size > 0 && !d.tags.some((t) => tags.has(t))) return false;
    if (needle) {
      return d.haystack.includes(needle) || inText?.(d) === true;
    }
    return true;
  });
}

export interface FacetOptions {
  yearMin: number | null;
  yearMax: number | null;
  /** value → number of documents, most frequent first. */
  orgs: [string, number][];
  types: [string, number][];
  tags: [string, number][];
}

function countSorted(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
}

/** The choices each filter offers, drawn from the whole library. */
export function facetOptions(docs: readonly FilterableDoc[]): FacetOptions {
  let yearMin: number | null = null;
  let yearMax: number | null = null;
  for (const d of docs) {
    if (d.year === null) continue;
    if (yearMin === null || d.year < yearMin) yearMin = d.year;
    if (yearMax === null || d.year > yearMax) yearMax = d.year;
  }
  return {
    yearMin,
    yearMax,
    orgs: countSorted(docs.flatMap((d) => d.orgs)),
    types: countSorted(docs.map((d) => d.docType)),
    tags: countSorted(docs.flatMap((d) => d.tags)),
  };
}
