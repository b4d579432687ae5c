// Restoring through the restore worker's host (in process, messages cloned and delivered
// asynchronously as a Web Worker would): documents are written in whole batches, one transaction
// each; a cancel stops after the batch being written and says how many were restored; a failure
// (a full disk) in a batch leaves the batches before it whole and nothing of its own.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeRecord, openDatabase, type DB, type DocumentRecord } from '@/utils/db';
import { BACKUP_FORMAT, BackupError, RestoreProblem, type RestoreProgress } from '@/utils/backup';
import { RestoreHost, restoreInWorker, type FromRestoreWorker, type RestoreWorkerLike, type ToRestoreWorker } from '@/utils/restore-client';
import { isStorageFull, writeErrorMessage } from '@/utils/storage';
import { errorText, setLanguage, t } from '@/utils/i18n';
import { testCapture } from '../helpers/capture';

let n = 0;
let db: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`restore-worker-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** The restore worker in process: the real RestoreHost behind a Worker-shaped object. */
function inProcessRestoreWorker(open: (name: string) => DB = openDatabase): RestoreWorkerLike {
  let alive = true;
  const w: RestoreWorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {
      alive = false;
    },
    postMessage(m: ToRestoreWorker) {
      // A Blob crosses to a worker as itself; the rest is cloned.
      const copy = m.type === 'start' ? { ...structuredClone({ ...m, file: null }), file: m.file } : structuredClone(m);
      setTimeout(() => alive && host.receive(copy as ToRestoreWorker), 0);
    },
  };
  const host = new RestoreHost((m: FromRestoreWorker) => setTimeout(() => alive && w.onmessage?.({ data: structuredClone(m) } as MessageEvent<FromRestoreWorker>), 0), open);
  return w;
}

/** A version 2 backup of `count` synthetic documents (ids 1…count), one bad line at `badLine` if given, a lexicon entry. */
async function backupOf(count: number, badLine?: number): Promise<Blob> {
  const lines: string[] = [JSON.stringify({ format: BACKUP_FORMAT, version: 2, exportedAt: '2025-01-01T00:00:00.000Z', counts: { documents: count, lexicon: 1, settings: 0 } })];
  for (let i = 1; i <= count; i++) {
    const text = `第${i}号文件，坚持稳中求进。`;
    const url = `https://gov.cn/doc/${i}`;
    const rec: DocumentRecord = {
      ...(await makeRecord({ url, title: `文件 ${i}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: testCapture(text, url), tags: ['t'] })),
      id: i,
    };
    lines.push(lines.length + 1 === badLine ? '{"kind":"document","document":' : JSON.stringify({ kind: 'document', document: rec, analysis: null }));
  }
  lines.push(JSON.stringify({ kind: 'lexicon', entry: { term: '稳中求进', category: 'policy', aliases: [] } }));
  lines.push(JSON.stringify({ kind: 'end', counts: { documents: count, lexicon: 1, settings: 0 } }));
  return new Blob([lines.join('\n') + '\n']);
}

describe('restore in the worker', () => {
  it('restores every document in batches, with progress to the end and bad lines reported by position', async () => {
    const file = await backupOf(1_200, 7);
    const progress: RestoreProgress[] = [];
    const report = await restoreInWorker(db, file, 'big.ndjson', { batchSize: 500, skipSpaceCheck: true, createWorker: () => inProcessRestoreWorker(), onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ added: 1_199, updated: 0, skipped: 0, lexiconAdded: 1, truncated: false, cancelled: false });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toBeInstanceOf(RestoreProblem);
    expect(report.problems[0]?.position).toBe('line 7');
    expect(await db.documents.count()).toBe(1_199);
    // The documents written are reported a whole batch at a time, and the bytes read reach the file's size.
    const docs = [...new Set(progress.map((p) => p.documents))];
    expect(docs).toEqual([0, 500, 1_000, 1_199]);
    expect(progress[progress.length - 1]).toMatchObject({ bytesRead: file.size, totalBytes: file.size });
  });

  it('a cancel keeps whole batches only, says how many were restored, and writes nothing after them', async () => {
    const file = await backupOf(3_000);
    const controller = new AbortController();
    const report = await restoreInWorker(db, file, 'big.ndjson', {
      batchSize: 500,
      skipSpaceCheck: true,
      createWorker: () => inProcessRestoreWorker(),
      signal: controller.signal,
      // Cancelled as soon as the first batch is in.
      onProgress: (p) => p.documents >= 500 && controller.abort(),
    });
    expect(report.cancelled).toBe(true);
    const stored = await db.documents.count();
    expect(stored).toBe(report.added);
    expect(stored).toBeGreaterThanOrEqual(500);
    expect(stored).toBeLessThan(3_000);
    expect(stored % 500).toBe(0);
    // The stored ones are the file's first documents, each whole.
    const ids = (await db.documents.toCollection().primaryKeys()).map(Number).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    // Nothing after the last batch: the lexicon at the end of the file was not merged.
    expect(await db.lexicon.count()).toBe(0);
    expect(report.lexiconAdded).toBe(0);
    expect(t('restore.cancelled', { file: 'big.ndjson', n: report.added })).toContain(`${stored} document(s) were restored`);
  });

  it('a full disk in the third batch: the first two batches stay whole, nothing of the third is stored, the error names the disk', async () => {
    const file = await backupOf(1_200);
    let created = 0;
    // The worker's own connection to the database refuses the 1,100th document: inside the third batch (1,001-1,200).
    const full = (name: string) => {
      const workerDb = openDatabase(name);
      workerDb.documents.hook('creating', () => {
        if (++created === 1_100) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      });
      return workerDb;
    };
    const err = await restoreInWorker(db, file, 'big.ndjson', { batchSize: 500, skipSpaceCheck: true, createWorker: () => inProcessRestoreWorker(full) }).catch((e: unknown) => e);
    expect(isStorageFull(err)).toBe(true);
    expect(t(writeErrorMessage(err).key, writeErrorMessage(err).params, 'en')).toMatch(/^The disk is full/);
    expect(await db.documents.count()).toBe(1_000);
    expect(await db.lexicon.count()).toBe(0);
  });

  it('a file that is not a backup is refused with a message naming it, nothing stored', async () => {
    const err = await restoreInWorker(db, new Blob(['hello\n']), 'notes.txt', { skipSpaceCheck: true, createWorker: () => inProcessRestoreWorker() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(errorText(err)).toContain('notes.txt');
    expect(await db.documents.count()).toBe(0);
  });
});
