// `npm run bench`: how long a certification run takes against the reference provider, where the
// time goes, and how the suite's HTTP layer and property runs scale. Writes bench/results.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
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
    /** Answer delay of the field-speed runs (ms). */
    latency: { type: 'string', default: '100' },
    /** A second, longer delay for the fixture's devices (an operator on another continent; 0: none). */
    'far-latency': { type: 'string', default: '250' },
    /** Only the field-speed runs (latency × devices), not the loopback figures above them. */
    'field-only': { type: 'boolean', default: false },
    /** Only the project's own tests (`vitest run --config test/vitest.config.ts`, as npm test runs them after its build). */
    'self-tests': { type: 'boolean', default: false },
  },
});

/** The project's own tests, timed from outside (never a timed test): wall and CPU of what `npm
 *  test` runs (the build, the lint, the vitest run), and the slowest files by vitest's own per-file duration. */
interface SelfTests {
  date: string;
  machine: ReturnType<typeof machine>;
  /** Load average (1 min) when the run started: the machine is shared. */
  loadAtStart: number;
  /** All of `npm test`: build, lint and vitest. */
  wallMs: number;
  /** The build and the lint alone (the first steps of `npm test`). */
  buildAndLintWallMs: number;
  cpuMs: number | null;
  exitCode: number | null;
  tests: number;
  failed: number;
  targetWallMs: number;
  slowestFiles: Array<{ file: string; durationMs: number }>;
}

const SELF_TEST_TARGET_MS = 4 * 60_000;

async function selfTests(): Promise<SelfTests> {
  const root = packageRoot();
  const out = join(mkdtempSync(join(tmpdir(), 'qod-bench-self-')), 'vitest.json');
  const loadAtStart = round(loadavg()[0] ?? 0);
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const step = (command: string, args: string[]) =>
    new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('close', resolve);
    });
  // As `npm test` (package.json): the build and the lint first, then vitest.
  const prepared = (await step('npm', ['run', '--silent', 'build'])) === 0 && (await step('npm', ['run', '--silent', 'lint'])) === 0;
  const buildAndLintWallMs = Math.round(performance.now() - started);
  const code = prepared
    ? await step(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', '--reporter=dot', '--reporter=json', `--outputFile.json=${out}`])
    : 1;
  const wallMs = Math.round(performance.now() - started);
  const cpuAfter = childrenCpuMs();
  let report: { numTotalTests?: number; numFailedTests?: number; testResults?: Array<{ name: string; startTime: number; endTime: number }> } = {};
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as typeof report;
  } catch {
    // No JSON report (vitest failed to start): the exit code says so.
  }
  const slowestFiles = (report.testResults ?? [])
    .map((f) => ({ file: relative(root, f.name), durationMs: Math.round(f.endTime - f.startTime) }))
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 8);
  return {
    date: new Date().toISOString(),
    machine: machine(),
    loadAtStart,
    wallMs,
    buildAndLintWallMs,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? null : cpuAfter - cpuBefore,
    exitCode: code,
    tests: report.numTotalTests ?? 0,
    failed: report.numFailedTests ?? 0,
    targetWallMs: SELF_TEST_TARGET_MS,
    slowestFiles,
  };
}

function printSelfTests(r: SelfTests): void {
  process.stdout.write(`
the project's own tests (npm test: build, lint, vitest run --config test/vitest.config.ts; load average ${r.loadAtStart} at the start)
`);
  process.stdout
    .write(`  wall ${Math.round(r.wallMs / 1000)} s (build and lint ${Math.round((r.buildAndLintWallMs ?? 0) / 1000)} s; target ${r.targetWallMs / 1000} s: ${r.wallMs <= r.targetWallMs ? 'met' : 'not met'}), CPU ${r.cpuMs === null ? 'n/a' : `${Math.round(r.cpuMs / 1000)} s`}, ${r.tests} tests, ${r.failed} failed, exit ${r.exitCode}
`);
  for (const f of r.slowestFiles)
    process.stdout.write(`  ${pad(f.file, 50)} ${Math.round(f.durationMs / 1000)} s
`);
}

