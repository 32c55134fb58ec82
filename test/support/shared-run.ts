// One CLI run shared by the test files that need the same one (the faithful 1.1.0 run: the fault
// self-test and the rule inventory): the first file to ask runs it, the others wait for its
// result. Files run in separate worker processes, so the result is a folder named after the
// vitest invocation (SELFTEST_RUN_ID, set by test/vitest.config.ts) and the arguments; mkdir is
// the lock.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, tempDir, type CliResult } from './cli.js';

/** The faithful run of the default version: CONFORMANT, every official scenario (test/selftest/faults.ts), and
 *  every rule with a check or a written reason (rules/inventory.test.ts). */
export const FAITHFUL_ARGS = ['--api-version', '1.1.0', '--runs', '20', '--seed', '1'];

export interface SharedRun {
  result: CliResult;
  /** The run's --report-dir. */
  reportDir: string;
}

export async function sharedRun(args: string[], timeoutMs = 280_000): Promise<SharedRun> {
  const invocation = process.env.SELFTEST_RUN_ID;
  // Run on its own (no id: a test file run outside this config) when it cannot be shared.
  if (!invocation) {
    const reportDir = tempDir('qod-shared-');
    return { result: await runCli([...args, '--report-dir', reportDir], { timeoutMs }), reportDir };
  }
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 16);
  const home = join(tmpdir(), `qod-shared-run-${invocation}-${key}`);
  const reportDir = join(home, 'report');
  const done = join(home, 'result.json');
  let mine = true;
  try {
    mkdirSync(home);
  } catch {
    mine = false;
  }
  if (mine) {
    const result = await runCli([...args, '--report-dir', reportDir], { timeoutMs });
    writeFileSync(done, JSON.stringify(result));
    return { result, reportDir };
  }
  const deadline = Date.now() + timeoutMs + 30_000;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`the shared run ${args.join(' ')} did not end within ${timeoutMs} ms`);
    await sleep(250);
  }
  return { result: JSON.parse(readFileSync(done, 'utf8')) as CliResult, reportDir };
}
