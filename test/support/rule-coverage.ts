// The rule inventory's promise for one faithful embedded run (test/rules/inventory.test.ts for QoD,
// test/selftest/faults-provisioning.ts for QoS Provisioning, whose faithful runs it already
// has): every rule of the target is covered by a check that ran, validated wherever it can appear
// (absent), or has a written reason; no check names a rule the inventory lacks.
import { expect } from 'vitest';
import type { RuleCoverage } from '../../src/rules/coverage.js';
import { globMatcher, inventoryOf, readProse } from '../../src/rules/inventory.js';
import { appliesTo, type InventoryTarget } from '../../src/rules/types.js';

export function expectEveryRuleExplained(target: InventoryTarget, coverage: RuleCoverage | undefined): void {
  expect(coverage, 'no rule coverage for the run').toBeDefined();
  expect(coverage!.total).toBe(inventoryOf(target)!.rules.length);
  expect(coverage!.unknownIds).toEqual([]);
  // written: the inventory says why; absent: validated wherever it appears, the field never came.
  const unexplained = coverage!.uncovered.filter((u) => u.basis !== 'written' && u.basis !== 'absent');
  expect(unexplained.map((u) => `${u.id}: ${u.reason}`)).toEqual([]);
  // A rule whose check has landed loses its "in progress" reason (prose.json `uncovered`).
  const progress = readProse().uncovered.filter((u) => u.reason.startsWith('check in progress') && appliesTo(u, target));
  const landed = Object.keys(coverage!.coveredBy).filter((id) => progress.some((u) => globMatcher(u.match).test(id)));
  expect(landed, 'covered now: remove their "check in progress" reason from specs/rules/prose.json').toEqual([]);
}
