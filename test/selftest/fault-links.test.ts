// The faults' links, checked against the registry without running anything: each fault's catch and
// collateral name registered checks, its broken rules exist, and the catch judges one of them.
import { describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { inventoryOf } from '../../src/rules/inventory.js';
import { INVENTORY_TARGETS } from '../../src/rules/types.js';
import { answersTo, checksAt, expectationOf, judgedEverywhere } from './fault-expectations.js';

// Every inventory, QoD's and QoS Provisioning's.
const inventoried = new Set(INVENTORY_TARGETS.flatMap((t) => inventoryOf(t)?.rules.map((r) => r.id) ?? []));

describe('fault links (registry)', () => {
  for (const [name, info] of Object.entries(FAULTS) as Array<[string, FaultInfo]>) {
    it(name, async () => {
      const version = (info.version ?? '1.1.0') as ApiVersion;
      const checks = await checksAt(version, info.api);
      const expectation = await expectationOf(info, version);
      expect(
        expectation.catchers.map((c) => c.id),
        `catches ${info.catches}: no applicable check at ${version}`,
      ).not.toEqual([]);
      const collateral = info.collateral?.checks;
      for (const c of collateral === '*' ? [] : (collateral ?? []))
        expect(
          checks.some((r) => answersTo(c, r)),
          `collateral ${c}: no applicable check at ${version}`,
        ).toBe(true);
      expect(info.breaks.length, 'a fault names the rules it breaks').toBeGreaterThan(0);
      const named = new Set(checks.flatMap((c) => c.rules));
      expect(
        info.breaks.filter((id) => !inventoried.has(id) && !named.has(id)),
        'broken rules that no inventory and no check knows',
      ).toEqual([]);
      // The catch judges a broken rule, unless the fault breaks only rules every answer is validated against.
      const judged = expectation.catchers.some((c) => c.rules.some((id) => info.breaks.includes(id)));
      expect(judged || info.breaks.every(judgedEverywhere), `${info.catches} judges none of ${info.breaks.join(', ')}`).toBe(true);
    });
  }
});
