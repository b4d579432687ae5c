// Raw input → cleaned document with metadata, through the same analysis/ functions the extension
// uses: a saved page goes through extractPage + buildDocument with a linkedom DOM; plain text
// through buildDocumentFromText; a PDF or .docx arrives built by its reader (analysis/files). Metadata given next to a text (jsonl fields) wins over extraction.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDocument, buildDocumentFromText } from '../analysis/document';
import { extractPage } from '../analysis/extract';
import type { BuiltDocument } from '../analysis/types';
import type { GivenMeta, RawDoc } from './inputs';

export interface CliDocument extends BuiltDocument {
  /** The page's own address when known (jsonl `url`, a saved page's canonical or og:url), else ''. */
  url: string;
}

/** Where a saved page says it came from, in order of trust. */
const PAGE_URL_SELECTORS = ['link[rel="canonical"]', 'meta[property="og:url"]'] as const;

function pageUrl(doc: Document): string {
  for (const sel of PAGE_URL_SELECTORS) {
    const el = doc.querySelector(sel);
    const value = (el?.getAttribute('href') ?? el?.getAttribute('content') ?? '').trim();
    if (/^https?:\/\//i.test(value)) return value;
  }
  return '';
}

/** Overlay given metadata: each given field replaces what extraction found. */
export function applyGiven(built: BuiltDocument, given: GivenMeta | undefined): BuiltDocument {
  if (!given) return built;
  const metadata = { ...built.metadata };
  if (given.title !== undefined) metadata.title = given.title;
  if (given.org !== undefined) metadata.orgs = [given.org];
  if (given.date !== undefined) metadata.date = given.date;
  if (given.year !== undefined) {
    metadata.year = given.year;
    metadata.yearSource = 'given';
  }
  return { ...built, metadata };
}

/**
 * The title a researcher gave a plain-text file by naming it: its name without folder and extension
 * (「cities2024/上海.txt」→「上海」). Only for .txt files, and '' for a name with no letters in it.
 */
export function fileNameTitle(source: string): string {
  const stem = path.basename(source.replace(/\\/g, '/'), path.extname(source)).trim();
  return /[\p{L}\p{N}]/u.test(stem) ? stem : '';
}

/** A .txt whose text has no title line is titled by its file name; nothing else is read from the name. */
function withFileNameTitle(built: BuiltDocument, raw: RawDoc): BuiltDocument {
  if (raw.format !== 'txt' || built.metadata.title) return built;
  const title = fileNameTitle(raw.source);
  return title ? { ...built, metadata: { ...built.metadata, title } } : built;
}

/** linkedom, loaded with the first saved page (loadHtmlSupport): a run of text files never loads it. */
let linkedom: typeof import('linkedom') | null = null;

/** Loads what buildRawDocument needs for a saved page (format 'html'); call it before building one. */
export async function loadHtmlSupport(): Promise<void> {
  linkedom ??= await import('linkedom');
}

export function buildRawDocument(raw: RawDoc): CliDocument {
  // A PDF or .docx was cleaned and read for metadata by its reader (analysis/files), as in the extension.
  if (raw.built) return { ...raw.built, url: '' };
  if (raw.format === 'html') {
    if (!linkedom) throw new Error('buildRawDocument: a saved page needs loadHtmlSupport() first');
    const { document } = linkedom.parseHTML(raw.html ?? '');
    const doc = document as unknown as Document;
    const url = pageUrl(doc);
    const capture = extractPage(doc, url || pathToFileURL(path.resolve(raw.source)).href);
    return { ...buildDocument(capture), url };
  }
  const built = withFileNameTitle(buildDocumentFromText(raw.text ?? '', undefined, raw.given?.title), raw);
  return { ...applyGiven(built, raw.given), url: raw.given?.url ?? '' };
}
