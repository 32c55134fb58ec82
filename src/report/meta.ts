// Suites declare `test(name, { meta: { qod: TestMeta } }, fn)`; this augmentation types that meta.
import type { TestCase } from 'vitest/node';
import type { TestMeta } from '../evidence/types.js';

declare module '@vitest/runner' {
  interface TaskMeta {
    qod?: TestMeta;
  }
}

/** The check's record as its test carries it (src/suite/harness.ts declareCheck). */
export function readMeta(testCase: TestCase): TestMeta | undefined {
  return testCase.meta().qod;
}
