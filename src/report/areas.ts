// Per-area pass/fail/skip counts, in the fixed AREAS order (plus any unexpected area at the end).
// Skips are counted by kind: a rule the version does not have is not work left undone.
import { AREAS } from '../config/types.js';
import type { TestOutcome } from './outcome.js';

/** Skipped tests by why they were skipped (src/report/skip-kind.ts); together they make `skipped`. */
export interface SkipCounts {
  /** All skipped tests, whatever the reason. */
  skipped: number;
  /** The check does not apply to the version under test ("not applicable to QoD ..."). */
  notApplicable: number;
  /** Missing configuration or operator data ("needs ..."): the run is INCOMPLETE. */
  missingData: number;
  /** The endpoint's state left nothing to check ("cannot check: ..."): the run is INCOMPLETE. */
  blocked: number;
  /** A setup step failed ("not exercised: ..."): the subject was not tested; the run is INCOMPLETE. */
  notExercised: number;
  /** Deselected by the user (--only/--skip, --profile safe). */
  deselected: number;
  /** Interrupted before it finished. */
  notRun: number;
  /** Any other skip. */
  other: number;
}

export interface AreaCount extends SkipCounts {
  area: string;
  total: number;
  passed: number;
  failed: number;
  /** Tool errors (harness), never counted as failures of the endpoint. */
  errors: number;
}

export function areaCounts(tests: ReadonlyArray<TestOutcome>): AreaCount[] {
  const byArea = new Map<string, AreaCount>(AREAS.map((area) => [area, emptyCount(area)]));
  for (const test of tests) {
    let count = byArea.get(test.area);
    if (!count) {
      count = emptyCount(test.area);
      byArea.set(test.area, count);
    }
    addTo(count, test);
  }
  return [...byArea.values()];
}

export function emptyCount(area: string): AreaCount {
  return { area, total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, notApplicable: 0, missingData: 0, blocked: 0, notExercised: 0, deselected: 0, notRun: 0, other: 0 };
}

const SKIP_FIELD = {
  'not-applicable': 'notApplicable',
  needs: 'missingData',
  blocked: 'blocked',
  'not-exercised': 'notExercised',
  deselected: 'deselected',
  'not-run': 'notRun',
  other: 'other',
} as const satisfies Record<NonNullable<TestOutcome['skipKind']>, keyof SkipCounts>;

export function addTo(count: AreaCount, test: Pick<TestOutcome, 'state' | 'skipKind'>): void {
  count.total += 1;
  if (test.state === 'passed') count.passed += 1;
  else if (test.state === 'failed') count.failed += 1;
  else if (test.state === 'error') count.errors += 1;
  else {
    count.skipped += 1;
    count[SKIP_FIELD[test.skipKind ?? 'other']] += 1;
  }
}

/** Skips that are not "not applicable": work the run could have done (or was told not to do). */
export function skippedBesidesNotApplicable(c: SkipCounts): number {
  return c.skipped - c.notApplicable;
}

/** The skips besides "not applicable", by kind, for every report: e.g. ["2 missing operator data", "1 not selected"]. */
export function skipBreakdown(c: SkipCounts): string[] {
  const parts: Array<[number, string]> = [
    [c.missingData, 'missing operator data'],
    [c.blocked, 'could not be checked'],
    [c.notExercised, 'not exercised'],
    [c.deselected, 'not selected'],
    [c.notRun, 'did not finish'],
    [c.other, 'other'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
}

/** e.g. "9 not applicable, 2 skipped (1 missing operator data, 1 not selected)"; "" when nothing was skipped. */
export function skipSummary(c: SkipCounts): string {
  const parts: string[] = [];
  if (c.notApplicable > 0) parts.push(`${c.notApplicable} not applicable`);
  const rest = skippedBesidesNotApplicable(c);
  if (rest > 0) parts.push(`${rest} skipped (${skipBreakdown(c).join(', ')})`);
  return parts.join(', ');
}
