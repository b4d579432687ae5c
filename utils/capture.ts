// The clip flow shared by the popup (preview, edit, save) and the background (context menu and
// keyboard shortcut: save at once). The page side only extracts (entrypoints/extract.ts returns a
// plain PageCapture); cleaning, metadata and every write happen here, on the extension's side.
import { browser } from 'wxt/browser';
import type { BuiltDocument, PageCapture } from '@/analysis/types';
import { buildDocument } from '@/analysis/document';
import { TITLE_SEPARATORS } from '@/analysis/metadata-rules';
import {
  addDocument,
  addDocumentIfNew,
  countChars,
  db as sharedDb,
  EDITABLE_FIELDS,
  fieldsFromMetadata,
  findDuplicate,
  hashText,
  updateDocument,
  ValidationError,
  type DB,
  type DocumentRecord,
  type Duplicate,
  type EditableField,
  type EditableFields,
} from './db';
import { notify } from './messaging';
import { keepPageOriginal } from './library';
import { isStorageFull, isStorageFullNow } from './storage';
import { errorText, type MessageKey } from './i18n';
import type { AttachmentLink } from './import-attachments';

// ---- What can be clipped ----

export type RefusalReason = 'internal' | 'webstore' | 'viewSource' | 'pdf' | 'empty' | 'errorPage' | 'noAccess' | 'noTab' | 'unreadable' | 'timeout';

/** The UI string explaining each refusal. */
export const REFUSAL_MESSAGE: Record<RefusalReason, MessageKey> = {
  internal: 'refuse.internal',
  webstore: 'refuse.webstore',
  viewSource: 'refuse.viewSource',
  pdf: 'refuse.pdf',
  empty: 'refuse.empty',
  errorPage: 'refuse.errorPage',
  noAccess: 'refuse.noAccess',
  noTab: 'refuse.noTab',
  unreadable: 'refuse.unreadable',
  timeout: 'refuse.timeout',
};

/** Schemes of browser-internal pages, which browsers never let an extension script. */
const INTERNAL_SCHEMES: readonly string[] = [
  'about:', 'chrome:', 'chrome-extension:', 'chrome-search:', 'chrome-untrusted:', 'devtools:',
  'edge:', 'extension:', 'moz-extension:', 'resource:', 'brave:', 'opera:', 'vivaldi:', 'javascript:',
];

/** Extension stores: browsers block scripting on them even with permission. */
const STORE_PAGES: readonly { host: string; pathPrefix?: string }[] = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', pathPrefix: '/webstore' },
  { host: 'microsoftedge.microsoft.com', pathPrefix: '/addons' },
  { host: 'addons.mozilla.org' },
  { host: 'addons.opera.com' },
];

/** A path ending in .pdf is served to the browser's PDF viewer, which has no text DOM to read. */
const PDF_PATH = /\.pdf$/i;
const PDF_CONTENT_TYPE = 'application/pdf';

/**
 * Messages of a failed scripting.executeScript, mapped to what the user is told. Browsers word them
 * differently ("Cannot access a chrome:// URL", "The extensions gallery cannot be scripted",
 * "Frame with ID 0 is showing error page", "Missing host permission for the tab"); unmatched → noAccess.
 */
const INJECTION_ERRORS: readonly [RegExp, RefusalReason][] = [
  [/gallery cannot be scripted|web ?store/i, 'webstore'],
  [/error page/i, 'errorPage'],
  [/no tab with id/i, 'noTab'],
  [/\b(chrome|edge|about|devtools|chrome-extension|moz-extension|extension|resource):/i, 'internal'],
];

/** Why a tab at this URL cannot be clipped, or null when it may be. An unknown URL (no permission to see it yet) may be. */
export function refusalForUrl(url: string | undefined): RefusalReason | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'view-source:') return 'viewSource';
  if (INTERNAL_SCHEMES.includes(parsed.protocol)) return 'internal';
  const host = parsed.hostname.toLowerCase();
  if (STORE_PAGES.some((s) => s.host === host && (!s.pathPrefix || parsed.pathname.startsWith(s.pathPrefix)))) return 'webstore';
  if (PDF_PATH.test(parsed.pathname)) return 'pdf';
  return null;
}

/** The injected script ran but gave nothing back (it crashed in the page, or the page navigated away). */
export class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
}

/** The injected script did not answer in time (the page is busy: an endless loop, a huge DOM). */
export class ExtractionTimeout extends Error {
  override name = 'ExtractionTimeout';
}

/**
 * How long the page's script may take. Reading and cloning even a very large government page takes
 * well under a second; a page whose own scripts never yield (an endless loop) never answers at all.
 */
