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
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { runBatch, type BatchOutcome, type BatchRun } from '../../src/runner/batch.js';
import { FAITHFUL_ARGS, sharedRun } from '../support/shared-run.js';
import type { ReportTest } from '../support/report-test.js';
import { bundleOfFault, expectFaultCaught, faultRun } from './fault-cases.js';
import { expectationOf, type FaultExpectation } from './fault-expectations.js';

interface Report {
  verdict: string;
  coverageLine: string;
  coverage?: { total: number; executed: number; passed: number };
  tests: ReportTest[];
  run: { sessions?: { created: number; deleted: number } };
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
/** QoD's faults (QoS Provisioning's: faults-provisioning.test.ts). */
const FAULT_LIST = (Object.entries(FAULTS) as Array<[string, FaultInfo]>).filter(([, info]) => info.api !== 'qos-provisioning');

let faithful: Report;
let outcomes: Map<string, BatchOutcome>;
const expectations = new Map<string, FaultExpectation>();

describe('self-test against the reference provider', () => {
  beforeAll(async () => {
    // The rule inventory's 1.1.0 check reads this same run (test/support/shared-run.ts).
    const { result: r, reportDir } = await sharedRun(FAITHFUL_ARGS);
    faithful = readReport(reportDir);
    if (r.code !== 0) {
      const failed = faithful.tests.filter((t) => t.state !== 'passed' && t.state !== 'skipped').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
      throw new Error(`faithful run exited ${r.code} (${faithful.verdict}):\n${failed.join('\n')}\n${r.stderr}`);
    }
    for (const [name, info] of FAULT_LIST) expectations.set(name, await expectationOf(info, bundleOfFault(info)));
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
        expectFaultCaught(name, info, expectations.get(name)!, outcomes.get(name)!);
      });
    }
  });
});
