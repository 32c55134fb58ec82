// test-order: long, about 70 s
// The suite against the reference provider: faithful, it must be CONFORMANT with every official
// scenario executed; with each fault switch, it must fail, and the checks that fail are the ones the
// check registry says judge the rule the fault breaks (src/checks; test/selftest/fault-expectations.ts),
// its catch first among them. A check no fault can make fail is a defect; a fault no check catches is a gap.
// The fault runs are one batch (src/runner/batch.ts): each fault its own reference provider, sink,
// coordinator and run configuration, all served by one vitest instance, instead of one CLI
// process per fault; the verdict and exit code are computed as the CLI computes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import { suiteFilterOf } from '../../src/checks/registry.js';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { runBatch, type BatchOutcome, type BatchRun } from '../../src/runner/batch.js';
import { tempDir } from '../support/cli.js';
import { FAITHFUL_ARGS, sharedRun } from '../support/shared-run.js';
import { planOf } from '../support/batch.js';
import type { ReportTest } from '../support/report-test.js';
import { expectationOf, type FaultExpectation } from './fault-expectations.js';

interface Report {
  verdict: string;
  coverageLine: string;
  coverage?: { total: number; executed: number; passed: number };
  tests: ReportTest[];
  run: { sessions?: { created: number; deleted: number } };
}

/** The provider is ours and answers on loopback: its callbacks come within milliseconds, so the
 *  waits for a callback or for silence can be shorter than the 5 s default. */
const NOTIFICATION_TIMEOUT_MS = 3_000;

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const FAULT_LIST = Object.entries(FAULTS) as Array<[string, FaultInfo]>;

let faithful: Report;
let outcomes: Map<string, BatchOutcome>;
const expectations = new Map<string, FaultExpectation>();

/** The fault's run: only the suite files that hold its catching checks, at the fault's version and dialect. */
function faultRun(name: string, info: FaultInfo, expectation: FaultExpectation): BatchRun | undefined {
  const files = [...new Set(expectation.catchers.map((c) => suiteFilterOf(c.file)))];
  if (!files.length) return undefined;
  return {
    id: name,
    plan: planOf({
      fault: [name],
      apiVersion: info.version,
      dialect: info.dialect,
      suite: files,
      runs: 10,
      seed: 1,
      notificationTimeout: NOTIFICATION_TIMEOUT_MS,
      reportDir: tempDir(`qod-fault-${name}-`),
    }),
  };
}

describe('self-test against the reference provider', () => {
  beforeAll(async () => {
    // The rule inventory's 1.1.0 check reads this same run (test/support/shared-run.ts).
    const { result: r, reportDir } = await sharedRun(FAITHFUL_ARGS);
    faithful = readReport(reportDir);
    if (r.code !== 0) {
      const failed = faithful.tests.filter((t) => t.state !== 'passed' && t.state !== 'skipped').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
      throw new Error(`faithful run exited ${r.code} (${faithful.verdict}):\n${failed.join('\n')}\n${r.stderr}`);
    }
    for (const [name, info] of FAULT_LIST) expectations.set(name, await expectationOf(info, (info.version ?? '1.1.0') as ApiVersion));
    const runs = FAULT_LIST.map(([name, info]) => faultRun(name, info, expectations.get(name)!)).filter((r): r is BatchRun => r !== undefined);
    // Four workers: most fault runs wait on the provider's timers (callbacks, expiry), not on CPU.
    outcomes = await runBatch(runs, { workers: 4, concurrency: 16, exchangeEvidence: false });
  }, 900_000);

  it('the faithful provider is CONFORMANT and every official 1.1.0 scenario runs and passes', () => {
    expect(faithful.verdict).toBe('CONFORMANT');
    expect(faithful.coverage).toMatchObject({ total: 98, executed: 98, passed: 98 });
    expect(faithful.run.sessions?.created).toBe(faithful.run.sessions?.deleted);
  });

  describe('each fault fails its catch and only checks that judge the rule it breaks', () => {
    for (const [name, info] of FAULT_LIST) {
      it(`${name} → ${info.catches} [${info.breaks.join(', ')}]`, () => {
        const expectation = expectations.get(name)!;
        expect(
          expectation.catchers.map((c) => c.id),
          `no registered check answers to ${info.catches}`,
        ).not.toEqual([]);
        const outcome = outcomes.get(name)!;
        const tests = outcome.results.tests;
        const failedNames = tests.filter((t) => t.state === 'failed').map((t) => t.name);
        expect(outcome.exitCode, `exit code with fault ${name} (${outcome.verdict}); failed: ${failedNames.join(', ')}`).toBe(1);
        const caught = tests.filter((t) => t.state === 'failed' && expectation.catchers.some((c) => c.id === t.checkId));
        expect(caught.length, `${info.catches} did not fail; failed instead: ${failedNames.join(', ') || 'nothing'}`).toBeGreaterThan(0);
        expect(
          tests.filter((t) => t.state === 'error').map((t) => `${t.name}: ${t.failure?.message ?? ''}`),
          'tool errors under a fault',
        ).toEqual([]);

        // Precise: every other failure judges a broken rule (the registry's answer, or the rule its
        // failure names) or is declared collateral; every failure cites its rule.
        const unaccounted = tests.filter((t) => t.state === 'failed' && !expectation.accounts(t));
        expect(
          unaccounted.map((t) => `${t.name} [${(t.failure?.ruleIds ?? []).join(', ')}]`),
          `${name} fails checks that judge none of ${info.breaks.join(', ')} and are not declared collateral`,
        ).toEqual([]);
        const uncited = tests.filter((t) => t.state === 'failed' && !/\n\s*rule: \S/.test(t.failure?.message ?? ''));
        expect(
          uncited.map((t) => t.name),
          'failures without a "rule:" line',
        ).toEqual([]);
      });
    }
  });
});
