// Clipping a PDF tab from the popup (components/popup/store.ts clipPdf → utils/import-pdf-tab.ts):
// the tab's PDF is offered instead of refused; the site's permission is asked for at the click, for
// that site only; granted, the file is fetched, read and stored under the tab's URL with the file as
// its original; refused, nothing is fetched or stored.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/utils/db';
import { buildDocument } from '@/analysis/document';
import { createClipStore } from '@/components/popup/store';
import { originPattern, pdfNameOf, type PdfTabDeps } from '@/utils/import-pdf-tab';
import { inProcessWorker } from '../helpers/import-worker';

const PDF = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/files/two-pages.pdf')));
const TAB_URL = 'https://www.example.gov.cn/files/2024/%E9%99%84%E4%BB%B61.pdf';

let n = 0;
let db: DB;
beforeEach(async () => {
  db = openDatabase(`pdf-tab-${++n}`);
  await db.open();
});
afterEach(() => db.delete());

function setup(grant: boolean) {
  const asked: string[][] = [];
  const fetched: string[] = [];
  const pdfDeps = (database: DB): PdfTabDeps => ({
    database,
    assets: { cMapUrl: 'unused/', standardFontDataUrl: 'unused/' },
    createWorker: () => inProcessWorker(),
    requestPermission: (origins) => {
      asked.push(origins);
      return Promise.resolve(grant);
    },
    fetch: (url) => {
      fetched.push(url);
      return Promise.resolve(new Response(PDF.slice()));
    },
  });
  const store = createClipStore(
    { getTabUrl: () => Promise.resolve(TAB_URL), extract: () => Promise.reject(new Error('a PDF tab is never scripted')), build: buildDocument, database: db },
    pdfDeps,
  );
  return { store, asked, fetched };
}

describe('a PDF tab in the popup', () => {
  it('is offered for clipping; with the site’s permission the PDF is stored under the tab’s URL with the file as its original', async () => {
    const { store, asked, fetched } = setup(true);
    await store.load(7);
    expect(store.phase.value).toEqual({ name: 'refused', reason: 'pdf', pdfUrl: TAB_URL });
    await store.clipPdf();
    expect(asked).toEqual([['https://www.example.gov.cn/*']]);
    expect(fetched).toEqual([TAB_URL]);
    expect(store.phase.value).toMatchObject({ name: 'pdf', busy: false, ok: true, message: expect.stringContaining('某市2024年优化营商环境工作要点') });
    const [doc, ...more] = await db.documents.toArray();
    expect(more).toEqual([]);
    expect([doc!.url, doc!.source.url, doc!.title]).toEqual([TAB_URL, TAB_URL, '某市2024年优化营商环境工作要点']);
    const original = (await db.originals.get(doc!.uid))!;
    expect([original.name, original.url, original.mediaType]).toEqual(['附件1.pdf', TAB_URL, 'application/pdf']);
    expect(original.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
  });

  it('fetches and stores nothing when the permission is refused', async () => {
    const { store, fetched } = setup(false);
    await store.load(7);
    await store.clipPdf();
    expect(fetched).toEqual([]);
    expect(store.phase.value).toMatchObject({ name: 'pdf', busy: false, ok: false });
    expect(await db.documents.count()).toBe(0);
  });

  it.each([
    ['https://a.gov.cn:8443/x/y.pdf?download=1', 'https://a.gov.cn:8443/*', 'y.pdf'],
    ['http://b.gov.cn/', 'http://b.gov.cn/*', 'document.pdf'],
    ['file:///home/u/x.pdf', null, 'x.pdf'],
  ])('%s: permission for %s, saved as %s', (url, pattern, name) => {
    expect(originPattern(url)).toBe(pattern);
    expect(pdfNameOf(url)).toBe(name);
  });
});
