// CSV text for spreadsheets (Excel, WPS, LibreOffice) holding Chinese text. Pure; shared by the CLI
// and the dashboard's exports so both write byte-identical formats.

/** Byte-order mark: without it Excel opens UTF-8 CSV as the local code page and Chinese turns to mojibake. */
export const CSV_BOM = '\uFEFF';

/** RFC 4180 allows CRLF or LF; Excel and the RFC's own examples use CRLF. */
export const CSV_EOL = '\r\n';

/**
 * First characters that make a spreadsheet read a cell as a formula (CSV / formula injection, OWASP):
 * = + - @, and tab / CR, which some programs strip before looking at the first character.
 */
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/** Characters that force a field into quotes (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as CSV text. Numbers typed as numbers are written as numbers (a negative count stays a
 * number); every string that could start a formula gets a leading apostrophe, which spreadsheets
 * show as text and do not evaluate.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_LEAD.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: cells joined by commas, without the line end. */
export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * A whole table as CSV: BOM, header, rows, each line ended with CRLF.
 * Rows shorter than the header are written as they are (the missing cells are simply absent).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  let out = CSV_BOM + csvRow(header) + CSV_EOL;
  for (const row of rows) out += csvRow(row) + CSV_EOL;
  return out;
}
