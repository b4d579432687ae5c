// Bundles the CLI (cli/main.ts and the analysis/ core it uses) into dist/ with esbuild, so the
// installed `tifa-lens` runs on plain Node, without tsx or TypeScript. `npm run build:cli`.
// - Packages stay external: they are the `dependencies` an install brings (jieba-wasm with its .wasm,
//   linkedom, opencc-js, @mozilla/readability, chardet); nothing from devDependencies is needed.
// - Code splitting: main.mjs parses the command line; the run (linkedom, OpenCC, jieba) is a chunk
//   loaded by a dynamic import only when there is a run, so --help and --version start fast.
// - dist/worker.mjs: the entry of the worker threads that analyse documents (cli/worker.ts), found by
//   cli/pool.ts next to main.mjs or one folder above the chunk it runs from.
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts', worker: 'cli/worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  define: { __TIFA_LENS_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
