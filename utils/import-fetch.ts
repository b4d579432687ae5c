// Fetching documents a page links — its attachments, or the entries of a list page — and clipping
// them, one request at a time with a pause between (a polite rate for small government servers).
// Each response is read like an imported file (./import, the same readers: pdf.js, mammoth, and
// linkedom for pages, so nothing fetched is rendered or run), duplicates are skipped (an address
// already in the library is not even requested), and every item ends added, duplicate or failed
// with a one-line reason. The background runs this; tests run it with a stand-in fetch.
import { findDuplicate, type DB } from './db';
import { failureReason, runImport, type ImportOptions, type ImportSource } from './import';
import { readableAttachment, type AttachmentKind } from './import-attachments';
import { pdfNameOf } from './import-pdf-tab';
import { t } from './i18n';

/** One linked document to fetch: an attachment (its kind from its name) or a list entry ('page'). */
export interface FetchItem {
  url: string;
  /** The link's text: the title when the document shows none. */
  title: string;
  /** The date the list shows for it (YYYY-MM-DD), if any. */
  date?: string;
  kind: AttachmentKind | 'page';
}

export interface FetchJob {
  items: FetchItem[];
  /** The page the attachments are linked from (its title and 文号 fill the attachments' where they lack them). */
  fromPage?: { url: string; title: string; docNumber: string };
}

export interface FetchItemResult {
  url: string;
  title: string;
  status: 'added' | 'duplicate' | 'failed';
  reason?: string;
  id?: number;
}

export interface FetchJobState {
  running: boolean;
  total: number;
  done: number;
  added: number;
  duplicates: number;
  failed: number;
  /** The address being fetched now ('' when none). */
  current: string;
  results: FetchItemResult[];
  cancelled: boolean;
}

export interface FetchDeps extends Pick<ImportOptions, 'assets' | 'createWorker'> {
  database: DB;
  fetch(url: string): Promise<Response>;
  /** Milliseconds between two requests (the fetchPauseMs setting). */
  pauseMs: number;
  signal?: AbortSignal;
  onProgress?(state: FetchJobState): void;
}

/** The reason an attachment of this kind is listed but not read, in one line. */
export function attachmentRefusal(kind: AttachmentKind): string | null {
  if (readableAttachment(kind)) return null;
  if (kind === 'doc' || kind === 'wps') return failureReason('old-word-format');
  return t('attach.refuse.spreadsheet');
}

const HTML_NAME = /\.(s?html?|jsp|php|aspx?)$/i;

/** The name a fetched file is read under: its URL's last segment, with the extension its media type calls for. */
export function fetchedName(url: string, contentType: string): string {
  const name = pdfNameOf(url).replace(/[?#].*$/, '');
  const type = contentType.toLowerCase();
  if (type.includes('text/html') || type.includes('application/xhtml')) return /\.s?html?$/i.test(name) ? name : `${name.replace(HTML_NAME, '')}.html`;
  if (type.includes('application/pdf')) return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
  if (type.includes('wordprocessingml')) return /\.docx$/i.test(name) ? name : `${name}.docx`;
  return name;
}

/** Wait `ms`, or less when the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Fetch and clip the job's items, one request at a time. Never throws for a bad item; a database failure rejects. */
export async function runFetchJob(job: FetchJob, deps: FetchDeps): Promise<FetchJobState> {
  const state: FetchJobState = { running: true, total: job.items.length, done: 0, added: 0, duplicates: 0, failed: 0, current: '', results: [], cancelled: false };
  const report = () => deps.onProgress?.({ ...state, results: [...state.results] });
  const settle = (r: FetchItemResult) => {
    state.results.push(r);
    state.done++;
    if (r.status === 'added') state.added++;
    else if (r.status === 'duplicate') state.duplicates++;
    else state.failed++;
    report();
  };
  let requested = false;
  report();
  for (const item of job.items) {
    if (deps.signal?.aborted) {
      state.cancelled = true;
      break;
    }
    const refusal = item.kind === 'page' ? null : attachmentRefusal(item.kind);
    if (refusal) {
      settle({ url: item.url, title: item.title, status: 'failed', reason: refusal });
      continue;
    }
    const known = await findDuplicate(item.url, '', deps.database);
    if (known?.reason === 'url') {
      settle({ url: item.url, title: known.record.title, status: 'duplicate', id: known.record.id });
      continue;
    }
    if (requested) await pause(deps.pauseMs, deps.signal);
    if (deps.signal?.aborted) {
      state.cancelled = true;
      break;
    }
    requested = true;
    state.current = item.url;
    report();
    let blob: Blob;
    let contentType: string;
    try {
      const res = await deps.fetch(item.url);
      if (!res.ok) {
        settle({ url: item.url, title: item.title, status: 'failed', reason: t('attach.httpError', { status: res.status }) });
        continue;
      }
      contentType = res.headers.get('content-type') ?? '';
      blob = await res.blob();
    } catch (err) {
      settle({ url: item.url, title: item.title, status: 'failed', reason: t('attach.fetchFailed', { problem: String((err as Error)?.message ?? err) }) });
      continue;
    }
    const source: ImportSource = {
      path: fetchedName(item.url, contentType),
      file: blob,
      url: item.url,
      title: item.title,
      ...(item.date ? { date: item.date } : {}),
      ...(job.fromPage && item.kind !== 'page' ? { fromPage: job.fromPage } : {}),
      ...(item.kind === 'page' && /html/i.test(contentType) ? { page: true } : {}),
    };
    const summary = await runImport(deps.database, [source], { assets: deps.assets, ...(deps.createWorker ? { createWorker: deps.createWorker } : {}) });
    const added = summary.added[0];
    const duplicate = summary.duplicates[0];
    if (added) settle({ url: item.url, title: added.title, status: 'added', id: added.id });
    else if (duplicate) settle({ url: item.url, title: duplicate.title, status: 'duplicate', id: duplicate.id });
    else settle({ url: item.url, title: item.title, status: 'failed', reason: summary.failed[0]?.reason ?? failureReason('empty') });
  }
  state.running = false;
  state.current = '';
  report();
  return state;
}
