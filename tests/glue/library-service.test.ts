// The library service (utils/library.ts) is the one writer of the database: bulk operations are one
// transaction (a failure midway changes nothing), adding to the lexicon keeps aliases, and bad
// stopwords or organisation aliases are refused with a code the UI translates.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageCapture } from '@/analysis/types';
import { addDocument, openDatabase, putAnalysis, textHashOf, type DB, type StoredAnalysis, type DocumentInput, type DocumentRecord } from '@/utils/db';
import {
  addTag,
  addToLexicon,
  deleteDocuments,
  deleteForever,
  LibraryError,
  libraryErrorMessage,
  saveOrgAliases,
  saveStopwords,
  undoDelete,
  writeAnalyses,
} from '@/utils/library';
import { getSetting } from '@/utils/settings';

let n = 0;
let db: DB;
beforeEach(async () => {
  db = openDatabase(`library-service-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function capture(text: string, url: string): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText: text, pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt: '2024-05-01T00:00:00.000Z' };
}

function input(k: number): DocumentInput {
  const url = `https://example.gov.cn/${k}.html`;
  const text = `第${k}篇文件的正文。`;
  return { url, title: `文件${k}`, orgs: ['某市委'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: capture(text, url) };
}

function analysis(docId: number, text: string): StoredAnalysis {
  return { docId: String(docId), textHash: textHashOf(text), version: 'v', chars: 10, terms: [['正文', 1]], formulations: [], outline: [], stats: { chars: 10, paragraphs: 1, sentences: 1, meanSentenceLength: 10 } };
}

async function three(): Promise<DocumentRecord[]> {
  const out: DocumentRecord[] = [];
  for (const k of [1, 2, 3]) {
    const r = await addDocument(input(k), db);
    await putAnalysis(analysis(r.id!, r.text), db);
    out.push(r);
  }
  return out;
}

/** Make the n-th write of a table fail (a quota error or a crash midway through a bulk operation). */
function failOnWrite(table: DB['documents'], hook: 'deleting' | 'updating', nth: number): void {
  let seen = 0;
  (table.hook as (name: string, fn: () => void) => void)(hook, () => {
    seen += 1;
    if (seen === nth) throw new Error('simulated failure midway');
  });
}

describe('bulk operations run in one transaction', () => {
  it('bulk delete: a failure on the second document leaves all three documents and analyses', async () => {
    const docs = await three();
    failOnWrite(db.documents, 'deleting', 2);
    await expect(deleteDocuments(db, docs.map((d) => d.id!))).rejects.toBeInstanceOf(LibraryError);
    expect(await db.documents.count()).toBe(3);
    expect(await db.analyses.count()).toBe(3);
  });

  it('bulk tag: a failure on the second document leaves the first untagged', async () => {
    const docs = await three();
    failOnWrite(db.documents, 'updating', 2);
    await expect(addTag(db, docs.map((d) => d.id!), '笔记')).rejects.toBeInstanceOf(LibraryError);
    for (const d of docs) expect((await db.documents.get(d.id!))?.tags).toEqual([]);
  });

  it('undo of a bulk delete comes from the trash: a taken id is renumbered, one deleted forever stays deleted', async () => {
    const docs = await three();
    const deleted = await deleteDocuments(db, docs.map((d) => d.id!));
    expect(await db.documents.count()).toBe(0);
    // Another document takes the third id before the undo; the second is deleted forever from the Trash.
    await db.documents.add({ ...docs[2]!, uid: 'another-document', url: 'https://example.gov.cn/other.html' });
    await deleteForever(db, [docs[1]!.id!]);
    await undoDelete(db, deleted);
    const urls = (await db.documents.toArray()).map((d) => d.url).sort();
    expect(urls).toEqual([docs[0]!.url, docs[2]!.url, 'https://example.gov.cn/other.html'].sort());
    expect(await db.documents.get(docs[0]!.id!)).toMatchObject({ uid: docs[0]!.uid });
    expect(await db.trash.count()).toBe(0);
    // A second Undo of the same toast adds nothing twice.
    await undoDelete(db, deleted);
    expect(await db.documents.count()).toBe(3);
  });

  it('a batch of analyses skips documents deleted while the worker ran, and writes the rest', async () => {
    const docs = await three();
    await db.analyses.clear();
    await deleteDocuments(db, [docs[1]!.id!]);
    const written = await writeAnalyses(db, docs.map((d) => analysis(d.id!, d.text)));
    expect(written.map((a) => a.docId)).toEqual([String(docs[0]!.id), String(docs[2]!.id)]);
    expect((await db.analyses.toArray()).map((a) => a.docId).sort()).toEqual(written.map((a) => a.docId).sort());
  });
});

describe('add to lexicon: one rule', () => {
  it('keeps the aliases of an existing term, adds new ones, and takes the new category', async () => {
    await addToLexicon(db, { term: '两个确立', category: 'theory', aliases: ['“两个确立”'] });
    // The dashboard's "add to lexicon" passes no aliases: they must survive.
    await addToLexicon(db, { term: ' 两个确立 ', category: 'slogan' });
    await addToLexicon(db, { term: '两个确立', category: 'slogan', aliases: ['两个 确立', '两个确立', '“两个确立”'] });
    const rows = await db.lexicon.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ term: '两个确立', category: 'slogan', aliases: ['“两个确立”', '两个 确立'] });
  });

  it('refuses an empty term with a code', async () => {
    const err = await addToLexicon(db, { term: '  ', category: 'user' }).catch((e: unknown) => e);
    expect((err as LibraryError).code).toBe('empty-term');
    expect(await db.lexicon.count()).toBe(0);
  });
});

describe('settings saved through the registry', () => {
  const badStopwords: [string, string[]][] = [
    ['a word with a space', ['的', '两 个']],
    ['a word longer than 20 characters', ['的', '很'.repeat(21)]],
  ];
  for (const [name, words] of badStopwords) {
    it(`refuses stopwords with ${name}, code invalid-stopwords, nothing stored`, async () => {
      await saveStopwords(db, ['之']);
      const err = await saveStopwords(db, words).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LibraryError);
      expect((err as LibraryError).code).toBe('invalid-stopwords');
      expect(await getSetting('stopwords', db)).toEqual(['之']);
    });
  }

  it('stores good stopwords trimmed and once each', async () => {
    await saveStopwords(db, [' 的 ', '的', '__proto__']);
    expect(await getSetting('stopwords', db)).toEqual(['的', '__proto__']);
  });

  it('refuses an alias pair with an empty organisation, code invalid-org-aliases, in both languages', async () => {
    const err = await saveOrgAliases(db, [['某局', '']]).catch((e: unknown) => e);
    expect((err as LibraryError).code).toBe('invalid-org-aliases');
    expect(await getSetting('orgAliases', db)).toEqual([]);
    expect(libraryErrorMessage(err, 'en')).toMatch(/^Organisation aliases not saved: /);
    expect(libraryErrorMessage(err, 'zh')).toMatch(/^机构别名未保存：/);
  });
});

