// "spec rules: N/M covered": of the M inventory rules of the run's version, the N that a check
// which ran in this run (passed or failed; not skipped, not a tool error) exercised, by naming the
// rule in its meta `covers` / q.covers, or by validating an answer or callback where the rule's
// node was present (schema rules of responses and callbacks). Every other rule is listed with why.
import type { ApiVersion } from '../config/types.js';
import type { TestOutcome } from '../report/outcome.js';
import { exercisingKey, parseSchemaRuleId } from './exercised.js';
import { inventoryFor, inventoryOf, reasonFor } from './inventory.js';
import { INVENTORY_TARGETS, type ApiId, type Rule, type RuleKind } from './types.js';

export interface UncoveredRule {
  id: string;
  kind: RuleKind;
  statement: string;
  source: string;
  reason: string;
  /**
   * written: the inventory's reason; absent: every such answer or callback is validated, but none
   * in this run carried the field; not-run: the checks naming it were skipped; none: no check, no reason.
   */
  basis: 'written' | 'absent' | 'not-run' | 'none';
}

export interface RuleCoverage {
  version: ApiVersion;
  total: number;
  covered: number;
  /** Covered rules one of whose covering checks failed. */
  failed: number;
  /** Each covered rule with (up to 3 of) the checks that covered it. */
  coveredBy: Record<string, string[]>;
  uncovered: UncoveredRule[];
  /** `covers` IDs tests carry that name no rule of this version (a typo or another version's rule). */
  unknownIds: string[];
}

const SHOWN_CHECKS = 3;
/** Computed reason when a rule has neither a check that ran nor a written reason. */
export const NO_CHECK_NO_REASON = 'no check covers it and the inventory gives no reason';

/** `version`: the run's bundle; `api`: the API under test, whose inventory counts (QoD by default). */
export function computeRuleCoverage(tests: ReadonlyArray<TestOutcome>, version: ApiVersion, api: ApiId = 'quality-on-demand'): RuleCoverage | undefined {
  const inventory = inventoryFor(version, api);
  if (!inventory) return undefined;
  const ran = tests.filter((t) => t.state === 'passed' || t.state === 'failed');
  const byKey = new Map<string, TestOutcome[]>();
  const byCover = new Map<string, TestOutcome[]>();
  const add = (map: Map<string, TestOutcome[]>, key: string, t: TestOutcome) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of ran) {
    for (const key of t.validated ?? []) add(byKey, key, t);
    for (const id of coversOf(t)) add(byCover, id, t);
  }
  // Every test naming a rule, whatever its state: why an uncovered rule's checks did not run.
  const naming = new Map<string, TestOutcome[]>();
  for (const t of tests) for (const id of coversOf(t)) add(naming, id, t);
  const ids = new Set(inventory.rules.map((r) => r.id));
  const coverage: RuleCoverage = {
    version,
    total: inventory.rules.length,
    covered: 0,
    failed: 0,
    coveredBy: {},
    uncovered: [],
    // A check that runs at several versions may name a rule that only some of them have: unknown is
    // an ID no inventoried version has (a typo in a check's rules).
    unknownIds: [...new Set(tests.filter((t) => t.skipKind !== 'not-applicable').flatMap((t) => t.covers ?? []))].filter((id) => !ids.has(id) && !inAnyInventory(id)).sort(),
  };
  for (const rule of inventory.rules) {
    const checks = checksOf(rule, byKey, byCover);
    if (checks.length > 0) {
      coverage.covered += 1;
      if (checks.some((t) => t.state === 'failed')) coverage.failed += 1;
      coverage.coveredBy[rule.id] = [...new Set(checks.map((t) => t.name))].slice(0, SHOWN_CHECKS);
      continue;
    }
    const written = reasonFor(inventory, rule.id);
    const why = written ? { reason: written.reason, basis: 'written' as const } : (absentReason(rule, byKey) ?? notRunReason(naming.get(rule.id) ?? []));
    coverage.uncovered.push({ id: rule.id, kind: rule.kind, statement: rule.statement, source: rule.source, ...why });
  }
  return coverage;
}

/** The rules a test names: the rules its check judges (src/checks) and those it said at run time. */
export function coversOf(t: Pick<TestOutcome, 'covers'>): string[] {
  return [...new Set(t.covers ?? [])];
}

function checksOf(rule: Rule, byKey: Map<string, TestOutcome[]>, byCover: Map<string, TestOutcome[]>): TestOutcome[] {
  const named = byCover.get(rule.id) ?? [];
  const parts = parseSchemaRuleId(rule.id);
  const key = parts && exercisingKey(parts);
  return key === undefined ? named : [...named, ...(byKey.get(key) ?? [])];
}

type Why = Pick<UncoveredRule, 'reason' | 'basis'>;

/** A response or callback rule whose answers were validated in this run, none carrying its field. */
function absentReason(rule: Rule, byKey: Map<string, TestOutcome[]>): Why | undefined {
  const parts = parseSchemaRuleId(rule.id);
  if (!parts || parts.part === 'request') return undefined;
  const what = parts.part === 'callback' ? `${parts.operationId} callback` : `${parts.operationId} ${parts.part.replace('response.', '')} answer`;
  const seen = parts.part === 'callback' ? byKey.has(`${parts.operationId} callback body `) : byKey.has(`${parts.operationId} ${parts.part.replace('.', ' ')}`);
  if (!seen) return undefined;
  const field = parts.pointer.startsWith('header/') ? `header ${parts.pointer.slice(7)}` : parts.keyword === 'required' ? `the object holding ${parts.pointer}` : parts.pointer || 'a body';
  return { reason: `every ${what} is validated against the spec, but none in this run carried ${field}`, basis: 'absent' };
}

/** A rule some check names (`naming`), but that check did not run here: its skip says why. */
function notRunReason(naming: ReadonlyArray<TestOutcome>): Why {
  if (naming.length === 0) return { reason: NO_CHECK_NO_REASON, basis: 'none' };
  const notes = [...new Set(naming.map((t) => (t.state === 'error' ? 'tool error' : (t.skipNote ?? t.state))))];
  return { reason: `its check did not run: ${notes.join('; ')}`, basis: 'not-run' };
}

/** One line for terminals and summaries, e.g. "spec rules: 1180/1290 covered". */
export function ruleCoverageLine(coverage: RuleCoverage | undefined, apiVersion: string, api: ApiId = 'quality-on-demand'): string {
  if (!coverage) return `spec rules: no rule inventory for ${api === 'qos-provisioning' ? 'QoS Provisioning in the bundle of QoD' : 'QoD'} ${apiVersion}`;
  const failed = coverage.failed > 0 ? `, ${coverage.failed} with a failed check` : '';
  return `spec rules: ${coverage.covered}/${coverage.total} covered${failed}`;
}

/** Is `id` a rule of any inventoried version? */
function inAnyInventory(id: string): boolean {
  return INVENTORY_TARGETS.some((t) => inventoryOf(t)?.rules.some((r) => r.id === id));
}
