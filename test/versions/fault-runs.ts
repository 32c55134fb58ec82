// Per version: each version's run catches a fault in its own rules, and before 1.0.0 a code outside
// the examples is an advisory (embedded runs in the self-test batch, test/selftest/self-test-part.ts,
// with the plan the CLI makes from the same flags).
import { describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import type { BatchOutcome, BatchRun } from '../../src/runner/batch.js';
import { planOf } from '../support/batch.js';
import { tempDir } from '../support/cli.js';
import type { SelfTestPart } from '../selftest/self-test-part.js';

// One fault per version, in a rule of that version, and the check that must catch it (a broken create
// answer is the subject of the checks that judge the create; elsewhere a create is setup).
// Each run loads only the suite file of its catcher (`suite`, as --suite): the other files of the
// area would evaluate and collect for nothing (the fault self-test proves every catch at 1.1.0).
const SESSION_RULES = 'lifecycle/session-rules';
const GET_SESSION = 'sessions/getSession.test';
const FAULT_RUNS: Array<{ version: ApiVersion; fault: string; area: string; catcher: string; suite: string }> = [
  { version: '0.8.1', fault: 'session-id-field-wrong', area: 'lifecycle', catcher: 'lifecycle.session-times', suite: SESSION_RULES },
  { version: '0.10.1', fault: 'times-wrong-format', area: 'lifecycle', catcher: 'quality_on_demand_getSession_01_get_existing_session', suite: GET_SESSION },
  { version: '0.11.1', fault: 'session-schema-violation', area: 'lifecycle', catcher: 'lifecycle.session-times', suite: SESSION_RULES },
  { version: '1.0.0', fault: 'invalid-correlator-accepted', area: 'headers', catcher: 'x-correlator-pattern.sessions', suite: 'every-operation/x-correlator' },
  { version: '1.1.0', fault: 'times-wrong-format', area: 'lifecycle', catcher: 'quality_on_demand_getSession_01_get_existing_session', suite: GET_SESSION },
  { version: '1.2.0-rc.3', fault: 'session-id-field-wrong', area: 'lifecycle', catcher: 'lifecycle.session-times', suite: SESSION_RULES },
];

/** The code-rules run: 0.10.1, a lowercase error code with the right status, getSession only. */
const CODES_RUN = 'codes-0-10-1';
const runIdOf = (version: string) => `fault-${version.replace(/\W/g, '-')}`;
const failedTests = (o: BatchOutcome) => o.results.tests.filter((t) => t.state === 'failed');

export const versionFaultRuns: SelfTestPart = {
  runs() {
    const runs: BatchRun[] = FAULT_RUNS.map(({ version, fault, area, suite }) => ({
      id: runIdOf(version),
      plan: planOf({ apiVersion: version, fault: [fault], only: [area], suite: [suite], runs: 5, seed: 1, reportDir: tempDir(`qod-v-${version}-`) }),
    }));
    runs.push({ id: CODES_RUN, plan: planOf({ apiVersion: '0.10.1', fault: ['error-code-lowercase'], suite: ['sessions/getSession'], runs: 5, seed: 1, reportDir: tempDir('qod-v-codes-') }) });
    return Promise.resolve(runs);
  },
  declare(outcomeOf) {
    describe('each version catches a fault in its rules', () => {
      for (const { version, fault, catcher } of FAULT_RUNS) {
        it(`QoD ${version} --fault ${fault} → exit 1, caught by ${catcher}`, () => {
          const outcome = outcomeOf(runIdOf(version));
          expect(outcome.record.apiVersion).toBe(version);
          const names = failedTests(outcome).map((t) => t.name);
          expect(outcome.exitCode, `${outcome.verdict}\nfailed: ${names.join(', ')}`).toBe(1);
          expect(
            failedTests(outcome).some((t) => t.scenarioId === catcher || t.checkId === catcher),
            names.join('\n'),
          ).toBe(true);
        });
      }
    });

    describe('version-true code rules', () => {
      it('before 1.0.0 an error code outside the examples, with the right status, is an advisory (ErrorInfo.code has no enum)', () => {
        const outcome = outcomeOf(CODES_RUN);
        expect(
          outcome.exitCode,
          failedTests(outcome)
            .map((t) => `${t.name}: ${t.failure?.message ?? ''}`)
            .join('\n'),
        ).toBe(0);
        expect(outcome.results.tests.flatMap((t) => t.advisories).some((a) => /unexpected error code/.test(a.title))).toBe(true);
      });
    });
  },
};
