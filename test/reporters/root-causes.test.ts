// Failures grouped by the rules they broke: the defects before the checks, no defect behind another.
import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../src/report/model.js';
import { rootCauses } from '../../src/report/root-causes.js';

function failedTest(name: string, message: string, ruleIds?: string[], rule?: string): TestOutcome {
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
    failure: { name: 'ConformanceFailure', message, ...(rule ? { rule } : {}), ...(ruleIds ? { ruleIds } : {}) },
    exchanges: [],
    callbacks: [],
    advisories: [],
    standardNotes: [],
  };
}

describe('root causes', () => {
  it('groups failures by rule ID, most first, with the title from the inventory; a failure counts under every rule it broke', () => {
    const causes = rootCauses(
      [
        failedTest('a', 'getSession answered 404 with a response that breaks its spec (2 violations)', ['headers.x-correlator-echo', 'errors.errorinfo-body']),
        failedTest('b', 'deleteSession answered 204 with a response that breaks its spec (1 violation)', ['headers.x-correlator-echo']),
        failedTest('c', 'createSession answered 400 with a response that breaks its spec (1 violation)', ['headers.x-correlator-echo']),
        failedTest('d', 'expected HTTP 400, got 201', ['schema.createSession.request./duration.minimum']),
        failedTest('e', 'no rule ID', undefined, 'some spec text'),
        { ...failedTest('g', 'x', ['headers.x-correlator-echo']), state: 'passed' },
      ],
      '1.1.0',
    );
    expect(causes.map((c) => [c.count, c.ruleId])).toEqual([
      [3, 'headers.x-correlator-echo'],
      [1, 'errors.errorinfo-body'],
      [1, 'schema.createSession.request./duration.minimum'],
      [1, undefined],
    ]);
    expect(causes[0]!.title).toBe('x-correlator not echoed');
    expect(causes[0]!.example).toBe('getSession answered 404 with a response that breaks its spec (2 violations)');
    expect(causes[0]!.tests).toEqual(['a', 'b', 'c']);
    // The duration defect is listed even though it shares no rule with the others.
    expect(causes[2]!.title).toBe('createSession request: /duration breaks "minimum"');
    expect(causes[3]!.title).toBe('some spec text');
  });
});
