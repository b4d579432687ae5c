// The import's state, kept outside the components: the Library swaps its empty welcome for the table
// as the first documents arrive, and the panel must come back showing the same run.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { DB } from '../../utils/db';
import { importErrorMessage, runImport, type ImportProgress, type ImportSource, type ImportSummary, type PdfAssets } from '../../utils/import';

export type ImportState =
  | { phase: 'closed' }
  | { phase: 'open'; problems: string[] }
  | { phase: 'running'; progress: ImportProgress; controller: AbortController; problems: string[]; cancelling?: boolean }
  | { phase: 'done'; summary: ImportSummary; problems: string[] }
  | { phase: 'failed'; message: string; problems: string[] };

export const importState = signal<ImportState>({ phase: 'closed' });

/** Where the import worker's pdf.js finds the files wxt.config.ts ships under /pdfjs/. */
export function pdfAssets(): PdfAssets {
  const url = browser.runtime.getURL as (p: string) => string;
  return { cMapUrl: url('/pdfjs/cmaps/'), standardFontDataUrl: url('/pdfjs/standard_fonts/') };
}

export function openImport(): void {
  if (importState.value.phase !== 'running') importState.value = { phase: 'open', problems: [] };
}

export function closeImport(): void {
  if (importState.value.phase !== 'running') importState.value = { phase: 'closed' };
}

export function cancelImport(): void {
  const s = importState.value;
  if (s.phase !== 'running' || s.cancelling) return;
  s.controller.abort();
  // The import stops at once; what was read is still being written (whole documents) until the summary.
  importState.value = { ...s, cancelling: true };
}

/** Import what was picked or dropped; `problems` are paths the browser would not hand over. */
export async function startImport(db: DB, sources: ImportSource[], problems: string[] = []): Promise<void> {
  if (importState.value.phase === 'running') return;
  const controller = new AbortController();
  importState.value = { phase: 'running', controller, problems, progress: { done: 0, total: sources.length, added: 0, duplicates: 0, failed: 0, current: '' } };
  try {
    const summary = await runImport(db, sources, {
      assets: pdfAssets(),
      signal: controller.signal,
      onProgress: (progress) => {
        importState.value = { phase: 'running', controller, problems, progress, cancelling: controller.signal.aborted };
      },
    });
    importState.value = { phase: 'done', summary, problems };
  } catch (err) {
    importState.value = { phase: 'failed', message: importErrorMessage(err), problems };
  }
}
