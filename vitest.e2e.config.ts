import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (.output/chrome-mv3) in Debian's headless Chromium.
// Files run side by side, one per core: each launches its own browser with its own profile, serves
// its fixtures on its own port and waits for conditions, never for time, so they do not meet; much
// of a file's time is the browser waiting on itself, which the other file fills.
export default defineConfig({
  // The project's `@/` imports, for tests that read the extension's files with its own code (utils/backup).
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: Math.min(2, availableParallelism()),
  },
});
