// Suites declare `test(name, { meta: { qod: TestMeta } }, fn)`; this augmentation types that meta.
import type { TestCase } from 'vitest/node';
import { ANNOTATION, type TestMeta } from '../evidence/types.js';
import { attachmentJson } from './attachment.js';

declare module '@vitest/runner' {
  interface TaskMeta {
    qod?: TestMeta;
  }
}

/** The test's QoD metadata: static meta first, then a `qod:meta` annotation (older suites). */
export function readMeta(testCase: TestCase): TestMeta | undefined {
  const fromMeta = testCase.meta().qod;
  if (fromMeta) return fromMeta;
  const annotation = testCase.annotations().find((a) => a.type === ANNOTATION.meta);
  const parsed = annotation && attachmentJson(annotation);
  return isTestMeta(parsed) ? parsed : undefined;
}

function isTestMeta(value: unknown): value is TestMeta {
  const v = value as Partial<TestMeta> | null | undefined;
  return typeof v === 'object' && v !== null && typeof v.area === 'string' && typeof v.operation === 'string';
}