describe('author, publication and year source in the Library', () => {
  it('inline edits of author and publication are stored and marked edited; an edited year becomes given', async () => {
    const { draftOf, saveMetadata } = await import('@/utils/library');
    const rec = await addDocument({ ...input(1), yearSource: 'text' }, db);
    expect(rec).toMatchObject({ author: '', publication: '', yearSource: 'text' });
    const a = await saveMetadata(db, rec.id!, { ...draftOf(rec), author: ' 徐明远 ', publication: '人民日报 09版' });
    expect(a).toMatchObject({ author: '徐明远', publication: '人民日报 09版', yearSource: 'text', edited: ['author', 'publication'] });
    const b = await saveMetadata(db, rec.id!, { ...draftOf(a!), year: '2023' });
    expect(b).toMatchObject({ year: 2023, yearSource: 'given' });
  });

  it('a record stored before the fields existed still reads, edits and validates', async () => {
    const { draftOf, saveMetadata } = await import('@/utils/library');
    const rec = await addDocument(input(2), db);
    const { author: _a, publication: _p, yearSource: _y, ...old } = rec;
    await db.documents.put(old as DocumentRecord);
    const stored = (await db.documents.get(rec.id!))!;
    expect(draftOf(stored)).toMatchObject({ author: '', publication: '' });
    expect(await saveMetadata(db, rec.id!, { ...draftOf(stored), author: '某某' })).toMatchObject({ author: '某某', edited: ['author'] });
  });

  it('a bad year source is refused with the field named', async () => {
    await expect(addDocument({ ...input(3), yearSource: 'guess' as never }, db)).rejects.toThrow(/yearSource/);
  });
});
