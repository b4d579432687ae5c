// Automatic rolling backups, written without the user present: the background wakes on an alarm,
// asks whether a backup is due (utils/auto-backup), builds the backup file from the database
// (utils/backup createBackupBlob), hands it to the downloads API under the downloads folder's
// AUTO_BACKUP_FOLDER, waits for the file to be written, then removes the automatic backups beyond
// the number to keep. The outcome (file name, or the problem) is stored in the autoBackupLog
// setting, which Settings shows. Nothing in the library is written.
//
// A Chrome (MV3) service worker cannot make a blob: URL (no URL.createObjectURL there): an
// offscreen document (reason BLOBS) builds the Blob and answers its URL, and stays open until the
// download has read it. A Firefox (MV2) background page has the DOM and makes the URL itself.
//
// Only files this extension wrote are ever removed: the ones recorded by download id in the log,
// and then only when the browser still says this extension made that download under that name.
import { browser, type Browser } from 'wxt/browser';
import { createBackupBlob, backupFileName } from './backup';
import { db as sharedDb, type DB } from './db';
import { CodedError, type Message } from './i18n';
import { onMessage, sendMessage, type BuiltBlob } from './messaging';
import { getSetting, setSetting } from './settings';
import {
  AUTO_BACKUP_FOLDER,
  CHECK_EVERY_MINUTES,
  backupDue,
  baseName,
  filesToRemove,
  type AutoBackupFile,
  type AutoBackupLog,
  type AutoBackupOutcome,
} from './auto-backup';

export const AUTO_BACKUP_ALARM = 'tifa-lens-auto-backup';
/** The offscreen document that builds the Blob in Chrome (entrypoints/backup-offscreen.html). */
export const OFFSCREEN_PATH = '/backup-offscreen.html';
export const DOWNLOADS_PERMISSION = { permissions: ['downloads'] } as const;

/** A blob: URL of a backup file, and how to let it go once the download has read it. */
export interface BlobUrl {
  url: string;
  release(): Promise<void>;
}
export type BlobUrlMaker = (db: DB, now: Date) => Promise<BlobUrl>;

function problemOf(err: unknown): Message {
  if (err instanceof CodedError) return err.detail;
  const text = err instanceof Error ? err.message || err.name : String(err);
  return { key: 'autoBackup.other', params: { problem: text.split('\n')[0] ?? text } };
}

class AutoBackupFailure extends CodedError {}

/** Where the browser has the DOM (Firefox's background page, tests): the URL is made here. */
export const directBlobUrl: BlobUrlMaker = async (database, now) => {
  const blob = await createBackupBlob(database, { now });
  const url = URL.createObjectURL(blob);
  return { url, release: async () => URL.revokeObjectURL(url) };
};

async function closeOffscreen(): Promise<void> {
  try {
    await browser.offscreen.closeDocument();
  } catch {
    // Already closed.
  }
}

/** Chrome's service worker: the offscreen document builds the Blob and keeps its URL alive until released. */
export const offscreenBlobUrl: BlobUrlMaker = async () => {
  // One offscreen document per extension: one left by a worker that was stopped mid-backup goes first.
  if (await browser.offscreen.hasDocument?.().catch(() => false)) await closeOffscreen();
  await browser.offscreen.createDocument({
    url: OFFSCREEN_PATH,
    reasons: ['BLOBS' as Browser.offscreen.Reason],
    justification: 'Builds the automatic backup file of the library for the downloads API.',
  });
  try {
    const built = (await sendMessage('buildBackupBlob', undefined)) as BuiltBlob;
    if ('problem' in built) throw new AutoBackupFailure(built.problem);
    return { url: built.url, release: closeOffscreen };
  } catch (err) {
    await closeOffscreen();
    throw err;
  }
};

/** The way this browser makes the backup's URL: an offscreen document where there is the API, else here. */
export function platformBlobUrl(): BlobUrlMaker {
  return typeof browser.offscreen?.createDocument === 'function' ? offscreenBlobUrl : directBlobUrl;
}

