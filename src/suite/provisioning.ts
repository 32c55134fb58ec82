// QoS Provisioning as the suites see it: the bundle's rules (src/versions/provisioning-rules.ts),
// the official scenario IDs of its release, the four operations' requests, assignments created for
// a check (each tracked with its revoke path, so it is revoked at the end whatever happens), and the
// AssignmentInfo property rules of the official 01 scenarios, one function per rule.
import { ConformanceFailure, fail } from '../checks/failure.js';
import type { ApiVersion, DeviceId } from '../config/types.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import { describeViolation } from '../spec/validators.js';
import { provisioningRulesForBundle, type ProvisioningOperations, type ProvisioningRules } from '../versions/provisioning-rules.js';
import { sameJson } from '../util/same-json.js';
import { deletionCompleted, notificationWaitMs, type ErrorExpectation, type Qod, type SeenFreeBreaks } from './harness.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';
import type { Json } from './sessions.js';

export type Role = keyof ProvisioningOperations;

/** A record as the API shows it (AssignmentInfo; ProvisioningInfo in 0.2.0). */
export type AssignmentView = Json;

const STATUSES: readonly string[] = ['REQUESTED', 'AVAILABLE', 'UNAVAILABLE'];
const POLL_MS = 200;

/** The provisioning rules of the run's bundle (undefined: the bundle has no QoS Provisioning). */
export function provisioningOf(version: ApiVersion): ProvisioningRules | undefined {
  return provisioningRulesForBundle(version);
}

/** The provisioning rules of a check's run (its suite runs only for bundles that have them). */
export function prov(q: Qod): ProvisioningRules {
  const p = provisioningOf(q.version);
  if (!p) throw new Error(`the ${q.version} bundle has no QoS Provisioning document`);
  return p;
}

/**
 * Which releases publish a scenario: 'all', 'r2.2' (dropped at r3.2), 'r3.2+' (added at r3.2) or
 * 'r4.1'. A scenario keeps the name of a release that has it, so a run of another release reports
 * a real official ID as not applicable, never an ID that exists nowhere.
 */
export type Published = 'all' | 'r2.2' | 'r3.2+' | 'r4.1';

/** The official ID `<prefix>_<operationId>_<tail>` (qod_provisioning_* at r2.2, qos_provisioning_* from r3.2). */
export function scenarioIdOf(p: ProvisioningRules, role: Role, tail: string | { r22: string; r32: string }, published: Published = 'all'): string {
  const named = published === 'all' ? p : published === 'r2.2' ? provisioningRulesForBundle('1.0.0')! : p.release === 'r2.2' ? provisioningRulesForBundle('1.1.0')! : p;
  const ownTail = typeof tail === 'string' ? tail : named.release === 'r2.2' ? tail.r22 : tail.r32;
  const prefix = named.release === 'r2.2' ? 'qod_provisioning' : 'qos_provisioning';
  return `${prefix}_${named.operations[role]}_${ownTail}`;
}

/** Does the release of `p` publish a scenario published so? */
export function publishedIn(p: ProvisioningRules, published: Published): boolean {
  switch (published) {
    case 'all':
      return true;
    case 'r2.2':
      return p.release === 'r2.2';
    case 'r3.2+':
      return p.release !== 'r2.2';
    case 'r4.1':
      return p.release === 'r4.1';
  }
}

/** Records one item of PROVISIONING.md "Conflicts and ambiguities" and what the check followed. */
export async function noteProvisioningConflict(q: Qod, item: number, text: string): Promise<void> {
  await q.noteStandard(`PROVISIONING.md conflict C${item}: ${text}`);
}

// ---------------------------------------------------------------------------------------------
// Requests

const idPath = (p: ProvisioningRules, id: string) => `${p.collectionPath}/${encodeURIComponent(id)}`;

