// The other half of the fault self-test: no false alarms (test/selftest/variant-cases.ts): the
// provider's own conforming choices (timing, durations, devices, profiles), what a gateway in front
// of the API does, and QoS Provisioning's own choices.
import { describe, expect, it } from 'vitest';
import { VARIANT_NAMES } from '../../src/provider/variants.js';
import type { SelfTestPart } from './self-test-part.js';
import { CORE_CASES, GATEWAY_CASES, nameOf, PROVISIONING_CASES, SKIPS_OF, variantsPart, type Case } from './variant-cases.js';

const cases = variantsPart([
  { title: 'self-test: conforming variants of the reference provider', cases: CORE_CASES },
  { title: 'self-test: conforming gateway variants of the reference provider', cases: GATEWAY_CASES },
  { title: 'self-test: conforming variants of the reference provider, QoS Provisioning runs', cases: PROVISIONING_CASES },
]);

export const variants: SelfTestPart = {
  runs: cases.runs,
  declare(outcome) {
    describe('self-test: the variant cases', () => {
      // A variant judged only beside others that skip checks could hide its false alarms behind their skips.
      it('every variant is exercised by a case whose skips, if any, are its own', () => {
        const all = [...CORE_CASES, ...GATEWAY_CASES, ...PROVISIONING_CASES];
        const judgedIn = (name: string, c: Case) => c.variants.some((v) => nameOf(v) === name) && (c.mayBlock ?? []).every((re) => SKIPS_OF[name] === re);
        expect(VARIANT_NAMES.filter((n) => !all.some((c) => judgedIn(n, c)))).toEqual([]);
      });
    });
    cases.declare(outcome);
  },
};
