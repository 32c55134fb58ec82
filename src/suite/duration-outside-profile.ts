// The one rule for a createSession whose duration the schema allows but the QoS profile does not
// (from 0.11.1; before, the profile's own limits when the profiles API states them). The spec lets the implementation "grant the requested session duration or set a
// different duration", and documents 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE for a duration
// outside the profile's limits. So a refusal with a duration/range code conforms, and so does a
// 201 whose granted duration lies inside [minDuration, maxDuration]. Granting a duration outside
// those limits breaks the profile ("overall session duration must not exceed" maxDuration;
// minDuration is "the shortest time period that this profile can be deployed").
import type { ApiResponse } from '../http/client.js';
import { noteConflict } from './create-cases.js';
import { allowed400Codes } from './generated-requests.js';
import type { Qod } from './harness.js';
import { sessionIdOf, type DurationLimits, type SessionView } from './sessions.js';

export type ProfileLimits = Pick<DurationLimits, 'min' | 'max' | 'source'>;

/** The 400 codes a refused out-of-profile duration may carry (the spec's duration/range codes). */
export async function outOfProfileCodes(q: Qod): Promise<string[]> {
  const codes = allowed400Codes(q, await q.validators(), 'createSession', 'maximum', '/duration');
  if (codes.includes('QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE')) {
    await noteConflict(
      q,
      2,
      'followed the spec: QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE is the documented code for a duration outside the profile limits; INVALID_ARGUMENT (scenario 400.9) and OUT_OF_RANGE (same 400 enum) are accepted too.',
    );
  }
  return codes;
}

const advised = new WeakSet<Qod>();

/**
 * Judges the answer to a create that asked for `requested` s outside the profile's limits: a 400
 * with a duration/range code, or a 201 granting a duration within the limits (advisory). Returns
 * the id of a granted session (tracked for cleanup) so the caller may delete it.
 */
export async function judgeOutsideProfile(q: Qod, res: ApiResponse, requested: number, limits: ProfileLimits, rule: string): Promise<string | undefined> {
  const range = `${limits.min}..${limits.max ?? '∞'} s`;
  if (res.status !== 201) {
    const codes = await outOfProfileCodes(q);
    q.expectError(res, { status: 400, codes, rule: `${rule}; ${limits.source} (${range}; requested ${requested}); ${q.cite(`createSession responses.400 code ${codes.join(' / ')}`)}` });
    return undefined;
  }
  // Before 0.11.1 the create's own limits are the schema's: a provider that grants a duration
  // outside the profile's range breaks no stated rule of the create (advisory).
  if (!q.rules.durationRequired) {
    await q.advise({
      title: "a duration outside the QoS profile's own limits was granted",
      whyItMatters: `QoD ${q.version} documents a 400 for a duration outside the profile's range, and the profile says it cannot be deployed for less than its minDuration; granting it anyway leaves the consumer unsure what the network delivers.`,
      detail: `requested ${requested} s (profile ${range}), answered 201 with duration ${String((res.json as SessionView | undefined)?.duration)}.`,
    });
    return sessionIdOf(q, res.json);
  }
  const session = res.json as SessionView;
  const granted = session.duration;
  q.check(typeof granted === 'number' && granted >= limits.min && (limits.max === undefined || granted <= limits.max), "a duration outside the profile's limits was granted", {
    rule: `${rule}; ${limits.source}; ${q.cite('CreateSession.duration: the implementation may set a different duration, within the QoS profile (maxDuration: "overall session duration must not exceed this value"; minDuration: "the shortest time period that this profile can be deployed")')}`,
    expected: `400 with a duration/range code, or 201 with a granted duration within ${range}`,
    actual: `201 with duration ${String(granted)} (requested ${requested})`,
  });
  if (!advised.has(q)) {
    advised.add(q);
    await q.advise({
      title: "a duration outside the profile's limits is granted within them instead of refused",
      whyItMatters: 'Consumers following scenario 400.9 expect a 400; the spec lets the implementation set a different duration, so both conform.',
      detail: `requested ${requested} s (profile ${range}), granted ${String(granted)} s.`,
    });
    await q.noteStandard(
      'createSession_400.9 expects 400 for a duration outside the profile limits; the spec also allows granting a different duration: a 201 within the limits is accepted (advisory).',
    );
  }
  return sessionIdOf(q, session);
}
