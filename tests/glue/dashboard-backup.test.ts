import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DocAnalysis, PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, updateDocument, type DB, type DocumentInput } from '@/utils/db';
import { BackupError, backupJson, createBackup, parseBackup, restoreBackup } from '@/utils/backup';

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
function analysis(id: number, version = 'v1'): DocAnalysis {
  return { docId: String(id), version, chars: 5, terms: [['改革', 2]], formulations: [], outline: [], stats: { chars: 5, paragraphs: 1, sentences: 1, meanSentenceLength: 5 } };
}

async function seedLibrary(db: DB) {
  const a = await addDocument(input('https://gov.cn/a', '深化改革，扩大开放。', { tags: ['t1'] }), db);
  const b = await addDocument(input('https://gov.cn/b', '两个确立，两个维护。'), db);
  await putAnalysis(analysis(a.id!), db);
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

describe('backup → restore', () => {
  it('restores everything into an empty library', async () => {
    const src = freshDb();
    await seedLibrary(src);
    const json = await backupJson(src);
    const dst = freshDb();
    const report = await restoreBackup(dst, json, 'backup.json');
    expect(report).toEqual({ added: 2, updated: 0, skipped: 0, lexiconAdded: 1 });
    const docs = await dst.documents.toArray();
    expect(docs.map((d) => d.url).sort()).toEqual(['https://gov.cn/a', 'https://gov.cn/b']);
    const a = docs.find((d) => d.url === 'https://gov.cn/a')!;
    expect(a.tags).toEqual(['t1']);
    expect(a.source.articleText).toBe('深化改革，扩大开放。');
    // The analysis follows its document to the document's new id.
    const an = await dst.analyses.toArray();
    expect(an).toHaveLength(1);
    expect(an[0].docId).toBe(String(a.id));
    expect((await dst.lexicon.toArray()).map((e) => e.term)).toEqual(['新质生产力']);
    expect((await dst.settings.get('stopwords'))?.value).toEqual(['一些']);
    // The language belongs to the receiving browser.
    expect(await dst.settings.get('language')).toBeUndefined();
  });

  it('merging twice, or into a library that has the same documents, adds no duplicates', async () => {
    const src = freshDb();
    await seedLibrary(src);
    const json = await backupJson(src);
    expect(await restoreBackup(src, json, 'b.json')).toEqual({ added: 0, updated: 0, skipped: 2, lexiconAdded: 0 });
    expect(await src.documents.count()).toBe(2);

    const dst = freshDb();
    // Same text under another URL (a mirror), plus one document only the receiver has.
    await addDocument(input('https://mirror.example/b', '两个确立，两个维护。'), dst);
    await addDocument(input('https://gov.cn/only-here', '只在本机。'), dst);
    await dst.settings.put({ key: 'stopwords', value: ['本地'] });
    const r1 = await restoreBackup(dst, json, 'b.json');
    const r2 = await restoreBackup(dst, json, 'b.json');
    expect(r1.added + r1.updated + r1.skipped).toBe(2);
    expect(r1.added).toBe(1);
    expect(r2.added).toBe(0);
    expect(await dst.documents.count()).toBe(3);
    expect((await dst.settings.get('stopwords'))?.value).toEqual(['本地', '一些']);
  });

  it('a newer copy in the file updates the older one in place', async () => {
    const src = freshDb();
    const { a } = await seedLibrary(src);
    const dst = freshDb();
    await restoreBackup(dst, await backupJson(src), 'b.json');
    const before = (await dst.documents.toArray()).find((d) => d.url === 'https://gov.cn/a')!;
    await new Promise((r) => setTimeout(r, 5));
    await updateDocument(a.id!, { title: '新标题' }, { mode: 'user' }, src);
    const report = await restoreBackup(dst, await backupJson(src), 'b.json');
    expect(report.updated).toBe(1);
    const after = await dst.documents.get(before.id!);
    expect(after?.title).toBe('新标题');
    expect(after?.edited).toContain('title');
    expect(await dst.documents.count()).toBe(2);
  });

  it('an invalid backup names the file and leaves the library unchanged', async () => {
    const dst = freshDb();
    await seedLibrary(dst);
    const before = await snapshot(dst);
    const good = await createBackup(freshDb());
    const valid = await seedLibrary(opened[opened.length - 1]);
    expect(valid).toBeDefined();
    const full = await createBackup(opened[opened.length - 1]);
    // The second document is broken: the first must not be written either.
    const broken = { ...full, documents: [{ ...full.documents[0], url: 'https://new.example/1', text: '全新的文本。' }, { ...full.documents[1], year: 'twenty' }] };
    const bad: [string, RegExp][] = [
      ['{not json', /^lib\.json: not valid JSON$/],
      ['[]', /^lib\.json: not a Tifa Lens backup/],
      [JSON.stringify({ ...good, version: 99 }), /^lib\.json: backup version 99/],
      [JSON.stringify({ ...good, documents: 'x' }), /"documents" must be a list/],
      [JSON.stringify(broken), /^lib\.json: document 2: .*year/],
      [JSON.stringify({ ...full, lexicon: [{ term: '', category: 'x', aliases: [] }] }), /lexicon entry 1/],
    ];
    for (const [text, message] of bad) {
      await expect(restoreBackup(dst, text, 'lib.json')).rejects.toThrow(message);
      await expect(restoreBackup(dst, text, 'lib.json')).rejects.toBeInstanceOf(BackupError);
    }
    expect(await snapshot(dst)).toEqual(before);
  });

  it('reads a backup with a BOM and refuses one with no id', () => {
    const file = { format: 'tifa-lens-backup', version: 1, exportedAt: '', documents: [], analyses: [], lexicon: [], settings: [] };
    expect(parseBackup('\uFEFF' + JSON.stringify(file), 'x.json').documents).toEqual([]);
    const noId = { ...file, documents: [{ url: 'https://example.org/a', title: 'a', text: '正文。' }] };
    expect(() => parseBackup(JSON.stringify(noId), 'x.json')).toThrow(BackupError);
    expect(() => parseBackup(JSON.stringify(noId), 'x.json')).toThrow(/^x\.json: document 1: .*id/);
  });
});