/** In the offscreen document: answer `buildBackupBlob` with a blob: URL of the backup built from `database`. */
export function serveBackupBlobs(database: DB = sharedDb): void {
  onMessage('buildBackupBlob', async (): Promise<BuiltBlob> => {
    try {
      const blob = await createBackupBlob(database);
      return { url: URL.createObjectURL(blob), bytes: blob.size };
    } catch (err) {
      return { problem: problemOf(err) };
    }
  });
}

/** Create the alarm that wakes the background when automatic backups are on; clear it when off. */
export async function scheduleAutoBackups(database: DB = sharedDb): Promise<void> {
  const { frequency } = await getSetting('autoBackup', database);
  if (frequency === 'off') {
    await browser.alarms.clear(AUTO_BACKUP_ALARM);
    return;
  }
  if (!(await browser.alarms.get(AUTO_BACKUP_ALARM))) {
    await browser.alarms.create(AUTO_BACKUP_ALARM, { delayInMinutes: 1, periodInMinutes: CHECK_EVERY_MINUTES });
  }
}

/**
 * Ask for the downloads permission, for the click that switches automatic backups on. Called first
 * thing in the handler (Firefox grants only within the user's input). True when it is granted.
 */
export async function requestDownloadsPermission(): Promise<boolean> {
  try {
    return await browser.permissions.request({ ...DOWNLOADS_PERMISSION, permissions: [...DOWNLOADS_PERMISSION.permissions] });
  } catch {
    // A build that declares the permission as required cannot request it: it has it already.
    return browser.permissions.contains({ permissions: [...DOWNLOADS_PERMISSION.permissions] }).catch(() => false);
  }
}

async function hasDownloads(): Promise<boolean> {
  if (!browser.downloads?.download) return false;
  return browser.permissions.contains({ permissions: [...DOWNLOADS_PERMISSION.permissions] }).catch(() => false);
}

/** Why the browser stopped a download (its interrupt reason), as a message. */
function interruptProblem(reason: string | undefined): Message {
  if (reason === 'FILE_NO_SPACE') return { key: 'autoBackup.noSpace' };
  if (reason === 'FILE_ACCESS_DENIED' || reason === 'FILE_BLOCKED') return { key: 'autoBackup.accessDenied', params: { reason } };
  return { key: 'autoBackup.interrupted', params: { reason: reason ?? '?' } };
}

/** How often a download under way is looked at again. */
const POLL_MS = 3_000;

interface DownloadEnd {
  state: 'complete' | 'interrupted';
  error?: string;
}

/** Start a download and wait until the browser says it is complete or interrupted. */
async function downloadAndWait(url: string, filename: string): Promise<{ id: number; end: DownloadEnd }> {
  const ended = new Map<number, DownloadEnd>();
  let wanted: number | null = null;
  let settle: (end: DownloadEnd) => void = () => undefined;
  const done = new Promise<DownloadEnd>((resolve) => (settle = resolve));
  const listener = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return;
    const end: DownloadEnd = { state, error: delta.error?.current };
    if (delta.id === wanted) settle(end);
    else ended.set(delta.id, end);
  };
  browser.downloads.onChanged.addListener(listener);
  try {
    const id = await browser.downloads.download({ url, filename, conflictAction: 'uniquify', saveAs: false });
    wanted = id;
    const early = ended.get(id);
    if (early) return { id, end: early };
    // Asked again every few seconds as well as told: a missed event does not leave the run waiting,
    // and the calls keep a Chrome service worker awake while a large file is written.
    for (;;) {
      const [item] = await browser.downloads.search({ id });
      if (!item) return { id, end: { state: 'interrupted', error: 'USER_CANCELED' } };
      if (item.state === 'complete' || item.state === 'interrupted') return { id, end: { state: item.state, error: item.error } };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const told = await Promise.race([done, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), POLL_MS)))]);
      clearTimeout(timer);
      if (told) return { id, end: told };
    }
  } finally {
    browser.downloads.onChanged.removeListener(listener);
  }
}