export const EXTRACT_TIMEOUT_MS = 10_000;

/** The promise's value, or an ExtractionTimeout after `ms` (the timer is cleared either way). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionTimeout(`${what} did not answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function refusalForError(error: unknown): RefusalReason {
  if (error instanceof ExtractionFailed) return 'unreadable';
  if (error instanceof ExtractionTimeout) return 'timeout';
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, reason] of INJECTION_ERRORS) if (pattern.test(message)) return reason;
  return 'noAccess';
}

/** What the injected script returns. */
export interface ExtractResult {
  capture: PageCapture;
  /** document.contentType of the page (a PDF viewer tab reports application/pdf). */
  contentType: string;
}

function isExtractResult(v: unknown): v is ExtractResult {
  const r = v as ExtractResult | null;
  return !!r && typeof r === 'object' && !!r.capture && typeof r.capture.url === 'string' && typeof r.contentType === 'string';
}

/** Why this extraction cannot be stored, or null. */
export function refusalForExtract(result: ExtractResult): RefusalReason | null {
  if (result.contentType.toLowerCase() === PDF_CONTENT_TYPE) return 'pdf';
  const urlReason = refusalForUrl(result.capture.url);
  if (urlReason) return urlReason;
  const { pageText, articleText } = result.capture;
  if (pageText.trim() === '' && articleText.trim() === '') return 'empty';
  return null;
}

// ---- The flow ----

/** The editable metadata shown in the popup. */
export type Draft = EditableFields;

export type Prepared =
  | { ok: false; reason: RefusalReason; detail?: string }
  | {
      ok: true;
      tabId: number;
      capture: PageCapture;
      built: BuiltDocument;
      /** Metadata as read from the page; the user edits a copy. */
      draft: Draft;
      contentHash: string;
      duplicate: Duplicate | null;
    };

/** What differs between environments, passed in so tests can stand in for the browser. */
export interface ClipDeps {
  getTabUrl(tabId: number): Promise<string | undefined>;
  extract(tabId: number): Promise<ExtractResult>;
  build(capture: PageCapture): BuiltDocument;
  database: DB;
  /** The attachments the tab's page links (read after the page, under the same activeTab grant). */
  attachments?(tabId: number): Promise<AttachmentLink[]>;
}

/** Inject the unlisted script into the tab's top frame and return what it extracted. */
export async function extractFromTab(tabId: number, timeoutMs: number = EXTRACT_TIMEOUT_MS): Promise<ExtractResult> {
  // executeScript never settles while the page's main thread is stuck: the popup must not wait forever.
  const results = await withTimeout(browser.scripting.executeScript({ target: { tabId }, files: ['/extract.js'] }), timeoutMs, 'The page');
  const value: unknown = results?.[0]?.result;
  if (!isExtractResult(value)) throw new ExtractionFailed('The page script returned nothing (it failed in the page, or the page navigated away).');
  return value;
}

function isAttachmentList(v: unknown): v is AttachmentLink[] {
  return Array.isArray(v) && v.every((a) => !!a && typeof (a as AttachmentLink).url === 'string' && typeof (a as AttachmentLink).kind === 'string');
}

/** Inject the attachment finder into the tab's top frame: the files the page links (none when it answers nothing). */
export async function attachmentsOfTab(tabId: number, timeoutMs: number = EXTRACT_TIMEOUT_MS): Promise<AttachmentLink[]> {
  const results = await withTimeout(browser.scripting.executeScript({ target: { tabId }, files: ['/attachments.js'] }), timeoutMs, 'The page');
  const value: unknown = results?.[0]?.result;
  return isAttachmentList(value) ? value : [];
}

export const browserDeps: ClipDeps = {
  attachments: attachmentsOfTab,
  async getTabUrl(tabId) {
    // Without the tabs permission the URL is present only once activeTab was granted for this tab.
    return (await browser.tabs.get(tabId)).url;
  },
  extract: extractFromTab,
  build: buildDocument,
  database: sharedDb,
};

/**
 * Endings of a site's name in a page <title> (「…_某某网」「中国政府网_…」「…| 某某门户」): such a part is
 * the site, not the document, whichever side of the separator it stands.
 */
const SITE_NAME_TAIL = /(?:网|网站|门户|官网|平台|客户端|频道|首页)$/;
/** A part shorter than this (in code points) is a section label (「通知」), not a title. */
const MIN_TITLE_PART = 4;

/**
 * The page's <title> without its site name: 「关于…的通知_某某网」→「关于…的通知」. Splits on the separators
 * metadata reading uses (analysis/metadata-rules TITLE_SEPARATORS: _ | ｜ -- — – ' - ' · ::), drops
 * parts that read as a site's name, and keeps the first remaining part long enough to be a title,
 * else the longest. A title without separators comes back trimmed.
 */
