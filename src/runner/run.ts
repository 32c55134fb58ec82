// One certification run: plan → services (sink, embedded provider) → preflight → suites →
// cleanup sweep → verdict → exit code. Teardowns run in reverse order, also on Ctrl-C.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createReporters } from '../../reporters/index.js';
import type { RunPlan } from '../config/plan.js';
import type { ApiVersion } from '../config/types.js';
import { EXIT, type ExitCode } from '../errors.js';
import { collectResults, computeVerdict, type Verdict } from '../report/model.js';
import { readLedger, summarize } from '../safety/ledger.js';
import { checkServedPair, loadDialect, unsentDialectHeaders } from '../dialects/index.js';
import { detectForRun } from '../versions/detect.js';
import { Teardowns } from './tasks.js';
import { Timeline } from './timeline.js';
import { createSuiteRun, type VitestHandle } from './vitest.js';
import { prepareRun } from './prepare.js';
import { collectChecks, suiteFilterOf } from '../checks/registry.js';
import { collectionConfig } from '../checks/collect-config.js';
import { filesOfChecks } from '../checks/select.js';

export interface RunOutcome {
  exitCode: ExitCode;
  verdict?: Verdict;
  reportDir: string;
}

export const VERDICT_EXIT: Record<Verdict, ExitCode> = {
  CONFORMANT: EXIT.conformant,
  'NOT CONFORMANT': EXIT.notConformant,
  INCOMPLETE: EXIT.incomplete,
  'TOOL ERROR': EXIT.toolError,
};

export async function runConformance(plan: RunPlan, io: { stderr: (line: string) => void }): Promise<RunOutcome> {
  // An unknown dialect is a usage error before anything starts; auto asks the endpoint (versions/detect.ts).
  loadDialect(plan.dialect);
  // auto detects the dialect with the version (unless --dialect names it).
  const detected = plan.apiVersion === 'auto' ? await detectForRun(plan, io) : undefined;
  if (detected) plan = detected.plan;
  const dialect = loadDialect(plan.dialect);
  // The built-in provider serves a dialect only with its documented versions: said before anything starts.
  if (plan.target.embedded) checkServedPair(dialect, plan.apiVersion);
  if (dialect.relaxes.length) io.stderr(`dialect ${dialect.name} (${dialect.title}) relaxes: ${dialect.relaxes.map((r) => r.check).join(', ')}`);
  // A header the operator expects but whose value is not set is left out: said, never silently.
  const unsent = unsentDialectHeaders(dialect);
  for (const line of unsent) io.stderr(line);
  const apiVersion: ApiVersion = plan.apiVersion as ApiVersion;
  const teardowns = new Teardowns();
  const startedAt = new Date().toISOString();
  let vitestHandle: VitestHandle | undefined;
  let aborted: NodeJS.Signals | undefined;
  const abortStart = new AbortController();
  const timeline = new Timeline();

  const onSignal = (signal: NodeJS.Signals) => {
    if (aborted) {
      io.stderr(`${signal}: still stopping: deleting the sessions the run created (bounded by --timeout per session)…`);
      return;
    }
    aborted = signal;
    abortStart.abort();
    io.stderr(`${signal}: stopping the run and deleting the sessions it created…`);
    void vitestHandle?.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    mkdirSync(plan.reportDir, { recursive: true });
    const ledgerFile = join(plan.reportDir, 'sessions-ledger.jsonl');
    rmSync(ledgerFile, { force: true });
    rmSync(join(plan.reportDir, 'stats.jsonl'), { force: true });
    rmSync(join(plan.reportDir, 'timings.json'), { force: true });
    // A detection report is this run's only when it detected (versions/detect.ts wrote it just now).
    if (!detected) rmSync(join(plan.reportDir, 'detection.json'), { force: true });
    // --check: the registry names the suite files that hold the checks (an unknown ID stops here).
    const checkFiles = plan.checks.length
      ? filesOfChecks(plan.checks, await collectChecks(collectionConfig(apiVersion, { specFiles: plan.specFiles, dialect: dialect.name, api: plan.api }))).map(suiteFilterOf)
      : undefined;

    const { config, getRunRecord, sweep, secretList } = await prepareRun(plan, {
      apiVersion,
      dialect,
      detection: detected?.detection,
      startedAt,
      ledgerFile,
      teardowns,
      signal: abortStart.signal,
      io,
      notes: unsent,
    });
    let sweptBeforeReports: ReturnType<typeof sweep> | undefined;
    const sessionsLive = (): number => summarize(readLedger(ledgerFile)).alive.length;
    const reporters = createReporters({ reportDir: plan.reportDir, getRunRecord, secrets: secretList, sessionsLive });
    for (const reporter of reporters) {
      const onTestRunEnd = reporter.onTestRunEnd?.bind(reporter);
      if (!onTestRunEnd) continue;
      reporter.onTestRunEnd = async (...args) => {
        await (sweptBeforeReports ??= sweep()).catch(() => undefined);
        return onTestRunEnd(...args);
      };
    }

    let result: Awaited<ReturnType<VitestHandle['run']>> | undefined;
    if (!aborted) {
      const ours = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) };
      timeline.mark('servicesReady');
      vitestHandle = await createSuiteRun(config, [timeline, ...reporters], checkFiles ?? (plan.suites.length ? plan.suites : undefined));
      timeline.mark('suitesCreated');
      teardowns.add('vitest', () => vitestHandle!.close());
      // vitest's logger exits the process on SIGINT/SIGTERM (after a 1 ms flush), which would skip
      // the sweep: the run handles those signals itself (onSignal cancels vitest).
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!ours[signal].has(listener)) process.off(signal, listener);
      }
      if (!aborted) result = await vitestHandle.run();
    }

    timeline.mark('reportsWritten');
    const swept = await sweep();
    timeline.write(join(plan.reportDir, 'timings.json'));
    if (swept.leftover.length) {
      io.stderr(`warning: ${swept.leftover.length} session(s) could not be deleted; run: qod-conformance cleanup --ledger ${ledgerFile}`);
    }
    if (aborted || !result) {
      const reports = result ? `the reports in ${plan.reportDir} are incomplete` : 'no check ran';
      io.stderr(`run aborted (${aborted ?? 'interrupted'}): sessions created ${swept.created}, deleted ${swept.deleted}; ${reports}`);
      return { exitCode: EXIT.unreachable, reportDir: plan.reportDir };
    }
    const verdict = computeVerdict(collectResults(result.testModules), { unhandledErrors: result.unhandledErrors, interrupted: result.interrupted });
    return { exitCode: VERDICT_EXIT[verdict], verdict, reportDir: plan.reportDir };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await teardowns.run();
  }
}
