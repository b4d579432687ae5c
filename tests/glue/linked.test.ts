// Linked documents (utils/import-attachments, import-fetch, import-check; components/popup/batch):
// the attachments a page links, a batch fetched one request at a time with the page's metadata
// carried over and duplicates skipped, a list's date range, and the check of sources against the
// originals' SHA-256. Fetch is a stand-in serving fixture bytes; reading is the import's own (pdf.js
// legacy build, mammoth, linkedom) in this process.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/utils/db';
import { findAttachmentLinks } from '@/utils/import-attachments';
import { fetchedName, runFetchJob, type FetchDeps, type FetchJob } from '@/utils/import-fetch';
import { checkSource, checkSources } from '@/utils/import-check';
import { entriesInRange, originsOf } from '@/components/popup/batch';
import { readOriginal } from '@/utils/library';
import { at } from '../helpers/at';
import { inProcessWorker } from '../helpers/import-worker';

const FILES = path.join(import.meta.dirname, '../fixtures/files');
const PDF = new Uint8Array(readFileSync(path.join(FILES, 'two-pages.pdf')));
const DOCX = new Uint8Array(readFileSync(path.join(FILES, 'notice.docx')));
const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;

const PAGE = 'https://www.example.gov.cn/zwgk/2024/0301/notice.html';
const FROM = { url: PAGE, title: '关于印发《某市2024年优化营商环境工作要点》的通知', docNumber: '某政办发〔2024〕12号' };

let n = 0;
let db: DB;
beforeEach(async () => {
  db = openDatabase(`linked-${++n}`);
  await db.open();
});
afterEach(() => db.delete());

type Served = Record<string, { body: Uint8Array | string; type: string } | number>;

function server(served: Served) {
  const requested: string[] = [];
  const fetch = (url: string) => {
    requested.push(url);
    const r = served[url];
    if (r === undefined) return Promise.resolve(new Response('not found', { status: 404 }));
    if (typeof r === 'number') return Promise.reject(new TypeError(`connection refused (${r})`));
    const body = typeof r.body === 'string' ? r.body : r.body.slice();
    return Promise.resolve(new Response(body, { headers: { 'content-type': r.type } }));
  };
  return { fetch, requested };
}

function deps(fetch: FetchDeps['fetch'], extra: Partial<FetchDeps> = {}): FetchDeps {
  return { database: db, fetch, pauseMs: 0, assets: { cMapUrl: 'unused/', standardFontDataUrl: 'unused/' }, createWorker: () => inProcessWorker(), ...extra };
}

describe('the attachments a page links', () => {
  it('finds files by the extension of their address or their text, once each, and names them without 附件N： and the extension', () => {
    const doc = parseHtml(`<html><body><div>
      <a href="/">首页</a><a href="other.html">关于某事的通知</a>
      <p>附件：<a href="/files/P020240301.pdf">1.某市2024年工作要点.pdf</a></p>
      <p><a href="download.jsp?id=7" title="附件2：申报表.xls">附件2</a></p>
      <p><a href="/files/P020240301.pdf#page=2">工作要点（第二页）</a></p>
      <p><a href="./%E9%80%9A%E7%9F%A5.DOCX">附件三、通知</a><a href="javascript:void(0)">x.pdf</a><a href="mailto:a@b.cn">c.doc</a></p>
    </div></body></html>`);
    expect(findAttachmentLinks(doc, PAGE)).toEqual([
      { url: 'https://www.example.gov.cn/files/P020240301.pdf', text: '1.某市2024年工作要点.pdf', title: '1.某市2024年工作要点', kind: 'pdf' },
      { url: 'https://www.example.gov.cn/zwgk/2024/0301/download.jsp?id=7', text: '附件2：申报表.xls', title: '申报表', kind: 'xls' },
      { url: 'https://www.example.gov.cn/zwgk/2024/0301/%E9%80%9A%E7%9F%A5.DOCX', text: '附件三、通知', title: '通知', kind: 'docx' },
    ]);
  });
});

