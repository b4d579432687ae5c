import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DocAnalysis, PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, type DB, type DocumentInput } from '@/utils/db';
import { loadSampleCorpus, parseSampleCorpus, SAMPLE_TAG } from '@/utils/sample';
import {
  addTag,
  changesFromDraft,
  deleteDocuments,
  draftOf,
  recleanDocument,
  removeTag,
  saveMetadata,
  undoDelete,
} from '@/utils/library';

let n = 0;
let db: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`dashboard-library-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function capture(articleText: string, url = 'https://example.gov.cn/a.html'): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText, pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt: '2024-05-01T00:00:00.000Z' };
}

function input(p: Partial<DocumentInput> = {}): DocumentInput {
  const text = p.text ?? '坚持两个确立，做到两个维护。';
  return {
    url: 'https://example.gov.cn/a.html',
    title: '示例文件',
    orgs: ['某市委'],
    docNumber: '',
    date: '',
    year: 2024,
    docType: '通知',
    script: 'simplified',
    text,
    source: capture(text),
    ...p,
  };
}

function analysis(docId: number): DocAnalysis {
  return { docId: String(docId), version: 'v', chars: 10, terms: [['两个确立', 1]], formulations: [], outline: [], stats: { chars: 10, paragraphs: 1, sentences: 1, meanSentenceLength: 10 } };
}

describe('delete with undo', () => {
  it('restores both the documents and their analyses under their old ids', async () => {
    const a = await addDocument(input(), db);
    const b = await addDocument(input({ url: 'https://example.gov.cn/b.html', text: '另一篇文件的正文。' }), db);
    await putAnalysis({ ...analysis(a.id!), textHash: a.textHash }, db);
    await putAnalysis({ ...analysis(b.id!), textHash: b.textHash }, db);
    const deleted = await deleteDocuments(db, [a.id!, b.id!, 999]);
    expect(deleted).toHaveLength(2);
    expect(await db.documents.count()).toBe(0);
    expect(await db.analyses.count()).toBe(0);
    await undoDelete(db, deleted);
    expect((await db.documents.toArray()).map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect((await db.analyses.get(String(a.id)))?.terms).toEqual([['两个确立', 1]]);
    expect(await db.analyses.get(String(b.id))).toBeDefined();
  });
});

describe('tags', () => {
  it('adds to several documents once, trims, and removes', async () => {
    const a = await addDocument(input(), db);
    const b = await addDocument(input({ url: 'https://example.gov.cn/b.html', text: '第二篇。' }), db);
    expect(await addTag(db, [a.id!, b.id!], '  读书 笔记 ')).toBe(2);
    expect(await addTag(db, [a.id!], '读书 笔记')).toBe(0);
    expect(await addTag(db, [a.id!], '   ')).toBe(0);
    await addTag(db, [a.id!], '__proto__');
    expect((await db.documents.get(a.id!))?.tags).toEqual(['读书 笔记', '__proto__']);
    await removeTag(db, a.id!, '读书 笔记');
    expect((await db.documents.get(a.id!))?.tags).toEqual(['__proto__']);
    // Tags are not metadata corrections.
    expect((await db.documents.get(a.id!))?.edited).toEqual([]);
  });
});

describe('inline metadata edits', () => {
  it('records only the fields that changed', async () => {
    const a = await addDocument(input(), db);
    const draft = { ...draftOf(a), year: '2023', orgs: '甲局，乙局' };
    expect(changesFromDraft(a, draftOf(a))).toEqual({});
    const saved = await saveMetadata(db, a.id!, draft);
    expect(saved?.year).toBe(2023);
    expect(saved?.orgs).toEqual(['甲局', '乙局']);
    expect(saved?.edited.sort()).toEqual(['orgs', 'year']);
    expect(saved?.title).toBe('示例文件');
  });
});

describe('re-clean from the stored source', () => {
  const raw = [
    '中共某某县委员会文件',
    '某委发〔2024〕3号',
    '关于2024年党建工作要点的通知',
    '各乡镇党委：',
    '现将《2024年党建工作要点》印发给你们，请认真贯彻落实。坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义。',
    '浏览次数：1234',
    '中共某某县委员会',
    '2024年3月1日',
  ].join('\n');

  it('takes the new cleaning but keeps user-edited fields', async () => {
    const a = await addDocument(input({ text: 'stale text 浏览次数：1234', title: 'old', year: null, source: capture(raw) }), db);
    await putAnalysis({ ...analysis(a.id!), textHash: a.textHash }, db);
    await saveMetadata(db, a.id!, { ...draftOf(a), title: '我改过的标题' });
    const after = await recleanDocument(db, a.id!);
    expect(after).not.toBeNull();
    expect(after!.title).toBe('我改过的标题');
    expect(after!.edited).toContain('title');
    expect(after!.text).toContain('两个确立');
    expect(after!.text).not.toContain('浏览次数');
    expect(after!.year).toBe(2024);
    // The text changed: the stored analysis is stale and gone.
    expect(await db.analyses.get(String(a.id))).toBeUndefined();
  });

  it('returns null when there is no source text', async () => {
    const a = await addDocument(input({ source: capture('') }), db);
    expect(await recleanDocument(db, a.id!)).toBeNull();
    expect((await db.documents.get(a.id!))?.text).toBe('坚持两个确立，做到两个维护。');
  });
});

describe('bundled sample corpus', () => {
  const corpus = parseSampleCorpus(JSON.parse(readFileSync('public/sample/sample-corpus.json', 'utf8')));

  it('is small, has seeds and reports across decades', () => {
    expect(readFileSync('public/sample/sample-corpus.json').byteLength).toBeLessThan(1_500_000);
    const years = corpus.documents.map((d) => d.known.year).filter((y): y is number => typeof y === 'number');
    expect(Math.min(...years)).toBeLessThan(1970);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2024);
    expect(corpus.documents.filter((d) => d.key.startsWith('seed-'))).toHaveLength(4);
  });

  it('loads through addDocument, cleaned, and a second load adds nothing', async () => {
    const first = await loadSampleCorpus(corpus, db);
    expect(first).toEqual({ added: corpus.documents.length, skipped: 0 });
    const docs = await db.documents.toArray();
    expect(docs.every((d) => d.tags.includes(SAMPLE_TAG))).toBe(true);
    const report2024 = docs.find((d) => d.year === 2024 && d.docType === '政府工作报告');
    expect(report2024?.orgs).toEqual(['国务院']);
    // The Wikisource licence footer is page furniture, not the report.
    for (const d of docs) expect(d.text).not.toMatch(/Public domain|公有领域/);
    // The raw text is kept as the source for re-cleaning.
    expect(report2024?.source.articleText.length).toBeGreaterThan(report2024!.text.length);
    const second = await loadSampleCorpus(corpus, db);
    expect(second).toEqual({ added: 0, skipped: corpus.documents.length });
    expect(await db.documents.count()).toBe(corpus.documents.length);
  });

  it('rejects a file that is not a sample', () => {
    expect(() => parseSampleCorpus({ format: 'x', documents: [] })).toThrow(/sample/);
    expect(() => parseSampleCorpus(null)).toThrow();
  });
});
