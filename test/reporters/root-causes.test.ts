// Failures grouped by the rule their first problem cites: the defects before the checks.
import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../src/report/model.js';
import { rootCauses } from '../../src/report/root-causes.js';

function failedTest(name: string, message: string, rule?: string): TestOutcome {
  return {
    id: name,
    name,
    fullName: name,
    file: 'suites/x.test.js',
    area: 'lifecycle',
    operation: 'getSession',
    rule: 'r',
    state: 'failed',
    durationMs: 1,
    failure: { name: 'ConformanceFailure', message, ...(rule ? { rule } : {}) },
    exchanges: [],
    callbacks: [],
    advisories: [],
    standardNotes: [],
  };
}

describe('root causes', () => {
  it('groups failures by the rule they cite, most first, and leaves single failures to the list', () => {
    const echo = 'QoD 1.1.0 #/components/headers/x-correlator';
    const body = 'QoD 1.1.0 ErrorInfo.status';
    const causes = rootCauses([
      failedTest('a', 'getSession answered 404 with a response that breaks its spec (1 violation)\n  rule: …', echo),
      failedTest('b', 'deleteSession answered 204 with a response that breaks its spec (1 violation)', echo),
      failedTest('c', 'createSession answered 400 with a response that breaks its spec (1 violation)', echo),
      failedTest('d', 'error body `status` differs from the HTTP status', body),
      failedTest('e', 'error body `status` differs from the HTTP status', body),
      failedTest('f', 'expected HTTP 201, got 409', '@quality_on_demand_createSession_01'),
      { ...failedTest('g', 'x', echo), state: 'passed' },
    ]);
    expect(causes.map((c) => [c.count, c.rule])).toEqual([
      [3, echo],
      [2, body],
    ]);
    expect(causes[0]!.example).toBe('getSession answered 404 with a response that breaks its spec (1 violation)');
    expect(causes[0]!.tests).toEqual(['a', 'b', 'c']);
  });
});
