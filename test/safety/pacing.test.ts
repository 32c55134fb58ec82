// test-order: long, about 20 s
// Gentle on a production endpoint, in one run: --max-rps spaces the requests (measured from the
// exchanges in report.json), --max-sessions caps the sessions the run creates (the checks that
// would need more skip, naming the budget), --profile safe drops the property runs, and every
// session created is deleted.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { readReport, type ReportJson } from './helpers.js';

let run: CliResult;
let report: ReportJson & { run: { runs: number } };

beforeAll(async () => {
  const dir = tempDir('qod-pacing-');
  // Three worker processes: both limits hold for the run as a whole, not per worker.
  run = await runCli(['--max-rps', '5', '--workers', '3', '--only', 'auth', '--profile', 'safe', '--max-sessions', '2', '--report-dir', dir], { timeoutMs: 110_000 });
  report = readReport(dir) as typeof report;
}, 120_000);

describe('pacing and budgets (--max-rps 5 --workers 3 --only auth --profile safe --max-sessions 2)', () => {
  it('requests are spaced to at most 5 per second, without bursts', () => {
    const times = report.tests.flatMap((t) => t.exchanges.map((e) => Date.parse(e.startedAt))).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(30);
    const spanS = (times[times.length - 1]! - times[0]!) / 1000;
    const rate = (times.length - 1) / spanS;
    expect(rate, `${times.length} requests in ${spanS.toFixed(1)} s`).toBeLessThanOrEqual(5.2);
    // Never more than 5 (+1 on the window's edges) in any one-second window.
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! > 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(6);
  });

  it('at most 2 sessions, all deleted; the checks needing more skip naming the budget (exit 5, nothing failed); no property runs', () => {
    expect(run.code, run.stderr).toBe(5);
    expect(run.stdout).toMatch(/needs a larger --max-sessions budget/);
    expect(report.run.sessions!.created).toBeGreaterThan(0);
    expect(report.run.sessions!.created).toBeLessThanOrEqual(2);
    expect(report.run.sessions!.deleted).toBe(report.run.sessions!.created);
    expect(report.tests.filter((t) => t.skipNote?.startsWith('needs a larger --max-sessions budget')).length).toBeGreaterThan(0);
    expect(report.tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => t.name)).toEqual([]);
    expect(report.run.runs).toBe(0);
  });
});
