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

function parseYear(s: string | null): number | null {
  if (s === null || !/^\d{1,4}$/.test(s.trim())) return null;
  return Number(s.trim());
}

/** Unique, non-empty values in first-seen order. */
function uniq(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/** `#/terms?from=2018&org=国务院&v.term=两个确立` → state. Unknown routes fall back to the library. */
export function parseHash(hash: string): UrlState {
  const raw = hash.replace(/^#/, '').replace(/^\//, '');
  const qIndex = raw.indexOf('?');
  const path = decodeURIComponent(qIndex < 0 ? raw : raw.slice(0, qIndex)).trim();
  const search = new URLSearchParams(qIndex < 0 ? '' : raw.slice(qIndex + 1));
  let yearFrom = parseYear(search.get(KEY.from));
  let yearTo = parseYear(search.get(KEY.to));
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) [yearFrom, yearTo] = [yearTo, yearFrom];
  const params = new Map<string, string>();
  for (const [k, v] of search) {
    if (k.startsWith(VIEW_PARAM_PREFIX) && k.length > VIEW_PARAM_PREFIX.length) params.set(k.slice(VIEW_PARAM_PREFIX.length), v);
  }
  return {
    route: isRoute(path) ? path : DEFAULT_ROUTE,
    filters: {
      yearFrom,
      yearTo,
      orgs: uniq(search.getAll(KEY.org)),
      types: uniq(search.getAll(KEY.type)),
      tags: uniq(search.getAll(KEY.tag)),
      q: (search.get(KEY.q) ?? '').trim(),
    },
    params,
  };
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

/** Documents passing every active filter; a document with an unknown year fails any year bound. */
export function applyFilters<T extends FilterableDoc>(docs: readonly T[], f: Filters, textOf?: (doc: T) => string): T[] {
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
      if (d.haystack.includes(needle)) return true;
      const text = textOf?.(d);
      return text !== undefined && text.toLowerCase().includes(needle);
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
