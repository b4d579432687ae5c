import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BuiltDocument, PageCapture } from '@/analysis/types';
import {
  clipTabDirectly,
  draftFromBuilt,
  editedFields,
  ExtractionFailed,
  extractFromTab,
  prepareClip,
  refusalForError,
  refusalForExtract,
  refusalForUrl,
  saveClip,
  saveFailureOf,
  titleWithoutSite,
  type ClipDeps,
  type ExtractResult,
  ExtractionTimeout,
} from '@/utils/capture';
import { StorageFullError } from '@/utils/storage';
import { listDocuments, openDatabase, type DB } from '@/utils/db';

let n = 0;
let database: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  database = openDatabase(`capture-test-${++n}`);
  await database.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.delete();
});

const TEXT = '关于做好2024年党建工作的通知\n各党支部：\n现将有关事项通知如下。';

function page(over: Partial<PageCapture> = {}): PageCapture {
  return {
    url: 'https://www.example.gov.cn/art/2024/3/22/art_1.html',
    pageTitle: '关于做好2024年党建工作的通知_某某网',
    articleHtml: '<p>…</p>',
    articleText: TEXT,
    pageText: `首页 > 通知公告\n${TEXT}\n浏览次数：123`,
    meta: { tags: {}, govInfo: {} },
    capturedAt: '2024-05-01T08:00:00.000Z',
    ...over,
  };
}

/** A stand-in for analysis/document's buildDocument: these tests are about the flow, not cleaning. */
function build(capture: PageCapture): BuiltDocument {
  return {
    text: capture.articleText.trim(),
    removed: [{ text: '浏览次数：123', rule: 'counter' }],
    metadata: {
      title: capture.articleText.split('\n')[0] ?? '',
      orgs: ['中共某某委员会'],
      docNumber: { text: '某委〔2024〕4号', agency: '某委', year: 2024, number: '4' },
      date: '2024-03-22',
      year: 2024,
      docType: '通知',
      script: 'simplified',
    },
  };
}

function deps(result: ExtractResult | Error, url: string | undefined = page().url): ClipDeps & { extract: ReturnType<typeof vi.fn> } {
  return {
    database,
    build,
    getTabUrl: async () => url,
    extract: vi.fn(async () => {
      if (result instanceof Error) throw result;
      return result;
    }),
  };
}

const html = (capture: PageCapture = page()): ExtractResult => ({ capture, contentType: 'text/html' });

describe('refusalForUrl', () => {
  it.each([
    ['chrome://settings/', 'internal'],
    ['chrome://newtab/', 'internal'],
    ['edge://extensions/', 'internal'],
    ['about:blank', 'internal'],
    ['about:addons', 'internal'],
    ['chrome-extension://abcdefghijklmnop/options.html', 'internal'],
    ['moz-extension://1234/popup.html', 'internal'],
    ['devtools://devtools/bundled/inspector.html', 'internal'],
    ['view-source:https://www.gov.cn/', 'viewSource'],
    ['https://chromewebstore.google.com/detail/abc', 'webstore'],
    ['https://chrome.google.com/webstore/detail/abc', 'webstore'],
    ['https://microsoftedge.microsoft.com/addons/detail/x', 'webstore'],
    ['https://addons.mozilla.org/zh-CN/firefox/', 'webstore'],
    ['https://www.gov.cn/zhengce/content/file.PDF', 'pdf'],
    ['https://www.gov.cn/files/2024工作要点.pdf?download=1#page=2', 'pdf'],
  ] as const)('%s → %s', (url, reason) => {
    expect(refusalForUrl(url)).toBe(reason);
  });

  it.each([
    'https://www.gov.cn/zhengce/2024-03/22/content_1.htm',
    'http://127.0.0.1:8080/page.html',
    'https://chrome.google.com/search', // the same host outside /webstore is an ordinary page
    'https://example.com/pdf/viewer.html',
    'file:///home/user/doc.html',
  ])('%s may be clipped', (url) => {
    expect(refusalForUrl(url)).toBeNull();
  });

  it('an unknown or unparsable URL is left to the injection to decide', () => {
    expect(refusalForUrl(undefined)).toBeNull();
    expect(refusalForUrl('')).toBeNull();
    expect(refusalForUrl('not a url')).toBeNull();
  });
});

describe('refusalForError', () => {
  it.each([
    ['Cannot access a chrome:// URL', 'internal'],
    ['Cannot access a chrome-extension:// URL of different extension', 'internal'],
    ['The extensions gallery cannot be scripted.', 'webstore'],
    ['Frame with ID 0 is showing error page', 'errorPage'],
    ['No tab with id: 42.', 'noTab'],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'noAccess'],
    ['Missing host permission for the tab', 'noAccess'],
  ] as const)('%s → %s', (message, reason) => {
    expect(refusalForError(new Error(message))).toBe(reason);
  });
});

