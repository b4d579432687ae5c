// The popup's side of a batch of linked documents (attachments, a list page's entries): the sites'
// permission asked for at the click, the batch handed to the background (which outlives the popup),
// and its progress shown while the popup is open.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/utils/messaging';
import { originPattern } from '@/utils/import-pdf-tab';
import type { FetchJob, FetchJobState } from '@/utils/import-fetch';
import type { ListItem } from '@/analysis/types';
import { errorText, t } from '@/utils/i18n';

export interface BatchDeps {
  /** browser.permissions.request: must be the first thing a click does. */
  requestPermission(origins: string[]): Promise<boolean>;
  start(job: FetchJob): Promise<boolean>;
  state(): Promise<FetchJobState | null>;
  cancel(): Promise<void>;
  /** Calls `next` with every progress report; returns the unsubscribe. */
  subscribe(next: (s: FetchJobState) => void): () => void;
}

export const browserBatchDeps: BatchDeps = {
  requestPermission: (origins) => browser.permissions.request({ origins }),
  start: (job) => sendMessage('startFetchJob', job),
  state: () => sendMessage('fetchJobState', undefined),
  cancel: () => sendMessage('cancelFetchJob', undefined),
  subscribe: (next) => onMessage('fetchJobProgress', ({ data }) => next(data)),
};

/** The sites (host-permission patterns) a batch reads from, each once. */
export function originsOf(urls: readonly string[]): string[] {
  return [...new Set(urls.map(originPattern).filter((o): o is string => o !== null))];
}

/** A list's entries picked by date: those dated within [from, to] (either end open when blank). */
export function entriesInRange(items: readonly ListItem[], from: string, to: string): ListItem[] {
  if (!from && !to) return [...items];
  return items.filter((i) => i.date !== '' && (!from || i.date >= from) && (!to || i.date <= to));
}

export function createBatchStore(deps: BatchDeps = browserBatchDeps) {
  const job = signal<FetchJobState | null>(null);
  /** A one-line problem before the batch started (permission refused, another batch running). */
  const problem = signal<string>('');
  let unsubscribe: (() => void) | null = null;

  function listen(): void {
    if (!unsubscribe) unsubscribe = deps.subscribe((s) => (job.value = s));
  }

  /** Show a batch the background is still running (the popup was closed and opened again). */
  async function resume(): Promise<void> {
    listen();
    try {
      const s = await deps.state();
      // Only a batch still running: a finished one belongs to the page it was started on.
      if (s?.running) job.value = s;
    } catch {
      // No background answering: nothing running.
    }
  }

  async function start(j: FetchJob): Promise<void> {
    problem.value = '';
    const origins = originsOf(j.items.map((i) => i.url));
    let granted = false;
    try {
      // First, within the click: the browser shows its prompt only for a user's gesture.
      granted = await deps.requestPermission(origins);
    } catch (e) {
      problem.value = t('popup.error', { message: errorText(e) });
      return;
    }
    if (!granted) {
      problem.value = t('batch.denied');
      return;
    }
    listen();
    const before = job.value;
    // Shown at once; the background's reports replace it as they come (the first may come before start answers).
    job.value = { running: true, total: j.items.length, done: 0, added: 0, duplicates: 0, failed: 0, current: '', results: [], cancelled: false };
    try {
      if (!(await deps.start(j))) {
        job.value = before;
        problem.value = t('batch.busy');
      }
    } catch (e) {
      job.value = before;
      problem.value = t('popup.error', { message: errorText(e) });
    }
  }

  function cancel(): void {
    void deps.cancel().catch(() => undefined);
  }

  return { job, problem, resume, start, cancel };
}

export type BatchStore = ReturnType<typeof createBatchStore>;
