// A QoS assignment never ends by itself: a provisioning run does not start on a test device that
// already holds one (exit 2, one line naming the device and the assignment), and nothing is created.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve-config.js';
import { loadEmbeddedOperatorData } from '../../src/config/plan.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { runCli, tempDir } from '../support/cli.js';

let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider({ apiVersion: '1.1.0' });
});
afterAll(async () => {
  await provider.close();
});

describe('provisioning preflight', () => {
  it('refuses to start when a test device already holds an assignment, and creates nothing', { timeout: 60_000 }, async () => {
    const operator = loadEmbeddedOperatorData();
    const device = operator.devices.known!;
    const res = await fetch(`${provider.provisioningUrl}/qos-assignments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator.tokens.default}`, 'content-type': 'application/json' },
      body: JSON.stringify({ device, qosProfile: operator.qosProfiles.valid }),
    });
    expect(res.status).toBe(201);
    const { assignmentId } = (await res.json()) as { assignmentId: string };

    const dir = tempDir('qod-prov-preflight-');
    const config = join(dir, 'operator.json');
    const world = { baseUrl: provider.baseUrl, profilesUrl: provider.profilesUrl, apiVersion: '1.1.0' as const, dialect: 'camara' };
    writeFileSync(config, JSON.stringify(serveConfig({ ...world, other: { api: 'qos-provisioning', url: provider.provisioningUrl!, version: '0.3.0' } })));
    const before = provider.liveAssignmentCount();
    const run = await runCli(['--config', config, '--report-dir', join(dir, 'report')]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toContain(`already had QoS assignment ${assignmentId} before the run`);
    expect(lines.at(-1)).toMatch(/revoke it or give other test devices/);
    expect(provider.liveAssignmentCount()).toBe(before);
  });
});
