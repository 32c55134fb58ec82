// Building blocks of the createSession scenarios: bodies
// that are valid (or deliberately invalid) for the run's spec, sink values, a create call that
// tracks any created session BEFORE judging the response, and the SessionInfo property rules of
// scenario 01 (one function per rule, each failing with the rule it breaks).
import type { DeviceId } from '../config/types.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import { newSinkPath, sinkUrlFor } from '../sink/client.js';
import { describeViolation } from '../spec/validators.js';
import { sameJson } from '../util/same-json.js';
import { accessTokenCredential, randomToken } from './callbacks.js';
import type { ErrorExpectation, Qod } from './harness.js';
import { requireSessionId, sessionIdOf, validCreateBody, type Json, type SessionView } from './sessions.js';

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
export const identifierKinds = (device: DeviceId): Array<keyof DeviceId> => (Object.keys(device) as Array<keyof DeviceId>).filter((k) => device[k] !== undefined);

/** A valid identifier of one form (the named device boundary cases of both APIs): from a leased operator device when one has it, else a sample. */
export interface DeviceForm {
  /** ID part. */
  part: string;
  label: string;
  kind: keyof DeviceId;
  has: (d: DeviceId) => boolean;
  pick: (d: DeviceId) => DeviceId;
  sample: DeviceId;
}

export const DEVICE_FORMS: DeviceForm[] = [
  {
    part: 'device-phone-number',
    label: 'phoneNumber in E.164 with +',
    kind: 'phoneNumber',
    has: (d) => Boolean(d.phoneNumber?.startsWith('+')),
    pick: (d) => ({ phoneNumber: d.phoneNumber }),
    sample: { phoneNumber: '+34699000123' },
  },
  {
    part: 'device-ipv4-private-address',
    label: 'ipv4Address with publicAddress and privateAddress',
    kind: 'ipv4Address',
    has: (d) => d.ipv4Address?.privateAddress !== undefined,
    pick: (d) => ({ ipv4Address: { publicAddress: d.ipv4Address!.publicAddress, privateAddress: d.ipv4Address!.privateAddress } }),
    sample: { ipv4Address: { publicAddress: '203.0.113.123', privateAddress: '10.0.0.123' } },
  },
  {
    part: 'device-ipv4-public-port',
    label: 'ipv4Address with publicAddress and publicPort',
    kind: 'ipv4Address',
    has: (d) => d.ipv4Address?.publicPort !== undefined,
    pick: (d) => ({ ipv4Address: { publicAddress: d.ipv4Address!.publicAddress, publicPort: d.ipv4Address!.publicPort } }),
    sample: { ipv4Address: { publicAddress: '203.0.113.123', publicPort: 40123 } },
  },
  {
    part: 'device-ipv6-address',
    label: 'ipv6Address',
    kind: 'ipv6Address',
    has: (d) => d.ipv6Address !== undefined,
    pick: (d) => ({ ipv6Address: d.ipv6Address }),
    sample: { ipv6Address: '2001:db8:1234::123' },
  },
  {
    part: 'device-network-access-identifier',
    label: 'networkAccessIdentifier',
    kind: 'networkAccessIdentifier',
    has: (d) => d.networkAccessIdentifier !== undefined,
    pick: (d) => ({ networkAccessIdentifier: d.networkAccessIdentifier }),
    sample: { networkAccessIdentifier: 'qod-conformance-device@example.com' },
  },
];

// ---------------------------------------------------------------------------------------------
// Sinks and credentials

/** A sink path the test can watch, with a credential; skips (needs ...) when the run has no usable sink. */
export function watchedSink(q: Qod): { path: string; url: string; token: string; credential: Json } {
  const { path, url } = q.sinkEndpoint();
  if (q.rules.sinkMustBeHttps && !url.startsWith('https://')) {
    q.need(`an https webhook sink (QoD ${q.version} requires https sinks; the run uses --sink-http)`, undefined);
  }
  const token = randomToken();
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
  /** Token that deletes a session this call created (a token the call is refused for cannot): default the run's. */
  cleanupToken?: string;
  xCorrelator?: string | null;
  contentType?: string | null;
  /** false: do not require the x-correlator echo (the request's one is invalid on purpose). */
  checkEcho?: boolean;
  /** Status(es) expected: judged before the response's conformance, so "201 instead of 400" reads as such. */
  expect?: { status: number | readonly number[]; rule: string };
}

