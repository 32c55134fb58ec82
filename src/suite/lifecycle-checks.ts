// Checks of a session's life cycle shared by the getSession / deleteSession / extend /
// retrieveSessionsByDevice scenarios and the lifecycle rules: property echo against the create
// body, the time fields (startedAt / expiresAt / duration), waiting (bounded) for a session to
// leave AVAILABLE, version-dependent error codes, and calls whose x-correlator must NOT be echoed.
import type { DeviceId } from '../config/types.js';
import { fail } from '../checks/failure.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import { checkDeviceEcho, checkEchoed, checkStatusInfo, noteConflict } from './create-cases.js';
import { noteExpiredTokenCodes, unauthenticatedCodes, unknownToken } from './auth-codes.js';
import { notificationWaitMs, type Qod } from './harness.js';
import { durationLimits, getSession, testDuration, validCreateBody, type Json, type SessionView } from './sessions.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';
import type { SharedSession } from './shared-session.js';
import { notExercisedNote, setupSession } from './precondition.js';
import { sameJson } from '../util/same-json.js';
import { checkSessionTimes, timeMs } from './session-times.js';

/** QosStatus values (the same in every version that has the field, 0.10.1 on). */
const QOS_STATUSES = ['REQUESTED', 'AVAILABLE', 'UNAVAILABLE'];

/** SessionInfo.statusInfo exists (0.11.1+). */
export function hasStatusInfo(q: Qod): boolean {
  return q.version !== '0.8.1' && q.version !== '0.10.1';
}

/** A value breaking the XCorrelator pattern of every version that has one (space and '!'). */
export const INVALID_CORRELATOR = 'invalid x-correlator!';

/** Sessions used for expiry tests last at most this long, so a run stays fast. */
export const MAX_EXPIRY_DURATION_S = 10;
const POLL_MS = 200;

export type ErrorKind = 'invalid' | 'unauthenticated' | 'expired' | 'forbidden' | 'notFound';

/** Error codes a version uses for one kind of error (0.8.1 had its own names). */
export function codesFor(q: Qod, kind: ErrorKind): string[] {
  const legacy = q.version === '0.8.1';
  switch (kind) {
    case 'invalid':
      return legacy ? ['INVALID_INPUT'] : ['INVALID_ARGUMENT'];
    case 'unauthenticated':
    case 'expired':
      return unauthenticatedCodes(q);
    case 'forbidden':
      return legacy ? ['FORBIDDEN'] : ['PERMISSION_DENIED'];
    case 'notFound':
      return ['NOT_FOUND'];
  }
}

// ---------------------------------------------------------------------------------------------
// Calls

/**
 * Sends and checks the response against the spec like q.call, except for the x-correlator echo:
 * for requests carrying an INVALID correlator, echoing it back would itself break the response
 * header schema, so the echo is not expected (the header schema is still checked if one comes).
 */
export async function callWithoutEcho(q: Qod, req: ApiRequest): Promise<ApiResponse> {
  return q.call(req, undefined, { checkEcho: false });
}

export type SessionOperation = 'getSession' | 'deleteSession' | 'extendQosSessionDuration';

