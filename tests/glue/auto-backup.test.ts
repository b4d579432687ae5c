import 'fake-indexeddb/auto';
import { resolveObjectURL } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The background reads fetched attachments with the browser build of pdf.js, which needs a browser
// to load; nothing is fetched here.
vi.mock('@/utils/import-host', () => ({
  createInThreadReader: () => {
    throw new Error('no file is read in these tests');
  },
}));
import background from '@/entrypoints/background';
import { addDocument, db, openDatabase } from '@/utils/db';
import { getSetting, setSetting } from '@/utils/settings';
import { removeAllListeners } from '@/utils/messaging';
import { restoreBackup } from '@/utils/backup';
import { AUTO_BACKUP_ALARM, OFFSCREEN_PATH, runAutoBackup, scheduleAutoBackups, serveBackupBlobs } from '@/utils/auto-backup-run';
import { AUTO_BACKUP_FOLDER } from '@/utils/auto-backup';
import { testCapture } from '../helpers/capture';

// The alarm → offscreen document → downloads API → removal of old files → log, through the real
// background wiring, with fakeBrowser and fake-indexeddb. The downloads API is a stand-in that
// writes into `disk` (path → text) and reports completion as the browser does, through onChanged.

const DAY = 24 * 3_600_000;
const START = Date.parse('2026-11-01T09:00:00Z');
const OTHER_EXTENSION = 'someone-else';

interface Item {
  id: number;
  filename: string;
  state: 'in_progress' | 'complete' | 'interrupted';
  exists: boolean;
  byExtensionId?: string;
  error?: string;
}

let disk: Map<string, string>;
let items: Map<number, Item>;
let nextId: number;
/** The interrupt reason the next download fails with, or null. */
let failWith: string | null;
let granted: boolean;
let offscreenOpen: boolean;
let offscreenServing: boolean;
type Delta = { id: number; state?: { current: string }; error?: { current: string } };
let changed: ((d: Delta) => void)[];

function uniquify(path: string): string {
  if (!disk.has(path)) return path;
  const dot = path.lastIndexOf('.');
  for (let n = 1; ; n++) {
    const candidate = `${path.slice(0, dot)} (${n})${path.slice(dot)}`;
    if (!disk.has(candidate)) return candidate;
  }
}

function installFakes(): void {
  disk = new Map();
  items = new Map();
  nextId = 1;
  failWith = null;
  granted = true;
  offscreenOpen = false;
  changed = [];
  const downloads = {
    async download(opts: { url: string; filename: string; conflictAction?: string }) {
      expect(opts.conflictAction).toBe('uniquify');
      const blob = resolveObjectURL(opts.url);
      if (!blob) throw new Error(`no blob at ${opts.url}`);
      const id = nextId++;
      const path = uniquify(`/home/user/Downloads/${opts.filename}`);
      const item: Item = { id, filename: path, state: 'in_progress', exists: true, byExtensionId: fakeBrowser.runtime.id };
      items.set(id, item);
      const text = await blob.text();
      const reason = failWith;
      setTimeout(() => {
        if (reason) {
          item.state = 'interrupted';
          item.error = reason;
          disk.set(path, text.slice(0, 10)); // the partial file
          for (const l of changed) l({ id, state: { current: 'interrupted' }, error: { current: reason } });
        } else {
          item.state = 'complete';
          disk.set(path, text);
          for (const l of changed) l({ id, state: { current: 'complete' } });
        }
      }, 0);
      return id;
    },
    async search(q: { id?: number }) {
      return [...items.values()].filter((i) => q.id === undefined || i.id === q.id).map((i) => ({ ...i }));
    },
    async removeFile(id: number) {
      const item = items.get(id);
      if (!item || !item.exists) throw new Error('Download file already deleted');
      disk.delete(item.filename);
      item.exists = false;
    },
    async erase(q: { id: number }) {
      items.delete(q.id);
      return [q.id];
    },
    onChanged: {
      addListener: (l: (d: Delta) => void) => void changed.push(l),
      removeListener: (l: (d: Delta) => void) => void changed.splice(changed.indexOf(l), 1),
    },
  };
  Object.assign(fakeBrowser, { downloads });
  Object.assign(fakeBrowser.permissions, {
    contains: async (p: { permissions?: string[] }) => granted || !(p.permissions ?? []).includes('downloads'),
    request: async () => granted,
  });
  Object.assign(fakeBrowser.offscreen, {
    async createDocument(opts: { url: string; reasons: string[] }) {
      expect(opts.url).toBe(OFFSCREEN_PATH);
      expect(opts.reasons).toEqual(['BLOBS']);
      if (offscreenOpen) throw new Error('Only a single offscreen document may be created.');
      offscreenOpen = true;
      // The offscreen document's own code, over the same database (the messenger keeps one listener per type).
      if (!offscreenServing) serveBackupBlobs(db);
      offscreenServing = true;
    },
    async closeDocument() {
      if (!offscreenOpen) throw new Error('No current offscreen document.');
      offscreenOpen = false;
    },
    hasDocument: async () => offscreenOpen,
  });
}

