// Per-area pass/fail/skip counts, in the fixed AREAS order (plus any unexpected area at the end).
import { AREAS } from '../config/types.js';
import type { TestOutcome } from './model.js';

export interface AreaCount {
  area: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Tool errors (harness), never counted as failures of the endpoint. */
  errors: number;
  /** Skips caused by deselection (--only/--skip): the area was not asked for. */
  deselected: number;
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
  return { area, total: 0, passed: 0, failed: 0, skipped: 0, errors: 0, deselected: 0 };
}

export function addTo(count: AreaCount, test: Pick<TestOutcome, 'state' | 'skipKind'>): void {
  count.total += 1;
  if (test.state === 'passed') count.passed += 1;
  else if (test.state === 'failed') count.failed += 1;
  else if (test.state === 'error') count.errors += 1;
  else {
    count.skipped += 1;
    if (test.skipKind === 'deselected') count.deselected += 1;
  }
}
