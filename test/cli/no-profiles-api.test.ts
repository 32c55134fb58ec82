// An endpoint without the (optional, 0.11.1 on) QoS Profiles API: its profile checks fail as "not
// implemented", and each says the remedy: "profilesApi": false with the agreed profiles.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve-config.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { absentOperationRemedy } from '../../src/suite/absent-operation.js';
import { rulesFor } from '../../src/versions/rules.js';
import { runCli, tempDir } from '../support/cli.js';

let provider: RunningProvider;
let proxy: Server;
let origin: string;
beforeAll(async () => {
  provider = await startProvider({ insecureSinkTls: true });
  const upstream = new URL(provider.baseUrl).origin;
  // The QoD API forwarded; the QoS Profiles routes answered by a router that has none (FastAPI's 404).
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/qos-profiles/')) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection')) as Record<string, string>;
        const up = await request(`${upstream}${req.url}`, { method: req.method as 'GET', headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
        res.writeHead(up.statusCode, Object.fromEntries(Object.entries(up.headers).filter(([k]) => k !== 'transfer-encoding' && k !== 'connection')) as Record<string, string>);
        res.end(Buffer.from(await up.body.arrayBuffer()));
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => proxy.close(() => r()));
  await provider.close();
});

describe('profile checks on an endpoint without the QoS Profiles API', () => {
  it('the remedy is named only where QoD lets profiles be agreed (0.11.1 on), for profile operations', () => {
    expect(absentOperationRemedy('getQosProfile', rulesFor('1.1.0'))).toContain('"profilesApi": false with the agreed profiles in qosProfiles.agreed');
    expect(absentOperationRemedy('retrieveQoSProfiles', rulesFor('0.11.1'))).not.toBe('');
    expect(absentOperationRemedy('getQosProfiles', rulesFor('0.10.1'))).toBe('');
    expect(absentOperationRemedy('extendQosSessionDuration', rulesFor('1.1.0'))).toBe('');
  });

  it('each "not implemented" failure of a profile check says profilesApi false is the remedy', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const config = join(dir, 'operator.json');
    const base = serveConfig({ baseUrl: `${origin}/quality-on-demand/v1`, profilesUrl: `${origin}/qos-profiles/v1`, apiVersion: '1.1.0', dialect: 'camara' });
    writeFileSync(config, JSON.stringify(base));
    const r = await runCli(['--config', config, '--suite', 'getQosProfile', '--report-dir', join(dir, 'report')]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as { tests: Array<{ state: string; failure?: { message: string } }> };
    const notImplemented = report.tests.filter((t) => t.state === 'failed' && t.failure?.message.includes('not implemented'));
    expect(notImplemented.length).toBeGreaterThan(3);
    for (const t of notImplemented) expect(t.failure?.message).toContain('"profilesApi": false');
    expect(r.stdout).toContain('"profilesApi": false');
  });
});