/** A file the user downloaded into the same folder, named like a backup: never to be touched. */
function userFile(): Item {
  const item: Item = { id: 900, filename: `/home/user/Downloads/${AUTO_BACKUP_FOLDER}/tifa-lens-backup-2026-10-01.ndjson`, state: 'complete', exists: true, byExtensionId: OTHER_EXTENSION };
  items.set(item.id, item);
  disk.set(item.filename, 'the user’s own file');
  return item;
}

async function addDocs(): Promise<void> {
  for (const [i, text] of ['第一篇文件的正文。推进高质量发展。', '第二篇文件的正文。加快建设现代化产业体系。', '第三篇文件。'].entries()) {
    const url = `https://www.example.gov.cn/doc-${i}.html`;
    await addDocument({ url, title: `文件${i + 1}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: testCapture(text, url) });
  }
}

/** Fire the alarm at `at` and wait until the log records an attempt made then. */
async function fireAt(at: number): Promise<void> {
  vi.setSystemTime(at);
  await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_BACKUP_ALARM, scheduledTime: at, persistAcrossSessions: true });
  const iso = new Date(at).toISOString();
  await vi.waitFor(async () => expect((await getSetting('autoBackupLog')).last?.at).toBe(iso), { timeout: 10_000 });
}

let restoredN = 0;
async function restoredDocs(text: string) {
  const target = openDatabase(`auto-backup-restored-${++restoredN}`);
  const report = await restoreBackup(target, text, 'auto.ndjson', { skipSpaceCheck: true });
  expect(report.problems).toEqual([]);
  const docs = (await target.documents.toArray()).map((d) => [d.uid, d.title, d.text]);
  target.close();
  return docs.sort();
}

async function libraryDocs() {
  return (await db.documents.toArray()).map((d) => [d.uid, d.title, d.text]).sort();
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  removeAllListeners();
  fakeBrowser.reset();
  offscreenServing = false;
  installFakes();
  await db.documents.clear();
  await db.settings.clear();
  await setSetting('language', 'en');
  await addDocs();
  // The fake has no context-menu or command events; the background registers listeners on them.
  const noEvent = () => ({ addListener: () => undefined, removeListener: () => undefined, hasListener: () => false });
  Object.assign(fakeBrowser.contextMenus, { onClicked: noEvent(), create: () => undefined, removeAll: async () => undefined });
  Object.assign(fakeBrowser.commands, { onCommand: noEvent() });
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('automatic backups', () => {
  it('alarm → backup written via the downloads API → those beyond the number kept removed → log', async () => {
    const foreign = userFile();
    await setSetting('autoBackup', { frequency: 'weekly', keep: 2 });

    await fireAt(START);
    let log = await getSetting('autoBackupLog');
    expect(log.last).toMatchObject({ ok: true, fileName: 'tifa-lens-backup-2026-11-01.ndjson' });
    expect(log.files.map((f) => f.downloadId)).toEqual([1]);
    const first = disk.get(`/home/user/Downloads/${AUTO_BACKUP_FOLDER}/tifa-lens-backup-2026-11-01.ndjson`);
    expect(first).toBeDefined();
    // The file is a backup of the library: restored elsewhere it gives the same documents.
    expect(await restoredDocs(first!)).toEqual(await libraryDocs());
    expect(offscreenOpen).toBe(false);

    // A day later a weekly backup is not due: nothing written.
    vi.setSystemTime(START + DAY);
    await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_BACKUP_ALARM, scheduledTime: START + DAY, persistAcrossSessions: true });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'some-other-alarm', scheduledTime: START + DAY, persistAcrossSessions: true });
    // Runs queue one after another: this one answers once the alarm's run has finished.
    expect(await runAutoBackup()).toBeNull();
    expect((await getSetting('autoBackupLog')).last?.at).toBe(new Date(START).toISOString());
    expect(items.size).toBe(2);

    await fireAt(START + 7 * DAY);
    await fireAt(START + 14 * DAY);
    log = await getSetting('autoBackupLog');
    // Three written, two kept: the first is gone from disk and from the browser's list.
    expect(log.files.map((f) => f.downloadId)).toEqual([2, 3]);
    expect(items.has(1)).toBe(false);
    expect([...disk.keys()].filter((p) => p.includes('2026-11-01'))).toEqual([]);
    expect(log.last).toMatchObject({ ok: true, fileName: 'tifa-lens-backup-2026-11-15.ndjson' });
    expect(log.lastSuccessAt).toBe(new Date(START + 14 * DAY).toISOString());
    // The user's file in the same folder is untouched.
    expect(disk.get(foreign.filename)).toBe('the user’s own file');
    expect(items.has(foreign.id)).toBe(true);
    expect(await restoredDocs(disk.get(`/home/user/Downloads/${AUTO_BACKUP_FOLDER}/tifa-lens-backup-2026-11-15.ndjson`)!)).toEqual(await libraryDocs());
  });

  it('never removes a file the extension did not write, even when the log names its download', async () => {
    const foreign = userFile();
    await setSetting('autoBackup', { frequency: 'daily', keep: 1 });
    // A log naming the user's download as if it were an automatic backup (a stale or tampered record).
    await setSetting('autoBackupLog', { lastSuccessAt: null, last: null, files: [{ downloadId: foreign.id, fileName: 'tifa-lens-backup-2026-10-01.ndjson', writtenAt: '2026-10-01T00:00:00.000Z' }] });
    await fireAt(START);
    const log = await getSetting('autoBackupLog');
    expect(log.files.map((f) => f.downloadId)).toEqual([1]);
    expect(disk.get(foreign.filename)).toBe('the user’s own file');
    expect(items.get(foreign.id)).toMatchObject({ exists: true });
  });

  it('a full disk is recorded as the problem; the library and the earlier backups stay as they were', async () => {
    await setSetting('autoBackup', { frequency: 'daily', keep: 4 });
    await fireAt(START);
    const before = await getSetting('autoBackupLog');
    const docsBefore = await libraryDocs();

    failWith = 'FILE_NO_SPACE';
    await fireAt(START + DAY);
    const log = await getSetting('autoBackupLog');
    expect(log.last).toEqual({ ok: false, at: new Date(START + DAY).toISOString(), problem: { key: 'autoBackup.noSpace' } });
    expect(log.lastSuccessAt).toBe(before.lastSuccessAt);
    expect(log.files).toEqual(before.files);
    // The partial file went with its download entry; the first backup is still there.
    expect([...disk.keys()]).toEqual([`/home/user/Downloads/${AUTO_BACKUP_FOLDER}/tifa-lens-backup-2026-11-01.ndjson`]);
    expect(items.has(2)).toBe(false);
    expect(await libraryDocs()).toEqual(docsBefore);
    expect(offscreenOpen).toBe(false);

    // The next wake tries again (the last one written is still more than a day old).
    failWith = null;
    await fireAt(START + DAY + 3_600_000);
    expect((await getSetting('autoBackupLog')).last).toMatchObject({ ok: true, fileName: 'tifa-lens-backup-2026-11-02.ndjson' });
  });

  it('a withdrawn downloads permission is recorded, nothing is downloaded', async () => {
    await setSetting('autoBackup', { frequency: 'weekly', keep: 4 });
    granted = false;
    await fireAt(START);
    expect((await getSetting('autoBackupLog')).last).toMatchObject({ ok: false, problem: { key: 'autoBackup.noPermission' } });
    expect(items.size).toBe(0);
  });

  it('off: the alarm writes nothing; scheduling creates the alarm when on and clears it when off', async () => {
    await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_BACKUP_ALARM, scheduledTime: START, persistAcrossSessions: true });
    await scheduleAutoBackups();
    expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeUndefined();
    expect(items.size).toBe(0);
    expect((await getSetting('autoBackupLog')).last).toBeNull();

    await setSetting('autoBackup', { frequency: 'daily', keep: 4 });
    await scheduleAutoBackups();
    expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toMatchObject({ periodInMinutes: 60 });
    await setSetting('autoBackup', { frequency: 'off', keep: 4 });
    await scheduleAutoBackups();
    expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeUndefined();
  });

  it('the alarm is made again at startup while automatic backups are on', async () => {
    await setSetting('autoBackup', { frequency: 'weekly', keep: 4 });
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(AUTO_BACKUP_ALARM)).toBeDefined());
  });
});
