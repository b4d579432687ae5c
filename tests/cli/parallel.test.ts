// The CLI's worker pool and compact corpus store: the tables do not depend on how many threads
// analyse (--jobs 1 runs on the main thread, --jobs 2 on two worker threads), and what the run keeps
// for the corpus-wide tables is compact data that gives the same rows as analysis/tables' builders
// over the full analyses, never the documents' texts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateSignature, DuplicateFinder, findDuplicates } from '../../analysis/duplicates';
import { ngramsTable, slogansTable, termsTable, trendsTable } from '../../analysis/tables';
import type { DocAnalysis } from '../../analysis/types';
import { CorpusStore } from '../../cli/corpus';
import { main } from '../../cli/main';
import { createDocWork, type DocOut } from '../../cli/work';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INPUTS = ['tests/fixtures/cli/mixed', 'tests/fixtures/seeds', 'tests/fixtures/files/two-pages.pdf'];
const SEEDS = path.join(root, 'tests/fixtures/seeds');

async function run(args: string[]) {
  let stderr = '';
  const code = await main(args, { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stderr };
}

/** Every file of an output folder (texts/ included) by relative path. */
function outputFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name === 'texts') for (const t of readdirSync(path.join(dir, name))) files.set(`texts/${t}`, readFileSync(path.join(dir, name, t), 'utf8'));
    else files.set(name, readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

describe('--jobs: one thread or two give the same output', () => {
  const outs: Record<string, string> = {};
  const results: Record<string, { code: number; stderr: string }> = {};
  beforeAll(async () => {
    for (const jobs of ['1', '2']) {
      outs[jobs] = mkdtempSync(path.join(tmpdir(), `tifa-jobs${jobs}-`));
      results[jobs] = await run(['analyze', ...INPUTS, '--out', outs[jobs]!, '--ngrams', '3', '--jobs', jobs]);
    }
  }, 240_000);
  afterAll(() => Object.values(outs).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('both runs succeed, the second on two worker threads', () => {
    for (const r of Object.values(results)) {
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
    }
    expect(JSON.parse(readFileSync(path.join(outs['2']!, 'run.json'), 'utf8')).jobs).toBe(2);
    expect(JSON.parse(readFileSync(path.join(outs['1']!, 'run.json'), 'utf8')).jobs).toBe(1);
  });

  it('every CSV and every texts/ file is byte-identical; run.json differs only in timing and jobs', () => {
    const one = outputFiles(outs['1']!);
    const two = outputFiles(outs['2']!);
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    expect([...one.keys()].filter((k) => k.startsWith('texts/')).length).toBe(12);
    for (const [name, content] of one) {
      if (name === 'run.json') continue;
      expect(two.get(name), name).toBe(content);
    }
    const strip = (json: string) => {
      const { seconds: _s, finishedAt: _f, jobs: _j, ...rest } = JSON.parse(json) as Record<string, unknown>;
      return rest;
    };
    // Warnings (the broken jsonl line, duplicates) come in input order whatever thread read them.
    expect(strip(two.get('run.json')!)).toEqual(strip(one.get('run.json')!));
    const lines = (r: { stderr: string }) => r.stderr.replace(/ in [\d.]+ s \([\d.]+ docs\/s\); tables in .*/, '').split('\n');
    expect(lines(results['2']!)).toEqual(lines(results['1']!));
  });

  it('leaves no partial table behind', () => {
    for (const dir of Object.values(outs)) expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('--jobs and recurring phrases when the collector must prune', () => {
  // A cap far below the candidates of these inputs: the recurring pass prunes many times. Fed in
  // input order by the main thread, it keeps the same candidates whichever threads segmented them.
  const CAP = '3000';
  const outs: Record<string, string> = {};
  beforeAll(async () => {
    const before = process.env.TIFA_RECURRING_MAX_ENTRIES;
    try {
      for (const jobs of ['1', '2', '3', 'uncapped']) {
        if (jobs === 'uncapped') delete process.env.TIFA_RECURRING_MAX_ENTRIES;
        else process.env.TIFA_RECURRING_MAX_ENTRIES = CAP;
        outs[jobs] = mkdtempSync(path.join(tmpdir(), `tifa-prune${jobs}-`));
        const r = await run(['analyze', ...INPUTS, '--out', outs[jobs]!, '--jobs', jobs === 'uncapped' ? '2' : jobs]);
        expect(r.code).toBe(0);
      }
    } finally {
      if (before === undefined) delete process.env.TIFA_RECURRING_MAX_ENTRIES;
      else process.env.TIFA_RECURRING_MAX_ENTRIES = before;
    }
  }, 240_000);
  afterAll(() => Object.values(outs).forEach((d) => rmSync(d, { recursive: true, force: true })));

  const slogans = (k: string) => readFileSync(path.join(outs[k]!, 'slogans.csv'), 'utf8');

  it('the cap is felt: the pruned run finds fewer recurring phrases than the uncapped one', () => {
    const recurring = (k: string) => slogans(k).split('\n').filter((l) => l.includes(',recurring,')).length;
    expect(recurring('uncapped')).toBeGreaterThan(0);
    expect(recurring('1')).toBeLessThan(recurring('uncapped'));
  });

  it('slogans.csv is byte-identical on one, two and three threads', () => {
    expect(slogans('2')).toBe(slogans('1'));
    expect(slogans('3')).toBe(slogans('1'));
  });

  const ranking = (k: string) => readFileSync(path.join(outs[k]!, 'recurring.csv'), 'utf8');
  it('recurring.csv ranks the recurring phrases best first, the same on one, two and three threads', () => {
    expect(ranking('2')).toBe(ranking('1'));
    expect(ranking('3')).toBe(ranking('1'));
    const rows = ranking('1').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    expect(rows[0]).toEqual(['rank', 'phrase', 'score', 'association', 'novelty', 'boundary']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.map((r) => Number(r[0]))).toEqual(body.map((_, i) => i + 1));
    const scores = body.map((r) => Number(r[2]));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
    // Every recurring phrase slogans.csv counts is one of the ranking's.
    const ranked = new Set(body.map((r) => r[1]));
    const counted = slogans('1').split(/\r?\n/).filter((l) => l.includes(',recurring,')).map((l) => l.split(',')[1]!);
    expect(counted.length).toBeGreaterThan(0);
    for (const phrase of counted) expect(ranked.has(phrase), phrase).toBe(true);
  });
});

it('--jobs wants a whole number from 1: a clear one-line usage error', async () => {
  for (const bad of ['0', '1.5', 'many']) {
    const r = await run(['analyze', 'tests/fixtures/seeds', '--out', path.join(tmpdir(), 'never'), '--jobs', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tifa-lens: --jobs wants a whole number from 1 to 64, got "${bad}"\n`);
  }
});

/** Every string reachable from a value (objects, arrays, Maps, Sets; typed arrays hold none). */
function stringsIn(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  if (value === null || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) return out;
  seen.add(value);
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const v of children) stringsIn(v, out, seen);
  return out;
}

describe('CorpusStore: compact per-document results', () => {
  let outs: DocOut[];
  let analyses: DocAnalysis[];
  let store: CorpusStore;
  const lexicon = ['两个维护', '三会一课'];
  beforeAll(async () => {
    const work = await createDocWork({ userLexicon: [], userStopwords: [], ngrams: 3, recurring: false });
    outs = [];
    for (const f of readdirSync(SEEDS).sort()) {
      for (const e of await work.run({ kind: 'file', file: { path: path.join(SEEDS, f), format: 'txt' } })) if (e.t === 'doc') outs.push(e.doc);
    }
    store = new CorpusStore();
    for (const d of outs) store.add(d.docId, d);
    // The full analyses the tables were built from before: terms as pairs, every field kept.
    analyses = outs.map((d) => ({ docId: d.docId, version: '', chars: d.chars, terms: d.termWords.map((t, i) => [t, d.termCounts[i]!] as [string, number]), formulations: d.formulations, outline: d.outline, stats: d.stats }));
  }, 60_000);

  const rows = (fill: (emit: (row: unknown[]) => void) => void) => {
    const out: unknown[][] = [];
    fill((r) => out.push(r));
    return out;
  };

  it('terms, slogans, trends and ngrams rows equal analysis/tables over the full analyses', () => {
    expect(outs.length).toBe(5);
    expect(rows((e) => store.termRows(e))).toEqual(termsTable(analyses).rows);
    expect(rows((e) => outs.forEach((_, i) => store.sloganRows(i, [], e)))).toEqual(slogansTable(analyses).rows);
    const facets = outs.map((d) => d.facet);
    for (const top of [0, 3, 500]) expect(rows((e) => store.trendRows(lexicon, top, e)), `top ${top}`).toEqual(trendsTable(facets, analyses, { lexicon, top }).rows);
    expect(rows((e) => store.ngramRows(e))).toEqual(ngramsTable(outs.map((d) => ({ docId: d.docId, chars: d.chars, ngrams: d.ngrams ?? [] }))).rows);
  });

  it('keeps no text: no stored string holds a line of any document, and each string is stored once', () => {
    const stored = stringsIn(store);
    const lines = outs.flatMap((d) => d.text.split('\n').filter((l) => l.length >= 40));
    expect(lines.length).toBeGreaterThan(50);
    const held = stored.filter((s) => s.length >= 40);
    for (const line of lines) expect(held.some((s) => s.includes(line)), line).toBe(false);
    const terms = new Set(outs.flatMap((d) => d.termWords));
    expect(store.vocabulary).toBeGreaterThanOrEqual(terms.size);
    expect(store.vocabulary).toBeLessThan(outs.reduce((s, d) => s + d.termWords.length, 0));
  });

  it('duplicate signatures hold hashes only and give findDuplicates decisions', () => {
    const texts = outs.map((d) => ({ docId: d.docId, text: d.text }));
    const copy = { docId: 'copy', text: `${texts[2]!.text}\n` };
    const near = { docId: 'near', text: texts[3]!.text.replace(/。/, '；').slice(0, -20) };
    const all = [...texts, copy, near];
    const finder = new DuplicateFinder();
    const incremental = all.map((d) => finder.add(d.docId, duplicateSignature(d.text))).filter(Boolean);
    expect(incremental).toEqual(findDuplicates(all));
    expect(incremental.map((m) => [m!.docId, m!.duplicateOf, m!.kind])).toEqual([
      ['copy', texts[2]!.docId, 'identical'],
      ['near', texts[3]!.docId, 'near'],
    ]);
    const sig = duplicateSignature(texts[0]!.text)!;
    expect(sig.sample).toBeInstanceOf(Uint32Array);
    expect(sig.sample.length).toBeLessThan(texts[0]!.text.length / 4);
    expect(stringsIn(sig).every((s) => s.length < 80)).toBe(true);
  });
});
