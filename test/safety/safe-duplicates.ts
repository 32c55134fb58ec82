// --profile safe leaves out the checks whose verdict other checks give (CheckSpec.sameVerdictAs):
// for every fault that names such a check (its catch, or declared collateral: the fault self-test
// proves it fails there), a safe run with that fault fails one of the checks named instead. So what
// a left-out check proves is still proven in a safe run, without the session it would spend.
// (Faults that break every SessionInfo, such as a wrong session id field, fail every create check
// and are caught in a safe run by the createSession_01 rows.)
import { describe, expect, it } from 'vitest';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { applicable, collectChecks, suiteFilterOf } from '../../src/checks/registry.js';
import type { CheckRecord } from '../../src/checks/spec.js';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import type { BatchRun } from '../../src/runner/batch.js';
import type { SelfTestPart } from '../selftest/self-test-part.js';
import { tempDir } from '../support/cli.js';
import { planOf } from '../support/batch.js';

const checks = applicable(await collectChecks(collectionConfig('1.1.0')), '1.1.0');
const left = checks.filter((c) => c.sameVerdictAs?.length);
const answers = (key: string, c: { id?: string; checkId?: string; scenarioId?: string }) => (c.checkId ?? c.id) === key.replace(/^@/, '') || c.scenarioId === key.replace(/^@/, '');

/** The 1.1.0 faults that name the check: as their catch or as declared collateral. */
function faultsOf(check: CheckRecord): string[] {
  return (Object.entries(FAULTS) as Array<[string, FaultInfo]>)
    .filter(([, f]) => (f.version ?? '1.1.0') === '1.1.0' && f.dialect === undefined)
    .filter(([, f]) => answers(f.catches, check) || (Array.isArray(f.collateral?.checks) && f.collateral.checks.some((k: string) => answers(k, check))))
    .map(([name]) => name);
}

/** The checks whose verdict the left-out check's is the same as. */
const namedBy = (check: CheckRecord) => checks.filter((o) => check.sameVerdictAs!.some((id) => answers(id, o)));
const runId = (check: CheckRecord, fault: string) => `${check.id}-${fault}`.replace(/[^A-Za-z0-9-]/g, '-');

/** A safe run per (left-out check, fault naming it), of the left-out check and the checks named instead, all in one batch. */
function safeRun(check: CheckRecord, fault: string): BatchRun {
  const selected = [check, ...namedBy(check)];
  return {
    id: runId(check, fault),
    plan: planOf({
      profile: 'safe',
      fault: [fault],
      check: selected.map((c) => c.id),
      suite: [...new Set(selected.map((c) => suiteFilterOf(c.file)))],
      seed: 1,
      notificationTimeout: 3000,
      reportDir: tempDir('qod-safe-dup-'),
    }),
  };
}

/** Its runs are part of the self-test batch (test/selftest/self-test.test.ts). */
export const safeDuplicates: SelfTestPart = {
  runs: () => Promise.resolve(left.flatMap((check) => faultsOf(check).map((fault) => safeRun(check, fault)))),
  declare: (outcome) =>
    describe('--profile safe: the checks left out as duplicates', () => {
      it('there are some, and each names checks of the registry', () => {
        expect(left.length).toBeGreaterThanOrEqual(5);
        for (const c of left)
          for (const id of c.sameVerdictAs!)
            expect(
              checks.some((o) => answers(id, o)),
              `${c.id} names ${id}`,
            ).toBe(true);
      });

      for (const check of left) {
        it(`${check.id}: the faults that name it fail ${check.sameVerdictAs!.join(' or ')} in a safe run`, () => {
          const faults = faultsOf(check);
          // A left-out check no fault names would be a check nothing shows to fail.
          expect(faults, `no fault fails ${check.id}`).not.toEqual([]);
          for (const fault of faults) {
            const safe = outcome(runId(check, fault)).results.tests;
            expect(safe.filter((t) => answers(check.id, t)).map((t) => t.state)).toEqual(['skipped']);
            const failed = safe.filter((t) => t.state === 'failed' && check.sameVerdictAs!.some((id) => answers(id, t)));
            expect(failed.length, `with ${fault}, none of ${check.sameVerdictAs!.join(', ')} failed in a safe run`).toBeGreaterThan(0);
          }
        });
      }
    }),
};
