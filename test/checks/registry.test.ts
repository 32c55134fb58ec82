// The check registry: every suite's checks are records, collected without running anything; the
// CLI selects by ID through it (--check, `checks`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS, AREAS } from '../../src/config/types.js';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { applicable, collectChecks, notApplicableReason } from '../../src/checks/registry.js';
import { filesOfChecks } from '../../src/checks/select.js';
import { UsageError } from '../../src/errors.js';
import { REPO, runCli, tempDir } from '../support/cli.js';

describe('check registry', () => {
  it('collects every check of every version as a record with an ID, an area and the rules it judges', async () => {
    for (const version of API_VERSIONS) {
      const checks = await collectChecks(collectionConfig(version));
      expect(checks.length, version).toBeGreaterThan(250);
      expect(new Set(checks.map((c) => c.id)).size, 'IDs are unique').toBe(checks.length);
      for (const c of checks) {
        expect(AREAS as readonly string[], `${c.id}: area`).toContain(c.area);
        expect(c.title.length, `${c.id}: title`).toBeGreaterThan(0);
        expect(c.file, `${c.id}: file`).toMatch(/^suites\/.+\.test\.ts$/);
        expect(readFileSync(join(REPO, c.file), 'utf8').length).toBeGreaterThan(0);
      }
      expect(applicable(checks, version).length, `${version}: some checks apply`).toBeGreaterThan(60);
    }
  });

  it('applicability comes from the version rules: an r4.1-only scenario applies to 1.2.0-rc.3 alone', async () => {
    const id = 'quality_on_demand_getSession_400.2_invalid_x-correlator';
    for (const version of API_VERSIONS) {
      const check = (await collectChecks(collectionConfig(version))).find((c) => c.id === id)!;
      expect(notApplicableReason(check, version), version).toBe(version === '1.2.0-rc.3' ? undefined : `not applicable to QoD ${version}`);
    }
  });

  it('--check names the files of its checks; an unknown ID is a usage error naming close IDs', async () => {
    const checks = await collectChecks(collectionConfig('1.1.0'));
    expect(filesOfChecks(['quality_on_demand_getSession_404.1_not_found'], checks)).toEqual(['suites/sessions/getSession.test.ts']);
    expect(() => filesOfChecks(['getSession_404.1_not_found'], checks)).toThrow(UsageError);
    expect(() => filesOfChecks(['getSession_404.1_not_found'], checks)).toThrow(/did you mean quality_on_demand_getSession_404\.1_not_found/);
  });
});

describe('check selection from the command line', () => {
  it('--check runs that check alone; the others of its file are deselected', async () => {
    const dir = tempDir('qod-check-');
    const id = 'quality_on_demand_getSession_404.1_not_found';
    const r = await runCli(['--check', id, '--report-dir', dir], { timeoutMs: 110_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { tests: Array<{ checkId?: string; state: string; skipKind?: string }> };
    const ran = report.tests.filter((t) => t.state !== 'skipped');
    expect(ran.map((t) => t.checkId)).toEqual([id]);
    expect(report.tests.filter((t) => t.checkId !== id).every((t) => t.skipKind === 'deselected' || t.skipKind === 'not-applicable')).toBe(true);
  });

  it('an unknown --check is exit 2 with one line', async () => {
    const r = await runCli(['--check', 'no-such-check', '--report-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--check no-such-check: no such check');
  });

  it('`checks` lists the records of a version', async () => {
    const r = await runCli(['checks', '--api-version', '1.2.0-rc.3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const records = JSON.parse(r.stdout) as Array<{ id: string; rules: string[]; applies: boolean }>;
    expect(records.some((c) => c.id === 'quality_on_demand_getSession_400.2_invalid_x-correlator' && c.applies)).toBe(true);
    expect(records.every((c) => Array.isArray(c.rules))).toBe(true);
  });
});
