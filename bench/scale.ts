// Scale benchmark: the product against bare segmenters on the same text, and the CLI as a whole
// process on the 143 city reports and on synthetic corpora of growing size. Its measurements are
// also the CLI part of `npm run bench` (bench/run.ts).
//
//   npx tsx bench/scale.ts [--sizes 100,1000,10000] [--skip-competitors] [--jobs n] [--no-recurring]
//
// Every figure is measured in this run on this machine. Whole-process figures (wall, CPU = user + sys,
// peak RSS) come from GNU time (/usr/bin/time); in-process figures from process.cpuUsage().
// Prints one table and, last, one JSON line with every figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisVersion, analyzeDocument, type AnalysisContext } from '../analysis/analyze';
import { cleanText } from '../analysis/clean';
import { DEFAULT_LEXICON } from '../analysis/lexicon';
import type { JiebaLike } from '../analysis/segment';
import { createNodeSegmenter } from '../cli/node-segmenter';
import { DEFAULT_STOPWORDS } from '../analysis/stopwords';
import { writeSynthCorpus } from './synth';

const here = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(here, '..');
const CITIES = join(REPO, '../shared/corpus/cities2024');
const SEEDS = join(REPO, 'tests/fixtures/seeds');
const GNU_TIME = '/usr/bin/time';
/** Debian's python3-jieba is installed for the system interpreter, not for a pyenv one on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

export interface Row {
  what: string;
  docs?: number;
  chars?: number;
  wallS?: number;
  cpuS?: number;
  rssMB?: number;
  charsPerCpuS?: number;
  cpuMsPerDoc?: number;
  wallMsPerDoc?: number;
  /** 1-minute load average when the measurement ended: other processes on the machine inflate wall (and, with SMT, CPU) times. */
  load?: number;
  note?: string;
}

/** The machine's 1-minute load average now, for the row just measured. */
function loadNow(): number {
  return Math.round(loadavg()[0]! * 10) / 10;
}

export interface BenchArgs {
  sizes: number[];
  competitors: boolean;
  /** Python jieba and the CLI on the same files, alternately, this many times (--repeat n): the median of each is reported. */
  repeat: number;
  /** Extra CLI options for every CLI run (--jobs n, --no-recurring). */
  cliArgs: string[];
}

export function args(argv = process.argv.slice(2)): BenchArgs {
  const i = argv.indexOf('--sizes');
  const sizes = i >= 0 && argv[i + 1] ? argv[i + 1]!.split(',').map(Number).filter((n) => n > 0) : [100, 1000, 10000];
  const cliArgs: string[] = [];
  const j = argv.indexOf('--jobs');
  if (j >= 0 && argv[j + 1]) cliArgs.push('--jobs', argv[j + 1]!);
  if (argv.includes('--no-recurring')) cliArgs.push('--no-recurring');
  const r = argv.indexOf('--repeat');
  const repeat = r >= 0 ? Math.max(1, Math.floor(Number(argv[r + 1])) || 1) : 1;
  return { sizes, competitors: !argv.includes('--skip-competitors'), repeat, cliArgs };
}

/** Texts of the benchmark's "same files": the city reports, or the seeds on a fresh clone. */
export function sameFiles(): { dir: string; files: string[]; texts: string[] } {
  const dir = existsSync(CITIES) ? CITIES : SEEDS;
  const files = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().map((n) => join(dir, n));
  return { dir, files, texts: files.map((f) => readFileSync(f, 'utf8')) };
}

