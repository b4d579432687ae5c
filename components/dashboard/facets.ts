// Documents as the dashboard's filters and views see them: DocFacet (the views' contract) plus the
// library fields filters need. Organisation aliases (analysis/orgs, the same table format as the
// command-line tool) are applied here, once, so every view and filter agrees on one name.
import type { DocFacet } from '../../analysis/types';
import type { DocumentRecord } from '../../utils/db';
import { groupOrg } from '../../analysis/orgs';
import type { FilterableDoc } from './filters';

/**
 * A document as the dashboard keeps it in memory: everything but the raw capture (`source`: the
 * page's HTML and text, often several times the cleaned text), which is read from the database
 * only when a document is re-cleaned.
 */
export type LightRecord = Omit<DocumentRecord, 'source'>;

/** The record without its raw capture. */
export function lightRecord(record: DocumentRecord): LightRecord {
  const { source: _source, ...rest } = record;
  return rest;
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
  return { docId: doc.docId, title: doc.title, org: doc.org, year: doc.year, docType: doc.docType, date: doc.date };
}
