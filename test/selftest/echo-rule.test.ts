// One rule for ports given at creation: getSession 01 (like createSession 01) fails a provider that
// leaves them out of SessionInfo, citing the scenario and the spec property, with the evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

describe('ports given at creation read back on getSession', () => {
  it('a provider dropping devicePorts fails getSession_01 (and only it in that file)', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const r = await runCli(['--fault', 'ports-not-echoed', '--suite', 'sessions/getSession', '--report-dir', dir]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { tests: Array<{ scenarioId?: string; state: string; failure?: { message: string } }> };
    const failed = report.tests.filter((t) => t.state === 'failed');
    expect(failed.map((t) => t.scenarioId)).toEqual(['quality_on_demand_getSession_01_get_existing_session']);
    expect(failed[0]!.failure!.message).toMatch(/devicePorts is not returned as sent[\s\S]*SessionInfo\.devicePorts[\s\S]*actual: \(absent\)/);
  });
});
