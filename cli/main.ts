// tifa-lens command line: `tifa-lens analyze <file or folder>... --out <dir>`. Reads documents,
// runs the same pure analysis/ core as the extension, and writes Excel-ready CSV tables.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { toCsv } from '../analysis/csv';
import {
  DEFAULT_TREND_TOP,
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
import { collectInputs, readInput, UserError } from './inputs';
import { createProgress } from './progress';

/** Longest word sequence --ngrams accepts: beyond five words a repeated sequence is a quotation, found as a formulation. */
const NGRAM_MAX_WORDS = 5;

export const USAGE = `Usage: tifa-lens analyze <file or folder>... --out <dir> [options]

Analyse Chinese policy documents (提法透镜 Tifa Lens) and write CSV tables for Excel.

Inputs (folders are searched recursively):
  .txt          plain text; UTF-8, GBK/GB18030 or UTF-16 (detected)
  .html, .htm   a saved web page; main content extracted and cleaned as in the extension
  .jsonl        one document per line: {"content" or "text", "title", "year", "org", "url", "date"}
Other files are skipped with a notice.

Writes to <dir>:
  documents.csv  id,title,org,doc_number,date,year,doc_type,chars,source,...,duplicate_of
                 chars: characters of the cleaned text, whitespace excluded (the per_10k denominator)
  terms.csv      doc_id,term,count,per_10k,docs,tfidf
                 docs: documents of this run with the term; tfidf = count / counted terms of the
                 document × ln(documents in the run / docs), 0 for a term every document has
  slogans.csv    doc_id,slogan,kind,count,category,occurrences   (formulations: lexicon, quoted, numbered, recurring)
                 count: occurrences, for quoted the occurrences inside quote marks; occurrences: all
  structure.csv  doc_id,level,marker,heading,offset
  trends.csv     year,term,count,per_10k,docs,kind   (every lexicon entry and the top terms)
  texts/<id>.txt the cleaned text of each document
  ngrams.csv     doc_id,ngram,words,count,per_10k,docs   (only with --ngrams)
                 sequences of 2 to <n> segmented words, joined without a space, repeated at least
                 ${MIN_NGRAM_COUNT} times in a document; docs: documents where it is repeated too
  run.json       tool and analysis versions, inputs, options, warnings: what made these numbers
CSV files are UTF-8 with a BOM and CRLF line ends; per_10k is per 10,000 characters.

Options:
  -o, --out <dir>        output folder (created if missing; files in it are overwritten)
      --lexicon <file>   extra formulations, one per line, optional category after a tab
      --stopwords <file> extra stopwords, one per line
      --top <n>          how many most frequent terms trends.csv adds to the lexicon (default ${DEFAULT_TREND_TOP})
      --ngrams <n>       also write ngrams.csv with word sequences of 2 to n words (n = 2–${NGRAM_MAX_WORDS});
                         segments each text a second time
      --no-recurring     skip the corpus-wide search for recurring phrases (faster on large corpora)
  -q, --quiet            no progress, notices or summary on stderr (warnings and errors still shown)
  -h, --help             show this help
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  lexicon: { type: 'string' },
  stopwords: { type: 'string' },
  top: { type: 'string' },
  ngrams: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-recurring': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface AnalyzeOptions {
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

/** Exit codes: 0 done, 1 the input could not be analysed, 2 the command was called wrongly. */
const EXIT = { ok: 0, input: 1, usage: 2 } as const;

class UsageError extends UserError {}

function parseCommandLine(argv: string[]): AnalyzeOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [command, ...inputs] = positionals;
  if (command !== 'analyze') throw new UsageError(`unknown command "${command}"; the command is "analyze" (see --help)`);
  if (inputs.length === 0) throw new UsageError('no input: give at least one file or folder to analyze');
  if (!values.out) throw new UsageError(`missing --out <dir> for ${inputs.join(', ')}`);
  let top = DEFAULT_TREND_TOP;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top wants a whole number ≥ 0, got "${values.top}"`);
  }
  let ngrams = 0;
  if (values.ngrams !== undefined) {
    ngrams = Number(values.ngrams);
    if (!Number.isInteger(ngrams) || ngrams < 2 || ngrams > NGRAM_MAX_WORDS) {
      throw new UsageError(`--ngrams wants a whole number from 2 to ${NGRAM_MAX_WORDS}, got "${values.ngrams}"`);
    }
  }
  return {
    inputs,
    out: values.out,
    ngrams,
    lexiconFile: values.lexicon,
    stopwordsFile: values.stopwords,
    top,
    quiet: values.quiet ?? false,
    recurring: !values['no-recurring'],
  };
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
    return category?.trim() ? { term: term.trim(), category: category.trim() } : { term: term.trim() };
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

