#!/usr/bin/env node
// Entry point of `tifa-lens` (`npx tifa-lens` in a checkout, or the bin of an installed tarball). It
// runs the CLI as bundled into dist/ by `npm run build:cli`: plain JavaScript on Node, no tsx or
// TypeScript at run time. From a checkout without a build, `npm run cli -- …` runs the sources.

let main;
try {
  ({ main } = await import('../dist/main.mjs'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('main.mjs')) throw err;
  process.stderr.write('tifa-lens: the CLI is not built; run `npm run build:cli` in the checkout (or `npm run cli -- …`)\n');
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
