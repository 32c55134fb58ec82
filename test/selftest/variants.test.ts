// test-order: long, about 140 s
// The other half of the fault self-test: no false alarms (test/selftest/variant-cases.ts). This
// file: the provider's own conforming choices (timing, durations, devices, profiles) alone and
// combined; variants-gateway.test.ts: what a gateway in front of the API does.
import { describe, expect, it } from 'vitest';
import { VARIANT_NAMES } from '../../src/provider/variants.js';
import { CORE_CASES, GATEWAY_CASES, nameOf, PROVISIONING_CASES, variantSelfTest } from './variant-cases.js';

describe('self-test: the variant cases', () => {
  it('every variant is exercised alone by some case', () => {
    const alone = new Set([...CORE_CASES, ...GATEWAY_CASES, ...PROVISIONING_CASES].filter((c) => c.variants.length === 1).map((c) => nameOf(c.variants[0]!)));
    expect(VARIANT_NAMES.filter((n) => !alone.has(n))).toEqual([]);
  });
});

variantSelfTest('self-test: conforming variants of the reference provider', CORE_CASES);
