// The browser's storage for the extension: ask for it to be kept (persist), estimate free space
// before large writes, and tell a full disk apart from other database errors. (No free identifier
// is named `storage` here: WXT's auto-import would bundle its wxt/storage module for it.)
import { CodedError, errorText, type Message } from './i18n';

/** Thrown before a large write when the estimate says it would not fit. Named like the DOM's
 * quota error, so every classifier treats it as a full disk. */
export class StorageFullError extends CodedError {
  override name = 'QuotaExceededError';
  constructor(
    readonly needed: number,
    readonly available: number,
  ) {
    super({ key: 'storage.needed', params: { needed: formatBytes(needed), available: formatBytes(available) } });
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${n} B`;
}

/** The part of navigator.storage used here (absent in some contexts and in Node). */
export interface StorageLike {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
  estimate?(): Promise<{ quota?: number; usage?: number }>;
}

function defaultStorage(): StorageLike | undefined {
  return typeof navigator === 'object' ? (navigator as { storage?: StorageLike }).storage : undefined;
}

/**
 * Ask the browser not to evict the library under storage pressure. Returns whether storage is
 * persistent (false when the browser refuses or has no such API). Never throws.
 */
export async function requestPersistence(manager: StorageLike | undefined = defaultStorage()): Promise<boolean> {
  try {
    if (!manager?.persist) return false;
    if (manager.persisted && (await manager.persisted())) return true;
    return await manager.persist();
  } catch {
    return false;
  }
}

/** Free bytes by the browser's estimate, or null when it gives none. */
export async function freeSpace(manager: StorageLike | undefined = defaultStorage()): Promise<number | null> {
  try {
    const e = await manager?.estimate?.();
    if (!e || typeof e.quota !== 'number' || typeof e.usage !== 'number') return null;
    return Math.max(0, e.quota - e.usage);
  } catch {
    return null;
  }
}

/** Throws StorageFullError when `bytes` would not fit by the estimate; passes when nothing is known. */
export async function ensureFreeSpace(bytes: number, manager: StorageLike | undefined = defaultStorage()): Promise<void> {
  const free = await freeSpace(manager);
  if (free !== null && free < bytes) throw new StorageFullError(bytes, free);
}

/** Error names meaning the quota or the disk is exhausted: the DOM name, and Firefox's older one. */
const QUOTA_ERROR_NAMES: ReadonlySet<string> = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED', 'NS_ERROR_FILE_NO_DEVICE_SPACE']);
/**
 * Messages a full disk produces under other names: Chromium's IndexedDB reports a blob it could
 * not write as a DataError ("Failed to write blobs"), LevelDB's "IO error … No space left on
 * device" comes as an UnknownError, and Node-style ENOSPC.
 */
const DISK_FULL_MESSAGE = /failed to write blobs|no space left|ENOSPC|disk (is )?full|quota|insufficient (disk|storage)/i;

/** The chain of errors Dexie wraps (`inner`) or a DOM error carries (`cause`), outermost first. */
function errorChain(error: unknown): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const o = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    out.push({ name: typeof o.name === 'string' ? o.name : '', message: typeof o.message === 'string' ? o.message : '' });
    e = o.inner ?? o.cause;
  }
  return out;
}

/** True when an error (from IndexedDB, Dexie or ensureFreeSpace) means the disk or quota is full. */
export function isStorageFull(error: unknown): boolean {
  return errorChain(error).some((e) => QUOTA_ERROR_NAMES.has(e.name) || DISK_FULL_MESSAGE.test(e.message));
}

/**
 * Free space under which a database failure is taken for a full disk. Chromium with a full disk
 * often cannot even open IndexedDB's backing store ("UnknownError: Internal error opening backing
 * store"), a message that does not say why: the estimate does.
 */
export const LOW_SPACE_BYTES = 4 * 1024 * 1024;

/**
 * True when an error means the disk is full: by its name or message (isStorageFull), or, for any
 * other database failure, when the browser's estimate leaves less than LOW_SPACE_BYTES free.
 */
export async function isStorageFullNow(error: unknown, manager: StorageLike | undefined = defaultStorage()): Promise<boolean> {
  if (isStorageFull(error)) return true;
  const free = await freeSpace(manager);
  return free !== null && free < LOW_SPACE_BYTES;
}

/** The first line of an error's message, for one-line UI messages. */
function firstLine(error: unknown): string {
  const raw = errorText(error);
  return raw.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

/**
 * A failed write as a Message, translated where it is shown: "The disk is full…" for a full disk, else
 * the error's first line (a coded error's own message stays a Message).
 */
export function writeErrorMessage(error: unknown): Message {
  const problem = error instanceof CodedError ? error.detail : firstLine(error);
  return { key: isStorageFull(error) ? 'storage.full' : 'storage.failed', params: { problem } };
}

/** writeErrorMessage, a database failure on a disk with almost no space left named "disk full" (isStorageFullNow). */
export async function writeErrorMessageNow(error: unknown, manager: StorageLike | undefined = defaultStorage()): Promise<Message> {
  const problem = error instanceof CodedError ? error.detail : firstLine(error);
  return { key: (await isStorageFullNow(error, manager)) ? 'storage.full' : 'storage.failed', params: { problem } };
}
