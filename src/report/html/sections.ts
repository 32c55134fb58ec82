// The sections of report.html, in reading order for a certifier.
import { apiOfRecord, targetLabel } from '../run-record.js';
import { skipBreakdown, skippedBesidesNotApplicable, skipSummary } from '../areas.js';
import { advisoriesOf, type ReportData } from '../report-data.js';
import type { TestOutcome, Verdict } from '../model.js';
import { anchor, esc } from './escape.js';
import { createdNoun, workLine } from '../economy.js';
import { failureDetails, testEvidence } from './evidence.js';

const VERDICT_CLASS: Record<Verdict, string> = {
  CONFORMANT: 'v-conformant',
  'NOT CONFORMANT': 'v-not-conformant',
  INCOMPLETE: 'v-incomplete',
  'TOOL ERROR': 'v-tool-error',
};

const VERDICT_MEANING: Record<Verdict, string> = {
  CONFORMANT: 'Every check that applies passed.',
  'NOT CONFORMANT': 'The endpoint failed at least one check (see "Failures").',
  INCOMPLETE:
    'No check failed, but some could not run (missing configuration or operator data, a state of the endpoint that left nothing to check, such as a busy test device, a setup step that failed (not exercised), or the run was cut short).',
  'TOOL ERROR': "The conformance tool itself broke; the results below cannot be trusted either way. This is not the endpoint's fault.",
};

export function banner(data: ReportData): string {
  const c = data.counts;
  const skips = skipSummary(c);
  return `<section class="banner ${VERDICT_CLASS[data.verdict]}" id="verdict">
<div class="verdict">${esc(data.verdict)}</div>
<p>${esc(VERDICT_MEANING[data.verdict])}</p>
<p>${esc(targetLabel(data.run))} · ${esc(c.passed)} passed · ${esc(c.failed)} failed${skips ? ` · ${esc(skips)}` : ''} · ${esc(c.toolErrors)} tool errors · ${esc(data.coverageLine)} · ${esc(data.ruleCoverageLine)}</p>
</section>`;
}

export function runRecord(data: ReportData): string {
  const r = data.run;
  const api = apiOfRecord(r);
  const created = createdNoun(api)[1];
  const rows: Array<[string, string]> = [
    ['Tool', `${esc(r.tool.name)} ${esc(r.tool.version)}`],
    ['API version', esc(r.apiVersion)],
    ['Dialect', esc(r.dialect)],
    ['Endpoint', `<code>${esc(r.endpoint.baseUrl)}</code>${r.endpoint.embedded ? ' (built-in reference provider)' : ''}`],
    ['QoS Profiles endpoint', r.endpoint.profilesUrl ? `<code>${esc(r.endpoint.profilesUrl)}</code>` : '<span class="muted">none</span>'],
    ['Injected faults', r.endpoint.faults?.length ? esc(r.endpoint.faults.join(', ')) : '<span class="muted">none</span>'],
    ['Provider variants', r.endpoint.variants?.length ? esc(r.endpoint.variants.join(', ')) : '<span class="muted">none</span>'],
    ['Started', esc(r.startedAt)],
    ['Ended', esc(r.endedAt)],
    ['Seed', `<code>${esc(r.seed)}</code>`],
    ['Runs per property', esc(r.runs)],
    [created.charAt(0).toUpperCase() + created.slice(1), r.sessions ? `${esc(r.sessions.created)} created, ${esc(r.sessions.deleted)} deleted` : '<span class="muted">not recorded</span>'],
    ['Cost to the endpoint', esc(workLine(data.work, api))],
  ];
  if (r.preflightNotes?.length) rows.push(['Preflight', r.preflightNotes.map(esc).join('<br>')]);
  if (r.container) rows.push(['Container image', `<code>${esc(r.container.image)}</code>`]);
  const specs = r.specFiles.map((s) => `<tr><td><code>${esc(s.path)}</code></td><td><code>${esc(s.sha256)}</code></td></tr>`).join('');
  // Open when something went wrong: the implementation's own log is the first place to look.
  const logsOpen = data.verdict === 'CONFORMANT' ? '' : ' open';
  const logs = r.container?.logs
    ? `<details id="container-logs"${logsOpen}><summary>Container logs (${esc(r.container.image)}, last lines)</summary><pre>${esc(r.container.logs)}</pre></details>`
    : '';
  return `<section id="run"><h2>Run record</h2>
<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>
<h3>Spec files</h3>
<table><tr><th>File</th><th>sha256</th></tr>${specs || '<tr><td colspan="2" class="muted">none recorded</td></tr>'}</table>
<details><summary>Configuration (secrets redacted)</summary><pre>${esc(JSON.stringify(r.config, null, 2))}</pre></details>
${logs}
</section>`;
}

