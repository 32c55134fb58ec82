// Every documented CI install works from this repository today (issue 28): a git install at a pinned
// commit (builds through `prepare`) and a tarball of `npm pack` (no build step), each then runs;
// the tarball holds only what the tool needs; no documented path runs `npx --yes` of a name that is
// not on the registry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../support/cli.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

function app(dir: string): string {
  const at = join(dir, 'app');
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  return at;
}

describe('CI install paths', () => {
  it('npm pack holds the built tool and its data, nothing of the repository besides', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('fixtures/dialects/orange.json');
    expect(files).toContain('src/config/config.schema.json');
    const allowed = /^(package\.json|README\.md|dist\/(src|suites|reporters)\/|src\/|suites\/|reporters\/|specs\/|fixtures\/)/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    // The project's own tests and benchmark stay out (the suites, named *.test.ts, are the tool).
    expect(files.filter((f) => /^(test|dist\/test|bench|dist\/bench)\//.test(f))).toEqual([]);
  });

  it('the README documents no `npx --yes` (nor `npx -y`) of the unpublished name', () => {
    for (const file of ['README.md', 'action.yml', '.github/workflows/qod-conformance-example.yml']) {
      expect(readFileSync(join(REPO, file), 'utf8'), file).not.toMatch(/npx (--yes|-y) /);
    }
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('npm install --global --no-audit --no-fund "$QOD_CONFORMANCE"');
  });

  it('a git install at a commit builds and runs', { timeout: 600_000 }, () => {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const at = app(tempDir('qod-git-install-'));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `git+file://${REPO}#${commit}`], { cwd: at, stdio: 'pipe' });
    const bin = join(at, 'node_modules/.bin/qod-conformance');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    expect(existsSync(join(at, 'node_modules/qod-conformance/dist/suites/sessions/getSession.test.js'))).toBe(true);
  });
});
