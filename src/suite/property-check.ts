// Runs one fast-check property against the endpoint with the run's seed and --runs, and turns a
// failure into evidence: the shrunk counterexample, the seed and path to replay it, the failing
// exchange's curl, and a ConformanceFailure citing the rule the endpoint broke. Independent cases
// are sent several at a time (src/suite/concurrent-cases.ts); a failure is shrunk one case at a time.
import type fc from 'fast-check';
import { ConformanceFailure } from '../checks/failure.js';
import { workerShare } from '../config/worker-share.js';
import type { RecordedExchange } from '../evidence/types.js';
import { TransportError } from '../http/client.js';
import { runCases } from './concurrent-cases.js';
import type { Qod } from './harness.js';

const failingExchanges = new WeakMap<object, RecordedExchange>();

/** Marks the exchange a failure is about (else the test's last exchange is cited, e.g. a cleanup). */
export function attachExchange(error: unknown, exchange: RecordedExchange | undefined): void {
  if (exchange && typeof error === 'object' && error !== null && !failingExchanges.has(error)) failingExchanges.set(error, exchange);
}

export const SAFE_PROFILE_SKIP = 'not selected: --profile safe runs no property tests';

export interface PropertySpec<T> {
  /** What the property states, e.g. "every valid createSession body is accepted". */
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Checks one generated case; throws a ConformanceFailure when the endpoint breaks a rule. */
  check: (value: T) => Promise<void>;
  /** Requests one case sends (for the time budget); default 2. */
  requestsPerCase?: number;
  /**
   * May the next case be sent while others are in flight (its outcome does not depend on theirs)?
   * Asked before each case; default never. Whatever it says, cases go one at a time once a case of
   * the property created a session (another create on the leased device would meet it: 409).
   */
  independent?: () => boolean;
}

export interface PropertyOutcome {
  numRuns: number;
  seed: number;
}

/**
 * The session budget of one property check (--property-sessions): every generated case that
 * created a session counts (q.stats.sessionsCreated); once it is spent, later cases are not sent.
 * Cases that create none (refusals, reads) keep the full --runs depth until then.
 */
class SessionAllowance {
  private readonly start: number;
  /** Cases not sent because the budget was spent. */
  held = 0;

  constructor(private readonly q: Qod) {
    this.start = q.stats.sessionsCreated;
  }

  get spent(): number {
    return this.q.stats.sessionsCreated - this.start;
  }

  /** May the next case be sent? (false counts it as held back) */
  allows(): boolean {
    if (this.spent < this.q.config.propertySessions) return true;
    this.held++;
    return false;
  }
}

/** Skips the test in --profile safe (runs = 0), with the note the report shows. */
export function needPropertyRuns(q: Qod): number {
  if (q.config.runs <= 0) q.ctx.skip(SAFE_PROFILE_SKIP);
  return q.config.runs;
}

/** Test timeout for a property test: room for every case at --max-rps, plus shrinking. */
export function propertyTimeout(config: { runs: number; maxRps: number; timeoutMs: number }, requestsPerCase = 2): number {
  const perRequest = config.maxRps > 0 ? Math.max(1000 / config.maxRps, 25) : 25;
  return Math.max(60_000, Math.ceil(config.runs * requestsPerCase * perRequest * 3) + config.timeoutMs * 4);
}

/** Errors that end the whole run of cases (a skip, the endpoint not answering): never shrunk. */
function isAbort(error: unknown): boolean {
  return error instanceof TransportError || (error as { code?: unknown } | null)?.code === 'VITEST_PENDING';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

export async function runProperty<T>(q: Qod, spec: PropertySpec<T>): Promise<PropertyOutcome> {
  const numRuns = needPropertyRuns(q);
  const seed = q.config.seed;
  let aborted: unknown;
  let failingExchange: RecordedExchange | undefined;
  const allowance = new SessionAllowance(q);
  const predicate = async (value: T) => {
    if (aborted !== undefined || !allowance.allows()) return;
    try {
      await spec.check(value);
    } catch (error) {
      if (isAbort(error)) {
        aborted ??= error;
        return;
      }
      failingExchange = (typeof error === 'object' && error !== null ? failingExchanges.get(error) : undefined) ?? q.lastExchange;
      throw error;
    }
  };
  // Shrinking stops before the test's own timeout so the counterexample still gets reported.
  const budget = Math.floor(propertyTimeout(q.config, spec.requestsPerCase) * 0.7);
  const details = await runCases(spec.arbitrary, predicate, {
    seed,
    numRuns,
    // This worker's share of --concurrency (its pacer also holds --max-rps).
    window: spec.independent ? workerShare(q.config).concurrency : 1,
    mayOverlap: () => allowance.spent === 0 && (spec.independent?.() ?? false),
    stopped: () => aborted !== undefined,
    budgetMs: budget,
  });
  q.stats.cases += details.attempts - allowance.held;
  if (aborted !== undefined) throw aborted;
  if (allowance.held > 0) {
    await q.ctx.annotate(
      `session budget: ${allowance.spent} generated case(s) created sessions (--property-sessions ${q.config.propertySessions}); the ${allowance.held} case(s) after them were not sent`,
      'qod:info',
    );
  }
  if (details.unconfirmed) {
    const why = details.unconfirmed.error instanceof Error ? firstLine(details.unconfirmed.error.message) : String(details.unconfirmed.error);
    await q.ctx.annotate(`generated case ${details.unconfirmed.index} failed while sent beside others (${why}) and passed when sent alone: judged alone`, 'qod:info');
  }
  if (details.interrupted) await q.ctx.annotate(`${details.numRuns} of ${numRuns} cases ran within the time budget (${budget} ms); raise the test timeout or --max-rps for all`, 'qod:info');
  if (!details.failed) return { numRuns: details.numRuns, seed };

  const error = details.error;
  const path = details.path;
  const counterexample = details.counterexample;
  const curl = failingExchange?.curl;
  const replay = `qod-conformance --seed ${seed} --runs ${numRuns}${path ? ` (fast-check path ${path})` : ''}`;
  await q.counterexample(`${spec.name}: failed after ${details.numRuns} case(s) and ${details.numShrinks} shrink(s); seed ${seed}${path ? `, path ${path}` : ''}`, {
    property: spec.name,
    seed,
    path,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample,
    failure: error instanceof Error ? error.message : String(error),
    curl,
    exchange: failingExchange
      ? {
          request: `${failingExchange.request.method} ${failingExchange.request.url}`,
          requestBody: failingExchange.request.body,
          status: failingExchange.response?.status,
          responseBody: failingExchange.response?.body,
        }
      : undefined,
    replay,
  });
  if (error instanceof ConformanceFailure) {
    throw new ConformanceFailure(`${spec.name}: a generated case fails (seed ${seed}${path ? `, path ${path}` : ''}): ${firstLine(error.message)}`, {
      rule: error.rule,
      expected: error.expected,
      actual: `${error.actual}\n  counterexample: ${JSON.stringify(counterexample)}${curl ? `\n  reproduce: ${curl}` : ''}`,
    });
  }
  throw error instanceof Error ? error : new Error(String(error));
}
