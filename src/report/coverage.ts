// How much of the official CAMARA scenario set for the API version this run exercised.
import type { ApiId, ApiVersion } from '../config/types.js';
import { scenarioIdsFor } from '../scenarios/catalogue.js';
import type { TestOutcome } from './outcome.js';

export interface ScenarioCoverage {
  /** Tag of the official test definitions ("r3.2", "r4.1", "v0.10.1"). */
  release: string;
  total: number;
  /** Scenarios with at least one test that ran. */
  executed: number;
  /** Executed scenarios all of whose tests passed. */
  passed: number;
  /** Executed scenarios with at least one endpoint failure. */
  failed: number;
  /** Executed scenarios whose outcome is unknown because of a tool error. */
  toolErrors: number;
  /** Executed scenarios where some tests passed and the rest were skipped (e.g. outline rows). */
  partial: number;
  /** Scenarios not executed (total - executed). */
  skipped: number;
  notExecuted: Array<{ scenarioId: string; reason: string }>;
  /** notExecuted grouped by reason. */
  skippedReasons: Array<{ reason: string; scenarioIds: string[] }>;
  failedIds: string[];
  /** IDs tests carry that are not in this release (typo or wrong version): shown, not counted. */
  unknownIds: string[];
}

const NO_TEST = 'no test implements this scenario';

export function computeCoverage(tests: ReadonlyArray<TestOutcome>, version: ApiVersion, api: ApiId = 'quality-on-demand'): ScenarioCoverage | undefined {
  const set = scenarioIdsFor(version, api);
  if (!set) return undefined;
  const byId = new Map<string, TestOutcome[]>();
  for (const test of tests) {
    if (!test.scenarioId) continue;
    const list = byId.get(test.scenarioId) ?? [];
    list.push(test);
    byId.set(test.scenarioId, list);
  }
  const coverage: ScenarioCoverage = {
    release: set.release,
    total: set.ids.length,
    executed: 0,
    passed: 0,
    failed: 0,
    toolErrors: 0,
    partial: 0,
    skipped: 0,
    notExecuted: [],
    skippedReasons: [],
    failedIds: [],
    // A test of another release that was skipped as not applicable is not a stray ID.
    unknownIds: [...byId]
      .filter(([id, list]) => !set.ids.includes(id) && list.some((t) => t.state !== 'skipped' || (t.skipKind !== 'not-applicable' && t.skipKind !== 'other')))
      .map(([id]) => id)
      .sort(),
  };
  for (const id of set.ids) {
    const own = byId.get(id) ?? [];
    const ran = own.filter((t) => t.state !== 'skipped');
    if (ran.length === 0) {
      coverage.skipped += 1;
      coverage.notExecuted.push({ scenarioId: id, reason: reasonNotRun(own) });
      continue;
    }
    coverage.executed += 1;
    if (ran.some((t) => t.state === 'failed')) {
      coverage.failed += 1;
      coverage.failedIds.push(id);
    } else if (ran.some((t) => t.state === 'error')) coverage.toolErrors += 1;
    else if (ran.length === own.length) coverage.passed += 1;
    else coverage.partial += 1;
  }
  coverage.skippedReasons = groupByReason(coverage.notExecuted);
  return coverage;
}

function reasonNotRun(tests: ReadonlyArray<TestOutcome>): string {
  if (tests.length === 0) return NO_TEST;
  const notes = [...new Set(tests.map((t) => t.skipNote ?? 'skipped'))];
  return notes.join('; ');
}

function groupByReason(items: ReadonlyArray<{ scenarioId: string; reason: string }>): ScenarioCoverage['skippedReasons'] {
  const groups = new Map<string, string[]>();
  for (const { scenarioId, reason } of items) groups.set(reason, [...(groups.get(reason) ?? []), scenarioId]);
  return [...groups].map(([reason, scenarioIds]) => ({ reason, scenarioIds }));
}

/** One line for terminals and summaries, e.g. "CAMARA r3.2 scenarios: 98/98 executed, 98 passed". */
export function coverageLine(coverage: ScenarioCoverage | undefined, target: string): string {
  if (!coverage) return `CAMARA scenarios: none published for ${target}`;
  const parts = [`${coverage.executed}/${coverage.total} executed`, `${coverage.passed} passed`];
  if (coverage.failed > 0) parts.push(`${coverage.failed} failed`);
  if (coverage.partial > 0) parts.push(`${coverage.partial} partly skipped`);
  if (coverage.toolErrors > 0) parts.push(`${coverage.toolErrors} with tool errors`);
  return `CAMARA ${coverage.release} scenarios: ${parts.join(', ')}`;
}
