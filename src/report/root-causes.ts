// Failures grouped by root cause: the inventory rules they broke (src/rules). One defect of an
// endpoint (error bodies that are not ErrorInfo, an x-correlator never echoed) fails dozens of
// checks; a reader should see the defects before the checks, and a failure that broke several
// rules is listed under each, so that no defect hides behind another.
import type { ApiId, ApiVersion } from '../config/types.js';
import { inventoryFor } from '../rules/inventory.js';
import type { Rule } from '../rules/types.js';
import type { TestOutcome } from './model.js';

export interface RootCause {
  /** The inventory rule, when the failures name one (else they are grouped by their rule text). */
  ruleId?: string;
  /** The rule in plain words: its short title, else its statement, else the failures' rule text. */
  title: string;
  /** What one failure saw (its summary line). */
  example: string;
  count: number;
  /** IDs (TestOutcome.id) of the failed checks, in report order. */
  tests: string[];
}

/** Every distinct rule that failed checks broke, most failures first. */
export function rootCauses(tests: ReadonlyArray<TestOutcome>, version?: ApiVersion, api: ApiId = 'quality-on-demand'): RootCause[] {
  const rules = new Map((version ? (inventoryFor(version, api)?.rules ?? []) : []).map((r) => [r.id, r]));
  const groups = new Map<string, RootCause>();
  const add = (key: string, make: () => Omit<RootCause, 'count' | 'tests'>, t: TestOutcome) => {
    const group = groups.get(key) ?? { ...make(), count: 0, tests: [] };
    group.count++;
    group.tests.push(t.id);
    groups.set(key, group);
  };
  for (const t of tests) {
    if (t.state !== 'failed' || !t.failure) continue;
    const example = t.failure.message.split('\n', 1)[0]!.trim();
    const ids = t.failure.ruleIds ?? [];
    if (ids.length === 0) {
      const text = t.failure.rule?.trim() || example;
      add(`text:${text}`, () => ({ title: text, example }), t);
      continue;
    }
    for (const id of new Set(ids)) add(`id:${id}`, () => ({ ruleId: id, title: titleOf(id, rules.get(id)), example }), t);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** A rule in plain words: the inventory's title or statement; a schema rule spelled out. */
export function titleOf(id: string, rule: Rule | undefined): string {
  if (rule?.title) return rule.title;
  const schema = /^schema\.([^.]+)\.(request|callback|response\.\d+)\.(.+)\.([^.]+)$/.exec(id);
  if (schema) {
    const [, op, part, pointer, keyword] = schema as unknown as [string, string, string, string, string];
    return `${op} ${part.replace('.', ' ')}: ${pointer === '/' ? 'the body' : pointer} breaks "${keyword}"`;
  }
  return rule?.statement ?? id;
}
