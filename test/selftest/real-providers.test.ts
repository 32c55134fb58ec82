// The embedded provider made to behave like real providers nobody here wrote (issue 20), in CLI runs
// whose output is read: a create that breaks its rule under checks that only need it as setup, a test
// device busy before the run. Each report must blame the root cause once and never fail a check for
// a step it did not test. The runs judged on their results alone are in the self-test batch
// (real-provider-runs.ts): a refused cleanup DELETE, a missing extend route, FastAPI error bodies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import type { ReportTest } from '../support/report-test.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { writeFileSync } from 'node:fs';

interface Report {
  verdict: string;
  counts: { failed: number; notExercised: number; blocked: number };
  rootCauses: Array<{ ruleId?: string; title: string; count: number }>;
  run: { preflightNotes?: string[] };
  tests: ReportTest[];
}

async function run(args: string[]): Promise<{ r: CliResult; report: Report; failed: ReportTest[] }> {
  const dir = tempDir('qod-real-');
  const r = await runCli([...args, '--runs', '5', '--seed', '1', '--report-dir', dir], { timeoutMs: 240_000 });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  expect(
    report.tests.filter((t) => t.state === 'error').map((t) => t.name),
    'tool errors',
  ).toEqual([]);
  return { r, report, failed: report.tests.filter((t) => t.state === 'failed') };
}
const firstLine = (t: ReportTest) => t.failure?.message.split('\n')[0] ?? '';

describe('providers that behave like real ones', () => {
  it('a create that breaks its rule leaves the checks that only need a session not exercised (INCOMPLETE), never failed', { timeout: 240_000 }, async () => {
    const { r, report, failed } = await run(['--fault', 'wrong-success-status', '--suite', 'sessions/getSession']);
    expect(failed.map((t) => t.name)).toEqual([]);
    expect(r.code).toBe(5);
    expect(report.verdict).toBe('INCOMPLETE');
    expect(report.counts.notExercised).toBeGreaterThan(0);
    const notes = report.tests.filter((t) => t.skipKind === 'not-exercised').map((t) => t.skipNote);
    for (const note of notes) expect(note).toMatch(/^not exercised: creating the session the check works on \(createSession\) failed: expected HTTP 201, got 200/);
    expect(r.stdout + r.stderr).toContain('Not exercised');
  });
});

describe('a test device busy before the run', () => {
  let provider: RunningProvider;
  let config: string;
  let busyId: string;
  const busy = '+34600000013';
  beforeAll(async () => {
    provider = await startProvider({ insecureSinkTls: true });
    const { provider: _world, ...operator } = provider.fixtures;
    config = join(tempDir('qod-busy-'), 'operator.json');
    writeFileSync(config, JSON.stringify(operator));
    // A session another client of the operator left on one of the test devices.
    const res = await fetch(`${provider.baseUrl}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator.tokens.default}`, 'content-type': 'application/json' },
      body: JSON.stringify({ device: { phoneNumber: busy }, applicationServer: operator.applicationServer, qosProfile: operator.qosProfiles.valid, duration: 3600 }),
    });
    expect(res.status).toBe(201);
    busyId = ((await res.json()) as { sessionId: string }).sessionId;
  });
  afterAll(async () => {
    await provider.close();
  });

  it('is reported by the preflight in one line and left out of the pool; nothing fails on it', { timeout: 240_000 }, async () => {
    const { r, report, failed } = await run(['--base-url', provider.baseUrl, '--config', config, '--suite', 'sessions/getSession', '--suite', 'sessions/deleteSession']);
    expect(failed.map((t) => `${t.name}: ${firstLine(t)}`)).toEqual([]);
    expect([0, 5]).toContain(r.code);
    const line = `test device ${busy} left the pool: it already had session ${busyId} before the run`;
    expect(r.stderr).toContain(`preflight: ${line}`);
    expect(report.run.preflightNotes).toEqual([expect.stringContaining(line)]);
    expect(r.stdout + r.stderr).toContain(`Preflight: ${line}`);
  });
});
