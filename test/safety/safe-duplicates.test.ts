// --profile safe leaves out the checks whose verdict other checks give (CheckSpec.sameVerdictAs):
// for every fault that names such a check (its catch, or declared collateral: the fault self-test
// proves it fails there), a safe run with that fault fails one of the checks named instead. So what
// a left-out check proves is still proven in a safe run, without the session it would spend.
// (Faults that break every SessionInfo, such as a wrong session id field, fail every create check
// and are caught in a safe run by the createSession_01 rows.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionConfig } from '../../src/checks/collect-config.js';
import { applicable, collectChecks } from '../../src/checks/registry.js';
import type { CheckRecord } from '../../src/checks/spec.js';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { runCli, tempDir } from '../support/cli.js';

interface Report {
  tests: Array<{ checkId?: string; scenarioId?: string; state: string }>;
}

const checks = applicable(await collectChecks(collectionConfig('1.1.0')), '1.1.0');
const left = checks.filter((c) => c.sameVerdictAs?.length);
const answers = (key: string, c: { id?: string; checkId?: string; scenarioId?: string }) => (c.checkId ?? c.id) === key.replace(/^@/, '') || c.scenarioId === key.replace(/^@/, '');

/** The 1.1.0 faults that name the check: as their catch or as declared collateral. */
function faultsOf(check: CheckRecord): string[] {
  return (Object.entries(FAULTS) as Array<[string, FaultInfo]>)
    .filter(([, f]) => (f.version ?? '1.1.0') === '1.1.0' && f.dialect === undefined)
    .filter(([, f]) => answers(f.catches, check) || (Array.isArray(f.collateral?.checks) && f.collateral.checks.some((k: string) => answers(k, check))))
    .map(([name]) => name);
}

async function run(args: string[]): Promise<Report['tests']> {
  const dir = tempDir('qod-safe-dup-');
  await runCli([...args, '--seed', '1', '--notification-timeout', '3000', '--report-dir', dir]);
  return (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report).tests;
}

describe('--profile safe: the checks left out as duplicates', () => {
  it('there are some, and each names checks of the registry', () => {
    expect(left.length).toBeGreaterThanOrEqual(5);
    for (const c of left)
      for (const id of c.sameVerdictAs!)
        expect(
          checks.some((o) => answers(id, o)),
          `${c.id} names ${id}`,
        ).toBe(true);
  });

  for (const check of left) {
    it(`${check.id}: the faults that name it fail ${check.sameVerdictAs!.join(' or ')} in a safe run`, async () => {
      const named = checks.filter((o) => check.sameVerdictAs!.some((id) => answers(id, o))).flatMap((o) => ['--check', o.id]);
      const faults = faultsOf(check);
      // A left-out check no fault names would be a check nothing shows to fail.
      expect(faults, `no fault fails ${check.id}`).not.toEqual([]);
      for (const fault of faults) {
        const safe = await run(['--profile', 'safe', '--fault', fault, '--check', check.id, ...named]);
        expect(safe.filter((t) => answers(check.id, t)).map((t) => t.state)).toEqual(['skipped']);
        const failed = safe.filter((t) => t.state === 'failed' && check.sameVerdictAs!.some((id) => answers(id, t)));
        expect(failed.length, `with ${fault}, none of ${check.sameVerdictAs!.join(', ')} failed in a safe run`).toBeGreaterThan(0);
      }
    }, 600_000);
  }
});
