// Files and folders as the browser hands them over (a file picker, a folder picker, a drop) turned
// into import sources with their paths. A dropped folder is walked through the File and Directory
// Entries API: readEntries answers in chunks (100 at a time in Chromium) until it returns none.
import type { ImportSource } from '../../utils/import';

/** Files from an <input type=file> (a picked folder gives webkitRelativePath: folder/sub/name). */
export function sourcesFromFileList(files: FileList | readonly File[]): ImportSource[] {
  return Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((chunk) => {
        if (!chunk.length) resolve(out);
        else {
          out.push(...chunk);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: ImportSource[], problems: string[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  try {
    if (entry.isFile) out.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    else if (entry.isDirectory) for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, out, problems);
  } catch (err) {
    problems.push(`${path}: ${String((err as Error)?.message ?? err)}`);
  }
}

/**
 * What was dropped: files and whole folders. The entries are taken synchronously (a DataTransfer
 * empties once the drop event returns), then walked. Paths that could not be read are listed.
 */
export async function sourcesFromDrop(data: DataTransfer): Promise<{ sources: ImportSource[]; problems: string[] }> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  const sources = sourcesFromFileList(loose);
  const problems: string[] = [];
  for (const e of entries) await walk(e, sources, problems);
  return { sources, problems };
}
