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
  if (typeof value === 'string') return textCell(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textCell(value instanceof Date ? value.toISOString() : String(value));
}

function textCell(value: string): string {
  const text = FORMULA_LEAD.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: cells joined by commas, without the line end. */
export function csvRow(cells: readonly unknown[]): string {
  let out = cells.length ? csvCell(cells[0]) : '';
  for (let i = 1; i < cells.length; i++) out += ',' + csvCell(cells[i]);
  return out;
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

/** Where a streaming CSV writer sends its text: a file stream in the CLI, a string sink in tests. */
export interface CsvSink {
  write(chunk: string): void;
}

/**
 * A CSV table written row by row, the same bytes as toCsv (BOM, header, CRLF after every row):
 * rows are buffered up to about `flushChars` characters and handed to the sink, so a table never
 * has to exist as one string (terms.csv passes V8's string limit at a few thousand documents).
 */
export class CsvWriter {
  private buffer: string;
  private readonly flushChars: number;
  rows = 0;

  constructor(private readonly sink: CsvSink, header: readonly string[], opts: { flushChars?: number } = {}) {
    this.flushChars = opts.flushChars ?? 1 << 16;
    this.buffer = CSV_BOM + csvRow(header) + CSV_EOL;
  }

  row(cells: readonly unknown[]): void {
    this.buffer += csvRow(cells) + CSV_EOL;
    this.rows++;
    if (this.buffer.length >= this.flushChars) this.flush();
  }

  /** Hands what is buffered to the sink (also called by row() once the buffer is large). */
  flush(): void {
    if (this.buffer) this.sink.write(this.buffer);
    this.buffer = '';
  }
}
