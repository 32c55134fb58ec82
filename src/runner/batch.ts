// Several runs in ONE vitest instance: the self-tests' runs of the reference provider (test/selftest/self-test.test.ts).
// A CLI run per fault costs a process, a vitest start, worker processes that load the tool and
// compile the spec, and the reports, about 2.5 s of CPU before any check; here every run gets its
// own services (prepare.ts: reference provider, sink, coordinator, ledger, token) but the worker
// processes, their modules and compiled specs serve them all. Each run's suite files are imported
// by an entry file that names the run first (src/suite/run-scope.ts), with a query that makes Node
// evaluate the suite module once more, so its checks are declared for that run. No reports are
// written: the outcome is what the CLI's verdict and exit code are computed from (with
// exchangeEvidence false, without the HTTP exchanges a report would show).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suiteFiles } from '../checks/registry.js';
import type { RunPlan } from '../config/plan.js';
import type { ApiVersion, RunConfig } from '../config/types.js';
import { loadDialect } from '../dialects/index.js';
import { collectResults, computeVerdict, type RunResults, type Verdict } from '../report/model.js';
import type { RunRecord } from '../report/run-record.js';
import type { ExitCode } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import { prepareRun, type PreparedRun } from './prepare.js';
import { VERDICT_EXIT } from './run.js';
import { runsLongChains, waitsOnTimers } from './sequencer.js';
import { Teardowns } from './tasks.js';
import { createSuiteRun } from './vitest.js';

export interface BatchRun {
  /** Names the run (letters, digits, dashes): its entry folder and its key in the outcome. */
  id: string;
  /** An embedded run's plan (as buildPlan makes it); plan.suites selects its files as --suite does. */
  plan: RunPlan;
}

export interface BatchOutcome {
  verdict: Verdict;
  exitCode: ExitCode;
  results: RunResults;
  /** After the exit sweep: what the CLI's reports would say of the run. */
  record: RunRecord;
}

export interface BatchOptions {
  /** Worker processes for all runs together (their waits on endpoint timers overlap). */
  workers: number;
  /** Checks at once per worker. */
  concurrency: number;
  /** false: no HTTP exchanges and callbacks on the outcome's tests (the caller reads only verdicts,
   *  states and failures); sending each to the main process costs CPU in both. Default true. */
  exchangeEvidence?: boolean;
  io?: { stderr: (line: string) => void };
}

/** The files a run's --suite filters select (substrings of the path, as vitest's filter). */
function selected(files: string[], filters: string[]): string[] {
  return filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
}

function entryFile(root: string, suite: string, id: string): string {
  // The suite's order marker (sequencer.ts), so the batch starts the long files first too.
  const head = runsLongChains(join(root, suite)) ? `// qod-chains: ${suite}\n` : waitsOnTimers(join(root, suite)) ? `// qod-waits: ${suite}\n` : '';
  const url = (p: string) => pathToFileURL(join(root, p)).href;
  return `${head}import { enterRun } from ${JSON.stringify(url('dist/src/suite/run-scope.js'))};
enterRun(${JSON.stringify(id)});
await import(${JSON.stringify(`${url(suite)}?run=${encodeURIComponent(id)}`)});
`;
}

export async function runBatch(runs: BatchRun[], options: BatchOptions): Promise<Map<string, BatchOutcome>> {
  if (!runs.length) return new Map();
  const root = packageRoot();
  const io = options.io ?? { stderr: () => undefined };
  const teardowns = new Teardowns();
  const entries = join(tmpdir(), `qod-batch-${process.pid}-${Date.now()}`);
  try {
    const prepared = new Map<string, PreparedRun>();
    for (const { id, plan } of runs) {
      if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`batch run id "${id}": letters, digits and dashes only`);
      if (!plan.target.embedded || plan.apiVersion === 'auto') throw new Error(`batch run ${id}: only embedded runs of a named version`);
      mkdirSync(plan.reportDir, { recursive: true });
      const ledgerFile = join(plan.reportDir, 'sessions-ledger.jsonl');
      rmSync(ledgerFile, { force: true });
      const run = await prepareRun(plan, {
        apiVersion: plan.apiVersion as ApiVersion,
        dialect: loadDialect(plan.dialect),
        startedAt: new Date().toISOString(),
        ledgerFile,
        teardowns,
        signal: new AbortController().signal,
        io,
      });
      prepared.set(id, run);
      const chosen = selected(suiteFiles(plan.api), plan.suites);
      if (!chosen.length) throw new Error(`batch run ${id}: no suite file matches ${plan.suites.join(', ')}`);
      for (const suite of chosen) {
        const entry = join(entries, id, suite.replace(/^dist\//, ''));
        mkdirSync(join(entry, '..'), { recursive: true });
        writeFileSync(entry, entryFile(root, suite, id));
      }
    }
    const evidence = options.exchangeEvidence === false ? { exchangeEvidence: false } : {};
    const configs: Record<string, RunConfig> = Object.fromEntries([...prepared].map(([id, p]) => [id, { ...p.config, ...evidence }]));
    const first = prepared.values().next().value as PreparedRun;
    const base: RunConfig = { ...first.config, workers: options.workers, concurrency: options.concurrency };
    const vitest = await createSuiteRun(base, [], undefined, { include: [`${entries.split(sep).join('/')}/**/*.test.js`], runs: configs });
    teardowns.add('vitest', () => vitest.close());
    const exitCode = process.exitCode;
    const result = await vitest.run();
    // vitest marks the process failed when a check fails; here that is an outcome, not an error.
    process.exitCode = exitCode;

    const outcomes = new Map<string, BatchOutcome>();
    for (const [id, run] of prepared) {
      const own = join(entries, id) + sep;
      const results = collectResults(result.testModules.filter((m) => m.moduleId.startsWith(own)));
      // An error outside every test cannot be told to one run: it counts against each.
      const verdict = computeVerdict(results, { unhandledErrors: result.unhandledErrors, interrupted: result.interrupted });
      await run.sweep();
      outcomes.set(id, { verdict, exitCode: VERDICT_EXIT[verdict], results, record: run.getRunRecord() });
    }
    return outcomes;
  } finally {
    await teardowns.run();
    rmSync(entries, { recursive: true, force: true });
  }
}
