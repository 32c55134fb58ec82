// The suite against the reference provider: faithful, it must be CONFORMANT with every official
// scenario executed; with each fault switch, it must fail, and the checks that fail are the ones the
// check registry says judge the rule the fault breaks (src/checks; test/selftest/fault-expectations.ts),
// its catch first among them. A check no fault can make fail is a defect; a fault no check catches is a gap.
// The fault runs are part of the self-test batch (self-test-part.ts, src/runner/batch.ts): each fault
// its own reference provider, sink, coordinator and run configuration, all served by one vitest
// instance, instead of one CLI process per fault; the verdict and exit code are computed as the CLI
// computes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import type { BatchRun } from '../../src/runner/batch.js';
import { FAITHFUL_ARGS, sharedRun } from '../support/shared-run.js';
import type { ReportTest } from '../support/report-test.js';
import { bundleOfFault, expectFaultCaught, faultRun } from './fault-cases.js';
import { expectationOf, type FaultExpectation } from './fault-expectations.js';
import type { SelfTestPart } from './self-test-part.js';

interface Report {
  verdict: string;
  coverageLine: string;
  coverage?: { total: number; executed: number; passed: number };
  tests: ReportTest[];
  run: { sessions?: { created: number; deleted: number } };
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
/** QoD's faults (QoS Provisioning's: faults-provisioning.ts). */
const FAULT_LIST = (Object.entries(FAULTS) as Array<[string, FaultInfo]>).filter(([, info]) => info.api !== 'qos-provisioning');

/** The faithful 1.1.0 CLI run: the rule inventory's 1.1.0 check reads the same (test/support/shared-run.ts). */
let faithfulRun: Promise<{ report: Report; code: number | null; stderr: string }> | undefined;
const expectations = new Map<string, FaultExpectation>();

export const qodFaults: SelfTestPart = {
  async runs() {
    // Beside the batch, not before it: its test awaits it.
    faithfulRun = sharedRun(FAITHFUL_ARGS).then(({ result, reportDir }) => ({ report: readReport(reportDir), code: result.code, stderr: result.stderr }));
    faithfulRun.catch(() => undefined);
    for (const [name, info] of FAULT_LIST) expectations.set(name, await expectationOf(info, bundleOfFault(info)));
    return FAULT_LIST.map(([name, info]) => faultRun(name, info, expectations.get(name)!)).filter((r): r is BatchRun => r !== undefined);
  },
  declare(outcome) {
    describe('self-test against the reference provider', () => {
      it('the faithful provider is CONFORMANT and every official 1.1.0 scenario runs and passes', { timeout: 300_000 }, async () => {
        const { report: faithful, code, stderr } = await faithfulRun!;
        const failed = faithful.tests.filter((t) => t.state !== 'passed' && t.state !== 'skipped').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
        expect(code, `faithful run (${faithful.verdict}):\n${failed.join('\n')}\n${stderr}`).toBe(0);
        expect(faithful.verdict).toBe('CONFORMANT');
        expect(faithful.coverage).toMatchObject({ total: 98, executed: 98, passed: 98 });
        expect(faithful.run.sessions?.created).toBe(faithful.run.sessions?.deleted);
      });

      describe('each fault fails its catch and only checks that judge the rule it breaks', () => {
        for (const [name, info] of FAULT_LIST) {
          it(`${name} → ${info.catches} [${info.breaks.join(', ')}]`, () => {
            expectFaultCaught(name, info, expectations.get(name)!, outcome(name));
          });
        }
      });
    });
  },
};
