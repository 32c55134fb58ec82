// Cases sent several at a time report what fast-check's sequential run reports: the same failing
// case, the same shrunk counterexample, seed and path, and a path that replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCases, type CaseRunOptions } from '../../src/suite/concurrent-cases.js';

const arbitrary = fc.record({ port: fc.integer({ min: 0, max: 65535 }), label: fc.string({ maxLength: 8 }) });
type Case = { port: number; label: string };

/** An endpoint a few ms away that breaks the rule for ports above 60000; counts cases in flight. */
function endpoint(failsAt = 60_000) {
  const seen = { inFlight: 0, maxInFlight: 0, calls: 0 };
  const predicate = async (value: Case) => {
    seen.calls++;
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2 + (value.port % 3)));
    seen.inFlight--;
    if (value.port > failsAt) throw new Error(`port ${value.port} refused`);
  };
  return { predicate, seen };
}

const options = (seed: number, window: number, extra: Partial<CaseRunOptions> = {}): CaseRunOptions => ({
  seed,
  numRuns: 100,
  window,
  mayOverlap: () => true,
  stopped: () => false,
  budgetMs: 60_000,
  ...extra,
});

describe('concurrent generated cases', () => {
  // Seeds whose first failing case is case 0, 1, 2 and 6..14 (the later ones fail among others in flight).
  for (const seed of [42, 1, 1234567, 6, 14, 23]) {
    it(`a failing property reports the sequential run's counterexample, seed and path (seed ${seed})`, async () => {
      const sequential = endpoint();
      const expected = await fc.check(fc.asyncProperty(arbitrary, sequential.predicate), { seed, numRuns: 100 });
      expect(expected.failed).toBe(true);

      const together = endpoint();
      const got = await runCases(arbitrary, together.predicate, options(seed, 8));
      expect(got.failed).toBe(true);
      // Cases 1.. of the first failure went together (case 0 always goes alone).
      if (Number(got.path!.split(':')[0]) >= 2) expect(together.seen.maxInFlight).toBeGreaterThan(1);
      expect(got.counterexample).toEqual(expected.counterexample?.[0]);
      expect(got.path).toBe(expected.counterexamplePath);
      expect(got.numRuns).toBe(expected.numRuns);
      expect(got.numShrinks).toBe(expected.numShrinks);
      expect((got.error as Error).message).toBe((expected.errorInstance as Error).message);

      // The replay line's seed and path give the counterexample straight away.
      const replay = await fc.check(fc.asyncProperty(arbitrary, endpoint().predicate), { seed, path: got.path!, numRuns: 100 });
      expect(replay.counterexample?.[0]).toEqual(got.counterexample);
      // And a second run with the same seed finds the same.
      const again = await runCases(arbitrary, endpoint().predicate, options(seed, 8));
      expect(again.path).toBe(got.path);
    });
  }

  it('a property that holds runs every case once, several at a time', async () => {
    const { predicate, seen } = endpoint(65_535);
    const got = await runCases(arbitrary, predicate, options(7, 8));
    expect(got).toMatchObject({ failed: false, interrupted: false, numRuns: 100, attempts: 100 });
    expect(seen.calls).toBe(100);
    expect(seen.maxInFlight).toBe(8);
  });

  it('the cases fc.sample draws are the ones fc.check sends', async () => {
    const sent: Case[] = [];
    await fc.check(
      fc.asyncProperty(arbitrary, async (v) => {
        sent.push(v);
      }),
      { seed: 99, numRuns: 50 },
    );
    const drawn: Case[] = [];
    await runCases(
      arbitrary,
      async (v) => {
        drawn.push(v);
      },
      options(99, 1, { numRuns: 50 }),
    );
    const together: Case[] = [];
    await runCases(
      arbitrary,
      async (v) => {
        together.push(v);
      },
      options(99, 4, { numRuns: 50 }),
    );
    expect(drawn).toEqual(sent);
    expect(together).toEqual(sent);
  });

  it('cases go one at a time while mayOverlap says no, and the first case always alone', async () => {
    const { predicate, seen } = endpoint(65_535);
    await runCases(arbitrary, predicate, options(3, 8, { mayOverlap: () => false }));
    expect(seen.maxInFlight).toBe(1);
    let calls = 0;
    let overlapWithFirst = false;
    let firstRunning = false;
    await runCases(
      arbitrary,
      async () => {
        if (calls++ === 0) {
          firstRunning = true;
          await new Promise((resolve) => setTimeout(resolve, 5));
          firstRunning = false;
        } else if (firstRunning) overlapWithFirst = true;
      },
      options(3, 8, { numRuns: 20 }),
    );
    expect(overlapWithFirst).toBe(false);
  });

  it('a case that fails only beside others is judged alone and reported as unconfirmed', async () => {
    let inFlight = 0;
    const got = await runCases(
      arbitrary,
      async () => {
        inFlight++;
        const crowded = inFlight > 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        if (crowded) throw new Error('409 CONFLICT: another case holds the device');
      },
      options(5, 8, { numRuns: 30 }),
    );
    expect(got.failed).toBe(false);
    expect(got.unconfirmed?.index).toBe(2);
    expect(got.numRuns).toBe(30);
  });

  it('stops sending once an abort is recorded', async () => {
    let calls = 0;
    let aborted = false;
    const got = await runCases(
      arbitrary,
      async () => {
        if (++calls === 10) aborted = true;
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      options(5, 4, { stopped: () => aborted }),
    );
    expect(calls).toBeLessThan(20);
    expect(got.failed).toBe(false);
    expect(got.interrupted).toBe(false);
  });
});
