// Failures grouped by root cause: the rule their first problem cites. One defect of an endpoint
// (error bodies that are not ErrorInfo, an x-correlator never echoed) fails dozens of checks; a
// reader should see the two defects before the two hundred checks.
import type { TestOutcome } from './model.js';

export interface RootCause {
  /** The rule the failures cite (their first problem's rule line). */
  rule: string;
  /** What the first of them saw (its summary line). */
  example: string;
  count: number;
  /** Names of the failed checks, in report order. */
  tests: string[];
}

/** Rules that two or more failed checks share, most failures first. */
export function rootCauses(tests: ReadonlyArray<TestOutcome>): RootCause[] {
  const groups = new Map<string, RootCause>();
  for (const t of tests) {
    if (t.state !== 'failed' || !t.failure) continue;
    const summary = t.failure.message.split('\n', 1)[0]!.trim();
    const rule = t.failure.rule?.trim() || summary;
    const group = groups.get(rule) ?? { rule, example: summary, count: 0, tests: [] };
    group.count++;
    group.tests.push(t.name);
    groups.set(rule, group);
  }
  return [...groups.values()].filter((g) => g.count > 1).sort((a, b) => b.count - a.count);
}