/** The request of one operation: create and get-by-device take a body, get and revoke an id. */
export function provisioningRequest(p: ProvisioningRules, role: Role, arg: { id: string } | { body: unknown }, extra: Partial<ApiRequest> = {}): ApiRequest {
  const operationId = p.operations[role];
  const base: ApiRequest =
    role === 'create' || role === 'getByDevice'
      ? { method: 'POST', path: role === 'create' ? p.collectionPath : p.byDevicePath, ...('body' in arg ? { body: arg.body } : {}) }
      : { method: role === 'getById' ? 'GET' : 'DELETE', path: idPath(p, 'id' in arg ? arg.id : '') };
  return { ...base, api: 'provisioning', operationId, ...extra };
}

/** The path that revokes assignment `id` (what the ledger and the cleanup delete it with). */
export function revokePath(p: ProvisioningRules, id: string): string {
  return idPath(p, id);
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** A create body: the operator's usable profile (qosProfiles.valid), `device` when given, `extra` on top. */
export function assignmentBody(q: Qod, device: DeviceId | undefined, extra: Json = {}): Json {
  const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  return { ...(device ? { device } : {}), qosProfile: profile, ...extra };
}

/**
 * A valid body of a provisioning operation that takes one, for checks derived from the spec's
 * operations: create names a device of the check's own (a wrongly accepted request creates an
 * assignment the harness tracks and revokes), get-by-device the operator's known device.
 */
export async function validProvisioningBody(q: Qod, operationId: string): Promise<Json> {
  const p = prov(q);
  if (operationId === p.operations.create) return assignmentBody(q, await q.device());
  if (operationId === p.operations.getByDevice) return { device: q.need('devices.known', q.operator.devices.known) };
  throw new Error(`test bug: ${operationId} takes no request body in QoS Provisioning ${p.version}`);
}

/** Self-check: a body a check sends must be valid (or, `valid` false, break the schema) as meant, else it is our bug. */
export async function assertRequestBody(q: Qod, role: Role, body: unknown, valid: boolean, what: string): Promise<void> {
  const operationId = prov(q).operations[role];
  const violations = (await q.validators()).validateRequestBody(operationId, body);
  if (valid && violations.length) throw new Error(`test bug: the body meant to be valid breaks the ${operationId} request schema: ${violations.map(describeViolation).join('; ')}`);
  if (!valid && !violations.length) throw new Error(`test bug: the body meant to break "${what}" is valid against the ${operationId} request schema`);
}

// ---------------------------------------------------------------------------------------------
// Create

export interface CreateOptions {
  /** Bearer token (default: the run's); null sends no Authorization. */
  token?: string | null;
  /** Token that revokes what this call created (default: the run's). */
  cleanupToken?: string;
  xCorrelator?: string | null;
  rawBody?: string;
  contentType?: string | null;
  /** false: do not require the x-correlator echo (the request's one is invalid on purpose). */
  checkEcho?: boolean;
  /** Status(es) expected: judged before the answer's conformance. */
  expect?: { status: number | readonly number[]; rule: string };
}

/**
 * POST the create, judged as Qod.call judges. Whatever it created (any 2xx with an id) is tracked
 * with its revoke path and the token that can revoke it BEFORE the answer is judged.
 */
export async function sendCreate(q: Qod, body: unknown, opts: CreateOptions = {}): Promise<ApiResponse> {
  const p = prov(q);
  const extra: Partial<ApiRequest> = {};
  if (opts.token !== undefined) extra.token = opts.token;
  if (opts.xCorrelator !== undefined) extra.xCorrelator = opts.xCorrelator;
  if (opts.rawBody !== undefined) extra.rawBody = opts.rawBody;
  if (opts.contentType !== undefined) extra.contentType = opts.contentType;
  const req = provisioningRequest(p, 'create', { body }, extra);
  const res = await q.send(req);
  const id = res.status >= 200 && res.status < 300 ? idOf(p, res.json) : undefined;
  if (id) q.track(id, opts.cleanupToken, body, revokePath(p, id));
  return q.judge(req, res, opts.expect, { checkEcho: opts.checkEcho ?? true });
}

/** The record id of an answer body, if it carries one. */
export function idOf(p: ProvisioningRules, body: unknown): string | undefined {
  const id = body && typeof body === 'object' && !Array.isArray(body) ? (body as Json)[p.idField] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A create that must succeed: 201 and the record's id. */
export async function createAssignment(q: Qod, body: Json, rule: string, opts: CreateOptions = {}): Promise<{ res: ApiResponse; view: AssignmentView; id: string }> {
  const p = prov(q);
  let res: ApiResponse;
  try {
    res = await sendCreate(q, body, { ...opts, expect: { status: 201, rule } });
  } catch (error) {
    // Whatever check needed the assignment, the create broke its own rule too.
    if (error instanceof ConformanceFailure) error.ruleIds = [...new Set([...(error.ruleIds ?? []), 'provisioning.create-201-assignment-info'])];
    throw error;
  }
  const view = res.json as AssignmentView;
  const id = idOf(p, view);
  q.check(id !== undefined, `${p.operations.create} answered 201 without the ${p.idField}`, {
    rule: `${rule}; ${q.cite(`${p.recordSchema} required ${p.idField}`)}`,
    expected: `a ${p.idField} in the 201 answer`,
    actual: JSON.stringify(view).slice(0, 300),
  });
  return { res, view, id };
}

/** A create that must be refused: the status first, then the answer's conformance, then the error body. */
export async function refusedCreate(q: Qod, body: unknown, expected: ErrorExpectation, opts: CreateOptions = {}): Promise<ApiResponse> {
  const res = await sendCreate(q, body, { ...opts, expect: { status: q.errorStatuses(expected), rule: expected.rule } });
  q.expectError(res, expected);
  return res;
}

/** A request of another operation that must be refused (status first, conformance, error body). */
export async function refused(q: Qod, req: ApiRequest, expected: ErrorExpectation): Promise<ApiResponse> {
  const res = await q.call(req, { status: q.errorStatuses(expected), rule: expected.rule });
  q.expectError(res, expected);
  return res;
}

/**
 * Reads the device's assignment (get by device) before a step that must leave the device free: a
 * 404 there makes a later 409 for it the endpoint's, breaking `breaks` (Qod.sawDeviceFree), where
 * otherwise it could be another client's assignment and the check would end as "cannot check".
 */
export async function seeDeviceFree(q: Qod, device: DeviceId, breaks: SeenFreeBreaks): Promise<void> {
  const res = await q.send(provisioningRequest(prov(q), 'getByDevice', { body: { device } }));
  if (res.status === 404) q.sawDeviceFree(device, breaks);
}

/** An assignment of this check on a device of its own, AVAILABLE (waits, bounded, while it is REQUESTED). */
export async function availableAssignment(q: Qod, extra: Json = {}, rule?: string): Promise<{ id: string; body: Json; view: AssignmentView; device: DeviceId }> {
  const p = prov(q);
  const device = await q.device();
  const body = assignmentBody(q, device, extra);
  const created = await createAssignment(q, body, rule ?? q.cite(`${p.operations.create} 201`));
  const view = await untilSettled(q, created.id, created.view);
  if (view.status !== 'AVAILABLE') q.ctx.skip(`${BLOCKED_SKIP}the network did not make the QoS assignment AVAILABLE (it stayed ${String(view.status)})`);
  return { id: created.id, body, view, device };
}

/**
 * Revokes an assignment a check made on its own device so the device can take the next one: a 202
 * is waited out (the device stays the assignment's until the deletion completes). Judges nothing:
 * the revoke checks do (revokeAndJudge). Untracked once revoked.
 */
export async function revokeForReuse(q: Qod, id: string): Promise<void> {
  const p = prov(q);
  const revoked = await q.send(provisioningRequest(p, 'revoke', { id }));
  if (revoked.status === 202) await untilRevoked(q, id);
  if (revoked.status === 202 || revoked.status === 204) q.untrack(id, revoked.status === 204);
}

/**
 * The one rule for a qosProfile that is valid for the schema but names no profile (C9): 400
 * INVALID_ARGUMENT as scenario 400.9 expects, or 404 NOT_FOUND (in the create 404 enum; recorded);
 * never an assignment (one made anyway is tracked and revoked).
 */
export async function expectUnknownProfileRefused(q: Qod, body: Json, rule: string): Promise<ApiResponse> {
  const res = await refusedCreate(q, body, { status: [400, 404], codes: ['INVALID_ARGUMENT', 'NOT_FOUND'], rule });
  if (res.status === 404) {
    await noteProvisioningConflict(
      q,
      9,
      'an unknown qosProfile was answered 404 NOT_FOUND: accepted (the scenario expects 400 INVALID_ARGUMENT; the spec names no code and NOT_FOUND is in the create 404 enum).',
    );
  } else {
    q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule });
  }
  return res;
}

