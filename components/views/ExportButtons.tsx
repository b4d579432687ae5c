// CSV export of any table the views show: same writer as the CLI (analysis/csv: BOM, RFC 4180,
// formula-safe cells), downloaded through a Blob URL with a dated file name.
import { toCsv } from '../../analysis/csv';
import { downloadBlob, exportFilename } from '../charts/download';
import { t } from '../../utils/i18n';

/** Build the CSV text and download it as tifa-lens-<name>-<YYYY-MM-DD>.csv. Returns the text (for tests). */
export function downloadCsv(name: string, header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const text = toCsv(header, rows);
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), exportFilename(name, 'csv'));
  return text;
}

type CsvTable = { header: readonly string[]; rows: readonly (readonly unknown[])[] };

export interface CsvButtonProps {
  /** File-name stem, e.g. "terms" → tifa-lens-terms-2024-05-01.csv. */
  name: string;
  /** What the table is, for the accessible name ("Download top terms as CSV"). */
  what: string;
  /**
   * Rows are built on click, so large tables cost nothing until exported; a promise when the rows
   * come from the aggregation worker.
   */
  table: () => CsvTable | Promise<CsvTable>;
  /** Visible text when a section offers more than one CSV (e.g. "terms.csv", the CLI's format); default "CSV". */
  label?: string;
  disabled?: boolean;
}

export function CsvButton({ name, what, table, disabled, label }: CsvButtonProps) {
  return (
    <button
      type="button"
      class="tl-btn tl-btn-small tl-csv"
      disabled={disabled}
      aria-label={t('views.csvOf', { what })}
      title={t('views.csvOf', { what })}
      data-export={name}
      onClick={() => {
        const t = table();
        // A table known at once downloads within the click (browsers allow downloads in a gesture).
        if (t instanceof Promise) t.then((r) => downloadCsv(name, r.header, r.rows)).catch((e) => console.error('CSV export failed', e));
        else downloadCsv(name, t.header, t.rows);
      }}
    >
      {label ?? t('views.csv')}
    </button>
  );
}
