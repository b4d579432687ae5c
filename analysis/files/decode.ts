// Bytes → text for input files of unknown encoding (the CLI's inputs and the dashboard's import). Chinese government texts come as UTF-8, as
// GBK/GB18030 (older Windows tools, many .gov.cn pages), as Big5 (Taiwan, Hong Kong, older archives)
// and as UTF-16 (Word's "Unicode text"). Decoding is the platform's TextDecoder (Node's full ICU, a browser's WHATWG encodings); telling GB18030
// from Big5 is chardet's (ICU's detector, ported), which ranks them by their frequent characters.
// Order: a byte-order mark decides; else NUL-byte parity betrays BOM-less UTF-16 (chardet only knows
// UTF-16 by its BOM); else a declared charset; else UTF-8, unless it is clearly broken and a legacy
// encoding reads clean. Every time a decision deserves a look, `warning` says so in one line.

import { analyse } from 'chardet';

/** Canonical names as TextDecoder reports them (`new TextDecoder(label).encoding`). */
export type TextEncodingName = string;

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen: 'bom', 'declared' (HTML meta or XML declaration), or 'detected'. */
  how: 'bom' | 'declared' | 'detected';
  /** Bytes that were not valid in the chosen encoding and became U+FFFD (UTF-8: exact; others: sequences). */
  badBytes: number;
  /** One line for the user (without the file name) when the reading deserves a look; else undefined. */
  warning?: string;
}

/** Byte-order marks, longest first. GB18030 has one too (the BOM code point in its four-byte form). */
const BOMS: { bytes: number[]; encoding: TextEncodingName }[] = [
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Bytes sampled for the UTF-16, detector and plausibility heuristics: a few pages of text, cheap on large files. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Share of NUL bytes on one parity (of all bytes on that parity) above which a BOM-less file is read
 * as UTF-16: ASCII line breaks, digits and spaces in UTF-16 put a NUL in every other byte, while
 * text in UTF-8, GB18030 or Big5 has none.
 */
const UTF16_NUL_SHARE = 0.05;

/**
 * "Mostly valid" UTF-8: at most this share of its non-ASCII bytes is invalid. A UTF-8 file with a
 * stray byte or a cut last character is far below it; GBK or Big5 read as UTF-8 is far above it
 * (measured on the fixtures: 85–95% of their non-ASCII bytes are invalid UTF-8), because their
 * trail bytes are rarely UTF-8 continuation bytes in the right places.
 */
const MOSTLY_VALID_UTF8_SHARE = 0.1;

/**
 * A legacy decoding counts as clean (and so "clearly more plausible" than broken UTF-8) when at most
 * this share of its characters are replacement characters.
 */
const CLEAN_LEGACY_SHARE = 0.01;

/** A file declared in a legacy charset that is valid UTF-8 with at least this many multi-byte characters is UTF-8. */
const UTF8_OVER_DECLARED_MIN_CHARS = 8;

/**
 * Big5 is chosen without a declaration only when the detector is at least this confident of it (and
 * more than of GB18030): on a few characters it cannot tell them apart, and mainland documents, by far
 * the likelier, are GB18030. Its confidence is 100 on a paragraph of either (the fixtures).
 */
const BIG5_MIN_CONFIDENCE = 50;

/** Characters that real Chinese prose is made of; their share scores a candidate decoding. */
const PLAUSIBLE_CHAR = /[\u4E00-\u9FFF\u3400-\u4DBF\u3000-\u303F\uFF00-\uFFEF\u2018-\u201D\u2026\u00B7\u0020-\u007E\t\r\n]/;

/**
 * Declared labels read with a wider decoder than their name: GB18030 is a superset of GBK and GB2312.
 * A page declaring UTF-16 in ASCII bytes cannot be UTF-16 (HTML's rule: read it as UTF-8).
 */
const DECLARED_AS: Record<string, TextEncodingName> = {
  gbk: 'gb18030',
  'utf-16le': 'utf-8',
  'utf-16be': 'utf-8',
};

const decoders = new Map<string, TextDecoder>();
function decoder(encoding: TextEncodingName): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) {
    // ignoreBOM: a BOM is taken off before decoding (or it is a real U+FEFF in the middle of nowhere).
    d = new TextDecoder(encoding, { ignoreBOM: true });
    decoders.set(encoding, d);
  }
  return d;
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): string {
  return decoder(encoding).decode(bytes);
}

/** TextDecoder's canonical name for a charset label, or null when it knows no such charset. */
export function canonicalEncoding(label: string): TextEncodingName | null {
  try {
    const name = new TextDecoder(label.trim()).encoding;
    return DECLARED_AS[name] ?? name;
  } catch {
    return null;
  }
}

interface Utf8Stats {
  /** Bytes ≥ 0x80. */
  nonAscii: number;
  /** Bytes inside invalid sequences (each would be part of a U+FFFD). */
  bad: number;
  /** Well-formed multi-byte characters. */
  multibyte: number;
}

/**
 * Count well-formed and ill-formed UTF-8 (RFC 3629 / WHATWG: no overlongs, no surrogates, nothing
 * above U+10FFFF). An ill-formed sequence ends where its next byte cannot continue it, so one stray
 * byte costs one byte and a character cut at the end of the file costs the bytes that are there.
 */
function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let nonAscii = 0;
  let bad = 0;
  let multibyte = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    }
    let len = 1;
    if (need) {
      while (len <= need && i + len < n) {
        const c = bytes[i + len]!;
        if (c < lo || c > hi) break;
        lo = 0x80;
        hi = 0xbf;
        len++;
      }
    }
    nonAscii += len;
    if (need && len === need + 1) multibyte++;
    else bad += len;
    i += len;
  }
  return { nonAscii, bad, multibyte };
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

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** U+FFFD written by the decoder (not ones the file itself holds, which decode cleanly in fatal mode). */
function replacedIn(bytes: Uint8Array, encoding: TextEncodingName, text: string): number {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return 0;
  } catch {
    return countReplacements(text);
  }
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

