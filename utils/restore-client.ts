// Restoring a backup off the page: the file is streamed, parsed, checked element by element and
// written in batches (one transaction each, through the library service) inside a Web Worker
// (utils/restore.worker.ts), so a library of thousands of documents never holds the page's main
// thread (596 MB restored on the page blocked it 17-50 s in one task). The page sees progress and
// can cancel: the worker stops after the batch it is writing, so only whole batches are stored.
// The worker's logic is RestoreHost below (tests run it in process); the worker file only wires.
import { BackupError, RestoreProblem, restoreBackupFile, type ProblemData, type RestoreOptions, type RestoreProgress, type RestoreReport } from './backup';
import { openDatabase, type DB } from './db';
import { CodedError, type Message } from './i18n';

/** Page → worker. */
export type ToRestoreWorker =
  | { type: 'start'; file: Blob; fileName: string; dbName: string; batchSize?: number; skipSpaceCheck?: boolean }
  | { type: 'cancel' };

/** A report as plain data (its problems as Messages). */
export type RestoreReportData = Omit<RestoreReport, 'problems'> & { problems: ProblemData[] };

/** An error as plain data, enough to rebuild what the page shows (a full disk stays a full disk). */
export type RestoreErrorData =
  | { kind: 'backup'; problem: Message }
  | { kind: 'coded'; name: string; detail: Message }
  | { kind: 'other'; name: string; message: string; inner?: { name: string; message: string } };

/** Worker → page. */
export type FromRestoreWorker =
  | { type: 'progress'; progress: RestoreProgress }
  | { type: 'done'; report: RestoreReportData }
  | { type: 'error'; error: RestoreErrorData };

/** The part of a Worker the client uses (tests pass an in-process fake). */
export interface RestoreWorkerLike {
  postMessage(message: ToRestoreWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromRestoreWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createRestoreWorker(): RestoreWorkerLike {
  return new Worker(new URL('./restore.worker.ts', import.meta.url), { type: 'module' }) as unknown as RestoreWorkerLike;
}

/** Progress messages are sent when this many more bytes are read (or a batch is written). */
const PROGRESS_BYTES = 1 << 20;

function errorData(err: unknown): RestoreErrorData {
  if (err instanceof BackupError) {
    const problem = err.detail.params?.problem;
    return { kind: 'backup', problem: typeof problem === 'object' ? problem : { key: 'backup.notJson' } };
  }
  if (err instanceof CodedError) return { kind: 'coded', name: err.name, detail: err.detail };
  const o = (err ?? {}) as { name?: unknown; message?: unknown; inner?: { name?: unknown; message?: unknown } | null };
  const inner = o.inner && typeof o.inner === 'object' ? { name: String(o.inner.name ?? ''), message: String(o.inner.message ?? '') } : undefined;
  return { kind: 'other', name: String(o.name ?? 'Error'), message: String(o.message ?? err), inner };
}

function errorFromData(data: RestoreErrorData, fileName: string): Error {
  if (data.kind === 'backup') return new BackupError(fileName, data.problem);
  if (data.kind === 'coded') return Object.assign(new CodedError(data.detail), { name: data.name });
  const e = Object.assign(new Error(data.message), { name: data.name });
  if (data.inner) (e as Error & { cause?: unknown }).cause = Object.assign(new Error(data.inner.message), { name: data.inner.name });
  return e;
}

/** The worker side: runs one restore at a time in the worker's own connection to the database. */
export class RestoreHost {
  private readonly signal = { aborted: false };
  constructor(
    private readonly post: (m: FromRestoreWorker) => void,
    private readonly open: (name: string) => DB = openDatabase,
  ) {}

  receive(m: ToRestoreWorker): void {
    if (m.type === 'cancel') this.signal.aborted = true;
    else void this.run(m);
  }

  private async run(m: Extract<ToRestoreWorker, { type: 'start' }>): Promise<void> {
    const db = this.open(m.dbName);
    let lastBytes = -Infinity;
    let lastDocs = -1;
    const opts: RestoreOptions = {
      batchSize: m.batchSize,
      skipSpaceCheck: m.skipSpaceCheck,
      signal: this.signal,
      onProgress: (p) => {
        if (p.documents === lastDocs && p.bytesRead - lastBytes < PROGRESS_BYTES && p.bytesRead < p.totalBytes) return;
        lastBytes = p.bytesRead;
        lastDocs = p.documents;
        this.post({ type: 'progress', progress: p });
      },
    };
    try {
      const report = await restoreBackupFile(db, m.file, m.fileName, opts);
      this.post({ type: 'done', report: { ...report, problems: report.problems.map((p) => p.toData()) } });
    } catch (err) {
      this.post({ type: 'error', error: errorData(err) });
    } finally {
      db.close();
    }
  }
}

export interface WorkerRestoreOptions {
  onProgress?: (p: RestoreProgress) => void;
  /** Aborting stops the restore after the batch being written (the report says `cancelled`). */
  signal?: AbortSignal;
  batchSize?: number;
  skipSpaceCheck?: boolean;
  createWorker?: () => RestoreWorkerLike;
}

/**
 * Restore a backup file into `db` in a worker; resolves with the report (problems by position, as
 * restoreBackupFile gives them), rejects with a BackupError for a file that is not a backup, or
 * with the database's error (a full disk named as such by utils/storage writeErrorMessage).
 */
export function restoreInWorker(db: DB, file: Blob, fileName: string, opts: WorkerRestoreOptions = {}): Promise<RestoreReport> {
  const worker = (opts.createWorker ?? createRestoreWorker)();
  return new Promise<RestoreReport>((resolve, reject) => {
    const onAbort = () => worker.postMessage({ type: 'cancel' });
    const finish = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    worker.onmessage = (event) => {
      const m = event.data;
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'done') {
        finish();
        resolve({ ...m.report, problems: m.report.problems.map((p) => new RestoreProblem(p.position, p.problem)) });
      } else {
        finish();
        reject(errorFromData(m.error, fileName));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the restore worker failed'));
    };
    opts.signal?.addEventListener('abort', onAbort);
    worker.postMessage({ type: 'start', file, fileName, dbName: db.name, batchSize: opts.batchSize, skipSpaceCheck: opts.skipSpaceCheck });
    if (opts.signal?.aborted) onAbort();
  });
}
