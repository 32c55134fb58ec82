// Building blocks of the createSession scenarios: which versions a scenario applies to, bodies
// that are valid (or deliberately invalid) for the run's spec, sink values, a create call that
// tracks any created session BEFORE judging the response, and the SessionInfo property rules of
// scenario 01 (one function per rule, each failing with the rule it breaks).
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ApiVersion, DeviceId } from '../config/types.js';
import { fail } from '../checks/failure.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import { newSinkPath, sinkUrlFor } from '../sink/client.js';
import type { JsonSchema } from '../spec/types.js';
import { describeViolation } from '../spec/validators.js';
import { rulesFor, type VersionRules } from '../versions/rules.js';
import type { ErrorExpectation, Qod } from './harness.js';
import { sessionIdOf, validCreateBody, type Json, type SessionView } from './sessions.js';

// ---------------------------------------------------------------------------------------------
// Versions

/** The r3.2 createSession scenarios: the 1.x line (1.0.0 brought the device/token rules they test). */
export const R3_2_VERSIONS: readonly ApiVersion[] = ['1.0.0', '1.1.0', '1.2.0-rc.3'];
/** Scenarios added at r4.1. */
export const R4_1_VERSIONS: readonly ApiVersion[] = ['1.2.0-rc.3'];
/** QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE and INVALID_SINK exist from 1.1.0. */
export const FROM_1_1_0: readonly ApiVersion[] = ['1.1.0', '1.2.0-rc.3'];
/** r3.2 400.6 (INVALID_CREDENTIAL for PLAIN/REFRESHTOKEN): the versions still listing them in the enum. */
export const PLAIN_IN_ENUM: readonly ApiVersion[] = ['1.0.0', '1.1.0'];

/** The r3.2 versions whose rules satisfy `pred` (e.g. port 0 valid, https sink required). */
export function versionsWhere(pred: (rules: VersionRules) => boolean, among: readonly ApiVersion[] = R3_2_VERSIONS): ApiVersion[] {
  return among.filter((v) => pred(rulesFor(v)));
}

export const CS = 'quality_on_demand_createSession_';

/** Rule text: the official scenario, plus the spec location when the check rests on it. */
export function ruleOf(q: Qod, scenario: string, specWhere?: string): string {
  return specWhere ? `@${CS}${scenario}; ${q.cite(specWhere)}` : `@${CS}${scenario}`;
}