export function titleWithoutSite(pageTitle: string): string {
  const parts = pageTitle.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  const notSite = parts.filter((p) => !SITE_NAME_TAIL.test(p));
  const pool = notSite.length > 0 ? notSite : parts;
  return pool.find((p) => countChars(p) >= MIN_TITLE_PART) ?? pool.reduce((a, b) => (countChars(b) > countChars(a) ? b : a));
}

export function draftFromBuilt(built: BuiltDocument, capture: PageCapture): Draft {
  const fields = fieldsFromMetadata(built.metadata);
  // A page always has a name to show: the document's own title line, else the page's title
  // without the site's name.
  return { ...fields, title: fields.title || titleWithoutSite(capture.pageTitle) };
}

/** Fields whose value the user changed from what the page gave. */
export function editedFields(original: Draft, current: Draft): EditableField[] {
  return EDITABLE_FIELDS.filter((f) => JSON.stringify(original[f]) !== JSON.stringify(current[f]));
}

/** Read the tab, build the document and look for it in the collection. Stores nothing. */
export async function prepareClip(tabId: number | undefined, deps: ClipDeps = browserDeps): Promise<Prepared> {
  if (tabId === undefined || !Number.isInteger(tabId) || tabId < 0) return { ok: false, reason: 'noTab' };
  let url: string | undefined;
  try {
    url = await deps.getTabUrl(tabId);
  } catch (e) {
    return { ok: false, reason: 'noTab', detail: String(e) };
  }
  const byUrl = refusalForUrl(url);
  if (byUrl) return { ok: false, reason: byUrl };
  let extracted: ExtractResult;
  try {
    extracted = await deps.extract(tabId);
  } catch (e) {
    return { ok: false, reason: refusalForError(e), detail: e instanceof Error ? e.message : String(e) };
  }
  const refusal = refusalForExtract(extracted);
  if (refusal) return { ok: false, reason: refusal };
  const { capture } = extracted;
  const built = deps.build(capture);
  if (built.text.trim() === '') return { ok: false, reason: 'empty' };
  const contentHash = await hashText(built.text);
  const duplicate = await findDuplicate(capture.url, contentHash, deps.database);
  return { ok: true, tabId, capture, built, draft: draftFromBuilt(built, capture), contentHash, duplicate };
}

export type SaveChoice = 'new' | 'update' | 'keepBoth';

export type SaveOutcome =
  | { status: 'saved'; record: DocumentRecord; kind: 'added' | 'updated' }
  | { status: 'duplicate'; duplicate: Duplicate };

/**
 * Store a prepared clip with the user's draft. 'new' refuses to write when the document is already
 * in the collection (checked again now: another clip may have happened since the preview);
 * 'update' refreshes the existing record, keeping fields the user corrected earlier; 'keepBoth' adds
 * a second record on purpose.
 */
export async function saveClip(
  prepared: Extract<Prepared, { ok: true }>,
  draft: Draft,
  choice: SaveChoice,
  database: DB = sharedDb,
): Promise<SaveOutcome> {
  const { capture, built } = prepared;
  const userEdited = editedFields(prepared.draft, draft);
  const fields = {
    title: draft.title.trim(),
    orgs: draft.orgs.map((o) => o.trim()).filter(Boolean),
    docNumber: draft.docNumber.trim(),
    date: draft.date.trim(),
    year: draft.year,
    docType: draft.docType.trim(),
    author: draft.author.trim(),
    publication: draft.publication.trim(),
    // Settled by the database module: 'given' once the user corrected the year.
    yearSource: built.metadata.yearSource ?? '',
  };
  let record: DocumentRecord;
  let kind: 'added' | 'updated';
  if (choice === 'update') {
    const target = prepared.duplicate?.record.id;
    if (target === undefined) throw new Error('Nothing to update: this page is not in the collection.');
    record = await updateDocument(
      target,
      { ...fields, url: capture.url, text: built.text, script: built.metadata.script, source: capture },
      { mode: 'recapture', userEdited },
      database,
    );
    kind = 'updated';
  } else {
    const input = { ...fields, url: capture.url, text: built.text, script: built.metadata.script, source: capture, capturedAt: capture.capturedAt, edited: userEdited };
    if (choice === 'new') {
      // Checked again at write time, atomically: another clip may have happened since the preview.
      const added = await addDocumentIfNew(input, database);
      if (added.duplicate) return { status: 'duplicate', duplicate: added.duplicate };
      record = added.record;
    } else {
      record = await addDocument(input, database);
    }
    kind = 'added';
  }
  // The page's HTML as captured is kept as the document's original (evidence); a failure here never
  // undoes the clip: the record still holds the same HTML, from which the original is derived.
  await keepPageOriginal(database, record).catch((err: unknown) => console.warn('original not kept', err));
  await notify('documentSaved', { ids: [record.id!], kind, tabId: prepared.tabId, title: record.title });
  return { status: 'saved', record, kind };
}

