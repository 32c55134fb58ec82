import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { buildReportData } from '../../src/report/report-data.js';
import { runRecordFor, SECRET_VALUES } from './fake-run.js';
import type { RunConfig } from '../../src/config/types.js';
import { computeCoverage, computeVerdict, coverageLine, skipKindOf, type TestOutcome } from '../../src/report/model.js';
import { redactConfig, redactText } from '../../src/report/run-record.js';

let seq = 0;
function outcome(partial: Partial<TestOutcome>): TestOutcome {
  seq += 1;
  return {
    id: `t${seq}`,
    name: `test ${seq}`,
    fullName: `test ${seq}`,
    file: 'x.test.ts',
    area: 'lifecycle',
    operation: 'createSession',
    rule: 'r',
    state: 'passed',
    durationMs: 1,
    exchanges: [],
    callbacks: [],
    advisories: [],
    standardNotes: [],
    ...partial,
  };
}
const run = (tests: TestOutcome[]) => ({ tests, groupErrors: [] });
const failure = { name: 'Error', message: 'x' };

describe('verdict', () => {
  it('puts tool errors before failures before missing data', () => {
    const pass = outcome({});
    const fail = outcome({ state: 'failed', failure });
    const broken = outcome({ state: 'error', failure });
    const needs = outcome({ state: 'skipped', skipKind: 'needs', skipNote: 'needs operator data: tokens.expired' });
    expect(computeVerdict(run([pass]), { unhandledErrors: 0 })).toBe('CONFORMANT');
    expect(computeVerdict(run([pass, needs]), { unhandledErrors: 0 })).toBe('INCOMPLETE');
    expect(computeVerdict(run([pass, needs, fail]), { unhandledErrors: 0 })).toBe('NOT CONFORMANT');
    expect(computeVerdict(run([pass, needs, fail, broken]), { unhandledErrors: 0 })).toBe('TOOL ERROR');
    expect(computeVerdict(run([pass]), { unhandledErrors: 1 })).toBe('TOOL ERROR');
    expect(computeVerdict(run([pass]), { unhandledErrors: 0, interrupted: true })).toBe('INCOMPLETE');
  });

  it('does not let deselected or neutral skips make a run incomplete, but nothing run is not conformant', () => {
    const pass = outcome({});
    const deselected = outcome({ state: 'skipped', skipKind: 'deselected' });
    const neutral = outcome({ state: 'skipped', skipKind: 'other' });
    const notApplicable = outcome({ state: 'skipped', skipKind: 'not-applicable' });
    expect(computeVerdict(run([pass, deselected, neutral, notApplicable]), { unhandledErrors: 0 })).toBe('CONFORMANT');
    expect(computeVerdict(run([deselected]), { unhandledErrors: 0 })).toBe('INCOMPLETE');
  });

  it('never calls a run CONFORMANT when a check was not exercised (a setup step failed), and failures still win', () => {
    const pass = outcome({});
    const unexercised = outcome({ state: 'skipped', skipKind: 'not-exercised', skipNote: 'not exercised: creating the session the check works on (createSession) failed: expected HTTP 201, got 200' });
    expect(computeVerdict(run([pass, unexercised]), { unhandledErrors: 0 })).toBe('INCOMPLETE');
    expect(computeVerdict(run([pass, unexercised, outcome({ state: 'failed', failure })]), { unhandledErrors: 0 })).toBe('NOT CONFORMANT');
  });

  it('classifies skip notes', () => {
    expect(skipKindOf('not selected: --only auth')).toBe('deselected');
    expect(skipKindOf('needs operator data: tokens.expired')).toBe('needs');
    expect(skipKindOf('not applicable to QoD 1.1.0')).toBe('not-applicable');
    expect(skipKindOf('not applicable to QoD 0.8.1 (no extension)')).toBe('not-applicable');
    expect(skipKindOf('cannot check: the device stayed busy')).toBe('blocked');
    expect(skipKindOf('not exercised: creating the session the check works on (createSession) failed: expected HTTP 201, got 200')).toBe('not-exercised');
    expect(skipKindOf('no QoS profile with a duration limit')).toBe('other');
    expect(skipKindOf(undefined)).toBe('other');
  });
});