/** The request of one session operation on `id` (extend gets a valid body unless one is given). */
export function sessionRequest(op: SessionOperation, id: string, extra: Partial<ApiRequest> = {}): ApiRequest {
  const path = `/sessions/${encodeURIComponent(id)}${op === 'extendQosSessionDuration' ? '/extend' : ''}`;
  const method = op === 'getSession' ? 'GET' : op === 'deleteSession' ? 'DELETE' : 'POST';
  const base: ApiRequest = { method, path, operationId: op };
  if (op === 'extendQosSessionDuration' && !('body' in extra) && !('rawBody' in extra)) base.body = { requestedAdditionalDuration: 10 };
  return { ...base, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Sessions for the scenarios

/** Creates a valid session on a freshly leased device; waits until it is AVAILABLE (skips if it never is). */
export async function availableSession(q: Qod, extra: Json = {}, opts: { device?: DeviceId; token?: string } = {}): Promise<{ id: string; body: Json; session: SessionView; device: DeviceId }> {
  const device = opts.device ?? (await q.device());
  const body = await validCreateBody(q, device, extra);
  const { id, session } = await setupSession(q, body, { token: opts.token });
  const view = await untilAvailable(q, id, session, opts.token);
  return { id, body, session: view, device };
}

/** `shared`'s session once it is AVAILABLE (skips like availableSession when it never is). */
async function availableShared(q: Qod, shared: SharedSession): Promise<{ id: string; body: Json; session: SessionView }> {
  const lent = await shared.use(q);
  return { ...lent, session: await untilAvailable(q, lent.id, lent.session) };
}

/** A session of this client in whatever state the create answer gives (the scenarios' default sessionId). */
export async function existingSession(q: Qod, extra: Json = {}): Promise<{ id: string; body: Json; session: SessionView }> {
  const device = await q.device();
  const body = await validCreateBody(q, device, extra);
  const { id, session } = await setupSession(q, body);
  return { id, body, session };
}

/**
 * Polls (bounded) while the session is REQUESTED; skips when it does not become AVAILABLE. With
 * `orExpired`, a session already UNAVAILABLE / DURATION_EXPIRED is returned: it was AVAILABLE (only
 * an AVAILABLE session's duration runs out) for less time than between two reads (a short session
 * on a distant endpoint, or a read delayed by a transient answer).
 */
export async function untilAvailable(q: Qod, id: string, session: SessionView, token?: string, opts: { orExpired?: boolean } = {}): Promise<SessionView> {
  let view = session;
  if (q.version === '0.8.1') return view; // no qosStatus: an existing session is an active one
  const deadline = Date.now() + slackMs(q);
  while (view.qosStatus === 'REQUESTED' && Date.now() < deadline) {
    await q.timerWait(POLL_MS);
    const res = await getSession(q, id, token);
    q.expectStatus(res, 200, q.cite('getSession: an existing session reads back (200)'));
    view = res.json as SessionView;
  }
  // A status outside QosStatus is a broken answer, not a network state: the setup failed.
  if (!QOS_STATUSES.includes(String(view.qosStatus))) {
    q.ctx.skip(notExercisedNote('waiting for the session it works on to become AVAILABLE', `qosStatus ${JSON.stringify(view.qosStatus)} is not a QosStatus value (${QOS_STATUSES.join(', ')})`));
  }
  if (opts.orExpired && view.qosStatus === 'UNAVAILABLE' && view.statusInfo === 'DURATION_EXPIRED') return view;
  if (view.qosStatus !== 'AVAILABLE') {
    q.ctx.skip(`${BLOCKED_SKIP}the network did not make the session AVAILABLE (it stayed ${String(view.qosStatus)}${view.statusInfo ? ` / ${view.statusInfo}` : ''})`);
  }
  return view;
}

/** How long past a planned status change we keep polling before calling it missing. */
export function slackMs(q: Qod): number {
  return notificationWaitMs(q.config);
}

/**
 * The waits of a check built on expiredSession, for its test timeout: the session's duration and
 * the bounded waits for AVAILABLE and for its end, one spare.
 */
export const EXPIRY_WAITS = { waitMs: MAX_EXPIRY_DURATION_S * 1000, notificationWaits: 3 } as const;

/** The shortest duration the run's profile allows; skips when it is too long for a run. */
export async function shortestDuration(q: Qod): Promise<number> {
  const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  const limits = await durationLimits(q, profile);
  if (limits.min > MAX_EXPIRY_DURATION_S) {
    q.ctx.skip(`${BLOCKED_SKIP}the QoS profile ${profile} has minDuration ${limits.min} s, longer than the ${MAX_EXPIRY_DURATION_S} s a session may hold a test device to be watched expiring`);
  }
  return limits.min;
}

/**
 * The duration the endpoint granted a short session it was asked for (its answer's, else the one
 * asked); skips when that is longer than a check waits for an expiry (MAX_EXPIRY_DURATION_S).
 */
export function grantedForExpiry(q: Qod, session: SessionView, requestedS: number, waitsFor = 'an expiry'): number {
  const granted = typeof session.duration === 'number' ? session.duration : requestedS;
  if (granted > MAX_EXPIRY_DURATION_S) {
    q.ctx.skip(`${BLOCKED_SKIP}a short session was asked (${requestedS} s), ${granted} s were granted: longer than the ${MAX_EXPIRY_DURATION_S} s this check waits for ${waitsFor}`);
  }
  return granted;
}

export interface ExpiredSession {
  id: string;
  body: Json;
  /** The create response (AVAILABLE). */
  created: SessionView;
  /** Duration granted at creation. */
  durationS: number;
  /** When we first saw it AVAILABLE (local clock). */
  availableAtMs: number;
  /** The first read that was no longer AVAILABLE (undefined when gone). */
  after?: SessionView;
  afterRes: ApiResponse;
  /** The session was already removed (404) when we first saw it leave AVAILABLE. */
  gone: boolean;
  /** Local time of that read. */
  observedAtMs: number;
}

/**
 * Creates a session with the profile's minimum duration and polls getSession (bounded) until it
 * is no longer AVAILABLE. Fails when it is still AVAILABLE well after its duration (no expiry).
 */
export async function expiredSession(q: Qod, extra: Json = {}): Promise<ExpiredSession> {
  const durationS = await shortestDuration(q);
  const device = await q.device();
  const body = await validCreateBody(q, device, { duration: durationS, ...extra });
  const { id, session } = await setupSession(q, body);
  const created = await untilAvailable(q, id, session, undefined, { orExpired: true });
  // Already expired when first read: it became AVAILABLE at its startedAt.
  const availableAtMs = created.qosStatus === 'AVAILABLE' ? Date.now() : (timeMs(q, created.startedAt) ?? Date.now());
  const granted = grantedForExpiry(q, created, durationS);
  const deadline = availableAtMs + granted * 1000 + slackMs(q);
  for (;;) {
    await q.timerWait(POLL_MS);
    const res = await getSession(q, id);
    const observedAtMs = Date.now();
    if (res.status === 404) {
      q.expectError(res, { status: 404, codes: codesFor(q, 'notFound'), rule: q.cite('getSession responses.404') });
      return { id, body, created, durationS: granted, availableAtMs, afterRes: res, gone: true, observedAtMs };
    }
    q.expectStatus(res, 200, q.cite('getSession: an existing session reads back (200)'));
    const view = res.json as SessionView;
    if (view.qosStatus !== 'AVAILABLE') {
      return { id, body, created, durationS: granted, availableAtMs, after: view, afterRes: res, gone: false, observedAtMs };
    }
    if (observedAtMs > deadline) {
      fail(`the session is still AVAILABLE ${((observedAtMs - availableAtMs) / 1000).toFixed(1)} s after it started, with a duration of ${granted} s`, {
        rule: q.cite('SessionInfo.duration / expiresAt: the session ends when its duration is over (UNAVAILABLE, statusInfo DURATION_EXPIRED)'),
        expected: `qosStatus UNAVAILABLE within ${granted} s (+${slackMs(q) / 1000} s tolerance)`,
        actual: `qosStatus AVAILABLE, expiresAt ${String(view.expiresAt)}`,
      });
    }
  }
}

/**
 * The one rule for an expired session that is already gone (404). The spec lets a provider delete
 * a session automatically once it has reached its limit and requires the 360 s retention only
 * after NETWORK_TERMINATED, so removal after DURATION_EXPIRED conforms: an advisory, never a
 * failure. A scenario that expects the session kept (getSession_02, extend 409.1) records the
 * disagreement on the standard; a caller whose own rule needs the kept session (extend 409.1)
 * then skips, the others pass.
 */
export async function expiredSessionRemoved(q: Qod, expired: ExpiredSession, when: string, scenarioId?: string): Promise<void> {
  await q.advise({
    title: `an expired session is removed ${when}`,
    whyItMatters: 'A consumer polling getSession cannot see that (and why) the session ended; it must rely on the DURATION_EXPIRED event or on expiresAt.',
    detail: `The session (duration ${expired.durationS} s) answered 404 ${when}. ${q.cite('API description: deletion "can be triggered automatically once the QoS session has reached its limit"; the 360 s retention applies after NETWORK_TERMINATED only')}.`,
  });
  if (scenarioId !== undefined) {
    await q.noteStandard(
      `${scenarioId} expects an expired (UNAVAILABLE) session to stay readable; the QoD ${q.version} spec allows deleting it once its duration is over and keeps sessions 360 s only after NETWORK_TERMINATED. Followed the spec: the removal is an advisory, never a failure.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Property checks

const ECHOED = ['applicationServer', 'qosProfile', 'asId', 'qos'] as const;
const ECHOED_IF_GIVEN = ['devicePorts', 'applicationServerPorts', 'uePorts', 'asPorts', 'sink'] as const;

/**
 * The per-property rules of getSession 01 (also used by extend 01 and retrieve 01): the session
 * shows what it was created with. `device` only if given, and then one identifier with its
 * original value (1.1.0 DeviceResponse; conflicts #6); ports and sink only if given, and then equal;
 * statusInfo only when UNAVAILABLE; the time rules; startedAt while UNAVAILABLE follows the spec
 * (conflicts #7).
 */
export async function checkSessionAsCreated(q: Qod, view: SessionView, body: Json, res: ApiResponse, scenarioId: string): Promise<void> {
  const rule = (where: string) => `${scenarioId}; ${q.cite(where)}`;
  for (const key of ECHOED) {
    if (!(key in body)) continue;
    q.check(sameJson(view[key], body[key]), `${key} differs from the value the session was created with`, {
      rule: rule(`SessionInfo.${key}`),
      expected: `${key} ${JSON.stringify(body[key])}`,
      actual: `${key} ${JSON.stringify(view[key])}`,
    });
  }
  // Ports and sink: present only if given, and then equal. A given value left out is a failure as
  // in createSession 01 (the same scenario wording; the spec does not say otherwise).
  for (const key of ECHOED_IF_GIVEN) checkEchoed(q, view, key, body[key], rule(`SessionInfo.${key}`));
  checkDeviceEcho(q, view, body[q.rules.deviceField] as DeviceId | undefined, scenarioId);
  checkStatusInfo(q, view, scenarioId);
  if (view.qosStatus === 'UNAVAILABLE' && view.startedAt !== undefined) {
    await noteConflict(q, 7, 'followed the spec: startedAt on an UNAVAILABLE session is accepted (the scenarios want it only while AVAILABLE; the spec forbids it only while REQUESTED).');
  }
  await checkSessionTimes(q, view, res, 'SessionInfo');
}

/** The session as its owner reads it right before a request that must be refused: the baseline
 *  of expectSessionUnchanged (the create answer may predate a status change the network made since). */
export async function sessionBefore(q: Qod, id: string): Promise<SessionView> {
  const res = await getSession(q, id);
  q.expectStatus(res, 200, q.cite('getSession: an existing session reads back (200)'));
  return res.json as SessionView;
}

/**
 * Reads the session (default token) and fails unless it is still there with the same duration and
 * planned end. A session still REQUESTED has provisional times: those the provider revises, or the
 * REQUESTED → AVAILABLE transition brings, are not a change made by the refused request.
 */
export async function expectSessionUnchanged(q: Qod, id: string, before: SessionView, rule: string): Promise<void> {
  const res = await getSession(q, id);
  q.check(res.status === 200, 'the session is gone after a request that was refused', {
    rule,
    expected: 'a refused request leaves the session as it was (getSession 200)',
    actual: `getSession answered ${res.status}`,
  });
  const now = res.json as SessionView;
  // While REQUESTED the times are at most planned (0.10.1 requires them even then): the provider
  // may revise them until the session is AVAILABLE, so they are compared only from AVAILABLE on.
  const provisional = before.qosStatus === 'REQUESTED';
  q.check(now.duration === before.duration && (provisional || sameJson(now.expiresAt, before.expiresAt)), 'a refused request changed the session', {
    rule,
    expected: `duration ${before.duration}${provisional ? ' (expiresAt of a REQUESTED session is provisional, not compared)' : `, expiresAt ${String(before.expiresAt)}`}`,
    actual: `duration ${now.duration}, expiresAt ${String(now.expiresAt)}`,
  });
}

/** The ids in a retrieveSessionsByDevice answer. */
export function idsOf(q: Qod, list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const field = q.rules.sessionIdField;
  return list.map((s) => (s as Record<string, unknown>)?.[field]).filter((v): v is string => typeof v === 'string');
}

// ---------------------------------------------------------------------------------------------
// Scenario bodies shared by getSession / deleteSession / extendQosSessionDuration

/** Valid ports for the create body of the "as created" scenarios (named per version). */
export function portsExtra(q: Qod): Json {
  if (q.version === '0.8.1') return {};
  return { devicePorts: { ports: [5060] }, applicationServerPorts: { ranges: [{ from: 8000, to: 8010 }] } };
}

/** 400.x_invalid_session_id: 400 INVALID_ARGUMENT, or 404 NOT_FOUND when the format is not validated (conflicts #11). */
export async function malformedSessionId(q: Qod, op: SessionOperation, scenarioId: string): Promise<void> {
  await malformedId(q, sessionRequest(op, MALFORMED_ID), scenarioId, {
    format: 'SessionId format uuid',
    note: () =>
      noteConflict(
        q,
        11,
        'a sessionId that is not a UUID was answered 404 NOT_FOUND: accepted (the step asserts 400 INVALID_ARGUMENT, its comment and the spec allow 404 when the format is not validated).',
      ),
  });
}

/** An id that is not a UUID. */
export const MALFORMED_ID = 'not-a-uuid-0000';

/**
 * The one rule for a path id that is not a UUID (`req` carries MALFORMED_ID): 400 INVALID_ARGUMENT,
 * or 404 NOT_FOUND from an implementation that does not validate the format (recorded with `note`).
 */
export async function malformedId(q: Qod, req: ApiRequest, scenarioId: string, how: { format: string; note: () => Promise<void> }): Promise<void> {
  const res = await q.call(req);
  if (res.status === 404) {
    q.expectError(res, { status: 404, codes: codesFor(q, 'notFound'), rule: scenarioId });
    await how.note();
    return;
  }
  q.expectError(res, { status: [400, 404], codes: codesFor(q, 'invalid'), reason: 'invalid-path-parameter', rule: `${scenarioId}; ${q.cite(how.format)}` });
}

/** 400.x_invalid_x-correlator (r4.1): 400 INVALID_ARGUMENT (the status judged first), and the invalid value is not echoed. */
export async function invalidCorrelator(q: Qod, req: ApiRequest, scenarioId: string): Promise<void> {
  const res = await q.call({ ...req, xCorrelator: INVALID_CORRELATOR }, { status: 400, rule: `${scenarioId}; ${q.cite('XCorrelator pattern')}` }, { checkEcho: false });
  expectCorrelatorRefused(q, res, scenarioId);
}

/** The answer to a request carrying INVALID_CORRELATOR: 400 INVALID_ARGUMENT, the value not echoed. */
export function expectCorrelatorRefused(q: Qod, res: ApiResponse, scenarioId: string): void {
  q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${scenarioId}; ${q.cite('XCorrelator pattern')}` });
  q.check(res.headers['x-correlator'] !== INVALID_CORRELATOR, 'the invalid x-correlator is echoed back', {
    rule: q.cite('x-correlator response header (XCorrelator schema)'),
    expected: 'no echo of a value that breaks the XCorrelator pattern',
    actual: `x-correlator: ${res.headers['x-correlator']}`,
  });
}

export type AuthCase = 'no-authorization' | 'expired' | 'invalid' | 'missing-scope';

/** 401.1 / 401.2 / 401.3 / 403.1 on an operation. */
export async function authRefused(q: Qod, req: ApiRequest, which: AuthCase, scenarioId: string): Promise<ApiResponse> {
  switch (which) {
    case 'no-authorization': {
      const res = await q.call({ ...req, token: null });
      q.expectError(res, { status: 401, codes: codesFor(q, 'unauthenticated'), reason: 'missing-credentials', rule: scenarioId });
      return res;
    }
    case 'expired': {
      const token = q.need('tokens.expired', q.operator.tokens.expired);
      const res = await q.call({ ...req, token });
      q.expectError(res, { status: 401, codes: codesFor(q, 'expired'), reason: 'expired-credentials', rule: scenarioId });
      await noteExpiredTokenCodes(q);
      return res;
    }
    case 'invalid': {
      const res = await q.call({ ...req, token: unknownToken() });
      q.expectError(res, { status: 401, codes: codesFor(q, 'unauthenticated'), reason: 'invalid-credentials', rule: scenarioId });
      return res;
    }
    case 'missing-scope': {
      if (!q.rules.twoLeggedScopes) q.ctx.skip(`not applicable to QoD ${q.version} (client-credentials tokens carry no scopes)`);
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      const res = await q.call({ ...req, token });
      q.expectError(res, { status: 403, codes: codesFor(q, 'forbidden'), rule: scenarioId });
      return res;
    }
  }
}

/**
 * The one rule for a caller that may not reach a session (another API client, or a 3-legged token of
 * another device): 403 PERMISSION_DENIED, or 404 NOT_FOUND. The 403.2 scenarios fix 403, the spec
 * names no code (conflicts #10): 404 hides that the session exists and passes, recorded as a note
 * on the standard. Anything else (above all a 2xx: the caller got the session) fails.
 */
export async function expectForeignSessionRefused(
  q: Qod,
  op: string,
  res: ApiResponse,
  rule: string,
  whose: string,
  threeLegged = false,
  /** Records the 404 reading (default: QoD's SCENARIOS.md conflict #10). */
  note404?: () => Promise<void>,
): Promise<void> {
  // 0.11.1 has 403 INVALID_TOKEN_CONTEXT for a 3-legged token whose device does not fit the request.
  const forbidden = [...codesFor(q, 'forbidden'), ...(threeLegged && q.version === '0.11.1' ? ['INVALID_TOKEN_CONTEXT'] : [])];
  if (res.status === 404) {
    q.expectError(res, { status: 404, codes: codesFor(q, 'notFound'), rule });
    if (note404) await note404();
    else await noteConflict(q, 10, `${op} answered 404 NOT_FOUND for ${whose}: accepted (the 403.2 scenarios fix 403 PERMISSION_DENIED, the spec states the ownership rule without a code).`);
    return;
  }
  q.check(res.status === 403, `${op} served ${whose} (HTTP ${res.status})`, {
    rule,
    expected: `HTTP 403 ${forbidden.join(' / ')} (or 404 NOT_FOUND); never the session itself`,
    actual: `HTTP ${res.status} ${res.text.slice(0, 200)}`,
  });
  q.expectError(res, { status: 403, codes: forbidden, rule });
}

/**
 * 403.2_session_token_mismatch: another API client must not reach the session
 * (expectForeignSessionRefused), sees none of its data and changes nothing. On `shared`'s session
 * when given (once AVAILABLE), else on a session of its own.
 */
export async function otherClientRefused(q: Qod, op: SessionOperation, scenarioId: string, shared?: SharedSession): Promise<void> {
  const other = q.need('tokens.secondClient', q.operator.tokens.secondClient);
  const { id, session, body } = shared ? await availableShared(q, shared) : await availableSession(q);
  const res = await q.call(sessionRequest(op, id, { token: other }));
  const rule = `${scenarioId}; ${q.cite('ownership: only the API client that created a session may read, delete or extend it')}`;
  await expectForeignSessionRefused(q, op, res, rule, 'a session of another API client');
  // Nothing of the session may show: its id as a field, its device or application server anywhere.
  const sessionId = (res.json as SessionView | undefined)?.[q.rules.sessionIdField];
  const secrets = [...stringLeaves(body[q.rules.deviceField]), ...stringLeaves(body.applicationServer ?? body.asId)];
  const leaked = secrets.filter((v) => res.text.includes(v));
  q.check(sessionId !== id && leaked.length === 0, "the error answer discloses the other client's session", {
    rule,
    expected: 'no session data (id, device, application server) in the answer',
    actual: `${leaked.length ? `contains ${leaked.map((v) => JSON.stringify(v)).join(', ')}: ` : ''}${truncateText(res.text)}`,
  });
  await expectSessionUnchanged(q, id, session, rule);
}

/** Every string value inside `value` (identifiers worth not disclosing). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 4 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringLeaves);
  return [];
}

function truncateText(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The answer echoes the request's x-correlator (versions that have the header). */
export function expectCorrelatorEcho(q: Qod, res: ApiResponse, scenarioId: string): void {
  if (!q.rules.hasXCorrelator || res.correlatorSent === undefined) return;
  q.check(res.headers['x-correlator'] === res.correlatorSent, 'x-correlator not echoed', {
    rule: `${scenarioId}; ${q.cite('x-correlator response header')}`,
    expected: `x-correlator: ${res.correlatorSent}`,
    actual: res.headers['x-correlator'] === undefined ? 'no x-correlator header' : `x-correlator: ${res.headers['x-correlator']}`,
  });
}

/** A comfortable session duration inside the profile's limits (testDuration), with those limits. */
export async function workingDuration(q: Qod): Promise<{ duration: number; min: number; max: number | undefined; source: string; profile: string }> {
  const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  const limits = await durationLimits(q, profile);
  return { duration: await testDuration(q, profile), ...limits, profile };
}
