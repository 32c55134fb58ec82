// Drives vitest programmatically over the compiled suites, with no vitest config or install of the
// user's involved: root is our package, the run configuration travels through provide/inject.
import { join } from 'node:path';
import { createVitest, type Reporter, type TestModule } from 'vitest/node';
import type { RunConfig } from '../config/types.js';
import { packageRoot } from '../util/package-root.js';

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

export async function createSuiteRun(config: RunConfig, reporters: Reporter[], filter?: string[]): Promise<VitestHandle> {
  const root = packageRoot();
  let unhandled = 0;
  let interrupted = false;
  const counter: Reporter = {
    onTestRunEnd(_modules, errors, reason) {
      unhandled = errors.length;
      interrupted = reason === 'interrupted';
    },
  };
  const vitest = await createVitest(
    'test',
    {
      root,
      config: false,
      watch: false,
      include: ['dist/suites/**/*.test.js'],
      setupFiles: [join(root, 'dist/src/suite/worker-setup.js')],
      reporters: [counter, ...reporters],
      pool: 'forks',
      // One module graph for the whole run: the spec is loaded and compiled once (not per file),
      // and the HTTP client (its pacer: --max-rps, --concurrency) and the device leases are
      // shared by every file. Files still run one after another.
      isolate: false,
      // Session tests on one device must not overlap: one worker; tests inside a file decide
      // themselves what may run concurrently (device leases).
      fileParallelism: false,
      maxWorkers: 1,
      maxConcurrency: Math.max(1, config.concurrency),
      testTimeout: 120_000,
      hookTimeout: 60_000,
      // A loaded machine can take seconds to stop the worker; only a real hang deserves a message.
      teardownTimeout: 30_000,
      passWithNoTests: false,
      silent: !config.verbose,
      env: { NODE_NO_WARNINGS: '1' },
    },
    { cacheDir: join(config.reportDir, '.vite-cache'), logLevel: 'silent', clearScreen: false },
  );
  vitest.provide('qodConfig', config);
  return {
    async run() {
      const result = await vitest.start(filter);
      return { testModules: result.testModules, unhandledErrors: Math.max(unhandled, result.unhandledErrors.length), interrupted };
    },
    cancel: () => vitest.cancelCurrentRun('keyboard-input'),
    close: () => vitest.close(),
  };
}
