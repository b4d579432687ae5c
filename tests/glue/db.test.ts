import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import type { DocAnalysis, PageCapture } from '@/analysis/types';
import {
  addDocument,
  addDocumentIfNew,
  countChars,
  deleteDocument,
  findDuplicate,
  getAnalysis,
  getDocument,
  hashText,
  listDocuments,
  normaliseForHash,
  openDatabase,
  putAnalysis,
  restoreDocument,
  updateDocument,
  validateDocument,
  ValidationError,
  type DB,
  type DocumentInput,
  ORG_SEPARATOR,
} from '@/utils/db';
import { ORG_SEPARATOR as SHARED_ORG_SEPARATOR } from '@/analysis/text';

let n = 0;
let database: DB;

beforeEach(async () => {
  database = openDatabase(`tifa-lens-test-${++n}`);
  await database.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.delete();
});

function capture(url: string, text: string): PageCapture {
  return {
    url,
    pageTitle: '页面标题_某某网',
    articleHtml: `<p>${text}</p>`,
    articleText: text,
    pageText: `首页 > 栏目\n${text}\n主办单位：某某`,
    meta: { tags: { articletitle: '标题' }, govInfo: { 文号: '某办〔2024〕1号' } },
    capturedAt: '2024-05-01T08:00:00.000Z',
  };
}

function input(over: Partial<DocumentInput> = {}): DocumentInput {
  const url = over.url ?? 'https://example.gov.cn/a.html';
  const text = over.text ?? '2024年党建工作要点\n一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导。';
  return {
    url,
    title: '2024年党建工作要点',
    orgs: ['中共某某委员会', '某某人民政府'],
    docNumber: '某委〔2024〕4号',
    date: '2024-03-22',
    year: 2024,
    docType: '工作要点',
    script: 'simplified',
    text,
    source: capture(url, text),
    ...over,
  };
}

function analysis(docId: string): DocAnalysis {
  return {
    docId,
    version: 'test-1',
    chars: 10,
    terms: [['党建', 2], ['__proto__', 1]],
    formulations: [],
    outline: [],
    stats: { chars: 10, paragraphs: 1, sentences: 1, meanSentenceLength: 10 },
  };
}

async function counts() {
  return { documents: await database.documents.count(), analyses: await database.analyses.count() };
}

describe('schema', () => {
  it('opens tifa-lens version 5 with the six tables, their four light copies and their indexes', () => {
    expect(database.verno).toBe(5);
    expect(database.tables.map((t) => t.name).sort()).toEqual(['analyses', 'analysisCards', 'analysisPacks', 'cards', 'documents', 'lexicon', 'originals', 'settings', 'texts', 'trash']);
    expect(database.table('cards').schema.primKey.name).toBe('id');
    expect(database.table('cards').schema.primKey.auto).toBe(false);
    expect(database.table('analysisCards').schema.primKey.name).toBe('docId');
    expect(database.table('analysisPacks').schema.primKey.name).toBe('docId');
    expect(database.table('originals').schema.primKey.name).toBe('uid');
    expect(database.table('originals').schema.indexes.map((i) => i.name)).toEqual(['sha256']);
    const docs = database.table('documents').schema;
    expect(docs.primKey.auto).toBe(true);
    expect(docs.indexes.map((i) => i.name).sort()).toEqual(['capturedAt', 'contentHash', 'docType', 'org', 'tags', 'uid', 'url', 'year']);
    expect(docs.idxByName.uid!.unique).toBe(true);
    expect(database.table('analyses').schema.indexes.map((i) => i.name).sort()).toEqual(['textHash', 'version']);
    expect(docs.idxByName.tags!.multi).toBe(true);
    expect(database.table('lexicon').schema.idxByName.term!.unique).toBe(true);
    expect(database.table('analyses').schema.primKey.name).toBe('docId');
  });

  it('the shared instance is named tifa-lens', async () => {
    const { db } = await import('@/utils/db');
    expect(db.name).toBe('tifa-lens');
  });
});

