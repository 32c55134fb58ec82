// The project's own tests (not the conformance suites, which the CLI runs in suites/).
import { defineConfig } from 'vitest/config';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { LongFirstSequencer } from './support/sequencer.js';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Names this invocation for the runs its files share (test/support/shared-run.ts).
    env: { SELFTEST_RUN_ID: randomUUID() },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker process runs its files one after the other in one module graph: a fresh process and
    // module transform per file cost about 0.5 s of CPU each (180 -> 147 s of CPU for the 63 short
    // files). No test file changes globals or mocks modules; state a run needs is kept per run.
    isolate: false,
    maxConcurrency: 2,
    // Most files spawn the CLI or a batch of runs and wait on their endpoints' timers and callbacks:
    // four at once keep 2 CPUs busy (two left them idle half of the time: 424 s wall for 508 s of CPU).
    maxWorkers: 4,
    // The long files first, longest first (test/support/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
  },
});
