// The bin as a user meets it: executable after a build, spawned as the file itself (no `node`),
// top-level --help with the run options, a suggestion for a mistyped flag, and quiet on a closed pipe.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO, runCli } from '../support/cli.js';

function spawnBin(args: string[], closeStdout = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the bin after a build', () => {
  it('the build script ends by making the bin executable', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['qod-conformance']).toBe('dist/src/cli/main.js');
    expect(pkg.scripts.build).toMatch(/tsc -p tsconfig\.build\.json && node scripts\/make-bin-executable\.mjs$/);
  });

  it('runs as a file after the post-build step restored a lost exec bit (as tsc writes it)', async () => {
    const mode = statSync(CLI).mode;
    chmodSync(CLI, mode & ~0o111); // what tsc leaves after `npm run build`
    try {
      expect(() => accessSync(CLI, constants.X_OK)).toThrow();
      execFileSync(process.execPath, [join(REPO, 'scripts/make-bin-executable.mjs')], { cwd: REPO });
      accessSync(CLI, constants.X_OK);
    } finally {
      chmodSync(CLI, statSync(CLI).mode | (mode & 0o111));
    }
    const res = await spawnBin(['--version']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('command line manners', () => {
  it('top-level --help shows the run options before the subcommands', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    const runAt = res.stdout.indexOf('Run options');
    expect(runAt).toBeGreaterThan(0);
    for (const flag of ['--base-url', '--api-version', '--config', '--report-dir', '--dialect']) expect(res.stdout.slice(runAt)).toContain(flag);
    expect(res.stdout.indexOf('Commands:')).toBeGreaterThan(runAt);
    expect(res.stdout).toMatch(/serve \[options\]/);
  });

  it.each([
    [['--base-ur', 'http://x'], '--base-url'],
    [['--apiversion', '1.1.0'], '--api-version'],
    [['serve', '--dialekt', 'orange'], '--dialect'],
  ])('an unknown flag %j suggests %s, on one line, exit 2', async (args, closest) => {
    const res = await runCli(args);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(`Did you mean ${closest}?`);
  });

  it('exits quietly when stdout is a closed pipe (qod-conformance --help | head -1)', async () => {
    const res = await spawnBin(['--help'], true);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});
