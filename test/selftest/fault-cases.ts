// One fault's run and the judgement of its outcome, shared by the fault self-tests of each API
// (faults.ts: QoD, faults-provisioning.ts: QoS Provisioning). A fault runs only the suite
// files that hold its catching checks, at the fault's version and dialect, in one batch with the others.
import { expect } from 'vitest';
import { APIS } from '../../src/config/apis.js';
import type { ApiVersion } from '../../src/config/types.js';
import { suiteFilterOf } from '../../src/checks/registry.js';
import type { FaultInfo } from '../../src/provider/faults.js';
import type { BatchOutcome, BatchRun } from '../../src/runner/batch.js';
import { tempDir } from '../support/cli.js';
import { planOf } from '../support/batch.js';
import type { FaultExpectation } from './fault-expectations.js';

/** The provider is ours and answers on loopback: its callbacks come within milliseconds, so the
 *  waits for a callback or for silence can be shorter than the 5 s default. */
export const NOTIFICATION_TIMEOUT_MS = 3_000;

/** The bundle (QoD release) whose run holds the fault's catch: its `version`, else the default 1.1.0. */
export function bundleOfFault(info: FaultInfo): ApiVersion {
  return (info.version ?? '1.1.0') as ApiVersion;
}

/** --api-version of a run at `bundle` for the fault's API: the API's own version in that bundle. */
export function apiVersionFlag(info: FaultInfo, bundle: ApiVersion): string {
  return info.api === 'qos-provisioning' ? APIS['qos-provisioning'].versionIn(bundle)! : bundle;
}

/** The fault's run: only the suite files that hold its catching checks, at the fault's version and dialect. */
export function faultRun(name: string, info: FaultInfo, expectation: FaultExpectation): BatchRun | undefined {
  const files = [...new Set(expectation.catchers.map((c) => suiteFilterOf(c.file)))];
  if (!files.length) return undefined;
  return {
    id: name,
    plan: planOf({
      fault: [name],
      ...(info.api ? { api: info.api } : {}),
      apiVersion: apiVersionFlag(info, bundleOfFault(info)),
      dialect: info.dialect,
      suite: files,
      runs: 10,
      seed: 1,
      notificationTimeout: NOTIFICATION_TIMEOUT_MS,
      reportDir: tempDir(`qod-fault-${name}-`),
    }),
  };
}

/** The fault fails its catch, and only checks that judge a rule it breaks (or its declared collateral). */
export function expectFaultCaught(name: string, info: FaultInfo, expectation: FaultExpectation, outcome: BatchOutcome): void {
  expect(
    expectation.catchers.map((c) => c.id),
    `no registered check answers to ${info.catches}`,
  ).not.toEqual([]);
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
}