/** Bytes of the head of a file looked at for a declaration (HTML asks for it within the first 1024). */
const DECLARATION_BYTES = 4096;

/** The charset an HTML or XML file declares in its first bytes (<meta charset>, http-equiv, <?xml encoding>), if TextDecoder knows it. */
export function declaredHtmlCharset(bytes: Uint8Array): TextEncodingName | null {
  // windows-1252 is TextDecoder's 'latin1': one character a byte, enough to read ASCII markup.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.byteLength, DECLARATION_BYTES)));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1] ? canonicalEncoding(m[1]) : null;
}

/** GB18030, or Big5 when the detector is sure of it (see BIG5_MIN_CONFIDENCE). */
function likelyLegacy(sample: Uint8Array): TextEncodingName {
  let big5 = 0;
  let gb = 0;
  for (const match of analyse(sample)) {
    if (match.name === 'Big5') big5 = Math.max(big5, match.confidence);
    else if (match.name === 'GB18030') gb = Math.max(gb, match.confidence);
  }
  return big5 >= BIG5_MIN_CONFIDENCE && big5 > gb ? 'big5' : 'gb18030';
}

/** BOM-less UTF-16 of pure Chinese has no NULs: it wins over the legacy reading only when clearly more plausible. */
function legacyOrUtf16(bytes: Uint8Array): TextEncodingName {
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1);
  let best = likelyLegacy(sample);
  let bestScore = plausibility(decodeAs(sample, best));
  for (const candidate of ['utf-16le', 'utf-16be']) {
    const score = plausibility(decodeAs(sample, candidate));
    if (score > bestScore + 0.1) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function label(encoding: TextEncodingName): string {
  return encoding === 'gb18030' ? 'GB18030' : encoding === 'big5' ? 'Big5' : encoding.toUpperCase();
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Read as UTF-8 with replacement characters, warning when any byte was bad. */
function asUtf8(bytes: Uint8Array, how: Decoded['how'], stats: Utf8Stats, why = ''): Decoded {
  const text = decodeAs(bytes, 'utf-8');
  const decoded: Decoded = { text, encoding: 'utf-8', how, badBytes: stats.bad };
  if (stats.bad) decoded.warning = `${plural(stats.bad, 'byte')} not valid UTF-8${why}, shown as \uFFFD; read as UTF-8`;
  return decoded;
}

function asLegacy(bytes: Uint8Array, encoding: TextEncodingName, how: Decoded['how'], warning?: string): Decoded {
  const text = decodeAs(bytes, encoding);
  const badBytes = replacedIn(bytes, encoding, text);
  const decoded: Decoded = { text, encoding, how, badBytes };
  const bad = badBytes ? `${plural(badBytes, 'sequence')} not valid ${label(encoding)}, shown as \uFFFD` : '';
  if (warning || bad) decoded.warning = [warning, bad].filter(Boolean).join('; ');
  return decoded;
}

/**
 * Decode a text file of unknown encoding. A BOM decides; `declared` (from the file's own meta tag or
 * XML declaration, see declaredHtmlCharset) is honoured next. Without either, UTF-8 is read unless it
 * is clearly broken (more than MOSTLY_VALID_UTF8_SHARE of its non-ASCII bytes invalid) and a legacy
 * Chinese encoding reads clean. Never throws; the text has at most one character per input byte.
 */
export function decodeText(bytes: Uint8Array, declared?: TextEncodingName | null): Decoded {
  for (const bom of BOMS) {
    if (bytes.length >= bom.bytes.length && bom.bytes.every((b, i) => bytes[i] === b)) {
      const rest = bytes.subarray(bom.bytes.length);
      if (bom.encoding === 'utf-8') return asUtf8(rest, 'bom', utf8Stats(rest));
      return asLegacy(rest, bom.encoding, 'bom');
    }
  }
  const utf16 = utf16ByParity(bytes);
  if (utf16) return asLegacy(bytes, utf16, 'detected');

  const stats = utf8Stats(bytes);
  const mostlyUtf8 = stats.bad <= stats.nonAscii * MOSTLY_VALID_UTF8_SHARE;

  if (declared && declared !== 'utf-8') {
    // A page re-saved as UTF-8 often keeps its old meta tag; valid UTF-8 Chinese is never GBK or Big5 by chance.
    if (stats.bad === 0 && stats.multibyte >= UTF8_OVER_DECLARED_MIN_CHARS) {
      return { ...asUtf8(bytes, 'detected', stats), warning: `declares ${label(declared)} but is valid UTF-8; read as UTF-8` };
    }
    return asLegacy(bytes, declared, 'declared');
  }

  const how = declared ? 'declared' : 'detected';
  if (mostlyUtf8) return asUtf8(bytes, how, stats);

  // Clearly not UTF-8: a legacy encoding is chosen only if it reads clean.
  const legacy = legacyOrUtf16(bytes);
  const text = decodeAs(bytes, legacy);
  const replaced = replacedIn(bytes, legacy, text);
  if (replaced <= text.length * CLEAN_LEGACY_SHARE) {
    const warning = declared ? `declares UTF-8 but ${plural(stats.bad, 'byte')} of ${stats.nonAscii} non-ASCII are not valid UTF-8; read as ${label(legacy)}` : undefined;
    return asLegacy(bytes, legacy, 'detected', warning);
  }
  return asUtf8(bytes, how, stats, ` (nor ${label(legacy)})`);
}
