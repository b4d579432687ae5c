// One analysis run of the CLI: inputs collected and read, each document cleaned and analysed with
// the same pure analysis/ core as the extension, then the CSV tables, texts/ and run.json written.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { closeSync, openSync, writeSync } from 'node:fs';
import { CsvWriter } from '../analysis/csv';
import {
  documentsTable,
  MIN_NGRAM_COUNT,
  ngramsTable,
  type DocNgrams,
  slogansTable,
  structureTable,
  termsTable,
  trendsTable,
  type DocumentRecord,
  type Table,
} from '../analysis/tables';
import { joinOrgs } from '../analysis/text';
import { COUNTING_MODEL } from '../analysis/counting';
import { findDuplicates } from '../analysis/duplicates';
import type { DocAnalysis, DocFacet, DocMetadata } from '../analysis/types';
import { buildRawDocument, type CliDocument } from './documents';
import { createEngine, type UserLexiconEntry } from './engine';
import { UserError } from './errors';
import { collectInputs, readInput, type CollectFs, type Skipped } from './inputs';
import { createProgress } from './progress';
import { packageVersion } from './version';

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

/**
 * Stable, filename-safe id: a short hash of the source (path, path#line or URL), so the same input
 * keeps its id across runs and texts/<id>.txt never needs escaping.
 */
