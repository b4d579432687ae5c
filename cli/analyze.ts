// One analysis run of the CLI: inputs collected; each document read, cleaned and analysed with the
// same pure analysis/ core as the extension on a pool of worker threads (cli/pool.ts, cli/work.ts);
// the results taken in input order on the main thread, which writes texts/ and structure.csv as they
// come and keeps only compact per-document results (cli/corpus.ts) for the corpus-wide tables,
// duplicates and recurring phrases, written at the end. The output does not depend on --jobs.

import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { closeSync, openSync, writeSync } from 'node:fs';
import { CsvWriter } from '../analysis/csv';
import { recurringTable, TABLE_HEADERS } from '../analysis/tables';
import type { RankedRecurring } from '../analysis/recurring';
import { COUNTING_MODEL } from '../analysis/counting';
import { DuplicateFinder, type DuplicateMatch } from '../analysis/duplicates';
import type { FormulationHit } from '../analysis/types';
import { CorpusStore } from './corpus';
import { createRecurringPass, createSetup, type UserLexiconEntry } from './engine';
import { UserError } from './errors';
import { docIdFor } from './ids';
import { collectInputs, readInput, type CollectFs, type InputFile, type Skipped } from './inputs';
import { createRunner, type Runner } from './pool';
import { createProgress } from './progress';
import { packageVersion } from './version';
import type { DocTask, WorkEvent } from './work';

export { docIdFor, facetOf } from './ids';

export interface AnalyzeOptions {
  inputs: string[];
  out: string;
  lexiconFile?: string;
  stopwordsFile?: string;
  top: number;
  quiet: boolean;
  /** Longest word n-gram for ngrams.csv; 0 = no ngrams.csv. */
  ngrams: number;
  /** Run the corpus-wide search for recurring phrases (the slowest step on large corpora). */
  recurring: boolean;
  /** Threads analysing documents (default os.availableParallelism()); 1 = the main thread alone. */
  jobs?: number;
}

/** Lines of a user list file, trimmed, without blanks and # comments. */
async function readListFile(file: string, what: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`cannot read ${what} file ${file}`);
  }
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'));
}

/** `term<TAB>category` per line; the category is optional. */
export function parseLexiconLines(lines: readonly string[]): UserLexiconEntry[] {
  return lines.map((line) => {
    const [term, category] = line.split('\t');
    const head = (term ?? '').trim();
    return category?.trim() ? { term: head, category: category.trim() } : { term: head };
  }).filter((e) => e.term);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Names the CLI gives cleaned texts; only such files are ever removed from texts/. */
const TEXT_FILE = /^[0-9a-f]{12}\.txt$/;

/**
 * Remove texts/<id>.txt left by an earlier run into the same folder for documents not in this run,
 * so texts/ always matches documents.csv. Files named otherwise are the user's and stay.
 */
async function removeStaleTexts(dir: string, ids: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    if (TEXT_FILE.test(name) && !ids.has(name.slice(0, -4))) await unlink(path.join(dir, name));
  }
}

/** A table streamed to its file row by row (analysis/csv CsvWriter): never held as one string. */
class TableFile {
  private readonly fd: number;
  private readonly out: CsvWriter;
  constructor(readonly file: string, header: readonly string[]) {
    this.fd = openSync(file, 'w');
    this.out = new CsvWriter({ write: (chunk) => void writeSync(this.fd, chunk, null, 'utf8') }, header);
  }
  readonly row = (cells: readonly unknown[]): void => this.out.row(cells);
  close(): void {
    this.out.flush();
    closeSync(this.fd);
  }
}

function writeTable(dir: string, name: string, header: readonly string[], fill: (emit: (row: unknown[]) => void) => void): void {
  const t = new TableFile(path.join(dir, name), header);
  try {
    fill(t.row);
  } finally {
    t.close();
  }
}

/** Work items in input order: a task for the pool, or what reading a jsonl file on this thread gave. */
interface Item {
  events: Promise<WorkEvent[]> | WorkEvent[];
  fileEnd: boolean;
}

/** Tasks in flight per thread: enough to keep every worker busy, few enough to bound memory. */
const IN_FLIGHT_PER_JOB = 4;
/**
 * Recurring-hit searches in flight per thread: their results are small, and enough of them keeps the
 * workers searching while this thread writes the other tables.
 */
const HITS_IN_FLIGHT_PER_JOB = 64;

