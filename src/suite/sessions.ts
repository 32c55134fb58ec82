// Building valid requests from operator data, and creating sessions that are always cleaned up.
import type { DeviceId } from '../config/types.js';
import type { ApiResponse } from '../http/client.js';
import type { Qod } from './harness.js';
import { runKey } from './run-scope.js';

export type Json = Record<string, unknown>;

/** The session as returned by the endpoint. */
export interface SessionView extends Json {
  sessionId?: string;
  id?: string;
  qosStatus?: string;
  duration?: number;
  startedAt?: string | number;
  expiresAt?: string | number;
  statusInfo?: string;
  device?: DeviceId;
}

/** Largest value of an int32 field (CreateSession.duration's format where the schema sets no maximum). */
const INT32_MAX = 2_147_483_647;

/** The duration the suite prefers for a session: long enough to work with, short enough to end soon. */
export const DEFAULT_TEST_DURATION = 60;

/** The one rule for the duration a check asks for: the preferred duration clamped into the
 *  limits that apply to the profile (a 60 s request is our bug when the profile allows only longer). */
export async function testDuration(q: Qod, profile: string): Promise<number> {
  const { min, max } = await durationLimits(q, profile);
  return Math.min(Math.max(DEFAULT_TEST_DURATION, min), max ?? Number.POSITIVE_INFINITY);
}

/** The profile whose limits apply to a body: the one `extra` names when it is one of the operator's
 *  profiles (an invalid name is never looked up), else the operator's valid profile. */
function profileOfBody(q: Qod, valid: string, extra: Json): string {
  const named = q.version === '0.8.1' ? extra.qos : extra.qosProfile;
  const known = Object.values(q.operator.qosProfiles).filter((p): p is string => typeof p === 'string');
  return typeof named === 'string' && known.includes(named) ? named : valid;
}

/** A createSession body valid for the run's version, for `device`; its duration is one the
 *  profile allows (testDuration) unless `extra` sets one. */
export async function validCreateBody(q: Qod, device: DeviceId | undefined, extra: Json = {}): Promise<Json> {
  const op = q.operator;
  const appServer = q.need('applicationServer', op.applicationServer);
  const profile = q.need('qosProfiles.valid', op.qosProfiles.valid);
  const duration = 'duration' in extra ? undefined : await testDuration(q, profileOfBody(q, profile, extra));
  if (q.version === '0.8.1') {
    return {
      ueId: legacyUeId(device),
      asId: { ipv4addr: appServer.ipv4Address, ipv6addr: appServer.ipv6Address },
      qos: profile,
      duration,
      ...extra,
    };
  }
  const body: Json = { applicationServer: appServer, qosProfile: profile, duration, ...extra };
  if (device) body.device = device;
  if (q.version === '1.2.0-rc.3' && appServer.ipv4Address && appServer.ipv6Address && !('applicationServer' in extra)) {
    body.applicationServer = { ipv4Address: appServer.ipv4Address, ipv6Address: appServer.ipv6Address };
  }
  return body;
}

function legacyUeId(device: DeviceId | undefined): Json {
  if (!device) return {};
  if (device.phoneNumber) return { msisdn: device.phoneNumber };
  if (device.ipv4Address) return { ipv4addr: device.ipv4Address.publicAddress };
  if (device.ipv6Address) return { ipv6addr: device.ipv6Address };
  return { externalId: device.networkAccessIdentifier };
}

export function sessionIdOf(q: Qod, session: unknown): string | undefined {
  const s = session as SessionView | undefined;
  const id = q.rules.sessionIdField === 'id' ? s?.id : s?.sessionId;
  return typeof id === 'string' ? id : undefined;
}

/** POST /sessions; a created session is tracked for cleanup (q.send). Returns the raw response. */
export async function postSession(q: Qod, body: unknown, opts: { token?: string | null; rawBody?: string; contentType?: string | null } = {}): Promise<ApiResponse> {
  return q.call({ method: 'POST', path: '/sessions', operationId: 'createSession', body, ...opts });
}

/** Creates a session that must succeed (201) and returns it. */
export async function createSession(q: Qod, body: Json, opts: { token?: string | null; rule?: string } = {}): Promise<{ res: ApiResponse; session: SessionView; id: string }> {
  const res = await postSession(q, body, opts);
  q.expectStatus(res, 201, opts.rule ?? q.cite('createSession: a valid request creates a session (201)'));
  const session = res.json as SessionView;
  return { res, session, id: requireSessionId(q, session) };
}

/** The id of a session a 201 created; fails when the answer has none (SessionInfo requires it). */
export function requireSessionId(q: Qod, session: SessionView): string {
  const id = sessionIdOf(q, session);
  q.check(id !== undefined, 'created session has no id', { rule: q.cite(`SessionInfo required ${q.rules.sessionIdField}`), expected: `a ${q.rules.sessionIdField}`, actual: JSON.stringify(session) });
  return id;
}

export async function getSession(q: Qod, id: string, token?: string | null): Promise<ApiResponse> {
  return q.call({ method: 'GET', path: `/sessions/${encodeURIComponent(id)}`, operationId: 'getSession', token });
}

export async function deleteSession(q: Qod, id: string, token?: string | null): Promise<ApiResponse> {
  const res = await q.call({ method: 'DELETE', path: `/sessions/${encodeURIComponent(id)}`, operationId: 'deleteSession', token });
  if (res.status === 204) q.untrack(id, true);
  return res;
}