/** Records one "Conflicts and gaps" item of SCENARIOS.md and what this test followed. */
export async function noteConflict(q: Qod, item: number, text: string): Promise<void> {
  await q.noteStandard(`SCENARIOS.md conflict #${item}: ${text}`);
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** A valid createSession body: operator profile (qosProfiles.valid), a duration it allows, `extra` on top. */
export async function createBody(q: Qod, device: DeviceId | undefined, extra: Json = {}): Promise<Json> {
  return validCreateBody(q, device, extra);
}

/** Self-check: a body a negative test sends must really break the spec (else it is our bug). */
export async function assertBreaksSpec(q: Qod, body: unknown, what: string): Promise<void> {
  const v = await q.validators();
  if (v.validateRequestBody('createSession', body).length === 0) {
    throw new Error(`test bug: the body meant to break "${what}" is valid against the QoD ${q.version} CreateSession schema`);
  }
}

/** Self-check: a body a positive test sends must be valid for the run's spec. */
export async function assertValidBody(q: Qod, body: unknown): Promise<void> {
  const v = await q.validators();
  const violations = v.validateRequestBody('createSession', body);
  if (violations.length > 0) {
    throw new Error(`test bug: the body meant to be valid breaks the QoD ${q.version} CreateSession schema: ${violations.map(describeViolation).join('; ')}`);
  }
}

/** A schema-valid value for each identifier type: the operator's own devices first, samples otherwise. */
export function sampleIdentifier(q: Qod, kind: keyof DeviceId): DeviceId {
  const op = q.operator;
  const candidates = [op.devices.known, ...(op.devices.pool ?? []), op.devices.second, op.threeLeggedDevice, op.devices.unknown];
  const own = candidates.find((d) => d?.[kind] !== undefined);
  if (own) return { [kind]: own[kind] } as DeviceId;
  const samples: Required<DeviceId> = {
    phoneNumber: '+34699000123',
    networkAccessIdentifier: 'qod-conformance-device@example.com',
    ipv4Address: { publicAddress: '203.0.113.123', publicPort: 40123 },
    ipv6Address: '2001:db8:1234::123',
  };
  return { [kind]: samples[kind] } as DeviceId;
}

/** The kinds of identifier a device object carries. */
export const identifierKinds = (device: DeviceId): Array<keyof DeviceId> =>
  (Object.keys(device) as Array<keyof DeviceId>).filter((k) => device[k] !== undefined);

// ---------------------------------------------------------------------------------------------
// Sinks and credentials

/** An ACCESSTOKEN credential with a fresh random token (never a real secret). */
export function accessTokenCredential(token = `qodconf-${randomBytes(18).toString('hex')}`): Json {
  return {
    credentialType: 'ACCESSTOKEN',
    accessToken: token,
    // "should lie after the end of the session": a day covers any test session.
    accessTokenExpiresUtc: new Date(Date.now() + 86_400_000).toISOString(),
    accessTokenType: 'bearer',
  };
}

/** A sink path the test can watch, with a credential; skips (needs ...) when the run has no usable sink. */
export function watchedSink(q: Qod): { path: string; url: string; token: string; credential: Json } {
  const { path, url } = q.sinkEndpoint();
  if (q.rules.sinkMustBeHttps && !url.startsWith('https://')) {
    q.need(`an https webhook sink (QoD ${q.version} requires https sinks; the run uses --sink-http)`, undefined);
  }
  const token = `qodconf-${randomBytes(18).toString('hex')}`;
  return { path, url, token, credential: accessTokenCredential(token) };
}

/**
 * A sink URL for requests that must be refused for another reason: the run's own sink when it is
 * usable (so a provider that checks reachability does not answer INVALID_SINK instead), else a
 * reserved example.com address.
 */
export function refusedRequestSink(q: Qod): string {
  const sink = q.config.sink;
  const url = sink ? sinkUrlFor(sink, newSinkPath()) : undefined;
  return url && (url.startsWith('https://') || !q.rules.sinkMustBeHttps) ? url : 'https://example.com/qod-conformance/sink';
}

// ---------------------------------------------------------------------------------------------
// The create call

export interface CreateCallOptions {
  /** Bearer token (default: the run's); null sends no Authorization. */
  token?: string | null;
  /** Token used to delete a session this call created (default: `token`, or the run's). */
  cleanupToken?: string;
  xCorrelator?: string | null;
  contentType?: string | null;
  /** false: do not require the x-correlator echo (the request's one is invalid on purpose). */
  checkEcho?: boolean;
  /** Status(es) expected: judged before the response's conformance, so "201 instead of 400" reads as such. */
  expect?: { status: number | readonly number[]; rule: string };
}

/**
 * POST /sessions. Any 2xx carrying a session id is tracked for deletion FIRST, then the response
 * must conform to the spec (status documented, content type, schema, x-correlator echo).
 */
export async function sendCreate(q: Qod, body: unknown, opts: CreateCallOptions = {}): Promise<ApiResponse> {
  const req: ApiRequest = { method: 'POST', path: '/sessions', operationId: 'createSession', body };
  if (opts.token !== undefined) req.token = opts.token;
  if (opts.xCorrelator !== undefined) req.xCorrelator = opts.xCorrelator;
  if (opts.contentType !== undefined) req.contentType = opts.contentType;
  const res = await q.send(req);
  if (res.status >= 200 && res.status < 300) {
    const id = sessionIdOf(q, res.json);
    if (id) q.track(id, opts.cleanupToken ?? opts.token ?? undefined);
  }
  if (opts.expect) q.expectStatus(res, opts.expect.status, opts.expect.rule);
  await assertConforms(q, res, opts.checkEcho ?? true);
  return res;
}

/** Same judgement as Qod.call, with the x-correlator echo optional. */
async function assertConforms(q: Qod, res: ApiResponse, checkEcho: boolean): Promise<void> {
  const v = await q.validators();
  const violations = v.validateResponse('createSession', {
    status: res.status,
    contentType: res.headers['content-type'],
    headers: res.headers,
    body: res.json,
    bodyText: res.text,
    requestCorrelator: checkEcho ? res.correlatorSent : undefined,
  });
  if (violations.length === 0) return;
  const first = violations[0]!;
  fail(`createSession answered ${res.status} with a response that breaks its spec (${violations.length} violation${violations.length > 1 ? 's' : ''})`, {
    rule: q.cite(first.specLocation),
    expected: `a response conforming to the createSession ${first.where} definition`,
    actual: violations.slice(0, 5).map(describeViolation).join('; '),
  });
}

/** A create that must succeed: 201 and a session id. */
export async function createOk(q: Qod, body: Json, rule: string, opts: CreateCallOptions = {}): Promise<{ res: ApiResponse; session: SessionView; id: string }> {
  const res = await sendCreate(q, body, { ...opts, expect: { status: 201, rule } });
  const session = res.json as SessionView;
  const id = sessionIdOf(q, session);
  q.check(id !== undefined, 'created session has no id', { rule: q.cite('SessionInfo required sessionId'), expected: `a ${q.rules.sessionIdField}`, actual: JSON.stringify(session) });
  return { res, session, id };
}

/** A create that must be refused: status first, then the response's conformance, then the error body. */
export async function expectRefused(q: Qod, body: unknown, expected: ErrorExpectation, opts: CreateCallOptions = {}): Promise<ApiResponse> {
  const res = await sendCreate(q, body, { ...opts, expect: { status: expected.status, rule: expected.rule } });
  q.expectError(res, expected);
  return res;
}

/** Error codes the spec documents for createSession at `status` (every `code` enum in the schema). */
export async function documentedCodes(q: Qod, status: number): Promise<string[]> {
  const v = await q.validators();
  const response = v.spec.operations['createSession']?.responses[String(status)];
  const codes = new Set<string>();
  const walk = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as JsonSchema;
    const code = (s.properties as Record<string, JsonSchema> | undefined)?.code;
    if (Array.isArray(code?.enum)) for (const c of code.enum) if (typeof c === 'string') codes.add(c);
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach(walk);
  };
  for (const schema of Object.values(response?.content ?? {})) walk(schema);
  return [...codes];
}

