// Progress of a long run on stderr: files done / total, documents, documents per second. Drawn in
// place on a terminal only; when stderr is a pipe or a file (CI logs, tests) or with --quiet, silent,
// so captured output holds only warnings and errors.

/** Redraw at most this often: a line per document would flood slow terminals. */
const REDRAW_MS = 200;

export interface Progress {
  /** A file was finished; `docs` is the total number of documents analysed so far. */
  update(filesDone: number, docs: number): void;
  /** Show what a long step after the files is doing (replaces the progress line). */
  stage(message: string): void;
  /** Print a line (warning, notice) without tearing the progress line. */
  log(message: string): void;
  /** Clear the progress line; returns the elapsed seconds and documents per second. */
  done(docs: number): { seconds: number; docsPerSecond: number };
}

export interface ProgressOptions {
  totalFiles: number;
  /** Draw the live line (a TTY and not --quiet). */
  live: boolean;
  stream?: NodeJS.WritableStream;
  now?: () => number;
}

export function createProgress({ totalFiles, live, stream = process.stderr, now = () => performance.now() }: ProgressOptions): Progress {
  const started = now();
  let lastDraw = -Infinity;
  let shown = false;

  const clear = () => {
    if (shown) {
      stream.write('\r\x1b[2K');
      shown = false;
    }
  };
  const rate = (docs: number) => {
    const seconds = (now() - started) / 1000;
    return { seconds, docsPerSecond: seconds > 0 ? docs / seconds : 0 };
  };

  return {
    update(filesDone, docs) {
      if (!live) return;
      const t = now();
      if (t - lastDraw < REDRAW_MS && filesDone < totalFiles) return;
      lastDraw = t;
      const { docsPerSecond } = rate(docs);
      stream.write(`\r\x1b[2K${filesDone}/${totalFiles} files, ${docs} docs, ${docsPerSecond.toFixed(1)} docs/s`);
      shown = true;
    },
    stage(message) {
      if (!live) return;
      stream.write(`\r\x1b[2K${message}`);
      shown = true;
    },
    log(message) {
      clear();
      stream.write(message + '\n');
    },
    done(docs) {
      clear();
      return rate(docs);
    },
  };
}
