// The tool's version, for --version and run.json.

import { readFile } from 'node:fs/promises';

/** Set by the bundler (scripts/build-cli.mjs) from package.json; absent when the sources run through tsx. */
declare const __TIFA_LENS_VERSION__: string | undefined;

/** The version in package.json: fixed into the bundle at build time, else read one folder up from cli/. */
export async function packageVersion(): Promise<string> {
  if (typeof __TIFA_LENS_VERSION__ === 'string') return __TIFA_LENS_VERSION__;
  try {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '';
  } catch {
    return '';
  }
}

