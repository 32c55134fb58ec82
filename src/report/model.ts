// The plain, serialisable result model every report is written from (no vitest objects inside).
import type { TestCase, TestModule, TestSuite } from 'vitest/node';
import { ANNOTATION, type Advisory, type RecordedExchange, type SinkRecord } from '../evidence/types.js';
import { isConformanceError } from '../checks/failure.js';
import { attachmentJson, type Annotation } from './attachment.js';
import { readMeta } from './meta.js';
import { skipKindOf } from './skip-kind.js';
import type { FailureInfo, GroupError, RunResults, TestOutcome } from './outcome.js';

export { BLOCKED_SKIP, NOT_APPLICABLE_SKIP, skipKindOf, type SkipKind } from './skip-kind.js';
export { computeVerdict, type Verdict, type RunFacts } from './verdict.js';
export { areaCounts, type AreaCount } from './areas.js';
export { computeCoverage, coverageLine, type ScenarioCoverage } from './coverage.js';
export type { Counterexample, FailureInfo, GroupError, RunResults, TestOutcome, TestState, TestWork } from './outcome.js';

/** Area used for tests that carry no TestMeta (a suite bug, shown rather than hidden). */
export const UNASSIGNED_AREA = 'unassigned';

export function collectResults(testModules: ReadonlyArray<TestModule>): RunResults {
  const tests: TestOutcome[] = [];
  const groupErrors: GroupError[] = [];
  for (const module of testModules) {
    const file = module.relativeModuleId;
    groupErrors.push(...module.errors().map((e) => groupError(file, '', e)));
    for (const suite of module.children.allSuites()) {
      groupErrors.push(...suiteErrors(file, suite));
    }
    for (const testCase of module.children.allTests()) tests.push(outcomeOf(testCase, file));
  }
  return { tests, groupErrors };
}

function suiteErrors(file: string, suite: TestSuite): GroupError[] {
  return suite.errors().map((e) => groupError(file, suite.fullName, e));
}

function groupError(file: string, suite: string, error: ErrorLike): GroupError {
  return { file, suite, conformance: isConformanceError(error), error: failureInfo(error) };
}

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

function failureInfo(error: ErrorLike): FailureInfo {
  const info: FailureInfo = { name: error.name ?? 'Error', message: error.message ?? String(error) };
  for (const key of ['rule', 'expected', 'actual'] as const) {
    const value = error[key];
    if (typeof value === 'string') info[key] = value;
  }
  if (Array.isArray(error.ruleIds)) info.ruleIds = error.ruleIds.filter((id): id is string => typeof id === 'string');
  if (error.stack && !isConformanceError(error)) info.stack = error.stack;
  return info;
}

function outcomeOf(testCase: TestCase, file: string): TestOutcome {
  const meta = readMeta(testCase);
  const result = testCase.result();
  const outcome: TestOutcome = {
    id: testCase.id,
    name: testCase.name,
    fullName: testCase.fullName,
    file,
    area: meta?.area ?? UNASSIGNED_AREA,
    operation: meta?.operation ?? '',
    rule: meta?.rule ?? '',
    state: 'passed',
    durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    exchanges: [],
    callbacks: [],
    advisories: [],
    standardNotes: [],
  };
  if (meta?.covers?.length) outcome.covers = [...meta.covers];
  if (meta?.checkId) outcome.checkId = meta.checkId;
  if (meta?.scenarioId) outcome.scenarioId = meta.scenarioId;

  switch (result.state) {
    case 'passed':
      break;
    case 'skipped':
      outcome.state = 'skipped';
      if (result.note) outcome.skipNote = result.note;
      outcome.skipKind = skipKindOf(result.note);
      break;
    case 'pending':
      outcome.state = 'skipped';
      outcome.skipNote = 'did not finish: the run was interrupted';
      outcome.skipKind = 'not-run';
      break;
    case 'failed': {
      const errors = result.errors.map(failureInfo);
      // Any error that is not the endpoint's makes the test a tool error: its verdict is unknown.
      const harness = errors.find((e) => !isConformanceError(e));
      outcome.state = harness || errors.length === 0 ? 'error' : 'failed';
      const primary = harness ?? errors[0] ?? { name: 'Error', message: 'the test failed without an error' };
      outcome.failure = primary;
      const rest = errors.filter((e) => e !== primary);
      if (rest.length > 0) outcome.moreErrors = rest;
      break;
    }
  }
  readEvidence(testCase.annotations(), outcome);
  return outcome;
}

function readEvidence(annotations: ReadonlyArray<Annotation>, outcome: TestOutcome): void {
  const problems: string[] = [];
  for (const annotation of annotations) {
    switch (annotation.type) {
      case ANNOTATION.exchange: {
        const value = attachmentJson(annotation);
        if (isRecord(value) && isRecord(value.request)) outcome.exchanges.push(value as unknown as RecordedExchange);
        else problems.push(`unreadable HTTP exchange: ${annotation.message}`);
        break;
      }
      case ANNOTATION.callback: {
        const value = attachmentJson(annotation);
        if (isRecord(value) && typeof value.path === 'string') outcome.callbacks.push(value as unknown as SinkRecord);
        else problems.push(`unreadable callback record: ${annotation.message}`);
        break;
      }
      case ANNOTATION.advisory: {
        const value = attachmentJson(annotation);
        outcome.advisories.push(isRecord(value) && typeof value.title === 'string' ? (value as unknown as Advisory) : { title: annotation.message, whyItMatters: '', detail: '' });
        break;
      }
      case ANNOTATION.counterexample: {
        const data = attachmentJson(annotation);
        outcome.counterexample = data === undefined ? { message: annotation.message } : { message: annotation.message, data };
        break;
      }
      case ANNOTATION.standardNote:
        outcome.standardNotes.push(annotation.message);
        break;
      case ANNOTATION.covers:
      case ANNOTATION.validated: {
        const value = attachmentJson(annotation);
        const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
        if (!list) problems.push(`unreadable ${annotation.type} list: ${annotation.message}`);
        else if (annotation.type === ANNOTATION.covers) outcome.covers = [...new Set([...(outcome.covers ?? []), ...list])];
        else outcome.validated = [...new Set([...(outcome.validated ?? []), ...list])];
        break;
      }
      case ANNOTATION.stats: {
        const value = attachmentJson(annotation);
        if (isRecord(value) && typeof value.requests === 'number' && typeof value.sessionsCreated === 'number') {
          outcome.work = { requests: value.requests, sessionsCreated: value.sessionsCreated };
        } else problems.push(`unreadable work figures: ${annotation.message}`);
        break;
      }
      default:
        break;
    }
  }
  if (problems.length > 0) outcome.evidenceProblems = problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
