// test-order: long, about 13 s
// serve --write-config: the file it writes is all a run against it needs, and that run is CONFORMANT.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveConfig } from '../../src/cli/serve-config.js';
import { CLI, REPO, runCli, tempDir } from '../support/cli.js';

function serve(args: string[]): Promise<{ banner: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let banner = '';
    const stop = () =>
      new Promise<void>((done) => {
        child.once('close', () => done());
        child.kill('SIGTERM');
      });
    child.stdout.on('data', (d: Buffer) => {
      banner += d.toString();
      if (banner.includes('Press Ctrl-C')) resolve({ banner, stop });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${banner}`)));
  });
}

describe('serve --write-config', () => {
  it('writes a config with which the run is CONFORMANT', { timeout: 180_000 }, async () => {
    const dir = tempDir('qod-serve-config-');
    const config = join(dir, 'serve.json');
    const server = await serve(['--port', '0', '--write-config', config]);
    try {
      expect(server.banner).toContain(`config file:      ${config}`);
      expect(statSync(config).mode & 0o077).toBe(0); // holds tokens: owner only
      const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
      expect(written).toMatchObject({ apiVersion: '1.1.0', tokens: { default: expect.any(String) }, devices: { known: expect.any(Object) }, qosProfiles: { valid: expect.any(String) } });
      const res = await runCli(['--config', config, '--runs', '5', '--seed', '1', '--report-dir', join(dir, 'report')], { timeoutMs: 170_000 });
      expect(res.stderr + res.stdout).toMatch(/CONFORMANT/);
      expect(res.code).toBe(0);
      // The run needed no operator data it did not have.
      const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as unknown;
      expect(JSON.stringify(report)).not.toContain('needs operator data');
    } finally {
      await server.stop();
    }
  });

  it('names the dialect and leaves out the profiles API where the version has none', () => {
    const orange = serveConfig({ baseUrl: 'http://h/qod/v0', profilesUrl: 'http://h/qod/v0', apiVersion: '0.10.1', dialect: 'orange' });
    expect(orange).toMatchObject({ apiVersion: '0.10.1', dialect: 'orange', profilesUrl: 'http://h/qod/v0' });
    const tmobile = serveConfig({ baseUrl: 'http://h/qod/v0', profilesUrl: 'http://h/none', apiVersion: '0.8.1', dialect: 'tmobile' });
    expect(tmobile).not.toHaveProperty('profilesUrl');
    expect(serveConfig({ baseUrl: 'http://h/v1', profilesUrl: 'http://h/p', apiVersion: '1.1.0', dialect: 'camara' })).not.toHaveProperty('dialect');
  });
});