describe('scenario coverage', () => {
  const id = 'quality_on_demand_createSession_400.5_out_of_range_port';
  it('passes a scenario only when all its tests pass, and explains what did not run', () => {
    const tests = [
      outcome({ scenarioId: id }),
      outcome({ scenarioId: id, state: 'failed', failure }),
      outcome({ scenarioId: 'quality_on_demand_createSession_01_generic_success_scenario' }),
      outcome({ scenarioId: 'quality_on_demand_getSession_401.2_expired_access_token', state: 'skipped', skipNote: 'needs operator data: tokens.expired' }),
      outcome({ scenarioId: 'quality_on_demand_getSession_429.1_too_many_requests' }),
    ];
    const cov = computeCoverage(tests, '1.1.0');
    expect(cov).toMatchObject({ release: 'r3.2', total: 98, executed: 2, passed: 1, failed: 1, skipped: 96, failedIds: [id] });
    expect(cov?.unknownIds).toEqual(['quality_on_demand_getSession_429.1_too_many_requests']);
    expect(cov?.notExecuted).toContainEqual({ scenarioId: 'quality_on_demand_getSession_401.2_expired_access_token', reason: 'needs operator data: tokens.expired' });
    expect(cov?.skippedReasons.find((g) => g.reason === 'no test implements this scenario')?.scenarioIds).toHaveLength(95);
    expect(coverageLine(cov, '1.1.0')).toBe('CAMARA r3.2 scenarios: 2/98 executed, 1 passed, 1 failed');
  });

  it('has a line for versions without official scenarios', () => {
    expect(computeCoverage([], '1.0.0')).toBeUndefined();
    expect(coverageLine(undefined, 'QoD 1.0.0')).toBe('CAMARA scenarios: none published for QoD 1.0.0');
  });
});

describe('redaction', () => {
  it('masks secrets, Bearer credentials and credential fields, and keeps the $TOKEN placeholder', () => {
    const text = [
      'Authorization: Bearer abc.def.ghi',
      "curl -H 'Authorization: Bearer $TOKEN'",
      'body {"sinkCredential":{"accessToken":"s3cr3t-sink"}}',
      'the value hunter2-token appears here and URL-encoded as a%2Fb%3Fc',
    ].join('\n');
    const out = redactText(text, ['hunter2-token', 'a/b?c']);
    expect(out).toContain('Bearer [REDACTED]');
    expect(out).not.toContain('abc.def.ghi');
    expect(out).toContain('Bearer $TOKEN');
    expect(out).not.toContain('s3cr3t-sink');
    expect(out).not.toContain('hunter2-token');
    expect(out).not.toContain('a%2Fb%3Fc');
  });

  it('redacts the configuration and drops the secrets list', () => {
    const config = {
      apiVersion: '1.1.0',
      baseUrl: 'https://x',
      operator: { tokens: { default: 'T1', expired: 'T2' }, devices: {}, qosProfiles: {} },
      sink: { publicUrl: 'https://s', controlUrl: 'http://c', controlToken: 'T3', http: false, caCertPem: '-----BEGIN CERTIFICATE-----' },
      secrets: ['T1', 'T2', 'T3'],
    } as unknown as RunConfig;
    const redacted = JSON.stringify(redactConfig(config));
    for (const secret of ['T1', 'T2', 'T3', 'BEGIN CERTIFICATE']) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('"default":"[REDACTED]"');
    expect(redacted).not.toContain('"secrets"');
    expect(redacted).toContain('https://x');
  });
});

describe('report data', () => {
  it('is computed once per run end and shared by the reporters, and again when a late fact of the run changed', () => {
    const modules: TestModule[] = [];
    const record = runRecordFor('/tmp/qod-report-data');
    const first = buildReportData(modules, [], 'passed', record, SECRET_VALUES);
    expect(buildReportData(modules, [], 'passed', { ...record }, SECRET_VALUES)).toBe(first);
    const later = buildReportData(modules, [], 'passed', { ...record, endedAt: '2030-01-01T00:00:00.000Z' }, SECRET_VALUES);
    expect(later).not.toBe(first);
    expect(later.run.endedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(buildReportData([], [], 'passed', record, SECRET_VALUES)).not.toBe(first);
  });
});
