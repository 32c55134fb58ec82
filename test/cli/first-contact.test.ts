// The first thing an operator types: a URL and a token, no config file. Checks that lack operator
// data skip naming the key (never a tool error), and the summary lists every missing key and says
// how to get a config file to fill in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { runCli, tempDir } from '../support/cli.js';

interface ReportTest {
  name: string;
  state: string;
  skipNote?: string;
  skipKind?: string;
  failure?: { message: string };
}

let provider: RunningProvider;
let mock: HostileServer;
beforeAll(async () => {
  provider = await startProvider({});
  mock = await startHostileServer();
});
afterAll(async () => {
  await provider.close();
  await mock.close();
});

function readTests(dir: string): ReportTest[] {
  return (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { tests: ReportTest[] }).tests;
}

describe('--base-url and --token, no config file', () => {
  it('against the reference provider: INCOMPLETE (exit 5), every missing key listed, no tool error', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const r = await runCli(['--base-url', provider.baseUrl, '--token', provider.fixtures.tokens.default!, '--report-dir', dir], { timeoutMs: 110_000 });
    const tests = readTests(dir);
    expect(tests.filter((t) => t.state === 'error').map((t) => `${t.name}: ${t.failure?.message}`)).toEqual([]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toContain('INCOMPLETE');
    // The shared-session checks (refused requests on get/extend/delete) name the device they lack.
    const shared = tests.filter((t) => t.name.startsWith('quality_on_demand_getSession_401.1'));
    expect(shared.length).toBeGreaterThan(0);
    for (const t of shared) expect(t).toMatchObject({ state: 'skipped', skipKind: 'needs', skipNote: 'needs operator data: devices.known' });
    // Every distinct missing key is in the summary, none hidden behind "... and N more".
    const notes = new Set(tests.filter((t) => t.skipKind === 'needs').map((t) => t.skipNote!));
    expect(notes.size).toBeGreaterThan(10);
    for (const note of notes) expect(r.stdout).toContain(`- ${note} (`);
    expect(r.stdout).not.toMatch(/\.\.\. and \d+ more/);
    expect(r.stdout).toContain('serve --write-config FILE');
    expect(r.stdout).toContain('config.schema.json');
  });

  it('against a mock that answers 404 to everything: its failures are its own, never a tool error', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const r = await runCli(['--base-url', mock.baseUrl('not-found'), '--token', 'some-token', '--report-dir', dir], { timeoutMs: 110_000 });
    const tests = readTests(dir);
    expect(tests.filter((t) => t.state === 'error').map((t) => `${t.name}: ${t.failure?.message}`)).toEqual([]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain('TOOL ERROR');
  });
});
