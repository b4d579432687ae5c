// Clipping a tab that shows a PDF: the browser's viewer has no text DOM, so the file itself is
// fetched and read like an imported PDF (the import worker), stored under the tab's URL with the file
// as its original. Reading another site's file needs that site's host permission: it is asked for
// at this moment, for that site only (an optional permission), never up front.
import type { DB } from './db';
import { runImport, type ImportOptions, type ImportSummary } from './import';

/** The host-permission pattern for the site of a URL (https://host/*), or null for what is not http(s). */
export function originPattern(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}/*` : null;
}

/** The file's name from its URL's last path segment (percent-decoded), else document.pdf. */
export function pdfNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    const name = decodeURIComponent(last).trim();
    return name || 'document.pdf';
  } catch {
    return 'document.pdf';
  }
}

export interface PdfTabDeps extends Pick<ImportOptions, 'assets' | 'createWorker'> {
  database: DB;
  /** browser.permissions.request for these origins; must be the first thing a click does. */
  requestPermission(origins: string[]): Promise<boolean>;
  fetch(url: string): Promise<Response>;
}

export type PdfTabOutcome =
  | { status: 'denied' }
  | { status: 'fetchFailed'; problem: string }
  | { status: 'read'; summary: ImportSummary };

/** Ask for the site's permission, fetch the PDF, and import it under the tab's URL. Never throws for a bad file. */
export async function clipPdfTab(url: string, deps: PdfTabDeps): Promise<PdfTabOutcome> {
  const origin = originPattern(url);
  if (!origin) return { status: 'fetchFailed', problem: url };
  if (!(await deps.requestPermission([origin]))) return { status: 'denied' };
  let blob: Blob;
  try {
    const res = await deps.fetch(url);
    if (!res.ok) return { status: 'fetchFailed', problem: `HTTP ${res.status}` };
    blob = await res.blob();
  } catch (err) {
    return { status: 'fetchFailed', problem: String((err as Error)?.message ?? err) };
  }
  const summary = await runImport(deps.database, [{ path: pdfNameOf(url), file: blob, url }], { assets: deps.assets, ...(deps.createWorker ? { createWorker: deps.createWorker } : {}) });
  return { status: 'read', summary };
}
