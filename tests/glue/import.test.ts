// The dashboard's import (utils/import.ts → utils/import-read.ts → utils/library.ts importDocuments):
// a folder of the file readers' fixtures read by an in-process stand-in of the import worker (the
// same readImportFile, with Node's pdf.js and linkedom), written in batches with their originals;
// the summary names every file; cancelling stops at once, the file being read included; the schema upgrade keeps clipped
// pages' captured HTML as their originals.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocument, openDatabase, trashDocuments, type DB } from '@/utils/db';
import { deleteForever, dropOrphanOriginals, emptyTrash, importDocuments, keepPageOriginal, purgeTrash, readOriginal } from '@/utils/library';
import { failureReason, runImport, type ImportProgress, type ImportSource } from '@/utils/import';
import { inProcessWorker } from '../helpers/import-worker';
import { testCapture } from '../helpers/capture';

const FILES = path.join(import.meta.dirname, '../fixtures/files');
const ENCODINGS = path.join(import.meta.dirname, '../fixtures/cli/encodings');
const fixture = (dir: string, name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const ASSETS = { cMapUrl: 'unused/', standardFontDataUrl: 'unused/' };

const PAGE_HTML = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于开展2024年安全生产月活动的通知_某某市人民政府网</title>
<meta name="ArticleTitle" content="关于开展2024年安全生产月活动的通知"><meta name="PubDate" content="2024-05-20">
<link rel="canonical" href="https://www.example.gov.cn/zwgk/2024/0520/notice.html"></head>
<body><div class="nav">首页 | 政务公开</div><div class="article"><h1>关于开展2024年安全生产月活动的通知</h1>
<p>各区人民政府，市政府各部门：</p>
<p>为深入贯彻落实党中央、国务院关于安全生产的决策部署，进一步强化安全发展理念，市政府决定在全市范围内开展2024年安全生产月活动。现将有关事项通知如下。</p>
<p>一、活动主题。人人讲安全、个个会应急，畅通生命通道。各地各部门要结合实际，认真组织开展宣传教育、隐患排查和应急演练等活动，切实提高全社会安全意识。</p>
<p>二、工作要求。各单位要高度重视，加强组织领导，确保活动取得实效。</p>
<p>某某市人民政府</p><p>2024年5月20日</p></div></body></html>`;

const enc = new TextEncoder();
function source(p: string, bytes: Uint8Array, lastModified = Date.UTC(2024, 2, 5)): ImportSource {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]) as Blob & { lastModified?: number };
  file.lastModified = lastModified;
  return { path: p, file };
}

function folder(): ImportSource[] {
  const gbk = fixture(ENCODINGS, 'gbk.txt');
  return [
    source('政策/two-pages.pdf', fixture(FILES, 'two-pages.pdf')),
    source('政策/scan.pdf', fixture(FILES, 'scan.pdf')),
    source('政策/notice.docx', fixture(FILES, 'notice.docx')),
    source('政策/old-word.doc', fixture(FILES, 'old-word.doc')),
    source('政策/gbk.txt', gbk),
    // The same text under another name: a duplicate by its text, whatever the name.
    source('政策/副本/gbk-copy.txt', gbk),
    source('政策/page.shtml', enc.encode(PAGE_HTML)),
    source('政策/lines.jsonl', enc.encode('{"title":"给定标题","year":2023,"org":"某某局","content":"某某局关于做好2023年防汛工作的通知。各单位要压实责任，确保安全度汛。"}\nnot json\n')),
    source('政策/.DS_Store', Uint8Array.of(0, 0, 0, 1)),
    source('政策/picture.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0)),
  ];
}

let n = 0;
let db: DB;
beforeEach(async () => {
  db = openDatabase(`import-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('importing a folder', () => {
  it('imports every readable file with its metadata and original, and names each file it skips or refuses', async () => {
    const progress: ImportProgress[] = [];
    const log: string[] = [];
    const summary = await runImport(db, folder(), { assets: ASSETS, createWorker: () => inProcessWorker(log), onProgress: (p) => progress.push(p), batchDocs: 2 });

    expect(summary.added.map((a) => a.path).sort()).toEqual(['政策/gbk.txt', '政策/lines.jsonl#1', '政策/notice.docx', '政策/page.shtml', '政策/two-pages.pdf']);
    expect(summary.duplicates).toEqual([{ path: '政策/副本/gbk-copy.txt', id: expect.any(Number), title: summary.added.find((a) => a.path === '政策/gbk.txt')!.title }]);
    const failed = Object.fromEntries(summary.failed.map((f) => [f.path, f]));
    expect(Object.keys(failed).sort()).toEqual(['政策/lines.jsonl#2', '政策/old-word.doc', '政策/picture.png', '政策/scan.pdf']);
    expect(failed['政策/scan.pdf']).toMatchObject({ code: 'pdf-no-text', reason: failureReason('pdf-no-text') });
    expect(failed['政策/scan.pdf']!.reason).toMatch(/scan: no text layer/);
    expect(failed['政策/old-word.doc']!.code).toBe('old-word-format');
    expect(failed['政策/picture.png']!.code).toBe('unsupported');
    expect(failed['政策/lines.jsonl#2']!.code).toBe('jsonl-line');
    // The hidden file is never sent to the worker; every other file is, once; the worker is stopped at the end.
    expect(log.filter((l) => l !== 'terminate').sort()).toEqual(folder().map((s) => s.path).filter((p) => !p.endsWith('.DS_Store')).sort());
    expect(log.at(-1)).toBe('terminate');
    expect(progress.at(-1)).toMatchObject({ done: 9, total: 9, added: 5, duplicates: 1, failed: 4, current: '' });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const docs = await db.documents.toArray();
    expect(docs).toHaveLength(5);
    const byUrl = (end: string) => docs.find((d) => d.url.endsWith(end))!;
    const pdf = byUrl('two-pages.pdf');
    expect(pdf.url).toBe(`file:///${encodeURIComponent('政策')}/two-pages.pdf`);
    expect(pdf.title).toBe('某市2024年优化营商环境工作要点');
    expect(pdf.text).toContain('中国式现代化');
    expect(pdf.text).not.toContain('某市人民政府公报');
    expect(pdf.source.articleText).toContain('中国式现代化');
    const docx = byUrl('notice.docx');
    expect(docx.docNumber).toBe('某经信发〔2024〕4号');
    const gbk = byUrl('gbk.txt');
    expect(gbk.text).toContain('三会一课');
    expect(gbk.docNumber).toBe('常经社委〔2024〕4号');
    const page = docs.find((d) => d.url === 'https://www.example.gov.cn/zwgk/2024/0520/notice.html')!;
    expect(page.title).toBe('关于开展2024年安全生产月活动的通知');
    expect(page.date).toBe('2024-05-20');
    expect(page.text).not.toContain('首页 | 政务公开');
    const line = docs.find((d) => d.title === '给定标题')!;
    expect([line.year, line.yearSource, line.orgs]).toEqual([2023, 'given', ['某某局']]);

    // Each document's original: the file's own bytes, its SHA-256, its name and the file's time.
    const pdfOriginal = (await readOriginal(db, pdf.uid))!;
    const pdfBytes = fixture(FILES, 'two-pages.pdf');
    expect(Buffer.from(pdfOriginal.bytes).equals(Buffer.from(pdfBytes))).toBe(true);
    expect(pdfOriginal).toMatchObject({ kind: 'file', name: '政策/two-pages.pdf', mediaType: 'application/pdf', size: pdfBytes.byteLength, sha256: sha(pdfBytes), fileModifiedAt: '2024-03-05T00:00:00.000Z' });
    expect((await readOriginal(db, gbk.uid))!.sha256).toBe(sha(fixture(ENCODINGS, 'gbk.txt')));
    // A jsonl document's original is its own line.
    expect(new TextDecoder().decode((await readOriginal(db, line.uid))!.bytes)).toMatch(/^\{"title":"给定标题"/);
    expect(await db.originals.count()).toBe(5);
  }, 120_000);

  it('stops when cancelled: what was read is written, the rest is counted as not read', async () => {
    const ctrl = new AbortController();
    const log: string[] = [];
    const summary = await runImport(db, folder(), {
      assets: ASSETS,
      createWorker: () => inProcessWorker(log),
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.done === 2) ctrl.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    // In path order gbk.txt, lines.jsonl, notice.docx come first; the abort comes as the third is
    // about to be read, and it is not sent to the worker.
    expect(log).toEqual(['政策/gbk.txt', '政策/lines.jsonl', 'terminate']);
    expect(summary.notRead).toBe(7);
    expect(summary.added.map((a) => a.path)).toEqual(['政策/gbk.txt', '政策/lines.jsonl#1']);
    expect(await db.documents.count()).toBe(summary.added.length);
    expect(await db.originals.count()).toBe(summary.added.length);
  }, 120_000);

  it('stops the file being read when cancelled (a long PDF): its worker is ended, the files before are written whole', async () => {
    const ctrl = new AbortController();
    const log: string[] = [];
    const files = [
      source('a.txt', enc.encode('第一份通知的正文，内容足够长，读完即写入。')),
      source('b.txt', enc.encode('第二份通知的正文，内容也足够长，读完即写入。')),
      source('c.pdf', fixture(FILES, 'two-pages.pdf')),
      source('d.txt', enc.encode('第四份通知的正文，取消之后不再读取。')),
    ];
    const running = runImport(db, files, {
      assets: ASSETS,
      batchDocs: 1,
      createWorker: () => {
        const w = inProcessWorker(log);
        const post = w.postMessage.bind(w);
        // The PDF never comes back: a file that takes as long as the user cares to wait.
        w.postMessage = (msg) => (msg.path.endsWith('.pdf') ? log.push(msg.path) : post(msg));
        return w;
      },
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.current === 'c.pdf') setTimeout(() => ctrl.abort(), 20);
      },
    });
    const summary = await running;
    expect(summary.cancelled).toBe(true);
    expect(log).toEqual(['a.txt', 'b.txt', 'c.pdf', 'terminate']);
    expect(summary.notRead).toBe(2);
    expect(summary.added.map((a) => a.path)).toEqual(['a.txt', 'b.txt']);
    const docs = await db.documents.toArray();
    expect(docs.map((d) => d.text).sort()).toEqual(['第一份通知的正文，内容足够长，读完即写入。', '第二份通知的正文，内容也足够长，读完即写入。']);
    expect(await db.originals.count()).toBe(2);
  }, 120_000);

  it('fails the file a crashed worker was reading, goes on with a new worker', async () => {
    let made = 0;
    const summary = await runImport(db, [source('a.txt', enc.encode('第一份通知的正文，内容足够长。')), source('b.txt', enc.encode('第二份通知的正文，内容也足够长。'))], {
      assets: ASSETS,
      createWorker: () => {
        made++;
        if (made > 1) return inProcessWorker();
        const w = inProcessWorker();
        w.postMessage = () => queueMicrotask(() => w.onerror?.({ message: 'out of memory' } as ErrorEvent));
        return w;
      },
    });
    expect(summary.failed).toEqual([{ path: 'a.txt', code: 'unreadable', reason: failureReason('unreadable', 'out of memory'), detail: 'out of memory' }]);
    expect(summary.added.map((a) => a.path)).toEqual(['b.txt']);
  });
});

describe('importDocuments (the one writer)', () => {
  const input = (text: string, url = 'file:///a.txt') => ({
    title: 't', orgs: [], docNumber: '', date: '', year: null, docType: '', script: 'simplified' as const, url, text,
    source: testCapture(text, url, { articleHtml: `<p>${text}</p>` }),
  });
  const original = (bytes: Uint8Array) => ({ kind: 'file' as const, name: 'a.txt', url: 'file:///a.txt', mediaType: 'text/plain', bytes, size: bytes.byteLength, sha256: sha(bytes), capturedAt: new Date().toISOString() });

  it('skips a text the library holds under any name, and a repeat inside the batch; the same name with another text is a new document', async () => {
    await addDocument(input('已有的文本。', 'https://example.gov.cn/1.html'), db);
    const res = await importDocuments(db, [
      { path: '附件1.pdf', input: input('已 有 的 文 本 。', 'file:///x/附件1.pdf'), original: original(enc.encode('x')) },
      { path: 'b/附件1.pdf', input: input('另一份文本。', 'file:///x/附件1.pdf'), original: original(enc.encode('y')) },
      { path: 'c/附件1.pdf', input: input('另一份文本。', 'file:///c/附件1.pdf'), original: original(enc.encode('z')) },
      { path: 'empty.txt', input: input('   '), original: original(enc.encode('')) },
    ]);
    expect(res.map((r) => r.status)).toEqual(['duplicate', 'added', 'duplicate', 'invalid']);
    expect(await db.documents.count()).toBe(2);
    expect(await db.originals.count()).toBe(1);
  });

  it('writes nothing of a batch when the database fails inside it', async () => {
    const items = [1, 2, 3].map((i) => ({ path: `${i}.txt`, input: input(`第${i}份文本。`, `file:///${i}.txt`), original: original(enc.encode(String(i))) }));
    const put = db.originals.put.bind(db.originals);
    let calls = 0;
    db.originals.put = ((...args: Parameters<typeof put>) => (++calls === 2 ? Promise.reject(new Error('disk failure')) : put(...args))) as typeof put;
    await expect(importDocuments(db, items)).rejects.toThrow(/disk failure/);
    db.originals.put = put;
    expect(await db.documents.count()).toBe(0);
    expect(await db.originals.count()).toBe(0);
  });

  it('keeps a clipped page’s HTML as its original, derives it for a record without one, and drops originals whose document is gone for good', async () => {
    const rec = await addDocument(input('页面正文。', 'https://example.gov.cn/p.html'), db);
    // Not stored yet (as for a page restored from a backup): derived from the record's captured HTML.
    expect(await db.originals.count()).toBe(0);
    expect((await readOriginal(db, rec.uid))!.kind).toBe('page');
    await keepPageOriginal(db, rec);
    const kept = (await db.originals.get(rec.uid))!;
    expect(kept.sha256).toBe(sha(enc.encode(rec.source.articleHtml)));
    await trashDocuments([rec.id!], db, new Date('2020-01-01'));
    expect(await dropOrphanOriginals(db)).toBe(0);
    expect(await purgeTrash(db, new Date('2021-01-01'))).toBe(1);
    expect(await db.originals.count()).toBe(0);
  });

  it('drops the originals of documents deleted forever or emptied from the trash, and keeps the others', async () => {
    const recs = [];
    for (const i of [1, 2, 3]) {
      const rec = await addDocument(input(`第${i}份页面正文。`, `https://example.gov.cn/${i}.html`), db);
      await keepPageOriginal(db, rec);
      recs.push(rec);
    }
    const [a, b, c] = recs as [(typeof recs)[number], (typeof recs)[number], (typeof recs)[number]];
    await trashDocuments([a.id!, b.id!], db, new Date());
    const trashed = await db.trash.toArray();
    const entryOf = (uid: string) => trashed.find((e) => e.uid === uid)!.id;
    expect(await deleteForever(db, [entryOf(a.uid)])).toBe(1);
    expect((await db.originals.toCollection().primaryKeys()).sort()).toEqual([b.uid, c.uid].sort());
    expect(await emptyTrash(db)).toBe(1);
    expect(await db.originals.toCollection().primaryKeys()).toEqual([c.uid]);
  });
});
