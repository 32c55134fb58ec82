// test-order: long, about 25 s
// The rule inventory (specs/rules/, src/rules/): the schema part is what the generator makes of our
// spec files, the prose part is well-formed, every rule a check judges exists, every written reason still
// matches a rule, and in an embedded run of each inventoried version every rule is covered by a
// check that ran, is validated wherever it can appear, or has a written reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import type { TestOutcome } from '../../src/report/model.js';
import { computeRuleCoverage, ruleCoverageLine, type RuleCoverage } from '../../src/rules/coverage.js';
import { globMatcher, inventoryFor, readProse, schemaInventoryPath } from '../../src/rules/inventory.js';
import { schemaInventoryText } from '../../src/rules/schema-rules.js';
import { applicable, collectChecks } from '../../src/checks/registry.js';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { INVENTORIED_VERSIONS } from '../../src/rules/types.js';
import { FAITHFUL_ARGS, sharedRun } from '../support/shared-run.js';

const allIds = new Set(INVENTORIED_VERSIONS.flatMap((v) => inventoryFor(v)!.rules.map((r) => r.id)));

describe('rule inventory data', () => {
  for (const version of INVENTORIED_VERSIONS) {
    it(`specs/rules/${version}.schema.json is what \`npm run rules\` generates`, async () => {
      expect(readFileSync(schemaInventoryPath(version), 'utf8')).toBe(await schemaInventoryText(version));
    });
  }

  it('prose rules are well-formed, unique and apart from the schema rules', () => {
    const prose = readProse();
    const ids = prose.rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const rule of prose.rules) {
      expect(rule.id).toMatch(/^(?!schema\.)[a-z]+\.[a-z0-9-]+(\.[A-Za-z]+)?$/);
      expect(['failure', 'advisory']).toContain(rule.kind);
      expect(rule.source.length).toBeGreaterThan(5);
      expect(rule.statement.length).toBeGreaterThan(10);
      for (const v of rule.versions ?? []) expect(API_VERSIONS).toContain(v);
    }
  });

  it('every written reason still matches a rule of a version it applies to', () => {
    const stale = readProse().uncovered.filter((u) => {
      const re = globMatcher(u.match);
      return !(u.versions ?? INVENTORIED_VERSIONS).some((v) => inventoryFor(v as ApiVersion)?.rules.some((r) => re.test(r.id)));
    });
    expect(stale.map((u) => u.match)).toEqual([]);
  });

  it('every rule a registered check judges is an inventory rule (the registry: src/checks)', async () => {
    for (const version of INVENTORIED_VERSIONS) {
      const checks = applicable(await collectChecks(collectionConfig(version)), version);
      expect(checks.filter((c) => c.rules.length > 0).length, `checks naming rules at ${version}`).toBeGreaterThan(50);
      expect(
        checks.flatMap((c) => c.rules.filter((id) => !allIds.has(id)).map((id) => `${c.id}: ${id}`)),
        `at ${version}`,
      ).toEqual([]);
    }
  });
});

describe('rule coverage of a run', () => {
  const base = { id: 't', fullName: 't', file: 'f', area: 'lifecycle', operation: 'getSession', rule: '', durationMs: 1, exchanges: [], callbacks: [], advisories: [], standardNotes: [] };
  const outcome = (o: Partial<TestOutcome>): TestOutcome => ({ ...base, name: 'a check', state: 'passed', ...o });

  it('a rule counts when a check that ran validated its field or names it; skipped checks and absent fields do not', () => {
    const tests = [
      outcome({ validated: ['getSession response 200', 'getSession response 200 body ', 'getSession response 200 body /qosStatus'] }),
      outcome({ name: 'failing', state: 'failed', covers: ['auth.other-client-session'] }),
      outcome({ name: 'skipped', state: 'skipped', skipNote: 'needs operator data: tokens.expired', covers: ['auth.expired-token-401'] }),
    ];
    const cov = computeRuleCoverage(tests, '1.1.0')!;
    expect(cov.coveredBy['schema.getSession.response.200./qosStatus.enum']).toEqual(['a check']);
    expect(cov.coveredBy['schema.getSession.response.200./qosStatus.required']).toEqual(['a check']);
    expect(cov.coveredBy['auth.other-client-session']).toEqual(['failing']);
    expect(cov.failed).toBe(1);
    const why = (id: string) => cov.uncovered.find((u) => u.id === id);
    expect(why('schema.getSession.response.200./sink.pattern')).toMatchObject({ basis: 'absent' });
    expect(why('auth.expired-token-401')).toMatchObject({ basis: 'not-run', reason: 'its check did not run: needs operator data: tokens.expired' });
    expect(why('schema.getQosProfile.response.200./name.type')).toMatchObject({ basis: 'none' });
    expect(why('schema.createSession.request./qosProfile.format')).toMatchObject({ basis: 'written' });
    expect(ruleCoverageLine(cov, '1.1.0')).toBe(`spec rules: ${cov.covered}/${cov.total} covered, 1 with a failed check`);
    expect(computeRuleCoverage(tests, '1.0.0')).toBeUndefined();
    expect(ruleCoverageLine(undefined, '1.0.0')).toBe('spec rules: no rule inventory for QoD 1.0.0');
  });

  it('a covers ID of no rule is shown, not counted', () => {
    const cov = computeRuleCoverage([outcome({ covers: ['auth.no-such-rule'] })], '1.1.0')!;
    expect(cov.unknownIds).toEqual(['auth.no-such-rule']);
  });
});

interface Report {
  verdict: string;
  ruleCoverage: RuleCoverage;
  ruleCoverageLine: string;
}

// The versions' runs are independent (each its own embedded provider): they run at once, their waits overlap.
describe.concurrent('every rule has a check or a written reason (embedded runs)', () => {
  for (const version of INVENTORIED_VERSIONS) {
    it(`QoD ${version}`, { timeout: 240_000 }, async () => {
      // 1.1.0: the fault self-test's faithful run, shared (test/support/shared-run.ts).
      const args = version === '1.1.0' ? FAITHFUL_ARGS : ['--api-version', version, '--runs', '5', '--seed', '1'];
      const { result: res, reportDir } = await sharedRun(args, 230_000);
      expect(res.code, res.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
      expect(res.stdout).toContain(report.ruleCoverageLine);
      expect(report.ruleCoverage.unknownIds).toEqual([]);
      // written: the inventory says why; absent: validated wherever it appears, the field never came.
      const unexplained = report.ruleCoverage.uncovered.filter((u) => u.basis !== 'written' && u.basis !== 'absent');
      expect(unexplained.map((u) => `${u.id}: ${u.reason}`)).toEqual([]);
      // A rule whose check has landed loses its "in progress" reason (prose.json `uncovered`).
      const progress = readProse().uncovered.filter((u) => u.reason.startsWith('check in progress') && (u.versions ?? INVENTORIED_VERSIONS).includes(version));
      const landed = Object.keys(report.ruleCoverage.coveredBy).filter((id) => progress.some((u) => globMatcher(u.match).test(id)));
      expect(landed, 'covered now: remove their "check in progress" reason from specs/rules/prose.json').toEqual([]);
    });
  }
});
