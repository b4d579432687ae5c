// DOCX → document: mammoth converts the WordprocessingML to HTML (Word's heading styles become
// h1…h6), the HTML is read into lines the way a page's article is (extract.ts htmlToText: one block a
// line, table cells on their row's line), and the text goes through the cleaner and metadata reader
// (buildDocumentFromText). A DOM parser is passed in: linkedom in Node and in a worker (which has no
// DOMParser), DOMParser on a page.

import mammoth from 'mammoth';
import { buildDocumentFromText } from '../document';
import { htmlToText } from '../extract';
import { FileReadError } from './errors';
import type { FileDocument } from './pdf';
import { sniffFormat } from './sniff';

/** Parses an HTML string into a document (its body is read). */
export type HtmlParser = (html: string) => Document;

export interface DocxDocument extends FileDocument {
  format: 'docx';
  /** mammoth's HTML of the document, images left out. Source only: never rendered as live HTML. */
  html: string;
}

/** mammoth's messages that are worth a warning (an unknown style is not). */
const WARN_TYPES = new Set(['error']);
/** At most this many of mammoth's messages are passed on. */
const MAX_WARNINGS = 5;

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/**
 * Read a .docx. Refuses (FileReadError) an old Word or WPS binary file (`old-word-format`, by its
 * OLE signature, whatever its name), a file that is not a Word package (`docx-damaged`) and one
 * without text (`empty`). `bytes` is not changed.
 */
export async function readDocx(bytes: Uint8Array, opts: { parseHtml: HtmlParser; name?: string }): Promise<DocxDocument> {
  const format = sniffFormat(bytes, opts.name ?? 'file.docx');
  if (format === 'doc' || format === 'wps') throw new FileReadError('old-word-format');
  if (format !== 'docx') throw new FileReadError('docx-damaged', 'not a ZIP package with word/document.xml');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    // Node's mammoth reads `buffer`, its browser build `arrayBuffer`: both are given.
    const input = { buffer: bytes.slice(), arrayBuffer: toArrayBuffer(bytes) } as unknown as { arrayBuffer: ArrayBuffer };
    result = await mammoth.convertToHtml(input, {
      // Text is what is read: images are not inlined as data URLs (a scanned .docx would be megabytes of HTML).
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    });
  } catch (err) {
    throw new FileReadError('docx-damaged', (err as Error)?.message ?? String(err));
  }
  const html = result.value.replace(/<img\b[^>]*>/g, '');
  const doc = opts.parseHtml(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  const root = doc.body ?? doc.documentElement;
  const rawText = root ? htmlToText(root) : '';
  if (!rawText.trim()) throw new FileReadError('empty');
  const warnings = result.messages
    .filter((m) => WARN_TYPES.has(m.type))
    .slice(0, MAX_WARNINGS)
    .map((m) => `conversion: ${m.message.replace(/\s+/g, ' ').trim()}`);
  return { format: 'docx', rawText, html, document: buildDocumentFromText(rawText), warnings };
}
