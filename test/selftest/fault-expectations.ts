// What a fault run may fail, asked of the check registry (src/checks): the checks that judge a
// rule the fault breaks, the catch, and the declared collateral. Nothing is matched by title.
import { DEFAULT_API, type ApiId, type ApiVersion } from '../../src/config/types.js';
import { applicable, collectChecks, judging } from '../../src/checks/registry.js';
import { collectionConfig } from '../../src/checks/collect-config.js';
import type { CheckRecord } from '../../src/checks/spec.js';
import type { FaultInfo } from '../../src/provider/faults.js';
import { PROVISIONING_CROSS_CUTTING } from '../../src/rules/violation-rules.js';

/** The fields of a report test the expectations read. */
export interface FaultRunTest {
  checkId?: string;
  scenarioId?: string;
  state: string;
  failure?: { ruleIds?: string[] };
}

/** Does the report test `t` (or registry record) answer to `key`: a check ID or an official scenario ID? */
export function answersTo(key: string, t: { checkId?: string; id?: string; scenarioId?: string }): boolean {
  const k = key.replace(/^@/, '');
  return (t.checkId ?? t.id) === k || t.scenarioId === k;
}

const cache = new Map<string, Promise<CheckRecord[]>>();

/** The registry's checks of `api` (default QoD) that apply at bundle `version`. */
export function checksAt(version: ApiVersion, api: ApiId = DEFAULT_API): Promise<CheckRecord[]> {
  const key = `${api} ${version}`;
  let found = cache.get(key);
  if (!found) {
    found = collectChecks(collectionConfig(version, { api })).then((all) => applicable(all, version));
    cache.set(key, found);
  }
  return found;
}

export interface FaultExpectation {
  /** Checks that must fail (at least one): the catch. */
  catchers: CheckRecord[];
  /** Checks that judge a rule the fault breaks (the registry's answer). */
  judges: CheckRecord[];
  /** Whether a failed report test is accounted for: a catcher, a judge, declared collateral, or a
   *  failure that names a broken rule (a spec violation of an answer, mapped to its rule). */
  accounts(t: FaultRunTest): boolean;
}

/** What a run of `info`'s API at bundle `version` may fail under the fault. */
export async function expectationOf(info: FaultInfo, version: ApiVersion): Promise<FaultExpectation> {
  const checks = await checksAt(version, info.api);
  const catchers = checks.filter((c) => answersTo(info.catches, c));
  const judges = judging(checks, info.breaks);
  const judgeIds = new Set(judges.map((j) => j.id));
  const collateral = info.collateral?.checks;
  return {
    catchers,
    judges,
    accounts: (t) =>
      answersTo(info.catches, t) ||
      (t.checkId !== undefined && judgeIds.has(t.checkId)) ||
      collateral === '*' ||
      (collateral ?? []).some((c) => answersTo(c, t)) ||
      (t.failure?.ruleIds ?? []).some((id) => info.breaks.includes(id)),
  };
}

/** Rules every answer is validated against (src/rules/violation-rules.ts): any check may break them. */
export function judgedEverywhere(ruleId: string): boolean {
  return /^schema\.[^.]+\.response\./.test(ruleId) || ruleId.startsWith('errors.') || ruleId.startsWith('headers.') || Object.values(PROVISIONING_CROSS_CUTTING).includes(ruleId);
}
