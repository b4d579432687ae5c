#!/usr/bin/env node
// Entry point of `npx tifa-lens`. The CLI is TypeScript sharing analysis/ with the extension, so it
// runs through tsx (a devDependency: this is a private repo tool used from a checkout after `npm ci`),
// registered in-process rather than spawned, so there is one Node process and exit codes pass through.

let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write('tifa-lens: tsx is not installed; run `npm ci` in the tifa-lens checkout first\n');
  process.exit(2);
}
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
