// The run's single verdict, in order of precedence: a broken tool trumps everything, because
// then no other statement about the endpoint can be trusted.
import type { RunResults } from './outcome.js';

export type Verdict = 'CONFORMANT' | 'NOT CONFORMANT' | 'INCOMPLETE' | 'TOOL ERROR';

export interface RunFacts {
  /** Errors vitest caught outside any test (unhandled rejections and the like). */
  unhandledErrors: number;
  /** true when the run was interrupted (vitest's onTestRunEnd reason). */
  interrupted?: boolean;
}

export function computeVerdict(results: RunResults, run: RunFacts): Verdict {
  const { tests, groupErrors } = results;
  if (run.unhandledErrors > 0 || tests.some((t) => t.state === 'error') || groupErrors.some((g) => !g.conformance)) {
    return 'TOOL ERROR';
  }
  if (tests.some((t) => t.state === 'failed') || groupErrors.some((g) => g.conformance)) return 'NOT CONFORMANT';
  const missing = tests.some((t) => t.skipKind === 'needs' || t.skipKind === 'blocked' || t.skipKind === 'not-exercised' || t.skipKind === 'not-run');
  // A run in which no check ran proves nothing, so it cannot be called conformant.
  const nothingRan = !tests.some((t) => t.state === 'passed');
  if (run.interrupted || missing || nothingRan) return 'INCOMPLETE';
  return 'CONFORMANT';
}