/** CPU time (user + system, ms) of this process's waited-for children and theirs (Linux /proc),
 *  so that a run's CPU can be told from its waiting. undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th (clock ticks, 100/s).
    const fields = readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

async function runCli(cliArgs: string[], reportDir = mkdtempSync(join(tmpdir(), 'qod-bench-'))): Promise<{ wallMs: number; cpuMs?: number; code: number | null; reportDir: string }> {
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
  if (args['self-tests']) {
    // The suite's own figures stay as last measured (with their own date and machine).
    const self = await selfTests();
    writeResults({ ...readPrevious(), selfTests: self });
    printSelfTests(self);
    return;
  }
  const repeat = Number(args.repeat);
  const field = await fieldSpeed(args.quick ? 1 : repeat, Number(args.latency), Number(args['far-latency']));
  if (args['field-only']) {
    // The loopback figures above stay as last measured (with their own date and machine).
    writeResults({ ...readPrevious(), fieldSpeed: field });
    printField(field);
    return;
  }
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
    machine: machine(),
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
    fieldSpeed: field,
    selfTests: readPrevious().selfTests,
  };
  writeResults(results);

  const rows: Array<[string, string]> = [
    ['full run, median wall time', `${wall} ms (${repeat} runs)`],
    ['requests sent', `${mid.requests} (${results.fullRun.requestsPerSecond}/s)`],
    ['generated cases', `${mid.cases} (${results.fullRun.generatedCasesPerSecond}/s)`],
    ['unavoidable waits (longest timer chain)', `${unavoidable} ms (all timer waits: ${mid.totalTimerWaitMs} ms)`],
    ['wall / unavoidable', String(results.fullRun.wallOverUnavoidable)],
    ['where the time goes', `start-up ${phases.startUpMs} ms, suite files ${phases.suitesMs} ms, reports + exit ${phases.reportsAndExitMs} ms`],
    [
      'CPU time of the run (all its processes)',
      results.fullRun.cpuMs === null ? 'n/a (Linux only)' : `${results.fullRun.cpuMs} ms (${Math.round(results.fullRun.cpuUse! * 100)}% of ${cpus().length} CPUs over the wall time)`,
    ],
    ['same run in one worker (--workers 1)', `${serialWall} ms`],
    [
      'client overhead (suite client / bare undici)',
      `${overhead.ratio} (median of ${overhead.rounds} paired rounds of ${overhead.requests} requests: ${overhead.suiteClientMs} vs ${overhead.bareUndiciMs} ms)`,
    ],
    [`scaling --runs ${largeRuns} / --runs ${smallRuns}`, `${results.scaling.wallRatio} (${large.wallMs} vs ${small.wallMs} ms; ${large.cases} vs ${small.cases} cases)`],
  ];
  process.stdout.write('\nqod-conformance benchmark\n');
  for (const [k, v] of rows) process.stdout.write(`  ${pad(k, 46)} ${v}\n`);
  printField(field);
  process.stdout.write(`  machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}\n`);
  process.stdout.write('  written to bench/results.json\n');
}

function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version };
}

function readPrevious(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'bench/results.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function writeResults(results: object): void {
  writeFileSync(join(packageRoot(), 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** One full default run as the field sees it: figures of the median of `repeat` runs. */
interface FieldRun {
  devices: number;
  latencyMs: number;
  repeats: number;
  medianWallMs: number;
  requests: number;
  sessionsCreated: number | null;
  /** Requests × latency / wall: how many round trips were in flight on average. */
  effectiveConcurrency: number | null;
  exitCodes: Array<number | null>;
}

interface FieldSpeed {
  date: string;
  machine: ReturnType<typeof machine>;
  /** Load average (1 min) when the field runs started: the machine may be shared. */
  loadAtStart: number;
  latencyMs: number;
  /** The longer delay, run with the fixture's devices only (0: not run). */
  farLatencyMs: number;
  runs: FieldRun[];
  /** Wall at latencyMs / wall at 0 ms, with the same devices. */
  latencyRatio: Record<string, number>;
  /** Wall with 2 devices at latencyMs / wall with the fixture's devices at 0 ms. */
  twoDevicesOverLoopback: number;
  /** The ratios issue 27 sets targets for, each with its target. */
  targets: Array<{ figure: string; value: number | null; target: number }>;
  /** Sessions of a --profile safe run at 0 ms (target: at most 30). */
  safeSessions: number | null;
}

/** Targets of the field runs (issue 27). */
const FIELD_TARGETS = { nearOverLoopback: 1.3, farOverLoopback: 1.6, twoDevicesOverLoopback: 2, safeSessions: 30, sessions: 70 } as const;

function sessionsCreated(reportDir: string): number | null {
  try {
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { run?: { sessions?: { created?: number } } };
    return report.run?.sessions?.created ?? null;
  } catch {
    return null;
  }
}

/** The full default run at 0 ms and at `latency` ms, with the fixture's test devices and with 2; at
 *  `far` ms with the fixture's devices; a --profile safe run for its sessions. */
