// The terminal summary says what was certified: the version and dialect (and whether they were
// detected), how long the run took, and a dialect header left out for want of its value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve-config.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { runCli, tempDir } from '../support/cli.js';

let tmobile: RunningProvider;
let config: string;
beforeAll(async () => {
  tmobile = await startProvider({ apiVersion: '0.8.1', dialect: 'tmobile', insecureSinkTls: true });
  config = join(tempDir(), 'tmobile.json');
  writeFileSync(config, JSON.stringify(serveConfig({ baseUrl: tmobile.baseUrl, profilesUrl: tmobile.profilesUrl, apiVersion: '0.8.1', dialect: 'tmobile' })));
});
afterAll(() => tmobile.close());

const HEADER_NOTE = 'dialect tmobile: header x-authorization is not sent (QOD_X_AUTHORIZATION is unset)';

describe('terminal summary of a run', () => {
  it('names the detected version and dialect, the time taken, and the T-Mobile header it does not send', { timeout: 90_000 }, async () => {
    const r = await runCli(['--config', config, '--api-version', 'auto', '--suite', 'getSession', '--report-dir', tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}QoD 0\.8\.1, dialect tmobile \(detected by --api-version auto\) · took \d+(\.\d)?(ms|s)$/m);
    // Once at the start (stderr) and once in the summary.
    expect(r.stderr.split('\n').filter((l) => l.includes(HEADER_NOTE))).toHaveLength(1);
    expect(r.stdout.split('\n').filter((l) => l.includes(HEADER_NOTE))).toHaveLength(1);
  });

  it('says nothing of the header when QOD_X_AUTHORIZATION gives it, and "as given" for a named version', { timeout: 90_000 }, async () => {
    const r = await runCli(['--config', config, '--suite', 'getSession', '--report-dir', tempDir()], { env: { QOD_X_AUTHORIZATION: 'Basic eC15' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}QoD 0\.8\.1, dialect tmobile \(as given\) · took /m);
    expect(r.stdout + r.stderr).not.toContain('is not sent');
  });
});
