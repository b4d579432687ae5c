// The Library's CSV export: the documents passing the filters as analysis/tables documentsTable, the
// same columns the CLI writes to documents.csv, so a table from either tool reads the same way.
import { documentsTable, type DocumentRecord, type Table } from '../../analysis/tables';
import { joinOrgs } from '../../analysis/text';
import type { DocAnalysis } from '../../analysis/types';
import type { LibraryDoc } from '../dashboard/facets';

/**
 * One row per document. `org` holds every issuer as stored, joined with the shared separator (as
 * the CLI does), not the alias-grouped first issuer the table shows; chars and body statistics come
 * from the document's stored analysis and stay empty until it exists.
 */
export function libraryDocumentsTable(
  docs: readonly LibraryDoc[],
  analyses: ReadonlyMap<string, DocAnalysis>,
  /** Duplicates found in the library (analysis/duplicates), by docId: fills `duplicate_of` as the CLI does. */
  duplicates: ReadonlyMap<string, { duplicateOf: string }> = new Map(),
): Table {
  const records: DocumentRecord[] = docs.map((d) => ({
    facet: {
      docId: d.docId,
      title: d.record.title,
      org: joinOrgs(d.record.orgs),
      year: d.record.year,
      docType: d.record.docType,
      date: d.record.date,
    },
    analysis: analyses.get(d.docId) ?? null,
    docNumber: d.record.docNumber ?? '',
    // A clipped document's source is the page it was clipped from.
    source: d.record.url,
    url: d.record.url,
    yearSource: d.record.yearSource ?? '',
    author: d.record.author ?? '',
    publication: d.record.publication ?? '',
    duplicateOf: duplicates.get(d.docId)?.duplicateOf ?? '',
  }));
  return documentsTable(records);
}