/**
 * POST /sessions, judged as Qod.call judges (status first when one is expected, absent route,
 * documented status, schema, x-correlator echo). A session it created is tracked for deletion
 * (q.send does that) with the token that can delete it BEFORE the answer is judged.
 */
export async function sendCreate(q: Qod, body: unknown, opts: CreateCallOptions = {}): Promise<ApiResponse> {
  const req: ApiRequest = { method: 'POST', path: '/sessions', operationId: 'createSession', body };
  if (opts.token !== undefined) req.token = opts.token;
  if (opts.xCorrelator !== undefined) req.xCorrelator = opts.xCorrelator;
  if (opts.contentType !== undefined) req.contentType = opts.contentType;
  const res = await q.send(req);
  const id = res.status >= 200 && res.status < 300 ? sessionIdOf(q, res.json) : undefined;
  if (id && opts.cleanupToken !== undefined) q.track(id, opts.cleanupToken);
  return q.judge(req, res, opts.expect, { checkEcho: opts.checkEcho ?? true });
}

/** A create that must succeed: 201 and a session id. */
export async function createOk(q: Qod, body: Json, rule: string, opts: CreateCallOptions = {}): Promise<{ res: ApiResponse; session: SessionView; id: string }> {
  const res = await sendCreate(q, body, { ...opts, expect: { status: 201, rule } });
  const session = res.json as SessionView;
  return { res, session, id: requireSessionId(q, session) };
}

/** A create that must be refused: status first, then the response's conformance, then the error body. */
export async function expectRefused(q: Qod, body: unknown, expected: ErrorExpectation, opts: CreateCallOptions = {}): Promise<ApiResponse> {
  // The status as the run's version states it (e.g. 0.10.1 has 400 where 1.x has 422).
  const res = await sendCreate(q, body, { ...opts, expect: { status: q.errorStatuses(expected), rule: expected.rule } });
  q.expectError(res, expected);
  return res;
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
  q.check(sameJson(session[property], sent), `${property} is not returned as sent`, { rule, expected: JSON.stringify(sent), actual: show(session[property]) });
}

/**
 * SessionInfo.device (ueId in 0.8.1): never invented; each identifier it carries is one of those
 * sent, with its original value (0.11.1 on: "when several identifiers were given only one comes
 * back"); from 1.1.0 (DeviceResponse, maxProperties 1) exactly one; optional. Returns whether a
 * device was echoed.
 */
export function checkDeviceEcho(q: Qod, session: SessionView, sent: DeviceId | undefined, rule: string): boolean {
  const field = q.rules.deviceField;
  const echoed = session[field] as Record<string, unknown> | undefined;
  if (echoed === undefined) return false;
  q.check(sent !== undefined, `${field} is returned although the request did not contain it`, { rule, expected: `no ${field}`, actual: show(echoed) });
  const given = sent as Record<string, unknown>;
  const foreign = Object.keys(echoed).filter((k) => !sameJson(echoed[k], given[k]));
  q.check(foreign.length === 0, `${field} carries an identifier that was not sent (with its original value)`, {
    rule: `${rule}; ${q.cite(`SessionInfo.${field}: the identifier given at creation, with its original value`)}`,
    expected: `identifiers taken from ${JSON.stringify(sent)}`,
    actual: JSON.stringify(echoed),
  });
  if (q.rules.echoesSingleIdentifier) {
    const keys = Object.keys(echoed);
    q.check(keys.length === 1, `${field} echoes ${keys.length} identifiers`, {
      rule: `${rule}; ${q.cite('DeviceResponse (maxProperties 1): a single identifier, the one used, with its original value')}`,
      expected: 'exactly one identifier',
      actual: JSON.stringify(echoed),
    });
  }
  return true;
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
