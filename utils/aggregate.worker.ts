// Aggregation Web Worker: holds the library's facets and stored analyses (fed incrementally by the
// dashboard) and answers the views' corpus queries, so sums over thousands of documents never
// block the page; KWIC and recurring phrases read the texts here, from the database. All logic is
// in AggregateHost (utils/aggregate-client.ts); this file only wires.
import { AggregateHost, type FromAggregateWorker, type ToAggregateWorker } from './aggregate-client';
import { databaseAnalyses, databaseTexts } from './aggregate-source';

const scope = self as unknown as { postMessage(m: FromAggregateWorker): void; onmessage: ((e: MessageEvent<ToAggregateWorker>) => void) | null };

const host = new AggregateHost((m) => scope.postMessage(m), undefined, databaseAnalyses, databaseTexts);
scope.onmessage = (event) => host.receive(event.data);
