/**
 * Poll `get` every 5 ms until `ok` holds, and return that value. The bound (10 s) only turns a hang
 * into a failure naming `what`, on however busy a machine; it is no timing assertion.
 */
export async function until<T>(get: () => T, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = get();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
