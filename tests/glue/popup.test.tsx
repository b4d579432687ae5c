// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BuiltDocument, PageCapture } from '@/analysis/types';
import { ClipPanel, previewLines } from '@/components/popup/ClipPanel';
import { createClipStore, draftFromForm, formFromDraft } from '@/components/popup/store';
import type { ClipDeps } from '@/utils/capture';
import { db } from '@/utils/db';
import { setLanguage } from '@/utils/i18n';
import { getSetting } from '@/utils/settings';
import { englishWords, visibleStrings } from '../helpers/english';

const TEXT = '关于开展<b>专项</b>检查的通知\n各单位：\n<img src=x onerror="alert(1)">现将有关事项通知如下。\n一、检查范围';

function capture(url = 'https://www.example.gov.cn/a.html'): PageCapture {
  return { url, pageTitle: 'x', articleHtml: '<p>x</p>', articleText: TEXT, pageText: TEXT, meta: { tags: {}, govInfo: {} }, capturedAt: '2024-05-01T08:00:00.000Z' };
}

function build(c: PageCapture): BuiltDocument {
  return {
    text: c.articleText,
    removed: [{ text: '浏览次数：3', rule: 'counter' }],
    metadata: { title: '关于开展<b>专项</b>检查的通知', orgs: ['甲局', '乙局'], docNumber: null, date: '2024-03-22', year: 2024, docType: '通知', script: 'simplified' },
  };
}

function deps(url?: string): ClipDeps {
  return { database: db, build, getTabUrl: async () => url ?? capture().url, extract: async () => ({ capture: capture(url), contentType: 'text/html' }) };
}

beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  await db.documents.clear();
  await db.settings.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function mount(url?: string) {
  const store = createClipStore(deps(url));
  render(<ClipPanel store={store} />);
  await store.load(5);
  return store;
}