describe('refusalForExtract', () => {
  it('refuses a PDF viewer by its content type, whatever the URL', () => {
    expect(refusalForExtract({ capture: page({ url: 'https://x.cn/view?id=3' }), contentType: 'application/pdf' })).toBe('pdf');
  });
  it('refuses a page without text, counting full-width spaces as blank', () => {
    expect(refusalForExtract(html(page({ pageText: ' \n\u3000\n', articleText: '' })))).toBe('empty');
  });
  it('accepts a page with text', () => {
    expect(refusalForExtract(html())).toBeNull();
  });
});

describe('prepareClip', () => {
  it('refuses without a tab and without injecting', async () => {
    const d = deps(html());
    expect(await prepareClip(undefined, d)).toMatchObject({ ok: false, reason: 'noTab' });
    expect(d.extract).not.toHaveBeenCalled();
  });

  it.each([
    ['chrome://extensions/', 'internal'],
    ['https://chromewebstore.google.com/category/extensions', 'webstore'],
    ['https://www.gov.cn/a.pdf', 'pdf'],
  ] as const)('refuses %s before injecting anything', async (url, reason) => {
    const d = deps(html(), url);
    expect(await prepareClip(7, d)).toEqual({ ok: false, reason });
    expect(d.extract).not.toHaveBeenCalled();
    expect(await database.documents.count()).toBe(0);
  });

  it('maps an injection failure to a refusal (URL hidden before activeTab)', async () => {
    const d = deps(new Error('Cannot access a chrome:// URL'), undefined);
    expect(await prepareClip(7, d)).toMatchObject({ ok: false, reason: 'internal' });
  });

  it('refuses an empty page and a page whose cleaning leaves nothing', async () => {
    expect(await prepareClip(7, deps(html(page({ pageText: '', articleText: '' }))))).toMatchObject({ ok: false, reason: 'empty' });
    const allFurniture = deps(html(page({ articleText: '  ', pageText: '首页 > 栏目' })));
    expect(await prepareClip(7, allFurniture)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses a PDF viewer reported by the page', async () => {
    expect(await prepareClip(7, deps({ capture: page(), contentType: 'application/pdf' }))).toMatchObject({ ok: false, reason: 'pdf' });
  });

  it('builds the draft and stores nothing', async () => {
    const p = await prepareClip(7, deps(html()));
    expect(p).toMatchObject({
      ok: true,
      tabId: 7,
      duplicate: null,
      draft: { title: '关于做好2024年党建工作的通知', orgs: ['中共某某委员会'], docNumber: '某委〔2024〕4号', date: '2024-03-22', year: 2024, docType: '通知' },
    });
    expect(await database.documents.count()).toBe(0);
  });
});

describe('saveClip and duplicates', () => {
  async function ready(capture = page()) {
    const p = await prepareClip(7, deps(html(capture)));
    if (!p.ok) throw new Error('expected a clippable page');
    return p;
  }

  it('stores the cleaned text, the raw capture and the fields the user edited', async () => {
    const p = await ready();
    const out = await saveClip(p, { ...p.draft, docType: '意见' }, 'new', database);
    expect(out.status).toBe('saved');
    const [rec] = await listDocuments(database);
    expect(rec).toMatchObject({ text: TEXT, docType: '意见', docNumber: '某委〔2024〕4号', edited: ['docType'], url: page().url });
    expect(rec!.source.pageText).toContain('浏览次数');
    expect(rec!.text).not.toContain('浏览次数');
  });

  it('the same URL again is reported with its date, not stored', async () => {
    await saveClip(await ready(), (await ready()).draft, 'new', database);
    const again = await ready();
    expect(again.duplicate).toMatchObject({ reason: 'url' });
    const out = await saveClip(again, again.draft, 'new', database);
    expect(out.status).toBe('duplicate');
    expect(await database.documents.count()).toBe(1);
  });

  it('the same text at another URL is a duplicate by text', async () => {
    await saveClip(await ready(), (await ready()).draft, 'new', database);
    const mirror = await ready(page({ url: 'https://mirror.example.com/copy/1.html', articleText: TEXT.replace(/\n/g, '\n\n') }));
    expect(mirror.duplicate).toMatchObject({ reason: 'text' });
  });

  it('"Keep both" adds a second record; "Update it" refreshes the first and keeps earlier corrections', async () => {
    const first = await ready();
    await saveClip(first, { ...first.draft, title: '我改过的标题' }, 'new', database);
    const again = await ready(page({ articleText: TEXT + '\n新增一段。' }));
    await saveClip(again, again.draft, 'keepBoth', database);
    expect(await database.documents.count()).toBe(2);

    const third = await ready(page({ articleText: TEXT + '\n又改了一段。' }));
    const out = await saveClip(third, { ...third.draft, date: '2024-03-23' }, 'update', database);
    expect(out).toMatchObject({ status: 'saved', kind: 'updated' });
    expect(await database.documents.count()).toBe(2);
    const updated = await database.documents.get(third.duplicate!.record.id!);
    expect(updated!.text).toContain('又改了一段');
    expect(updated!.date).toBe('2024-03-23');
    expect(updated!.edited).toEqual(expect.arrayContaining(['date']));
  });

  it('"Update it" keeps a title the user corrected at the first clip', async () => {
    const first = await ready();
    await saveClip(first, { ...first.draft, title: '我改过的标题' }, 'new', database);
    const again = await ready(page({ articleText: TEXT + '\n新增一段。' }));
    await saveClip(again, again.draft, 'update', database);
    const [rec] = await listDocuments(database);
    expect(rec).toMatchObject({ title: '我改过的标题', edited: ['title'] });
    expect(rec!.text).toContain('新增一段');
  });

  it('"Update it" without a duplicate is an error, and writes nothing', async () => {
    const p = await ready();
    await expect(saveClip(p, p.draft, 'update', database)).rejects.toThrow(/Nothing to update/);
    expect(await database.documents.count()).toBe(0);
  });
});

describe('clipTabDirectly (context menu, shortcut)', () => {
  it('stores a new page, then refuses to store it again', async () => {
    const first = await clipTabDirectly(3, deps(html()));
    expect(first.status).toBe('saved');
    const second = await clipTabDirectly(3, deps(html()));
    expect(second).toMatchObject({ status: 'duplicate', duplicate: { reason: 'url' } });
    expect(await database.documents.count()).toBe(1);
  });

  it('stores nothing for a refused page', async () => {
    expect(await clipTabDirectly(3, deps(html(), 'chrome://newtab/'))).toMatchObject({ status: 'refused', reason: 'internal' });
    expect(await database.documents.count()).toBe(0);
  });

  it('a document that fails validation is a save failure naming the field, not a refusal', async () => {
    const bad = deps(html());
    bad.build = (c) => {
      const b = build(c);
      b.metadata.year = 20244; // a typing mistake the validator rejects
      return b;
    };
    const outcome = await clipTabDirectly(3, bad);
    expect(outcome).toMatchObject({ status: 'failed', failure: 'invalid' });
    expect(outcome.status === 'failed' && outcome.problem).toMatch(/^Invalid document: year must be null or a whole year/);
    expect(await database.documents.count()).toBe(0);
  });

  it('a database that cannot be opened is a save failure of the database', async () => {
    database.close(); // Dexie refuses further use with DatabaseClosedError
    const outcome = await clipTabDirectly(3, deps(html()));
    expect(outcome).toMatchObject({ status: 'failed', failure: 'database' });
  });
});

describe('saveFailureOf', () => {
  const named = (name: string, message = 'm') => Object.assign(new Error(message), { name });
  it.each([
    [named('QuotaExceededError'), 'quota'],
    // Dexie wraps the DOM error in `inner`.
    [Object.assign(named('AbortError', 'Transaction aborted'), { inner: named('QuotaExceededError') }), 'quota'],
    // A full disk under other names: Chromium's blob write failure, LevelDB's IO error, the free-space check.
    [named('DataError', 'Failed to write blobs.'), 'quota'],
    [Object.assign(named('AbortError', 'Transaction aborted'), { inner: named('UnknownError', 'IO error: /profile/IndexedDB/x.ldb: No space left on device') }), 'quota'],
    [new StorageFullError(10_000_000, 1_000), 'quota'],
    [named('DataError', 'Data provided to an operation does not meet requirements.'), 'database'],
    [named('DatabaseClosedError'), 'database'],
    [named('ConstraintError'), 'database'],
    [named('TypeError'), 'other'],
    ['a thrown string', 'other'],
    [null, 'other'],
  ] as const)('%s → %s', (error, failure) => {
    expect(saveFailureOf(error).failure).toBe(failure);
  });
  it('keeps the cause to one line of bounded length', () => {
    const { problem } = saveFailureOf(new Error(`\n  first line　${'长'.repeat(300)}\nsecond line`));
    expect(problem).not.toContain('\n');
    expect(problem.startsWith('first line')).toBe(true);
    expect(Array.from(problem)).toHaveLength(121);
    expect(problem.endsWith('…')).toBe(true);
    expect(saveFailureOf(new Error('')).problem).toBe('');
  });
});

describe('draft helpers', () => {
  it('falls back to the page title without its site name when the document has no title line', () => {
    const built = build(page());
    built.metadata.title = '';
    expect(draftFromBuilt(built, page()).title).toBe('关于做好2024年党建工作的通知');
  });
  it.each([
    ['关于做好2024年党建工作的通知_某某网', '关于做好2024年党建工作的通知'],
    ['中国政府网_国务院关于印发某规划的通知', '国务院关于印发某规划的通知'],
    ['关于开展专项检查的通知 | 某某市人民政府门户网站', '关于开展专项检查的通知'],
    ['某某局2024年工作要点｜某某局', '某某局2024年工作要点'],
    ['市政府常务会议 — 某某新闻网', '市政府常务会议'],
    ['2024-2025学年校历_某某大学', '2024-2025学年校历'],
    ['通知_关于开展检查的通知_某某网', '关于开展检查的通知'],
    ['  无分隔符的标题　', '无分隔符的标题'],
    ['中国政府网 - 首页', '中国政府网'],
    ['constructor｜某某网', 'constructor'],
    ['', ''],
    [' _ | ', ''],
  ])('titleWithoutSite(%j) = %j', (raw, want) => {
    expect(titleWithoutSite(raw)).toBe(want);
  });
  it('lists only changed fields', () => {
    const d = draftFromBuilt(build(page()), page());
    expect(editedFields(d, { ...d })).toEqual([]);
    expect(editedFields(d, { ...d, orgs: ['甲', '乙'], year: null })).toEqual(['orgs', 'year']);
  });
});

describe('extractFromTab', () => {
  it('gives up on a page that never answers (an endless loop), and the popup says so', async () => {
    // executeScript into a page whose main thread never yields never settles.
    fakeBrowser.scripting.executeScript = vi.fn(() => new Promise(() => undefined)) as never;
    const err = await extractFromTab(11, 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionTimeout);
    expect(refusalForError(err)).toBe('timeout');
    expect(await prepareClip(11, { ...deps(html()), extract: (id) => extractFromTab(id, 20) })).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('injects the unlisted script file into the tab and returns its result', async () => {
    const spy = vi.fn(async () => [{ frameId: 0, documentId: 'd', result: html() }]);
    fakeBrowser.scripting.executeScript = spy as never;
    expect(await extractFromTab(11)).toEqual(html());
    expect(spy).toHaveBeenCalledWith({ target: { tabId: 11 }, files: ['/extract.js'] });
  });
  it('fails clearly when the script returned nothing, and the popup says the page could not be read', async () => {
    fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, documentId: 'd', result: undefined }]) as never;
    const err = await extractFromTab(11).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionFailed);
    expect(refusalForError(err)).toBe('unreadable');
    expect(await prepareClip(11, { ...deps(html()), extract: extractFromTab })).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});

describe('list pages and the new fields', () => {
  const LIST = { isList: true as const, paginated: true, items: [{ title: '关于甲的通知', url: 'https://www.example.gov.cn/a.html', date: '2024-06-20' }, { title: '关于乙的通知', url: 'https://www.example.gov.cn/b.html', date: '2024-06-19' }] };
  const listDeps = (): ClipDeps => ({ ...deps(html()), build: (c) => ({ ...build(c), listPage: LIST }) });

  it('the one-step clip refuses a list page, naming how many entries it holds, and stores nothing', async () => {
    expect(await clipTabDirectly(3, listDeps())).toEqual({ status: 'notDocument', items: 2 });
    expect(await listDocuments(database)).toHaveLength(0);
  });

  it('prepareClip passes the list on for the popup to show (it stores nothing itself)', async () => {
    const prepared = await prepareClip(3, listDeps());
    expect(prepared.ok && prepared.built.listPage?.items.length).toBe(2);
    expect(await listDocuments(database)).toHaveLength(0);
  });

  it('author, publication and the year source are stored; a corrected year becomes given', async () => {
    const withFields: ClipDeps = {
      ...deps(html()),
      build: (c) => {
        const b = build(c);
        return { ...b, metadata: { ...b.metadata, author: '徐明远', publication: '人民日报 09版', yearSource: 'title' } };
      },
    };
    const prepared = await prepareClip(3, withFields);
    if (!prepared.ok) throw new Error('not prepared');
    expect(prepared.draft).toMatchObject({ author: '徐明远', publication: '人民日报 09版' });
    const kept = await saveClip(prepared, { ...prepared.draft, publication: ' 人民日报 10版 ' }, 'new', database);
    expect(kept.status === 'saved' && kept.record).toMatchObject({ author: '徐明远', publication: '人民日报 10版', yearSource: 'title', edited: ['publication'] });
    const corrected = await saveClip(prepared, { ...prepared.draft, year: 2023 }, 'keepBoth', database);
    expect(corrected.status === 'saved' && corrected.record).toMatchObject({ year: 2023, yearSource: 'given', edited: ['year'] });
  });
});
