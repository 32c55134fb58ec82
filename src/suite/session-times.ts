// The time rules of SessionInfo, one function per rule, used by the createSession 01 rows, the
// life-cycle checks and every check that reads a session back: startedAt / expiresAt absent while
// REQUESTED (where the version makes them optional), startedAt not after the answer, expiresAt =
// startedAt + duration. Tolerances come from time-tolerances.ts.
import type { ApiResponse } from '../http/client.js';
import type { Qod } from './harness.js';
import type { SessionView } from './sessions.js';
import { endpointNowBound, TOLERANCE_MS } from './time-tolerances.js';

/** startedAt / expiresAt as epoch ms (RFC 3339 strings from 0.11.1, epoch seconds before); undefined when absent or not of the version's type (the schema check reports that). */
export function timeMs(q: Qod, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (q.rules.timesAreEpochSeconds) return typeof value === 'number' ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The rule text: the caller's (a scenario) first, then the spec location. */
function ruleText(q: Qod, scenarioRule: string | undefined, where: string): string {
  return scenarioRule ? `${scenarioRule}; ${q.cite(where)}` : q.cite(where);
}

const label = (what: string | undefined, summary: string): string => (what ? `${what}: ${summary}` : summary);

/** A time the endpoint reports as past (startedAt, the end of an expired session) is not after its answer. */
export function expectNotAfterAnswer(q: Qod, value: unknown, res: ApiResponse, summary: string, rule: string): void {
  const ms = timeMs(q, value);
  if (ms === undefined) return;
  const now = endpointNowBound(res);
  q.check(ms <= now.ms, summary, { rule, expected: `a time not after ${new Date(now.ms).toISOString()} (${now.source})`, actual: String(value) });
}

/**
 * Where the version makes the times optional (RFC 3339 ones, 0.11.1 on): `field` is not returned
 * while REQUESTED, and an AVAILABLE session without it is an advisory (the schema does not require
 * it). Returns whether the field's other rules apply (the session is past REQUESTED, or the version
 * requires the field anyway).
 */
async function presentOnlyPastRequested(q: Qod, view: SessionView, field: 'startedAt' | 'expiresAt', scenarioRule: string | undefined, what: string | undefined): Promise<boolean> {
  if (q.rules.timesAreEpochSeconds) return true; // 0.8.1 / 0.10.1: required in every state
  if (view.qosStatus === 'REQUESTED') {
    q.check(view[field] === undefined, label(what, `${field} is returned while the session is REQUESTED`), {
      rule: ruleText(q, scenarioRule, `SessionInfo.${field}: not to be returned when qosStatus is REQUESTED`),
      expected: `no ${field}`,
      actual: JSON.stringify(view[field]),
    });
    return false;
  }
  if (view[field] === undefined && view.qosStatus === 'AVAILABLE') {
    await q.advise({
      title: label(what, `${field} missing on an AVAILABLE session`),
      whyItMatters:
        field === 'startedAt'
          ? 'startedAt is "the time when the QoS status became AVAILABLE"; without it a consumer cannot tell when the session started.'
          : 'Without expiresAt a consumer cannot tell when the QoS ends and when to extend.',
      detail: `session ${String(view.sessionId)} is AVAILABLE and has no ${field} (the schema does not make it mandatory; the spec defines it for AVAILABLE sessions).`,
    });
  }
  return true;
}

/** startedAt: absent while REQUESTED (where optional); when present, not after the answer. */
export async function checkStartedAt(q: Qod, view: SessionView, res: ApiResponse, scenarioRule?: string, what?: string): Promise<void> {
  if (!(await presentOnlyPastRequested(q, view, 'startedAt', scenarioRule, what))) return;
  expectNotAfterAnswer(q, view.startedAt, res, label(what, 'startedAt is in the future'), ruleText(q, scenarioRule, 'SessionInfo.startedAt (when the session became AVAILABLE)'));
}

/**
 * expiresAt: absent while REQUESTED (where optional); otherwise later than startedAt and equal to
 * startedAt + duration (the planned end while AVAILABLE, the actual end once UNAVAILABLE, with the
 * overall / effective duration), within the rounding of either time to the second.
 */
export async function checkExpiresAt(q: Qod, view: SessionView, scenarioRule?: string, what?: string): Promise<void> {
  if (!(await presentOnlyPastRequested(q, view, 'expiresAt', scenarioRule, what))) return;
  const started = timeMs(q, view.startedAt);
  const expires = timeMs(q, view.expiresAt);
  if (started === undefined || expires === undefined) return;
  q.check(expires > started, label(what, 'expiresAt is not later than startedAt'), {
    rule: ruleText(q, scenarioRule, 'SessionInfo.expiresAt'),
    expected: `later than ${String(view.startedAt)}`,
    actual: String(view.expiresAt),
  });
  if (typeof view.duration !== 'number') return;
  const tolerance = TOLERANCE_MS.secondsRounding / 1000;
  q.check(Math.abs(expires - started - view.duration * 1000) <= TOLERANCE_MS.secondsRounding, label(what, 'expiresAt is not startedAt + duration'), {
    rule: ruleText(q, scenarioRule, 'SessionInfo.expiresAt (= startedAt + duration: planned end while AVAILABLE, actual end once UNAVAILABLE)'),
    expected: `expiresAt = startedAt + ${view.duration} s (± ${tolerance} s) = ${new Date(started + view.duration * 1000).toISOString()}`,
    actual: `startedAt ${String(view.startedAt)}, expiresAt ${String(view.expiresAt)} (${(expires - started) / 1000} s apart)`,
  });
}

/** Every time rule of SessionInfo on one answer (`what` names it in the failure). */
export async function checkSessionTimes(q: Qod, view: SessionView, res: ApiResponse, what: string): Promise<void> {
  await checkStartedAt(q, view, res, undefined, what);
  await checkExpiresAt(q, view, undefined, what);
}

/** How far expiresAt moved from `before` to `after`, against what an extension granted: within the rounding to the second. */
export function movedBy(q: Qod, before: unknown, after: unknown, grantedS: number): boolean | undefined {
  const e0 = timeMs(q, before);
  const e1 = timeMs(q, after);
  if (e0 === undefined || e1 === undefined) return undefined;
  return Math.abs(e1 - e0 - grantedS * 1000) <= TOLERANCE_MS.secondsRounding;
}
