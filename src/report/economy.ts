// What a run cost the endpoint: requests sent and sessions (QoS assignments) created, per area and
// in total. Each reconfigures a real network (and may be billed), so every report shows these figures.
// The counts come from each test's work figures (qod:stats, counted where every request is sent:
// Qod.send), not from the kept exchanges, which property runs trim.
import { AREAS, type ApiId } from '../config/types.js';
import type { TestOutcome } from './model.js';

export interface AreaWork {
  area: string;
  requests: number;
  sessionsCreated: number;
}

export interface RunWork {
  requests: number;
  sessionsCreated: number;
  /** Areas in the fixed AREAS order (then any other), only those that sent something. */
  byArea: AreaWork[];
  /** Sessions one property check's generated cases may create (--property-sessions); absent without property runs. */
  propertySessions?: number;
  /** Every request the run sent, beyond the checks' own too (preflight, cleanup, retries); absent when not counted. */
  requestsSent?: number;
  /** Sessions the run's ledger recorded as created: also those of checks that never finished (Ctrl-C). */
  sessionsInLedger?: number;
}

export function runWork(tests: ReadonlyArray<Pick<TestOutcome, 'area' | 'work'>>, propertySessions?: number, requestsSent?: number, sessionsInLedger?: number): RunWork {
  const byArea = new Map<string, AreaWork>(AREAS.map((area) => [area, { area, requests: 0, sessionsCreated: 0 }]));
  for (const test of tests) {
    if (!test.work) continue;
    const entry = byArea.get(test.area) ?? { area: test.area, requests: 0, sessionsCreated: 0 };
    entry.requests += test.work.requests;
    entry.sessionsCreated += test.work.sessionsCreated;
    byArea.set(test.area, entry);
  }
  const areas = [...byArea.values()].filter((a) => a.requests > 0);
  return {
    requests: areas.reduce((n, a) => n + a.requests, 0),
    sessionsCreated: areas.reduce((n, a) => n + a.sessionsCreated, 0),
    byArea: areas,
    ...(propertySessions === undefined ? {} : { propertySessions }),
    ...(requestsSent === undefined ? {} : { requestsSent }),
    ...(sessionsInLedger === undefined ? {} : { sessionsInLedger }),
  };
}

/** What the run creates on the endpoint of `api`, one and many: a QoS Provisioning run creates QoS assignments. */
export function createdNoun(api: ApiId = 'quality-on-demand'): [one: string, many: string] {
  return api === 'qos-provisioning' ? ['QoS assignment', 'QoS assignments'] : ['session', 'sessions'];
}

/** e.g. "72 sessions created (sessions 30, auth 12, ...), 1,234 requests sent; property checks: at most 5 sessions each". */
export function workLine(work: RunWork, api: ApiId = 'quality-on-demand'): string {
  const [one, many] = createdNoun(api);
  const count = (n: number) => `${n} ${n === 1 ? one : many}`;
  const areas = work.byArea.filter((a) => a.sessionsCreated > 0).map((a) => `${a.area} ${a.sessionsCreated}`);
  const budget = work.propertySessions === undefined ? '' : `; property checks: at most ${count(work.propertySessions)} each (--property-sessions)`;
  const beyond = work.requestsSent === undefined ? 0 : work.requestsSent - work.requests;
  const requests = beyond > 0 ? `${work.requestsSent} requests sent (${work.requests} by the checks, ${beyond} for preflight, shared ${many}, cleanup and retries)` : `${work.requests} requests sent`;
  // The ledger knows the sessions of checks that never finished (an interrupted run); the areas are
  // those of the checks that did.
  const created = Math.max(work.sessionsCreated, work.sessionsInLedger ?? 0);
  const unfinished = created > work.sessionsCreated ? `${work.sessionsCreated} by checks that finished${areas.length ? ': ' : ''}` : '';
  const detail = unfinished || areas.length ? ` (${unfinished}${areas.join(', ')})` : '';
  return `${count(created)} created${detail}, ${requests}${budget}`;
}
