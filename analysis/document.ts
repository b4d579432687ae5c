// A captured page (or a plain text) turned into a document: cleaned text plus its metadata.

import type { BuiltDocument, PageCapture, PageMeta } from './types';
import { cleanText } from './clean';
import { extractMetadata, parseChineseDate } from './metadata';
import { META_DATE_KEYS } from './metadata-rules';

/**
 * Below this many characters of cleaned article, or this share of the page's cleaned text, the
 * article is implausibly short (Readability kept a fragment): the whole page text is cleaned instead.
 */
export const MIN_ARTICLE_CHARS = 200;
export const MIN_ARTICLE_SHARE = 0.3;

/** Removal rules whose lines may carry the page's publication date (「admin 2025-02-21 … 浏览量」). */
const DATED_RULES = new Set(['byline', 'counter', 'controls']);

function withBylineDate(meta: PageMeta, removed: BuiltDocument['removed']): PageMeta {
  const hasDate = META_DATE_KEYS.some((k) => Object.prototype.hasOwnProperty.call(meta.tags, k) && meta.tags[k]);
  if (hasDate) return meta;
  for (const r of removed) {
    if (!DATED_RULES.has(r.rule)) continue;
    const d = parseChineseDate(r.text);
    // Passed on as the page's publication date: the lowest-ranked date source in extractMetadata.
    if (d) return { ...meta, tags: { ...meta.tags, pubdate: d } };
  }
  return meta;
}

function emptyMeta(meta?: Partial<PageMeta>): PageMeta {
  return {
    tags: { ...(meta?.tags ?? {}) },
    govInfo: { ...(meta?.govInfo ?? {}) },
    ...(meta?.lang ? { lang: meta.lang } : {}),
    // What the page marks outside its text: byline, publication time, publisher (extract.ts).
    ...(typeof meta?.byline === 'string' ? { byline: meta.byline } : {}),
    ...(typeof meta?.published === 'string' ? { published: meta.published } : {}),
    ...(typeof meta?.publisher === 'string' ? { publisher: meta.publisher } : {}),
  };
}

/** Clean a plain text and read its metadata (the CLI's path for .txt files). */
export function buildDocumentFromText(text: string, meta?: Partial<PageMeta>, pageTitle?: string): BuiltDocument {
  const cleaned = cleanText(text ?? '');
  const m = withBylineDate(emptyMeta(meta), cleaned.removed);
  return { text: cleaned.text, metadata: extractMetadata(cleaned.text, m, pageTitle, text ?? ''), removed: cleaned.removed };
}

/** Clean a captured page's article (or the whole page when the article is missing or a fragment). */
export function buildDocument(capture: PageCapture): BuiltDocument {
  const article = cleanText(capture.articleText ?? '');
  let chosen = article;
  const articleChars = article.text.replace(/\s/g, '').length;
  if (articleChars < MIN_ARTICLE_CHARS && capture.pageText) {
    const page = cleanText(capture.pageText);
    const pageChars = page.text.replace(/\s/g, '').length;
    if (articleChars === 0 || articleChars < pageChars * MIN_ARTICLE_SHARE) chosen = page;
  }
  const meta = withBylineDate(emptyMeta(capture.meta), chosen.removed);
  // The byline often sits outside the article: look for its date in the whole page too.
  const metaWithDate =
    META_DATE_KEYS.some((k) => Object.prototype.hasOwnProperty.call(meta.tags, k) && meta.tags[k])
      ? meta
      : withBylineDate(meta, cleanText(capture.pageText ?? '').removed);
  return {
    text: chosen.text,
    // The text before cleaning still has the 来源 / byline / dateline lines the cleaner removes.
    metadata: extractMetadata(chosen.text, metaWithDate, capture.pageTitle, chosen === article ? capture.articleText ?? '' : capture.pageText ?? ''),
    removed: chosen.removed,
    // A list of documents, not a document: the popup says so and stores nothing unless asked.
    ...(capture.listPage ? { listPage: capture.listPage } : {}),
  };
}
