// test-order: long, about 25 s
// The rule inventory (specs/rules/, src/rules/): the schema part is what the generator makes of our
// spec files, the prose part is well-formed, every rule a check judges exists, every written reason still
// matches a rule, and in an embedded run of each inventoried version (QoD and QoS Provisioning) every
// rule is covered by a check that ran, is validated wherever it can appear, or has a written reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/config/types.js';
import type { TestOutcome } from '../../src/report/model.js';
import { computeRuleCoverage, ruleCoverageLine, type RuleCoverage } from '../../src/rules/coverage.js';
import { globMatcher, inventoryFor, inventoryOf, readProse, schemaInventoryPath } from '../../src/rules/inventory.js';
import { schemaInventoryText } from '../../src/rules/schema-rules.js';
import { applicable, collectChecks } from '../../src/checks/registry.js';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { appliesTo, INVENTORIED_VERSIONS, INVENTORY_TARGETS, targetName, type InventoryTarget } from '../../src/rules/types.js';
import { PROVISIONING_VERSIONS } from '../../src/spec/apis.js';
import { FAITHFUL_ARGS, sharedRun } from '../support/shared-run.js';
import { expectEveryRuleExplained } from '../support/rule-coverage.js';

const allIds = new Set(INVENTORY_TARGETS.flatMap((t) => inventoryOf(t)!.rules.map((r) => r.id)));
const PROVISIONING_OPERATIONS =
  /^schema\.(triggerProvisioning|getProvisioningById|revokeProvisioning|retrieveProvisioningByDevice|createQosAssignment|getQosAssignmentById|revokeQosAssignment|getQosAssignmentByDevice)\./;

describe('rule inventory data', () => {
  for (const target of INVENTORY_TARGETS) {
    it(`${schemaInventoryPath(target).split('/').pop()} (${targetName(target)}) is what \`npm run rules\` generates`, async () => {
      expect(readFileSync(schemaInventoryPath(target), 'utf8')).toBe(await schemaInventoryText(target));
    });
  }

  it('a QoD inventory holds no QoS Provisioning rule, a provisioning inventory nothing else', () => {
    for (const target of INVENTORY_TARGETS) {
      const rules = inventoryOf(target)!.rules.map((r) => r.id);
      const foreign =
        target.api === 'qos-provisioning'
          ? rules.filter((id) => !PROVISIONING_OPERATIONS.test(id) && !id.startsWith('provisioning.'))
          : rules.filter((id) => PROVISIONING_OPERATIONS.test(id) || id.startsWith('provisioning.'));
      expect(foreign, targetName(target)).toEqual([]);
      if (target.api === 'qos-provisioning')
        expect(
          rules.some((id) => id.startsWith('provisioning.')),
          targetName(target),
        ).toBe(true);
    }
    // A run names its bundle's QoD version: the provisioning inventory is found through it.
    expect(inventoryFor('1.1.0', 'qos-provisioning')?.target).toEqual({ api: 'qos-provisioning', version: '0.3.0' });
    expect(inventoryFor('1.0.0', 'qos-provisioning')?.target).toEqual({ api: 'qos-provisioning', version: '0.2.0' });
    expect(inventoryFor('0.10.1', 'qos-provisioning')).toBeUndefined();
  });

  it('prose rules are well-formed, unique and apart from the schema rules', () => {
    const prose = readProse();
    const ids = prose.rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const rule of prose.rules) {
      expect(rule.id).toMatch(/^(?!schema\.)[a-z]+\.[a-z0-9-]+(\.[A-Za-z]+)?$/);
      expect(['failure', 'advisory']).toContain(rule.kind);
      expect(rule.source.length).toBeGreaterThan(5);
      expect(rule.statement.length).toBeGreaterThan(10);
      // provisioning.<name> rules, and only they, say `api` and count versions in provisioning terms.
      expect(rule.api === 'qos-provisioning', rule.id).toBe(rule.id.startsWith('provisioning.'));
      const versions: readonly string[] = rule.api === 'qos-provisioning' ? PROVISIONING_VERSIONS : API_VERSIONS;
      for (const v of rule.versions ?? []) expect(versions, rule.id).toContain(v);
    }
    for (const u of prose.uncovered) {
      const versions: readonly string[] = u.api === 'qos-provisioning' ? PROVISIONING_VERSIONS : API_VERSIONS;
      for (const v of u.versions ?? []) expect(versions, u.match).toContain(v);
    }
  });

  it('every written reason still matches a rule of a version it applies to', () => {
    const stale = readProse().uncovered.filter((u) => {
      const re = globMatcher(u.match);
      return !INVENTORY_TARGETS.filter((t) => appliesTo(u, t)).some((t) => inventoryOf(t)?.rules.some((r) => re.test(r.id)));
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

describe('QoS Provisioning checks', () => {
  it("every rule a registered provisioning check judges is a rule of its version's provisioning inventory", async () => {
    for (const bundle of ['1.0.0', '1.1.0', '1.2.0-rc.3'] as const) {
      const inventory = new Set(inventoryFor(bundle, 'qos-provisioning')!.rules.map((r) => r.id));
      const checks = applicable(await collectChecks(collectionConfig(bundle, { api: 'qos-provisioning' })), bundle);
      expect(checks.length, `provisioning checks at ${bundle}`).toBeGreaterThan(60);
      expect(
        checks.flatMap((c) => c.rules.filter((id) => !inventory.has(id)).map((id) => `${c.id}: ${id}`)),
        `provisioning checks at ${bundle}`,
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
    expect(ruleCoverageLine(undefined, '0.10.1', 'qos-provisioning')).toBe('spec rules: no rule inventory for QoS Provisioning in the bundle of QoD 0.10.1');
    const provisioning = computeRuleCoverage([outcome({ covers: ['provisioning.one-per-device-409'] })], '1.1.0', 'qos-provisioning')!;
    expect(provisioning.coveredBy['provisioning.one-per-device-409']).toEqual(['a check']);
    expect(provisioning.total).toBe(inventoryOf({ api: 'qos-provisioning', version: '0.3.0' })!.rules.length);
    expect(provisioning.unknownIds).toEqual([]);
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

/** A faithful embedded CLI run's report: its rule coverage line is printed, and every rule is explained. */
async function expectEveryRuleExplainedIn(target: InventoryTarget, args: string[]): Promise<void> {
  const { result: res, reportDir } = await sharedRun(args, 230_000);
  expect(res.code, res.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
  expect(res.stdout).toContain(report.ruleCoverageLine);
  expectEveryRuleExplained(target, report.ruleCoverage);
}

// 1.1.0: the fault self-test's faithful CLI run, shared (test/support/shared-run.ts), whose printed
// coverage line is checked too. The other QoD versions: embedded runs of the self-test batch
// (inventory-runs.ts); QoS Provisioning's: test/selftest/faults-provisioning.ts, on the faithful runs it has.
describe('every rule has a check or a written reason (embedded runs)', () => {
  it('QoD 1.1.0', { timeout: 240_000 }, async () => {
    await expectEveryRuleExplainedIn({ api: 'quality-on-demand', version: '1.1.0' }, FAITHFUL_ARGS);
  });
});
