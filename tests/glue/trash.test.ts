// Deleting moves documents and their analyses to a trash kept TRASH_DAYS days, restorable.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageCapture } from '@/analysis/types';
import {
  addDocument,
  deleteDocument,
  findDuplicate,
  listTrash,
  openDatabase,
  purgeExpiredTrash,
  putAnalysis,
  restoreFromTrash,
  TRASH_DAYS,
  trashDocuments,
  type DB,
  type DocumentInput,
  type DocumentRecord,
} from '@/utils/db';
import { backupJson, restoreBackup } from '@/utils/backup';

let n = 0;
let db: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`trash-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z' };
}
function input(url: string, text: string): DocumentInput {
  return { url, title: url, orgs: [], docNumber: '', date: '', year: null, docType: '', script: 'simplified', text, source: capture(text, url) };
}
async function withAnalysis(url: string, text: string): Promise<DocumentRecord> {
  const d = await addDocument(input(url, text), db);
  await putAnalysis({ docId: String(d.id), version: 'v', textHash: d.textHash, chars: 1, terms: [['改革', 1]], formulations: [], outline: [], stats: { chars: 1, paragraphs: 1, sentences: 1, meanSentenceLength: 1 } }, db);
  return d;
}
const DAY = 24 * 60 * 60 * 1000;

describe('trash', () => {
  it('moves documents with their analyses in one transaction, and lists them newest first', async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const b = await withAnalysis('https://gov.cn/b', '乙文件。');
    const c = await withAnalysis('https://gov.cn/c', '丙文件。');
    const moved = await trashDocuments([a.id!, b.id!, 999], db, new Date('2025-01-01T00:00:00Z'));
    expect(moved.map((m) => m.document.id)).toEqual([a.id, b.id]);
    await trashDocuments([c.id!], db, new Date('2025-01-02T00:00:00Z'));
    expect(await db.documents.count()).toBe(0);
    expect(await db.analyses.count()).toBe(0);
    const trash = await listTrash(db);
    expect(trash[0]?.id).toBe(c.id);
    expect(trash.map((t) => t.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(trash.every((t) => t.analysis?.textHash === t.document.textHash)).toBe(true);
    // A trashed document is no longer "already clipped".
    expect(await findDuplicate('https://gov.cn/a', a.contentHash, db)).toBeNull();
  });

  it('a failure part-way moves nothing', async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const b = await withAnalysis('https://gov.cn/b', '乙文件。');
    let calls = 0;
    db.trash.hook('creating', () => {
      if (++calls === 2) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    });
    await expect(trashDocuments([a.id!, b.id!], db)).rejects.toThrow();
    expect((await db.documents.toArray()).map((d) => d.id)).toEqual([a.id, b.id]);
    expect(await db.analyses.count()).toBe(2);
    expect(await db.trash.count()).toBe(0);
  });

  it('restores under the old ids with the analyses; a taken id gets a new one', async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const b = await withAnalysis('https://gov.cn/b', '乙文件。');
    await trashDocuments([a.id!, b.id!], db);
    // Another document takes b's id meanwhile (a backup restored with its own ids).
    await db.documents.add({ ...b, id: b.id!, uid: 'someone-else', url: 'https://other/x' });
    const report = await restoreFromTrash([a.id!, b.id!, 12345], db);
    expect(report.restored).toEqual([a.id]);
    expect(report.renumbered).toHaveLength(1);
    expect(report.renumbered[0]?.[0]).toBe(b.id);
    expect(report.missing).toEqual([12345]);
    const newB = report.renumbered[0]![1];
    expect((await db.documents.get(a.id!))?.uid).toBe(a.uid);
    expect((await db.documents.get(newB))?.uid).toBe(b.uid);
    expect((await db.analyses.get(String(a.id)))?.textHash).toBe(a.textHash);
    expect((await db.analyses.get(String(newB)))?.textHash).toBe(b.textHash);
    expect(await db.trash.count()).toBe(0);
  });

  it('does not bring back a second copy of a document a backup restored meanwhile', async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const backup = await backupJson(db);
    await trashDocuments([a.id!], db);
    await restoreBackup(db, backup, 'b.ndjson', { skipSpaceCheck: true });
    const report = await restoreFromTrash([a.id!], db);
    expect(report.alreadyPresent).toEqual([a.id]);
    expect(await db.documents.count()).toBe(1);
    expect(await db.trash.count()).toBe(0);
  });

  it(`purges only what was deleted more than ${TRASH_DAYS} days ago`, async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const b = await withAnalysis('https://gov.cn/b', '乙文件。');
    const t0 = new Date('2025-01-01T00:00:00Z');
    await trashDocuments([a.id!], db, t0);
    await trashDocuments([b.id!], db, new Date(t0.getTime() + 10 * DAY));
    expect(await purgeExpiredTrash(new Date(t0.getTime() + TRASH_DAYS * DAY - 1), db)).toBe(0);
    expect(await purgeExpiredTrash(new Date(t0.getTime() + TRASH_DAYS * DAY + 1), db)).toBe(1);
    expect((await listTrash(db)).map((t) => t.id)).toEqual([b.id]);
  });

  it('deleteDocument (the library\'s delete with undo) goes through the trash', async () => {
    const a = await withAnalysis('https://gov.cn/a', '甲文件。');
    const deleted = await deleteDocument(a.id!, db);
    expect(deleted?.document.id).toBe(a.id);
    expect((await listTrash(db)).map((t) => t.id)).toEqual([a.id]);
  });
});
