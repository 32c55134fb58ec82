// Small things a new user meets (issue 28, "Low"): --help with examples and the exit codes as the
// README has them, a --runs that --profile safe ignores said so, the example workflow without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../support/cli.js';

describe('help and notes', () => {
  it('--help shows examples and describes exit 5 as the README does', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('serve --port 9091 --write-config qod.json');
    expect(r.stdout).toMatch(
      /5 {2}incomplete: nothing failed, but checks were skipped for missing operator data \("needs \.\.\."\),\s+because the endpoint's state made them impossible \("cannot check: \.\.\."\), or because a setup\s+step failed \("not exercised: \.\.\."\)/,
    );
  });

  it('--runs under --profile safe is said to change nothing', { timeout: 60_000 }, async () => {
    const r = await runCli(['--profile', 'safe', '--runs', '5', '--suite', 'getQosProfile', '--report-dir', tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: --runs 5 has no effect under --profile safe');
  });

  it('the example workflow does not pass --runs with --profile safe', () => {
    const workflow = readFileSync(join(REPO, '.github/workflows/qod-conformance-example.yml'), 'utf8');
    for (const line of workflow.split('\n').filter((l) => l.includes('--profile safe'))) expect(line).not.toContain('--runs');
  });
});
