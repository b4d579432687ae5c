// The CLI as a user gets it: bundled (npm run build:cli), packed with `npm pack`, installed from the
// tarball into an empty folder outside the checkout, and run on plain Node: no tsx, no TypeScript,
// no devDependencies, nothing resolvable from the checkout. The only tests that spawn the CLI; every
// other CLI test calls main() in-process.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** npm calls: quiet, no audit or funding notes; the packages come from npm's cache when they are there. */
const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error'];

const spawnNode = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the packed CLI', () => {
  let tmp: string;
  let app: string;
  let tarball: string;
  const installedBin = () => path.join(app, 'node_modules', '.bin', 'tifa-lens');

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'tifa-pack-'));
    // Built here rather than by npm's prepack: --ignore-scripts keeps `npm pack` from also running prepare (wxt prepare).
    execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, stdio: 'pipe' });
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp, ...NPM_FLAGS], { cwd: root, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, packed[0]!.filename);
    app = path.join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'tifa-lens-user', private: true }));
    execFileSync(NPM, ['install', '--prefer-offline', '--omit=dev', ...NPM_FLAGS, tarball], { cwd: app, stdio: 'pipe', timeout: 300_000 });
  }, 360_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds the bundle and the bin, not the TypeScript sources; installs without devDependencies', () => {
    const installed = path.join(app, 'node_modules', pkg.name);
    expect(existsSync(path.join(installed, 'dist', 'main.mjs'))).toBe(true);
    expect(existsSync(path.join(installed, 'dist', 'worker.mjs'))).toBe(true);
    expect(existsSync(path.join(installed, 'bin', 'tifa-lens.mjs'))).toBe(true);
    expect(existsSync(path.join(installed, 'cli'))).toBe(false);
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest']) expect(existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false);
  });

  it('--version prints the package version', () => {
    const r = spawnNode([installedBin(), '--version'], app);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('analyze runs on a fixture from the installed tarball, on two worker threads', () => {
    const input = path.join(tmp, 'input');
    mkdirSync(input);
    copyFileSync(path.join(root, 'tests/fixtures/cli/mixed/000_seed_utf8.txt'), path.join(input, 'seed.txt'));
    copyFileSync(path.join(root, 'tests/fixtures/cli/encodings/big5.txt'), path.join(input, 'big5.txt'));
    // pdfjs-dist (with its cmaps/ and standard_fonts/) and mammoth as installed dependencies of the package.
    copyFileSync(path.join(root, 'tests/fixtures/files/two-pages.pdf'), path.join(input, 'two-pages.pdf'));
    copyFileSync(path.join(root, 'tests/fixtures/files/notice.docx'), path.join(input, 'notice.docx'));
    const out = path.join(tmp, 'out');
    const r = spawnNode([installedBin(), 'analyze', input, '--out', out, '-q', '--jobs', '2'], app);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')).jobs).toBe(2);
    const docs = parseCsv(readFileSync(path.join(out, 'documents.csv'), 'utf8').slice(1));
    expect(docs.slice(1).map((d) => path.basename(d[8] ?? ''))).toEqual(['big5.txt', 'notice.docx', 'seed.txt', 'two-pages.pdf']);
    expect(docs.find((d) => d[8]?.endsWith('two-pages.pdf'))?.[1]).toBe('某市2024年优化营商环境工作要点');
    expect(docs.find((d) => d[8]?.endsWith('notice.docx'))?.[3]).toBe('某经信发〔2024〕4号');
    const seed = docs.find((d) => d[8]?.endsWith('seed.txt'));
    expect(seed?.[3]).toBe('常经社委〔2024〕4号');
    const terms = parseCsv(readFileSync(path.join(out, 'terms.csv'), 'utf8').slice(1));
    expect(terms.find((t) => t[0] === seed?.[0] && t[1] === '三会一课')?.[2]).toBe('2');
    const big5 = docs.find((d) => d[8]?.endsWith('big5.txt'));
    expect(readFileSync(path.join(out, 'texts', `${big5?.[0]}.txt`), 'utf8')).toContain('中華民國憲法增修條文');
  });

  it("the checkout's bin runs the same bundle: --help", () => {
    const r = spawnNode([path.join(root, 'bin/tifa-lens.mjs'), '--help'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tifa-lens analyze <file or folder>\.\.\. --out <dir>/);
  });
});
