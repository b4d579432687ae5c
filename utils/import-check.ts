// "Check sources": fetch again the web address of documents and say, for each, whether its source
// is gone or has changed since capture. The fetched bytes' SHA-256 is compared with the stored
// original's; a page whose bytes differ is read again (parsed as data by DOMParser or linkedom, never
// rendered or run) and compared by the HTML of its content as captured, then by its cleaned text, so
// a changed sidebar or visit counter is told apart from a changed document. One request at a time,
// with the fetchPauseMs pause between. The marks are tags (one writer: the library service).
import { buildDocument } from '../analysis/document';
import { extractPage } from '../analysis/extract';
import { declaredHtmlCharset, decodeText } from '../analysis/files/decode';
import { hashText, type DB, type DocumentRecord, type OriginalRecord } from './db';
import { sha256Hex } from './import-common';
import { addTag, readOriginal, removeTag } from './library';
import { MESSAGES, t } from './i18n';

/** same: the very bytes of the original; sameText: the page differs, its document's text does not. */
export type SourceStatus = 'same' | 'sameText' | 'changed' | 'gone' | 'unreachable';

export interface SourceCheck {
  id: number;
  uid: string;
  url: string;
  status: SourceStatus;
  /** The HTTP status the site answered, when it answered. */
  httpStatus?: number;
  /** Why it could not be reached (network error, or the status). */
  problem?: string;
  checkedAt: string;
}

export type CheckedDoc = Pick<DocumentRecord, 'uid' | 'url' | 'contentHash' | 'tags'> & { id?: number };

export interface CheckDeps {
  fetch(url: string): Promise<Response>;
  parseHtml(html: string): Document;
  now?: () => Date;
}

/** HTTP answers meaning the document is no longer there. */
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410, 451]);

/** Documents that can be checked: those with a web address. */
export function checkable<T extends Pick<DocumentRecord, 'url'>>(docs: readonly T[]): T[] {
  return docs.filter((d) => /^https?:\/\//i.test(d.url));
}

/** Compare what the address serves now with the document's original. Never throws. */
export async function checkSource(doc: CheckedDoc, original: Pick<OriginalRecord, 'kind' | 'sha256'> | null, deps: CheckDeps): Promise<SourceCheck> {
  const base = { id: doc.id ?? -1, uid: doc.uid, url: doc.url, checkedAt: (deps.now?.() ?? new Date()).toISOString() };
  let res: Response;
  let bytes: Uint8Array;
  try {
    res = await deps.fetch(doc.url);
    if (GONE_STATUSES.has(res.status)) return { ...base, status: 'gone', httpStatus: res.status };
    if (!res.ok) return { ...base, status: 'unreachable', httpStatus: res.status, problem: `HTTP ${res.status}` };
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    return { ...base, status: 'unreachable', problem: String((err as Error)?.message ?? err) };
  }
  if (original && (await sha256Hex(bytes)) === original.sha256) return { ...base, status: 'same', httpStatus: res.status };
  const type = res.headers.get('content-type') ?? '';
  if (!/html|xml/i.test(type)) return { ...base, status: 'changed', httpStatus: res.status };
  const html = decodeText(bytes, declaredHtmlCharset(bytes)).text;
  const capture = extractPage(deps.parseHtml(html), doc.url);
  // A clipped page's original is the HTML of its content as the page showed it.
  if (original?.kind === 'page' && capture.articleHtml && (await sha256Hex(new TextEncoder().encode(capture.articleHtml))) === original.sha256) {
    return { ...base, status: 'same', httpStatus: res.status };
  }
  const text = buildDocument(capture).text;
  if (text.trim() && (await hashText(text)) === doc.contentHash) return { ...base, status: 'sameText', httpStatus: res.status };
  return { ...base, status: 'changed', httpStatus: res.status };
}

/** The tags marking a changed or gone source, in every language (a mark made in Chinese is cleared in English). */
function markTags(kind: 'changed' | 'gone'): string[] {
  return Object.values(MESSAGES).map((m) => m[kind === 'changed' ? 'check.tag.changed' : 'check.tag.gone']);
}

/** Tag a document by its check: 'source changed' or 'source gone' (in the UI language); a source found again unchanged loses both. */
export async function markCheck(db: DB, doc: CheckedDoc, check: SourceCheck): Promise<void> {
  if (doc.id === undefined || check.status === 'unreachable') return;
  const stale = check.status === 'changed' ? markTags('gone') : check.status === 'gone' ? markTags('changed') : [...markTags('changed'), ...markTags('gone')];
  for (const tag of stale) if (doc.tags.includes(tag)) await removeTag(db, doc.id, tag);
  if (check.status === 'changed' || check.status === 'gone') await addTag(db, [doc.id], t(check.status === 'changed' ? 'check.tag.changed' : 'check.tag.gone'));
}

export interface CheckRunOptions extends CheckDeps {
  pauseMs: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, last: SourceCheck | null): void;
}

/** Check documents one at a time, a pause between requests, marking each as it is checked. */
export async function checkSources(db: DB, docs: readonly CheckedDoc[], opts: CheckRunOptions): Promise<SourceCheck[]> {
  const todo = checkable(docs);
  const out: SourceCheck[] = [];
  opts.onProgress?.(0, todo.length, null);
  for (let i = 0; i < todo.length; i++) {
    if (opts.signal?.aborted) break;
    if (i > 0 && opts.pauseMs > 0) await new Promise((r) => setTimeout(r, opts.pauseMs));
    if (opts.signal?.aborted) break;
    const doc = todo[i]!;
    const check = await checkSource(doc, await readOriginal(db, doc.uid), opts);
    await markCheck(db, doc, check);
    out.push(check);
    opts.onProgress?.(out.length, todo.length, check);
  }
  return out;
}
