// The "Spec rules" section: the inventory coverage line, and every uncovered rule grouped by why.
import type { ReportData } from '../report-data.js';
import { esc } from './escape.js';

const ABSENT = 'validated on every answer or callback of its kind, but none in this run carried the field';

export function ruleCoverageSection(data: ReportData): string {
  const cov = data.ruleCoverage;
  const head = `<section id="rule-coverage"><h2>Spec rules</h2>
<p><strong>${esc(data.ruleCoverageLine)}</strong></p>`;
  if (!cov) return `${head}<p class="muted">The rule inventory (specs/rules/) lists QoD 0.10.1, 1.1.0 and 1.2.0-rc.3.</p></section>`;
  const groups = new Map<string, typeof cov.uncovered>();
  // Fields absent from every validated answer get one group: their reasons differ only by the field.
  const heading = (r: (typeof cov.uncovered)[number]) => (r.basis === 'absent' ? ABSENT : r.reason);
  for (const rule of cov.uncovered) groups.set(heading(rule), [...(groups.get(heading(rule)) ?? []), rule]);
  const uncovered = [...groups]
    .sort((a, b) => b[1].length - a[1].length)
    .map(
      ([reason, rules]) =>
        `<details><summary>${esc(reason)} (${esc(rules.length)})</summary><ul class="ids">${rules
          .map((r) => `<li><code>${esc(r.id)}</code> <span class="muted">${esc(r.kind === 'advisory' ? '[advisory] ' : '')}${esc(r.statement)}</span></li>`)
          .join('')}</ul></details>`,
    )
    .join('');
  const unknown = cov.unknownIds.length
    ? `<h3>Rule IDs not in the QoD ${esc(cov.version)} inventory</h3><p class="muted">Tests name these rules in their <code>covers</code>; they are not counted.</p><ul class="ids">${cov.unknownIds.map((id) => `<li><code>${esc(id)}</code></li>`).join('')}</ul>`
    : '';
  return `${head}
<p class="muted">Every constraint of the spec's schemas and every normative sentence of QoD ${esc(cov.version)} (specs/rules/). A rule is covered when a check that ran in this run (passed or failed) exercised it: it names the rule, or it validated an answer or callback in which the rule's field was present.</p>
${cov.uncovered.length ? `<h3>Not covered, and why (${esc(cov.uncovered.length)})</h3>${uncovered}` : '<p>Every rule was covered.</p>'}${unknown}
</section>`;
}
