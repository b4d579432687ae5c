// The library service's trash: what the Trash list shows (days left of the 30), the purge boundary,
// restoring with every field the user gave the document, and deleting forever.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDocument, openDatabase, putAnalysis, TRASH_DAYS, updateDocument, type DB, type DocumentRecord } from '@/utils/db';
import {
  addTag,
  countTrash,
  deleteDocuments,
  deleteForever,
  emptyTrash,
  purgeTrash,
  readTrash,
  restoreTrashed,
  saveMetadata,
  draftOf,
  trashDaysLeft,
} from '@/utils/library';
import { testCapture } from '../helpers/capture';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2025-03-01T12:00:00.000Z');

let n = 0;
let db: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDatabase(`trash-service-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function doc(url: string, text: string, analysed = true): Promise<DocumentRecord> {
  const d = await addDocument(
    { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '通知', script: 'simplified', text, source: testCapture(text, url) },
    db,
  );
  if (analysed)
    await putAnalysis(
      { docId: String(d.id), version: 'v1', textHash: d.textHash, chars: d.chars, terms: [['改革', 2]], formulations: [], outline: [], stats: { chars: d.chars, paragraphs: 1, sentences: 1, meanSentenceLength: d.chars } },
      db,
    );
  return d;
}

describe('days left in the trash', () => {
  it.each([
    ['just deleted', 0, TRASH_DAYS],
    ['one hour later', 1 / 24, TRASH_DAYS],
    ['one day later', 1, TRASH_DAYS - 1],
    ['a moment before the end', TRASH_DAYS - 1 / (24 * 3600), 1],
    ['at the end', TRASH_DAYS, 0],
    ['long past the end', TRASH_DAYS + 5, 0],
  ])('%s', (_name, daysLater, left) => {
    expect(trashDaysLeft(T0.toISOString(), new Date(T0.getTime() + daysLater * DAY))).toBe(left);
  });
  it('an unreadable deletion date counts as due', () => {
    expect(trashDaysLeft('yesterday', T0)).toBe(0);
  });
});

describe('trash service', () => {
  it('lists deleted documents newest first, with title, deletion date and days left', async () => {
    const a = await doc('https://gov.cn/a', '甲文件。');
    const b = await doc('https://gov.cn/b', '乙文件。', false);
    await deleteDocuments(db, [a.id!], T0);
    await deleteDocuments(db, [b.id!], new Date(T0.getTime() + 3 * DAY));
    const items = await readTrash(db, new Date(T0.getTime() + 4 * DAY));
    expect(items.map((i) => [i.id, i.title, i.daysLeft, i.analysed])).toEqual([
      [b.id, b.title, TRASH_DAYS - 1, false],
      [a.id, a.title, TRASH_DAYS - 4, true],
    ]);
    expect(items[1]?.deletedAt).toBe(T0.toISOString());
    expect(await countTrash(db)).toBe(2);
  });

  it(`the purge at start removes what is older than ${TRASH_DAYS} days, not a moment sooner`, async () => {
    const a = await doc('https://gov.cn/a', '甲文件。');
    const b = await doc('https://gov.cn/b', '乙文件。');
    await deleteDocuments(db, [a.id!], T0);
    await deleteDocuments(db, [b.id!], new Date(T0.getTime() + DAY));
    // Exactly TRASH_DAYS after the deletion: still kept (0 days left, due).
    expect(await purgeTrash(db, new Date(T0.getTime() + TRASH_DAYS * DAY))).toBe(0);
    expect(await countTrash(db)).toBe(2);
    // One millisecond later: gone for good, and only that one.
    expect(await purgeTrash(db, new Date(T0.getTime() + TRASH_DAYS * DAY + 1))).toBe(1);
    expect((await readTrash(db)).map((i) => i.id)).toEqual([b.id]);
    expect(await db.documents.count()).toBe(0);
  });

  it('a restored document keeps its id, metadata corrections, tags, capture and analysis', async () => {
    const a = await doc('https://gov.cn/a', '甲文件，全面深化改革。');
    await addTag(db, [a.id!], '重要');
    await saveMetadata(db, a.id!, { ...draftOf(a), title: '改过的标题', docNumber: '国发〔2024〕1号' });
    await updateDocument(a.id!, { publication: '人民日报' }, { mode: 'user' }, db);
    await putAnalysis(
      { docId: String(a.id), version: 'v1', textHash: a.textHash, chars: a.chars, terms: [['改革', 1]], formulations: [], outline: [], stats: { chars: a.chars, paragraphs: 1, sentences: 1, meanSentenceLength: a.chars } },
      db,
    );
    const before = (await db.documents.get(a.id!))!;
    const analysisBefore = await db.analyses.get(String(a.id));
    await deleteDocuments(db, [a.id!], T0);
    expect(await db.documents.count()).toBe(0);

    const report = await restoreTrashed(db, [a.id!]);
    expect(report.restored).toEqual([a.id]);
    const after = await db.documents.get(a.id!);
    expect(after).toEqual(before);
    expect(after?.title).toBe('改过的标题');
    expect(after?.tags).toEqual(['重要']);
    expect(after?.edited).toEqual(expect.arrayContaining(['title', 'docNumber', 'publication']));
    expect(after?.source).toEqual(before.source);
    expect(await db.analyses.get(String(a.id))).toEqual(analysisBefore);
    expect(await countTrash(db)).toBe(0);
  });

  it('a document deleted without an analysis comes back without one (the dashboard analyses it again)', async () => {
    const b = await doc('https://gov.cn/b', '乙文件。', false);
    await deleteDocuments(db, [b.id!]);
    await restoreTrashed(db, [b.id!]);
    expect(await db.documents.get(b.id!)).toBeDefined();
    expect(await db.analyses.get(String(b.id))).toBeUndefined();
  });

  it('restores many at once; the others stay in the trash', async () => {
    const docs = await Promise.all(['a', 'b', 'c'].map((x) => doc(`https://gov.cn/${x}`, `${x}文件。`)));
    await deleteDocuments(db, docs.map((d) => d.id!));
    await restoreTrashed(db, [docs[0]!.id!, docs[2]!.id!]);
    expect((await db.documents.toArray()).map((d) => d.id).sort()).toEqual([docs[0]!.id, docs[2]!.id].sort());
    expect((await readTrash(db)).map((i) => i.id)).toEqual([docs[1]!.id]);
  });

  it('delete forever removes only the named entries; empty trash removes the rest; the library is untouched', async () => {
    const docs = await Promise.all(['a', 'b', 'c', 'd'].map((x) => doc(`https://gov.cn/${x}`, `${x}文件。`)));
    await deleteDocuments(db, docs.slice(0, 3).map((d) => d.id!));
    expect(await deleteForever(db, [docs[0]!.id!, 999])).toBe(1);
    expect((await readTrash(db)).map((i) => i.id).sort()).toEqual([docs[1]!.id, docs[2]!.id].sort());
    expect(await emptyTrash(db)).toBe(2);
    expect(await countTrash(db)).toBe(0);
    expect((await db.documents.toArray()).map((d) => d.id)).toEqual([docs[3]!.id]);
    expect(await db.analyses.count()).toBe(1);
  });
});
