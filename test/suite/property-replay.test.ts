// A property whose cases go several at a time reports the counterexample, seed, path and replay line
// of the sequential run (--concurrency 1: fast-check alone, case by case), and the replay line's
// --seed and --runs find it again. The endpoint: a profile with minDuration 120 s (variant) that
// grants durations above maxDuration (fault): with seed 7 cases 0..3 are refused as they should be
// and case 4 is the first to break the rule, so cases 1..4 are sent together.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

interface Exchange {
  startedAt: string;
  durationMs: number;
  request: { method: string };
}
interface Counterexample {
  data: { property: string; seed: number; path: string; numRuns: number; numShrinks: number; counterexample: unknown; replay: string; exchange: { requestBody: string; status: number } };
}
interface Report {
  tests: Array<{ checkId: string; state: string; counterexample?: Counterexample; exchanges?: Exchange[] }>;
}

const CHECK = 'createSession.property.duration-outside-profile';

async function run(seed: string, runs: string, concurrency: string): Promise<Report['tests'][number]> {
  const dir = tempDir('qod-property-replay-');
  const args = ['--report-dir', dir, '--seed', seed, '--runs', runs, '--concurrency', concurrency, '--provider-latency', '30'];
  const result = await runCli([...args, '--variant', 'high-min-duration=120', '--fault', 'duration-over-max-accepted', '--check', CHECK]);
  expect(result.code, result.stdout + result.stderr).toBe(1);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const test = report.tests.find((t) => t.checkId === CHECK)!;
  expect(test.state).toBe('failed');
  return test;
}

/** What a run reports about the failure, without what differs from run to run (port, ids, times). */
function reported(test: Report['tests'][number]) {
  const { property, seed, path, numRuns, numShrinks, counterexample, replay, exchange } = test.counterexample!.data;
  return { property, seed, path, numRuns, numShrinks, counterexample, replay, request: exchange.requestBody, status: exchange.status };
}

/** Whether two of the property's creates were in flight at the same time. */
function overlapped(exchanges: Exchange[]): boolean {
  const creates = exchanges.filter((e) => e.request.method === 'POST').map((e) => ({ start: Date.parse(e.startedAt), end: Date.parse(e.startedAt) + e.durationMs }));
  return creates.some((a, i) => creates.some((b, j) => i !== j && b.start >= a.start && b.start < a.end));
}

describe('generated cases sent together, shrunk alone', () => {
  it("reports the sequential run's counterexample, seed and path, and the replay line finds it again", async () => {
    const [together, sequential] = await Promise.all([run('7', '100', '16'), run('7', '100', '1')]);
    const got = reported(together);
    expect(overlapped(together.exchanges ?? [])).toBe(true);
    expect(overlapped(sequential.exchanges ?? [])).toBe(false);
    expect(got).toEqual(reported(sequential));
    expect(got.path.split(':')[0]).toBe('4');
    expect(got.replay).toBe(`qod-conformance --seed 7 --runs 100 (fast-check path ${got.path})`);

    // The replay line: the same --seed and --runs.
    const [, seed, runs] = /--seed (\S+) --runs (\S+)/.exec(got.replay)!;
    const replayed = await run(seed!, runs!, '16');
    expect(reported(replayed)).toEqual(got);
  }, 120_000);
});
