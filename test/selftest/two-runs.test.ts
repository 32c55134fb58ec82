// test-order: long, about 45 s
// Two CI pipelines gating one endpoint at once (small property runs), with the same client credentials and test devices:
// each sees the other's sessions (409 on a busy device, foreign sessions in retrieve-sessions). A
// conforming endpoint must still come out CONFORMANT, or INCOMPLETE only through "test device busy"
// skips (at a create, or at the preflight); never a failure or a tool error.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { BUSY_DEVICE_SKIP } from '../../src/suite/busy-device.js';
import { runCli, tempDir, type CliResult } from '../support/cli.js';

interface ReportTest {
  name: string;
  state: string;
  skipNote?: string;
  /** Why a skipped check did not run (src/report/skip-kind.ts). */
  skipKind?: string;
  failure?: { message?: string };
}

let provider: RunningProvider;
let config: string;
beforeAll(async () => {
  // The runs' sinks use their own self-signed certificates: the test provider posts without verifying them.
  provider = await startProvider({ insecureSinkTls: true });
  const dir = tempDir('qod-two-runs-');
  const { provider: _world, ...operator } = provider.fixtures;
  config = join(dir, 'operator.json');
  writeFileSync(config, JSON.stringify(operator));
});
afterAll(async () => {
  await provider.close();
});

async function run(): Promise<{ r: CliResult; tests: ReportTest[] }> {
  const dir = tempDir('qod-two-runs-report-');
  const r = await runCli(['--base-url', provider.baseUrl, '--config', config, '--runs', '5', '--seed', '1', '--report-dir', dir], { timeoutMs: 280_000 });
  const tests = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { tests: ReportTest[] }).tests;
  return { r, tests };
}

describe('two runs at once against one endpoint', () => {
  it('both are CONFORMANT or INCOMPLETE through busy-device skips only; nothing fails', { timeout: 600_000 }, async () => {
    const started = Date.now();
    const pair = await Promise.all([run(), run()]);
    const busy = pair.map(({ tests }) => tests.filter((t) => (t.skipNote ?? '').startsWith(BUSY_DEVICE_SKIP)).length);
    console.info(`two runs at once: ${Math.round((Date.now() - started) / 1000)} s; busy-device skips: ${busy.join(' and ')}`);
    for (const [i, { r, tests }] of pair.entries()) {
      const bad = tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => `${t.name}: ${t.failure?.message?.split('\n')[0] ?? t.state}`);
      expect(bad, `run ${i + 1}: failed or errored checks`).toEqual([]);
      expect([0, 5], `run ${i + 1} exit code; ${r.stderr}`).toContain(r.code);
      // The other run's session on a device at this run's preflight takes that device out of its pool.
      const busyAtPreflight = (note: string) => / left the pool: it already had session .* before the run \(preflight/.test(note);
      // Checks that do not apply to the version or were not selected skip in a run alone too.
      const alone = (t: ReportTest) => t.skipKind === 'not-applicable' || t.skipKind === 'deselected' || t.skipKind === 'other';
      const otherSkips = tests.filter((t) => t.state === 'skipped' && !alone(t) && !(t.skipNote ?? '').startsWith(BUSY_DEVICE_SKIP) && !busyAtPreflight(t.skipNote ?? ''));
      expect(
        otherSkips.map((t) => `${t.name}: ${t.skipNote}`),
        `run ${i + 1}: skips that a run alone does not have and a busy device does not explain`,
      ).toEqual([]);
    }
  });
});
