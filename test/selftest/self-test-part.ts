// One batch for the self-tests that judge whole runs of the reference provider (fault runs, faithful
// runs, variant runs): each batch costs a vitest instance and its worker processes, which load the
// tool and compile the specs (about 9 s of CPU for four workers), so the parts share one
// (test/selftest/self-test.test.ts). A part says which runs it needs and declares its tests on
// their outcomes.
import { beforeAll } from 'vitest';
import { runBatch, type BatchOutcome, type BatchRun } from '../../src/runner/batch.js';

export interface SelfTestPart {
  /** Its runs (ids unique within the part); also what it prepares beside the batch (a shared CLI run). */
  runs(): Promise<BatchRun[]>;
  /** Declares its tests; `outcome(id)` is a run's outcome once the batch has run. */
  declare(outcome: (id: string) => BatchOutcome): void;
}

/** Runs every part's runs in one batch before the tests, and declares each part's tests. */
export function selfTestBatch(parts: readonly SelfTestPart[]): void {
  let outcomes: Map<string, BatchOutcome>;
  const key = (part: number, id: string) => `p${part}-${id}`;
  beforeAll(async () => {
    const runs: BatchRun[] = [];
    // One after the other: the parts read the check registry, which collects one run at a time.
    for (const [part, p] of parts.entries()) for (const r of await p.runs()) runs.push({ ...r, id: key(part, r.id) });
    // Eight workers: most runs wait on the providers' timers (callbacks, expiry, latency), not on CPU, and a
    // worker runs one suite file at a time.
    outcomes = await runBatch(runs, { workers: 8, concurrency: 16, exchangeEvidence: false });
  }, 900_000);
  for (const [part, p] of parts.entries())
    p.declare((id) => {
      const outcome = outcomes.get(key(part, id));
      if (!outcome) throw new Error(`test bug: no run ${id} in the self-test batch`);
      return outcome;
    });
}
