// The background's batch of linked documents (./import-fetch): one at a time, kept in the service
// worker so it goes on after the popup closes; its progress is sent to any open extension page.
import { browser } from 'wxt/browser';
import { db as sharedDb } from './db';
import { runFetchJob, type FetchJob, type FetchJobState } from './import-fetch';
import { createInThreadReader } from './import-host';
import { notify } from './messaging';
import { getSetting } from './settings';

let current: { state: FetchJobState; controller: AbortController } | null = null;

/** Where pdf.js finds its character maps and fonts (shipped under /pdfjs/). */
function assets() {
  const url = browser.runtime.getURL as (p: string) => string;
  return { cMapUrl: url('/pdfjs/cmaps/'), standardFontDataUrl: url('/pdfjs/standard_fonts/') };
}

/** Start a batch unless one is running; resolves at once (the batch goes on in the background). */
export function startFetchJob(job: FetchJob): boolean {
  if (current?.state.running) return false;
  const controller = new AbortController();
  const holder: { state: FetchJobState; controller: AbortController } = {
    controller,
    state: { running: true, total: job.items.length, done: 0, added: 0, duplicates: 0, failed: 0, current: '', results: [], cancelled: false },
  };
  current = holder;
  void (async () => {
    try {
      const pauseMs = await getSetting('fetchPauseMs');
      await runFetchJob(job, {
        database: sharedDb,
        assets: assets(),
        createWorker: createInThreadReader,
        pauseMs,
        signal: controller.signal,
        fetch: (url) => fetch(url, { credentials: 'include' }),
        onProgress: (state) => {
          holder.state = state;
          void notify('fetchJobProgress', state);
        },
      });
    } catch (err) {
      console.error('Tifa Lens: the batch stopped', err);
      holder.state = { ...holder.state, running: false, current: '' };
      void notify('fetchJobProgress', holder.state);
    }
  })();
  return true;
}

export function fetchJobState(): FetchJobState | null {
  return current?.state ?? null;
}

export function cancelFetchJob(): void {
  current?.controller.abort();
}
