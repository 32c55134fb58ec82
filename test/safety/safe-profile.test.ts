// --profile safe waits for no expiry, as the README promises: every check that watches a session
// run out (getSession_02, extend 409.1, the expiry rules, the expiry events) is skipped as "not
// selected", and the files that hold them finish without waiting for one.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { readReport, type ReportJson } from './helpers.js';

const FILES = ['getSession', 'extendQosSessionDuration', 'lifecycle/expiry', 'notifications/callbacks'];
const SAFE_SKIP = 'not selected: --profile safe (waits for a session to expire)';
/** Checks that watch a session expire, by the start of their name. */
const WAITING = [
  'quality_on_demand_getSession_02_get_recent_unavailable',
  'quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
  'lifecycle.expired-unavailable',
  'lifecycle.expired-kept-then-deleted',
  'extendQosSessionDuration.expired-not-extended',
  'createSession.expiry-event',
];

let run: CliResult;
let report: ReportJson;
let wallMs: number;

beforeAll(async () => {
  const dir = tempDir('qod-safe-');
  const started = Date.now();
  run = await runCli(['--profile', 'safe', ...FILES.flatMap((f) => ['--suite', f]), '--report-dir', dir], { timeoutMs: 170_000 });
  wallMs = Date.now() - started;
  report = readReport(dir);
}, 180_000);

describe('--profile safe waits for no expiry', () => {
  it('every check that waits for a session to expire is skipped as not selected', () => {
    for (const name of WAITING) {
      const tests = report.tests.filter((t) => t.checkId === name);
      expect(tests.length, `no check named ${name}`).toBeGreaterThan(0);
      for (const t of tests) expect({ name: t.name, state: t.state, skipNote: t.skipNote }).toEqual({ name: t.name, state: 'skipped', skipNote: SAFE_SKIP });
    }
  });

  it('the other checks of those files run, and nothing fails', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(report.tests.filter((t) => t.state === 'passed').length).toBeGreaterThan(20);
    expect(report.tests.filter((t) => t.state === 'failed' || t.state === 'error').map((t) => t.name)).toEqual([]);
    expect(wallMs).toBeLessThan(170_000);
  });
});