/**
 * Promises of `items` taken in order while up to `window` of them run: results come back in input
 * order however the workers finish, and at most `window` results wait in memory. With an array (a
 * sync iterable) the first `window` are started before this returns, so the caller can do other work
 * on this thread while the workers have theirs.
 */
async function inOrder<T, R>(items: Iterable<T> | AsyncIterable<T>, start: (item: T) => R, window: number, take: (started: Awaited<R>, item: T) => Promise<void> | void): Promise<void> {
  const queue: { item: T; started: R }[] = [];
  const enqueue = (item: T) => {
    const started = start(item);
    // Taken (and its error thrown) in turn; meanwhile a failure must not count as unhandled.
    if (started instanceof Promise) started.catch(() => {});
    queue.push({ item, started });
  };
  const takeHead = async () => {
    const head = queue.shift()!;
    await take(await head.started, head.item);
  };
  if (Symbol.asyncIterator in items) {
    for await (const item of items) {
      enqueue(item);
      if (queue.length >= window) await takeHead();
    }
  } else {
    for (const item of items) {
      enqueue(item);
      if (queue.length >= window) await takeHead();
    }
  }
  while (queue.length) await takeHead();
}

/** Where main() writes and reads: the process's streams and file system, or a test's. */
export interface MainIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** File-system calls for walking the inputs (tests simulate errors root never gets). */
  fs?: Partial<CollectFs>;
  /** Reads an input file's bytes (tests simulate EACCES, which root never gets). */
  read?: (p: string) => Promise<Uint8Array>;
}

/** The run's inputs could not give a single file: one line saying why (the first unreadable path, else what was expected). */
function noFilesError(inputs: readonly string[], skipped: readonly Skipped[]): UserError {
  const unreadable = skipped.find((s) => s.unreadable);
  const why = unreadable ? `cannot read ${unreadable.source}: ${unreadable.reason}` : 'expected .pdf, .docx, .txt, .html, .htm, .shtml or .jsonl files';
  return new UserError(`no documents to analyze in ${inputs.join(', ')}: ${why}`);
}

