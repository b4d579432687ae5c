// What a file is, from its first bytes (and its name only where the bytes cannot tell): a .doc renamed
// .docx is still refused as an old Word file, and a PDF saved without an extension is still read.

export type FileFormat = 'pdf' | 'docx' | 'doc' | 'wps' | 'html' | 'txt' | 'jsonl' | 'unknown';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** PDF readers accept the header anywhere in the first KiB (some servers prepend junk). */
const PDF_HEADER_WINDOW = 1024;
/** The part every WordprocessingML package has. */
const DOCX_MAIN_PART = 'word/document.xml';
/** The OLE directory names the Word stream in UTF-16LE; WPS Writer files carry it too. */
const WORD_STREAM = 'WordDocument';

const HTML_EXTENSIONS = new Set(['html', 'htm', 'shtml', 'xhtml']);
const TEXT_EXTENSIONS = new Set(['txt', 'text']);
const JSONL_EXTENSIONS = new Set(['jsonl', 'ndjson']);
/** Markup a saved page starts with (after a BOM, blanks and comments). */
const HTML_START = /^(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]/i;
/** Bytes sniffed for text: enough to judge, little enough to be quick on a big file. */
const TEXT_SNIFF_BYTES = 8192;

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function extensionOf(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF_MAGIC, i)) return true;
  return false;
}

/**
 * Names of the entries in a ZIP archive, read from its central directory (the end record is found
 * from the back, past a comment of up to 64 KiB). [] when the directory cannot be read.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minEnd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) break;
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > bytes.length) break;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen)));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const pattern = new Uint8Array(word.length * 2);
  for (let i = 0; i < word.length; i++) pattern[i * 2] = word.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Text, not binary: no NUL bytes in the first few KiB (UTF-16 text has a BOM and is let through). */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const n = Math.min(bytes.length, TEXT_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return false;
  return true;
}

/**
 * The format of a file: PDF by `%PDF-`, .docx by a ZIP holding word/document.xml, .doc/.wps by the
 * OLE compound-file signature (D0 CF 11 E0 …; the extension only tells WPS from Word), HTML by its
 * markup or extension, plain text and jsonl by extension or by having no binary bytes. 'unknown'
 * for everything else (images, spreadsheets, other archives).
 */
export function sniffFormat(bytes: Uint8Array, name = ''): FileFormat {
  const ext = extensionOf(name);
  if (hasPdfHeader(bytes)) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) return zipEntryNames(bytes).includes(DOCX_MAIN_PART) ? 'docx' : 'unknown';
  if (startsWith(bytes, OLE_MAGIC)) {
    if (ext === 'wps') return 'wps';
    return containsUtf16(bytes, WORD_STREAM) || ext === 'doc' ? 'doc' : 'unknown';
  }
  if (!looksLikeText(bytes)) return 'unknown';
  if (JSONL_EXTENSIONS.has(ext)) return 'jsonl';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, TEXT_SNIFF_BYTES)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
  if (HTML_EXTENSIONS.has(ext) || HTML_START.test(head)) return 'html';
  if (TEXT_EXTENSIONS.has(ext) || ext === '') return 'txt';
  // A text file with another extension (.md, .csv, .docx that is really text): not guessed at.
  return 'unknown';
}
