import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// WXT declares public/icon/<size>.png in the manifest; each must be a real PNG of that size.
const ICON_DIR = join(__dirname, '../../public/icon');

function readPng(file: string) {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number } | null = null;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colourType: data[9]! };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  return { header: header!, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('toolbar icons', () => {
  it.each([16, 32, 48, 128])('%i px icon is an RGBA PNG of that size, partly transparent and partly opaque', (size) => {
    const { header, pixels } = readPng(join(ICON_DIR, `${size}.png`));
    expect(header).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6 });
    // One filter byte per row, then RGBA.
    expect(pixels.length).toBe(size * (size * 4 + 1));
    const alphas = new Set<number>();
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) alphas.add(pixels[y * (size * 4 + 1) + 1 + x * 4 + 3]!);
    expect(alphas.has(255)).toBe(true);
    expect(alphas.has(0)).toBe(true);
  });
});