export function areaTable(data: ReportData): string {
  const work = new Map(data.work.byArea.map((w) => [w.area, w]));
  const rows = data.areas.map((a) => {
    const cost = work.get(a.area);
    const cls = a.total === 0 ? ' class="zero"' : '';
    const kinds = skipBreakdown(a);
    const why = kinds.length > 0 ? ` <span class="muted">(${esc(kinds.join(', '))})</span>` : '';
    return `<tr${cls}><td>${esc(a.area)}</td><td class="num">${esc(a.total)}</td><td class="num">${esc(a.passed)}</td><td class="num">${esc(a.failed)}</td><td class="num">${esc(a.notApplicable)}</td><td class="num">${esc(skippedBesidesNotApplicable(a))}${why}</td><td class="num">${esc(a.errors)}</td><td class="num">${esc(cost?.sessionsCreated ?? 0)}</td><td class="num">${esc(cost?.requests ?? 0)}</td></tr>`;
  });
  return `<section id="areas"><h2>Results by area</h2>
<p class="muted">Not applicable: the check's rule does not exist in ${esc(targetLabel(data.run))}. Skipped: the check applies but did not run, and why.</p>
<table><tr><th>Area</th><th class="num">Tests</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">Not applicable</th><th class="num">Skipped</th><th class="num">Tool errors</th><th class="num">Sessions created</th><th class="num">Requests</th></tr>${rows.join('')}</table>
</section>`;
}

export function coverageSection(data: ReportData): string {
  const cov = data.coverage;
  if (!cov) {
    return `<section id="coverage"><h2>CAMARA scenario coverage</h2><p>${esc(data.coverageLine)}: the standard publishes no test definitions for this version.</p></section>`;
  }
  const groups = cov.skippedReasons
    .map((g) => `<h3>${esc(g.reason)} (${esc(g.scenarioIds.length)})</h3><ul class="ids">${g.scenarioIds.map((id) => `<li><code>${esc(id)}</code></li>`).join('')}</ul>`)
    .join('');
  const failed = cov.failedIds.length ? `<h3>Failed scenarios</h3><ul class="ids">${cov.failedIds.map((id) => `<li><code>${esc(id)}</code></li>`).join('')}</ul>` : '';
  const unknown = cov.unknownIds.length
    ? `<h3>Scenario IDs not in ${esc(cov.release)}</h3><p class="muted">Tests carry these IDs, but the ${esc(cov.release)} definitions do not contain them; they are not counted.</p><ul class="ids">${cov.unknownIds.map((id) => `<li><code>${esc(id)}</code></li>`).join('')}</ul>`
    : '';
  const notExecuted = cov.notExecuted.length ? `<h3>Not executed, and why</h3>${groups}` : '<p>Every scenario was executed.</p>';
  return `<section id="coverage"><h2>CAMARA scenario coverage</h2>
<p><strong>${esc(data.coverageLine)}</strong></p>
${failed}${notExecuted}${unknown}
</section>`;
}

export function advisoriesSection(data: ReportData): string {
  const items = advisoriesOf(data);
  const body = items.length
    ? items
        .map(
          (a) => `<div class="card advisory"><h3>${esc(a.title)}</h3>
<dl class="kv"><dt>Why it matters</dt><dd>${esc(a.whyItMatters)}</dd><dt>Detail</dt><dd>${esc(a.detail)}</dd><dt>Test</dt><dd>${esc(a.test)}</dd></dl></div>`,
        )
        .join('')
    : '<p class="muted">No advisories.</p>';
  return `<section id="advisories"><h2>Advisories (${esc(items.length)})</h2>
<p class="muted">Advisories never change the verdict: they point at behaviour that is allowed but likely to hurt clients.</p>${body}</section>`;
}