// ---------------------------------------------------------------------------------------------
// SessionInfo property rules (scenario 01 rows, with the spec's version of each rule)

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

/** `property` is present only if it was sent, and then equal to what was sent. */
export function checkEchoed(q: Qod, session: SessionView, property: string, sent: unknown, rule: string): void {
  if (sent === undefined) {
    q.check(session[property] === undefined, `${property} is returned although the request did not contain it`, { rule, expected: `no ${property}`, actual: show(session[property]) });
    return;
  }
  q.check(isDeepStrictEqual(session[property], sent), `${property} is not returned as sent`, { rule, expected: JSON.stringify(sent), actual: show(session[property]) });
}

/**
 * SessionInfo.device: never invented; from 1.1.0 (DeviceResponse) exactly one identifier, one of
 * those sent with its original value, and optional when a single identifier was sent; before
 * 1.1.0 the device as sent. Returns whether a device was echoed.
 */
export function checkDeviceEcho(q: Qod, session: SessionView, sent: DeviceId | undefined, rule: string): boolean {
  const echoed = session.device as Record<string, unknown> | undefined;
  if (sent === undefined) {
    q.check(echoed === undefined, 'device is returned although the request did not contain it', { rule, expected: 'no device', actual: show(echoed) });
    return false;
  }
  if (echoed === undefined) return false;
  if (!q.rules.echoesSingleIdentifier) {
    q.check(isDeepStrictEqual(echoed, sent), 'device is not returned as sent', { rule, expected: JSON.stringify(sent), actual: show(echoed) });
    return true;
  }
  const single = `${rule}; ${q.cite('DeviceResponse (maxProperties 1): a single identifier, the one used, with its original value')}`;
  const keys = Object.keys(echoed);
  q.check(keys.length === 1, `device echoes ${keys.length} identifiers`, { rule: single, expected: 'exactly one identifier', actual: JSON.stringify(echoed) });
  const key = keys[0] as keyof DeviceId;
  q.check(sent[key] !== undefined && isDeepStrictEqual(echoed[key], sent[key]), 'the echoed identifier is not one of those sent (with its original value)', {
    rule: single,
    expected: `one of ${JSON.stringify(sent)}`,
    actual: JSON.stringify(echoed),
  });
  return true;
}

/** Milliseconds of an RFC 3339 time (the schema check already vouched for the format). */
function timeOf(value: unknown): number {
  return typeof value === 'number' ? value * 1000 : Date.parse(String(value));
}

