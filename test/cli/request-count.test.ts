// The run's cost counts every request the endpoint received: the checks' own, and the preflight,
// the shared sessions' creates and deletes, cleanups, the exit sweep and retries (issue 28: 135
// reported where the server logged 169).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve-config.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import type { ReportData } from '../../src/report/report-data.js';
import { startRecordingProxy } from '../support/hostile-server.js';
import { runCli, tempDir } from '../support/cli.js';

let provider: RunningProvider;
let proxy: { origin: string; close(): Promise<void> };
let received = 0;
beforeAll(async () => {
  provider = await startProvider({ insecureSinkTls: true });
  proxy = await startRecordingProxy(new URL(provider.baseUrl).origin, () => received++);
});
afterAll(async () => {
  await proxy.close();
  await provider.close();
});

describe('requests sent', () => {
  it('equal the requests the endpoint received, preflight and cleanups included', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const config = join(dir, 'operator.json');
    writeFileSync(config, JSON.stringify(serveConfig({ baseUrl: `${proxy.origin}/quality-on-demand/v1`, profilesUrl: `${proxy.origin}/qos-profiles/v1`, apiVersion: '1.1.0', dialect: 'camara' })));
    received = 0;
    // One worker runs both files: each file's count must be added once (vitest runs the setup file again per file).
    const r = await runCli(['--config', config, '--suite', 'getSession', '--suite', 'deleteSession', '--workers', '1', '--report-dir', join(dir, 'report')]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as ReportData;
    expect(report.work.requestsSent).toBe(received);
    expect(report.run.requestsSent).toBe(received);
    // The checks' own figures leave some out (the preflight at least): the summary says both.
    expect(report.work.requests).toBeLessThan(received);
    expect(r.stdout).toContain(`${received} requests sent (${report.work.requests} by the checks, ${received - report.work.requests} for preflight, shared sessions, cleanup and retries)`);
  });
});
