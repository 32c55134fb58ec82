// --max-rps and --concurrency are run-wide limits; each of the run's worker processes paces its
// own share of them, so that together they never exceed what the operator allowed.
import type { RunConfig } from './types.js';

/** One worker's part of the run-wide request limits (the plan keeps workers ≤ concurrency). */
export function workerShare(config: Pick<RunConfig, 'maxRps' | 'concurrency' | 'workers'>): { maxRps: number; concurrency: number } {
  const workers = Math.max(1, config.workers ?? 1);
  return { maxRps: config.maxRps / workers, concurrency: Math.max(1, Math.floor(config.concurrency / workers)) };
}
