// test-order: long, about 110 s
// No false alarms under what a gateway in front of the API does (HTTP, CloudEvents and RFC 3339
// allowances), alone and combined (test/selftest/variant-cases.ts).
import { GATEWAY_CASES, variantSelfTest } from './variant-cases.js';

variantSelfTest('self-test: conforming gateway variants of the reference provider', GATEWAY_CASES);
