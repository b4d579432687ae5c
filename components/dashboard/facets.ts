// Documents as the dashboard's filters and views see them: DocFacet (the views' contract) plus the
// library fields filters need. Organisation aliases are applied here, once, so every view and
// filter agrees on one canonical name.
import type { DocFacet } from '../../analysis/types';
import type { DocumentRecord } from '../../utils/db';
import { resolveOrg, type FilterableDoc } from './filters';

export interface LibraryDoc extends FilterableDoc {
  record: DocumentRecord;
}

export function toLibraryDoc(record: DocumentRecord, aliases: ReadonlyMap<string, string>): LibraryDoc {
  const orgs = [...new Set(record.orgs.map((o) => resolveOrg(o, aliases)).filter((o) => o !== ''))];
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

/** Parse "alias = canonical" lines; blank lines and lines starting with # are skipped. */
export function parseOrgAliases(text: string): { aliases: [string, string][]; badLines: number[] } {
  const aliases: [string, string][] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(.+?)\s*(?:=|＝|=>|→)\s*(.+)$/.exec(trimmed);
    if (!m || !m[1].trim() || !m[2].trim() || m[1].trim() === m[2].trim()) badLines.push(i + 1);
    else aliases.push([m[1].trim(), m[2].trim()]);
  });
  return { aliases, badLines };
}

export function formatOrgAliases(aliases: readonly [string, string][]): string {
  return aliases.map(([a, c]) => `${a} = ${c}`).join('\n');
}