export async function analyze(opts: AnalyzeOptions, io: MainIo): Promise<number> {
  const live = !opts.quiet && Boolean(io.stderr.isTTY);
  const say = (msg: string) => io.stderr.write(msg + '\n');

  // Option files first: a typo in --lexicon should stop the run before any notice about inputs.
  const userLexicon = opts.lexiconFile ? parseLexiconLines(await readListFile(opts.lexiconFile, 'lexicon')) : [];
  const userStopwords = opts.stopwordsFile ? (await readListFile(opts.stopwordsFile, 'stopwords')).map((s) => s.trim()) : [];

  const collected = await collectInputs(opts.inputs, { excludeDirs: [opts.out], fs: io.fs });
  const { files } = collected;
  if (files.length === 0) throw noFilesError(opts.inputs, collected.skipped);
  const skipped: Skipped[] = [...collected.skipped];

  const outDir = opts.out;
  const textsDir = path.join(outDir, 'texts');
  try {
    await mkdir(textsDir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create output folder ${outDir}: ${(err as Error).message}`);
  }

  const setup = createSetup({ userLexicon, userStopwords });
  // Each worker loads its own jieba: no more workers than there are files to give them (a jsonl file gives one task per line).
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), files.some((f) => f.format === 'jsonl') ? Infinity : files.length));
  const runner = await createRunner({ userLexicon, userStopwords, ngrams: opts.ngrams, recurring: opts.recurring }, jobs);
  const structurePartial = path.join(outDir, 'structure.csv.partial');
  try {
    return await runAnalysis({ opts, io, live, say, files, collected: collected.skipped, skipped, outDir, textsDir, setup, runner, structurePartial });
  } finally {
    await runner.close();
    await rm(structurePartial, { force: true });
  }
}

interface RunContext {
  opts: AnalyzeOptions;
  io: MainIo;
  live: boolean;
  say: (msg: string) => void;
  files: InputFile[];
  collected: readonly Skipped[];
  skipped: Skipped[];
  outDir: string;
  textsDir: string;
  setup: ReturnType<typeof createSetup>;
  runner: Runner;
  structurePartial: string;
}

async function runAnalysis(c: RunContext): Promise<number> {
  const { opts, io, files, skipped, outDir, textsDir, setup, runner } = c;
  const progress = createProgress({ totalFiles: files.length, live: c.live, stream: io.stderr as NodeJS.WritableStream });
  const warnings: string[] = [];
  const warn = (msg: string) => {
    warnings.push(msg);
    progress.log(`warning: ${msg}`);
  };
  // Unreadable paths are warnings (something is wrong); other extensions only a notice (a folder holds what it holds).
  for (const s of c.collected) {
    if (s.unreadable) warn(`${s.source}: ${s.reason}; skipped`);
    else if (!opts.quiet) progress.log(`skipped ${s.source}: ${s.reason}`);
  }
  /** Files not read as plain UTF-8, and how their encoding was found: run.json, for an audit. */
  const encodings: Record<string, string> = {};

  const store = new CorpusStore();
  const duplicates = new DuplicateFinder();
  const duplicateMatches: DuplicateMatch[] = [];
  /** Texts texts/ cannot give back exactly (lone surrogates): kept for the recurring hits. Almost always empty. */
  const illFormed = new Map<string, string>();
  const ids = new Set<string>();
  // One collector for the whole run, fed here in input order: what it keeps when it must prune
  // depends on the order of the documents only, never on how many threads analysed them.
  const recurringPass = opts.recurring ? createRecurringPass(setup) : null;
  const structure = new TableFile(c.structurePartial, TABLE_HEADERS.structure);
  let filesDone = 0;

  /** The work items of the run in input order; a jsonl file is read here and gives one task per line. */
  async function* items(): AsyncGenerator<Item> {
    for (const file of files) {
      if (file.format === 'jsonl') {
        const events: WorkEvent[] = [];
        const raws = await readInput(file, (msg) => events.push({ t: 'warn', msg }), { skip: (source, reason) => events.push({ t: 'skip', source, reason }), read: io.read });
        yield { events, fileEnd: raws.length === 0 };
        for (let i = 0; i < raws.length; i++) yield { events: runner.run({ kind: 'raw', raw: raws[i]! }), fileEnd: i === raws.length - 1 };
        continue;
      }
      let task: DocTask = { kind: 'file', file };
      if (io.read) {
        // A test's reader runs here; its bytes (or its error) go to the worker, copied so they can be moved.
        try {
          task = { kind: 'file', file, bytes: new Uint8Array(await io.read(file.path)) };
        } catch (err) {
          task = { kind: 'file', file, readError: { code: (err as NodeJS.ErrnoException)?.code, message: (err as Error)?.message ?? String(err) } };
        }
      }
      yield { events: runner.run(task), fileEnd: true };
    }
  }

  const take = async (events: WorkEvent[], item: Item) => {
    for (const e of events) {
      if (e.t === 'warn') warn(e.msg);
      else if (e.t === 'skip') skipped.push({ source: e.source, reason: e.reason });
      else if (e.t === 'encoding') encodings[e.file] = e.value;
      else {
        const d = e.doc;
        let docId = d.docId;
        for (let n = 2; ids.has(docId); n++) docId = docIdFor(`${d.source}\u0000${n}`);
        ids.add(docId);
        await writeFile(path.join(textsDir, `${docId}.txt`), d.text, 'utf8');
        if (!d.wellFormed) illFormed.set(docId, d.text);
        for (const h of d.outline) structure.row([docId, h.level, h.marker, h.text, h.offset]);
        if (recurringPass && d.tokens) recurringPass.add(docId, d.facet, d.tokens, d.termWords);
        d.tokens = null;
        // Identical and near-identical texts (a city republishing the national report): flagged, still counted.
        store.add(docId, d);
        const dup = duplicates.add(docId, d.dup);
        if (dup) {
          duplicateMatches.push(dup);
          store.setDuplicateOf(store.size - 1, dup.duplicateOf);
        }
        // Per document too: one jsonl file can hold the whole corpus.
        progress.update(filesDone, store.size);
      }
    }
    if (item.fileEnd) progress.update(++filesDone, store.size);
  };
  await inOrder(items(), (item) => item.events, runner.jobs * IN_FLIGHT_PER_JOB, take);
  structure.close();

  const documents = store.size;
  if (documents === 0) {
    progress.done(0);
    throw new UserError(`no documents with text in ${opts.inputs.join(', ')}`);
  }

  let phrases: string[] | null = null;
  let ranked: RankedRecurring[] = [];
  if (opts.recurring) {
    progress.stage('finding recurring phrases across documents…');
    const found = recurringPass ? recurringPass.finish(store.facets) : null;
    ranked = found ?? [];
    phrases = found ? found.map((p) => p.text) : null;
    // Below three documents nothing can recur anyway: no note worth reading.
    if (!phrases && !opts.quiet && documents >= 3) progress.log('note: recurring phrases need documents from at least two named organisations; none added');
  }
  const sourceOf = new Map<string, string>();
  if (duplicateMatches.length) store.documentRows((row) => sourceOf.set(String(row[0]), String(row[TABLE_HEADERS.documents.indexOf('source')])));
  for (const d of duplicateMatches) {
    warn(`${sourceOf.get(d.docId) ?? d.docId} duplicates ${sourceOf.get(d.duplicateOf) ?? d.duplicateOf} (${d.kind === 'identical' ? 'identical text' : `${Math.round(d.overlap * 100)}% shingle overlap`}); both are counted`);
  }
  progress.stage('writing tables…');
  writeTable(outDir, 'skipped.csv', ['source', 'reason'], (emit) => skipped.forEach((s) => emit([s.source, s.reason])));
  // The ranking of the recurring phrases (best first); with --no-recurring, none is left from an earlier run.
  if (opts.recurring) writeTable(outDir, 'recurring.csv', TABLE_HEADERS.recurring, (emit) => recurringTable(ranked).rows.forEach(emit));
  else await rm(path.join(outDir, 'recurring.csv'), { force: true });
  // Recurring hits are counted in each document's text, read back from texts/ on the workers; the
  // searches are started first, so that the workers run them while this thread writes the other tables.
  const slogans = new TableFile(path.join(outDir, 'slogans.csv'), TABLE_HEADERS.slogans);
  const indexes = Array.from({ length: documents }, (_, i) => i);
  const hitsOf = (i: number): Promise<FormulationHit[]> | FormulationHit[] => {
    const docId = store.docId(i);
    // Every document is searched: the collector keeps no document lists (bounded memory).
    const mine = phrases;
    if (!mine?.length) return [];
    const known = store.formulationTexts(i);
    const text = illFormed.get(docId);
    return runner.hits(text !== undefined ? { kind: 'hits', text, phrases: mine, known } : { kind: 'hits', path: path.join(textsDir, `${docId}.txt`), phrases: mine, known });
  };
  const slogansWritten = inOrder(indexes, hitsOf, runner.jobs * HITS_IN_FLIGHT_PER_JOB, (hits, i) => store.sloganRows(i, hits, slogans.row)).finally(() => slogans.close());
  // Awaited below; should a table here fail first, its error is the one reported.
  slogansWritten.catch(() => {});
  writeTable(outDir, 'documents.csv', TABLE_HEADERS.documents, (emit) => store.documentRows(emit));
  writeTable(outDir, 'terms.csv', TABLE_HEADERS.terms, (emit) => store.termRows(emit));
  writeTable(outDir, 'trends.csv', TABLE_HEADERS.trends, (emit) => store.trendRows(setup.lexiconTerms, opts.top, emit));
  // Without --ngrams, an ngrams.csv left by an earlier run would pass for this run's.
  if (opts.ngrams) writeTable(outDir, 'ngrams.csv', TABLE_HEADERS.ngrams, (emit) => store.ngramRows(emit));
  else await rm(path.join(outDir, 'ngrams.csv'), { force: true });
  await slogansWritten;
  await rename(c.structurePartial, path.join(outDir, 'structure.csv'));
  await removeStaleTexts(textsDir, ids);

  const { seconds, docsPerSecond } = progress.done(documents);
  await writeFile(
    path.join(outDir, 'run.json'),
    JSON.stringify(
      {
        tool: 'tifa-lens',
        toolVersion: await packageVersion(),
        analysisVersion: setup.version,
        countingModel: COUNTING_MODEL,
        finishedAt: new Date().toISOString(),
        inputs: opts.inputs,
        options: { lexicon: opts.lexiconFile ?? null, stopwords: opts.stopwordsFile ?? null, top: opts.top, recurring: opts.recurring, ngrams: opts.ngrams || null },
        files: files.length,
        skipped: skipped.filter((s) => !s.source.match(/#\d+$/)).map((s) => s.source),
        encodings,
        documents,
        jobs: runner.jobs,
        warnings,
        seconds: Math.round(seconds * 10) / 10,
      },
      null,
      2,
    ) + '\n',
    'utf8',
  );
  if (!opts.quiet) {
    c.say(
      `analysed ${plural(documents, 'document')} from ${plural(files.length, 'file')} in ${seconds.toFixed(1)} s ` +
        `(${docsPerSecond.toFixed(1)} docs/s); tables in ${outDir}`,
    );
  }
  return 0; // exit code: done (see EXIT in main.ts)
}
