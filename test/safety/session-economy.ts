// Sessions are the real cost of a run against an operator: the property checks spend at most
// --property-sessions each, refused requests share one live session per block, and the count of
// sessions created agrees with the ledger. Embedded runs of the self-test batch
// (test/selftest/self-test.test.ts), judged on what the report's work figures are computed from.
import { describe, expect, it } from 'vitest';
import type { SelfTestPart } from '../selftest/self-test-part.js';
import type { BatchOutcome } from '../../src/runner/batch.js';
import type { OptionValues } from '../../src/config/sources.js';
import type { TestOutcome } from '../../src/report/model.js';
import { runWork } from '../../src/report/economy.js';
import { planOf } from '../support/batch.js';
import { tempDir } from '../support/cli.js';

const RUNS: Record<string, OptionValues> = {
  properties: { suite: ['validation/properties'], runs: 30, propertySessions: 2 },
  safe: { profile: 'safe' },
  'safe-extend': { suite: ['sessions/extendQosSessionDuration'], profile: 'safe' },
};

/** The run's tests, after checking it passed and its session figures agree with the ledger. */
function conformingRun(outcome: BatchOutcome): TestOutcome[] {
  const { record, results } = outcome;
  expect(outcome.exitCode, `exit code (${outcome.verdict})`).toBe(0);
  expect(runWork(results.tests, record.propertySessions, record.requestsSent, record.sessions?.created).sessionsCreated).toBe(record.sessions?.created);
  expect(record.sessions?.deleted).toBe(record.sessions?.created);
  return results.tests;
}

const created = (tests: TestOutcome[], checkId: string) => tests.filter((t) => t.checkId === checkId).reduce((n, t) => n + (t.work?.sessionsCreated ?? 0), 0);

export const sessionEconomy: SelfTestPart = {
  runs: () => Promise.resolve(Object.entries(RUNS).map(([id, flags]) => ({ id, plan: planOf({ ...flags, seed: 1, reportDir: tempDir(`qod-economy-${id}-`) }) }))),
  declare: (outcomeOf) =>
    describe('session economy', () => {
      it('a property check creates at most --property-sessions sessions in its generated cases', () => {
        const outcome = outcomeOf('properties');
        const tests = conformingRun(outcome);
        expect(outcome.record.propertySessions).toBe(2);
        expect(created(tests, 'createSession.property.valid-bodies')).toBe(2);
        expect(created(tests, 'createSession.property.valid-ports')).toBe(2);
        for (const t of tests) expect(t.work?.sessionsCreated ?? 0, t.name).toBeLessThanOrEqual(3);
      });

      it('--profile safe creates at most 30 sessions (checks whose verdict others give are left out)', () => {
        const outcome = outcomeOf('safe');
        const tests = conformingRun(outcome);
        expect(outcome.record.sessions?.created).toBeLessThanOrEqual(30);
        expect(tests.filter((t) => t.state === 'failed').map((t) => t.name)).toEqual([]);
      });

      it('the refused requests of extendQosSessionDuration share one session', () => {
        const tests = conformingRun(outcomeOf('safe-extend'));
        const refused = /_(400\.[1345]|401\.[123]|403\.[12])_/;
        expect(tests.filter((t) => refused.test(t.checkId ?? '') && t.state === 'passed').length).toBeGreaterThanOrEqual(8);
        expect(tests.filter((t) => refused.test(t.checkId ?? '')).reduce((n, t) => n + (t.work?.sessionsCreated ?? 0), 0)).toBe(1);
      });
    }),
};