/** The provider's "now" for a response: its Date header (second resolution), else our clock. */
function providerNow(res: ApiResponse): { ms: number; source: string } {
  const date = res.headers['date'] ? Date.parse(res.headers['date']) : Number.NaN;
  if (Number.isFinite(date)) return { ms: Math.max(date + 1000, Date.now()), source: `the response Date header (${res.headers['date']})` };
  return { ms: Date.now() + 5000, source: 'the local clock + 5 s (no Date header)' };
}

/** startedAt: absent while REQUESTED; when present not in the future. Spec: never while REQUESTED (not only-AVAILABLE). */
export async function checkStartedAt(q: Qod, session: SessionView, res: ApiResponse, rule: string): Promise<void> {
  const where = `${rule}; ${q.cite('SessionInfo.startedAt: not to be returned when qosStatus is REQUESTED')}`;
  if (session.qosStatus === 'REQUESTED') {
    q.check(session.startedAt === undefined, 'startedAt is returned while the session is REQUESTED', { rule: where, expected: 'no startedAt', actual: show(session.startedAt) });
    return;
  }
  if (session.startedAt === undefined) {
    if (session.qosStatus === 'AVAILABLE') {
      await q.advise({
        title: 'startedAt missing on an AVAILABLE session',
        whyItMatters: 'startedAt is "the time when the QoS status became AVAILABLE"; without it a consumer cannot tell when the session started',
        detail: `session ${String(session.sessionId)} is AVAILABLE and has no startedAt (the spec does not make it mandatory)`,
      });
    }
    return;
  }
  const now = providerNow(res);
  const started = timeOf(session.startedAt);
  q.check(started <= now.ms, 'startedAt is in the future', { rule: where, expected: `a time not after ${new Date(now.ms).toISOString()} (${now.source})`, actual: String(session.startedAt) });
}

/** expiresAt: absent while REQUESTED; otherwise later than startedAt and startedAt + duration (± 1 s). */
export async function checkExpiresAt(q: Qod, session: SessionView, rule: string): Promise<void> {
  const where = `${rule}; ${q.cite('SessionInfo.expiresAt: not to be returned when qosStatus is REQUESTED')}`;
  if (session.qosStatus === 'REQUESTED') {
    q.check(session.expiresAt === undefined, 'expiresAt is returned while the session is REQUESTED', { rule: where, expected: 'no expiresAt', actual: show(session.expiresAt) });
    return;
  }
  if (session.expiresAt === undefined) {
    if (session.qosStatus === 'AVAILABLE') {
      await q.advise({
        title: 'expiresAt missing on an AVAILABLE session',
        whyItMatters: 'expiresAt tells the consumer when the session is scheduled to end',
        detail: `session ${String(session.sessionId)} is AVAILABLE and has no expiresAt (the spec does not make it mandatory)`,
      });
    }
    return;
  }
  if (session.startedAt === undefined) return;
  const started = timeOf(session.startedAt);
  const expires = timeOf(session.expiresAt);
  q.check(expires > started, 'expiresAt is not later than startedAt', { rule, expected: `later than ${String(session.startedAt)}`, actual: String(session.expiresAt) });
  const duration = Number(session.duration);
  q.check(Math.abs(expires - started - duration * 1000) <= 1000, 'expiresAt - startedAt differs from duration', {
    rule: q.cite('SessionInfo.duration: the overall duration since startedAt; SessionInfo.expiresAt: the scheduled end (AVAILABLE) or the termination time (UNAVAILABLE)'),
    expected: `expiresAt = startedAt + ${duration} s (± 1 s) = ${new Date(started + duration * 1000).toISOString()}`,
    actual: `startedAt ${String(session.startedAt)}, expiresAt ${String(session.expiresAt)} (${(expires - started) / 1000} s apart)`,
  });
}

/** statusInfo only when UNAVAILABLE. */
export function checkStatusInfo(q: Qod, session: SessionView, rule: string): void {
  if (session.qosStatus === 'UNAVAILABLE') return;
  q.check(session.statusInfo === undefined, `statusInfo is returned while the session is ${String(session.qosStatus)}`, {
    rule: `${rule}; ${q.cite('StatusInfo: only applicable when qosStatus is UNAVAILABLE')}`,
    expected: 'no statusInfo',
    actual: show(session.statusInfo),
  });
}