describe('addDocument', () => {
  it('stores the record with derived org, chars, contentHash and timestamps', async () => {
    const rec = await addDocument(input(), database);
    expect(rec.id).toBeGreaterThan(0);
    const stored = await getDocument(rec.id!, database);
    expect(stored).toEqual(rec);
    expect(stored!.org).toBe('中共某某委员会；某某人民政府');
    // The database joins with the separator the CLI and the dashboard use (analysis/text).
    expect(ORG_SEPARATOR).toBe(SHARED_ORG_SEPARATOR);
    expect(stored!.chars).toBe(countChars(input().text));
    expect(stored!.contentHash).toBe(await hashText(input().text));
    expect(stored!.capturedAt).toBe(new Date(stored!.capturedAt).toISOString());
    expect(stored!.tags).toEqual([]);
    expect(stored!.edited).toEqual([]);
    expect(stored!.source.meta.govInfo['文号']).toBe('某办〔2024〕1号');
  });

  it('counts characters outside the BMP once', () => {
    expect(countChars('𠀀a中')).toBe(3);
    expect(countChars('')).toBe(0);
  });

  it.each([
    ['url', { url: '' }],
    ['text', { text: '  \n ' }],
    ['date', { date: '2024年3月22日' }],
    ['date', { date: '2024-13-01' }],
    ['date', { date: '2023-02-29' }],
    ['year', { year: 20244 }],
    ['year', { year: 2024.5 }],
    ['orgs', { orgs: ['ok', 3 as unknown as string] }],
    ['script', { script: 'cyrillic' as never }],
    ['edited', { edited: ['text' as never] }],
  ] as const)('rejects a bad %s with a one-line error naming it, writing nothing', async (field, over) => {
    const err = await addDocument(input(over as Partial<DocumentInput>), database).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(field);
    expect((err as Error).message).toMatch(new RegExp(`^Invalid document: ${field} `));
    expect((err as Error).message).not.toContain('\n');
    expect(await counts()).toEqual({ documents: 0, analyses: 0 });
  });

  it('rejects a record whose source is not a capture', async () => {
    const bad = { ...input(), source: { ...capture('u', 't'), articleText: undefined } } as unknown as DocumentInput;
    await expect(addDocument(bad, database)).rejects.toThrow(/^Invalid document: source\.articleText /);
    expect(await database.documents.count()).toBe(0);
  });

  it('keeps full-width punctuation and a __proto__ tag as data', async () => {
    const rec = await addDocument(input({ title: '关于“__proto__”的通知（试行）', tags: ['__proto__', 'constructor'] }), database);
    const stored = await getDocument(rec.id!, database);
    expect(stored!.title).toBe('关于“__proto__”的通知（试行）');
    expect(await database.documents.where('tags').equals('__proto__').count()).toBe(1);
  });
});

describe('validateDocument', () => {
  it('checks derived fields agree with the text', async () => {
    const { makeRecord } = await import('@/utils/db');
    const rec = await makeRecord(input());
    expect(() => validateDocument(rec)).not.toThrow();
    expect(() => validateDocument({ ...rec, chars: rec.chars + 1 })).toThrow(/^Invalid document: chars /);
    expect(() => validateDocument({ ...rec, org: '别的' })).toThrow(/^Invalid document: org /);
    expect(() => validateDocument({ ...rec, contentHash: 'abc' })).toThrow(/^Invalid document: contentHash /);
  });
});

describe('findDuplicate', () => {
  it('finds the same URL (ignoring a #fragment) first', async () => {
    const rec = await addDocument(input({ url: 'https://x.gov.cn/p.html#top' }), database);
    const dup = await findDuplicate('https://x.gov.cn/p.html', 'f'.repeat(64), database);
    expect(dup?.reason).toBe('url');
    expect(dup?.record.id).toBe(rec.id);
    expect(await findDuplicate('https://x.gov.cn/p.html?page=2', 'f'.repeat(64), database)).toBeNull();
  });

  it('finds the same cleaned text at another address, whatever the whitespace, zero-width or full-width digits', async () => {
    const rec = await addDocument(input({ url: 'https://a.gov.cn/1.html', text: '二〇二四年\n工作要点 2024' }), database);
    const hash = await hashText('二〇二四年工作要点\u200B ２０２４\n');
    const dup = await findDuplicate('https://mirror.example.com/copy.html', hash, database);
    expect(dup).toEqual({ record: expect.objectContaining({ id: rec.id }), reason: 'text' });
  });

  it('prefers the URL match, and the most recent capture', async () => {
    await addDocument(input({ url: 'https://a/1', capturedAt: '2024-01-01T00:00:00.000Z' }), database);
    const newer = await addDocument(input({ url: 'https://a/1', capturedAt: '2024-06-01T00:00:00.000Z' }), database);
    const dup = await findDuplicate('https://a/1', await hashText(input().text), database);
    expect(dup).toMatchObject({ reason: 'url', record: { id: newer.id } });
  });

  it('returns null on an empty collection', async () => {
    expect(await findDuplicate('https://a/1', await hashText(''), database)).toBeNull();
  });

  it('normalises only what does not change the document', () => {
    expect(normaliseForHash('教育\u3000部 \n２０２４')).toBe('教育部2024');
    expect(normaliseForHash('教育，部')).not.toBe(normaliseForHash('教育部'));
  });
});

