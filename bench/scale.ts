// Scale benchmark: the product against bare segmenters on the same text, and the CLI as a whole
// process on the 143 city reports and on synthetic corpora of growing size.
//
//   npx tsx bench/scale.ts [--sizes 100,1000,10000] [--skip-competitors]
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
import { createSegmenter, type JiebaLike } from '../analysis/segment';
import { DEFAULT_STOPWORDS } from '../analysis/stopwords';
import { writeSynthCorpus } from './synth';

const here = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(here, '..');
const CITIES = join(REPO, '../shared/corpus/cities2024');
const SEEDS = join(REPO, 'tests/fixtures/seeds');
const GNU_TIME = '/usr/bin/time';
/** Debian's python3-jieba is installed for the system interpreter, not for a pyenv one on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

interface Row {
  what: string;
  docs?: number;
  chars?: number;
  wallS?: number;
  cpuS?: number;
  rssMB?: number;
  charsPerCpuS?: number;
  note?: string;
}

function args(): { sizes: number[]; competitors: boolean } {
  const a = process.argv.slice(2);
  const i = a.indexOf('--sizes');
  const sizes = i >= 0 && a[i + 1] ? a[i + 1]!.split(',').map(Number).filter((n) => n > 0) : [100, 1000, 10000];
  return { sizes, competitors: !a.includes('--skip-competitors') };
}

/** Texts of the benchmark's "same files": the city reports, or the seeds on a fresh clone. */
function sameFiles(): { dir: string; files: string[]; texts: string[] } {
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

function competitors(texts: string[], rows: Row[]): void {
  const chars = texts.reduce((s, t) => s + t.length, 0);
  const req = createRequire(import.meta.url);
  const wasm = req('jieba-wasm') as JiebaLike;
  wasm.cut('预热', true);
  const wasmCpu = cpuSeconds(() => cutAndCount((l) => wasm.cut(l, true), texts));
  rows.push({ what: 'jieba-wasm cut + count', chars, cpuS: wasmCpu, charsPerCpuS: chars / wasmCpu });
  try {
    const { Jieba } = req('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): { cut(s: string, hmm: boolean): string[] } } };
    const { dict } = req('@node-rs/jieba/dict') as { dict: Uint8Array };
    const rs = Jieba.withDict(dict);
    rs.cut('预热', true);
    const rsCpu = cpuSeconds(() => cutAndCount((l) => rs.cut(l, true), texts));
    rows.push({ what: '@node-rs/jieba cut + count', chars, cpuS: rsCpu, charsPerCpuS: chars / rsCpu });
  } catch (e) {
    rows.push({ what: '@node-rs/jieba cut + count', note: `not available: ${(e as Error).message.split('\n')[0]}` });
  }
  // The product's own per-document pipeline, per core: clean, then analyse, as a clip or the CLI does.
  const segmenter = createSegmenter(wasm, { lexicon: DEFAULT_LEXICON });
  const ctx: AnalysisContext = { segmenter, lexicon: DEFAULT_LEXICON, stopwords: new Set(DEFAULT_STOPWORDS), version: analysisVersion(DEFAULT_LEXICON, [], DEFAULT_STOPWORDS) };
  analyzeDocument({ docId: 'warm', text: '坚持两个维护。' }, ctx);
  const pipeCpu = cpuSeconds(() => texts.forEach((t, i) => analyzeDocument({ docId: String(i), text: cleanText(t).text }, ctx)));
  rows.push({ what: 'Tifa Lens pipeline (clean + analyse), 1 core', docs: texts.length, chars, cpuS: pipeCpu, charsPerCpuS: chars / pipeCpu });
}

/** Python jieba's bare lcut + Counter over the same files, as a whole process. */
function pythonJieba(files: string[], rows: Row[]): Row | null {
  const script = 'import sys,jieba,collections\njieba.initialize()\nc=collections.Counter()\nfor f in sys.argv[1:]:\n  c.update(jieba.lcut(open(f,encoding="utf-8").read()))\nprint(len(c))\n';
  const file = join(mkdtempSync(join(tmpdir(), 'tifa-py-')), 'cut.py');
  writeFileSync(file, script);
  for (const py of PYTHONS) {
    if (spawnSync(py, ['-c', 'import jieba'], { stdio: 'ignore' }).status !== 0) continue;
    const t = timed(py, [file, ...files]);
    const chars = files.reduce((s, f) => s + readFileSync(f, 'utf8').length, 0);
    const row = { what: 'Python jieba lcut + Counter (process)', docs: files.length, chars, wallS: t.wallS, cpuS: t.cpuS, rssMB: t.rssMB, charsPerCpuS: chars / t.cpuS };
    rows.push(row);
    return row;
  }
  rows.push({ what: 'Python jieba lcut + Counter (process)', note: 'python3 -c "import jieba" fails: apt-get install python3-jieba' });
  return null;
}

function cli(label: string, inputs: string[], docs: number, chars: number, rows: Row[]): Row {
  const out = mkdtempSync(join(tmpdir(), 'tifa-cli-out-'));
  const t = timed(process.execPath, [join(REPO, 'bin/tifa-lens.mjs'), 'analyze', ...inputs, '--out', out, '--quiet']);
  rmSync(out, { recursive: true, force: true });
  const row: Row = { what: label, docs, chars, wallS: t.wallS, cpuS: t.cpuS, rssMB: t.rssMB, charsPerCpuS: chars / t.cpuS };
  if (t.status !== 0) row.note = `exit ${t.status}: ${t.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  rows.push(row);
  return row;
}

function fmt(n: number | undefined, digits = 1): string {
  return n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  if (!existsSync(GNU_TIME)) throw new Error('bench/scale needs GNU time at /usr/bin/time (Debian package "time")');
  const { sizes, competitors: withCompetitors } = args();
  const rows: Row[] = [];
  const same = sameFiles();
  const sameChars = same.texts.reduce((s, t) => s + t.length, 0);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${process.version}`);
  console.log(`same files: ${same.files.length} in ${same.dir} (${sameChars.toLocaleString('en')} chars)`);

  if (withCompetitors) competitors(same.texts, rows);
  const py = pythonJieba(same.files, rows);
  const cityCli = cli(`CLI analyze, ${same.files.length} same files`, [same.dir], same.files.length, sameChars, rows);
  const perDoc: Record<number, number> = {};
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `tifa-synth-${n}-`));
    const { chars } = writeSynthCorpus(dir, n);
    const r = cli(`CLI analyze, ${n.toLocaleString('en')} synthetic docs`, [dir], n, chars, rows);
    r.note = [r.note, `${fmt((r.cpuS! * 1000) / n, 1)} ms CPU/doc, ${fmt((r.wallS! * 1000) / n, 1)} ms wall/doc`].filter(Boolean).join('; ');
    perDoc[n] = (r.cpuS! * 1000) / n;
    rmSync(dir, { recursive: true, force: true });
  }

  const header = ['what', 'docs', 'chars', 'wall s', 'CPU s', 'peak RSS MB', 'chars/CPU s', 'note'];
  const table = rows.map((r) => [r.what, r.docs?.toLocaleString('en') ?? '', r.chars?.toLocaleString('en') ?? '', fmt(r.wallS), fmt(r.cpuS), fmt(r.rssMB, 0), r.charsPerCpuS ? Math.round(r.charsPerCpuS).toLocaleString('en') : '', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));

  const targets: Record<string, string> = {};
  if (py) targets['CLI on the same files vs Python jieba (wall, target ≤ 0.5)'] = fmt(cityCli.wallS! / py.wallS!, 2);
  const small = Math.min(...sizes);
  const large = Math.max(...sizes);
  if (sizes.length > 1 && perDoc[small] && perDoc[large]) targets[`CPU per doc at ${large} / at ${small} (target ≤ 1.3)`] = fmt(perDoc[large]! / perDoc[small]!, 2);
  for (const [k, v] of Object.entries(targets)) console.log(`${k}: ${v}`);
  console.log(JSON.stringify({ bench: 'scale', cores: cpus().length, rows, targets }));
}

main();
