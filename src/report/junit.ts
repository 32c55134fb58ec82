// junit.xml for CI: one testsuite per area, one testcase per applicable test. Endpoint failures are
// <failure>, tool (harness) errors are <error>, so CI dashboards never blame the endpoint for us.
import junitModule, { type Builder, type TestCase as JunitCase } from 'junit-report-builder';
import type { FailureInfo, TestOutcome } from './model.js';
import { skippedBesidesNotApplicable } from './areas.js';
import { targetLabel } from './run-record.js';
import type { ReportData } from './report-data.js';

// The package's types declare an ES default export, but its CommonJS module.exports is the builder
// itself; accept both shapes.
const rootBuilder: Builder = junitModule.default ?? (junitModule as unknown as Builder);

export function renderJunit(data: ReportData): string {
  const builder = rootBuilder.newBuilder().name(`qod-conformance ${targetLabel(data.run)}`);
  const areas = data.areas.filter((a) => a.total > 0).map((a) => a.area);
  for (const area of areas) {
    // Not-applicable checks test a rule the version does not have: kept out of the testcases (a CI
    // dashboard would show a conformant run as half skipped), counted in qod.notApplicable, listed in
    // the HTML and JSON reports.
    const cases = data.tests.filter((t) => t.area === area && t.skipKind !== 'not-applicable');
    const seconds = cases.reduce((sum, t) => sum + t.durationMs, 0) / 1000;
    const suite = builder.testSuite().name(area).timestamp(data.run.startedAt).time(seconds);
    suite
      .property('qod.apiVersion', data.run.apiVersion)
      .property('qod.toolVersion', data.run.tool.version)
      .property('qod.dialect', data.run.dialect)
      .property('qod.verdict', data.verdict)
      .property('qod.coverage', data.coverageLine)
      .property('qod.ruleCoverage', data.ruleCoverageLine);
    const count = data.areas.find((a) => a.area === area);
    if (count) suite.property('qod.notApplicable', String(count.notApplicable)).property('qod.skippedOther', String(skippedBesidesNotApplicable(count)));
    for (const test of cases) addCase(suite.testCase(), test);
  }
  // Errors outside tests still have to show up in CI, as errors of a synthetic case.
  const outside = [...data.unhandledErrors, ...data.groupErrors.map((g) => g.error)];
  if (outside.length > 0) {
    const suite = builder.testSuite().name('run').time(0).property('qod.verdict', data.verdict);
    outside.forEach((error, i) => {
      const c = suite
        .testCase()
        .className('run/errors')
        .name(`error outside tests #${i + 1}: ${error.name}`);
      c.error(xmlSafe(`tool error: ${firstLine(error.message)}`), error.name, xmlSafe(errorBody(error)));
    });
  }
  return builder.build();
}

function addCase(c: JunitCase, test: TestOutcome): void {
  c.className(`${test.area}/${test.operation || 'unknown'}`)
    .name(xmlSafe(test.name))
    .file(test.file)
    .time(test.durationMs / 1000);
  if (test.checkId) c.property('qod.check', test.checkId);
  if (test.scenarioId) c.property('camara.scenario', test.scenarioId);
  if (test.rule) c.property('qod.rule', xmlSafe(test.rule));
  const failure = test.failure;
  if (test.state === 'failed' && failure) {
    c.failure(xmlSafe(firstLine(failure.message)), failure.name);
    c.stacktrace(xmlSafe(failureBody(test, failure)));
  } else if (test.state === 'error' && failure) {
    c.error(xmlSafe(`tool error (not the endpoint's fault): ${firstLine(failure.message)}`), failure.name, xmlSafe(errorBody(failure)));
  } else if (test.state === 'skipped') {
    // Which kind of skip (not-applicable, needs, blocked, deselected, ...): CI can tell them apart.
    c.property('qod.skip', test.skipKind ?? 'other');
    c.skipped();
    withSkipMessage(c, test.skipNote ?? 'skipped');
  }
  if (test.advisories.length > 0) c.standardOutput(xmlSafe(test.advisories.map((a) => `advisory: ${a.title}`).join('\n')));
}

/** junit-report-builder writes a bare <skipped/>; CI shows the reason from its message attribute. */
function withSkipMessage(c: JunitCase, note: string): void {
  const build = c.build.bind(c);
  c.build = (parent) => {
    const element = build(parent);
    for (const child of element.children) {
      const node = child as { name?: string; att?: (name: string, value: string) => unknown };
      if (node.name === 'skipped' && node.att) node.att('message', xmlSafe(note));
    }
    return element;
  };
}

function failureBody(test: TestOutcome, failure: FailureInfo): string {
  const lines = [failure.message];
  if (failure.rule && !failure.message.includes(failure.rule)) lines.push(`rule: ${failure.rule}`);
  if (failure.expected !== undefined && !failure.message.includes(failure.expected)) lines.push(`expected: ${failure.expected}`);
  if (failure.actual !== undefined && !failure.message.includes(failure.actual)) lines.push(`actual: ${failure.actual}`);
  if (test.counterexample) lines.push('', `counterexample: ${test.counterexample.message}`);
  const last = test.exchanges.at(-1);
  if (last) lines.push('', `reproduce: ${last.curl}`);
  return lines.join('\n');
}

function errorBody(error: FailureInfo): string {
  return error.stack ?? `${error.name}: ${error.message}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** XML 1.0 forbids most control characters, and CDATA cannot contain "]]>". */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD').replace(/]]>/g, ']] >');
}
