// The hook through which a view asks a corpus query and keeps showing its previous answer while a
// newer one is computed (in the aggregation worker). A newer request supersedes the older one: the
// older is cancelled and its answer, should it still arrive, is dropped.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AnalysedDoc } from '../../analysis/corpus';
import { QueryCancelled, type Aggregator, type Answer, type QueryArgs, type QueryKind, type QueryResult } from '../../analysis/queries';

export interface AggregateState<T> {
  /** The latest answer received (perhaps for an earlier request); undefined before the first. */
  value: T | undefined;
  /** A request is on its way and `value` is not its answer yet. */
  busy: boolean;
  /** The current request was cancelled by the user (value is the previous answer). */
  cancelled: boolean;
  error: string | null;
  /** Cancel the current request. */
  cancel(): void;
}

interface Settled<T> {
  answer: Answer<T> | null;
  value?: T;
  cancelled?: boolean;
  error?: string;
}

/**
 * Ask `kind` over `sets` (null: nothing to ask yet). `deps` says when to ask again, as for useMemo;
 * the sets and args are read when it changes.
 */
export function useAggregate<K extends QueryKind>(
  aggregator: Aggregator,
  kind: K,
  sets: AnalysedDoc[][] | null,
  args: QueryArgs<K>,
  deps: readonly unknown[],
): AggregateState<QueryResult<K>> {
  type T = QueryResult<K>;
  const answer = useMemo<Answer<T> | null>(
    () => (sets ? aggregator.ask(kind, sets, args) : null),
    [aggregator, kind, sets === null, ...deps],
  );
  const [settled, setSettled] = useState<Settled<T>>({ answer: null });
  useEffect(() => {
    if (!answer || answer.done) return;
    let live = true;
    answer.promise.then(
      (value) => {
        if (live) setSettled({ answer, value });
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof QueryCancelled) setSettled((s) => ({ ...s, answer, cancelled: true, error: undefined }));
        else setSettled((s) => ({ ...s, answer, error: String((err as Error)?.message ?? err) }));
      },
    );
    return () => {
      // Superseded or unmounted: the worker need not finish it, and a late answer is ignored.
      live = false;
      answer.cancel();
    };
  }, [answer]);

  if (answer?.done) return { value: answer.value, busy: false, cancelled: false, error: null, cancel: () => {} };
  const current = answer !== null && settled.answer === answer;
  return {
    value: settled.value,
    busy: answer !== null && !current,
    cancelled: current && settled.cancelled === true,
    error: current ? (settled.error ?? null) : null,
    cancel: () => {
      if (answer && !answer.done) answer.cancel({ abort: true });
    },
  };
}
