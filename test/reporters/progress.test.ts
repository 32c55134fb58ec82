// Progress output: the live status line in a real pseudo-terminal (util-linux `script`), one line
// per finished file outside a terminal, and the text helpers behind both.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyCount, skipSummary } from '../../src/report/areas.js';
import { etaMs, fileLine, formatDuration, liveLine } from '../../src/report/progress.js';
import { CLI, REPO, runCli, tempDir } from '../support/cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const NEEDS = hasScript ? '' : ' (skipped: needs util-linux script for a pseudo-terminal)';

describe('progress text', () => {
  it('shows files, checks, requests, sessions and elapsed time, and an ETA once a third of the files are done', () => {
    const state = { filesDone: 0, filesTotal: 9, passed: 0, failed: 0, requests: 0, sessionsLive: 1, elapsedMs: 5_000, firstFileStartedMs: 2_000 };
    expect(liveLine(state)).toBe('0/9 files · 0 passed · 0 failed · 0 requests · 1 session live · 5.0s');
    const early = { ...state, filesDone: 2, passed: 12, failed: 1, requests: 40, elapsedMs: 20_000 };
    expect(liveLine(early)).toBe('2/9 files · 12 passed · 1 failed · 40 requests · 1 session live · 20.0s');
    // 30 s of suites (from the first file's start) for 3 files: 6 more take about 60 s.
    const later = { ...early, filesDone: 3, elapsedMs: 32_000 };
    expect(liveLine(later)).toBe('3/9 files · 12 passed · 1 failed · 40 requests · 1 session live · 32.0s · ETA 1m00s');
    expect(etaMs({ filesDone: 4, filesTotal: 4, elapsedMs: 1 })).toBeUndefined();
    expect(liveLine({ ...later, sessionsLive: undefined, filesTotal: 0 })).toBe('3/? files · 12 passed · 1 failed · 40 requests · 32.0s');
  });

  it('gives no ETA from the first files of a run whose files run side by side (issue 28: 1m22s on a 9.8 s run)', () => {
    // 26 files, 2 s of start-up, the first file done 0.3 s after it started.
    expect(etaMs({ filesDone: 1, filesTotal: 26, elapsedMs: 2_300, firstFileStartedMs: 2_000 })).toBeUndefined();
    expect(etaMs({ filesDone: 8, filesTotal: 26, elapsedMs: 4_000, firstFileStartedMs: 2_000 })).toBeUndefined();
    // Nine done in 3 s of suites: 17 more, about 5.7 s; start-up time is not counted as pace.
    expect(etaMs({ filesDone: 9, filesTotal: 26, elapsedMs: 5_000, firstFileStartedMs: 2_000 })).toBe(5_667);
  });

  it("gives a finished file's own counts, not applicable apart", () => {
    const count = { ...emptyCount(''), total: 7, passed: 3, failed: 1, skipped: 3, notApplicable: 2, missingData: 1 };
    expect(fileLine('suites/a.test.js', count, 2, 5, 8_140)).toBe('[2/5] suites/a.test.js: 3 passed, 1 failed, 2 not applicable, 1 skipped (8.1s)');
    const deselected = { ...emptyCount(''), total: 2, skipped: 2, deselected: 2 };
    expect(fileLine('suites/b.test.js', deselected, 3, 5, 20)).toBe('[3/5] suites/b.test.js: not selected (20ms)');
  });

  it('formats durations and skip summaries', () => {
    expect([850, 8_140, 65_000, 3_720_000].map(formatDuration)).toEqual(['850ms', '8.1s', '1m05s', '1h02m']);
    expect(skipSummary({ ...emptyCount(''), skipped: 9, notApplicable: 9 })).toBe('9 not applicable');
    expect(skipSummary({ ...emptyCount(''), skipped: 4, notApplicable: 1, blocked: 1, deselected: 2 })).toBe('1 not applicable, 3 skipped (1 could not be checked, 2 not selected)');
    expect(skipSummary(emptyCount(''))).toBe('');
  });
});

describe('progress of a real run', () => {
  const args = ['--suite', 'profiles', '--runs', '1', '--seed', '1'];

  it.skipIf(!hasScript)(
    `rewrites one status line in a terminal and ends in the summary${NEEDS}`,
    async () => {
      const reportDir = tempDir('qod-progress-tty-');
      const command = [process.execPath, CLI, ...args, '--report-dir', reportDir].map((a) => `'${a}'`).join(' ');
      // script gives the CLI a pseudo-terminal for stdout; its transcript is what a user would see.
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      const redraws = output.split('\r\x1b[2K').slice(1);
      expect(redraws.length).toBeGreaterThan(2);
      expect(redraws[0]).toMatch(/^0\/3 files · 0 passed · 0 failed · 0 requests · 0 sessions live · /);
      expect(output).toMatch(/\d\/3 files · \d+ passed · 0 failed · \d+ requests · 0 sessions live · [\d.]+s/);
      // Three files: no ETA before all are done (a third, at least 3, must be done for a pace).
      expect(output).not.toContain('ETA');
      const last = redraws.at(-1) ?? '';
      expect(last).toMatch(/^3\/3 files · 34 passed · 0 failed · [1-9]\d* requests · 0 sessions live · /);
      // The summary follows the last status line; no per-file log lines in a terminal.
      expect(last).toMatch(/\r?\n\r?\nCONFORMANT {2}QoD 1\.1\.0/);
      expect(last).toContain('38 tests: 34 passed, 0 failed, 4 not applicable, 0 tool errors');
      expect(output).not.toMatch(/\[\d\/3\] /);
    },
    120_000,
  );

  it('prints one line per finished suite file outside a terminal', async () => {
    const reportDir = tempDir('qod-progress-log-');
    const result = await runCli([...args, '--report-dir', reportDir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => /^\[\d\/3\] /.test(l));
    const byFile = (l: string): string => l.replace(/^\[\d\/3\] /, '');
    expect(lines.map((l) => l.replace(/ \([^)]*\)$/, '')).sort((a, b) => byFile(a).localeCompare(byFile(b)))).toEqual([
      expect.stringMatching(/^\[\d\/3\] suites\/profiles\/consistency\.test\.js: 3 passed, 0 failed$/),
      expect.stringMatching(/^\[\d\/3\] suites\/profiles\/getQosProfile\.test\.js: 8 passed, 0 failed, 2 not applicable$/),
      expect.stringMatching(/^\[\d\/3\] suites\/profiles\/retrieveQoSProfiles\.test\.js: 23 passed, 0 failed, 2 not applicable$/),
    ]);
    expect(result.stdout).not.toContain('\r');
    expect(result.stdout).toContain(`HTML report: ${join(reportDir, 'report.html')}`);
  }, 120_000);
});
