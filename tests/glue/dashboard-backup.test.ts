import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DocAnalysis, PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, trashDocuments, updateDocument, type DB, type DocumentInput, type DocumentRecord } from '@/utils/db';
import { BackupError, backupJson, createBackupBlob, restoreBackup, restoreBackupFile } from '@/utils/backup';

let n = 0;
const opened: DB[] = [];
function freshDb(): DB {
  const db = openDatabase(`dashboard-backup-${++n}`);
  opened.push(db);
  return db;
}
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: '<p>x</p>', articleText: text, pageText: text, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z' };
}
function input(url: string, text: string, p: Partial<DocumentInput> = {}): DocumentInput {
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url), ...p };
}
function analysis(rec: DocumentRecord, version = 'v1'): DocAnalysis & { textHash: string } {
  return { docId: String(rec.id), version, textHash: rec.textHash, chars: 5, terms: [['改革', 2]], formulations: [], outline: [], stats: { chars: 5, paragraphs: 1, sentences: 1, meanSentenceLength: 5 } };
}

async function seedLibrary(db: DB) {
  const a = await addDocument(input('https://gov.cn/a', '深化改革，扩大开放。', { tags: ['t1'] }), db);
  const b = await addDocument(input('https://gov.cn/b', '两个确立，两个维护。'), db);
  await putAnalysis(analysis(a), db);
  await db.lexicon.add({ term: '新质生产力', category: 'policy', aliases: [] });
  await db.settings.put({ key: 'stopwords', value: ['一些'] });
  await db.settings.put({ key: 'orgAliases', value: [['国务院办公厅', '国务院']] });
  await db.settings.put({ key: 'language', value: 'zh' });
  return { a, b };
}

