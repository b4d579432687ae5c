// The largest groups of a set and one "other" group made of the rest: used where a chart draws one
// line per organisation (Trends split by organisation). More than a handful of lines cannot be told
// apart, so the top groups get their own series and the remainder is aggregated, not dropped: its
// numbers are computed over its documents together (summed counts over summed lengths), never as a
// sum or mean of the groups' rates. Pure and generic: the caller says which groups an item belongs
// to, how to summarise a list of items, and which number ranks a summary.

/** Groups drawn on their own by default before the rest becomes "other". */
export const DEFAULT_TOP_GROUPS = 8;

export interface Group<S> {
  key: string;
  /** Items in the group (a joint document counts in each of its groups). */
  items: number;
  summary: S;
  /** The ranking number of the summary (e.g. occurrences of the chosen terms). */
  total: number;
}

export interface OtherGroup<S> extends Group<S> {
  /** The groups folded into "other", in rank order. */
  keys: string[];
}

export interface TopGroups<S> {
  groups: Group<S>[];
  /** null when every group has its own place (no more than `top` groups). */
  other: OtherGroup<S> | null;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The `top` groups with the highest total (ties: more items first, then by key), and an "other"
 * group of every item that belongs to at least one of the remaining groups. An item with no group
 * is in neither. `top` below 1 is read as 1.
 */
export function topGroupsWithOther<D, S>(
  items: readonly D[],
  groupsOf: (item: D) => readonly string[],
  summarise: (items: readonly D[]) => S,
  total: (summary: S) => number,
  top: number = DEFAULT_TOP_GROUPS,
): TopGroups<S> {
  const members = new Map<string, D[]>();
  for (const item of items) {
    for (const key of new Set(groupsOf(item))) {
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      list.push(item);
    }
  }
  const ranked: Group<S>[] = [...members].map(([key, list]) => {
    const summary = summarise(list);
    return { key, items: list.length, summary, total: total(summary) };
  });
  ranked.sort((a, b) => b.total - a.total || b.items - a.items || byCodePoint(a.key, b.key));
  const n = Math.max(1, Math.floor(Number.isFinite(top) ? top : DEFAULT_TOP_GROUPS));
  if (ranked.length <= n) return { groups: ranked, other: null };
  const groups = ranked.slice(0, n);
  const restKeys = ranked.slice(n).map((g) => g.key);
  const rest = new Set(restKeys);
  const restItems = items.filter((item) => groupsOf(item).some((k) => rest.has(k)));
  const summary = summarise(restItems);
  return { groups, other: { key: 'other', keys: restKeys, items: restItems.length, summary, total: total(summary) } };
}
