// Encoders for tests: Node decodes GBK and Big5 but cannot encode them, so the two-byte tables are
// read back out of TextDecoder (every lead/trail pair decoded once). Enough for the characters of
// test texts; a character outside the two-byte table throws rather than being written wrong. The
// committed fixtures in tests/fixtures/cli/encodings/ are made by an independent encoder (Python's).

type Legacy = 'gbk' | 'big5';

/** Big5 code points listed twice whose standard code is the later one (as the WHATWG Big5 encoder writes them). */
const BIG5_LAST = new Set(['\u2550', '\u255E', '\u2561', '\u256A', '\u5341', '\u5345']);

const tables = new Map<Legacy, Map<string, [number, number]>>();

function table(encoding: Legacy): Map<string, [number, number]> {
  let map = tables.get(encoding);
  if (map) return map;
  map = new Map();
  const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'big5', { fatal: true });
  // Big5 below lead 0xA1 is Hong Kong's extension: skipped, so common characters get their standard codes.
  const firstLead = encoding === 'gbk' ? 0x81 : 0xa1;
  for (let lead = firstLead; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(Uint8Array.of(lead, trail));
      } catch {
        continue;
      }
      if ([...ch].length === 1 && (!map.has(ch) || (encoding === 'big5' && BIG5_LAST.has(ch)))) map.set(ch, [lead, trail]);
    }
  }
  tables.set(encoding, map);
  return map;
}

/** Text → bytes in GBK or Big5 (ASCII as is). */
export function encodeLegacy(text: string, encoding: Legacy): Uint8Array {
  const map = table(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = map.get(ch);
    if (!pair) throw new Error(`${JSON.stringify(ch)} has no two-byte ${encoding} code`);
    out.push(...pair);
  }
  return Uint8Array.from(out);
}

/** Text → UTF-16 bytes, little- or big-endian, with or without a byte-order mark. */
export function encodeUtf16(text: string, endian: 'le' | 'be', bom = false): Uint8Array {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'be') le.swap16();
  return new Uint8Array(le);
}

/** Text → UTF-8 bytes, optionally with a BOM. */
export function encodeUtf8(text: string, bom = false): Uint8Array {
  return new TextEncoder().encode((bom ? '\uFEFF' : '') + text);
}
