// A 2D-context stand-in for happy-dom, which has no canvas: Chart.js builds its charts (scales,
// legends, labels) against it and draws nothing, so tests can read a chart's configuration.
export function installCanvasStandIn(): void {
  const contexts = new WeakMap<HTMLCanvasElement, unknown>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    let c = contexts.get(this);
    if (!c) {
      const target: Record<string, unknown> = {
        canvas: this,
        measureText: (s: string) => ({ width: s.length * 7, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
        getLineDash: () => [],
        createLinearGradient: () => ({ addColorStop() {} }),
      };
      c = new Proxy(target, {
        get: (t, k: string) => (k in t ? t[k] : () => undefined),
        set: (t, k: string, v) => ((t[k] = v), true),
      });
      contexts.set(this, c);
    }
    return c;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
}