export function docIdFor(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

/**
 * The filterable facet of one document. Several issuers are joined with the shared separator
 * (analysis/text joinOrgs), so documents.csv's org column splits back the way the extension's does.
 */
export function facetOf(docId: string, metadata: DocMetadata): DocFacet {
  return {
    docId,
    title: metadata.title,
    org: joinOrgs(metadata.orgs),
    year: metadata.year,
    docType: metadata.docType,
    date: metadata.date,
  };
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
function writeTable(dir: string, name: string, table: Table): Promise<void> {
  const fd = openSync(path.join(dir, name), 'w');
  try {
    const out = new CsvWriter({ write: (chunk) => void writeSync(fd, chunk, null, 'utf8') }, table.header);
    for (const row of table.rows) out.row(row);
    out.flush();
  } finally {
    closeSync(fd);
  }
  return Promise.resolve();
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

  const engine = await createEngine({ userLexicon, userStopwords });
  const progress = createProgress({ totalFiles: files.length, live, stream: io.stderr as NodeJS.WritableStream });
  const warnings: string[] = [];
  const warn = (msg: string) => {
    warnings.push(msg);
    progress.log(`warning: ${msg}`);
  };
  // Unreadable paths are warnings (something is wrong); other extensions only a notice (a folder holds what it holds).
  for (const s of collected.skipped) {
    if (s.unreadable) warn(`${s.source}: ${s.reason}; skipped`);
    else if (!opts.quiet) progress.log(`skipped ${s.source}: ${s.reason}`);
  }
  const skip = (source: string, reason: string) => skipped.push({ source, reason });
  /** Files not read as plain UTF-8, and how their encoding was found: run.json, for an audit. */
  const encodings: Record<string, string> = {};

  const records: DocumentRecord[] = [];
  const facets: DocFacet[] = [];
  const analyses: DocAnalysis[] = [];
  const docNgrams: DocNgrams[] = [];
  const ids = new Set<string>();
  let filesDone = 0;

  for (const file of files) {
    for (const raw of await readInput(file, warn, { skip, read: io.read })) {
      if (raw.encoding && raw.encoding !== 'utf-8') encodings[raw.source.replace(/#\d+$/, '')] = `${raw.encoding} (${raw.encodingHow ?? 'detected'})`;
      let built: CliDocument;
      try {
        built = buildRawDocument(raw);
      } catch (err) {
        // One odd page must not cost the whole run; the message is kept in run.json for a bug report.
        const reason = `could not be read (${(err as Error)?.message ?? String(err)})`;
        warn(`${raw.source}: ${reason}; skipped`);
        skip(raw.source, reason);
        continue;
      }
      if (!built.text.trim()) {
        warn(`${raw.source}: no text left after cleaning; skipped`);
        skip(raw.source, 'no text left after cleaning');
        continue;
      }
      let docId = docIdFor(raw.source);
      for (let n = 2; ids.has(docId); n++) docId = docIdFor(`${raw.source}\u0000${n}`);
      ids.add(docId);

      const analysis = engine.analyze(docId, built.text);
      if (opts.ngrams) docNgrams.push({ docId, chars: analysis.chars, ngrams: engine.ngrams(built.text, opts.ngrams).filter(([, , c]) => c >= MIN_NGRAM_COUNT) });
      const facet = facetOf(docId, built.metadata);
      await writeFile(path.join(textsDir, `${docId}.txt`), built.text, 'utf8');
      facets.push(facet);
      analyses.push(analysis);
      records.push({
        facet,
        analysis,
        docNumber: built.metadata.docNumber?.text ?? '',
        source: raw.source,
        url: built.url,
        yearSource: built.metadata.yearSource ?? '',
        author: built.metadata.author ?? '',
        publication: built.metadata.publication ?? '',
      });
      // Per document too: one jsonl file can hold the whole corpus.
      progress.update(filesDone, analyses.length);
    }
    progress.update(++filesDone, analyses.length);
  }
  if (analyses.length === 0) {
    progress.done(0);
    throw new UserError(`no documents with text in ${opts.inputs.join(', ')}`);
  }

  if (opts.recurring) {
    progress.stage('finding recurring phrases across documents…');
    const ran = engine.addCorpusFormulations(analyses, facets);
    // Below three documents nothing can recur anyway: no note worth reading.
    if (!ran && !opts.quiet && analyses.length >= 3) progress.log('note: recurring phrases need documents from at least two named organisations; none added');
  }
  // Identical and near-identical texts (a city republishing the national report): flagged, still counted.
  const bySource = new Map(records.map((r) => [r.facet.docId, r]));
  for (const d of findDuplicates(engine.cleanedTexts(), { normalized: true })) {
    const rec = bySource.get(d.docId);
    if (rec) rec.duplicateOf = d.duplicateOf;
    warn(`${rec?.source ?? d.docId} duplicates ${bySource.get(d.duplicateOf)?.source ?? d.duplicateOf} (${d.kind === 'identical' ? 'identical text' : `${Math.round(d.overlap * 100)}% shingle overlap`}); both are counted`);
  }
  progress.stage('writing tables…');
  await writeTable(outDir, 'skipped.csv', { header: ['source', 'reason'], rows: skipped.map((s) => [s.source, s.reason]) });

  await writeTable(outDir, 'documents.csv', documentsTable(records));
  await writeTable(outDir, 'terms.csv', termsTable(analyses));
  await writeTable(outDir, 'slogans.csv', slogansTable(analyses));
  await writeTable(outDir, 'structure.csv', structureTable(analyses));
  await writeTable(outDir, 'trends.csv', trendsTable(facets, analyses, { lexicon: engine.lexiconTerms, top: opts.top }));
  // Without --ngrams, an ngrams.csv left by an earlier run would pass for this run's.
  if (opts.ngrams) await writeTable(outDir, 'ngrams.csv', ngramsTable(docNgrams));
  else await rm(path.join(outDir, 'ngrams.csv'), { force: true });
  await removeStaleTexts(textsDir, ids);

  const { seconds, docsPerSecond } = progress.done(analyses.length);
  await writeFile(
    path.join(outDir, 'run.json'),
    JSON.stringify(
      {
        tool: 'tifa-lens',
        toolVersion: await packageVersion(),
        analysisVersion: engine.version,
        countingModel: COUNTING_MODEL,
        finishedAt: new Date().toISOString(),
        inputs: opts.inputs,
        options: { lexicon: opts.lexiconFile ?? null, stopwords: opts.stopwordsFile ?? null, top: opts.top, recurring: opts.recurring, ngrams: opts.ngrams || null },
        files: files.length,
        skipped: skipped.filter((s) => !s.source.match(/#\d+$/)).map((s) => s.source),
        encodings,
        documents: analyses.length,
        warnings,
        seconds: Math.round(seconds * 10) / 10,
      },
      null,
      2,
    ) + '\n',
    'utf8',
  );
  if (!opts.quiet) {
    say(
      `analysed ${plural(analyses.length, 'document')} from ${plural(files.length, 'file')} in ${seconds.toFixed(1)} s ` +
        `(${docsPerSecond.toFixed(1)} docs/s); tables in ${outDir}`,
    );
  }
  return 0; // exit code: done (see EXIT in main.ts)
}

