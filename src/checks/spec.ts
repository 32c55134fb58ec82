// What a check is: one record with its identity (ID, official scenario, operation, area), the rules
// it judges, where it applies and what it costs. Reports, JUnit names, --check/--only/--skip and
// the fault self-test read these records (src/checks/registry.ts), never a check's title.
import type { Area } from '../config/types.js';
import type { VersionRules } from '../versions/rules.js';

/** Why a device left the pool that a check may judge: 'cleanup' (a DELETE that failed), 'create'
 *  (a 201 without the session id, so the session cannot be deleted). */
export type PoolExit = 'cleanup' | 'create';

export interface CheckSpec {
  /**
   * Stable ID, unique in the suite: the official scenario ID when the check is the one that
   * implements it, `<scenarioId>:<part>` when several checks share a scenario, else
   * `<operation or area>.<short-name>`.
   */
  id: string;
  /** What the check verifies, in words (the JUnit name is `<id> — <title>`). */
  title: string;
  operation: string;
  area: Area;
  /** Official CAMARA scenario the check implements (several checks may share one). */
  scenarioId?: string;
  /** Inventory rule IDs the check judges (specs/rules): a fault that breaks one of them must fail it. */
  rules: readonly string[];
  /** The rule its failures cite unless they say otherwise: a spec location or the scenario. */
  cites: string;
  /**
   * Where the check applies, from the version's rules (src/versions/rules.ts): default everywhere;
   * a check of an official scenario also needs its ID in the version's scenario set.
   */
  appliesTo?: (v: VersionRules) => boolean;
  /** Waits the check makes on the endpoint's timers (they set its time limit). */
  cost?: CheckCost;
  /** Not run with --profile safe (long waits, many sessions): true or the reason. */
  fullProfileOnly?: true | string;
  /**
   * Checks (registry IDs) that give this check's verdict on every fault that it catches: --profile
   * safe leaves it out and spends no session on it (test/safety/safe-duplicates.ts proves
   * that those checks fail on its faults).
   */
  sameVerdictAs?: readonly string[];
  /** Runs alongside the file's other checks (default true). false only for a check that relies on
   *  running alone in its file (e.g. a request burst). */
  concurrent?: boolean;
  /** A fixed time limit instead of the one derived from the cost (ms). */
  timeout?: number;
  /** What left a device out of the pool that is this check's subject (see PoolExit): when every
   *  device it could use left the pool for that reason, the other check's answer is its evidence. */
  judges?: PoolExit;
}

export interface CheckCost {
  /** Fixed waits on top of the others (e.g. a session's duration), in ms. */
  waitMs?: number;
  /** Bounded waits for a callback, a status change or a quiet sink (default 2). */
  notificationWaits?: number;
}

/** A registered check: its spec plus where it is declared. */
export interface CheckRecord extends Omit<CheckSpec, 'appliesTo'> {
  /** Suite file that declares it (relative to the package, e.g. `suites/sessions/getSession.test.ts`). */
  file: string;
  /** Enclosing groups (describe blocks). */
  groups: string[];
  /** The version predicate (kept out of JSON). */
  appliesTo?: (v: VersionRules) => boolean;
}

/** The name vitest and the reports show. */
export function checkName(spec: Pick<CheckSpec, 'id' | 'title'>): string {
  return `${spec.id} — ${spec.title}`;
}

/** The fields that say which check a record is. */
export type CheckIdentity = Pick<CheckSpec, 'id' | 'scenarioId' | 'title' | 'operation' | 'area' | 'cites' | 'rules'>;

/** The identity of the check that implements official scenario `scenarioId`: its ID is the scenario ID. */
export function scenarioCheck(operation: string, area: Area, scenarioId: string, title: string, cites: string, rules: readonly string[]): CheckIdentity {
  return { id: scenarioId, scenarioId, title, operation, area, cites, rules };
}
