// `--spec` with the official CAMARA 1.1.0 files gives the same verdict as our bundled documents,
// and a schema-violating response is caught with the JSON pointer named, under either.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../support/cli.js';

const OFFICIAL = join(REPO, '../shared/camara/specs/1.1.0');
const hasOfficial = existsSync(join(OFFICIAL, 'quality-on-demand.yaml'));
const officialFlags = ['--spec', join(OFFICIAL, 'quality-on-demand.yaml'), '--spec', join(OFFICIAL, 'qos-profiles.yaml')];
const subset = ['--suite', 'sessions/getSession', '--suite', 'profiles/getQosProfile', '--suite', 'sessions/createSession.validation'];

interface Report {
  verdict: string;
  run: { specFiles: Array<{ path: string }> };
  tests: Array<{ state: string; failure?: { message: string } }>;
}
const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;

describe.skipIf(!hasOfficial)('official spec files (needs ../shared/camara/specs/1.1.0; skipped in a clone without it)', () => {
  it('the official files and the bundled ones give the same verdict on the reference provider', { timeout: 180_000 }, async () => {
    const bundled = tempDir();
    const official = tempDir();
    const [a, b] = await Promise.all([runCli([...subset, '--report-dir', bundled]), runCli([...officialFlags, ...subset, '--report-dir', official])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(report(official).verdict).toBe(report(bundled).verdict);
    expect(report(official).run.specFiles.map((f) => f.path)).toEqual(officialFlags.filter((f) => f !== '--spec'));
  });

  it('a schema-violating response is named by its JSON pointer under the official files', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const r = await runCli([...officialFlags, '--suite', 'sessions/createSession.test', '--fault', 'session-schema-violation', '--report-dir', dir]);
    expect(r.code).toBe(1);
    const messages = report(dir)
      .tests.filter((t) => t.state === 'failed')
      .map((t) => t.failure?.message ?? '');
    expect(messages.some((m) => m.includes('/qosStatus') && m.includes('#/components/schemas/QosStatus'))).toBe(true);
  });
});
