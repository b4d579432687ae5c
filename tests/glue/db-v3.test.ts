// Data written by schema version 2 opens with version 3 (the originals table): every document and
// analysis is kept as it was, and each clipped page's captured HTML becomes its original with its
// SHA-256. The v2 schema is written out here, frozen, so a later edit of utils/db.ts cannot change
// what "v2 data" means.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, textHashOf, type DocumentRecord } from '@/utils/db';
import { testCapture } from '../helpers/capture';

const NAME = 'db-v3-upgrade';
afterEach(() => Dexie.delete(NAME));

/** FROZEN: the stores of versions 1 and 2 as utils/db.ts declared them. */
function openV2(): Dexie {
  const old = new Dexie(NAME);
  old.version(1).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags', analyses: 'docId, version', settings: 'key', lexicon: '++id, &term' });
  old.version(2).stores({ documents: '++id, url, contentHash, year, org, docType, capturedAt, *tags, &uid', analyses: 'docId, version, textHash', trash: 'id, deletedAt, uid' });
  return old;
}

function record(i: number, articleHtml: string): DocumentRecord {
  const text = `第${i}份文件的正文。`;
  return {
    url: `https://example.gov.cn/${i}.html`, title: `文件${i}`, orgs: [], org: '', docNumber: '', date: '', year: null, docType: '', script: 'simplified',
    text, chars: [...text].length, contentHash: 'a'.repeat(64), textHash: textHashOf(text), uid: `uid-${i}`,
    capturedAt: '2024-01-0' + i + 'T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', tags: ['t'], edited: [],
    source: testCapture(text, `https://example.gov.cn/${i}.html`, { articleHtml, capturedAt: `2024-01-0${i}T08:00:00.000Z` }),
  };
}

it('keeps every v2 document and analysis and makes the captured HTML of each clipped page its original', async () => {
  const old = openV2();
  await old.open();
  await old.table('documents').bulkAdd([record(1, '<article><p>第1份文件的正文。</p></article>'), record(2, '')]);
  await old.table('analyses').put({ docId: '1', version: 'v', textHash: textHashOf('第1份文件的正文。'), terms: [] });
  await old.table('trash').put({ id: 9, uid: 'uid-9', deletedAt: '2024-02-01T00:00:00.000Z', document: record(9, '<p>x</p>'), analysis: null });
  const before = await old.table('documents').toArray();
  old.close();

  const db = openDatabase(NAME);
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(3);
  expect(await db.documents.toArray()).toEqual(before);
  expect(await db.analyses.count()).toBe(1);
  expect(await db.trash.count()).toBe(1);
  const originals = await db.originals.toArray();
  // The record without captured HTML has no original to keep.
  expect(originals).toHaveLength(1);
  const html = new TextEncoder().encode('<article><p>第1份文件的正文。</p></article>');
  expect(originals[0]).toMatchObject({
    uid: 'uid-1', kind: 'page', url: 'https://example.gov.cn/1.html', mediaType: 'text/html', size: html.byteLength,
    sha256: createHash('sha256').update(html).digest('hex'), capturedAt: '2024-01-01T08:00:00.000Z',
  });
  expect(Buffer.from(originals[0]!.bytes).equals(Buffer.from(html))).toBe(true);
  db.close();
});
