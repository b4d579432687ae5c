import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and glue tests: the pure core in Node, extension glue with WXT's fakeBrowser and fake-indexeddb.
// Real-browser tests live in tests/e2e and have their own config (they need a built extension).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/glue/**/*.test.{ts,tsx}', 'tests/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
