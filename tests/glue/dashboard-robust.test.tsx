// @vitest-environment happy-dom
// The dashboard survives a malformed address and whatever the database holds: odd parts fall back
// to defaults with a one-line notice, and the page never goes blank.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDocument, cardOf, openDatabase, type DB, type DocumentInput } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { App } from '@/components/dashboard/App';
import { StoreContext } from '@/components/dashboard/context';
import { createDashboardStore, memoryLocation } from '@/components/dashboard/store';
import { dismissToast } from '@/components/dashboard/toast';
import { readStoredRecord } from '@/components/dashboard/facets';
import { ROUTES } from '@/components/dashboard/filters';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`dashboard-robust-${++n}`);
  await db.open();
});
afterEach(async () => {
  cleanup();
  stop?.();
  stop = null;
  dismissToast();
  vi.restoreAllMocks();
  await db.delete();
});

function input(url: string, p: Partial<DocumentInput> = {}): DocumentInput {
  const text = p.text ?? '坚持两个确立。';
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url), ...p };
}

function mount(hash: string) {
  const location = memoryLocation(hash);
  const store = createDashboardStore({ db, location, createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { store, location };
}

describe('a malformed address', () => {
  const cases: [name: string, hash: string, parts: string][] = [
    ['bad percent-encoding in the page name', '#/te%E0%A4%Arms?from=%E0%A4%A', 'route, from'],
    ['an unknown page and a huge year', '#/nowhere?from=99999999999999999999', 'route, from'],
    ['arrays where one value is expected', '#/nowhere?q=a&q=b&org[]=x', 'route, q, org[]'],
  ];
  for (const [name, hash, parts] of cases) {
    it(`${name}: the Library, a one-line notice naming ${parts}, and a clean address`, async () => {
      await addDocument(input('https://gov.cn/a'), db);
      const { location } = mount(hash);
      await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
      expect(document.querySelector('[data-route]')?.getAttribute('data-route')).toBe('library');
      expect(screen.getByTestId('notice-url').textContent).toContain(`ignored: ${parts}.`);
      // The address now says what is shown, so a reload or a bookmark does not bring the notice back.
      expect(location.read()).not.toContain('%E0');
      expect(location.read().startsWith('#/library')).toBe(true);
    });
  }

  it('a hand-edited address while open is read the same way', async () => {
    await addDocument(input('https://gov.cn/a'), db);
    const { location, store } = mount('#/library');
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    expect(screen.queryByTestId('notice-url')).toBeNull();
    // The user types a broken address: memoryLocation's back() lands on it and notifies, as hashchange does.
    location.push('#/terms%');
    location.push('#/terms%');
    location.back();
    await waitFor(() => expect(store.urlProblems.value).toEqual(['route']));
    expect(screen.getByTestId('notice-url')).toBeTruthy();
  });
});

describe('odd stored values', () => {
  it('a document with missing and mistyped fields, a bad lexicon row, a broken analysis and a wrong-typed setting: every page renders', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await addDocument(input('https://gov.cn/good', { title: '完好的文件' }), db);
    // Rows no current code writes, put straight into the tables.
    await db.documents.bulkPut([
      { id: 900, title: 42, orgs: '国务院', year: '2019', tags: null, text: null } as never,
      { id: 901, url: 'https://gov.cn/z', title: '只有标题' } as never,
    ]);
    await db.analyses.put({ docId: '900', version: 'v', terms: 'x' } as never);
    await db.lexicon.bulkPut([{ term: 17, category: null, aliases: 'x' } as never, { term: '新提法', category: 5, aliases: ['别名', 3] } as never]);
    await db.settings.bulkPut([
      { key: 'language', value: { en: true } },
      { key: 'stopwords', value: 'not a list' },
      { key: 'orgAliases', value: [[1, 2]] },
    ]);
    const { store } = mount('#/library');
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(3));
    expect(screen.getByTestId('notice-records').textContent).toContain('2 stored document(s)');
    const rows = screen.getAllByTestId('doc-row').map((r) => r.textContent ?? '');
    expect(rows.some((r) => r.includes('42'))).toBe(true);
    expect(rows.some((r) => r.includes('只有标题'))).toBe(true);
    expect(store.userLexicon.value.map((e) => e.term)).toEqual(['新提法']);
    expect(store.userLexicon.value[0]?.aliases).toEqual(['别名']);
    // The broken analysis is not used: its document is pending, to be analysed again (judged once
    // documents, analyses, dictionary and settings have all been read).
    await waitFor(() => expect(store.pending.value).toContain('900'));
    for (const route of ROUTES) {
      store.navigate(route);
      await waitFor(() => expect(document.querySelector('[data-route]')?.getAttribute('data-route')).toBe(route));
      expect(screen.queryByTestId('view-error'), route).toBeNull();
      expect(screen.getByRole('navigation').textContent).toContain('Library');
    }
    // The reader opens the odd record too.
    store.openDoc('900');
    expect((await screen.findByTestId('reader')).querySelector('h2')?.textContent).toBe('42');
  });

  it('each field read defensively, with a default', () => {
    expect(readStoredRecord(null).record).toBeNull();
    expect(readStoredRecord({ title: 'no id' }).record).toBeNull();
    const { record, repaired } = readStoredRecord({ id: 1, orgs: ['甲', 7], year: 1e12, chars: -3, length: '两字', edited: ['title', 'nonsense'], tags: ['a'] });
    expect(repaired).toBe(true);
    expect(record).toMatchObject({ id: 1, orgs: ['甲'], year: null, chars: 0, length: 0, edited: ['title'], tags: ['a'], title: '', url: '', script: 'simplified' });
  });

  it('a good record reads unchanged and is not counted as repaired', async () => {
    const good = await addDocument(input('https://gov.cn/good'), db);
    const card = await db.cards.get(good.id!);
    expect(card).toEqual(cardOf(good));
    const reading = readStoredRecord(card);
    expect(reading.repaired).toBe(false);
    expect(reading.record).toEqual(card);
  });
});

describe('a view that throws anyway', () => {
  it('shows one line; navigation and the other pages keep working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await addDocument(input('https://gov.cn/a'), db);
    const { store } = mount('#/library');
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    // A lexicon getter that throws makes the Terms view fail while rendering.
    const original = Object.getOwnPropertyDescriptor(store, 'lexicon')!;
    Object.defineProperty(store, 'lexicon', { configurable: true, get: () => ({ get value(): never { throw new Error('boom'); } }) });
    store.navigate('terms');
    expect((await screen.findByTestId('view-error')).textContent).toContain('boom');
    Object.defineProperty(store, 'lexicon', original);
    store.navigate('library');
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
    expect(screen.queryByTestId('view-error')).toBeNull();
  });
});
