// The plain, serialisable result of one run's tests: what every report is written from (a leaf
// module: the collection in model.ts and the figures in areas/coverage/verdict all read it).
import type { Advisory, RecordedExchange, SinkRecord } from '../evidence/types.js';
import type { SkipKind } from './skip-kind.js';

/** 'error' = a harness error: our tool broke, the endpoint is not blamed. */
export type TestState = 'passed' | 'failed' | 'skipped' | 'error';

export interface FailureInfo {
  /** Error name: ConformanceFailure / AssertionError for the endpoint, anything else for the tool. */
  name: string;
  message: string;
  rule?: string;
  /** Inventory IDs of the rules the failure broke (src/rules/violation-rules.ts). */
  ruleIds?: string[];
  expected?: string;
  actual?: string;
  stack?: string;
}

export interface Counterexample {
  /** Shrunk counterexample, seed and path, as the suite wrote it. */
  message: string;
  data?: unknown;
}

export interface TestOutcome {
  id: string;
  /** The check's registry ID (src/checks); absent only for a test that is not a registered check. */
  checkId?: string;
  name: string;
  /** Suite path and name ("describe > test"). */
  fullName: string;
  file: string;
  area: string;
  operation: string;
  scenarioId?: string;
  rule: string;
  state: TestState;
  durationMs: number;
  skipNote?: string;
  skipKind?: SkipKind;
  failure?: FailureInfo;
  /** Further errors of the same test (soft assertions, failing hooks). */
  moreErrors?: FailureInfo[];
  exchanges: RecordedExchange[];
  callbacks: SinkRecord[];
  advisories: Advisory[];
  counterexample?: Counterexample;
  standardNotes: string[];
  /** Inventory rules the test names (meta `covers`) or said it exercised at run time (src/rules). */
  covers?: string[];
  /** What of the answers and callbacks it validated against the spec (src/rules/exercised.ts). */
  validated?: string[];
  /** What the test cost the endpoint (absent when the test never started). */
  work?: TestWork;
  /** Evidence annotations that could not be read (reported, never fatal). */
  evidenceProblems?: string[];
}

/** Requests a test sent and sessions it created (every answer 2xx to a create, counted as sent). */
export interface TestWork {
  requests: number;
  sessionsCreated: number;
}

/** An error outside any test: a suite's hook or a module that failed to load. */
export interface GroupError {
  file: string;
  /** Suite name, or "" for the module itself. */
  suite: string;
  /** true when the error is the endpoint's (a ConformanceFailure in a beforeAll hook). */
  conformance: boolean;
  error: FailureInfo;
}

export interface RunResults {
  tests: TestOutcome[];
  groupErrors: GroupError[];
}
