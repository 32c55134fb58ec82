// An operator's own code table is its rule (issue 28 item 5, issue 29): against the faithful Orange
// 0.10.1 provider no advisory calls a code of the table's row unknown to clients, and a code of the
// right row but the wrong meaning is a failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

interface Report {
  verdict: string;
  tests: Array<{ name: string; state: string; advisories: Array<{ title: string }>; failure?: { message: string } }>;
}

async function run(extra: string[]): Promise<{ code: number | null; report: Report }> {
  const dir = tempDir('qod-dialect-codes-');
  const r = await runCli(['--api-version', '0.10.1', '--dialect', 'orange', '--suite', 'every-operation/auth', '--report-dir', dir, ...extra]);
  return { code: r.code, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
}

describe('Orange code table (0.10.1)', () => {
  it('a conformant Orange endpoint gets no advisory about its 401 codes', { timeout: 120_000 }, async () => {
    const { code, report } = await run([]);
    expect(report.verdict).toBe('CONFORMANT');
    expect(code).toBe(0);
    const titles = report.tests.flatMap((t) => t.advisories.map((a) => a.title));
    expect(titles.filter((t) => /401 with code/.test(t))).toEqual([]);
  });

  it('the code of another row meaning (42 expired for a missing token) fails, citing the Orange table', { timeout: 120_000 }, async () => {
    const { code, report } = await run(['--fault', 'orange-401-code-meaning']);
    expect(code).toBe(1);
    const failed = report.tests.filter((t) => t.state === 'failed');
    expect(failed.map((t) => t.name).every((n) => n.includes('with no Authorization header'))).toBe(true);
    expect(failed[0]?.failure?.message).toMatch(/missing-credentials\) → orange 40/);
  });
});