export async function extendSession(q: Qod, id: string, body: unknown, token?: string | null): Promise<ApiResponse> {
  return q.call({ method: 'POST', path: `/sessions/${encodeURIComponent(id)}/extend`, operationId: 'extendQosSessionDuration', body, token });
}

export async function retrieveSessions(q: Qod, body: unknown, token?: string | null): Promise<ApiResponse> {
  return q.call({ method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body, token });
}

const UNIT_SECONDS: Record<string, number> = {
  Days: 86400,
  Hours: 3600,
  Minutes: 60,
  Seconds: 1,
  Milliseconds: 0.001,
  Microseconds: 0.000001,
  Nanoseconds: 0.000000001,
};

export function durationSeconds(d: unknown): number | undefined {
  const v = d as { value?: number; unit?: string } | undefined;
  if (!v || typeof v.value !== 'number' || !v.unit || !(v.unit in UNIT_SECONDS)) return undefined;
  return v.value * UNIT_SECONDS[v.unit]!;
}

const profileCache = new Map<string, Json | null>();

/**
 * The QoS profile as the endpoint describes it (getQosProfile), or null when not readable. A
 * precondition, not a check: its answer is not judged here (the profile checks judge it), so a
 * broken profiles API never fails a session check that only wanted the profile's limits.
 */
export async function readProfile(q: Qod, name: string): Promise<Json | null> {
  // Per run: a self-test batch serves several providers from one worker.
  const key = `${runKey(q.config)} ${name}`;
  if (profileCache.has(key)) return profileCache.get(key)!;
  if (!q.config.profilesUrl) return null;
  const res = await q.send({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(name)}`, operationId: 'getQosProfile' });
  const json = res.json;
  const profile = res.status === 200 && typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Json) : null;
  profileCache.set(key, profile);
  return profile;
}

export interface DurationLimits {
  min: number;
  max: number | undefined;
  source: string;
  /** The limits are the QoS profile's own (else only the schema's). */
  profileBound: boolean;
  /** The limits are known: the schema's, or the profile's as read or agreed (false: defaults). */
  known: boolean;
}

/**
 * The profile's own minDuration/maxDuration in whole seconds: as the profiles API reports them,
 * else as agreed during onboarding (qosProfiles.agreed in the operator data); `from` says which.
 */
async function profileDurations(q: Qod, name: string): Promise<{ min: number | undefined; max: number | undefined; from?: 'profiles API' | 'agreed' }> {
  const whole = (min: number | undefined, max: number | undefined) => ({
    min: min === undefined ? undefined : Math.max(1, Math.ceil(min)),
    max: max === undefined ? undefined : Math.floor(max),
  });
  const profile = await readProfile(q, name);
  if (profile) return { ...whole(durationSeconds(profile.minDuration), durationSeconds(profile.maxDuration)), from: 'profiles API' };
  const agreed = q.operator.qosProfiles.agreed?.[name];
  if (agreed) return { ...whole(agreed.minDuration, agreed.maxDuration), from: 'agreed' };
  return { min: undefined, max: undefined };
}

/**
 * A check of durations outside a profile's limits has no case when those limits are the schema's
 * own (a profile may state none: only name and status are required). Not missing data: a neutral
 * skip that says so.
 */
export function skipNoDurationOutside(q: Qod, profile: string, limits: string): never {
  return q.ctx.skip(`no case: QoS profile ${profile} limits the duration no further than the schema (${limits}), so no valid request lies outside its limits`);
}

/**
 * Duration limits that apply to `profile` in this version: the profile's own from 0.11.1; before,
 * the schema's 1..86400, narrowed by the profile's own limits when the profiles API states them
 * (0.10.1 documents a 400 for a duration outside the profile's range, so a request inside both is
 * the only one sure to be accepted).
 */
export async function durationLimits(q: Qod, name: string): Promise<DurationLimits> {
  const { min, max, from } = await profileDurations(q, name);
  const where = from === 'agreed' ? `QosProfile ${name} minDuration/maxDuration as agreed (qosProfiles.agreed)` : `QosProfile ${name} minDuration/maxDuration`;
  if (q.rules.durationRequired) {
    if (max !== undefined || from === undefined) return { min: min ?? 1, max, source: q.cite(where), profileBound: true, known: from !== undefined };
    // The profile states no maxDuration (only name and status are required): the schema bounds the
    // duration alone, its maximum where it has one (1.2.0-rc.3), else its format int32.
    const schemaMax = q.rules.durationMax ?? INT32_MAX;
    return {
      min: min ?? 1,
      max: schemaMax,
      source: `${q.cite(`${where}: none stated`)}; ${q.cite(`CreateSession.duration minimum 1, ${q.rules.durationMax === undefined ? 'format int32' : 'maximum'} (${schemaMax})`)}`,
      profileBound: min !== undefined,
      known: true,
    };
  }
  const schema = { min: 1, max: 86400, source: q.cite('CreateSession.duration minimum 1, maximum 86400'), profileBound: false, known: true };
  const lo = Math.max(schema.min, min ?? schema.min);
  const hi = Math.min(schema.max, max ?? schema.max);
  if (lo > hi || (lo === schema.min && hi === schema.max)) return schema;
  return { min: lo, max: hi, source: `${schema.source}; ${q.cite(`${where} (${lo}..${hi} s)`)}`, profileBound: true, known: true };
}
