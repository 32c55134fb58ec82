// The variant self-test of QoS Provisioning runs (test/selftest/variant-cases.ts PROVISIONING_CASES):
// each conforming choice of the reference provider's provisioning API leaves the run CONFORMANT.
import { PROVISIONING_CASES, variantSelfTest } from './variant-cases.js';

variantSelfTest('self-test: conforming variants of the reference provider, QoS Provisioning runs', PROVISIONING_CASES);
