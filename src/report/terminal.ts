// Text for the CLI's terminal: the short final summary (progress lines: progress.ts).
import { skipSummary } from './areas.js';
import { advisoriesOf, type ReportData } from './report-data.js';
import { workLine } from './economy.js';
import { apiOfRecord, targetLabel } from './run-record.js';
import { formatDuration } from './progress.js';
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
  return colour ? { verdict: (v, text) => `${ANSI[v]}${text}\x1b[0m`, dim: (text) => `\x1b[2m${text}\x1b[0m` } : { verdict: (_v, text) => text, dim: (text) => text };
}

const LIST_LIMIT = 10;

export function summaryLines(data: ReportData, htmlPath: string, paint: Paint): string[] {
  const c = data.counts;
  const lines = ['', `${paint.verdict(data.verdict, data.verdict)}  ${paint.dim(`${targetLabel(data.run)} at ${data.run.endpoint.baseUrl}`)}`];
  lines.push(`  ${targetLine(data.run)}`);
  const skipped = skipSummary(c);
  lines.push(`  ${c.total} tests: ${c.passed} passed, ${c.failed} failed, ${skipped ? `${skipped}, ` : ''}${c.toolErrors} tool errors`);
  lines.push(`  ${data.coverageLine}`, `  ${data.ruleCoverageLine}`);
  lines.push(`  Cost: ${workLine(data.work, apiOfRecord(data.run))}`);
  lines.push(`  Advisories: ${advisoriesOf(data).length}`);
  for (const note of data.run.preflightNotes ?? []) lines.push(`  Preflight: ${note}`);
  const failed = data.tests.filter((t) => t.state === 'failed');
  const causes = data.rootCauses;
  if (causes.length > 0) {
    // Every distinct broken rule (a failure counts under each rule it broke), with one example.
    lines.push(`  Rules broken (${causes.length}, by failures):`);
    for (const g of causes) lines.push(`    ${String(g.count).padStart(3)} × ${g.title}${g.ruleId ? paint.dim(` [${g.ruleId}]`) : ''}`, `          e.g. ${g.example}`);
  }
  // Each failure with the one line that says what the endpoint did wrong (the evidence is in the HTML).
  if (failed.length > 0) lines.push('  Failures:', ...failed.map((t) => `    x ${t.name}${t.failure ? `: ${oneLine(t.failure.message)}` : ''}`));
  const broken = [
    ...data.tests.filter((t) => t.state === 'error').map((t) => `${t.name}: ${oneLine(t.failure?.message ?? 'error')}`),
    ...data.groupErrors.map((g) => `${g.file.replace(/^dist\//, '')}${g.suite ? ` > ${g.suite}` : ''} (setup): ${oneLine(g.error.message)}`),
    ...data.unhandledErrors.map((e) => `unhandled: ${oneLine(e.message)}`),
  ];
  if (broken.length > 0) lines.push(`  Tool errors: ${broken.length} (problems in qod-conformance, not the endpoint; stacks in the HTML report):`, ...broken.map((b) => `    ! ${b}`));
  const needs = counted(data.tests.filter((t) => t.skipKind === 'needs').map((t) => t.skipNote ?? ''));
  // Every missing key (not "... and N more"): the list is what the operator has to fill in.
  if (needs.length > 0) lines.push('  Could not run (missing configuration):', ...needs.map(([n, k]) => `    - ${n} (${k} ${k === 1 ? 'check' : 'checks'})`), ...CONFIG_HINT);
  const blocked = [...new Set(data.tests.filter((t) => t.skipKind === 'blocked').map((t) => t.skipNote ?? ''))];
  if (blocked.length > 0) lines.push("  Could not check (the endpoint's state or an allowed choice of it; no blame):", ...limited(blocked.map((n) => `    - ${n}`)));
  const unexercised = [...new Set(data.tests.filter((t) => t.skipKind === 'not-exercised').map((t) => t.skipNote ?? ''))];
  if (unexercised.length > 0) lines.push('  Not exercised (a setup step failed; the check whose subject it is judges it):', ...limited(unexercised.map((n) => `    - ${n}`)));
  lines.push(`  HTML report: ${htmlPath}`, '');
  return lines;
}

/** What was certified and how long it took, e.g. "QoD 0.10.1, dialect orange (detected: ...) · took 9.8s". */
export function targetLine(run: ReportData['run']): string {
  // The detection's reasons were printed when it ran, and are in report.json (run.apiVersionDetection).
  const how = run.apiVersionDetection ? 'detected by --api-version auto' : 'as given';
  const took = Date.parse(run.endedAt) - Date.parse(run.startedAt);
  return `${targetLabel(run)}, dialect ${run.dialect} (${how})${Number.isFinite(took) && took >= 0 ? ` · took ${formatDuration(took)}` : ''}`;
}

/** The first line of a message, cut to what a terminal line holds. */
function oneLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** How to get the operator data the skipped checks name. */
export const CONFIG_HINT = [
  '  Give them in a config file (--config FILE): README "Config file" says what each key is for, and the',
  '  schema is src/config/config.schema.json in the package; `qod-conformance serve --write-config FILE`',
  '  writes a filled-in one for the built-in reference provider, a model to copy from.',
];

/** Distinct notes with how many checks gave each, most frequent first (first seen breaks ties). */
function counted(notes: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function limited(lines: string[]): string[] {
  return lines.length <= LIST_LIMIT ? lines : [...lines.slice(0, LIST_LIMIT), `    ... and ${lines.length - LIST_LIMIT} more`];
}
