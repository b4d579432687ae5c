import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow, toCsv } from '../../analysis/csv';
import { parseCsv } from '../helpers/csv';

describe('toCsv', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, 2]]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('writes only the header for an empty table', () => {
    expect(toCsv(['id'], [])).toBe('\uFEFFid\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    const rows = [['a,b', 'say "hi"', 'line1\nline2', 'cr\rhere', 'crlf\r\nhere', 'plain']];
    const csv = toCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], rows);
    expect(csv).toContain('"a,b","say ""hi""","line1\nline2","cr\rhere","crlf\r\nhere",plain\r\n');
    expect(parseCsv(csv.slice(1))[1]).toEqual(rows[0]);
  });

  it('keeps CJK and full-width punctuation as written, unquoted', () => {
    const csv = toCsv(['term'], [['三会一课'], ['常经社委〔2024〕4号'], ['，。：“红旗领航”']]);
    expect(csv).toBe('\uFEFFterm\r\n三会一课\r\n常经社委〔2024〕4号\r\n，。：“红旗领航”\r\n');
  });
});

describe('csvCell: formula neutralisation', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['-5', "'-5"],
    ['@x', "'@x"],
    ['\tTAB', "'\tTAB"],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\rline')).toBe(`"'\rline"`);
  });

  it('leaves characters that only appear later in the cell alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('1+10+N')).toBe('1+10+N');
    expect(csvCell('x@y')).toBe('x@y');
  });

  it('keeps numbers typed as numbers, negative ones included', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(0)).toBe('0');
    expect(csvRow([-1, '-1'])).toBe("-1,'-1");
  });
});

describe('csvCell: empty and odd values', () => {
  it('writes null and undefined as empty cells', () => {
    expect(csvRow([null, undefined, '', 'x'])).toBe(',,,x');
  });

  it('writes non-finite numbers as empty cells rather than NaN/Infinity', () => {
    expect(csvRow([NaN, Infinity, -Infinity])).toBe(',,');
  });

  it('writes booleans and property-like names as plain text', () => {
    expect(csvRow([true, false, '__proto__', 'constructor'])).toBe('true,false,__proto__,constructor');
  });
});
