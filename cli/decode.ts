// Bytes → text for input files of unknown encoding. Chinese government texts come as UTF-8, as
// GBK/GB18030 (older Windows tools, many .gov.cn pages) and as UTF-16 (Word's "Unicode text").
// Order: a byte-order mark decides; else NUL-byte parity betrays UTF-16; else strict UTF-8; else the
// legacy candidate whose decoding looks most like real text.

import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen: 'bom', 'declared' (HTML meta), or 'detected'. */
  how: 'bom' | 'declared' | 'detected';
}

/** Byte-order marks, longest first. */
const BOMS: { bytes: number[]; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Bytes sampled for the UTF-16 and plausibility heuristics: enough for a page of text, cheap on large files. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Share of NUL bytes on one parity (of all bytes on that parity) above which a BOM-less file is read
 * as UTF-16: ASCII line breaks, digits and spaces in UTF-16 put a NUL in every other byte, while
 * text in UTF-8 or GB18030 has none.
 */
const UTF16_NUL_SHARE = 0.05;

/** Characters that real Chinese prose is made of; their share scores a candidate decoding. */
const PLAUSIBLE_CHAR = /[\u4E00-\u9FFF\u3400-\u4DBF\u3000-\u303F\uFF00-\uFFEF\u2018-\u201D\u2026\u00B7\u0020-\u007E\t\r\n]/;

/** Labels an HTML page may declare, mapped to what we decode them with (GB18030 is a superset of GBK and GB2312). */
const DECLARED_CHARSETS: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Characters text files do not hold: C0 controls except tab, line feed, vertical tab, form feed and
 * carriage return; DEL and the C1 controls; and U+FFFD, which a decoder writes for bytes it could not
 * read. Measured after decoding, so UTF-16 text (NUL in every other byte) is never mistaken for binary.
 */
const NON_TEXT_CHAR = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/;

/**
 * Above this share of NON_TEXT_CHAR a decoded file is binary data (an image, an archive, a PDF renamed
 * .txt): such files decode with a quarter or more of them, real text (any encoding) with close to none.
 */
const BINARY_CHAR_SHARE = 0.1;

/** Decoded characters looked at by looksBinary: the start of the file is enough to tell. */
const BINARY_SAMPLE_CHARS = 16 * 1024;

/** True when decoded text is really binary data (see BINARY_CHAR_SHARE); '' is not binary. */
export function looksBinary(text: string): boolean {
  let bad = 0;
  let total = 0;
  for (const ch of text) {
    if (total === BINARY_SAMPLE_CHARS) break;
    total++;
    if (NON_TEXT_CHAR.test(ch)) bad++;
  }
  return total > 0 && bad / total > BINARY_CHAR_SHARE;
}

/** Share of plausible characters in a decoded sample; replacement characters count against it. */
export function plausibility(text: string): number {
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (ch !== '\uFFFD' && PLAUSIBLE_CHAR.test(ch)) good++;
  }
  return total ? good / total : 0;
}

function utf16ByParity(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  // ASCII in UTF-16LE is [char, 0]: NULs at odd offsets; in UTF-16BE at even offsets.
  if (oddNul / half >= UTF16_NUL_SHARE && oddNul > evenNul * 4) return 'utf-16le';
  if (evenNul / half >= UTF16_NUL_SHARE && evenNul > oddNul * 4) return 'utf-16be';
  return null;
}

/** The charset an HTML file declares in its first bytes (<meta charset> or http-equiv), if we know it. */
export function declaredHtmlCharset(bytes: Uint8Array): TextEncodingName | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? (DECLARED_CHARSETS[m[1].toLowerCase()] ?? null) : null;
}

/** Decode a text file of unknown encoding. `declared` (from an HTML meta tag) is trusted after a BOM. */
export function decodeText(bytes: Uint8Array, declared?: TextEncodingName | null): Decoded {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) {
      return { text: decodeAs(bytes.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding, how: 'bom' };
    }
  }
  const utf16 = utf16ByParity(bytes);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16, how: 'detected' };
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) {
    return { text: decodeAs(bytes, declared), encoding: declared, how: 'declared' };
  }
  if (isValidUtf8(bytes)) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', how: declared ? 'declared' : 'detected' };

  // Not UTF-8: GB18030 is by far the likelier, but BOM-less UTF-16 of pure Chinese has no NULs.
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1);
  let best: TextEncodingName = 'gb18030';
  let bestScore = plausibility(decodeAs(sample, 'gb18030'));
  for (const candidate of ['utf-16le', 'utf-16be'] as const) {
    const score = plausibility(decodeAs(sample, candidate));
    if (score > bestScore + 0.1) {
      best = candidate;
      bestScore = score;
    }
  }
  return { text: decodeAs(bytes, best), encoding: best, how: 'detected' };
}
