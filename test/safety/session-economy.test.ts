// Sessions are the real cost of a run against an operator: the property checks spend at most
// --property-sessions each, refused requests share one live session per block, and the report's
// count of sessions created agrees with the ledger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

interface Report {
  verdict: string;
  run: { sessions?: { created: number; deleted: number } };
  work: { sessionsCreated: number; requests: number; propertySessions?: number };
  tests: Array<{ name: string; checkId?: string; state: string; work?: { sessionsCreated: number; requests: number } }>;
}

async function run(args: string[]): Promise<Report> {
  const dir = tempDir('qod-economy-');
  const r = await runCli([...args, '--seed', '1', '--report-dir', dir], { timeoutMs: 120_000 });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  expect(r.code, `exit code (${report.verdict})`).toBe(0);
  expect(report.work.sessionsCreated).toBe(report.run.sessions?.created);
  expect(report.run.sessions?.deleted).toBe(report.run.sessions?.created);
  return report;
}

const created = (report: Report, checkId: string) => report.tests.filter((t) => t.checkId === checkId).reduce((n, t) => n + (t.work?.sessionsCreated ?? 0), 0);

describe('session economy', () => {
  it('a property check creates at most --property-sessions sessions in its generated cases', async () => {
    const report = await run(['--suite', 'validation/properties', '--runs', '30', '--property-sessions', '2']);
    expect(report.work.propertySessions).toBe(2);
    expect(created(report, 'createSession.property.valid-bodies')).toBe(2);
    expect(created(report, 'createSession.property.valid-ports')).toBe(2);
    for (const t of report.tests) expect(t.work?.sessionsCreated ?? 0, t.name).toBeLessThanOrEqual(3);
  }, 150_000);

  it('--profile safe creates at most 30 sessions (checks whose verdict others give are left out)', async () => {
    const report = await run(['--profile', 'safe']);
    expect(report.run.sessions?.created).toBeLessThanOrEqual(30);
    expect(report.tests.filter((t) => t.state === 'failed').map((t) => t.name)).toEqual([]);
  }, 150_000);

  it('the refused requests of extendQosSessionDuration share one session', async () => {
    const report = await run(['--suite', 'sessions/extendQosSessionDuration', '--profile', 'safe']);
    const refused = /_(400\.[1345]|401\.[123]|403\.[12])_/;
    expect(report.tests.filter((t) => refused.test(t.checkId ?? '') && t.state === 'passed').length).toBeGreaterThanOrEqual(8);
    expect(report.tests.filter((t) => refused.test(t.checkId ?? '')).reduce((n, t) => n + (t.work?.sessionsCreated ?? 0), 0)).toBe(1);
  }, 150_000);
});
