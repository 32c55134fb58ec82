// The rule inventory's promise checked on faithful embedded runs of the QoD versions other than
// 1.1.0 (whose faithful CLI run the fault self-test shares: test/rules/inventory.test.ts), as part
// of the self-test batch (test/selftest/self-test.test.ts), the way QoS Provisioning's faithful
// runs are judged (faults-provisioning.ts): every rule has a check that ran, is validated wherever
// it appears, or has a written reason.
import { describe, expect, it } from 'vitest';
import type { SelfTestPart } from '../selftest/self-test-part.js';
import { computeRuleCoverage } from '../../src/rules/coverage.js';
import { INVENTORIED_VERSIONS } from '../../src/rules/types.js';
import { planOf } from '../support/batch.js';
import { tempDir } from '../support/cli.js';
import { expectEveryRuleExplained } from '../support/rule-coverage.js';

const VERSIONS = INVENTORIED_VERSIONS.filter((v) => v !== '1.1.0');
const runId = (version: string) => `inventory-${version.replace(/[^A-Za-z0-9-]/g, '-')}`;

export const inventoryRuns: SelfTestPart = {
  runs: () => Promise.resolve(VERSIONS.map((version) => ({ id: runId(version), plan: planOf({ apiVersion: version, runs: 5, seed: 1, reportDir: tempDir(`qod-inventory-${version}-`) }) }))),
  declare: (outcomeOf) =>
    describe('every rule has a check or a written reason (faithful embedded runs)', () => {
      for (const version of VERSIONS) {
        it(`QoD ${version}`, () => {
          const outcome = outcomeOf(runId(version));
          const failed = outcome.results.tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
          expect(outcome.exitCode, `${outcome.verdict}\n${failed.join('\n')}`).toBe(0);
          expectEveryRuleExplained({ api: 'quality-on-demand', version }, computeRuleCoverage(outcome.results.tests, version));
        });
      }
    }),
};