// ---- Failures after the page was read ----

/** Why a page that was read could not be stored: not the page's fault, so never told as a refusal. */
export type SaveFailure = 'quota' | 'invalid' | 'database' | 'other';

/** The UI string naming each cause (filled with {problem}, the error's first line). */
export const SAVE_FAILURE_MESSAGE: Record<SaveFailure, MessageKey> = {
  quota: 'saveFailed.quota',
  invalid: 'saveFailed.invalid',
  database: 'saveFailed.database',
  other: 'saveFailed.other',
};

/** Error names of IndexedDB and Dexie meaning the database itself failed (open, transaction, write). */
const DATABASE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'AbortError', 'ConstraintError', 'DataCloneError', 'DataError', 'DatabaseClosedError', 'InvalidAccessError',
  'InvalidStateError', 'InvalidTableError', 'MissingAPIError', 'NoSuchDatabaseError', 'NotFoundError',
  'OpenFailedError', 'PrematureCommitError', 'ReadOnlyError', 'TimeoutError', 'TransactionInactiveError',
  'UnknownError', 'UpgradeError', 'VersionError',
]);
/** The cause is told in one line: the error's first line, this long at most. */
const PROBLEM_MAX_CHARS = 120;

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  // Dexie wraps the DOM error it met in `inner`.
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { inner?: unknown }).inner, depth++) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

/** Classify an error thrown while storing a clip, with its cause in one short line. */
export function saveFailureOf(error: unknown): { failure: SaveFailure; problem: string } {
  const raw = errorText(error);
  const firstLine = raw.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const chars = Array.from(firstLine);
  const problem = chars.length > PROBLEM_MAX_CHARS ? chars.slice(0, PROBLEM_MAX_CHARS).join('') + '…' : firstLine;
  const names = errorNames(error);
  if (error instanceof ValidationError) return { failure: 'invalid', problem };
  // A full disk shows up under several names (QuotaExceededError, DataError "Failed to write blobs"…).
  if (isStorageFull(error)) return { failure: 'quota', problem };
  if (names.some((n) => DATABASE_ERROR_NAMES.has(n))) return { failure: 'database', problem };
  return { failure: 'other', problem };
}

/** saveFailureOf, and a database failure on a disk with almost no space left named for what it is. */
export async function saveFailureNow(error: unknown): Promise<{ failure: SaveFailure; problem: string }> {
  const f = saveFailureOf(error);
  if ((f.failure === 'database' || f.failure === 'other') && (await isStorageFullNow(error))) return { ...f, failure: 'quota' };
  return f;
}

export type DirectOutcome =
  | { status: 'saved'; record: DocumentRecord }
  | { status: 'duplicate'; duplicate: Duplicate }
  | { status: 'refused'; reason: RefusalReason; detail?: string }
  /** The page is a list or index of documents (analysis/extract detectListPage): nothing is stored. */
  | { status: 'notDocument'; items: number }
  /** The page was read (or reading it did not fail for lack of access) but storing it failed. */
  | { status: 'failed'; failure: SaveFailure; problem: string };

/**
 * The background's one-step clip (context menu, shortcut): no preview, and a duplicate is never
 * stored. Never throws: an error after the page was reached (database, validation, quota) is a
 * 'failed' outcome naming its cause, distinct from a page the browser would not let us read.
 */
export async function clipTabDirectly(tabId: number | undefined, deps: ClipDeps = browserDeps): Promise<DirectOutcome> {
  try {
    const prepared = await prepareClip(tabId, deps);
    if (!prepared.ok) return { status: 'refused', reason: prepared.reason, detail: prepared.detail };
    // No preview to insist from: a list page is never stored in one step.
    if (prepared.built.listPage) return { status: 'notDocument', items: prepared.built.listPage.items.length };
    if (prepared.duplicate) return { status: 'duplicate', duplicate: prepared.duplicate };
    const saved = await saveClip(prepared, prepared.draft, 'new', deps.database);
    return saved.status === 'saved' ? { status: 'saved', record: saved.record } : saved;
  } catch (e) {
    return { status: 'failed', ...(await saveFailureNow(e)) };
  }
}

/** The local calendar date of an ISO timestamp, as YYYY-MM-DD (for "already clipped on …"). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
