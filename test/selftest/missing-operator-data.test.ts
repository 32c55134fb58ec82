// test-order: long, about 18 s
// Checks that need operator data the run does not have are skipped naming the missing key, and the
// verdict says INCOMPLETE (exit 5): never a silent pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { runCli, tempDir } from '../support/cli.js';

let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider({});
});
afterAll(async () => {
  await provider.close();
});

describe('missing operator data', () => {
  it('an endpoint run without tokens.expired skips the expired-token scenarios and names the key', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const { provider: _world, tokens, ...operator } = provider.fixtures;
    const { expired: _expired, ...otherTokens } = tokens;
    const config = join(dir, 'operator.json');
    writeFileSync(config, JSON.stringify({ ...operator, tokens: otherTokens }));
    const r = await runCli(['--base-url', provider.baseUrl, '--config', config, '--suite', 'sessions/getSession', '--report-dir', join(dir, 'report')]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toContain('INCOMPLETE');
    expect(r.stdout).toContain('needs operator data: tokens.expired');
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as {
      tests: Array<{ scenarioId?: string; state: string; skipNote?: string }>;
    };
    const expiredScenario = report.tests.find((t) => t.scenarioId === 'quality_on_demand_getSession_401.2_expired_access_token');
    expect(expiredScenario).toMatchObject({ state: 'skipped', skipNote: 'needs operator data: tokens.expired' });
    expect(report.tests.filter((t) => t.state === 'failed')).toEqual([]);
  });

  it('an operator with a single test device: checks that need two skip naming devices.pool, none waits for a device that never comes', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const { provider: _world, ...operator } = provider.fixtures;
    const config = join(dir, 'operator.json');
    writeFileSync(config, JSON.stringify({ ...operator, devices: { ...operator.devices, pool: [] } }));
    // The test timeout (120 s) would end a check waiting for a second device; the run is much faster.
    const started = Date.now();
    // The built-in provider (its sink certificate trusted) with the operator data cut to one device.
    const r = await runCli(['--config', config, '--workers', '2', '--suite', 'retrieveSessionsByDevice', '--suite', 'callbacks', '--report-dir', join(dir, 'report')], { timeoutMs: 110_000 });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code, r.stderr).toBe(5);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as {
      tests: Array<{ name: string; checkId?: string; scenarioId?: string; state: string; skipNote?: string }>;
    };
    expect(report.tests.find((t) => t.scenarioId === 'quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device')).toMatchObject({
      state: 'skipped',
      skipNote: 'needs operator data: devices.pool (2 test devices for this check, 1 given)',
    });
    expect(report.tests.find((t) => t.checkId === 'createSession.event-routing')?.skipNote).toMatch(/devices\.pool/);
    expect(report.tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => t.name)).toEqual([]);
    expect(report.tests.filter((t) => t.state === 'passed').length).toBeGreaterThan(10);
  });
});
