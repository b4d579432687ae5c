// @vitest-environment happy-dom
// The tables where the extension meets the CLI's formats: the Library's CSV export (documentsTable,
// as documents.csv) and the organisation-alias settings, which name bad lines instead of dropping them.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DocAnalysis } from '../../analysis/types';
import { TABLE_HEADERS } from '../../analysis/tables';
import { addDocument, openDatabase, putAnalysis, type DB, type DocumentInput } from '../../utils/db';
import { orgAliasErrorMessages, setLanguage } from '../../utils/i18n';
import { StoreContext } from '../../components/dashboard/context';
import { createDashboardStore, memoryLocation } from '../../components/dashboard/store';
import { SETTING_KEYS } from '../../utils/settings';
import { dismissToast } from '../../components/dashboard/toast';
import { LibraryView } from '../../components/library/LibraryView';
import { SettingsView } from '../../components/settings/SettingsView';
import { captureDownloads } from '../helpers/downloads';
import { inProcessAggregateWorker } from '../helpers/aggregate';
import { testCapture as capture } from '../helpers/capture';
import { at } from '../helpers/at';

let n = 0;
let db: DB;
let stop: (() => void) | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  setLanguage('en');
  db = openDatabase(`tables-ui-${++n}`);
  await db.open();
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  stop?.();
  stop = null;
  dismissToast();
  await db.delete();
});

function input(url: string, p: Partial<DocumentInput> = {}): DocumentInput {
  const text = p.text ?? '坚持两个确立。';
  return { url, title: `标题 ${url}`, orgs: ['国务院'], docNumber: '', date: '', year: 2024, docType: '报告', script: 'simplified', text, source: capture(text, url), ...p };
}
function analysis(id: number, chars: number): DocAnalysis {
  return { docId: String(id), version: 'v', chars, terms: [['改革', 2]], formulations: [], outline: [{ level: 1, marker: '一、', text: 'x', offset: 0 }], stats: { chars, paragraphs: 3, sentences: 4, meanSentenceLength: chars / 4 } };
}

function mount(view: 'library' | 'settings', hash = `#/${view}`) {
  const store = createDashboardStore({ db, location: memoryLocation(hash), createWorker: null, createAggregateWorker: () => inProcessAggregateWorker() });
  stop = store.start();
  render(<StoreContext.Provider value={store}>{view === 'library' ? <LibraryView /> : <SettingsView />}</StoreContext.Provider>);
  return store;
}

describe('Library CSV export', () => {
  it('downloads the filtered documents as documents.csv does: published header, joined issuers, analysis columns', async () => {
    const a = await addDocument(
      input('https://gov.cn/a', { title: '=关于印发《要点》的通知', orgs: ['中共中央办公厅', '国务院办公厅'], docNumber: '厅字〔2024〕1号', date: '2024-03-05', year: 2024, docType: '通知' }),
      db,
    );
    await addDocument(input('https://gov.cn/b', { title: '二〇一八年报告', year: 2018, text: '另一篇。' }), db);
    await putAnalysis({ ...analysis(a.id!, 400), textHash: a.textHash }, db);
    const store = mount('library', '#/library?from=2024&to=2024');
    const dl = captureDownloads();
    await waitFor(() => expect(store.analyses.value.size).toBe(1));
    const button = await screen.findByRole('button', { name: /CSV/ });
    fireEvent.click(button);
    expect(dl.names).toEqual([expect.stringMatching(/^tifa-lens-documents-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const text = await at(dl.blobs, 0).text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(TABLE_HEADERS.documents.join(','));
    // Only the 2024 document passes the filter; a title starting with = is kept as text, not a formula.
    expect(lines.slice(1)).toEqual([
      `${a.id},'=关于印发《要点》的通知,中共中央办公厅；国务院办公厅,厅字〔2024〕1号,2024-03-05,2024,通知,400,https://gov.cn/a,3,4,100,1,https://gov.cn/a,,,,`, // year_source, author, publication: not stored by the db yet
      '',
    ]);
  });

  it('in Chinese too, and disabled when no document passes the filters', async () => {
    setLanguage('zh');
    await addDocument(input('https://gov.cn/a'), db);
    mount('library', '#/library?from=1990&to=1991');
    const button = await screen.findByRole('button', { name: /CSV/ });
    expect(button.getAttribute('aria-label')).toContain('当前文档列表');
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('organisation alias settings', () => {
  const textarea = () => screen.getByRole('textbox', { name: 'Organisation aliases' }) as HTMLTextAreaElement;
  const save = () => {
    const section = textarea().closest('section')!;
    fireEvent.click(section.querySelector('button')!);
  };

  it('names each malformed line with its number and does not save', async () => {
    const store = mount('settings');
    await waitFor(() => expect(textarea()).toBeTruthy());
    fireEvent.input(textarea(), { target: { value: '常经社委 = 社会事业局\n= 别名\n甲 = 乙 = 丙' } });
    save();
    const list = await screen.findByTestId('set-orgs-errors');
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Not saved: correct these lines first.',
      expect.stringMatching(/^Line 2 “= 别名”: no name before "="/),
      expect.stringMatching(/^Line 3 “甲 = 乙 = 丙”: more than one "="/),
    ]);
    expect(await db.settings.get(SETTING_KEYS.orgAliases)).toBeUndefined();
    expect(store.orgAliasPairs.value).toEqual([]);
  });

  it('saves a good table with chains resolved to the final canonical name', async () => {
    mount('settings');
    await waitFor(() => expect(textarea()).toBeTruthy());
    fireEvent.input(textarea(), { target: { value: '甲局 = 乙局\n乙局 = 丙局' } });
    save();
    await waitFor(async () => expect((await db.settings.get(SETTING_KEYS.orgAliases))?.value).toEqual([['甲局', '甲局'], ['乙局', '甲局'], ['丙局', '甲局']]));
    expect(screen.queryByTestId('set-orgs-errors')).toBeNull();
  });

  it('words the messages in Chinese', () => {
    expect(orgAliasErrorMessages([{ line: 2, text: '= 别名', reason: 'no-canonical' }], 'zh')).toEqual([
      '未保存：请先修改以下各行。',
      '第 2 行「= 别名」：“=”前缺少规范名称（格式：规范名称 = 别名, 别名）',
    ]);
    expect(orgAliasErrorMessages([], 'en')).toEqual([]);
  });
});
