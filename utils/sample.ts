// The bundled sample corpus (public/sample/sample-corpus.json, made by scripts/make-sample.ts):
// loaded through the same cleaner and the same addDocument path as a clipped page, skipping any
// document already in the library, so loading twice adds nothing.
import { buildDocument } from '../analysis/document';
import type { DocMetadata, PageCapture } from '../analysis/types';
import { addDocument, fieldsFromMetadata, findDuplicate, hashText, type DB, type DocumentInput } from './db';
import { ensureFreeSpace, type StorageLike } from './storage';

export interface SampleDocument {
  /** Stable key within the sample (seed-000, gwr-2024). */
  key: string;
  /** Source URL, or `sample:<name>` for documents without one. */
  url: string;
  /** Text as found, before cleaning: it becomes the stored source. */
  raw: string;
  /** Metadata known from the corpus itself (wins over what the cleaner reads). */
  known: Partial<Pick<DocMetadata, 'title' | 'orgs' | 'year' | 'docType' | 'date'>>;
  licence: string;
}

export interface SampleCorpus {
  format: 'tifa-lens-sample';
  version: number;
  note: string;
  documents: SampleDocument[];
}

/** Tag every sample document carries, so a user can find (and bulk-delete) them. */
export const SAMPLE_TAG = 'sample';

/** Path of the sample inside the extension (public/ is served at the root). */
export const SAMPLE_PATH = '/sample/sample-corpus.json';

export function parseSampleCorpus(data: unknown): SampleCorpus {
  const c = data as SampleCorpus;
  if (!c || c.format !== 'tifa-lens-sample' || !Array.isArray(c.documents)) throw new Error('not a Tifa Lens sample corpus');
  for (const d of c.documents) {
    if (typeof d.url !== 'string' || typeof d.raw !== 'string' || typeof d.key !== 'string') throw new Error(`malformed sample document ${String(d?.key)}`);
  }
  return c;
}

/** A sample document as the capture path would have seen it (no page: the text is the article). */
export function sampleCapture(doc: SampleDocument, capturedAt: string): PageCapture {
  return {
    url: doc.url,
    pageTitle: doc.known.title ?? '',
    articleHtml: '',
    articleText: doc.raw,
    pageText: '',
    meta: { tags: {}, govInfo: {} },
    capturedAt,
  };
}

/** Clean a sample document and merge the corpus's known metadata over what the cleaner read. */
export function sampleInput(doc: SampleDocument, capturedAt: string): DocumentInput {
  const source = sampleCapture(doc, capturedAt);
  const built = buildDocument(source);
  const m = { ...built.metadata, ...doc.known };
  return {
    url: doc.url,
    ...fieldsFromMetadata(m),
    script: m.script,
    text: built.text,
    source,
    capturedAt,
    tags: [SAMPLE_TAG],
    edited: [],
  };
}

export interface SampleLoadReport {
  added: number;
  skipped: number;
}

/** Add every sample document not already in the library (same URL or same cleaned text). */
export async function loadSampleCorpus(corpus: SampleCorpus, db: DB, now: Date = new Date(), space?: StorageLike): Promise<SampleLoadReport> {
  // Each document is stored with its raw source: about twice its text (UTF-16) plus the source.
  const bytes = corpus.documents.reduce((sum, d) => sum + d.raw.length * 6, 0);
  await ensureFreeSpace(bytes, space);
  const report: SampleLoadReport = { added: 0, skipped: 0 };
  for (const [i, doc] of corpus.documents.entries()) {
    // Distinct clip times keep the library's "clipped at" order equal to the sample's order.
    const capturedAt = new Date(now.getTime() + i * 1000).toISOString();
    const input = sampleInput(doc, capturedAt);
    if (await findDuplicate(input.url, await hashText(input.text), db)) {
      report.skipped++;
      continue;
    }
    await addDocument(input, db);
    report.added++;
  }
  return report;
}

/** Fetch the bundled sample from the extension's own files (never the network). */
export async function fetchSampleCorpus(url: string): Promise<SampleCorpus> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`sample corpus: HTTP ${res.status}`);
  return parseSampleCorpus(await res.json());
}