describe('a batch of linked documents', () => {
  it('fetches one at a time, carries the page’s 文号 to the attachment lacking one, keeps the page with the original, refuses the .doc unfetched', async () => {
    const s = server({
      'https://www.example.gov.cn/files/a.pdf': { body: PDF, type: 'application/pdf' },
      'https://www.example.gov.cn/files/b.docx': { body: DOCX, type: 'application/octet-stream' },
    });
    const job: FetchJob = {
      fromPage: FROM,
      items: [
        { url: 'https://www.example.gov.cn/files/a.pdf', title: '某市2024年优化营商环境工作要点', kind: 'pdf' },
        { url: 'https://www.example.gov.cn/files/b.docx', title: '通知', kind: 'docx' },
        { url: 'https://www.example.gov.cn/files/c.doc', title: '申报表', kind: 'doc' },
        { url: 'https://www.example.gov.cn/files/gone.pdf', title: '已撤下', kind: 'pdf' },
      ],
    };
    const seen: number[] = [];
    const state = await runFetchJob(job, deps(s.fetch, { onProgress: (p) => seen.push(p.done) }));
    expect(s.requested).toEqual(['https://www.example.gov.cn/files/a.pdf', 'https://www.example.gov.cn/files/b.docx', 'https://www.example.gov.cn/files/gone.pdf']);
    expect([state.added, state.duplicates, state.failed, state.running]).toEqual([2, 0, 2, false]);
    expect(state.results.map((r) => [r.status, r.reason ?? ''])).toEqual([
      ['added', ''],
      ['added', ''],
      ['failed', 'an old Word (.doc) or WPS file — save it as .docx or PDF and import that'],
      ['failed', 'not downloaded: the site answered HTTP 404'],
    ]);
    expect(seen.at(-1)).toBe(4);
    const docs = await db.documents.toArray();
    const pdf = docs.find((d) => d.url.endsWith('a.pdf'))!;
    const docx = docs.find((d) => d.url.endsWith('b.docx'))!;
    expect([pdf.title, pdf.docNumber]).toEqual(['某市2024年优化营商环境工作要点', FROM.docNumber]);
    expect(docx.docNumber).toBe('某经信发〔2024〕4号');
    expect(await readOriginal(db, pdf.uid)).toMatchObject({ kind: 'file', url: pdf.url, fromPage: FROM, mediaType: 'application/pdf' });

    // The same batch again: every address is in the library, so nothing readable is requested.
    const again = await runFetchJob({ ...job, items: job.items.slice(0, 2) }, deps(s.fetch));
    expect([again.added, again.duplicates]).toEqual([0, 2]);
    expect(s.requested).toHaveLength(3);
  });

  it('a list’s pages: read as pages (linkedom, scripts never run), dated from the list when they show no date, a repost skipped', async () => {
    const page = (title: string, extra = '') =>
      `<html><head><title>${title}_某市人民政府网</title><script>throw new Error('ran')</script></head><body><div class="article"><h1>${title}</h1>` +
      Array.from({ length: 5 }, (_, i) => `<p>第${i + 1}条：各单位要按照部署压实责任，细化措施，确保${title}中的第${i + 1}项任务按期完成并报送进展情况。</p>`).join('') +
      `${extra}</div></body></html>`;
    const s = server({
      'https://x.gov.cn/1.html': { body: page('关于做好第一季度重点工作的通知'), type: 'text/html; charset=utf-8' },
      'https://x.gov.cn/2.jsp?id=2': { body: page('关于做好第二季度重点工作的通知'), type: 'text/html' },
      'https://x.gov.cn/repost.html': { body: page('关于做好第一季度重点工作的通知'), type: 'text/html' },
      'https://x.gov.cn/down.html': 503,
    });
    const state = await runFetchJob(
      {
        items: [
          { url: 'https://x.gov.cn/1.html', title: '第一季度', date: '2024-01-10', kind: 'page' },
          { url: 'https://x.gov.cn/2.jsp?id=2', title: '第二季度', date: '2024-04-10', kind: 'page' },
          { url: 'https://x.gov.cn/repost.html', title: '转载', date: '2024-01-11', kind: 'page' },
          { url: 'https://x.gov.cn/down.html', title: '宕机', kind: 'page' },
        ],
      },
      deps(s.fetch),
    );
    expect(state.results.map((r) => r.status)).toEqual(['added', 'added', 'duplicate', 'failed']);
    expect(at(state.results, 3).reason).toMatch(/^not downloaded \(.*connection refused/);
    const docs = await db.documents.orderBy('id').toArray();
    expect(docs.map((d) => [d.title, d.date, d.year])).toEqual([
      ['关于做好第一季度重点工作的通知', '2024-01-10', 2024],
      ['关于做好第二季度重点工作的通知', '2024-04-10', 2024],
    ]);
    expect(await readOriginal(db, at(docs, 1).uid)).toMatchObject({ kind: 'page', name: '', url: 'https://x.gov.cn/2.jsp?id=2', mediaType: 'text/html' });
  });

  it('stops before the next request when cancelled', async () => {
    const controller = new AbortController();
    const s = server({ 'https://x.gov.cn/a.pdf': { body: PDF, type: 'application/pdf' } });
    const fetch = (url: string) => {
      controller.abort();
      return s.fetch(url);
    };
    const state = await runFetchJob(
      { items: ['a', 'b', 'c'].map((k) => ({ url: `https://x.gov.cn/${k}.pdf`, title: k, kind: 'pdf' as const })) },
      deps(fetch, { signal: controller.signal, pauseMs: 60_000 }),
    );
    expect([state.done, state.cancelled, s.requested.length]).toEqual([1, true, 1]);
  });

  it('names fetched files by their media type', () => {
    expect(fetchedName('https://x.gov.cn/content.jsp?id=3', 'text/html;charset=gbk')).toBe('content.html');
    expect(fetchedName('https://x.gov.cn/files/P0201.pdf', 'application/octet-stream')).toBe('P0201.pdf');
    expect(fetchedName('https://x.gov.cn/download?id=9', 'application/pdf')).toBe('download.pdf');
  });
});

describe('picking from a list', () => {
  const items = [
    { title: 'a', url: 'https://x.gov.cn/a', date: '2024-01-10' },
    { title: 'b', url: 'https://y.gov.cn/b', date: '2024-03-01' },
    { title: 'c', url: 'https://x.gov.cn/c', date: '' },
  ];
  it('a date range keeps the entries dated within it (both ends included); no range keeps all', () => {
    expect(entriesInRange(items, '2024-01-10', '2024-03-01').map((i) => i.title)).toEqual(['a', 'b']);
    expect(entriesInRange(items, '2024-02-01', '').map((i) => i.title)).toEqual(['b']);
    expect(entriesInRange(items, '', '').map((i) => i.title)).toEqual(['a', 'b', 'c']);
    expect(originsOf(items.map((i) => i.url))).toEqual(['https://x.gov.cn/*', 'https://y.gov.cn/*']);
  });
});

describe('checking sources', () => {
  async function clipPages(served: Served) {
    const s = server(served);
    await runFetchJob({ items: Object.keys(served).map((url) => ({ url, title: '', kind: url.endsWith('.pdf') ? ('pdf' as const) : ('page' as const) })) }, deps(s.fetch));
    return db.documents.orderBy('id').toArray();
  }
  const html = (title: string, extra = '') =>
    `<html><head><title>${title}</title></head><body><div class="nav">访问量：${extra.length}</div><div class="article"><h1>${title}</h1>` +
    Array.from({ length: 5 }, (_, i) => `<p>第${i + 1}条：各单位要按照部署压实责任，细化措施，确保${title}第${i + 1}项任务按期完成。</p>`).join('') +
    `</div></body></html>`;

  it('same bytes: unchanged; page differs but not its text: text unchanged; text differs: changed; 404: gone; no answer: unreachable', async () => {
    const docs = await clipPages({
      'https://x.gov.cn/same.html': { body: html('关于甲事项的通知'), type: 'text/html' },
      'https://x.gov.cn/counter.html': { body: html('关于乙事项的通知'), type: 'text/html' },
      'https://x.gov.cn/edited.html': { body: html('关于丙事项的通知'), type: 'text/html' },
      'https://x.gov.cn/gone.pdf': { body: PDF, type: 'application/pdf' },
      'https://x.gov.cn/down.html': { body: html('关于丁事项的通知'), type: 'text/html' },
    });
    expect(docs).toHaveLength(5);
    const now = server({
      'https://x.gov.cn/same.html': { body: html('关于甲事项的通知'), type: 'text/html' },
      // Only the visit counter outside the document changed.
      'https://x.gov.cn/counter.html': { body: html('关于乙事项的通知', 'xxxxxx'), type: 'text/html' },
      'https://x.gov.cn/edited.html': { body: html('关于丙事项的补充通知'), type: 'text/html' },
      'https://x.gov.cn/down.html': 1,
    });
    const progress: number[] = [];
    const checks = await checkSources(db, docs, { fetch: now.fetch, parseHtml, pauseMs: 0, onProgress: (d) => progress.push(d) });
    expect(checks.map((c) => [c.url.replace('https://x.gov.cn/', ''), c.status])).toEqual([
      ['same.html', 'same'],
      ['counter.html', 'sameText'],
      ['edited.html', 'changed'],
      ['gone.pdf', 'gone'],
      ['down.html', 'unreachable'],
    ]);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5]);
    const tags = (await db.documents.orderBy('id').toArray()).map((d) => d.tags);
    expect(tags).toEqual([[], [], ['source changed'], ['source gone'], []]);

    // Checked again after the site restored the edited page: its mark goes.
    const restored = server({ 'https://x.gov.cn/edited.html': { body: html('关于丙事项的通知'), type: 'text/html' } });
    const [edited] = await db.documents.where('url').equals('https://x.gov.cn/edited.html').toArray();
    const [again] = await checkSources(db, [edited!], { fetch: restored.fetch, parseHtml, pauseMs: 0 });
    expect(again?.status).toBe('same');
    expect((await db.documents.get(edited!.id!))?.tags).toEqual([]);
  });

  it('a clipped page (its original the content HTML as captured) is the same when the live page still holds that content', async () => {
    const page = parseHtml(html('关于戊事项的通知'));
    const { extractPage } = await import('@/analysis/extract');
    const articleHtml = extractPage(page, 'https://x.gov.cn/p.html').articleHtml;
    const sha = await (await import('@/utils/import-common')).sha256Hex(new TextEncoder().encode(articleHtml));
    const check = await checkSource(
      { id: 1, uid: 'u', url: 'https://x.gov.cn/p.html', contentHash: 'other', tags: [] },
      { kind: 'page', sha256: sha },
      { fetch: server({ 'https://x.gov.cn/p.html': { body: html('关于戊事项的通知', 'yy'), type: 'text/html' } }).fetch, parseHtml },
    );
    expect(check.status).toBe('same');
  });

  it('documents without a web address are not checked', async () => {
    const s = server({});
    const checks = await checkSources(db, [{ id: 1, uid: 'u', url: 'file:///a.txt', contentHash: '', tags: [] }], { fetch: s.fetch, parseHtml, pauseMs: 0 });
    expect([checks, s.requested]).toEqual([[], []]);
  });
});
