// --api-version auto weighs every signal: an error body carrying `status` rules out 0.8.1 (whose
// ErrorInfo has none), so a missing QoS profile list no longer makes a 0.10.1 server "0.8.1". When
// the signals disagree it stops, naming the versions that remain (not all six), and it writes
// detection.json in the report folder either way.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectionReport } from '../../src/versions/detect.js';
import { runCli, tempDir } from '../support/cli.js';
import { start, TOKENS } from './helpers.js';

/** A 0.10.1-like server without the optional /qos-profiles route: every error body carries status. */
function statusServer(): Server {
  return createServer((req, res) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && /\/sessions$/.test(req.url ?? '')) return send(400, { status: 400, code: 'BAD_REQUEST', message: 'invalid body' });
    return send(404, { status: 404, code: 'NOT_FOUND', message: 'no such resource' });
  });
}

let server: Server;
let origin: string;
beforeAll(async () => {
  server = statusServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'detection.json'), 'utf8')) as DetectionReport;

describe('--api-version auto weighs every signal and reports its detection', () => {
  it('error bodies with status and no QoS profile list: stops naming 0.10.1, never certifies 0.8.1', async () => {
    const dir = tempDir();
    const r = await runCli(['--api-version', 'auto', '--base-url', `${origin}/qod/v0`, '--token', 'tok', '--report-dir', dir], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('error body with status 404');
    expect(r.stderr).toContain('the signals disagree');
    expect(r.stderr).toMatch(/give --api-version 0\.10\.1 /);
    expect(r.stderr).toContain(`detection report: ${join(dir, 'detection.json')}`);
    expect(readReport(dir)).toMatchObject({ outcome: 'refused', remaining: ['0.10.1'], baseUrl: `${origin}/qod/v0` });
    expect(readReport(dir).reasons.join('; ')).toContain('GET /qos-profiles → 404');
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('under /quality-on-demand/v1 a disagreement names 1.0.0 or 1.1.0, not all six', async () => {
    const dir = tempDir();
    const r = await runCli(['--api-version', 'auto', '--base-url', `${origin}/quality-on-demand/v1`, '--token', 'tok', '--report-dir', dir], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/give --api-version 1\.0\.0\|1\.1\.0 /);
    expect(readReport(dir)).toMatchObject({ outcome: 'refused', remaining: ['1.0.0', '1.1.0'] });
  });

  it('a detected run writes its detection report too', { timeout: 90_000 }, async () => {
    const provider = await start('1.1.0', { insecureSinkTls: true });
    try {
      const dir = tempDir();
      const r = await runCli(['--api-version', 'auto', '--base-url', provider.baseUrl, '--token', TOKENS.default, '--suite', 'getQosProfile', '--report-dir', dir]);
      expect([0, 5], r.stderr).toContain(r.code);
      expect(readReport(dir)).toMatchObject({ outcome: 'detected', version: '1.1.0', dialect: 'camara' });
      expect(readFileSync(join(dir, 'detection.json'), 'utf8')).not.toContain(TOKENS.default);
    } finally {
      await provider.close();
    }
  });
});
