// The embedded provider made to behave like real providers nobody here wrote (issue 20), as runs of
// the self-test batch (test/selftest/self-test.test.ts): a refused cleanup DELETE, a missing extend
// route, FastAPI error bodies. Each run must blame the root cause once and never fail a check for a
// step it did not test. The runs that read the CLI's own output stay CLI runs (real-providers.test.ts).
import { describe, expect, it } from 'vitest';
import type { SelfTestPart } from './self-test-part.js';
import type { BatchOutcome } from '../../src/runner/batch.js';
import type { TestOutcome } from '../../src/report/model.js';
import { rootCauses } from '../../src/report/root-causes.js';
import { planOf } from '../support/batch.js';
import { tempDir } from '../support/cli.js';

const RUNS = {
  'delete-refused': ['suites/sessions/'],
  'no-extend-route': ['extendQosSessionDuration', 'sessions/getSession'],
  'fastapi-errors': ['sessions/getSession'],
} as const;

const firstLine = (t: TestOutcome) => t.failure?.message.split('\n')[0] ?? '';

/** The run's tests, none a tool error, and those that failed. */
function judged(outcome: BatchOutcome): { tests: TestOutcome[]; failed: TestOutcome[] } {
  const tests = outcome.results.tests;
  expect(
    tests.filter((t) => t.state === 'error').map((t) => t.name),
    'tool errors',
  ).toEqual([]);
  return { tests, failed: tests.filter((t) => t.state === 'failed') };
}

export const realProviderRuns: SelfTestPart = {
  runs: () =>
    Promise.resolve(Object.entries(RUNS).map(([fault, suite]) => ({ id: fault, plan: planOf({ fault: [fault], suite: [...suite], runs: 5, seed: 1, reportDir: tempDir(`qod-real-${fault}-`) }) }))),
  declare: (outcomeOf) =>
    describe('providers that behave like real ones', () => {
      it('a refused cleanup DELETE cascades into skips linked to it, not into 409 failures of unrelated checks', () => {
        const outcome = outcomeOf('delete-refused');
        const { tests, failed } = judged(outcome);
        expect(outcome.exitCode).toBe(1);
        // deleteSession_01 judges the refused DELETE (with its own or another check's cleanup as evidence).
        expect(failed.map((t) => t.name)).toContainEqual(expect.stringMatching(/^quality_on_demand_deleteSession_01/));
        expect(failed.length).toBeLessThanOrEqual(3);
        // Only checks whose subject is a deletion may fail, and none of them on a create's 409.
        for (const t of failed) expect(`${t.name}: ${firstLine(t)}`).toMatch(/delet/i);
        expect(failed.some((t) => /got 409|answered 409|HTTP 409/.test(t.failure?.message ?? '') && !/deleteSession/.test(t.failure?.message ?? ''))).toBe(false);
        const cascade = tests.filter((t) => /^cannot check: test device \S+ left the pool: cleanup of session \S+ failed in /.test(t.skipNote ?? ''));
        expect(cascade.length).toBeGreaterThan(0);
        // Each link names a check of this run, or the block of this run whose shared session it was.
        for (const skip of cascade) {
          const linked = /failed in (.+) \(DELETE answered/.exec(skip.skipNote!)![1]!;
          const block = /^the shared session of the block of (.+)$/.exec(linked)?.[1];
          expect(block ? tests.some((t) => t.fullName.split(' > ').includes(block)) : tests.some((t) => t.checkId === linked), linked).toBe(true);
        }
      });

      it('a missing extend route fails the extend checks once, as "not implemented"; the other checks pass', () => {
        const { tests, failed } = judged(outcomeOf('no-extend-route'));
        expect(failed.length).toBeGreaterThan(0);
        for (const t of failed) expect(`${t.name}: ${firstLine(t)}`).toMatch(/operation extendQosSessionDuration not implemented \(the route answered HTTP 404 Cannot POST \//);
        const causes = rootCauses(tests, '1.1.0');
        expect(causes).toHaveLength(1);
        expect(causes[0]).toMatchObject({ ruleId: 'errors.operation-served', count: failed.length });
        expect(tests.filter((t) => t.name.includes('getSession') && t.state === 'failed')).toEqual([]);
      });

      it('FastAPI-style {"detail": ...} error bodies fail as bodies that are not ErrorInfo, never as a missing operation', () => {
        const outcome = outcomeOf('fastapi-errors');
        const { tests, failed } = judged(outcome);
        expect(outcome.exitCode).toBe(1);
        expect(failed.map((t) => t.name)).toContainEqual(expect.stringMatching(/^quality_on_demand_getSession_404\.1_not_found/));
        for (const t of failed) expect(t.failure?.message).not.toMatch(/not implemented/);
        expect(rootCauses(tests, '1.1.0')[0]).toMatchObject({ ruleId: 'errors.errorinfo-body', title: expect.stringMatching(/ErrorInfo/) });
      });
    }),
};