describe('addDocumentIfNew', () => {
  it('adds a new document, then reports the same page as a duplicate without writing', async () => {
    const first = await addDocumentIfNew(input(), database);
    expect(first.record?.id).toBeGreaterThan(0);
    const again = await addDocumentIfNew(input(), database);
    expect(again).toMatchObject({ record: null, duplicate: { reason: 'url', record: { id: first.record!.id } } });
    const mirror = await addDocumentIfNew(input({ url: 'https://mirror.example.com/x' }), database);
    expect(mirror).toMatchObject({ record: null, duplicate: { reason: 'text' } });
    expect(await database.documents.count()).toBe(1);
  });

  it('two clips of the same page at once store it once', async () => {
    const results = await Promise.all([addDocumentIfNew(input(), database), addDocumentIfNew(input(), database), addDocumentIfNew(input(), database)]);
    expect(results.filter((r) => r.record !== null)).toHaveLength(1);
    expect(await database.documents.count()).toBe(1);
  });

  it('validates before looking', async () => {
    await expect(addDocumentIfNew(input({ year: 3000 }), database)).rejects.toThrow(/^Invalid document: year /);
    expect(await database.documents.count()).toBe(0);
  });
});

describe('updateDocument', () => {
  it("records the user's corrections in edited", async () => {
    const rec = await addDocument(input(), database);
    const next = await updateDocument(rec.id!, { title: '更正后的标题', orgs: ['甲', '乙'] }, { mode: 'user' }, database);
    expect(next.title).toBe('更正后的标题');
    expect(next.org).toBe('甲；乙');
    expect(next.edited).toEqual(['title', 'orgs']);
  });

  it('a re-capture keeps the fields the user corrected and refreshes the rest', async () => {
    const rec = await addDocument(input({ edited: ['title'], title: '用户的标题' }), database);
    const next = await updateDocument(
      rec.id!,
      { title: '页面的新标题', date: '2024-04-01', text: '新的正文。', source: capture('https://example.gov.cn/a.html', '新的正文。') },
      { mode: 'recapture' },
      database,
    );
    expect(next.title).toBe('用户的标题');
    expect(next.date).toBe('2024-04-01');
    expect(next.text).toBe('新的正文。');
    expect(next.chars).toBe(5);
    expect(next.contentHash).toBe(await hashText('新的正文。'));
    expect(next.edited).toEqual(['title']);
    expect(next.capturedAt).toBe(rec.capturedAt);
  });

  it('a re-capture takes a field the user corrected just now, and remembers it', async () => {
    const rec = await addDocument(input({ edited: ['title'], title: '旧更正' }), database);
    const next = await updateDocument(rec.id!, { title: '新更正', docType: '通知' }, { mode: 'recapture', userEdited: ['title', 'docType'] }, database);
    expect(next.title).toBe('新更正');
    expect(next.edited).toEqual(['title', 'docType']);
  });

  it('a new text removes the stale analysis in the same transaction', async () => {
    const rec = await addDocument(input(), database);
    await putAnalysis({ ...analysis(String(rec.id)), textHash: rec.textHash }, database);
    await updateDocument(rec.id!, { title: '只改标题' }, { mode: 'user' }, database);
    expect(await getAnalysis(rec.id!, database)).toBeDefined();
    await updateDocument(rec.id!, { text: '全新的正文' }, { mode: 'user' }, database);
    expect(await getAnalysis(rec.id!, database)).toBeUndefined();
  });

  it('an invalid change leaves the record as it was', async () => {
    const rec = await addDocument(input(), database);
    await expect(updateDocument(rec.id!, { date: '3月22日' }, { mode: 'user' }, database)).rejects.toThrow(/^Invalid document: date /);
    expect(await getDocument(rec.id!, database)).toEqual(rec);
  });

  it('fails clearly on an unknown id', async () => {
    await expect(updateDocument(999, { title: 'x' }, { mode: 'user' }, database)).rejects.toThrow('No document with id 999');
  });
});

