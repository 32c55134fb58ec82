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

/**
 * A group of checks (a describe block): its shared sessions belong to it (src/suite/shared-session.ts).
 * Groups of a file run at the same time, as its checks do (vitest runs describe blocks one after
 * another unless they are concurrent, so a file's second group waited for the first one's slowest
 * check). `alone: true` for a group whose checks must not overlap with the file's other checks.
 */
export function group(name: string, body: () => void, options: { alone?: boolean } = {}): void {
  if (collectingConfig()) collectGroup(name, body);
  else describe(name, { concurrent: !options.alone }, body);
}

/** Runs after every check of the enclosing group (nothing while collecting). */
export function afterGroup(fn: () => Promise<void>): void {
  if (!collectingConfig()) afterAll(fn);
}
