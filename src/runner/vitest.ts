// Drives vitest programmatically over the compiled suites, with no vitest config or install of the
// user's involved: root is our package, the run configuration travels through provide/inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVitest, type Reporter, type TestModule } from 'vitest/node';
import type { RunConfig } from '../config/types.js';
import { suiteIncludes } from '../checks/registry.js';
import { packageRoot } from '../util/package-root.js';
import { WaitingFirstSequencer } from './sequencer.js';

export interface VitestRun {
  testModules: ReadonlyArray<TestModule>;
  unhandledErrors: number;
  interrupted: boolean;
}

export interface VitestHandle {
  run(): Promise<VitestRun>;
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Several runs in one vitest instance (src/runner/batch.ts): their entry files and configurations. */
export interface SuiteBatch {
  include: string[];
  runs: Record<string, RunConfig>;
}

export async function createSuiteRun(config: RunConfig, reporters: Reporter[], filter?: string[], batch?: SuiteBatch): Promise<VitestHandle> {
  const root = packageRoot();
  let unhandled = 0;
  let interrupted = false;
  const counter: Reporter = {
    onTestRunEnd(_modules, errors, reason) {
      unhandled = errors.length;
      interrupted = reason === 'interrupted';
    },
  };
  // vite's cache is ours, not the user's: a private temp folder, removed when the run closes,
  // never left in the report folder.
  const cacheDir = mkdtempSync(join(tmpdir(), 'qod-conformance-vite-'));
  const vitest = await createVitest(
    'test',
    {
      root,
      config: false,
      watch: false,
      // The suite folders of the API under test (src/config/apis.ts).
      include: batch?.include ?? suiteIncludes(config.api),
      setupFiles: [join(root, 'dist/src/suite/worker-setup.js')],
      reporters: [counter, ...reporters],
      pool: 'forks',
      // The suites are compiled JavaScript: Node imports them natively, without vite's module runner
      // transforming every module of the tool in each worker (about a second of CPU per run).
      experimental: { viteModuleRunner: false, nodeLoader: false },
      // One module graph per worker for all the files it runs: the spec is loaded and compiled once
      // per worker (not per file), and its HTTP client paces its share of --max-rps/--concurrency.
      isolate: false,
      // Files run in --workers processes at once; devices and the session budget are shared
      // through the run's coordinator, so two files never create sessions on one device at once.
      fileParallelism: config.workers > 1,
      maxWorkers: config.workers,
      // Checks of a file run concurrently (src/checks: concurrent by default): against a remote endpoint they mostly wait on
      // round trips, leases and timers. --concurrency checks at once per worker; the pacer bounds
      // their requests run-wide, the coordinator their devices and sessions.
      maxConcurrency: Math.max(1, config.concurrency),
      // Files that wait on endpoint timers start first, so their waits overlap with the rest.
      sequence: { sequencer: WaitingFirstSequencer },
      testTimeout: 120_000,
      hookTimeout: 60_000,
      // A loaded machine can take seconds to stop the worker; only a real hang deserves a message.
      teardownTimeout: 30_000,
      passWithNoTests: false,
      silent: !config.verbose,
      env: { NODE_NO_WARNINGS: '1' },
    },
    { cacheDir, logLevel: 'silent', clearScreen: false },
  );
  vitest.provide('qodConfig', config);
  if (batch) vitest.provide('qodRuns', batch.runs);
  return {
    async run() {
      const result = await vitest.start(filter);
      return { testModules: result.testModules, unhandledErrors: Math.max(unhandled, result.unhandledErrors.length), interrupted };
    },
    cancel: () => vitest.cancelCurrentRun('keyboard-input'),
    close: async () => {
      try {
        await vitest.close();
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    },
  };
}
