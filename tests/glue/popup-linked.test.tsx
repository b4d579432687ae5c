// @vitest-environment happy-dom
// The popup's attachments and list picker (components/popup/BatchPanel, batch.ts): the refused
// kinds listed but not pickable, the sites' permission asked for at the click and only then the
// batch handed to the background, with the page's title and 文号 as the form shows them.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { BuiltDocument, ListPage, PageCapture } from '@/analysis/types';
import { ClipPanel } from '@/components/popup/ClipPanel';
import { createClipStore } from '@/components/popup/store';
import type { BatchDeps } from '@/components/popup/batch';
import type { ClipDeps } from '@/utils/capture';
import { db } from '@/utils/db';
import type { FetchJob, FetchJobState } from '@/utils/import-fetch';
import { setLanguage } from '@/utils/i18n';
import type { AttachmentLink } from '@/utils/import-attachments';
import { at } from '../helpers/at';

const URL_ = 'https://www.example.gov.cn/zwgk/notice.html';
const TEXT = '关于印发某某要点的通知\n各单位：\n现将要点印发给你们，请认真贯彻落实。';

const capture = (): PageCapture => ({ url: URL_, pageTitle: 'x', articleHtml: '<p>x</p>', articleText: TEXT, pageText: TEXT, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-05-01T08:00:00.000Z' });
const build = (listPage?: ListPage) => (c: PageCapture): BuiltDocument => ({
  text: c.articleText,
  removed: [],
  metadata: { title: '关于印发某某要点的通知', orgs: ['某市人民政府'], docNumber: { text: '某政发〔2024〕1号', agency: '某政发', year: 2024, number: '1' }, date: '2024-03-01', year: 2024, docType: '通知', script: 'simplified' },
  ...(listPage ? { listPage } : {}),
});

const LINKS: AttachmentLink[] = [
  { url: 'https://files.example.gov.cn/a.pdf', text: '附件1：要点.pdf', title: '要点', kind: 'pdf' },
  { url: 'https://www.example.gov.cn/b.docx', text: '附件2：通知.docx', title: '通知', kind: 'docx' },
  { url: 'https://www.example.gov.cn/c.wps', text: '附件3：表.wps', title: '表', kind: 'wps' },
];

function batchDeps(grant: boolean) {
  const calls: string[] = [];
  const jobs: FetchJob[] = [];
  let report: ((s: FetchJobState) => void) | null = null;
  const deps: BatchDeps = {
    requestPermission: async (origins) => {
      calls.push(`permission ${origins.join(' ')}`);
      return grant;
    },
    start: async (job) => {
      calls.push('start');
      jobs.push(job);
      return true;
    },
    state: async () => null,
    cancel: async () => undefined,
    subscribe: (next) => {
      report = next;
      return () => (report = null);
    },
  };
  return { deps, calls, jobs, report: (s: FetchJobState) => report?.(s) };
}

function mount(b: ReturnType<typeof batchDeps>, listPage?: ListPage) {
  const deps: ClipDeps = { database: db, build: build(listPage), getTabUrl: async () => URL_, extract: async () => ({ capture: capture(), contentType: 'text/html' }), attachments: async () => LINKS };
  const store = createClipStore(deps, undefined, b.deps);
  render(<ClipPanel store={store} />);
  return store;
}

beforeEach(async () => {
  setLanguage('en');
  await db.documents.clear();
});
afterEach(() => cleanup());

describe('attachments in the popup', () => {
  it('lists them; the .wps is refused in one line; the click asks for both sites, then starts the batch with the page as the form names it', async () => {
    const b = batchDeps(true);
    const store = mount(b);
    await store.load(3);
    const items = screen.getByTestId('attachments').querySelectorAll('li');
    expect(items).toHaveLength(3);
    expect(at([...items], 2).querySelector('input')!.disabled).toBe(true);
    expect(screen.getByTestId('attachment-refusal').textContent).toBe('not read: an old Word (.doc) or WPS file — save it as .docx or PDF and import that');
    fireEvent.input(screen.getByLabelText('Document number (文号)'), { target: { value: '某政发〔2024〕2号' } });
    // Unticking one leaves one to clip.
    fireEvent.click(at([...items], 1).querySelector('input')!);
    expect(screen.getByTestId('clip-attachments').textContent).toBe('Clip ticked attachments (1)');
    fireEvent.click(at([...items], 1).querySelector('input')!);
    expect(b.calls).toEqual([]);
    fireEvent.click(screen.getByTestId('clip-attachments'));
    await waitFor(() => expect(b.calls).toEqual(['permission https://files.example.gov.cn/* https://www.example.gov.cn/*', 'start']));
    expect(b.jobs[0]).toEqual({
      items: [
        { url: LINKS[0]!.url, title: '要点', kind: 'pdf' },
        { url: LINKS[1]!.url, title: '通知', kind: 'docx' },
      ],
      fromPage: { url: URL_, title: '关于印发某某要点的通知', docNumber: '某政发〔2024〕2号' },
    });
    b.report({ running: false, total: 2, done: 2, added: 1, duplicates: 0, failed: 1, current: '', cancelled: false, results: [{ url: LINKS[1]!.url, title: '通知', status: 'failed', reason: 'not downloaded: the site answered HTTP 404' }] });
    await waitFor(() => expect(screen.getByTestId('batch-counts').textContent).toBe('Done: 2 of 2. 1 clipped · 0 duplicates skipped · 1 not clipped'));
    expect(screen.getByTestId('batch-failed').textContent).toBe('通知: not downloaded: the site answered HTTP 404');
  });

  it('permission refused: nothing is started, and the popup says why', async () => {
    const b = batchDeps(false);
    const store = mount(b);
    await store.load(3);
    fireEvent.click(await screen.findByTestId('clip-attachments'));
    await waitFor(() => expect(screen.getByTestId('batch-problem').textContent).toBe('Nothing fetched: permission to read from these sites was not given.'));
    expect(b.calls).toEqual(['permission https://files.example.gov.cn/* https://www.example.gov.cn/*']);
  });
});

describe('a list page in the popup', () => {
  const LIST: ListPage = {
    isList: true,
    paginated: true,
    items: [
      { title: '关于第一季度工作的通知', url: 'https://x.gov.cn/1.html', date: '2024-01-10' },
      { title: '关于第二季度工作的通知', url: 'https://x.gov.cn/2.html', date: '2024-04-10' },
      { title: '关于年度工作的说明', url: 'https://x.gov.cn/3.html', date: '' },
    ],
  };
  it('picks all, or the entries in a date range, and hands them to the background with their dates', async () => {
    const b = batchDeps(true);
    const store = mount(b, LIST);
    await store.load(3);
    expect(screen.queryByTestId('attachments')).toBeNull();
    expect(screen.getByTestId('clip-list').textContent).toBe('Clip picked documents (3)');
    fireEvent.click(screen.getByTestId('list-range'));
    fireEvent.input(screen.getByTestId('list-from'), { target: { value: '2024-02-01' } });
    expect(screen.getByTestId('clip-list').textContent).toBe('Clip picked documents (1)');
    fireEvent.click(screen.getByTestId('clip-list'));
    await waitFor(() => expect(b.calls).toEqual(['permission https://x.gov.cn/*', 'start']));
    expect(b.jobs[0]).toEqual({ items: [{ url: 'https://x.gov.cn/2.html', title: '关于第二季度工作的通知', date: '2024-04-10', kind: 'page' }] });
    expect(await db.documents.count()).toBe(0);
  });
});
