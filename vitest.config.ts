import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and glue tests: the pure core in Node, extension glue with WXT's fakeBrowser and fake-indexeddb.
// Real-browser tests live in tests/e2e and have their own config (they need a built extension).
//
// Two projects:
// - core (tests/unit, tests/cli): the pure core and the CLI's main() in-process. The files of one
//   worker share one module cache (isolate: false), so analysis/, the segmenter and its dictionary
//   load once per worker instead of once per file: this project's CPU time drops by about a quarter.
//   A file that replaces a module with vi.mock cannot share the cache; it goes into MOCKING below
//   (tests/unit/test-config.test.ts fails when one is missing from the list).
//   jieba-wasm keeps one dictionary per module instance, and every segmenter built adds its
//   lexicon's words to it; a file that compares that dictionary with a fresh one (another
//   segmenter, or the exact cuts of a lexicon-free jieba) would see the words earlier files added.
//   Such files go into OWN_DICTIONARY and run isolated too.
// - isolated (tests/glue, MOCKING and OWN_DICTIONARY): every file in a fresh module graph, because the glue tests
//   hold global state (fakeBrowser, fake-indexeddb) and the mocking files replace modules.
export const MOCKING = ['tests/cli/facet.test.ts'];
export const OWN_DICTIONARY = ['tests/cli/segmenter-parity.test.ts'];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one core free, which on a 2-core machine runs the files one at a time.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/cli/**/*.test.ts'], exclude: [...MOCKING, ...OWN_DICTIONARY], isolate: false },
      },
      {
        extends: true,
        test: { name: 'isolated', include: ['tests/glue/**/*.test.{ts,tsx}', ...MOCKING, ...OWN_DICTIONARY], isolate: true },
      },
    ],
  },
});