describe('popup', () => {
  it('shows every field editable, the length, and the text as text (no markup from the page)', async () => {
    await mount();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('关于开展<b>专项</b>检查的通知');
    expect((screen.getByLabelText(/Issuing organisation/) as HTMLInputElement).value).toBe('甲局；乙局');
    for (const label of ['Document number (文号)', 'Date', 'Year', 'Document type']) expect(screen.getByLabelText(label).tagName).toBe('INPUT');
    expect(screen.getByTestId('length').textContent).toBe(`${[...TEXT].length} characters`);
    const preview = screen.getByTestId('preview');
    expect(preview.querySelector('b, img')).toBeNull();
    expect(preview.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(screen.getByText('Lines of page furniture removed: 1')).toBeTruthy();
    expect(screen.getByTestId('removed').textContent).toBe('浏览次数：3');
  });

  it('saves the edited fields with one click on the Clip button', async () => {
    await mount();
    fireEvent.input(screen.getByLabelText('Document type'), { target: { value: '意见' } });
    fireEvent.input(screen.getByLabelText(/Issuing organisation/), { target: { value: '甲局，丙局; ' } });
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved to your library.'));
    const [rec] = await db.documents.toArray();
    expect(rec).toMatchObject({ docType: '意见', orgs: ['甲局', '丙局'], org: '甲局；丙局', edited: ['orgs', 'docType'] });
    expect(screen.getByRole('link', { name: 'Open library' }).getAttribute('href')).toBe('chrome-extension://test-extension-id/options.html');
  });

  it('a malformed date or year is shown next to its field and nothing is stored', async () => {
    await mount();
    fireEvent.input(screen.getByLabelText('Date'), { target: { value: '2024年3月' } });
    fireEvent.input(screen.getByLabelText('Year'), { target: { value: '２０２４x' } });
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect(screen.getByText('Date must be YYYY-MM-DD, or empty.')).toBeTruthy();
    expect(await db.documents.count()).toBe(0);
  });

  it('a page already clipped offers Update it / Keep both instead of Clip', async () => {
    await mount();
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() => screen.getByRole('status'));
    cleanup();
    await mount();
    expect(screen.getByText(/Already clipped on \d{4}-\d{2}-\d{2}\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Clip/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved'));
    expect(await db.documents.count()).toBe(2);
  });

  it('a storage failure names its cause, keeps the form as typed, and a retry saves', async () => {
    await mount();
    fireEvent.input(screen.getByLabelText('Document type'), { target: { value: '意见' } });
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const spy = vi.spyOn(db, 'transaction').mockRejectedValueOnce(quota as never);
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Could not save this page: the disk is full: the browser cannot store more for Tifa Lens; nothing was written (The quota has been exceeded.).'),
    );
    expect((screen.getByLabelText('Document type') as HTMLInputElement).value).toBe('意见');
    expect(await db.documents.count()).toBe(0);
    spy.mockRestore();
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved to your library.'));
    expect((await db.documents.toArray())[0]).toMatchObject({ docType: '意见' });
  });

  it('a refused page shows one line and no form', async () => {
    await mount('chrome://newtab/');
    expect(screen.getByRole('alert').textContent).toBe('Browser pages (chrome://, about:, settings, new tab) cannot be clipped.');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('the language toggle switches to Chinese and remembers it', async () => {
    await mount();
    fireEvent.click(screen.getByRole('button', { name: 'Switch the interface to Chinese' }));
    await waitFor(() => expect(screen.getByRole('button', { name: /剪藏/ })).toBeTruthy());
    expect(screen.getByLabelText('文号')).toBeTruthy();
    await waitFor(async () => expect(await getSetting('language')).toBe('zh'));
  });
});

describe('the popup in Chinese', () => {
  /** Latin words of the fixture page itself (its markup is shown as text): data, not interface. */
  const DATA_WORDS = new Set(TEXT.match(/[A-Za-z]{2,}/g) ?? []);

  it('shows no English word: form, preview, already-clipped choice and a refusal', async () => {
    setLanguage('zh');
    const store = await mount();
    expect(screen.getByRole('button', { name: '剪藏本页' })).toBeTruthy();
    expect(englishWords(visibleStrings(), DATA_WORDS)).toEqual([]);
    await store.save('new');
    await waitFor(() => expect(screen.getByRole('link', { name: '打开文库' })).toBeTruthy());
    expect(englishWords(visibleStrings(), DATA_WORDS)).toEqual([]);
    cleanup();
    await mount();
    await waitFor(() => expect(screen.getByRole('button', { name: '两份都保留' })).toBeTruthy());
    expect(englishWords(visibleStrings(), DATA_WORDS)).toEqual([]);
    cleanup();
    await mount('chrome://newtab/');
    expect(screen.getByRole('alert').textContent).toMatch(/无法剪藏/);
    expect(englishWords(visibleStrings(), DATA_WORDS)).toEqual([]);
  });

  it('the detector is not blind: the English popup is full of English', async () => {
    await mount();
    expect(englishWords(visibleStrings(), DATA_WORDS).length).toBeGreaterThan(5);
  });
});

describe('popup: list pages, author, publication, year source', () => {
  const LIST = { isList: true as const, paginated: true, items: Array.from({ length: 7 }, (_, k) => ({ title: `关于第${k + 1}项工作的通知`, url: `https://x.gov.cn/${k}.html`, date: `2024-06-${String(20 - k).padStart(2, '0')}` })) };

  it('a list page: says how many documents, lists their titles and dates to pick from, stores nothing until "Clip it anyway"', async () => {
    const store = createClipStore({ ...deps(), build: (c) => ({ ...build(c), listPage: LIST }) });
    render(<ClipPanel store={store} />);
    await store.load(5);
    expect(screen.getByRole('alert').textContent).toBe('This page looks like a list of 7 documents, not a document. Nothing was stored.');
    const items = screen.getByTestId('list-entries').querySelectorAll('li');
    expect(items).toHaveLength(7);
    expect(items[0]!.textContent).toBe('关于第1项工作的通知 2024-06-20');
    expect(screen.queryByRole('button', { name: /Clip this page/ })).toBeNull();
    expect(await db.documents.count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Clip it anyway' }));
    fireEvent.click(await screen.findByRole('button', { name: /Clip this page/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved to your library.'));
    expect(await db.documents.count()).toBe(1);
  });

  it('author and publication are shown and corrected; the note beside the year says how it was found, then "given"', async () => {
    const store = createClipStore({
      ...deps(),
      build: (c) => {
        const b = build(c);
        return { ...b, metadata: { ...b.metadata, author: '徐明远', publication: '人民日报 09版', yearSource: 'date' } };
      },
    });
    render(<ClipPanel store={store} />);
    await store.load(5);
    expect((screen.getByLabelText('Author or speaker') as HTMLInputElement).value).toBe('徐明远');
    expect((screen.getByLabelText('Published in') as HTMLInputElement).value).toBe('人民日报 09版');
    expect(screen.getByTestId('year-source').textContent).toBe('from the date');
    fireEvent.input(screen.getByLabelText('Year'), { target: { value: '2023' } });
    expect(screen.getByTestId('year-source').textContent).toBe('given');
    fireEvent.input(screen.getByLabelText('Published in'), { target: { value: '学习时报' } });
    fireEvent.click(screen.getByRole('button', { name: /Clip/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved to your library.'));
    const [rec] = await db.documents.toArray();
    expect(rec).toMatchObject({ author: '徐明远', publication: '学习时报', year: 2023, yearSource: 'given', edited: ['year', 'publication'] });
  });
});

describe('form helpers', () => {
  it('round-trips a draft, splitting organisations on semicolons, commas and line breaks but not 、', () => {
    const draft = { title: 'T', orgs: ['甲', '乙'], docNumber: '', date: '', year: null, docType: '', author: '', publication: '' };
    expect(formFromDraft(draft).orgs).toBe('甲；乙');
    expect(draftFromForm(formFromDraft(draft))).toEqual({ draft });
    // A name holding 、 comes back whole (the field is not marked edited by a mere round trip).
    const joint = { ...draft, orgs: ['市委、市政府联合督查组', '__proto__'] };
    expect(draftFromForm(formFromDraft(joint))).toEqual({ draft: joint });
    expect(draftFromForm({ ...formFromDraft(draft), orgs: '甲,丙，丁;戊；己\n庚' })).toMatchObject({ draft: { orgs: ['甲', '丙', '丁', '戊', '己', '庚'] } });
    expect(draftFromForm({ ...formFromDraft(draft), orgs: ' ；；\n' })).toMatchObject({ draft: { orgs: [] } });
  });
  it('accepts a leap day and rejects a day that does not exist', () => {
    const f = formFromDraft({ title: '', orgs: [], docNumber: '', date: '', year: null, docType: '', author: '', publication: '' });
    expect(draftFromForm({ ...f, date: '2024-02-29' })).toMatchObject({ draft: { date: '2024-02-29' } });
    expect(draftFromForm({ ...f, date: '2023-02-29' })).toEqual({ errors: { date: 'popup.invalidDate' } });
  });
  it('rejects impossible dates and non-years', () => {
    expect(draftFromForm({ ...formFromDraft({ title: '', orgs: [], docNumber: '', date: '', year: null, docType: '', author: '', publication: '' }), date: '2024-02-30x', year: '24' })).toEqual({
      errors: { date: 'popup.invalidDate', year: 'popup.invalidYear' },
    });
  });
  it('previews the first non-empty lines, shortening long ones', () => {
    const long = '字'.repeat(400);
    const lines = previewLines(`\n\n一\n\n二\n${long}\n四\n五\n六\n七\n八`);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('一');
    expect([...lines[2]!].length).toBe(161);
    expect(previewLines('')).toEqual([]);
  });
});