/** Runs a command under GNU time; wall and CPU seconds, peak RSS in MB. */
function timed(cmd: string, argv: string[], opts: { cwd?: string } = {}): { wallS: number; cpuS: number; rssMB: number; status: number | null; stderr: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'tifa-time-')), 'time.txt');
  const r = spawnSync(GNU_TIME, ['-o', out, '-f', '%e %U %S %M', cmd, ...argv], { cwd: opts.cwd ?? REPO, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const [e, u, s, m] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  return { wallS: e ?? NaN, cpuS: (u ?? NaN) + (s ?? NaN), rssMB: (m ?? NaN) / 1024, status: r.status, stderr: r.stderr };
}

function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function cutAndCount(cut: (line: string) => string[], texts: string[]): number {
  const counts = new Map<string, number>();
  for (const t of texts) for (const line of t.split('\n')) for (const w of cut(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts.size;
}

export function competitors(texts: string[], rows: Row[]): void {
  const chars = texts.reduce((s, t) => s + t.length, 0);
  const req = createRequire(import.meta.url);
  const wasm = req('jieba-wasm') as JiebaLike;
  wasm.cut('预热', true);
  const wasmCpu = cpuSeconds(() => cutAndCount((l) => wasm.cut(l, true), texts));
  rows.push({ what: 'jieba-wasm cut + count', chars, cpuS: wasmCpu, charsPerCpuS: chars / wasmCpu, load: loadNow() });
  try {
    const { Jieba } = req('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): { cut(s: string, hmm: boolean): string[] } } };
    const { dict } = req('@node-rs/jieba/dict') as { dict: Uint8Array };
    const rs = Jieba.withDict(dict);
    rs.cut('预热', true);
    const rsCpu = cpuSeconds(() => cutAndCount((l) => rs.cut(l, true), texts));
    rows.push({ what: '@node-rs/jieba cut + count', chars, cpuS: rsCpu, charsPerCpuS: chars / rsCpu, load: loadNow() });
  } catch (e) {
    rows.push({ what: '@node-rs/jieba cut + count', note: `not available: ${(e as Error).message.split('\n')[0]}` });
  }
  // The product's own per-document pipeline, per core: clean, then analyse, as a clip or the CLI does,
  // on the CLI's segmenter (@node-rs/jieba, jieba-wasm when no binary fits).
  const segmenter = createNodeSegmenter({ lexicon: DEFAULT_LEXICON });
  const ctx: AnalysisContext = { segmenter, lexicon: DEFAULT_LEXICON, stopwords: new Set(DEFAULT_STOPWORDS), version: analysisVersion(DEFAULT_LEXICON, [], DEFAULT_STOPWORDS) };
  analyzeDocument({ docId: 'warm', text: '坚持两个维护。' }, ctx);
  const pipeCpu = cpuSeconds(() => texts.forEach((t, i) => analyzeDocument({ docId: String(i), text: cleanText(t).text }, ctx)));
  const pipe: Row = { what: 'Tifa Lens pipeline (clean + analyse), 1 core', docs: texts.length, chars, cpuS: pipeCpu, charsPerCpuS: chars / pipeCpu, cpuMsPerDoc: (pipeCpu * 1000) / texts.length, load: loadNow() };
  pipe.note = rows
    .filter((r) => r.what.endsWith('cut + count') && r.charsPerCpuS)
    .map((r) => `${fmt(pipe.charsPerCpuS! / r.charsPerCpuS!, 2)}× ${r.what.replace(' cut + count', '')}'s chars/CPU s`)
    .join('; ');
  rows.push(pipe);
}

/** Adds to the pipeline row its speed relative to Python jieba's (chars per CPU second), once both are measured. */
export function pipelineVsPython(rows: Row[], py: Row | null): void {
  const pipe = rows.find((r) => r.what.startsWith('Tifa Lens pipeline'));
  if (!pipe?.charsPerCpuS || !py?.charsPerCpuS) return;
  pipe.note = [pipe.note, `${fmt(pipe.charsPerCpuS / py.charsPerCpuS, 2)}× Python jieba's chars/CPU s`].filter(Boolean).join('; ');
}

/** Python jieba's bare lcut + Counter over the same files, as a whole process. */
export function pythonJieba(files: string[], rows: Row[]): Row | null {
  const script = 'import sys,jieba,collections\njieba.initialize()\nc=collections.Counter()\nfor f in sys.argv[1:]:\n  c.update(jieba.lcut(open(f,encoding="utf-8").read()))\nprint(len(c))\n';
  const file = join(mkdtempSync(join(tmpdir(), 'tifa-py-')), 'cut.py');
  writeFileSync(file, script);
  for (const py of PYTHONS) {
    if (spawnSync(py, ['-c', 'import jieba'], { stdio: 'ignore' }).status !== 0) continue;
    const t = timed(py, [file, ...files]);
    const chars = files.reduce((s, f) => s + readFileSync(f, 'utf8').length, 0);
    const row: Row = { what: 'Python jieba lcut + Counter (process)', docs: files.length, chars, wallS: t.wallS, cpuS: t.cpuS, rssMB: t.rssMB, charsPerCpuS: chars / t.cpuS, load: loadNow() };
    rows.push(row);
    return row;
  }
  rows.push({ what: 'Python jieba lcut + Counter (process)', note: 'python3 -c "import jieba" fails: apt-get install python3-jieba' });
  return null;
}

/** The CLI as a user runs it: the bundle (dist/, built first by ensureBundle) on plain Node. */
export function cli(label: string, inputs: string[], docs: number, chars: number, rows: Row[], extra: string[] = []): Row {
  const out = mkdtempSync(join(tmpdir(), 'tifa-cli-out-'));
  const t = timed(process.execPath, [join(REPO, 'bin/tifa-lens.mjs'), 'analyze', ...inputs, '--out', out, '--quiet', ...extra]);
  rmSync(out, { recursive: true, force: true });
  const row: Row = { what: label, docs, chars, wallS: t.wallS, cpuS: t.cpuS, rssMB: t.rssMB, charsPerCpuS: chars / t.cpuS, cpuMsPerDoc: (t.cpuS * 1000) / docs, wallMsPerDoc: (t.wallS * 1000) / docs, load: loadNow() };
  if (t.status !== 0) row.note = `exit ${t.status}: ${t.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  rows.push(row);
  return row;
}

/** Bundles the CLI (npm run build:cli) so the figures are of the current sources. */
export function ensureBundle(): void {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts/build-cli.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:cli failed');
}

/** The CLI on synthetic corpora of each size: wall, CPU, peak RSS, and cost per document. */
export function synthetic(sizes: number[], rows: Row[], extra: string[] = []): Record<number, Row> {
  const bySize: Record<number, Row> = {};
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `tifa-synth-${n}-`));
    const { chars } = writeSynthCorpus(dir, n);
    const r = cli(`CLI analyze, ${n.toLocaleString('en')} synthetic docs${extra.length ? ` (${extra.join(' ')})` : ''}`, [dir], n, chars, rows, extra);
    r.note = [r.note, `${fmt(r.cpuMsPerDoc, 1)} ms CPU/doc, ${fmt(r.wallMsPerDoc, 1)} ms wall/doc`].filter(Boolean).join('; ');
    bySize[n] = r;
    rmSync(dir, { recursive: true, force: true });
  }
  return bySize;
}

/**
 * Of several runs of one measurement, the one with the median wall time (the lower middle of an even
 * count), its note listing every run's wall time: on a shared machine one run can be far off.
 */
export function medianRow(runs: readonly Row[]): Row | undefined {
  const timed = runs.filter((r) => r.wallS !== undefined && !Number.isNaN(r.wallS));
  if (timed.length < 2) return runs[0];
  const sorted = [...timed].sort((x, y) => x.wallS! - y.wallS!);
  const mid = { ...sorted[Math.floor((sorted.length - 1) / 2)]! };
  mid.note = [mid.note, `median of ${timed.length} runs, wall ${timed.map((r) => fmt(r.wallS)).join(' / ')} s`].filter(Boolean).join('; ');
  return mid;
}

export function fmt(n: number | undefined, digits = 1): string {
  return n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function printTable(rows: Row[]): void {
  const header = ['what', 'docs', 'chars', 'wall s', 'CPU s', 'peak RSS MB', 'chars/CPU s', 'CPU ms/doc', 'load', 'note'];
  const table = rows.map((r) => [
    r.what,
    r.docs?.toLocaleString('en') ?? '',
    r.chars?.toLocaleString('en') ?? '',
    fmt(r.wallS),
    fmt(r.cpuS),
    fmt(r.rssMB, 0),
    r.charsPerCpuS ? Math.round(r.charsPerCpuS).toLocaleString('en') : '',
    fmt(r.cpuMsPerDoc, 1),
    fmt(r.load, 1),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));
}

/** The issue's CLI targets from the measured rows. */
export function cliTargets(py: Row | null, cityCli: Row, bySize: Record<number, Row>): Record<string, string> {
  const targets: Record<string, string> = {};
  if (py) targets['CLI on the same files / Python jieba, wall (target ≤ 0.5)'] = fmt(cityCli.wallS! / py.wallS!, 2);
  const sizes = Object.keys(bySize).map(Number);
  const small = Math.min(...sizes);
  const large = Math.max(...sizes);
  if (sizes.length > 1 && bySize[small]?.cpuMsPerDoc && bySize[large]?.cpuMsPerDoc) {
    targets[`CPU per doc at ${large} / at ${small} (target ≤ 1.3)`] = fmt(bySize[large]!.cpuMsPerDoc! / bySize[small]!.cpuMsPerDoc!, 2);
    targets[`wall per doc at ${large} / at ${small}`] = fmt(bySize[large]!.wallMsPerDoc! / bySize[small]!.wallMsPerDoc!, 2);
  }
  const big = bySize[10000];
  if (big) targets['CLI at 10,000: wall s (target < 300), peak RSS MB (target < 1536)'] = `${fmt(big.wallS)}, ${fmt(big.rssMB, 0)}`;
  return targets;
}

function main(): void {
  if (!existsSync(GNU_TIME)) throw new Error('bench/scale needs GNU time at /usr/bin/time (Debian package "time")');
  const { sizes, competitors: withCompetitors, cliArgs } = args();
  const rows: Row[] = [];
  const same = sameFiles();
  const sameChars = same.texts.reduce((s, t) => s + t.length, 0);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${process.version}`);
  console.log(`same files: ${same.files.length} in ${same.dir} (${sameChars.toLocaleString('en')} chars)`);
  ensureBundle();
  if (withCompetitors) competitors(same.texts, rows);
  const py = pythonJieba(same.files, rows);
  pipelineVsPython(rows, py);
  const cityCli = cli(`CLI analyze, ${same.files.length} same files`, [same.dir], same.files.length, sameChars, rows, cliArgs);
  const bySize = synthetic(sizes, rows, cliArgs);
  printTable(rows);
  const targets = cliTargets(py, cityCli, bySize);
  for (const [k, v] of Object.entries(targets)) console.log(`${k}: ${v}`);
  console.log(JSON.stringify({ bench: 'scale', cores: cpus().length, rows, targets }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
