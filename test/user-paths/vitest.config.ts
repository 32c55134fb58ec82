// The documented user paths (.ci/user-paths), run in CI only: each installs or builds from a clean
// clone, which is too slow for `npm test`.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/user-paths/**/*.paths.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
    // Every path of the file at once (describe.concurrent); each waits only for what it needs.
    maxConcurrency: 10,
  },
});