describe('deleteDocument and restoreDocument', () => {
  it('delete returns the record and its analysis; restore puts both back under the same id', async () => {
    const rec = await addDocument(input(), database);
    const other = await addDocument(input({ url: 'https://b/2' }), database);
    await putAnalysis({ ...analysis(String(rec.id)), textHash: rec.textHash }, database);
    const deleted = await deleteDocument(rec.id!, database);
    expect(deleted?.document).toEqual(rec);
    expect(deleted?.analysis).toEqual({ ...analysis(String(rec.id)), textHash: rec.textHash });
    expect(await counts()).toEqual({ documents: 1, analyses: 0 });

    await restoreDocument(deleted!, database);
    expect(await getDocument(rec.id!, database)).toEqual(rec);
    expect(await getAnalysis(rec.id!, database)).toEqual({ ...analysis(String(rec.id)), textHash: rec.textHash });
    expect((await listDocuments(database)).map((d) => d.id).sort()).toEqual([rec.id, other.id].sort());
  });

  it('delete of a missing id returns null and changes nothing', async () => {
    await addDocument(input(), database);
    expect(await deleteDocument(12345, database)).toBeNull();
    expect(await counts()).toEqual({ documents: 1, analyses: 0 });
  });

  it('a failure mid-transaction writes nothing: the document is not restored without its analysis', async () => {
    const rec = await addDocument(input(), database);
    await putAnalysis({ ...analysis(String(rec.id)), textHash: rec.textHash }, database);
    const deleted = (await deleteDocument(rec.id!, database))!;
    // The second write of the transaction fails after the first one succeeded.
    vi.spyOn(database.analyses, 'put').mockImplementation(() => Dexie.Promise.reject(new Error('disk full')) as never);
    await expect(restoreDocument(deleted, database)).rejects.toThrow('disk full');
    expect(await counts()).toEqual({ documents: 0, analyses: 0 });
  });

  it('a failure mid-delete keeps both the document and its analysis', async () => {
    const rec = await addDocument(input(), database);
    await putAnalysis({ ...analysis(String(rec.id)), textHash: rec.textHash }, database);
    vi.spyOn(database.analyses, 'delete').mockImplementation(() => Dexie.Promise.reject(new Error('boom')) as never);
    await expect(deleteDocument(rec.id!, database)).rejects.toThrow('boom');
    expect(await counts()).toEqual({ documents: 1, analyses: 1 });
  });

  it('restore refuses to overwrite a document that holds the id', async () => {
    const rec = await addDocument(input(), database);
    const deleted = (await deleteDocument(rec.id!, database))!;
    await database.documents.add({ ...deleted.document, title: '占位' });
    await expect(restoreDocument(deleted, database)).rejects.toThrow();
    expect((await getDocument(rec.id!, database))!.title).toBe('占位');
  });

  it('restore validates the analysis against the document id', async () => {
    const rec = await addDocument(input(), database);
    const deleted = (await deleteDocument(rec.id!, database))!;
    await expect(restoreDocument({ ...deleted, analysis: { ...analysis('999'), textHash: deleted.document.textHash } }, database)).rejects.toThrow(/^Invalid document: analysis\.docId /);
    expect(await counts()).toEqual({ documents: 0, analyses: 0 });
  });
});

describe('listDocuments', () => {
  it('lists the most recently captured first', async () => {
    await addDocument(input({ url: 'https://a/old', capturedAt: '2023-01-01T00:00:00.000Z' }), database);
    await addDocument(input({ url: 'https://a/new', capturedAt: '2025-01-01T00:00:00.000Z' }), database);
    await addDocument(input({ url: 'https://a/mid', capturedAt: '2024-01-01T00:00:00.000Z' }), database);
    expect((await listDocuments(database)).map((d) => d.url)).toEqual(['https://a/new', 'https://a/mid', 'https://a/old']);
  });

  it('is empty on a new database', async () => {
    expect(await listDocuments(database)).toEqual([]);
  });
});

describe('putAnalysis', () => {
  it('refuses an analysis of a document that does not exist', async () => {
    await expect(putAnalysis({ ...analysis('7'), textHash: '0'.repeat(64) }, database)).rejects.toThrow('No document with id 7');
    expect(await database.analyses.count()).toBe(0);
  });
});
