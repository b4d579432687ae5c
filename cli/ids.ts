// Document ids and facets of the CLI: used by the worker threads and the main thread alike.

import { createHash } from 'node:crypto';
import { joinOrgs } from '../analysis/text';
import type { DocFacet, DocMetadata } from '../analysis/types';

/**
 * Stable, filename-safe id: a short hash of the source (path, path#line or URL), so the same input
 * keeps its id across runs and texts/<id>.txt never needs escaping.
 */
export function docIdFor(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

/**
 * The filterable facet of one document. Several issuers are joined with the shared separator
 * (analysis/text joinOrgs), so documents.csv's org column splits back the way the extension's does.
 */
export function facetOf(docId: string, metadata: DocMetadata): DocFacet {
  return {
    docId,
    title: metadata.title,
    org: joinOrgs(metadata.orgs),
    year: metadata.year,
    docType: metadata.docType,
    date: metadata.date,
  };
}