async function packageVersion(): Promise<string> {
  try {
    return JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

async function writeTable(dir: string, name: string, table: Table): Promise<void> {
  await writeFile(path.join(dir, name), toCsv(table.header, table.rows), 'utf8');
}

async function analyze(opts: AnalyzeOptions): Promise<number> {
  const live = !opts.quiet && Boolean(process.stderr.isTTY);
  const say = (msg: string) => process.stderr.write(msg + '\n');

  // Option files first: a typo in --lexicon should stop the run before any notice about inputs.
  const userLexicon = opts.lexiconFile ? parseLexiconLines(await readListFile(opts.lexiconFile, 'lexicon')) : [];
  const userStopwords = opts.stopwordsFile ? (await readListFile(opts.stopwordsFile, 'stopwords')).map((s) => s.trim()) : [];

  const { files, skipped } = await collectInputs(opts.inputs, { excludeDirs: [opts.out] });
  if (!opts.quiet) for (const p of skipped) say(`skipped ${p}: not a .txt, .html, .htm or .jsonl file`);
  if (files.length === 0) {
    throw new UserError(`no documents to analyze in ${opts.inputs.join(', ')}: expected .txt, .html, .htm or .jsonl files`);
  }

  const outDir = opts.out;
  const textsDir = path.join(outDir, 'texts');
  try {
    await mkdir(textsDir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create output folder ${outDir}: ${(err as Error).message}`);
  }

  const engine = await createEngine({ userLexicon, userStopwords });
  const progress = createProgress({ totalFiles: files.length, live });
  const warnings: string[] = [];
  const warn = (msg: string) => {
    warnings.push(msg);
    progress.log(`warning: ${msg}`);
  };

  const records: DocumentRecord[] = [];
  const facets: DocFacet[] = [];
  const analyses: DocAnalysis[] = [];
  const docNgrams: DocNgrams[] = [];
  const ids = new Set<string>();
  let filesDone = 0;

  for (const file of files) {
    for (const raw of await readInput(file, warn)) {
      let built: CliDocument;
      try {
        built = buildRawDocument(raw);
      } catch (err) {
        // One odd page must not cost the whole run; the message is kept in run.json for a bug report.
        warn(`${raw.source}: could not be read (${(err as Error)?.message ?? err}); skipped`);
        continue;
      }
      if (!built.text.trim()) {
        warn(`${raw.source}: no text left after cleaning; skipped`);
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
  const texts = new Map(records.map((r) => [r.facet.docId, r]));
  for (const d of findDuplicates(engine.cleanedTexts(), { normalized: true })) {
    const rec = texts.get(d.docId);
    if (rec) rec.duplicateOf = d.duplicateOf;
    warn(`${rec?.source ?? d.docId} duplicates ${texts.get(d.duplicateOf)?.source ?? d.duplicateOf} (${d.kind === 'identical' ? 'identical text' : `${Math.round(d.overlap * 100)}% shingle overlap`}); both are counted`);
  }
  progress.stage('writing tables…');

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
        skipped,
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
  return EXIT.ok;
}

/** Run the CLI; resolves to the process exit code. User errors are one line on stderr, never a stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    const opts = parseCommandLine(argv);
    if (opts === 'help') {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    return await analyze(opts);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`tifa-lens: ${err.message}\n`);
      return err instanceof UsageError ? EXIT.usage : EXIT.input;
    }
    // A bug, not a user mistake: keep the stack so it can be reported.
    process.stderr.write(`tifa-lens: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.input;
  }
}

// `tsx cli/main.ts …` (npm run cli) runs this file directly; bin/tifa-lens.mjs imports main().
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