/**
 * Remove the recorded files beyond `keep`: each only when the browser's record of its download
 * still names this extension and the same file. Answers the files that remain recorded.
 */
async function removeOld(files: AutoBackupFile[], keep: number): Promise<AutoBackupFile[]> {
  const gone = new Set<number>();
  for (const f of filesToRemove(files, keep)) {
    gone.add(f.downloadId);
    const [item] = await browser.downloads.search({ id: f.downloadId }).catch(() => []);
    // Not ours (or no longer known to the browser): forgotten, never removed.
    if (!item || item.byExtensionId !== browser.runtime.id || baseName(item.filename) !== f.fileName) continue;
    if (item.exists !== false && item.state === 'complete') {
      // Already deleted by the user: nothing to remove, the history entry still goes.
      await browser.downloads.removeFile(f.downloadId).catch(() => undefined);
    }
    await browser.downloads.erase({ id: f.downloadId }).catch(() => undefined);
  }
  return files.filter((f) => !gone.has(f.downloadId));
}

export interface RunOptions {
  db?: DB;
  now?: Date;
  /** How the backup's blob: URL is made (default: this browser's way, platformBlobUrl). */
  makeUrl?: BlobUrlMaker;
  /** Write one even when none is due (still not when automatic backups are off). */
  force?: boolean;
}

/** The last run queued: runs go one after another, never side by side. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Write an automatic backup when one is due, remove the old ones beyond the number to keep, and
 * record the outcome in the autoBackupLog setting. Answers the outcome, or null when none was due
 * (or automatic backups are off). One at a time: a call while one runs waits for it, then asks
 * again whether a backup is due (so two wakes close together write one backup).
 */
export function runAutoBackup(opts: RunOptions = {}): Promise<AutoBackupOutcome | null> {
  const run = queue.then(() => runOnce(opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(opts: RunOptions): Promise<AutoBackupOutcome | null> {
  const database = opts.db ?? sharedDb;
  const now = opts.now ?? new Date();
  const setting = await getSetting('autoBackup', database);
  const log = await getSetting('autoBackupLog', database);
  if (setting.frequency === 'off') return null;
  const last = log.lastSuccessAt === null ? null : Date.parse(log.lastSuccessAt);
  if (!opts.force && !backupDue(setting.frequency, last, now.getTime())) return null;

  const at = now.toISOString();
  let outcome: AutoBackupOutcome;
  let next: AutoBackupLog;
  try {
    if (!(await hasDownloads())) throw new AutoBackupFailure({ key: 'autoBackup.noPermission' });
    const blobUrl = await (opts.makeUrl ?? platformBlobUrl())(database, now);
    let id: number;
    let end: DownloadEnd;
    try {
      ({ id, end } = await downloadAndWait(blobUrl.url, `${AUTO_BACKUP_FOLDER}/${backupFileName(now)}`));
    } finally {
      await blobUrl.release();
    }
    const [item] = await browser.downloads.search({ id });
    if (end.state === 'interrupted') {
      // A partial file left by the interruption is this extension's own: it goes, with its history entry.
      if (item?.exists) await browser.downloads.removeFile(id).catch(() => undefined);
      await browser.downloads.erase({ id }).catch(() => undefined);
      throw new AutoBackupFailure(interruptProblem(end.error ?? item?.error));
    }
    const fileName = baseName(item?.filename ?? backupFileName(now));
    outcome = { ok: true, at, fileName };
    const files = await removeOld([...log.files, { downloadId: id, fileName, writtenAt: at }], setting.keep);
    next = { lastSuccessAt: at, last: outcome, files };
  } catch (err) {
    outcome = { ok: false, at, problem: problemOf(err) };
    next = { ...log, last: outcome };
    console.error('Tifa Lens: automatic backup failed', err);
  }
  await setSetting('autoBackupLog', next, database);
  return outcome;
}
