// Transient messages at the foot of the page, optionally with one action (Undo). They stack: a new
// message joins the others instead of replacing them, so a later "Saved" can never take away the
// Undo of a delete still pending. Each message keeps its own timer; when too many are shown, the
// oldest message WITHOUT an action goes first (an offered Undo leaves only when its time is up or
// the user dismisses it). A message is kept untranslated and rendered each time it is drawn, so an
// open toast follows a change of language like the rest of the page.
import { signal } from '@preact/signals';
import { t, type Lang, type Message } from '../../utils/i18n';
import { libraryErrorMessage } from '../../utils/library';

/**
 * What a toast says, in no language yet: a message (key and parameters, which may be messages), an
 * error (shown as every library error is, a coded one translated), or, for a text assembled from
 * several messages, a function of the language.
 */
export type ToastText = Message | { error: unknown } | ((lang: Lang) => string);

export interface Toast {
  id: number;
  text: ToastText;
  kind: 'info' | 'error';
  action?: { label: Message; run: () => void | Promise<void> };
}

/** A toast's text in `lang`. */
export function toastText(text: ToastText, lang: Lang): string {
  if (typeof text === 'function') return text(lang);
  if ('error' in text) return libraryErrorMessage(text.error, lang);
  return t(text.key, text.params, lang);
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

export function showToast(text: ToastText, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): number {
  const id = nextId++;
  let next = [...toasts.value, { id, text, kind: opts.kind ?? 'info', action: opts.action }];
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
