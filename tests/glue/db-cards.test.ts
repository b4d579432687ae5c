// The light copies the dashboard reads (utils/db derivedTables): every way a document or an analysis
// is written, replaced or removed leaves `cards` equal to cardOf(documents), `analysisCards` equal
// to analysisCardOf(analyses) and `analysisPacks` equal to analysisPackOf(analyses), in the same
// transaction; data of schema versions 3 and 4 gets them on opening. The aggregation worker's
// loader (utils/aggregate-source) reads the packs back as the analyses they pack.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  addDocument,
  analysisCardOf,
  analysisPackOf,
  cardOf,
  deleteDocument,
  makeRecord,
  openDatabase,
  putAnalysis,
  reconcileDerivedTables,
  restoreDocument,
  restoreFromTrash,
  textHashOf,
  textRowOf,
  trashDocuments,
  updateDocument,
  type DB,
  type DocumentInput,
  type DocumentRecord,
  type StoredAnalysis,
} from '@/utils/db';
import { documentLength } from '@/analysis/counting';
import { importDocuments } from '@/utils/library';
import { testCapture } from '../helpers/capture';
import { databaseAnalyses } from '@/utils/aggregate-source';
import { PackedTerms } from '@/analysis/packed-terms';

const NAME = 'db-cards';
let db: DB;
beforeEach(async () => {
  db = openDatabase(NAME);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

function input(i: number, text = `第${i}份文件的正文，\n  含有空格。`): DocumentInput {
  return {
    url: `https://example.gov.cn/${i}.html`, title: `文件${i}`, orgs: ['某市人民政府'], docNumber: '', date: '2024-03-01', year: 2024, docType: '通知',
    script: 'simplified', text, source: testCapture(text, `https://example.gov.cn/${i}.html`, { articleHtml: `<p>${text}</p>` }),
  };
}

function analysis(id: number, text: string): StoredAnalysis {
  return {
    docId: String(id), version: 'v', textHash: textHashOf(text), chars: text.length,
    terms: [['正文', 1], ['空格', 1]], formulations: [], outline: [], stats: { chars: 10, paragraphs: 1, sentences: 1, meanSentenceLength: 10 },
  };
}

/** The derived tables hold exactly the light copy of every stored row, and nothing else. */
async function expectInStep(): Promise<void> {
  const docs = await db.documents.toArray();
  expect(await db.cards.toArray()).toEqual(docs.map(cardOf));
  expect(await db.texts.toArray()).toEqual(docs.map(textRowOf));
  const analyses = await db.analyses.toArray();
  expect(await db.analysisCards.toArray()).toEqual(analyses.map(analysisCardOf));
  expect(await db.analysisPacks.toArray()).toEqual(analyses.map(analysisPackOf));
}

it('a card has no texts, the document length, and every other field', async () => {
  const r = await addDocument(input(1), db);
  const [card] = await db.cards.toArray();
  expect(card).not.toHaveProperty('text');
  expect(card).not.toHaveProperty('source');
  expect(card!.length).toBe(documentLength(r.text));
  expect(card!.length).toBeLessThan(r.chars);
  expect(card).toMatchObject({ id: r.id, title: '文件1', org: '某市人民政府', year: 2024, textHash: r.textHash, uid: r.uid });
});

it('adds, updates, analyses, deletes, undoes, trashes and restores keep the cards in step', async () => {
  const a = await addDocument(input(1), db);
  const b = await addDocument(input(2), db);
  await putAnalysis(analysis(a.id!, a.text), db);
  await putAnalysis(analysis(b.id!, b.text), db);
  await expectInStep();
  expect((await db.analysisCards.get(String(a.id)))!.terms).toEqual([]);

  await updateDocument(a.id!, { title: '新标题', text: '改过的正文。' }, { mode: 'user' }, db);
  expect((await db.cards.get(a.id!))!.title).toBe('新标题');
  // A changed text drops the analysis: its card goes too.
  expect(await db.analysisCards.get(String(a.id))).toBeUndefined();
  await expectInStep();

  const deleted = await deleteDocument(b.id!, db);
  expect(await db.cards.get(b.id!)).toBeUndefined();
  await expectInStep();
  await restoreDocument(deleted!, db);
  expect(await db.cards.get(b.id!)).toBeDefined();
  await expectInStep();

  await trashDocuments([a.id!, b.id!], db);
  expect(await db.cards.count()).toBe(0);
  await expectInStep();
  await restoreFromTrash([a.id!, b.id!], db);
  expect(await db.cards.count()).toBe(2);
  await expectInStep();
});

it('bulk imports, clears and modify() keep the cards in step', async () => {
  const items = [3, 4, 5].map((i) => ({
    path: `${i}.txt`, input: input(i),
    original: { kind: 'file' as const, name: `${i}.txt`, url: `file:///${i}.txt`, mediaType: 'text/plain', bytes: new Uint8Array([i]), size: 1, sha256: 'b'.repeat(64), capturedAt: '2024-01-01T00:00:00.000Z' },
  }));
  await importDocuments(db, items);
  expect(await db.cards.count()).toBe(3);
  await expectInStep();
  await db.documents.toCollection().modify((d: DocumentRecord) => {
    d.tags = ['改'];
  });
  expect((await db.cards.toArray()).map((c) => c.tags)).toEqual([['改'], ['改'], ['改']]);
  await db.documents.where('id').above(3).delete();
  await expectInStep();
  await db.documents.clear();
  expect(await db.cards.count()).toBe(0);
});

it('a transaction that fails takes the card back with the document', async () => {
  // Hashing awaits crypto, which would commit the transaction early: the record is made before it.
  const record = await makeRecord(input(7));
  await expect(
    db.transaction('rw', db.documents, async () => {
      await db.documents.add(record);
      expect(await db.cards.count()).toBe(1);
      throw new Error('disk full');
    }),
  ).rejects.toThrow('disk full');
  expect(await db.documents.count()).toBe(0);
  expect(await db.cards.count()).toBe(0);
});

it('a live query over the cards wakes when a document is written', async () => {
  const { liveQuery } = await import('dexie');
  const seen: number[] = [];
  const sub = liveQuery(() => db.cards.count()).subscribe((n) => seen.push(n));
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (seen.length > 0) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  await addDocument(input(8), db);
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (seen.includes(1)) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  sub.unsubscribe();
  expect(seen[0]).toBe(0);
  expect(seen).toContain(1);
});

it('data of schema version 3 opens with a card for every document and analysis', async () => {
  db.close();
  await Dexie.delete(NAME);
  const old = new Dexie(NAME);
  // FROZEN: the stores of versions 1 to 3 as utils/db.ts declared them.
  old.version(1).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags', analyses: 'docId, version', settings: 'key', lexicon: '++id, &term' });
  old.version(2).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags, &uid', analyses: 'docId, version, textHash', trash: 'id, deletedAt, uid' });
  old.version(3).stores({ originals: 'uid, sha256' });
  await old.open();
  const texts = ['第一份。', '第二份 正文。'];
  for (const [i, text] of texts.entries()) {
    const r = { ...(input(i, text) as DocumentRecord), org: '某市人民政府', chars: [...text].length, contentHash: 'c'.repeat(64), textHash: textHashOf(text), uid: `u${i}`, capturedAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', tags: [], edited: [] };
    const id = (await old.table('documents').add(r)) as number;
    await old.table('analyses').put(analysis(id, text));
  }
  old.close();
  db = openDatabase(NAME);
  await db.open();
  expect(await db.cards.count()).toBe(2);
  expect(await db.analysisCards.count()).toBe(2);
  await expectInStep();
});

it('rows written or deleted past the module get or lose their cards when reconciled', async () => {
  const a = await addDocument(input(1), db);
  const b = await addDocument(input(2), db);
  await putAnalysis(analysis(b.id!, b.text), db);
  // Raw IndexedDB, as a hand edit in the browser's developer tools would write.
  const raw = db.backendDB();
  await new Promise<void>((resolve, reject) => {
    const tx = raw.transaction(['documents', 'analyses'], 'readwrite');
    const { id: _id, ...rest } = a;
    tx.objectStore('documents').add({ ...rest, uid: 'raw-uid', url: 'https://example.gov.cn/raw.html' });
    tx.objectStore('documents').delete(a.id!);
    tx.objectStore('analyses').put({ ...analysis(b.id!, b.text), docId: '999' });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  expect(await db.cards.count()).toBe(2);
  // The worker reads the raw analysis whole while it has no pack.
  const [whole] = await databaseAnalyses(NAME)(['999']);
  expect(whole).toEqual({ ...analysis(b.id!, b.text), docId: '999' });
  // a's card and text row are gone with it, the raw document gets both, and the raw analysis its card and pack.
  expect(await reconcileDerivedTables(db)).toBe(6);
  await expectInStep();
  expect(await reconcileDerivedTables(db)).toBe(0);
});

it('the worker reads each analysis from its pack: the same fields, the same terms in the same order', async () => {
  const a = await addDocument(input(1), db);
  const b = await addDocument(input(2), db);
  const terms: [string, number][] = [['全面从严治党', 7], ['正文', 3], ['一', 1], ['正文二', 3]];
  await putAnalysis({ ...analysis(a.id!, a.text), terms }, db);
  await putAnalysis(analysis(b.id!, b.text), db);
  const [x, y, none] = await databaseAnalyses(NAME)([String(a.id), String(b.id), '404']);
  expect(x!.terms).toBeInstanceOf(PackedTerms);
  expect([...x!.terms]).toEqual(terms);
  expect((x!.terms as PackedTerms).count('正文')).toBe(3);
  expect((x!.terms as PackedTerms).count('正文三')).toBe(0);
  const { terms: _t, ...rest } = { ...analysis(a.id!, a.text), terms };
  expect({ ...x!, terms: [] }).toEqual({ ...rest, terms: [] });
  expect([...y!.terms]).toEqual([['正文', 1], ['空格', 1]]);
  expect(none).toBeUndefined();
});

it('data of schema version 4 opens with a pack for every analysis', async () => {
  const a = await addDocument(input(1), db);
  await putAnalysis(analysis(a.id!, a.text), db);
  // Back to version 4: the packs table is dropped, as a browser holding version 4 has none.
  db.close();
  const old = new Dexie(NAME);
  const rows = { documents: [] as unknown[], analyses: [] as unknown[] };
  {
    const current = openDatabase(NAME);
    rows.documents = await current.documents.toArray();
    rows.analyses = await current.analyses.toArray();
    current.close();
  }
  await Dexie.delete(NAME);
  // FROZEN: the stores of versions 1 to 4 as utils/db.ts declared them.
  old.version(1).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags', analyses: 'docId, version', settings: 'key', lexicon: '++id, &term' });
  old.version(2).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags, &uid', analyses: 'docId, version, textHash', trash: 'id, deletedAt, uid' });
  old.version(3).stores({ originals: 'uid, sha256' });
  old.version(4).stores({ cards: 'id', texts: 'id', analysisCards: 'docId' });
  await old.open();
  for (const r of rows.documents as DocumentRecord[]) {
    await old.table('documents').put(r);
    await old.table('cards').put(cardOf(r));
    await old.table('texts').put(textRowOf(r));
  }
  for (const r of rows.analyses as StoredAnalysis[]) {
    await old.table('analyses').put(r);
    await old.table('analysisCards').put(analysisCardOf(r));
  }
  old.close();
  db = openDatabase(NAME);
  await db.open();
  expect(await db.analysisPacks.count()).toBe(1);
  await expectInStep();
});
