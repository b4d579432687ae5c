// Transient messages at the foot of the page, optionally with one action (Undo). They stack: a new
// message joins the others instead of replacing them, so a later "Saved" can never take away the
// Undo of a delete still pending. Each message keeps its own timer; when too many are shown, the
// oldest message WITHOUT an action goes first (an offered Undo leaves only when its time is up or
// the user dismisses it).
import { signal } from '@preact/signals';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

/** How long an Undo stays offered: long enough to notice a mistake after reading the next screen. */
export const UNDO_MS = 30_000;
const INFO_MS = 5_000;
const ERROR_MS = 10_000;
/** At most this many messages at once (oldest first on screen). */
export const MAX_TOASTS = 4;

/** The messages shown, oldest first. */
export const toasts = signal<readonly Toast[]>([]);
let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function drop(id: number): void {
  const timer = timers.get(id);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(id);
}

export function showToast(message: string, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): number {
  const id = nextId++;
  let next = [...toasts.value, { id, message, kind: opts.kind ?? 'info', action: opts.action }];
  while (next.length > MAX_TOASTS) {
    // Evict the oldest plain message; only when every shown message offers an action, the oldest one.
    const victim = next.find((x) => !x.action) ?? next[0]!;
    drop(victim.id);
    next = next.filter((x) => x.id !== victim.id);
  }
  toasts.value = next;
  const ms = opts.ms ?? (opts.action ? UNDO_MS : opts.kind === 'error' ? ERROR_MS : INFO_MS);
  timers.set(
    id,
    setTimeout(() => dismissToast(id), ms),
  );
  return id;
}

/** Remove one message; without an id, every message. */
export function dismissToast(id?: number): void {
  if (id === undefined) {
    for (const t of timers.keys()) drop(t);
    toasts.value = [];
    return;
  }
  drop(id);
  if (toasts.value.some((x) => x.id === id)) toasts.value = toasts.value.filter((x) => x.id !== id);
}
