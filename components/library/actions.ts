// What the Library does to documents: delete (with undo), tags, metadata corrections and
// re-cleaning from the stored source. Each goes through the database module's helpers, so the
// document and its analysis never disagree.
import { buildDocument } from '../../analysis/document';
import { joinOrgs, splitOrgs } from '../../analysis/text';
import type { BuiltDocument } from '../../analysis/types';
import {
  deleteDocument,
  EDITABLE_FIELDS,
  fieldsFromMetadata,
  restoreDocument,
  updateDocument,
  type DB,
  type DeletedDocument,
  type DocumentChanges,
  type DocumentRecord,
  type EditableField,
} from '../../utils/db';

/** Delete documents; returns what is needed to undo (both tables' rows). */
export async function deleteDocuments(db: DB, ids: readonly number[]): Promise<DeletedDocument[]> {
  const out: DeletedDocument[] = [];
  for (const id of ids) {
    const d = await deleteDocument(id, db);
    if (d) out.push(d);
  }
  return out;
}

/** Undo a deletion: every document comes back with its id and its analysis. */
export async function undoDelete(db: DB, deleted: readonly DeletedDocument[]): Promise<void> {
  for (const d of deleted) await restoreDocument(d, db);
}

function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}

export async function addTag(db: DB, ids: readonly number[], tag: string): Promise<number> {
  const clean = normaliseTag(tag);
  if (!clean) return 0;
  let changed = 0;
  for (const id of ids) {
    const rec = await db.documents.get(id);
    if (!rec || rec.tags.includes(clean)) continue;
    await updateDocument(id, { tags: [...rec.tags, clean] }, { mode: 'user' }, db);
    changed++;
  }
  return changed;
}

export async function removeTag(db: DB, id: number, tag: string): Promise<void> {
  const rec = await db.documents.get(id);
  if (!rec || !rec.tags.includes(tag)) return;
  await updateDocument(id, { tags: rec.tags.filter((t) => t !== tag) }, { mode: 'user' }, db);
}

/** The editable metadata as strings, the way the inline editor shows them. */
export interface MetadataDraft {
  title: string;
  /** Organisations joined with the shared separator (；); semicolons, commas or line breaks when typed. */
  orgs: string;
  docNumber: string;
  date: string;
  year: string;
  docType: string;
}

export function draftOf(r: Omit<DocumentRecord, 'source'>): MetadataDraft {
  return {
    title: r.title,
    orgs: joinOrgs(r.orgs),
    docNumber: r.docNumber,
    date: r.date,
    year: r.year === null ? '' : String(r.year),
    docType: r.docType,
  };
}


/** Only the fields that differ from the record (so untouched fields are not marked as edited). */
export function changesFromDraft(r: DocumentRecord, d: MetadataDraft): DocumentChanges {
  const changes: DocumentChanges = {};
  if (d.title.trim() !== r.title) changes.title = d.title.trim();
  const orgs = splitOrgs(d.orgs);
  if (orgs.join('\u0000') !== r.orgs.join('\u0000')) changes.orgs = orgs;
  if (d.docNumber.trim() !== r.docNumber) changes.docNumber = d.docNumber.trim();
  if (d.date.trim() !== r.date) changes.date = d.date.trim();
  const yearText = d.year.trim();
  const year = yearText === '' ? null : Number(yearText);
  if (year !== r.year) changes.year = year;
  if (d.docType.trim() !== r.docType) changes.docType = d.docType.trim();
  return changes;
}

/** Save the user's corrections; each changed field joins `edited` (kept by later re-cleaning). */
export async function saveMetadata(db: DB, id: number, draft: MetadataDraft): Promise<DocumentRecord | null> {
  const rec = await db.documents.get(id);
  if (!rec) return null;
  const changes = changesFromDraft(rec, draft);
  if (Object.keys(changes).length === 0) return rec;
  return updateDocument(id, changes, { mode: 'user' }, db);
}

/** Clean the stored source again with today's cleaner; null when there is no source text. */
export function rebuild(record: DocumentRecord): BuiltDocument | null {
  const s = record.source;
  if (!s || ((s.articleText ?? '').trim() === '' && (s.pageText ?? '').trim() === '')) return null;
  return buildDocument(s);
}

/**
 * Re-clean a document from its stored source. Fields the user corrected (`edited`) keep their
 * values; the text and every other field take the cleaner's new reading. Returns null when there
 * is no source to clean from.
 */
export async function recleanDocument(db: DB, id: number): Promise<DocumentRecord | null> {
  const rec = await db.documents.get(id);
  if (!rec) return null;
  const built = rebuild(rec);
  if (!built || built.text.trim() === '') return null;
  const m = built.metadata;
  const fresh: Record<EditableField, unknown> = fieldsFromMetadata(m);
  const changes: DocumentChanges = { text: built.text, script: m.script };
  for (const f of EDITABLE_FIELDS) {
    // An unknown field in the new reading does not erase what the record knows.
    const v = fresh[f];
    if (v === '' || v === null || (Array.isArray(v) && v.length === 0)) continue;
    (changes as Record<string, unknown>)[f] = v;
  }
  return updateDocument(id, changes, { mode: 'recapture' }, db);
}
