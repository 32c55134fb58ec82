// The QoS Provisioning checks against the reference provider: faithful, each version is CONFORMANT
// with every official scenario of its release executed and passed, and every assignment the run
// created revoked; with each provisioning fault switch (src/provider/provisioning-faults.ts), the
// run fails its catch and only checks that judge a rule the fault breaks (fault-cases.ts). All runs
// are part of the self-test batch (self-test-part.ts), as QoD's (faults.ts). The faithful runs also hold the rule
// inventory's promise for QoS Provisioning (test/support/rule-coverage.ts).
import { describe, expect, it } from 'vitest';
import { APIS } from '../../src/config/apis.js';
import type { ProvisioningVersion } from '../../src/spec/apis.js';
import type { ApiVersion } from '../../src/config/types.js';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { computeCoverage } from '../../src/report/coverage.js';
import { computeRuleCoverage } from '../../src/rules/coverage.js';
import type { BatchRun } from '../../src/runner/batch.js';
import { tempDir } from '../support/cli.js';
import { expectEveryRuleExplained } from '../support/rule-coverage.js';
import { planOf } from '../support/batch.js';
import { bundleOfFault, expectFaultCaught, faultRun, NOTIFICATION_TIMEOUT_MS } from './fault-cases.js';
import { expectationOf, type FaultExpectation } from './fault-expectations.js';
import type { SelfTestPart } from './self-test-part.js';

const FAULT_LIST = (Object.entries(FAULTS) as Array<[string, FaultInfo]>).filter(([, info]) => info.api === 'qos-provisioning');
/** The bundles that hold a QoS Provisioning document, with its version. */
const BUNDLES = (['1.0.0', '1.1.0', '1.2.0-rc.3'] as const satisfies readonly ApiVersion[]).map((bundle) => ({ bundle, version: APIS['qos-provisioning'].versionIn(bundle)! as ProvisioningVersion }));

const faithfulId = (version: string) => `faithful-${version.replace(/[^A-Za-z0-9-]/g, '-')}`;
const expectations = new Map<string, FaultExpectation>();

export const provisioningFaults: SelfTestPart = {
  async runs() {
    for (const [name, info] of FAULT_LIST) expectations.set(name, await expectationOf(info, bundleOfFault(info)));
    const faithful: BatchRun[] = BUNDLES.map(({ version }) => ({
      id: faithfulId(version),
      plan: planOf({ api: 'qos-provisioning', apiVersion: version, seed: 1, notificationTimeout: NOTIFICATION_TIMEOUT_MS, reportDir: tempDir(`qod-prov-faithful-${version}-`) }),
    }));
    const faulty = FAULT_LIST.map(([name, info]) => faultRun(name, info, expectations.get(name)!)).filter((r): r is BatchRun => r !== undefined);
    return [...faithful, ...faulty];
  },
  declare: (outcomeOf) =>
    describe('QoS Provisioning self-test against the reference provider', () => {
      for (const { bundle, version } of BUNDLES) {
        it(`the faithful provider is CONFORMANT at QoS Provisioning ${version}, every official scenario of its release passed, every assignment revoked`, () => {
          const outcome = outcomeOf(faithfulId(version));
          const failed = outcome.results.tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
          expect(failed).toEqual([]);
          expect(outcome.verdict).toBe('CONFORMANT');
          const coverage = computeCoverage(outcome.results.tests, bundle, 'qos-provisioning');
          expect(coverage, `no scenario catalogue for QoS Provisioning ${version}`).toBeDefined();
          expect({ executed: coverage!.executed, passed: coverage!.passed, unknown: coverage!.unknownIds }).toEqual({ executed: coverage!.total, passed: coverage!.total, unknown: [] });
          expect(outcome.record.sessions?.created).toBeGreaterThan(0);
          expect(outcome.record.sessions?.created).toBe(outcome.record.sessions?.deleted);
        });

        it(`every rule of the QoS Provisioning ${version} inventory has a check or a written reason (the faithful run)`, () => {
          expectEveryRuleExplained({ api: 'qos-provisioning', version }, computeRuleCoverage(outcomeOf(faithfulId(version)).results.tests, bundle, 'qos-provisioning'));
        });
      }

      describe('each fault fails its catch and only checks that judge the rule it breaks', () => {
        for (const [name, info] of FAULT_LIST) {
          it(`${name} → ${info.catches} [${info.breaks.join(', ')}]`, () => {
            expectFaultCaught(name, info, expectations.get(name)!, outcomeOf(name));
          });
        }
      });
    }),
};
