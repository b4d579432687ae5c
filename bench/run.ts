// `npm run bench`: every figure issue 11 asks for, measured in this run on this machine, as ONE
// table and, last, one JSON line.
//   - per core, on the same files (the 143 city reports, or the seeds on a fresh clone): the full
//     per-document pipeline (clean + analyse) vs jieba-wasm cut + count vs @node-rs/jieba cut + count
//     vs Python jieba lcut + Counter (a whole process, when /usr/bin/python3 has jieba);
//   - the CLI as a user runs it (the bundle, a whole process under GNU time) on the same files, and
//     on synthetic corpora of 100, 1,000 and 10,000 documents: wall, CPU, peak RSS, cost per document;
//   - the dashboard in headless Chromium: only with --dashboard, from bench/dashboard.ts --browser
//     (which seeds its own library size); every figure it does not give is marked "not measured".
//
//   npm run bench -- [--sizes 100,1000] [--skip-competitors] [--jobs n] [--no-recurring] [--repeat n] [--dashboard]
// --repeat n runs Python jieba and the CLI on the same files alternately n times and reports the
// median of each: on a shared machine a single run can be far off.
// A quick run: npm run bench -- --sizes 100 --skip-competitors
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, cli, cliTargets, competitors, ensureBundle, medianRow, pipelineVsPython, printTable, pythonJieba, sameFiles, synthetic, type Row } from './scale';

const REPO = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const EXTENSION = join(REPO, '.output/chrome-mv3');

/** What bench/dashboard.ts --browser prints, read back into rows; figures it does not print stay "not measured". */
function dashboard(rows: Row[], run: boolean): void {
  const missing = (what: string, why: string) => rows.push({ what, note: `not measured: ${why}` });
  const figures = ['restore time', 'analysis docs/s', 'first chart after opening', 'filter change', 'view switch', 'longest main-thread task', 'JS heap'];
  if (!run || !existsSync(EXTENSION)) {
    const why = run ? 'no built extension (npx wxt build)' : 'run with --dashboard (after npx wxt build)';
    for (const n of [1000, 10000]) missing(`dashboard, ${n.toLocaleString('en')} docs: ${figures.join(', ')}`, why);
    return;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'bench/dashboard.ts'), '--browser', EXTENSION], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const out = r.stdout ?? '';
  const seeded = /seeded (\d+) documents in ([\d.]+) s/.exec(out);
  const load = /load \(library view\): ([\d.]+) s wall.*longest (\d+) ms.*JS heap after GC (\d+) MB/.exec(out);
  const filter = /Trends: filter from 2015\s+(\d+)\s+(\d+)/.exec(out);
  const view = /→ Trends\s+(\d+)\s+(\d+)/.exec(out);
  const worst = /longest main-thread task while switching views: (\d+) ms/.exec(out);
  const docs = seeded ? Number(seeded[1]) : undefined;
  const label = `dashboard, ${docs?.toLocaleString('en') ?? '?'} docs (bench/dashboard.ts --browser)`;
  if (r.status !== 0 || !load) {
    missing(label, `bench/dashboard.ts failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`);
    return;
  }
  rows.push({
    what: label,
    docs,
    wallS: Number(load[1]),
    note: [
      `seeding (not a restore) ${seeded?.[2] ?? '?'} s`,
      `first view after opening ${load[1]} s`,
      filter ? `filter change ${filter[1]} ms` : 'filter change not measured',
      view ? `view switch ${view[1]} ms` : 'view switch not measured',
      `longest main-thread task ${worst?.[1] ?? load[2]} ms`,
      `page JS heap ${load[3]} MB (workers not measured)`,
      'analysis docs/s not measured',
    ].join('; '),
  });
  for (const n of [1000, 10000]) if (n !== docs) missing(`dashboard, ${n.toLocaleString('en')} docs: ${figures.join(', ')}`, 'bench/dashboard.ts seeds one library size');
}

function main(): void {
  const a = args();
  const argv = process.argv.slice(2);
  const rows: Row[] = [];
  const same = sameFiles();
  const sameChars = same.texts.reduce((s, t) => s + t.length, 0);
  const load = loadavg();
  console.log(`machine: ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' ')} at start (wall times suffer when others run); node ${process.version}`);
  console.log(`same files: ${same.files.length} in ${same.dir} (${sameChars.toLocaleString('en')} chars); synthetic sizes ${a.sizes.join(', ')}`);
  ensureBundle();
  if (a.competitors) competitors(same.texts, rows);
  // Python, then the CLI on the same files with and without the recurring-phrase pass (whatever the
  // synthetic runs use), alternately: each pair of figures is taken under the same load.
  const jobs = a.cliArgs.filter((x) => x !== '--no-recurring');
  const runs: [Row[], Row[], Row[]] = [[], [], []];
  for (let r = 0; r < a.repeat; r++) {
    pythonJieba(same.files, runs[0]);
    cli(`CLI analyze, ${same.files.length} same files`, [same.dir], same.files.length, sameChars, runs[1], jobs);
    cli(`CLI analyze, ${same.files.length} same files, --no-recurring`, [same.dir], same.files.length, sameChars, runs[2], [...jobs, '--no-recurring']);
  }
  const [pyRow, cityCli, bareCli] = runs.map(medianRow) as [Row, Row, Row];
  const py = pyRow.wallS !== undefined ? pyRow : null;
  rows.push(pyRow);
  pipelineVsPython(rows, py);
  rows.push(cityCli, bareCli);
  if (py) {
    for (const r of rows.filter((x) => x.what.startsWith('CLI analyze') && x.wallS)) r.note = [r.note, `${(r.wallS! / py.wallS!).toFixed(2)}× Python's wall, ${(r.cpuS! / py.cpuS!).toFixed(2)}× its CPU`].filter(Boolean).join('; ');
  }
  const bySize = synthetic(a.sizes, rows, a.cliArgs);
  dashboard(rows, argv.includes('--dashboard'));
  printTable(rows);
  const targets = cliTargets(py, cityCli, bySize);
  for (const [k, v] of Object.entries(targets)) console.log(`${k}: ${v}`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the load column: 1-minute load when each row was measured; above ${cpus().length}, others shared the cores)`);
  console.log(JSON.stringify({ bench: 'tifa-lens', cores: cpus().length, loadAverage: load, loadAverageEnd: loadavg(), node: process.version, sizes: a.sizes, cliArgs: a.cliArgs, rows, targets }));
}

main();
