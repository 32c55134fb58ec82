// test-order: long, about 35 s
// (Per version, each version's run catching a fault in its own rules: fault-runs.ts, in the
// self-test batch.) The compiled CLI (npm test builds first): an Orange-dialect endpoint
// fails a camara run on its error bodies and passes an orange run that says what it relaxed;
// --api-version auto detects and runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../support/cli.js';
import { start, type VersionProvider } from './helpers.js';

interface ReportTest {
  name: string;
  checkId?: string;
  state: string;
  scenarioId?: string;
  failure?: { message: string; rule?: string; actual?: string };
}
interface Report {
  verdict: string;
  tests: ReportTest[];
  run: { apiVersion: string; dialect: string; dialectRelaxations?: Array<{ check: string; why: string }>; apiVersionDetection?: { version: string; reasons: string[] } };
}
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const failed = (r: Report) => r.tests.filter((t) => t.state === 'failed');

/** Operator data of the embedded fixture, as a user's config file for a --base-url run. */
function operatorConfig(): string {
  const fixture = JSON.parse(readFileSync(join(REPO, 'fixtures/embedded.json'), 'utf8')) as Record<string, unknown>;
  delete fixture.provider;
  const file = join(tempDir('qod-versions-config-'), 'operator.json');
  writeFileSync(file, JSON.stringify(fixture));
  return file;
}

describe('dialects end to end', () => {
  // One Orange-dialect endpoint per run: the two runs go in parallel and share the fixture devices.
  let orange: VersionProvider;
  let orange2: VersionProvider;
  let config: string;
  beforeAll(async () => {
    orange = await start('0.10.1', { dialect: 'orange', insecureSinkTls: true });
    orange2 = await start('0.10.1', { dialect: 'orange', insecureSinkTls: true });
    config = operatorConfig();
  });
  afterAll(async () => {
    await orange.close();
    await orange2.close();
  });

  // Issue 19: an Orange 0.10.1 endpoint, auto and no --dialect, was read as 0.8.1 and failed 17 auth checks.
  it(
    'a camara run against an Orange-dialect endpoint fails on its error bodies; a run that detects the dialect (auto, no --dialect) is CONFORMANT and names what it relaxed',
    { timeout: 180_000 },
    async () => {
      const [camaraDir, orangeDir] = [tempDir('qod-camara-'), tempDir('qod-orange-')];
      const [asCamara, asOrange] = await Promise.all([
        runCli(['--api-version', '0.10.1', '--config', config, '--only', 'lifecycle', '--runs', '5', '--seed', '1', '--base-url', orange.baseUrl, '--report-dir', camaraDir]),
        runCli(['--api-version', 'auto', '--config', config, '--runs', '5', '--seed', '1', '--base-url', orange2.baseUrl, '--report-dir', orangeDir], { timeoutMs: 170_000 }),
      ]);
      const camara = readReport(camaraDir);
      expect(asCamara.code).toBe(1);
      expect(failed(camara).length).toBeGreaterThan(0);
      for (const t of failed(camara)) expect(`${t.failure?.message} ${t.failure?.rule} ${t.failure?.actual}`, t.name).toMatch(/ErrorInfo|error body|error code/);

      expect(asOrange.stderr).toMatch(/detected QoD 0\.10\.1, dialect orange \(.*QoS profile list exists/);
      const ok = readReport(orangeDir);
      expect(
        asOrange.code,
        `${asOrange.stderr}\n${failed(ok)
          .map((t) => `${t.name}: ${t.failure?.message}`)
          .join('\n')}`,
      ).toBe(0);
      expect(ok.run).toMatchObject({ apiVersion: '0.10.1', dialect: 'orange' });
      expect(ok.run.dialectRelaxations?.map((x) => x.check).sort()).toEqual(['error-body-schema', 'error-code-values', 'error-status-field']);
      expect(readFileSync(join(orangeDir, 'report.html'), 'utf8')).toContain('error-code-values');
    },
  );

  it('an unknown dialect is exit 2 with the known ones listed', async () => {
    const r = await runCli(['--dialect', 'vodafone', '--report-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown dialect "vodafone"; known dialects: camara, orange, tmobile/);
  });
});

describe('--api-version auto', () => {
  let p: VersionProvider;
  beforeAll(async () => (p = await start('1.0.0', { insecureSinkTls: true })));
  afterAll(async () => p.close());

  it('detects the version of a --base-url endpoint, says why on stderr and in the run record, and runs it', { timeout: 120_000 }, async () => {
    const dir = tempDir('qod-auto-');
    const r = await runCli(['--api-version', 'auto', '--base-url', p.baseUrl, '--config', operatorConfig(), '--only', 'headers', '--runs', '5', '--report-dir', dir]);
    expect(r.stderr).toMatch(/--api-version auto: detected QoD 1\.0\.0, dialect camara \(.*x-correlator.*\)/);
    const report = readReport(dir);
    expect(
      r.code,
      report.tests
        .filter((t) => t.state === 'failed')
        .map((t) => `${t.name}: ${t.failure?.message}`)
        .join('\n'),
    ).toBe(0);
    expect(report.run.apiVersion).toBe('1.0.0');
    expect(report.run.apiVersionDetection?.version).toBe('1.0.0');
    expect(report.run.apiVersionDetection?.reasons.length).toBeGreaterThan(1);
  });

  it('refuses with exit 2 and one line when --dialect contradicts the error bodies', async () => {
    const orange = await start('0.10.1', { dialect: 'orange' });
    try {
      const r = await runCli(['--api-version', 'auto', '--dialect', 'tmobile', '--base-url', orange.baseUrl, '--token', 'x', '--report-dir', tempDir()]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/orange shape, not the tmobile one.*give --api-version .*--dialect orange/);
    } finally {
      await orange.close();
    }
  });

  it('without --base-url is a usage error (the built-in provider serves the version you name)', async () => {
    const r = await runCli(['--api-version', 'auto', '--report-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--api-version auto detects the version of an endpoint given with --base-url/);
  });
});
