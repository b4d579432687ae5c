// The aggregation worker, in process: the real AggregateHost behind a Worker-shaped object, reading
// analyses and texts from the (fake-indexeddb) database as the real worker does. Messages cross
// asynchronously and as structured clones, so the page side cannot tell it from a Web Worker.
import type { AggregateWorkerLike, FromAggregateWorker, ToAggregateWorker } from '@/utils/aggregate-client';
import { AggregateHost } from '@/utils/aggregate-client';
import { databaseAnalyses, databaseTexts } from '@/utils/aggregate-source';

export function inProcessAggregateWorker(log?: ToAggregateWorker[]): AggregateWorkerLike {
  let alive = true;
  const w: AggregateWorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {
      alive = false;
    },
    postMessage(m) {
      const copy = structuredClone(m);
      log?.push(copy);
      setTimeout(() => alive && host.receive(copy), 0);
    },
  };
  const host = new AggregateHost(
    (m) => setTimeout(() => alive && w.onmessage?.({ data: structuredClone(m) } as MessageEvent<FromAggregateWorker>), 0),
    undefined,
    databaseAnalyses,
    databaseTexts,
  );
  return w;
}
