// Transient messages at the foot of the page, optionally with one action (Undo). One at a time:
// a new message replaces the old one (its action is dropped, as a snackbar does).
import { signal } from '@preact/signals';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

/** How long an Undo stays offered (the issue asks for about ten seconds). */
export const UNDO_MS = 10_000;
const INFO_MS = 5_000;

export const toast = signal<Toast | null>(null);
let nextId = 1;
let timer: ReturnType<typeof setTimeout> | null = null;

export function showToast(message: string, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): number {
  const id = nextId++;
  toast.value = { id, message, kind: opts.kind ?? 'info', action: opts.action };
  if (timer) clearTimeout(timer);
  const ms = opts.ms ?? (opts.action ? UNDO_MS : opts.kind === 'error' ? UNDO_MS : INFO_MS);
  timer = setTimeout(() => dismissToast(id), ms);
  return id;
}

export function dismissToast(id?: number): void {
  if (id === undefined || toast.value?.id === id) toast.value = null;
}
