// The order of the project's own test files (test/support/sequencer.ts): the long files start
// first, longest first, whatever vitest's cache says.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './cli.js';
import { declaredSeconds, longFirst } from './sequencer.js';

const testFiles = readdirSync(join(REPO, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join(REPO, 'test', f))
  .sort();

describe('test file order', () => {
  it('the self-test batch and the two-runs test are marked long; most files are not', () => {
    for (const f of ['selftest/self-test.test.ts', 'selftest/two-runs.test.ts']) expect(declaredSeconds(join(REPO, 'test', f)), f).toBeGreaterThan(30);
    expect(testFiles.filter((f) => declaredSeconds(f) !== undefined).length).toBeLessThan(testFiles.length / 4);
  });

  it('puts the long files first, longest first, and keeps the given order of the rest', () => {
    const ordered = longFirst(testFiles, (f) => f);
    const seconds = ordered.map((f) => declaredSeconds(f));
    const long = seconds.filter((s): s is number => s !== undefined);
    expect(seconds.slice(0, long.length)).toEqual(long);
    expect(long).toEqual([...long].sort((a, b) => b - a));
    expect(ordered.slice(long.length)).toEqual(testFiles.filter((f) => declaredSeconds(f) === undefined));
  });
});
