// How suite files declare checks and groups. Under vitest a check is a test (src/suite/harness.ts);
// imported by the registry's collection (src/checks/registry.ts) it is only recorded.
import { afterAll, describe } from 'vitest';
import type { Qod } from '../suite/harness.js';
import { declareCheck } from '../suite/harness.js';
import { collectGroup, collectingConfig, registerCheck } from './registry.js';
import type { CheckSpec } from './spec.js';

/** Declares one check. */
export function check(spec: CheckSpec, body: (q: Qod) => Promise<void>): void {
  if (collectingConfig()) registerCheck(spec);
  else declareCheck(spec, body);
}

/** A group of checks (a describe block): its shared sessions belong to it (src/suite/shared-session.ts). */
export function group(name: string, body: () => void): void {
  if (collectingConfig()) collectGroup(name, body);
  else describe(name, body);
}

/** Runs after every check of the enclosing group (nothing while collecting). */
export function afterGroup(fn: () => Promise<void>): void {
  if (!collectingConfig()) afterAll(fn);
}
