import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

describe('CLI exit codes', () => {
  it('--help exits 0 and documents the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--base-url');
    expect(r.stdout).toMatch(/3\s+endpoint unreachable/);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown flag is a usage error (2) with one short line', async () => {
    const r = await runCli(['--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--no-such-flag');
  });

  it('a bad value is a usage error naming the flag', async () => {
    const r = await runCli(['--runs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--runs');
  });

  it('an unreachable endpoint is exit 3 with one line, before any check', async () => {
    const dir = tempDir();
    const r = await runCli(['--base-url', 'http://127.0.0.1:9', '--report-dir', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unreachable');
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it('an unreadable spec file is exit 2 with the file named', async () => {
    const r = await runCli(['--spec', '/nonexistent/qod.yaml', '--report-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/qod.yaml');
  });

  it('an unknown config key is exit 2 naming the key', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/c.json`, JSON.stringify({ devices: { knwon: {} } }));
    const r = await runCli(['--config', `${dir}/c.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('devices.knwon');
  });

  it('an unknown fault is exit 2 listing the known ones', async () => {
    const r = await runCli(['--fault', 'no-such-fault', '--report-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-fault');
  });
});
