// Which run a suite worker is serving. The CLI has one run per vitest instance, provided as
// 'qodConfig'. The self-tests' fault matrix (src/runner/batch.ts) serves several runs from one
// vitest instance: each run's suite files are imported once more by a small entry file that first
// names its run here, and state that belongs to a run (HTTP client, pacer, coordinator client,
// caches of endpoint answers) is kept per run, keyed by what this module returns.
import { inject } from 'vitest';
import type { RunConfig } from '../config/types.js';

let current: string | undefined;

/** Called by a batch entry file before it imports its suite: the checks it declares belong to run `id`. */
export function enterRun(id: string): void {
  current = id;
}

/** The id of the run whose file this worker is running ('' in a CLI run: it has one). */
export function currentRunId(): string {
  return current ?? '';
}

/** The configuration of the run whose file this worker is running. */
export function currentRunConfig(): RunConfig {
  if (current === undefined) return inject('qodConfig');
  const config = inject('qodRuns')?.[current];
  if (!config) throw new Error(`qod-conformance bug: no configuration for run ${current}`);
  return config;
}

/** A key naming one run (its ledger file is its own), for state kept per run. */
export function runKey(config: Pick<RunConfig, 'ledgerFile'>): string {
  return config.ledgerFile;
}

/** A value per run, made on first use: `perRun(make)(config)`. */
export function perRun<T>(make: () => T): (config: Pick<RunConfig, 'ledgerFile'>) => T {
  const values = new Map<string, T>();
  return (config) => {
    const key = runKey(config);
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      values.set(key, value);
    }
    return value;
  };
}
