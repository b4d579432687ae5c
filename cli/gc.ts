// A full garbage collection on request, for the moments the CLI knows a large part of its heap has
// just become garbage (the recurring collector dropping half its candidates when it prunes). V8
// otherwise lets the old generation grow well past what is live before it collects: on 10,000
// documents the main thread's heap swung between 190 MB live and 970 MB, which is most of the run's
// peak memory. Node exposes gc() only behind --expose-gc; the flag can be set at run time and the
// function read from a fresh context. If that ever fails, collection is left to V8 as before.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Run a full garbage collection now when the runtime allows it; a no-op otherwise. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const f: unknown = runInNewContext('gc');
      gc = typeof f === 'function' ? (f as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
