// The whole library as one JSON file, and its restore/merge into another browser's library.
// Restoring never duplicates a document (same URL or same cleaned text → the newer copy wins),
// checks the entire file before writing, and writes in ONE transaction: a bad file changes nothing.
import { CodedError, type Message } from './i18n';
import type { DocAnalysis } from '../analysis/types';
import {
  countChars,
  hashText,
  joinOrgs,
  normaliseUrl,
  validateDocument,
  type DB,
  type DocumentRecord,
  type LexiconEntry,
  type SettingRecord,
} from './db';
import { MERGED_LIST_SETTINGS } from './settings';

export const BACKUP_FORMAT = 'tifa-lens-backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  documents: DocumentRecord[];
  analyses: DocAnalysis[];
  lexicon: LexiconEntry[];
  settings: SettingRecord[];
}

export interface RestoreReport {
  added: number;
  updated: number;
  skipped: number;
  lexiconAdded: number;
}

/** One-line error naming the file and the problem (a Message, so the settings page shows it in its language). */
export class BackupError extends CodedError {
  constructor(fileName: string, problem: Message) {
    super({ key: 'backup.error', params: { file: fileName, problem } });
    this.name = 'BackupError';
  }
}

/**
 * Settings whose values are lists merged as sets on restore (the receiving browser's entries
 * come first). Every other setting (language…) belongs to the receiving browser and is kept.
 */
/** Stands in for the hash during validation (the real one is computed before writing). */
const PLACEHOLDER_HASH = '0'.repeat(64);


export async function createBackup(db: DB, now: Date = new Date()): Promise<BackupFile> {
  return db.transaction('r', [db.documents, db.analyses, db.lexicon, db.settings], async () => ({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    documents: await db.documents.toArray(),
    analyses: await db.analyses.toArray(),
    lexicon: await db.lexicon.toArray(),
    settings: await db.settings.toArray(),
  }));
}

export function backupFileName(now: Date = new Date()): string {
  return `tifa-lens-backup-${now.toISOString().slice(0, 10)}.json`;
}

export async function backupJson(db: DB): Promise<string> {
  return JSON.stringify(await createBackup(db));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse and check a backup's text; throws BackupError naming the file and the first problem. */
export function parseBackup(text: string, fileName: string): BackupFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupError(fileName, { key: 'backup.notJson' });
  }
  if (!isObject(data) || data.format !== BACKUP_FORMAT)
    throw new BackupError(fileName, { key: 'backup.notBackup', params: { format: BACKUP_FORMAT } });
  if (typeof data.version !== 'number' || data.version > BACKUP_VERSION)
    throw new BackupError(fileName, { key: 'backup.version', params: { version: String(data.version), supported: BACKUP_VERSION } });
  for (const key of ['documents', 'analyses', 'lexicon', 'settings'] as const) {
    if (!Array.isArray(data[key])) throw new BackupError(fileName, { key: 'backup.notList', params: { key } });
  }
  const documents = data.documents as DocumentRecord[];
  documents.forEach((d, i) => {
    try {
      if (!isObject(d)) throw new CodedError({ key: 'backup.documentNotObject' });
      // Derived fields (org, chars, contentHash) are recomputed on restore, never trusted from the file.
      validateDocument({
        ...d,
        org: joinOrgs(Array.isArray(d.orgs) ? d.orgs : []),
        chars: typeof d.text === 'string' ? countChars(d.text) : 0,
        contentHash: PLACEHOLDER_HASH,
        tags: d.tags ?? [],
        edited: d.edited ?? [],
      } as DocumentRecord);
      if (d.id === undefined) throw new CodedError({ key: 'backup.documentNoId' });
    } catch (err) {
      const problem: Message = err instanceof CodedError ? err.detail : { key: 'saveFailed.other', params: { problem: String((err as Error).message ?? err) } };
      throw new BackupError(fileName, { key: 'backup.document', params: { n: i + 1, problem } });
    }
  });
  (data.analyses as unknown[]).forEach((a, i) => {
    if (!isObject(a) || typeof a.docId !== 'string' || typeof a.version !== 'string' || !Array.isArray(a.terms))
      throw new BackupError(fileName, { key: 'backup.analysis', params: { n: i + 1 } });
  });
  (data.lexicon as unknown[]).forEach((e, i) => {
    if (!isObject(e) || typeof e.term !== 'string' || e.term.trim() === '' || typeof e.category !== 'string' || !Array.isArray(e.aliases))
      throw new BackupError(fileName, { key: 'backup.lexicon', params: { n: i + 1 } });
  });
  (data.settings as unknown[]).forEach((s, i) => {
    if (!isObject(s) || typeof s.key !== 'string') throw new BackupError(fileName, { key: 'backup.setting', params: { n: i + 1 } });
  });
  return data as unknown as BackupFile;
}

