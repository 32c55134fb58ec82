// The one table of time tolerances: every comparison the suites make between a time the endpoint
// reports (startedAt, expiresAt, an event's arrival) and another time uses these, so one rule is
// never judged with two different slacks.
import type { ApiResponse } from '../http/client.js';

export const TOLERANCE_MS = {
  /** expiresAt against startedAt + duration, and how far an extension moves expiresAt: either end may be rounded to the second. */
  secondsRounding: 1_000,
  /** A Date header has second resolution (truncated), and the clock stamping startedAt / expiresAt may
   *  not be the one writing the header (an application behind a gateway): 1 s each. */
  dateHeader: 2_000,
  /** The endpoint's clock against ours, when it sends no Date header (two machines, unsynchronised). */
  localClock: 5_000,
  /** After a session's planned end, for the endpoint to notice the expiry (the notification timeout comes on top). */
  expiryDetection: 1_500,
  /** An expiry event this much earlier than create time + duration is reported (an advisory). */
  earlyExpiryEvent: 1_000,
} as const;

/** The latest time the endpoint's clock can have shown when it answered `res`, and what that rests on. */
export function endpointNowBound(res: ApiResponse): { ms: number; source: string } {
  const date = res.headers['date'] ? Date.parse(res.headers['date']) : Number.NaN;
  if (Number.isFinite(date)) return { ms: date + TOLERANCE_MS.dateHeader, source: `the response Date header ${res.headers['date']} + ${TOLERANCE_MS.dateHeader / 1000} s` };
  return { ms: Date.now() + TOLERANCE_MS.localClock, source: `the local clock + ${TOLERANCE_MS.localClock / 1000} s (no Date header)` };
}
