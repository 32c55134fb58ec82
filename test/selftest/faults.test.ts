// The suite against the reference provider: faithful, it must be CONFORMANT with every official
// scenario executed; with each fault switch, it must fail, and the failing test must be the one
// the fault names. A check no fault can make fail is a defect; a fault no check catches is a gap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, type FaultInfo } from '../../src/provider/faults.js';
import { runCli, tempDir } from '../support/cli.js';

interface ReportTest {
  name: string;
  file: string;
  area: string;
  state: string;
  scenarioId?: string;
  failure?: { message: string };
}
interface Report {
  verdict: string;
  coverageLine: string;
  coverage?: { total: number; executed: number; passed: number };
  tests: ReportTest[];
  run: { sessions?: { created: number; deleted: number } };
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
/** A fault names the test that must catch it: a scenario ID or the start of a check's name. */
const catchesTest = (catches: string) => (t: ReportTest) => {
  const key = catches.replace(/^@/, '');
  return t.scenarioId === key || t.name.startsWith(key);
};

let faithful: Report;

describe('self-test against the reference provider', () => {
  beforeAll(async () => {
    const dir = tempDir('qod-faithful-');
    const r = await runCli(['--report-dir', dir, '--runs', '20', '--seed', '1']);
    faithful = readReport(dir);
    if (r.code !== 0) {
      const failed = faithful.tests.filter((t) => t.state !== 'passed' && t.state !== 'skipped').map((t) => `${t.name}: ${t.failure?.message ?? t.state}`);
      throw new Error(`faithful run exited ${r.code} (${faithful.verdict}):\n${failed.join('\n')}\n${r.stderr}`);
    }
  }, 300_000);

  it('the faithful provider is CONFORMANT and every official 1.1.0 scenario runs and passes', () => {
    expect(faithful.verdict).toBe('CONFORMANT');
    expect(faithful.coverage).toMatchObject({ total: 98, executed: 98, passed: 98 });
    expect(faithful.run.sessions?.created).toBe(faithful.run.sessions?.deleted);
  });

  describe.concurrent('each fault is caught by the check it names', () => {
    for (const [name, info] of Object.entries(FAULTS) as Array<[string, FaultInfo]>) {
      it(`${name} → ${info.catches}`, { timeout: 240_000 }, async () => {
        const catcher = faithful.tests.find(catchesTest(info.catches));
        expect(catcher, `no test is named ${info.catches}`).toBeDefined();
        const collateral = (info as FaultInfo).collateral;
        for (const c of collateral?.checks === '*' ? [] : (collateral?.checks ?? [])) {
          expect(faithful.tests.some(catchesTest(c)), `collateral of ${name}: no test is named ${c}`).toBe(true);
        }
        const dir = tempDir(`qod-fault-${name}-`);
        // Only the suite file that holds the catching check: each fault run stays short.
        const suiteFile = catcher!.file.replace(/^.*\/suites\//, 'suites/');
        const version = [...(info.version ? ['--api-version', info.version] : []), ...(info.dialect ? ['--dialect', info.dialect] : [])];
        const r = await runCli(['--fault', name, ...version, '--suite', suiteFile, '--runs', '10', '--seed', '1', '--report-dir', dir]);
        const report = readReport(dir);
        const failedNames = report.tests.filter((t) => t.state === 'failed').map((t) => t.name);
        expect(r.code, `exit code with fault ${name}; failed: ${failedNames.join(', ')}`).toBe(1);
        const caught = report.tests.filter((t) => t.state === 'failed' && catchesTest(info.catches)(t));
        expect(caught.length, `${info.catches} did not fail; failed instead: ${failedNames.join(', ') || 'nothing'}`).toBeGreaterThan(0);
        expect(report.tests.some((t) => t.state === 'error'), 'tool errors under a fault').toBe(false);

        // Precise: nothing fails but the catch and the declared collateral, and every failure cites its rule.
        const declared = collateral?.checks;
        const undeclared = report.tests.filter((t) => t.state === 'failed' && !catchesTest(info.catches)(t) && declared !== '*' && !(declared ?? []).some((c) => catchesTest(c)(t)));
        expect(undeclared.map((t) => t.name), `${name} fails checks it does not declare (catches or collateral)`).toEqual([]);
        const uncited = report.tests.filter((t) => t.state === 'failed' && !/\n\s*rule: \S/.test(t.failure?.message ?? ''));
        expect(uncited.map((t) => t.name), 'failures without a "rule:" line').toEqual([]);
      });
    }
  });
});
