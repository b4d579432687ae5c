import { describe, expect, it } from 'vitest';
import { CsvWriter, toCsv } from '../../analysis/csv';

/** Rows that exercise every rule of csvCell: quotes, commas, line breaks, formula leads, numbers, blanks. */
const ROWS: unknown[][] = [
  ['三会一课', 3, 1.5],
  ['a,b', 'say "hi"', 'line\nbreak'],
  ['=SUM(A1)', '+1', '-x', '@me', '\tlead'],
  [null, undefined, -2, Number.NaN, true],
  ['short'],
];

function streamed(flushChars: number): { text: string; chunks: number } {
  const chunks: string[] = [];
  const w = new CsvWriter({ write: (c) => void chunks.push(c) }, ['c1', 'c2', 'c3', 'c4', 'c5'], { flushChars });
  for (const r of ROWS) w.row(r);
  w.flush();
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('CsvWriter streams the same bytes as toCsv', () => {
  it.each([
    ['one chunk (large buffer)', 1 << 16],
    ['a chunk per row (tiny buffer)', 1],
    ['chunks of a few rows', 40],
  ])('%s', (_name, flushChars) => {
    const { text } = streamed(flushChars);
    expect(text).toBe(toCsv(['c1', 'c2', 'c3', 'c4', 'c5'], ROWS));
  });

  it('hands the sink several chunks instead of one string when the buffer is small', () => {
    // The header travels with the first row.
    expect(streamed(1).chunks).toBe(ROWS.length);
  });

  it('writes BOM and header for an empty table', () => {
    const chunks: string[] = [];
    const w = new CsvWriter({ write: (c) => void chunks.push(c) }, ['id']);
    w.flush();
    expect(chunks.join('')).toBe('\uFEFFid\r\n');
  });
});
