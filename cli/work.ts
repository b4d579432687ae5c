// The per-document work of a CLI run, the same on a worker thread (cli/worker.ts) and in the main
// thread (--jobs 1): read and decode a file, clean it and read its metadata, segment and count, and
// compute what the corpus-wide steps need of it (term counts, formulations, the duplicate signature,
// the tokens for the recurring-phrase pass). What is returned is plain data (structured-clone safe);
// nothing of a document is kept here once it is returned.

import { readFile } from 'node:fs/promises';
import { duplicateSignature, type DuplicateSignature } from '../analysis/duplicates';
import type { Tokenized } from '../analysis/segment';
import { MIN_NGRAM_COUNT } from '../analysis/tables';
import type { BodyStats, DocFacet, FormulationHit, Heading } from '../analysis/types';
import { buildRawDocument, loadHtmlSupport, type CliDocument } from './documents';
import { createEngine, recurringHits, type Engine, type EngineOptions } from './engine';
import { facetOf, docIdFor } from './ids';
import { readInput, type InputFile, type RawDoc } from './inputs';

export interface WorkSetup extends EngineOptions {
  /** Longest word n-gram for ngrams.csv; 0 = none. */
  ngrams: number;
  /** Return each document's tokens, for the recurring-phrase pass that the main thread runs in input order. */
  recurring: boolean;
}

/** One unit of work, in input order: a file to read, or one document of a jsonl file read on the main thread. */
export type DocTask =
  | { kind: 'file'; file: InputFile; bytes?: Uint8Array; readError?: { code?: string; message: string } }
  | { kind: 'raw'; raw: RawDoc };

/** A document's recurring hits, from its text in texts/ (or given, when the file cannot give it back exactly). */
export interface HitsTask {
  kind: 'hits';
  path?: string;
  text?: string;
  phrases: string[];
  known: string[];
}

/** One analysed document: everything the tables need, compactly (terms as parallel arrays). */
export interface DocOut {
  source: string;
  /** docIdFor(source); the main thread may change it when two sources hash alike. */
  docId: string;
  /** The cleaned text, for texts/<id>.txt. */
  text: string;
  /** False when the text holds lone surrogates, which UTF-8 cannot store: texts/ does not give it back exactly. */
  wellFormed: boolean;
  facet: DocFacet;
  docNumber: string;
  url: string;
  yearSource: string;
  author: string;
  publication: string;
  chars: number;
  stats: BodyStats;
  outline: Heading[];
  formulations: FormulationHit[];
  termWords: string[];
  termCounts: Int32Array;
  ngrams: [string, number, number][] | null;
  tokens: Tokenized | null;
  dup: DuplicateSignature | null;
}

/** What reading and analysing gave, in the order it happened: replayed on the main thread in input order. */
export type WorkEvent =
  | { t: 'warn'; msg: string }
  | { t: 'skip'; source: string; reason: string }
  | { t: 'encoding'; file: string; value: string }
  | { t: 'doc'; doc: DocOut };

export interface DocWork {
  run(task: DocTask): Promise<WorkEvent[]>;
  hits(task: HitsTask): Promise<FormulationHit[]>;
}

/** The typed-array buffers of a result, moved rather than copied to the main thread. */
export function transferablesOf(events: readonly WorkEvent[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const e of events) {
    if (e.t !== 'doc') continue;
    const d = e.doc;
    const arrays: (ArrayBufferView | undefined)[] = [d.termCounts, d.tokens?.starts, d.tokens?.ends, d.tokens?.lexical, d.dup?.sample, d.dup?.full ?? undefined];
    for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  }
  return out;
}

export async function createDocWork(setup: WorkSetup): Promise<DocWork> {
  const engine: Engine = await createEngine(setup);

  const analyseRaw = (raw: RawDoc, events: WorkEvent[]) => {
    if (raw.encoding && raw.encoding !== 'utf-8') events.push({ t: 'encoding', file: raw.source.replace(/#\d+$/, ''), value: `${raw.encoding} (${raw.encodingHow ?? 'detected'})` });
    let built: CliDocument;
    try {
      built = buildRawDocument(raw);
    } catch (err) {
      // One odd page must not cost the whole run; the message is kept in run.json for a bug report.
      const reason = `could not be read (${(err as Error)?.message ?? String(err)})`;
      events.push({ t: 'warn', msg: `${raw.source}: ${reason}; skipped` }, { t: 'skip', source: raw.source, reason });
      return;
    }
    if (!built.text.trim()) {
      events.push({ t: 'warn', msg: `${raw.source}: no text left after cleaning; skipped` }, { t: 'skip', source: raw.source, reason: 'no text left after cleaning' });
      return;
    }
    const docId = docIdFor(raw.source);
    const { analysis, text: normalized, tokenized } = engine.analyzeWithTokens(docId, built.text);
    const ngrams = setup.ngrams ? engine.ngrams(built.text, setup.ngrams).filter(([, , c]) => c >= MIN_NGRAM_COUNT) : null;
    const m = built.metadata;
    const facet = facetOf(docId, m);
    events.push({
      t: 'doc',
      doc: {
        source: raw.source,
        docId,
        text: built.text,
        wellFormed: built.text.isWellFormed(),
        facet,
        docNumber: m.docNumber?.text ?? '',
        url: built.url,
        yearSource: m.yearSource ?? '',
        author: m.author ?? '',
        publication: m.publication ?? '',
        chars: analysis.chars,
        stats: analysis.stats,
        outline: analysis.outline,
        formulations: analysis.formulations,
        termWords: analysis.terms.map(([t]) => t),
        termCounts: Int32Array.from(analysis.terms, ([, c]) => c),
        ngrams,
        // For the recurring pass, which the main thread runs in input order (the offsets are moved, not copied: transferablesOf).
        tokens: setup.recurring ? tokenized : null,
        dup: duplicateSignature(normalized, true),
      },
    });
  };

  return {
    async run(task) {
      const events: WorkEvent[] = [];
      if (task.kind === 'raw') {
        if (task.raw.format === 'html') await loadHtmlSupport();
        analyseRaw(task.raw, events);
        return events;
      }
      const read = task.bytes
        ? () => Promise.resolve(task.bytes!)
        : task.readError
          ? () => Promise.reject(Object.assign(new Error(task.readError!.message), { code: task.readError!.code }))
          : (p: string) => readFile(p);
      const raws = await readInput(task.file, (msg) => events.push({ t: 'warn', msg }), { skip: (source, reason) => events.push({ t: 'skip', source, reason }), read });
      for (const raw of raws) {
        if (raw.format === 'html') await loadHtmlSupport();
        analyseRaw(raw, events);
      }
      return events;
    },
    async hits(task) {
      const text = task.text ?? (task.path ? await readFile(task.path, 'utf8') : '');
      return recurringHits(text, task.phrases, new Set(task.known));
    },
  };
}
