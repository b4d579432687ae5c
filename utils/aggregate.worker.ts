// Aggregation Web Worker: holds the library's facets and stored analyses (fed incrementally by the
// dashboard) and answers the views' corpus queries, so sums over thousands of documents never
// block the page. All logic is in AggregateHost (utils/aggregate-client.ts); this file only wires.
import { AggregateHost, type AnalysisLoader, type FromAggregateWorker, type ToAggregateWorker } from './aggregate-client';
import { openDatabase } from './db';

const scope = self as unknown as { postMessage(m: FromAggregateWorker): void; onmessage: ((e: MessageEvent<ToAggregateWorker>) => void) | null };

/** The worker reads stored analyses from the extension's database itself (same origin as the page). */
function dexieLoader(name: string): AnalysisLoader {
  const database = openDatabase(name);
  return (ids) => database.analyses.bulkGet(ids);
}

const host = new AggregateHost((m) => scope.postMessage(m), undefined, dexieLoader);
scope.onmessage = (event) => host.receive(event.data);
