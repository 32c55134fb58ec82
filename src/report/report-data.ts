// Everything a report shows, computed once from vitest's results and redacted before any writer
// sees it. report.json is this object verbatim.
import type { SerializedError, TestModule, TestRunEndReason } from 'vitest/node';
import type { ApiVersion } from '../config/types.js';
import { API_VERSIONS } from '../config/types.js';
import { standardNotesFor } from '../scenarios/catalogue.js';
import {
  areaCounts,
  collectResults,
  computeCoverage,
  computeVerdict,
  coverageLine,
  type AreaCount,
  type FailureInfo,
  type GroupError,
  type ScenarioCoverage,
  type TestOutcome,
  type Verdict,
} from './model.js';
import { addTo, emptyCount, type SkipCounts } from './areas.js';
import { apiOfRecord, redactDeep, targetLabel, type RunRecord } from './run-record.js';
import { rootCauses, type RootCause } from './root-causes.js';
import { computeRuleCoverage, ruleCoverageLine, type RuleCoverage } from '../rules/coverage.js';
import { runWork, type RunWork } from './economy.js';

/** Options every reporter takes. */
export interface ReporterOptions {
  reportDir: string;
  /** Called when the run ends, so the CLI can fill in late facts (end time, sessions). */
  getRunRecord: () => RunRecord;
  /** Every secret value of the run; masked in every artifact. */
  secrets: string[];
}

export interface RunCounts extends SkipCounts {
  total: number;
  passed: number;
  failed: number;
  toolErrors: number;
}

export interface ReportData {
  reportVersion: 1;
  run: RunRecord;
  verdict: Verdict;
  /** How the vitest run ended ("passed" | "failed" | "interrupted"). */
  runEnd: TestRunEndReason;
  /** `skipped` counts every skip; the kinds below it add up to it (notApplicable apart from the rest). */
  counts: RunCounts;
  areas: AreaCount[];
  /** What the run cost the endpoint: sessions created and requests sent, per area and in total. */
  work: RunWork;
  coverage: ScenarioCoverage | undefined;
  coverageLine: string;
  /** The spec rule inventory of the version (src/rules): which rules a check exercised in this run. */
  ruleCoverage: RuleCoverage | undefined;
  /** "spec rules: N/M covered", shown next to the scenario line. */
  ruleCoverageLine: string;
  /** Notes on the standard: the catalogue's conflicts for this version plus what tests emitted. */
  standardNotes: { catalogue: string[]; fromTests: Array<{ note: string; tests: string[] }> };
  /** Errors outside tests: unhandled errors and failing hooks / modules. */
  unhandledErrors: FailureInfo[];
  groupErrors: GroupError[];
  /** Rules that several failed checks share, most failures first (a defect behind many failures). */
  rootCauses: RootCause[];
  tests: TestOutcome[];
}

// Every reporter (terminal, JSON, HTML, JUnit, badge) asks for the data of the same run end: it is
// computed once per run end and shared (about 0.5 s of CPU per run otherwise). Reporters only read it.
const built = new WeakMap<ReadonlyArray<TestModule>, { key: string; data: ReportData }>();

/** What a reporter is given when the run ends, and the run's late facts and secrets. */
type RunEnd = [testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason, record: RunRecord, secrets: ReadonlyArray<string>];

export function buildReportData(...end: RunEnd): ReportData {
  const [testModules, unhandledErrors, reason, record, secrets] = end;
  const key = JSON.stringify([unhandledErrors.map((e) => [e.name, e.message]), reason, record, secrets]);
  const known = built.get(testModules);
  if (known?.key === key) return known.data;
  const data = computeReportData(...end);
  built.set(testModules, { key, data });
  return data;
}

function computeReportData(...[testModules, unhandledErrors, reason, record, secrets]: RunEnd): ReportData {
  const results = collectResults(testModules);
  const run: RunRecord = { ...record, endedAt: record.endedAt || new Date().toISOString() };
  const version = asApiVersion(run.apiVersion);
  const api = apiOfRecord(run);
  const coverage = version ? computeCoverage(results.tests, version, api) : undefined;
  const ruleCoverage = version ? computeRuleCoverage(results.tests, version, api) : undefined;
  // The validated-node lists only feed the rule coverage; report.json keeps the result, not them.
  for (const test of results.tests) delete test.validated;
  const data: ReportData = {
    reportVersion: 1,
    run,
    verdict: computeVerdict(results, { unhandledErrors: unhandledErrors.length, interrupted: reason === 'interrupted' }),
    runEnd: reason,
    counts: countAll(results.tests),
    areas: areaCounts(results.tests),
    work: runWork(results.tests, run.propertySessions, run.requestsSent, run.sessions?.created),
    coverage,
    coverageLine: coverageLine(coverage, targetLabel(run)),
    ruleCoverage,
    ruleCoverageLine: ruleCoverageLine(ruleCoverage, run.apiVersion, api),
    standardNotes: {
      catalogue: version ? standardNotesFor(version, api) : [],
      fromTests: notesFromTests(results.tests),
    },
    unhandledErrors: unhandledErrors.map((e) => ({ name: e.name ?? 'Error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) })),
    groupErrors: results.groupErrors,
    rootCauses: rootCauses(results.tests, version, api),
    tests: results.tests,
  };
  return redactDeep(data, secrets);
}

function asApiVersion(value: string): ApiVersion | undefined {
  return (API_VERSIONS as readonly string[]).includes(value) ? (value as ApiVersion) : undefined;
}

function countAll(tests: ReadonlyArray<TestOutcome>): RunCounts {
  const all = emptyCount('');
  for (const test of tests) addTo(all, test);
  const { area: _area, errors, ...rest } = all;
  return { ...rest, toolErrors: errors };
}

function notesFromTests(tests: ReadonlyArray<TestOutcome>): ReportData['standardNotes']['fromTests'] {
  const byNote = new Map<string, string[]>();
  for (const test of tests) {
    for (const note of test.standardNotes) byNote.set(note, [...(byNote.get(note) ?? []), test.name]);
  }
  return [...byNote].map(([note, names]) => ({ note, tests: names }));
}

/** All advisories of the run with the test that raised each. */
export function advisoriesOf(data: ReportData): Array<{ test: string; title: string; whyItMatters: string; detail: string }> {
  return data.tests.flatMap((t) => t.advisories.map((a) => ({ test: t.name, ...a })));
}
