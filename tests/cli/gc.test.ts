// cli/gc collectGarbage: a full collection on request (the CLI runs one after each prune of the
// recurring collector, whose prune count analysis-recurring.test.ts checks). Proven by an object
// only a WeakRef still points to being gone afterwards.
import { setImmediate as nextTask } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { collectGarbage } from '../../cli/gc';

it('collects an object nothing holds any more', async () => {
  let held: object | null = { payload: new Array(1000).fill('x') };
  const ref = new WeakRef(held);
  held = null;
  // A WeakRef keeps its target for the rest of the job that made it: collect in a later one.
  await nextTask();
  collectGarbage();
  await nextTask();
  expect(ref.deref()).toBeUndefined();
});

