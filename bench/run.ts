// `npm run bench`: how long a certification run takes against the reference provider, where the
// time goes, and how the suite's HTTP layer and property runs scale. Writes bench/results.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/util/package-root.js';
import { measureClientOverhead, median, round } from './client-overhead.js';

interface TestStats {
  test: string;
  requests: number;
  cases: number;
  timerWaitMs: number;
}

interface Milestones {
  servicesReady?: number;
  firstFileStarted?: number;
  lastFileEnded?: number;
  reportsWritten?: number;
}

interface RunFigures {
  wallMs: number;
  /** CPU time of the run's processes (CLI, provider, vitest workers); Linux only. */
  cpuMs?: number;
  /** Where the time went (ms since the CLI started; src/runner/timeline.ts). */
  milestones: Milestones;
  exitCode: number | null;
  requests: number;
  cases: number;
  /** Longest single chain of endpoint timers a test had to wait out (they can all overlap). */
  unavoidableWaitMs: number;
  /** Sum of all timer waits (what a fully serial run would wait). */
  totalTimerWaitMs: number;
}

const { values: args } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    'small-runs': { type: 'string', default: '100' },
    'large-runs': { type: 'string', default: '1000' },
    quick: { type: 'boolean', default: false },
  },
});

/** CPU time (user + system, ms) of this process's waited-for children and theirs (Linux /proc),
 *  so that a run's CPU can be told from its waiting. undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th (clock ticks, 100/s).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

async function runCli(cliArgs: string[]): Promise<{ wallMs: number; cpuMs?: number; code: number | null; reportDir: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'qod-bench-'));
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist/src/cli/main.js'), '--report-dir', reportDir, '--seed', '1', ...cliArgs], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const cpuAfter = childrenCpuMs();
  return { wallMs: performance.now() - started, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore, code, reportDir };
}

function readMilestones(reportDir: string): Milestones {
  try {
    return (JSON.parse(readFileSync(join(reportDir, 'timings.json'), 'utf8')) as { milestones: Milestones }).milestones;
  } catch {
    return {};
  }
}

function readStats(reportDir: string): TestStats[] {
  try {
    return readFileSync(join(reportDir, 'stats.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TestStats);
  } catch {
    return [];
  }
}

async function fullRun(extra: string[] = []): Promise<RunFigures> {
  const { wallMs, cpuMs, code, reportDir } = await runCli(extra);
  const stats = readStats(reportDir);
  return {
    wallMs: Math.round(wallMs),
    cpuMs,
    milestones: readMilestones(reportDir),
    exitCode: code,
    requests: stats.reduce((n, s) => n + s.requests, 0),
    cases: stats.reduce((n, s) => n + s.cases, 0),
    unavoidableWaitMs: Math.max(0, ...stats.map((s) => s.timerWaitMs)),
    totalTimerWaitMs: stats.reduce((n, s) => n + s.timerWaitMs, 0),
  };
}

const pad = (s: string, n: number) => s.padEnd(n);

async function main(): Promise<void> {
  const repeat = Number(args.repeat);
  const runs: RunFigures[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = await fullRun();
    runs.push(r);
    process.stdout.write(`  full run ${i + 1}/${repeat}: ${r.wallMs} ms (exit ${r.exitCode})\n`);
  }
  const wall = median(runs.map((r) => r.wallMs));
  const mid = runs.find((r) => r.wallMs === wall) ?? runs[0]!;
  const unavoidable = median(runs.map((r) => r.unavoidableWaitMs));
  // The same run with every file in one worker: what overlapping the files saves.
  const serialRuns: RunFigures[] = [];
  for (let i = 0; i < repeat; i++) serialRuns.push(await fullRun(['--workers', '1']));
  const serialWall = median(serialRuns.map((r) => r.wallMs));
  const m = mid.milestones;
  const phases = {
    startUpMs: m.firstFileStarted ?? null,
    suitesMs: m.firstFileStarted !== undefined && m.lastFileEnded !== undefined ? m.lastFileEnded - m.firstFileStarted : null,
    reportsAndExitMs: m.lastFileEnded !== undefined ? mid.wallMs - m.lastFileEnded : null,
  };

  const overhead = await measureClientOverhead(args.quick ? 500 : 1000, args.quick ? 5 : 9);

  const smallRuns = Number(args['small-runs']);
  const largeRuns = Number(args['large-runs']);
  const small = await fullRun(['--only', 'validation,ports,duration,devices', '--runs', String(smallRuns)]);
  const large = await fullRun(['--only', 'validation,ports,duration,devices', '--runs', String(largeRuns)]);

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
    fullRun: {
      repeats: repeat,
      medianWallMs: wall,
      requests: mid.requests,
      requestsPerSecond: round(mid.requests / (wall / 1000)),
      generatedCases: mid.cases,
      generatedCasesPerSecond: round(mid.cases / (wall / 1000)),
      unavoidableWaitMs: unavoidable,
      totalTimerWaitMs: mid.totalTimerWaitMs,
      wallOverUnavoidable: unavoidable > 0 ? round(wall / unavoidable, 2) : null,
      exitCodes: runs.map((r) => r.exitCode),
      /** Of the median run: CLI start to the first suite file, the suite files, reports and exit. */
      phases,
      /** CPU time of the median run's processes, and the share of the machine it used. */
      cpuMs: mid.cpuMs ?? null,
      cpuUse: mid.cpuMs === undefined ? null : round(mid.cpuMs / (mid.wallMs * cpus().length), 2),
      oneWorkerMedianWallMs: serialWall,
      oneWorkerExitCodes: serialRuns.map((r) => r.exitCode),
    },
    clientOverhead: overhead,
    scaling: {
      smallRuns,
      largeRuns,
      smallWallMs: small.wallMs,
      largeWallMs: large.wallMs,
      smallCases: small.cases,
      largeCases: large.cases,
      wallRatio: round(large.wallMs / small.wallMs, 2),
    },
  };
  writeFileSync(join(packageRoot(), 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const rows: Array<[string, string]> = [
    ['full run, median wall time', `${wall} ms (${repeat} runs)`],
    ['requests sent', `${mid.requests} (${results.fullRun.requestsPerSecond}/s)`],
    ['generated cases', `${mid.cases} (${results.fullRun.generatedCasesPerSecond}/s)`],
    ['unavoidable waits (longest timer chain)', `${unavoidable} ms (all timer waits: ${mid.totalTimerWaitMs} ms)`],
    ['wall / unavoidable', String(results.fullRun.wallOverUnavoidable)],
    ['where the time goes', `start-up ${phases.startUpMs} ms, suite files ${phases.suitesMs} ms, reports + exit ${phases.reportsAndExitMs} ms`],
    ['CPU time of the run (all its processes)', results.fullRun.cpuMs === null ? 'n/a (Linux only)' : `${results.fullRun.cpuMs} ms (${Math.round(results.fullRun.cpuUse! * 100)}% of ${cpus().length} CPUs over the wall time)`],
    ['same run in one worker (--workers 1)', `${serialWall} ms`],
    ['client overhead (suite client / bare undici)', `${overhead.ratio} (median of ${overhead.rounds} paired rounds of ${overhead.requests} requests: ${overhead.suiteClientMs} vs ${overhead.bareUndiciMs} ms)`],
    [`scaling --runs ${largeRuns} / --runs ${smallRuns}`, `${results.scaling.wallRatio} (${large.wallMs} vs ${small.wallMs} ms; ${large.cases} vs ${small.cases} cases)`],
  ];
  process.stdout.write('\nqod-conformance benchmark\n');
  for (const [k, v] of rows) process.stdout.write(`  ${pad(k, 46)} ${v}\n`);
  process.stdout.write(`  machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}\n`);
  process.stdout.write('  written to bench/results.json\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
