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
});