async function fieldSpeed(repeat: number, latency: number, far: number): Promise<FieldSpeed> {
  const loadAtStart = round(loadavg()[0] ?? 0);
  const fixture = JSON.parse(readFileSync(join(packageRoot(), 'fixtures/embedded.json'), 'utf8')) as { devices: { known?: Record<string, unknown>; pool?: Array<Record<string, unknown>> } };
  const pool = fixture.devices.pool ?? [];
  const fixtureDevices = (fixture.devices.known ? 1 : 0) + pool.length;
  // Operator data with 2 test devices (README "Config file"): the known one and a pool device of
  // another identifier type, so that the checks needing two identifier types still run.
  const knownKinds = Object.keys(fixture.devices.known ?? {});
  const second = pool.find((d) => Object.keys(d).some((k) => !knownKinds.includes(k))) ?? pool[0];
  const twoDir = mkdtempSync(join(tmpdir(), 'qod-bench-2dev-'));
  const twoConfig = join(twoDir, 'two-devices.json');
  writeFileSync(twoConfig, JSON.stringify({ devices: { pool: second ? [second] : [] } }));
  const configs = [
    { devices: fixtureDevices, args: [] as string[], latencies: far > 0 ? [0, latency, far] : [0, latency] },
    { devices: 2, args: ['--config', twoConfig], latencies: [0, latency] },
  ];
  const runs: FieldRun[] = [];
  for (const config of configs) {
    for (const ms of config.latencies) {
      const figures: Array<{ wallMs: number; requests: number; sessions: number | null; code: number | null }> = [];
      for (let i = 0; i < repeat; i++) {
        const { wallMs, code, reportDir } = await runCli([...config.args, ...(ms > 0 ? ['--provider-latency', String(ms)] : [])]);
        const requests = readStats(reportDir).reduce((n, s) => n + s.requests, 0);
        figures.push({ wallMs: Math.round(wallMs), requests, sessions: sessionsCreated(reportDir), code });
        process.stdout.write(`  field run, ${config.devices} devices, latency ${ms} ms, ${i + 1}/${repeat}: ${Math.round(wallMs)} ms (exit ${code})\n`);
      }
      const wall = median(figures.map((f) => f.wallMs));
      const mid = figures.find((f) => f.wallMs === wall) ?? figures[0]!;
      runs.push({
        devices: config.devices,
        latencyMs: ms,
        repeats: repeat,
        medianWallMs: wall,
        requests: mid.requests,
        sessionsCreated: mid.sessions,
        effectiveConcurrency: ms > 0 ? round((mid.requests * ms) / wall, 2) : null,
        exitCodes: figures.map((f) => f.code),
      });
    }
  }
  const wallOf = (devices: number, ms: number) => runs.find((r) => r.devices === devices && r.latencyMs === ms)?.medianWallMs;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? round(a / b, 2) : null);
  const latencyRatio = Object.fromEntries(configs.map((c) => [`${c.devices} devices`, ratio(wallOf(c.devices, latency), wallOf(c.devices, 0)) ?? 0]));
  const loopback = wallOf(fixtureDevices, 0);
  const twoDevicesOverLoopback = ratio(wallOf(2, latency), loopback) ?? 0;
  const safe = await runCli(['--profile', 'safe']);
  process.stdout.write(`  field run, --profile safe, latency 0 ms: ${Math.round(safe.wallMs)} ms (exit ${safe.code})\n`);
  const targets = [
    { figure: `full run, ${fixtureDevices} devices: wall at ${latency} ms / at 0 ms`, value: ratio(wallOf(fixtureDevices, latency), loopback), target: FIELD_TARGETS.nearOverLoopback },
    ...(far > 0 ? [{ figure: `full run, ${fixtureDevices} devices: wall at ${far} ms / at 0 ms`, value: ratio(wallOf(fixtureDevices, far), loopback), target: FIELD_TARGETS.farOverLoopback }] : []),
    { figure: `2 devices at ${latency} ms / ${fixtureDevices} devices at 0 ms`, value: twoDevicesOverLoopback, target: FIELD_TARGETS.twoDevicesOverLoopback },
    { figure: 'sessions of the full run at 0 ms', value: runs.find((r) => r.devices === fixtureDevices && r.latencyMs === 0)?.sessionsCreated ?? null, target: FIELD_TARGETS.sessions },
    { figure: 'sessions of a --profile safe run at 0 ms', value: sessionsCreated(safe.reportDir), target: FIELD_TARGETS.safeSessions },
  ];
  return {
    date: new Date().toISOString(),
    machine: machine(),
    loadAtStart,
    latencyMs: latency,
    farLatencyMs: far,
    runs,
    latencyRatio,
    twoDevicesOverLoopback,
    targets,
    safeSessions: sessionsCreated(safe.reportDir),
  };
}

function printField(field: FieldSpeed): void {
  process.stdout.write(
    `\nfield speed: the full default run at ${field.latencyMs}${field.farLatencyMs ? ` and ${field.farLatencyMs}` : ''} ms answer latency (median of ${field.runs[0]?.repeats ?? 0}; load average ${field.loadAtStart} at the start)\n`,
  );
  process.stdout.write(`  ${pad('devices', 8)} ${pad('latency', 8)} ${pad('wall', 10)} ${pad('requests', 9)} ${pad('sessions', 9)} ${pad('eff. concurrency', 17)} exit codes\n`);
  for (const r of field.runs) {
    process.stdout.write(
      `  ${pad(String(r.devices), 8)} ${pad(`${r.latencyMs} ms`, 8)} ${pad(`${r.medianWallMs} ms`, 10)} ${pad(String(r.requests), 9)} ${pad(String(r.sessionsCreated ?? 'n/a'), 9)} ${pad(r.effectiveConcurrency === null ? '-' : String(r.effectiveConcurrency), 17)} ${r.exitCodes.join(',')}\n`,
    );
  }
  for (const t of field.targets) {
    const met = t.value === null ? 'n/a' : t.value <= t.target ? 'met' : 'not met';
    process.stdout.write(`  ${pad(t.figure, 52)} ${pad(String(t.value ?? 'n/a'), 6)} (target at most ${t.target}: ${met})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
