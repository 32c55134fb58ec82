// Text for the CLI's terminal: the short final summary (progress lines: progress.ts).
import { skipSummary } from './areas.js';
import { advisoriesOf, type ReportData } from './report-data.js';
import { workLine } from './economy.js';
import type { Verdict } from './verdict.js';

export interface Paint {
  verdict(verdict: Verdict, text: string): string;
  dim(text: string): string;
}

const ANSI: Record<Verdict, string> = {
  CONFORMANT: '\x1b[1;32m',
  'NOT CONFORMANT': '\x1b[1;31m',
  INCOMPLETE: '\x1b[1;33m',
  'TOOL ERROR': '\x1b[1;35m',
};

export function paintFor(colour: boolean): Paint {
  return colour
    ? { verdict: (v, text) => `${ANSI[v]}${text}\x1b[0m`, dim: (text) => `\x1b[2m${text}\x1b[0m` }
    : { verdict: (_v, text) => text, dim: (text) => text };
}

const LIST_LIMIT = 10;

export function summaryLines(data: ReportData, htmlPath: string, paint: Paint): string[] {
  const c = data.counts;
  const lines = ['', `${paint.verdict(data.verdict, data.verdict)}  ${paint.dim(`QoD ${data.run.apiVersion} at ${data.run.endpoint.baseUrl}`)}`];
  const skipped = skipSummary(c);
  lines.push(`  ${c.total} tests: ${c.passed} passed, ${c.failed} failed, ${skipped ? `${skipped}, ` : ''}${c.toolErrors} tool errors`);
  lines.push(`  ${data.coverageLine}`, `  ${data.ruleCoverageLine}`);
  lines.push(`  Cost: ${workLine(data.work)}`);
  lines.push(`  Advisories: ${advisoriesOf(data).length}`);
  for (const note of data.run.preflightNotes ?? []) lines.push(`  Preflight: ${note}`);
  const failed = data.tests.filter((t) => t.state === 'failed');
  const causes = data.rootCauses;
  if (causes.length > 0) {
    // Every distinct broken rule (a failure counts under each rule it broke), with one example.
    lines.push(`  Rules broken (${causes.length}, by failures):`);
    for (const g of causes) lines.push(`    ${String(g.count).padStart(3)} × ${g.title}${g.ruleId ? paint.dim(` [${g.ruleId}]`) : ''}`, `          e.g. ${g.example}`);
  }
  if (failed.length > 0) lines.push('  Failures:', ...limited(failed.map((t) => `    x ${t.name}`)));
  const broken = data.tests.filter((t) => t.state === 'error').length + data.groupErrors.length + data.unhandledErrors.length;
  if (broken > 0) lines.push(`  Tool errors: ${broken} (problems in qod-conformance, not the endpoint; details in the HTML report)`);
  const needs = [...new Set(data.tests.filter((t) => t.skipKind === 'needs').map((t) => t.skipNote ?? ''))];
  if (needs.length > 0) lines.push('  Could not run (missing configuration):', ...limited(needs.map((n) => `    - ${n}`)));
  const blocked = [...new Set(data.tests.filter((t) => t.skipKind === 'blocked').map((t) => t.skipNote ?? ''))];
  if (blocked.length > 0) lines.push("  Could not check (the endpoint's state or an allowed choice of it; no blame):", ...limited(blocked.map((n) => `    - ${n}`)));
  const unexercised = [...new Set(data.tests.filter((t) => t.skipKind === 'not-exercised').map((t) => t.skipNote ?? ''))];
  if (unexercised.length > 0) lines.push('  Not exercised (a setup step failed; the check whose subject it is judges it):', ...limited(unexercised.map((n) => `    - ${n}`)));
  lines.push(`  HTML report: ${htmlPath}`, '');
  return lines;
}

function limited(lines: string[]): string[] {
  return lines.length <= LIST_LIMIT ? lines : [...lines.slice(0, LIST_LIMIT), `    ... and ${lines.length - LIST_LIMIT} more`];
}