export function standardNotesSection(data: ReportData): string {
  const catalogue = data.standardNotes.catalogue.length
    ? `<h3>Where the official test definitions and the spec disagree</h3><ul>${data.standardNotes.catalogue.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : '';
  const fromTests = data.standardNotes.fromTests.length
    ? `<h3>What this run followed</h3><ul>${data.standardNotes.fromTests.map((n) => `<li>${esc(n.note)} <span class="muted">(${esc(n.tests.join('; '))})</span></li>`).join('')}</ul>`
    : '';
  return `<section id="standard-notes"><h2>Notes on the standard</h2>${catalogue || fromTests ? catalogue + fromTests : '<p class="muted">None.</p>'}</section>`;
}

export function failuresSection(data: ReportData): string {
  const failed = data.tests.filter((t) => t.state === 'failed');
  const hookFailures = data.groupErrors.filter((g) => g.conformance);
  const cards = failed.map(
    (t) => `<div class="card failure" id="${anchor('failure', t.id)}">
<h3>${esc(t.name)}</h3>
<div class="muted">${esc(t.area)} / ${esc(t.operation)} · ${esc(t.file)}</div>
${t.failure ? failureDetails(t.failure, t) : ''}
${(t.moreErrors ?? []).map((e) => failureDetails(e)).join('')}
${testEvidence(t)}
</div>`,
  );
  const hooks = hookFailures.map((g) => `<div class="card failure"><h3>${esc(g.suite || g.file)} (setup)</h3><div class="muted">${esc(g.file)}</div>${failureDetails(g.error)}</div>`);
  const total = cards.length + hooks.length;
  const causes = data.rootCauses;
  const byId = new Map(failed.map((t) => [t.id, t]));
  // Each broken rule with the failures that broke it (a failure is under every rule it broke).
  const causeTable = causes.length
    ? `<h3>Root causes</h3><p class="muted">Every rule the failed checks broke, most failures first: one defect behind many failures.</p>${causes
        .map(
          (g) =>
            `<details class="root-cause"><summary><b>${esc(g.count)} ×</b> ${esc(g.title)}${g.ruleId ? ` <span class="muted">${esc(g.ruleId)}</span>` : ''}<div class="muted">e.g. ${esc(g.example)}</div></summary><ul>${g.tests
              .map((id) => byId.get(id))
              .filter((t): t is TestOutcome => t !== undefined)
              .map((t) => `<li><a href="#${anchor('failure', t.id)}">${esc(t.name)}</a></li>`)
              .join('')}</ul></details>`,
        )
        .join('')}`
    : '';
  const logsLink = total && data.run.container?.logs ? `<p>The implementation's own log: <a href="#container-logs">container logs</a> (${esc(data.run.container.image)}).</p>` : '';
  return `<section id="failures"><h2>Failures (${esc(total)})</h2>${logsLink}${causeTable}${total ? cards.join('') + hooks.join('') : '<p class="muted">No check failed.</p>'}</section>`;
}

export function toolErrorsSection(data: ReportData): string {
  const tests = data.tests.filter((t) => t.state === 'error');
  const groups = data.groupErrors.filter((g) => !g.conformance);
  const total = tests.length + groups.length + data.unhandledErrors.length;
  if (total === 0) return `<section id="tool-errors"><h2>Tool errors (0)</h2><p class="muted">The tool ran without errors.</p></section>`;
  const stack = (s: string | undefined): string => (s ? `<details><summary>Stack</summary><pre>${esc(s)}</pre></details>` : '');
  const cards = [
    ...tests.map(
      (t) => `<div class="card tool" id="${anchor('tool-error', t.id)}"><h3>${esc(t.name)}</h3>
<div class="muted">${esc(t.area)} / ${esc(t.operation)} · ${esc(t.file)}</div>
<p>tool error: ${esc(t.failure?.name ?? 'Error')} (this is a problem in qod-conformance, not in the endpoint)</p>
<pre>${esc(t.failure?.message ?? '')}</pre>${stack(t.failure?.stack)}${testEvidence(t)}</div>`,
    ),
    ...groups.map(
      (g) => `<div class="card tool"><h3>${esc(g.suite || g.file)} (outside tests)</h3><p>tool error: ${esc(g.error.name)}</p><pre>${esc(g.error.message)}</pre>${stack(g.error.stack)}</div>`,
    ),
    ...data.unhandledErrors.map((e) => `<div class="card tool"><h3>Unhandled error</h3><p>tool error: ${esc(e.name)}</p><pre>${esc(e.message)}</pre>${stack(e.stack)}</div>`),
  ];
  return `<section id="tool-errors"><h2>Tool errors (${esc(total)})</h2>
<p>These are problems in the conformance tool, not failures of the endpoint. Please report them with this file.</p>${cards.join('')}</section>`;
}

export function allTestsSection(data: ReportData): string {
  const rows = data.tests.map(testRow).join('');
  return `<section id="tests"><h2>All tests (${esc(data.tests.length)})</h2>
<table><tr><th>State</th><th>Test</th><th>Area / operation</th><th class="num">ms</th></tr>${rows}</table></section>`;
}

function testRow(t: TestOutcome): string {
  const note = t.skipNote ? `<div class="muted">${esc(t.skipNote)}</div>` : '';
  const rule = t.rule ? `<div class="muted">rule: ${esc(t.rule)}</div>` : '';
  // Failures and tool errors already show their evidence above; link there instead of repeating it.
  const evidence =
    t.state === 'failed'
      ? `<div><a href="#${anchor('failure', t.id)}">see failure</a></div>`
      : t.state === 'error'
        ? `<div><a href="#${anchor('tool-error', t.id)}">see tool error</a></div>`
        : t.exchanges.length || t.callbacks.length || t.counterexample
          ? `<details><summary>Evidence (${esc(t.exchanges.length)} exchanges, ${esc(t.callbacks.length)} callbacks)</summary>${testEvidence(t)}</details>`
          : '';
  return `<tr id="${anchor('test', t.id)}"><td class="state s-${esc(t.state)}">${esc(stateLabel(t))}</td><td>${esc(t.name)}${rule}${note}${evidence}</td><td>${esc(t.area)} / ${esc(t.operation)}</td><td class="num">${esc(t.durationMs)}</td></tr>`;
}

function stateLabel(t: TestOutcome): string {
  return t.state === 'error' ? 'tool error' : t.state;
}
