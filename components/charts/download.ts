// Saving exports: a file name that says what and when, and a download through an <a download>.

/** Local calendar date as YYYY-MM-DD (the date the researcher made the export, in their zone). */
export function isoDay(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Characters Windows, macOS or Linux refuse in file names, plus whitespace runs. */
const UNSAFE_FILENAME = /[\\/:*?"<>|\s\u0000-\u001f]+/g;

/** `tifa-lens-<name>-<YYYY-MM-DD>.<ext>`, the name made safe for every file system. */
export function exportFilename(name: string, ext: string, now: Date = new Date()): string {
  const safe = name.replace(UNSAFE_FILENAME, '-').replace(/^-+|-+$/g, '') || 'export';
  return `tifa-lens-${safe}-${isoDay(now)}.${ext}`;
}

/** Click a temporary link; the caller revokes any object URL it created. */
export function triggerDownload(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Download a Blob through an object URL, revoked once the click has been handled. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  try {
    triggerDownload(url, filename);
  } finally {
    // Revoking in the same task can cancel the download in some browsers; a tick later is safe.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
