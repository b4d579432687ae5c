// The CLI joins several issuers with the shared separator of analysis/text, not a copy of it: with
// the separator swapped here, documents.csv's org column must follow.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../analysis/text', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../analysis/text')>();
  const ORG_SEPARATOR = ' | ';
  return { ...real, ORG_SEPARATOR, joinOrgs: (orgs: readonly string[]) => orgs.join(ORG_SEPARATOR) };
});

const { facetOf } = await import('../../cli/analyze');

const meta = (orgs: string[]) => ({ title: 'T', orgs, docNumber: null, date: '2024-03-05', year: 2024, docType: '通知', script: 'simplified' as const });

describe('facetOf', () => {
  it('joins several organisations with analysis/text ORG_SEPARATOR', () => {
    expect(facetOf('d1', meta(['中共中央办公厅', '国务院办公厅'])).org).toBe('中共中央办公厅 | 国务院办公厅');
  });

  it('one organisation as is, none as empty, other fields copied', () => {
    expect(facetOf('d1', meta(['国务院'])).org).toBe('国务院');
    expect(facetOf('__proto__', meta([]))).toEqual({ docId: '__proto__', title: 'T', org: '', year: 2024, docType: '通知', date: '2024-03-05' });
  });
});
