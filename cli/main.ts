// tifa-lens command line: `tifa-lens analyze <file or folder>... --out <dir>`. Reads documents,
// runs the same pure analysis/ core as the extension, and writes Excel-ready CSV tables. This file
// parses the command line and loads the run itself (./analyze, with linkedom, OpenCC, jieba) only
// when there is one, so --help and --version start fast.

import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_TREND_TOP, MIN_NGRAM_COUNT } from '../analysis/tables';
import type { AnalyzeOptions, MainIo } from './analyze';
import { UserError } from './errors';
import { packageVersion } from './version';

export type { MainIo } from './analyze';

/** Longest word sequence --ngrams accepts: beyond five words a repeated sequence is a quotation, found as a formulation. */
const NGRAM_MAX_WORDS = 5;
/** More threads than this only add jieba dictionaries to memory. */
const MAX_JOBS = 64;

export const USAGE = `Usage: tifa-lens analyze <file or folder>... --out <dir> [options]

Analyse Chinese policy documents (提法透镜 Tifa Lens) and write CSV tables for Excel.

Inputs (folders are searched recursively):
  .txt          plain text; UTF-8, GBK/GB18030, Big5 or UTF-16 (detected)
  .html, .htm   a saved web page (also .shtml, .shtm); main content extracted and cleaned as in
                the extension; its <meta charset> is honoured
  .jsonl        one document per line: {"content" or "text", "title", "year", "org", "url", "date"}
  .pdf          the text layer (pdf.js); page numbers and running headers removed, words broken
                across a page break joined
  .docx         a Word document (mammoth); headings kept as lines
A PDF or Word file is recognised by its bytes, whatever its name. Refused with a warning and a row
in skipped.csv (the reason and what to do): a PDF without a text layer (a scan: run OCR first), an
encrypted or damaged PDF or .docx, old Word .doc and WPS .wps files (save them as .docx or PDF).
Other files, and paths that cannot be read, are skipped with a notice and listed in skipped.csv.

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
  skipped.csv    source,reason   (files, paths and jsonl lines passed over, and why)
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
  -j, --jobs <n>         threads analysing documents in parallel (default: the machine's cores, here
                         ${availableParallelism()}); the tables are the same for any number
  -q, --quiet            no progress, notices or summary on stderr (warnings and errors still shown)
  -h, --help             show this help
  -v, --version          print the version
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  lexicon: { type: 'string' },
  stopwords: { type: 'string' },
  top: { type: 'string' },
  ngrams: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-recurring': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Exit codes: 0 done, 1 the input could not be analysed, 2 the command was called wrongly. */
const EXIT = { ok: 0, input: 1, usage: 2 } as const;

class UsageError extends UserError {}

function parseCommandLine(argv: string[]): AnalyzeOptions | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) return 'version';
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
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) throw new UsageError(`--jobs wants a whole number from 1 to ${MAX_JOBS}, got "${values.jobs}"`);
  }
  return {
    jobs,
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

const PROCESS_IO: MainIo = { stdout: process.stdout, stderr: process.stderr };

/** Run the CLI; resolves to the process exit code. User errors are one line on stderr, never a stack. */
export async function main(argv: string[], io: MainIo = PROCESS_IO): Promise<number> {
  try {
    const opts = parseCommandLine(argv);
    if (opts === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (opts === 'version') {
      io.stdout.write(`${await packageVersion()}\n`);
      return EXIT.ok;
    }
    const { analyze } = await import('./analyze');
    return await analyze(opts, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(`tifa-lens: ${err.message}\n`);
      return err instanceof UsageError ? EXIT.usage : EXIT.input;
    }
    // A bug, not a user mistake: keep the stack so it can be reported.
    io.stderr.write(`tifa-lens: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.input;
  }
}

// `tsx cli/main.ts …` (npm run cli) runs this file directly; bin/tifa-lens.mjs imports main().
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