function mergeList(existing: unknown, incoming: unknown): unknown[] | null {
  if (!Array.isArray(incoming)) return null;
  const base = Array.isArray(existing) ? existing : [];
  const seen = new Set(base.map((v) => JSON.stringify(v)));
  // For alias pairs, the receiving browser's mapping of an alias wins over the file's.
  const aliasKeys = new Set(base.filter(Array.isArray).map((p) => JSON.stringify(p[0])));
  const out = [...base];
  for (const v of incoming) {
    const key = JSON.stringify(v);
    if (seen.has(key)) continue;
    if (Array.isArray(v) && aliasKeys.has(JSON.stringify(v[0]))) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/**
 * Merge a backup into a library. A document already present (same URL ignoring #fragment, or same
 * cleaned text) is updated only when the file's copy is newer (updatedAt); otherwise skipped.
 */
export async function restoreBackup(db: DB, text: string, fileName: string): Promise<RestoreReport> {
  const backup = parseBackup(text, fileName);
  // Hashes are recomputed, never trusted from the file (and computed before the transaction:
  // an IndexedDB transaction commits as soon as it awaits anything else).
  const hashes = await Promise.all(backup.documents.map((d) => hashText(d.text)));
  const analysisByOldId = new Map(backup.analyses.map((a) => [a.docId, a]));
  const report: RestoreReport = { added: 0, updated: 0, skipped: 0, lexiconAdded: 0 };

  await db.transaction('rw', [db.documents, db.analyses, db.lexicon, db.settings], async () => {
    const existing = await db.documents.toArray();
    const byUrl = new Map<string, DocumentRecord>();
    const byHash = new Map<string, DocumentRecord>();
    const remember = (r: DocumentRecord) => {
      byUrl.set(normaliseUrl(r.url), r);
      byHash.set(r.contentHash, r);
    };
    existing.forEach(remember);

    for (const [i, doc] of backup.documents.entries()) {
      const contentHash = hashes[i];
      const incoming: DocumentRecord = {
        ...doc,
        org: joinOrgs(doc.orgs),
        chars: countChars(doc.text),
        contentHash,
        tags: doc.tags ?? [],
        edited: doc.edited ?? [],
      };
      const match = byUrl.get(normaliseUrl(doc.url)) ?? byHash.get(contentHash);
      const analysis = analysisByOldId.get(String(doc.id));
      if (match) {
        if (!(incoming.updatedAt > match.updatedAt)) {
          report.skipped++;
          continue;
        }
        const updated: DocumentRecord = { ...incoming, id: match.id, tags: [...new Set([...match.tags, ...incoming.tags])] };
        await db.documents.put(updated);
        // The stored analysis described the old copy; the background worker recomputes it. (The
        // file's analysis is not reused: the page caches analyses by docId and version.)
        await db.analyses.delete(String(match.id));
        remember(updated);
        report.updated++;
      } else {
        const { id: _oldId, ...rest } = incoming;
        const newId = await db.documents.add(rest as DocumentRecord);
        if (analysis) await db.analyses.put({ ...analysis, docId: String(newId) });
        remember({ ...rest, id: newId } as DocumentRecord);
        report.added++;
      }
    }

    const terms = new Set((await db.lexicon.toArray()).map((e) => e.term));
    for (const entry of backup.lexicon) {
      if (terms.has(entry.term)) continue;
      terms.add(entry.term);
      await db.lexicon.add({ term: entry.term, category: entry.category, aliases: entry.aliases.filter((a) => typeof a === 'string') });
      report.lexiconAdded++;
    }

    for (const s of backup.settings) {
      if (!MERGED_LIST_SETTINGS.has(s.key)) continue;
      const current = await db.settings.get(s.key);
      const merged = mergeList(current?.value, s.value);
      if (merged) await db.settings.put({ key: s.key, value: merged });
    }
  });
  return report;
}