async function snapshot(db: DB) {
  return {
    docs: await db.documents.toArray(),
    analyses: await db.analyses.toArray(),
    lexicon: await db.lexicon.toArray(),
    settings: await db.settings.toArray(),
  };
}

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('backup → restore', () => {
  it('restores everything into an empty library, ids and uids kept', async () => {
    const src = freshDb();
    const { a, b } = await seedLibrary(src);
    const json = await backupJson(src);
    const dst = freshDb();
    const report = await restoreBackup(dst, json, 'backup.ndjson', { skipSpaceCheck: true });
    expect(report).toMatchObject({ added: 2, updated: 0, skipped: 0, lexiconAdded: 1, renumbered: 0, problems: [], truncated: false });
    const docs = await dst.documents.toArray();
    expect(docs.map((d) => [d.id, d.uid, d.url])).toEqual([[a.id, a.uid, a.url], [b.id, b.uid, b.url]]);
    const restoredA = docs.find((d) => d.url === 'https://gov.cn/a')!;
    expect(restoredA.tags).toEqual(['t1']);
    expect(restoredA.source.articleText).toBe('深化改革，扩大开放。');
    // The analysis says which text it describes, so it comes back with its document.
    const an = await dst.analyses.toArray();
    expect(an.map((x) => [x.docId, x.textHash])).toEqual([[String(a.id), a.textHash]]);
    expect((await dst.lexicon.toArray()).map((e) => e.term)).toEqual(['新质生产力']);
    expect((await dst.settings.get('stopwords'))?.value).toEqual(['一些']);
    // The language belongs to the receiving browser.
    expect(await dst.settings.get('language')).toBeUndefined();
  });

  it('"Keep both" pairs survive backup → delete all → restore, under their ids', async () => {
    const db = freshDb();
    const first = await addDocument(input('https://gov.cn/same', '第一次剪藏的正文。'), db);
    const second = await addDocument(input('https://gov.cn/same', '第一次剪藏的正文。', { title: '第二份' }), db);
    const third = await addDocument(input('https://gov.cn/same#p2', '第二次剪藏，正文有改动。'), db);
    const json = await backupJson(db);
    await trashDocuments([first.id!, second.id!, third.id!], db);
    expect(await db.documents.count()).toBe(0);
    const report = await restoreBackup(db, json, 'b.ndjson', { skipSpaceCheck: true });
    expect(report).toMatchObject({ added: 3, skipped: 0, renumbered: 0 });
    const docs = await db.documents.toArray();
    expect(docs.map((d) => [d.id, d.uid, d.title])).toEqual([first, second, third].map((d) => [d.id, d.uid, d.title]));
  });

  it('merging twice, or into a library that has the same documents, adds no duplicates', async () => {
    const src = freshDb();
    await seedLibrary(src);
    const json = await backupJson(src);
    expect(await restoreBackup(src, json, 'b.json', { skipSpaceCheck: true })).toMatchObject({ added: 0, updated: 0, skipped: 2, lexiconAdded: 0 });
    expect(await src.documents.count()).toBe(2);

    const dst = freshDb();
    // Same text under another URL (a mirror), plus one document only the receiver has.
    await addDocument(input('https://mirror.example/b', '两个确立，两个维护。'), dst);
    await addDocument(input('https://gov.cn/only-here', '只在本机。'), dst);
    await dst.settings.put({ key: 'stopwords', value: ['本地'] });
    const r1 = await restoreBackup(dst, json, 'b.json', { skipSpaceCheck: true });
    const r2 = await restoreBackup(dst, json, 'b.json', { skipSpaceCheck: true });
    expect(r1.added + r1.updated + r1.skipped).toBe(2);
    expect(r1.added).toBe(1);
    // The receiver uses the file's ids for its own documents: the added one takes a new id.
    expect(r1.renumbered).toBe(1);
    expect(r2.added).toBe(0);
    expect(await dst.documents.count()).toBe(3);
    expect((await dst.settings.get('stopwords'))?.value).toEqual(['本地', '一些']);
  });

  it('a newer copy in the file updates the older one in place', async () => {
    const src = freshDb();
    const { a } = await seedLibrary(src);
    const dst = freshDb();
    await restoreBackup(dst, await backupJson(src), 'b.json', { skipSpaceCheck: true });
    const before = (await dst.documents.toArray()).find((d) => d.url === 'https://gov.cn/a')!;
    // The edit is made a minute later (only the clock is faked: the database's own timers stay real).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    await updateDocument(a.id!, { title: '新标题' }, { mode: 'user' }, src);
    vi.useRealTimers();
    const report = await restoreBackup(dst, await backupJson(src), 'b.json', { skipSpaceCheck: true });
    expect(report.updated).toBe(1);
    const after = await dst.documents.get(before.id!);
    expect(after?.title).toBe('新标题');
    expect(after?.edited).toContain('title');
    expect(await dst.documents.count()).toBe(2);
  });

  it('a file that is not a backup names the file and leaves the library unchanged', async () => {
    const dst = freshDb();
    await seedLibrary(dst);
    const before = await snapshot(dst);
    const v1 = { format: 'tifa-lens-backup', version: 1, exportedAt: '', documents: [], analyses: [], lexicon: [], settings: [] };
    const bad: [string, RegExp][] = [
      ['{not json', /^lib\.json: not valid JSON$/],
      ['[]', /^lib\.json: not a Tifa Lens backup/],
      [JSON.stringify({ ...v1, version: 99 }), /^lib\.json: backup version 99/],
      [JSON.stringify({ ...v1, documents: 'x' }), /"documents" must be a list/],
    ];
    for (const [text, message] of bad) {
      await expect(restoreBackup(dst, text, 'lib.json', { skipSpaceCheck: true })).rejects.toThrow(message);
      await expect(restoreBackup(dst, text, 'lib.json', { skipSpaceCheck: true })).rejects.toBeInstanceOf(BackupError);
    }
    expect(await snapshot(dst)).toEqual(before);
  });

  it('bad elements are reported by position and skipped; the rest is restored, aliases and stopwords included', async () => {
    const src = freshDb();
    await seedLibrary(src);
    const rows = lines(await backupJson(src));
    const docLine = rows.findIndex((r) => r.kind === 'document');
    const broken = rows.map((r, i) => {
      if (i === docLine) return { ...r, document: { ...(r.document as object), year: 'twenty' } };
      if (r.kind === 'setting' && (r.setting as { key: string }).key === 'orgAliases')
        return { ...r, setting: { key: 'orgAliases', value: [['国务院办公厅', '国务院'], ['半个'], ['甲局', '甲市局']] } };
      if (r.kind === 'setting' && (r.setting as { key: string }).key === 'stopwords') return { ...r, setting: { key: 'stopwords', value: ['一些', 42, '若干'] } };
      return r;
    });
    const text = broken.map((r) => JSON.stringify(r)).join('\n') + '\n{oops\n';
    const dst = freshDb();
    const report = await restoreBackup(dst, text, 'b.ndjson', { skipSpaceCheck: true });
    expect(report.added).toBe(1);
    expect(report.problems.map((p) => p.position)).toEqual([`line ${docLine + 1}`, `line ${rows.length + 1}`, expect.stringMatching(/^line \d+ item 2$/), expect.stringMatching(/^line \d+ item 2$/)]);
    expect(report.problems[0]?.problem).toMatch(/year/);
    expect((await dst.settings.get('stopwords'))?.value).toEqual(['一些', '若干']);
    expect((await dst.settings.get('orgAliases'))?.value).toEqual([['国务院办公厅', '国务院'], ['甲局', '甲市局']]);
  });

  it('a file cut short restores what it holds and says so', async () => {
    const src = freshDb();
    await seedLibrary(src);
    const text = await backupJson(src);
    const cut = text.slice(0, text.indexOf('\n', text.indexOf('"kind":"document"')) + 1) + '{"kind":"docu';
    const report = await restoreBackup(freshDb(), cut, 'cut.ndjson', { skipSpaceCheck: true });
    expect(report).toMatchObject({ added: 1, truncated: true });
    expect(report.problems).toEqual([{ position: 'line 3', problem: 'not valid JSON' }]);
  });

  it('the backup is written in parts, one line per element, with progress', async () => {
    const src = freshDb();
    for (let i = 0; i < 250; i++) await addDocument(input(`https://gov.cn/${i}`, `第${i}号文件的正文。`), src);
    const progress: number[] = [];
    const blob = await createBackupBlob(src, { onProgress: (p) => progress.push(p.done) });
    const rows = lines(await blob.text());
    expect(rows[0]).toMatchObject({ format: 'tifa-lens-backup', version: 2, counts: { documents: 250 } });
    expect(rows.filter((r) => r.kind === 'document')).toHaveLength(250);
    expect(rows[rows.length - 1]).toMatchObject({ kind: 'end', counts: { documents: 250 } });
    expect(progress).toEqual([100, 200, 250]);
  });
});

