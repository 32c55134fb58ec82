// The npm package works with no clone: pack, install the tarball into an empty folder, run it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../support/cli.js';

describe('npm package', () => {
  it('installs from its tarball and runs the embedded suite', { timeout: 300_000 }, () => {
    const dir = tempDir('qod-pack-');
    const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8' });
    const tarball = join(dir, out.trim().split('\n').pop()!);
    expect(existsSync(tarball)).toBe(true);

    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball], { cwd: app, stdio: 'pipe' });

    const bin = join(app, 'node_modules/.bin/qod-conformance');
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);

    // The installed package runs its own suites from node_modules, against the built-in provider.
    const report = join(dir, 'report');
    execFileSync(bin, ['--only', 'lifecycle', '--report-dir', report], { cwd: app, stdio: 'pipe' });
    expect(existsSync(join(report, 'junit.xml'))).toBe(true);
  });
});
