// Every documented CI install works from this repository today (issue 28). Here the fast, static
// part: the tarball holds only what the tool needs; no documented path runs `npx --yes` of a name
// that is not on the registry. The installs themselves (a git install at the commit, the tarball,
// the tool image) run in CI from a clean clone: .ci/user-paths (test/user-paths/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

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
    expect(readme).toContain('npm install --prefix .qod --no-audit --no-fund "$QOD_CONFORMANCE"');
  });

  it('CI runs the installs themselves (.ci/user-paths) after npm test', () => {
    const ci = readFileSync(join(REPO, '.ci/run'), 'utf8').split('\n');
    expect(ci.indexOf('.ci/user-paths')).toBeGreaterThan(ci.indexOf('npm test'));
    expect(ci.indexOf('npm test')).toBeGreaterThan(-1);
  });
});