describe('version 1 backups', () => {
  const file = readFileSync(join(__dirname, '../fixtures/db/v1-backup.json'), 'utf8');

  it('are still read: documents keep their ids, analyses are recomputed (v1 does not say which text they describe)', async () => {
    const dst = freshDb();
    const report = await restoreBackupFile(dst, new Blob(['\uFEFF' + file]), 'old.json', { skipSpaceCheck: true });
    const v1 = JSON.parse(file) as { documents: { id: number; url: string }[] };
    expect(report).toMatchObject({ added: v1.documents.length, problems: [], truncated: false });
    const docs = await dst.documents.toArray();
    expect(docs.map((d) => [d.id, d.url])).toEqual(v1.documents.map((d) => [d.id, d.url]));
    expect(docs.every((d) => /^[0-9a-f-]{36}$/.test(d.uid))).toBe(true);
    expect(await dst.analyses.count()).toBe(0);
  });

  it('a document without id is reported and skipped', async () => {
    const v1 = { format: 'tifa-lens-backup', version: 1, exportedAt: '', documents: [{ url: 'https://example.org/a', title: 'a', text: '正文。' }], analyses: [], lexicon: [], settings: [] };
    const report = await restoreBackup(freshDb(), JSON.stringify(v1), 'x.json', { skipSpaceCheck: true });
    expect(report.added).toBe(0);
    expect(report.problems).toEqual([{ position: 'document 1', problem: 'id is missing' }]);
  });
});
