// Corpus queries kept up to date incrementally. The aggregation worker answers the views' commonest
// questions (top terms, trend series, the formulations table) from running totals
// (analysis/aggregate TermTotals, YearTermTotals, FormulationTotals) that follow the document set
// asked about: when the library changes by one document, or a filter by a few, only those
// documents are taken out of and put into the totals, instead of every document being summed again.
// The answers equal runQuery's on the same documents (tests/unit/aggregate-incremental.test.ts).
// Pure: no DOM, no database.
import { FormulationTotals, TermTotals, YearTermTotals, type AccDoc } from './aggregate';
import { seriesFromRows, trendYear, type AnalysedDoc, type Series } from './corpus';
import type { QueryArgs, QueryKind, QueryResult } from './queries';

/** Running totals that documents are added to and removed from, and the query's answer read from them. */
export interface Accumulator<R> {
  add(d: AnalysedDoc): void;
  remove(d: AnalysedDoc): void;
  result(): R;
}

/** The facet with the year trends count a document under (analysis/corpus withTrendYears). */
function counted(d: AnalysedDoc): AccDoc {
  return { analysis: d.analysis, facet: { ...d.facet, year: trendYear(d.facet) } };
}

/**
 * The year-aware accumulators remember the form each document was added in, so that it is
 * removed under the same year even if its facet object is replaced meanwhile.
 */
function yearAware<T extends { add(d: AccDoc, sign?: 1 | -1): void }, R>(totals: T, read: (t: T) => R): Accumulator<R> {
  const added = new Map<AnalysedDoc, AccDoc>();
  return {
    add(d) {
      const c = counted(d);
      added.set(d, c);
      totals.add(c, 1);
    },
    remove(d) {
      const c = added.get(d) ?? counted(d);
      added.delete(d);
      totals.add(c, -1);
    },
    result: () => read(totals),
  };
}

type Factories = { [K in QueryKind]?: (args: QueryArgs<K>) => Accumulator<QueryResult<K>> | null };

/** The queries answered incrementally; null: these arguments are not (the query runs from scratch). */
export const INCREMENTAL: Factories = {
  topTerms: (a) => {
    const t = new TermTotals();
    return {
      add: (d) => t.add(d.analysis),
      remove: (d) => t.remove(d.analysis),
      result: () => t.top(a.n, a.measure).map((r) => ({ term: r.term, count: r.count, per10k: r.per_10k, docs: r.docs })),
    };
  },
  // Split by organisation picks its groups from the whole set each time: not incremental.
  trendSeries: (a) =>
    a.split
      ? null
      : yearAware(new YearTermTotals(a.terms, 'auto'), (t): { years: number[]; series: Series[] } => {
          const have = t.yearList();
          const years: number[] = [];
          if (have.length) for (let y = have[0]!; y <= have[have.length - 1]!; y++) years.push(y);
          const points = seriesFromRows(t.rows(), a.terms, years, a.measure);
          return { years, series: a.terms.map((term) => ({ term, points: points.get(term) ?? [] })) };
        }),
  formulationRows: (a) => yearAware(new FormulationTotals(), (t) => t.rows(a.recurring)),
};

/** What one update of a live aggregate cost (for tests and the benchmark). */
export interface UpdateCost {
  added: number;
  removed: number;
  /** The totals were started afresh (the new set shares too little with the old). */
  rebuilt: boolean;
}

/**
 * A query whose totals follow a document set. `update(docs)` compares the set with the one the
 * totals hold, by document and by object identity (a stored analysis or facet is replaced, never
 * edited in place, when it changes), and adds and removes only the difference; when the difference
 * is larger than the new set, the totals are started afresh, which costs less.
 */
export class LiveAggregate<R> {
  private members = new Map<string, AnalysedDoc>();
  private acc: Accumulator<R>;

  constructor(private readonly make: () => Accumulator<R>) {
    this.acc = make();
  }

  update(docs: readonly AnalysedDoc[]): UpdateCost {
    const next = new Map<string, AnalysedDoc>();
    for (const d of docs) next.set(d.facet.docId, d);
    const out: AnalysedDoc[] = [];
    const into: AnalysedDoc[] = [];
    for (const [id, d] of this.members) {
      const n = next.get(id);
      if (!n || n.analysis !== d.analysis || !sameFacet(n, d)) out.push(d);
    }
    for (const [id, d] of next) {
      const m = this.members.get(id);
      if (!m || m.analysis !== d.analysis || !sameFacet(m, d)) into.push(d);
    }
    if (out.length + into.length > next.size) {
      this.acc = this.make();
      for (const d of next.values()) this.acc.add(d);
      this.members = next;
      return { added: next.size, removed: 0, rebuilt: true };
    }
    for (const d of out) this.acc.remove(d);
    for (const d of into) this.acc.add(d);
    this.members = next;
    return { added: into.length, removed: out.length, rebuilt: false };
  }

  result(): R {
    return this.acc.result();
  }
}

function sameFacet(a: AnalysedDoc, b: AnalysedDoc): boolean {
  if (a.facet === b.facet) return true;
  const x = a.facet;
  const y = b.facet;
  return x.org === y.org && x.year === y.year && x.date === y.date && x.title === y.title && x.docType === y.docType;
}

/** A live aggregate for a query, or null when it is not answered incrementally. */
export function liveAggregate<K extends QueryKind>(kind: K, args: QueryArgs<K>): LiveAggregate<QueryResult<K>> | null {
  const make = INCREMENTAL[kind] as ((a: QueryArgs<K>) => Accumulator<QueryResult<K>> | null) | undefined;
  if (!make || make(args) === null) return null;
  return new LiveAggregate(() => make(args)!);
}
