// Entry of a CLI worker thread (cli/pool.ts starts them): sets up its own jieba and analysis
// context once, then answers tasks one message at a time with cli/work.ts. Bundled as dist/worker.mjs.

import { parentPort, workerData } from 'node:worker_threads';
import { createDocWork, transferablesOf, type DocTask, type HitsTask, type WorkSetup } from './work';

interface Request {
  id: number;
  task: DocTask | HitsTask;
}

const port = parentPort;
if (port) {
  const work = await createDocWork(workerData as WorkSetup);
  port.on('message', (msg: Request) => {
    const { id, task } = msg;
    const done = task.kind === 'hits' ? work.hits(task).then((hits) => ({ result: hits, transfer: [] as ArrayBuffer[] })) : work.run(task).then((events) => ({ result: events, transfer: transferablesOf(events) }));
    done.then(
      ({ result, transfer }) => port.postMessage({ id, result }, transfer),
      (err: unknown) => port.postMessage({ id, error: (err as Error)?.stack ?? String(err) }),
    );
  });
  port.postMessage({ ready: true });
}
