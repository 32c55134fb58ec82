// Text for the CLI's terminal: a progress line per area, then a short final summary.
import type { AreaCount } from './areas.js';
import { advisoriesOf, type ReportData } from './report-data.js';
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

/** e.g. "  validation      12 passed   1 failed   3 skipped" (running totals for the area). */
export function areaLine(count: AreaCount): string {
  const parts = [`${pad(count.passed)} passed`, `${pad(count.failed)} failed`, `${pad(count.skipped)} skipped`];
  if (count.errors > 0) parts.push(`${count.errors} tool errors`);
  return `  ${count.area.padEnd(14)}${parts.join('  ')}`;
}

const pad = (n: number): string => String(n).padStart(3);

const LIST_LIMIT = 10;

export function summaryLines(data: ReportData, htmlPath: string, paint: Paint): string[] {
  const c = data.counts;
  const lines = ['', `${paint.verdict(data.verdict, data.verdict)}  ${paint.dim(`QoD ${data.run.apiVersion} at ${data.run.endpoint.baseUrl}`)}`];
  const skipped = c.deselected > 0 ? `${c.skipped} skipped (${c.deselected} not selected)` : `${c.skipped} skipped`;
  lines.push(`  ${c.total} tests: ${c.passed} passed, ${c.failed} failed, ${skipped}, ${c.toolErrors} tool errors`);
  lines.push(`  ${data.coverageLine}`);
  lines.push(`  Advisories: ${advisoriesOf(data).length}`);
  const failed = data.tests.filter((t) => t.state === 'failed');
  if (failed.length > 0) lines.push('  Failures:', ...limited(failed.map((t) => `    x ${t.name}`)));
  const broken = data.tests.filter((t) => t.state === 'error').length + data.groupErrors.length + data.unhandledErrors.length;
  if (broken > 0) lines.push(`  Tool errors: ${broken} (problems in qod-conformance, not the endpoint; details in the HTML report)`);
  const needs = [...new Set(data.tests.filter((t) => t.skipKind === 'needs').map((t) => t.skipNote ?? ''))];
  if (needs.length > 0) lines.push('  Could not run (missing configuration):', ...limited(needs.map((n) => `    - ${n}`)));
  const blocked = [...new Set(data.tests.filter((t) => t.skipKind === 'blocked').map((t) => t.skipNote ?? ''))];
  if (blocked.length > 0) lines.push("  Could not check (the endpoint's state or an allowed choice of it; no blame):", ...limited(blocked.map((n) => `    - ${n}`)));
  lines.push(`  HTML report: ${htmlPath}`, '');
  return lines;
}

function limited(lines: string[]): string[] {
  return lines.length <= LIST_LIMIT ? lines : [...lines.slice(0, LIST_LIMIT), `    ... and ${lines.length - LIST_LIMIT} more`];
}
