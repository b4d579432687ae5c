// Documents as the dashboard's filters and views see them: DocFacet (the views' contract) plus the
// library fields filters need. Organisation aliases (analysis/orgs, the same table format as the
// command-line tool) are applied here, once, so every view and filter agrees on one name.
import type { DocFacet } from '../../analysis/types';
import type { YearSource } from '../../analysis/types';
import { EDITABLE_FIELDS, type DocumentCard, type EditableField, type LexiconRecord, type StoredAnalysis } from '../../utils/db';
import { groupOrg } from '../../analysis/orgs';
import { joinOrgs, splitOrgs } from '../../analysis/text';
import type { FilterableDoc } from './filters';

/**
 * A document as the dashboard keeps it in memory: its card (utils/db DocumentCard), every field but
 * the cleaned text and the raw capture. Texts are read from the database when one is shown, searched
 * or analysed; on a library of 10,000 documents they are a few hundred megabytes.
 */
export type LightRecord = DocumentCard;

// ---- Stored values read defensively ----
// The database may hold what no current code writes: a record from an old version, a bad restore,
// a hand edit in the browser's developer tools. The dashboard reads every field with a type check
// and a default, so one odd record shows with blanks instead of blanking the page; the store
// counts the records it had to repair and says so in one line.

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const EDITABLE: ReadonlySet<string> = new Set(EDITABLE_FIELDS);
const YEAR_SOURCES: ReadonlySet<string> = new Set<YearSource>(['title', 'date', 'text', 'given', '']);

function readYear(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 9999) return v;
  if (typeof v === 'string' && /^\d{4}$/.test(v.trim())) return Number(v.trim());
  return null;
}

export interface StoredRecordReading {
  /** null when the row cannot be a document at all (no numeric id: nothing could address it). */
  record: LightRecord | null;
  /** True when some field was missing or of the wrong type and a default was used. */
  repaired: boolean;
}

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** A stored card row, whatever it holds, as a well-typed LightRecord. */
export function readStoredRecord(raw: unknown): StoredRecordReading {
  if (raw === null || typeof raw !== 'object') return { record: null, repaired: true };
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'number' || !Number.isFinite(r.id)) return { record: null, repaired: true };
  const orgs = Array.isArray(r.orgs) ? strings(r.orgs) : splitOrgs(str(r.org));
  const year = readYear(r.year);
  const record: LightRecord = {
    id: r.id,
    url: str(r.url),
    title: str(r.title),
    orgs,
    org: typeof r.org === 'string' ? r.org : joinOrgs(orgs),
    docNumber: str(r.docNumber),
    date: str(r.date),
    year,
    docType: str(r.docType),
    script: r.script === 'traditional' ? 'traditional' : 'simplified',
    chars: count(r.chars) ?? 0,
    length: count(r.length) ?? 0,
    contentHash: str(r.contentHash),
    textHash: str(r.textHash),
    uid: str(r.uid),
    capturedAt: str(r.capturedAt),
    updatedAt: str(r.updatedAt),
    tags: strings(r.tags),
    edited: strings(r.edited).filter((f): f is EditableField => EDITABLE.has(f)),
    ...(typeof r.author === 'string' ? { author: r.author } : {}),
    ...(typeof r.publication === 'string' ? { publication: r.publication } : {}),
    ...(typeof r.yearSource === 'string' && YEAR_SOURCES.has(r.yearSource) ? { yearSource: r.yearSource as YearSource } : {}),
  };
  const repaired =
    typeof r.url !== 'string' ||
    typeof r.title !== 'string' ||
    !Array.isArray(r.orgs) ||
    (Array.isArray(r.orgs) && orgs.length !== r.orgs.length) ||
    typeof r.docNumber !== 'string' ||
    typeof r.date !== 'string' ||
    (r.year !== null && year === null) ||
    typeof r.year === 'string' ||
    typeof r.docType !== 'string' ||
    record.chars !== r.chars ||
    record.length !== r.length ||
    typeof r.capturedAt !== 'string' ||
    !Array.isArray(r.tags) ||
    record.tags.length !== (r.tags as unknown[]).length ||
    (r.edited !== undefined && !Array.isArray(r.edited));
  return { record, repaired };
}

/** A stored analysis the views can use, or null (the document is then re-analysed). */
export function readStoredAnalysis(raw: unknown): StoredAnalysis | null {
  if (raw === null || typeof raw !== 'object') return null;
  const a = raw as Partial<Record<keyof StoredAnalysis, unknown>>;
  const ok =
    typeof a.docId === 'string' &&
    typeof a.version === 'string' &&
    typeof a.textHash === 'string' &&
    typeof a.chars === 'number' &&
    Array.isArray(a.terms) &&
    Array.isArray(a.formulations) &&
    Array.isArray(a.outline) &&
    a.stats !== null &&
    typeof a.stats === 'object';
  return ok ? (raw as StoredAnalysis) : null;
}

/** A stored user-lexicon row, or null when it has no usable term; odd categories and aliases get defaults. */
export function readStoredLexiconEntry(raw: unknown): LexiconRecord | null {
  if (raw === null || typeof raw !== 'object') return null;
  const e = raw as Record<string, unknown>;
  const term = typeof e.term === 'string' ? e.term.trim() : '';
  if (!term) return null;
  const category = typeof e.category === 'string' && e.category.trim() ? e.category : 'user';
  return { ...(typeof e.id === 'number' ? { id: e.id } : {}), term, category, aliases: strings(e.aliases).filter((x) => x.trim() !== '') };
}

export interface LibraryDoc extends FilterableDoc {
  record: LightRecord;
}

export function toLibraryDoc(record: LightRecord, aliases: ReadonlyMap<string, string>): LibraryDoc {
  const orgs = [...new Set(record.orgs.map((o) => groupOrg(o, aliases as Map<string, string>)).filter((o) => o !== ''))];
  const docNumber = record.docNumber ?? '';
  const tags = record.tags ?? [];
  return {
    docId: String(record.id),
    title: record.title,
    // The first-named organisation leads a joint document; charts split by it.
    org: orgs[0] ?? '',
    orgs,
    year: record.year,
    docType: record.docType,
    date: record.date,
    tags,
    docNumber,
    haystack: [record.title, ...orgs, ...record.orgs, docNumber, ...tags, record.url].join('\n').toLowerCase(),
    record,
  };
}

/** The plain DocFacet a view receives (no record, no derived search text). */
export function toFacet(doc: LibraryDoc): DocFacet {
  // Every issuer, joined with the one separator (analysis/text ORG_SEPARATOR) as in the CLI and the
  // exports: views split a joint document by each of them (analysis/corpus issuers).
  return { docId: doc.docId, title: doc.title, org: joinOrgs(doc.orgs), year: doc.year, docType: doc.docType, date: doc.date };
}
