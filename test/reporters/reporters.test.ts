// End to end: fake suites run through real vitest with our reporters; the artifacts are checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/report-data.js';
import { FAILING_SUITE, HARNESS_ERROR_SUITE, INCOMPLETE_SUITE, PASSING_SUITE, SECRET_VALUES, removeFakeRun, runFakeSuites, type FakeRun } from './fake-run.js';
import { findAll, parseXml } from './mini-xml.js';

const read = (run: FakeRun, name: string): string => readFileSync(join(run.reportDir, name), 'utf8');
const json = (run: FakeRun): ReportData => JSON.parse(read(run, 'report.json')) as ReportData;

function expectNoSecrets(run: FakeRun): void {
  const artifacts = readdirSync(run.reportDir);
  expect(artifacts.sort()).toEqual(['badge.svg', 'junit.xml', 'report.html', 'report.json']);
  for (const name of artifacts) {
    const text = read(run, name);
    for (const secret of SECRET_VALUES) expect(text, `${secret} in ${name}`).not.toContain(secret);
  }
  for (const secret of SECRET_VALUES) expect(run.terminal).not.toContain(secret);
}

describe('a run with an endpoint failure, a tool error and skips', () => {
  let run: FakeRun;
  beforeAll(async () => {
    run = await runFakeSuites({ 'pass.test.ts': PASSING_SUITE, 'fail.test.ts': FAILING_SUITE, 'broken.test.ts': HARNESS_ERROR_SUITE });
  });
  afterAll(() => removeFakeRun(run));

  it('leaks no secret into any artifact or the terminal', () => expectNoSecrets(run));

  it('writes a well-formed junit.xml with failures and tool errors told apart', () => {
    const root = parseXml(read(run, 'junit.xml'));
    expect(root.name).toBe('testsuites');
    const cases = findAll(root, 'testcase');
    expect(root.attributes.tests).toBe(String(cases.length));
    const byName = (prefix: string) => cases.find((c) => c.attributes.name?.startsWith(prefix));

    const failed = byName('quality_on_demand_createSession_400.9_invalid_duration');
    expect(failed?.attributes.classname).toBe('duration/createSession');
    const failure = failed && findAll(failed, 'failure')[0];
    expect(failure?.attributes.message).toBe('duration beyond maxDuration was accepted');
    expect(failure?.text).toContain('expected: 400 INVALID_ARGUMENT');
    expect(failure?.text).toContain('actual: 201 Created');

    const broken = byName('validation of applicationServer');
    expect(broken && findAll(broken, 'failure')).toEqual([]);
    expect(broken && findAll(broken, 'error')[0]?.attributes.message).toMatch(/^tool error/);

    const skipped = byName('quality_on_demand_createSession_401.2_expired_access_token');
    expect(skipped && findAll(skipped, 'skipped')[0]?.attributes.message).toBe('needs operator data: tokens.expired');
    const skipKind = (c: typeof skipped) => c && findAll(c, 'property').find((p) => p.attributes.name === 'qod.skip')?.attributes.value;
    expect(skipKind(skipped)).toBe('needs');
    // Not applicable: no testcase (counted on its testsuite, listed in the HTML and JSON reports).
    expect(byName('0.10.1 only')).toBeUndefined();
    expect(json(run).tests.find((t) => t.name === '0.10.1 only')?.skipKind).toBe('not-applicable');
    expect(skipKind(byName('ports are checked'))).toBe('deselected');
    const headers = findAll(root, 'testsuite').find((s) => s.attributes.name === 'headers');
    const suiteProps = Object.fromEntries((headers ? findAll(headers, 'property') : []).map((p) => [p.attributes.name, p.attributes.value]));
    expect(suiteProps).toMatchObject({ 'qod.notApplicable': '1', 'qod.skippedOther': '0' });
    // Every testsuite has its time: the sum of its testcases' times.
    for (const suite of findAll(root, 'testsuite')) {
      const sum = findAll(suite, 'testcase').reduce((n, c) => n + Number(c.attributes.time ?? 0), 0);
      expect(suite.attributes.time, suite.attributes.name).toBeDefined();
      expect(Number(suite.attributes.time)).toBeCloseTo(sum, 2);
    }

    expect(findAll(root, 'failure')).toHaveLength(1);
    // The TypeError in a test, plus the broken beforeAll reported outside tests.
    expect(findAll(root, 'error')).toHaveLength(2);
    const properties = Object.fromEntries(findAll(root, 'property').map((p) => [p.attributes.name, p.attributes.value]));
    expect(properties).toMatchObject({ 'qod.apiVersion': '1.1.0', 'qod.toolVersion': '0.1.0', 'qod.verdict': 'TOOL ERROR' });
  });

  it('writes report.json with the verdict, counts, coverage and evidence', () => {
    const data = json(run);
    expect(data.verdict).toBe('TOOL ERROR');
    expect(data.counts).toMatchObject({ passed: 2, failed: 1, toolErrors: 1, skipped: 4, notApplicable: 1, missingData: 1, deselected: 1, other: 1 });
    expect(data.areas.find((a) => a.area === 'headers')).toMatchObject({ total: 1, skipped: 1, notApplicable: 1 });
    expect(data.groupErrors).toHaveLength(1);
    expect(data.coverage).toMatchObject({ release: 'r3.2', total: 98, executed: 2, passed: 1, failed: 1 });
    expect(data.coverageLine).toBe('CAMARA r3.2 scenarios: 2/98 executed, 1 passed, 1 failed');
    const failed = data.tests.find((t) => t.state === 'failed');
    expect(failed).toMatchObject({ area: 'duration', operation: 'createSession', scenarioId: 'quality_on_demand_createSession_400.9_invalid_duration' });
    expect(failed?.failure).toMatchObject({ name: 'ConformanceFailure', rule: 'QoD 1.1.0 createSession responses.400 (duration outside limits)' });
    expect(failed?.exchanges[0]?.request.headers.Authorization).toBe('Bearer [REDACTED]');
    expect(failed?.counterexample?.data).toEqual({ duration: 86401 });
    const passed = data.tests.find((t) => t.name.startsWith('quality_on_demand_createSession_401.1'));
    expect(passed?.advisories[0]?.title).toBe('x-correlator not echoed on 401');
    expect(passed?.exchanges[0]?.curl).toContain('Bearer $TOKEN');
    expect(data.standardNotes.fromTests[0]?.note).toContain('conflict 2');
    expect(data.run.endedAt).not.toBe('');
  });

  it('writes report.html with verdict, transcript, curl line and tool errors apart', () => {
    const html = read(run, 'report.html');
    expect(html).toContain('<div class="verdict">TOOL ERROR</div>');
    expect(html).toContain('corr-TRANSCRIPT-MARKER');
    expect(html).toContain('&quot;duration&quot;: 999999'); // pretty-printed request body
    expect(html).toContain('-H &#39;Authorization: Bearer $TOKEN&#39;');
    expect(html).toContain('shrunk to duration=86401 (seed 42, path 0:1)');
    expect(html).toMatch(/<section id="tool-errors"><h2>Tool errors \(2\)/);
    expect(html).toContain('needs operator data: tokens.expired');
    expect(html).toContain('<th class="num">Not applicable</th>');
    expect(html).toMatch(/<td>headers<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    expect(html).toContain('1 failed · 1 not applicable, 3 skipped (1 missing operator data, 1 not selected, 1 other) · 1 tool errors');
    expect(html).not.toMatch(/<script|<link|src="http/i); // the advisory's <script> is escaped
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('writes a grey "tool error" badge', () => {
    const svg = read(run, 'badge.svg');
    expect(svg).toContain('>QoD 1.1.0<');
    expect(svg).toContain('>tool error<');
    expect(svg).toContain('#9f9f9f');
  });

  it('prints one line per finished file with its own counts (no TTY), and a short summary', () => {
    expect(run.terminal).toMatch(/^\[\d\/3\] fail\.test\.ts: 0 passed, 1 failed, 1 not applicable, 1 skipped \(\d/m);
    expect(run.terminal).toMatch(/^\[\d\/3\] pass\.test\.ts: 2 passed, 0 failed \(/m);
    // Each file once, and no running totals per area any more.
    expect(run.terminal.match(/^\[\d\/3\] /gm)).toHaveLength(3);
    expect(run.terminal).not.toMatch(/^ {2}duration /m);
    expect(run.terminal).not.toContain('\r');
    expect(run.terminal).toContain('8 tests: 2 passed, 1 failed, 1 not applicable, 3 skipped (1 missing operator data, 1 not selected, 1 other), 1 tool errors');
    expect(run.terminal).toContain('TOOL ERROR');
    expect(run.terminal).toContain('CAMARA r3.2 scenarios: 2/98 executed, 1 passed, 1 failed');
    expect(run.terminal).toContain('Advisories: 1');
    expect(run.terminal).toContain(`HTML report: ${join(run.reportDir, 'report.html')}`);
  });

  it('the summary says what was certified and how long it took, each failure with its reason, each tool error with its message', () => {
    expect(run.terminal).toMatch(/^ {2}QoD 1\.1\.0, dialect camara \(as given\) · took \d/m);
    expect(run.terminal).toContain('    x quality_on_demand_createSession_400.9_invalid_duration — duration outside the profile limits: duration beyond maxDuration was accepted');
    expect(run.terminal).toMatch(/^ {2}Tool errors: 2 \(problems in qod-conformance, not the endpoint; stacks in the HTML report\):$/m);
    expect(run.terminal).toMatch(/^ {4}! validation of applicationServer: TypeError|^ {4}! validation of applicationServer: Cannot read properties of undefined/m);
    expect(run.terminal).toMatch(/^ {4}! .*broken\.test\.ts > callbacks \(setup\): sink did not start/m);
  });
});

describe('verdicts of whole runs', () => {
  const runs: FakeRun[] = [];
  const fake = async (suites: Record<string, string>): Promise<FakeRun> => {
    const run = await runFakeSuites(suites);
    runs.push(run);
    return run;
  };
  afterAll(() => runs.forEach(removeFakeRun));

  it('is CONFORMANT with a green badge when everything passes', async () => {
    const run = await fake({ 'pass.test.ts': PASSING_SUITE });
    expect(json(run).verdict).toBe('CONFORMANT');
    expect(read(run, 'badge.svg')).toContain('>conformant<');
    expect(read(run, 'report.html')).toContain('<div class="verdict">CONFORMANT</div>');
    expectNoSecrets(run);
  });

  it('is NOT CONFORMANT with "1 failure" when the endpoint fails a check', async () => {
    const run = await fake({ 'pass.test.ts': PASSING_SUITE, 'fail.test.ts': FAILING_SUITE });
    expect(json(run).verdict).toBe('NOT CONFORMANT');
    expect(read(run, 'badge.svg')).toContain('>1 failure<');
    expectNoSecrets(run);
  });

  it('is INCOMPLETE when a check needs missing operator data', async () => {
    const run = await fake({ 'incomplete.test.ts': INCOMPLETE_SUITE });
    expect(json(run).verdict).toBe('INCOMPLETE');
    expect(read(run, 'badge.svg')).toContain('>incomplete<');
    expect(run.terminal).toContain('needs operator data: tokens.expired');
  });
});