/** Reads the record by id (the run's token unless given). */
export async function readAssignment(q: Qod, id: string, token?: string): Promise<ApiResponse> {
  return q.call(provisioningRequest(prov(q), 'getById', { id }, token === undefined ? {} : { token }));
}

/** Polls (bounded) while the record is REQUESTED; the view it ends in. */
export async function untilSettled(q: Qod, id: string, view: AssignmentView, token?: string): Promise<AssignmentView> {
  const p = prov(q);
  const deadline = Date.now() + notificationWaitMs(q.config);
  let now = view;
  while (now.status === 'REQUESTED' && Date.now() < deadline) {
    await q.timerWait(POLL_MS);
    const res = await readAssignment(q, id, token);
    q.expectStatus(res, 200, q.cite(`${p.operations.getById}: an existing QoS assignment reads back (200)`));
    now = res.json as AssignmentView;
  }
  return now;
}

/**
 * After a revoke answered 202, polls (bounded) until the deletion completed: the record is gone
 * (404) or no longer AVAILABLE. Returns the last read answer.
 */
export async function untilRevoked(q: Qod, id: string): Promise<ApiResponse> {
  const deadline = Date.now() + notificationWaitMs(q.config);
  for (;;) {
    const res = await readAssignment(q, id);
    if (deletionCompleted(res) || Date.now() >= deadline) return res;
    await q.timerWait(POLL_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// AssignmentInfo property rules (scenarios 01 of create, get by id, get by device; revoke 02)

/** When startedAt may appear, as the scenario states it (C4); the spec only forbids it while REQUESTED. */
export type StartedAtReading = 'when-available' | 'unless-requested';

/** The record reads as created: device, qosProfile, sink, status, startedAt, statusInfo. */
export async function checkAsCreated(q: Qod, view: AssignmentView, sent: Json, rule: string, startedAt: StartedAtReading): Promise<void> {
  checkDeviceEcho(q, view, sent.device as DeviceId | undefined, rule);
  checkEchoed(q, view, 'qosProfile', sent.qosProfile, rule);
  checkEchoed(q, view, 'sink', sent.sink, rule);
  checkStatus(q, view, rule);
  await checkStartedAt(q, view, rule, startedAt);
  checkStatusInfo(q, view, rule);
}

/** A property the request set comes back unchanged; one it did not set does not come back. */
export function checkEchoed(q: Qod, view: AssignmentView, property: string, sent: unknown, rule: string): void {
  const p = prov(q);
  const got = view[property];
  const ok = sent === undefined ? got === undefined : sameJson(got, sent);
  q.check(ok, sent === undefined ? `${property} appears although the request did not set it` : `${property} does not read back as sent`, {
    rule: `${rule}; ${q.cite(`${p.recordSchema}.${property}: as given at creation`)}`,
    expected: sent === undefined ? `no ${property}` : `${property} ${JSON.stringify(sent)}`,
    actual: got === undefined ? `no ${property}` : `${property} ${JSON.stringify(got)}`,
  });
}

/**
 * device: absent when none was sent (a 3-legged token's request); when sent, what comes back is made
 * of identifiers that were sent, with their values (0.3.0+: DeviceResponse, the one identifier used;
 * it may also be left out, "may or may not"). C5: the scenarios' "same value" cannot hold when several
 * identifiers were sent; the spec is followed.
 */
export function checkDeviceEcho(q: Qod, view: AssignmentView, sent: DeviceId | undefined, rule: string): void {
  const p = prov(q);
  const got = view.device as Json | undefined;
  if (sent === undefined) {
    q.check(got === undefined, 'device appears although the request named none', {
      rule: `${rule}; ${q.cite(`${p.recordSchema}.device: not returned when the device is identified by the access token`)}`,
      expected: 'no device',
      actual: `device ${JSON.stringify(got)}`,
    });
    return;
  }
  if (got === undefined) return;
  const foreign = Object.entries(got).filter(([k, v]) => !sameJson((sent as Json)[k], v));
  if (foreign.length === 0) return;
  fail('device does not read back as one of the identifiers sent', {
    rule: `${rule}; ${q.cite(p.echoesSingleIdentifier ? 'DeviceResponse: exactly the identifier the provider used, as sent' : 'Device: the identifiers as sent')}`,
    ruleIds: ['provisioning.one-identifier-echoed'],
    expected: `identifiers of ${JSON.stringify(sent)}`,
    actual: `device ${JSON.stringify(got)}`,
  });
}

function checkStatus(q: Qod, view: AssignmentView, rule: string): void {
  q.check(STATUSES.includes(String(view.status)), 'status is not a Status value', {
    rule: `${rule}; ${q.cite('Status enum')}`,
    expected: `status one of ${STATUSES.join(', ')}`,
    actual: `status ${JSON.stringify(view.status)}`,
  });
}

/**
 * startedAt: never while REQUESTED; when present, not in the future. C4: an UNAVAILABLE record may
 * keep it (the spec's own example does) although the create and get-by-device 01 scenarios say
 * "only when AVAILABLE": the spec is followed and the disagreement recorded.
 */
export async function checkStartedAt(q: Qod, view: AssignmentView, rule: string, reading: StartedAtReading): Promise<void> {
  const started = view.startedAt;
  const cite = `${rule}; ${q.cite('startedAt: the time the assignment became AVAILABLE, not to be returned when status is REQUESTED')}`;
  q.check(started === undefined || view.status !== 'REQUESTED', 'startedAt is returned while the status is REQUESTED', {
    rule: cite,
    expected: 'no startedAt while REQUESTED',
    actual: `status REQUESTED, startedAt ${JSON.stringify(started)}`,
  });
  if (started === undefined) return;
  const at = typeof started === 'string' ? Date.parse(started) : NaN;
  const slack = 5_000;
  q.check(!Number.isNaN(at) && at <= Date.now() + slack, 'startedAt lies in the future', {
    rule: cite,
    expected: `a past time (at most ${slack / 1000} s of clock skew)`,
    actual: `startedAt ${JSON.stringify(started)}, now ${new Date().toISOString()}`,
  });
  if (view.status === 'UNAVAILABLE' && reading === 'when-available') {
    await noteProvisioningConflict(
      q,
      4,
      'an UNAVAILABLE record carries startedAt: accepted (the scenario allows it only when AVAILABLE; the spec forbids it only while REQUESTED and its UNAVAILABLE example keeps it).',
    );
  }
}

/**
 * statusInfo: a reason for UNAVAILABLE; on an AVAILABLE record only DELETE_REQUESTED, which the spec
 * gives the 202 answer of an asynchronous revoke (C3: the 01 scenarios forbid it there too).
 */
export function checkStatusInfo(q: Qod, view: AssignmentView, rule: string): void {
  const p = prov(q);
  const info = view.statusInfo;
  if (info === undefined) return;
  const allowed = view.status === 'UNAVAILABLE' ? p.statusInfoValues : view.status === 'AVAILABLE' ? ['DELETE_REQUESTED'] : [];
  q.check(allowed.includes(String(info)), `statusInfo ${JSON.stringify(info)} on a ${String(view.status)} record`, {
    rule: `${rule}; ${q.cite('StatusInfo: the reason of UNAVAILABLE (DELETE_REQUESTED also in the 202 answer of an asynchronous revoke)')}`,
    expected: allowed.length ? `statusInfo absent or one of ${allowed.join(', ')}` : 'no statusInfo',
    actual: `status ${String(view.status)}, statusInfo ${JSON.stringify(info)}`,
  });
}

/** The answer is the record asked for (its id). */
export function checkSameRecord(q: Qod, view: AssignmentView, id: string, rule: string, what: string): void {
  const p = prov(q);
  q.check(view[p.idField] === id, `${what} answered another QoS assignment`, {
    rule,
    expected: `${p.idField} ${id}`,
    actual: `${p.idField} ${JSON.stringify(view[p.idField])}`,
  });
}

/** An assignment of this check on a device of its own (as created: REQUESTED or AVAILABLE). */
export async function existingAssignment(q: Qod, extra: Json = {}): Promise<{ id: string; body: Json; view: AssignmentView; device: DeviceId }> {
  const device = await q.device();
  const body = assignmentBody(q, device, extra);
  const { id, view } = await createAssignment(q, body, q.cite(`${prov(q).operations.create} 201`));
  return { id, body, view, device };
}

/**
 * Revokes assignment `id` (created with `sent`) and judges the answer by what it says: 204, the
 * assignment is revoked (afterwards gone, or UNAVAILABLE); 202, accepted (the record with status
 * AVAILABLE and statusInfo DELETE_REQUESTED), and revoked once the deletion completes. Returns the
 * answer; the tracked assignment is untracked once it is revoked.
 */
export async function revokeAndJudge(q: Qod, id: string, sent: Json, rule: string): Promise<ApiResponse> {
  const p = prov(q);
  const res = await q.call(provisioningRequest(p, 'revoke', { id }), { status: [...p.revokeAnswers], rule: `${rule}; ${q.cite(`${p.operations.revoke} 204 / 202`)}` });
  if (res.status === 202) {
    const view = (res.json ?? {}) as AssignmentView;
    const accepted = `${rule}; ${q.cite(`${p.operations.revoke} 202: deletion accepted, the record with status AVAILABLE and statusInfo DELETE_REQUESTED`)}`;
    if (view.status !== 'AVAILABLE' || view.statusInfo !== 'DELETE_REQUESTED') {
      fail(`${p.operations.revoke} answered 202 without the record of a deletion in progress`, {
        rule: accepted,
        ruleIds: ['provisioning.revoke-202-delete-requested'],
        expected: `a ${p.recordSchema} with status AVAILABLE and statusInfo DELETE_REQUESTED`,
        actual: res.text.slice(0, 300) || '(empty body)',
      });
    }
    checkSameRecord(q, view, id, accepted, p.operations.revoke);
    await checkAsCreated(q, view, sent, accepted, 'unless-requested');
  }
  const after = res.status === 202 ? await untilRevoked(q, id) : await readAssignment(q, id);
  const status = (after.json as AssignmentView | undefined)?.status;
  if (after.status !== 404 && !(after.status === 200 && status === 'UNAVAILABLE')) {
    fail(`the assignment is still ${after.status === 200 ? String(status) : `answered ${after.status}`} after ${p.operations.revoke} answered ${res.status}`, {
      rule: `${rule}; ${q.cite(`${p.operations.revoke} ${res.status}: the assignment is revoked${res.status === 202 ? ' once the deletion completes' : ''}`)}`,
      ruleIds: [res.status === 202 ? 'provisioning.revoke-202-delete-requested' : 'provisioning.revoke-204-gone'],
      expected: `${p.operations.getById}: 404 NOT_FOUND, or 200 with status UNAVAILABLE`,
      actual: `HTTP ${after.status} ${after.text.slice(0, 300)}`,
    });
  }
  q.untrack(id, res.status === 204);
  return res;
}
