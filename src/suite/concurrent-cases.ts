// The cases of one property, sent several at a time with fast-check's own seed and path semantics.
// fast-check runs an async property case by case, so 100 cases against an endpoint 100 ms away take
// at least 10 s. Here the cases are drawn from the seed up front (fc.sample of the arbitrary: the
// values fc.check generates for the same seed, in its order; test/suite/concurrent-cases.test.ts) and sent within `window` at a time while
// `mayOverlap()` says they are independent. The first failing index k is handed to fast-check
// (fc.check from path "k", one case at a time): it confirms the case alone and shrinks it exactly as
// a sequential run would, so the counterexample, the seed and the path are the sequential run's.
import fc from 'fast-check';

export interface CaseRunOptions {
  seed: number;
  numRuns: number;
  /** Cases in flight at once (1: fast-check alone, as before). */
  window: number;
  /** May the next case be sent while others are in flight? Asked before each case. */
  mayOverlap: () => boolean;
  /** Stops sending (an abort the predicate recorded): the cases not sent count as not run. */
  stopped: () => boolean;
  /** Time for all cases and the shrinking; past it no more cases are sent. */
  budgetMs: number;
}

export interface CaseRunResult<T> {
  failed: boolean;
  /** The time budget ran out before every case was sent. */
  interrupted: boolean;
  /** Cases run up to and including the failing one (fast-check's numRuns), or all that ran. */
  numRuns: number;
  numShrinks: number;
  /** Cases the predicate ran (sent together, then alone, then shrinks). */
  attempts: number;
  counterexample?: T;
  /** fast-check path of the counterexample (the same as a sequential run's). */
  path?: string;
  error?: unknown;
  /** A case that failed among others and passed alone: judged alone (e.g. its answer met another case's session). */
  unconfirmed?: { index: number; error: unknown };
}

/** Runs `predicate` (throws = the case fails) on the cases of `arbitrary` for `seed`. */
export async function runCases<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, opts: CaseRunOptions): Promise<CaseRunResult<T>> {
  const started = performance.now();
  let attempts = 0;
  const counted = async (value: T) => {
    attempts++;
    await predicate(value);
  };
  const property = fc.asyncProperty(arbitrary, counted);
  let from = 0;
  let unconfirmed: { index: number; error: unknown } | undefined;
  if (opts.window > 1) {
    const pass = await overlappingPass(arbitrary, counted, opts, started);
    if (pass.failure === undefined) {
      return { failed: false, interrupted: pass.sent < opts.numRuns && !opts.stopped(), numRuns: pass.sent, numShrinks: 0, attempts };
    }
    from = pass.failure.index;
    unconfirmed = pass.failure;
  }
  if (opts.stopped()) return { failed: false, interrupted: false, numRuns: from, numShrinks: 0, attempts };
  const left = Math.max(1000, Math.floor(opts.budgetMs - (performance.now() - started)));
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.numRuns - from,
    ...(from > 0 ? { path: String(from) } : {}),
    interruptAfterTimeLimit: left,
    markInterruptAsFailure: false,
  });
  const common = { interrupted: details.interrupted, numRuns: from + details.numRuns, numShrinks: details.numShrinks, attempts };
  if (!details.failed) return { failed: false, ...common, ...(unconfirmed ? { unconfirmed } : {}) };
  return { failed: true, ...common, counterexample: details.counterexample?.[0], path: details.counterexamplePath ?? undefined, error: details.errorInstance };
}

/** Sends the cases in order, up to `window` at once; stops at the first failure (its lowest index). */
async function overlappingPass<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  opts: CaseRunOptions,
  started: number,
): Promise<{ sent: number; failure?: { index: number; error: unknown } }> {
  // Of the arbitrary, not of the property: fc.sample of a property draws other values from index ~10.
  const values = fc.sample(arbitrary, { seed: opts.seed, numRuns: opts.numRuns });
  const inFlight = new Set<Promise<void>>();
  let failure: { index: number; error: unknown } | undefined;
  let sent = 0;
  const stop = () => failure !== undefined || opts.stopped() || performance.now() - started > opts.budgetMs;
  const send = (index: number): Promise<void> =>
    predicate(values[index]!).catch((error: unknown) => {
      if (failure === undefined || index < failure.index) failure = { index, error };
    });
  for (let index = 0; index < values.length && !stop(); index++) {
    // The first case goes alone: what a case does to the endpoint (a session?) is unknown before.
    if (index === 0 || !opts.mayOverlap()) {
      // This case goes alone: after the ones in flight, and nothing beside it.
      await Promise.all(inFlight);
      if (stop()) break;
      if (index === 0 || !opts.mayOverlap()) {
        sent++;
        await send(index);
        continue;
      }
    }
    while (inFlight.size >= opts.window) await Promise.race(inFlight);
    if (stop()) break;
    sent++;
    const p: Promise<void> = send(index).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { sent, ...(failure ? { failure } : {}) };
}
