// The suite files that wait on endpoint timers say so (`// qod-waits:`) and start first, so their
// waits overlap with the files that keep the CPU busy.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import { runsLongChains, waitsOnTimers, WaitingFirstSequencer } from '../../src/runner/sequencer.js';
import { REPO } from '../support/cli.js';

const suiteFiles = (dir = join(REPO, 'suites')): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? suiteFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));

describe('files that wait on timers start first', () => {
  it('the suite files that wait for a session to expire or for callbacks carry the marker, the others not', () => {
    const marked = suiteFiles()
      .filter(waitsOnTimers)
      .map((f) => f.slice(REPO.length));
    expect(marked.sort()).toEqual([
      'suites/lifecycle/expiry.test.ts',
      'suites/notifications/callbacks.test.ts',
      'suites/sessions/extendQosSessionDuration.test.ts',
      'suites/sessions/getSession.test.ts',
      'suites/v0.10.1/behaviour.test.ts',
    ]);
    // Marked exactly when its tests wait out a session's end: the expiry helper, a timer wait, or
    // the notification flows (which wait for the expiry event and quiet periods).
    for (const file of suiteFiles()) {
      const text = readFileSync(file, 'utf8');
      expect(waitsOnTimers(file), file).toBe(/expiredSession\(|timerWait\(|from '\.(\.\/notifications)?\/flows\.js'/.test(text));
    }
  });

  it('the sequencer puts the marked files first and keeps every file', async () => {
    const specs = suiteFiles().map((moduleId) => ({ moduleId, project: { config: { sequence: {} } } })) as unknown as TestSpecification[];
    const ctx = { config: { sequence: { shuffle: false } }, cache: { getFileTestResults: () => undefined, getFileStats: () => undefined } };
    const sorted = await new WaitingFirstSequencer(ctx as never).sort(specs);
    expect(sorted).toHaveLength(specs.length);
    expect(runsLongChains(sorted[0]!.moduleId)).toBe(true);
    const flags = sorted.slice(1).map((s) => waitsOnTimers(s.moduleId));
    const marked = flags.filter(Boolean).length;
    expect(marked).toBe(5);
    expect(flags.slice(0, marked).every(Boolean)).toBe(true);
    expect(flags.slice(marked).every((f) => !f)).toBe(true);
  });

  it('the property runs (long chains of sequential requests) carry the chains marker and start first', () => {
    const marked = suiteFiles()
      .filter(runsLongChains)
      .map((f) => f.slice(REPO.length));
    expect(marked).toEqual(['suites/validation/properties.test.ts']);
  });
});
