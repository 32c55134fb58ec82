// Named boundary cases of a create operation (QoD createSession; QoS Provisioning create passes its
// own RefusalTarget): the spec validator decides whether a body is valid for the run's version (so
// one test serves every version), then the endpoint must accept a valid value (201, echoed, deleted)
// or refuse an invalid one with 400 and a code the spec allows.
import type { DeviceId } from '../config/types.js';
import type { ApiResponse } from '../http/client.js';
import type { Violation } from '../spec/types.js';
import { checkDeviceEcho, checkEchoed, createOk, expectRefused as expectCreateRefused } from './create-cases.js';
import { allowed400Codes, portFields, specWhere } from './generated-requests.js';
import type { ErrorExpectation, Qod } from './harness.js';
import { singleBrokenRule } from '../rules/request-coverage.js';
import { checkSessionTimes } from './session-times.js';
import { deleteCreated } from './property-cases.js';
import type { Json, SessionView } from './sessions.js';

/** The spec's verdict on a request body of `opId` (default createSession). */
export async function violationsOf(q: Qod, body: unknown, opId = 'createSession'): Promise<Violation[]> {
  return (await q.validators()).validateRequestBody(opId, body);
}

/** Codes allowed for a body with these violations (union over the broken constraints). */
export async function codesFor(q: Qod, violations: Violation[], opId = 'createSession'): Promise<string[]> {
  const v = await q.validators();
  return [...new Set(violations.flatMap((x) => allowed400Codes(q, v, opId, x.rule, x.pointer)))];
}

/** The rule a violation cites: spec location in its document. */
export async function violationRule(q: Qod, violations: Violation[], opId = 'createSession'): Promise<string> {
  const v = await q.validators();
  const first = violations[0]!;
  return q.cite(`${specWhere(v, opId, first.specLocation)} (${first.rule} at ${first.pointer || '/'})`);
}

/** The operation a refused body goes to, and how its refusal is sent and judged (a wrong success cleaned up). */
export interface RefusalTarget {
  opId: string;
  refuse(q: Qod, body: unknown, expected: ErrorExpectation): Promise<ApiResponse>;
}

const CREATE_SESSION: RefusalTarget = { opId: 'createSession', refuse: (q, body, expected) => expectCreateRefused(q, body, expected) };

/** An invalid body: 400 (judged first), CAMARA error body, an allowed code; what it wrongly created is deleted (tracked). */
export async function expectRefused(q: Qod, body: unknown, what: string, target: RefusalTarget = CREATE_SESSION): Promise<ApiResponse> {
  const { opId } = target;
  const violations = await violationsOf(q, body, opId);
  if (violations.length === 0) throw new Error(`test bug: the body for "${what}" is valid against the ${opId} request schema of ${q.version}`);
  const codes = await codesFor(q, violations, opId);
  const broken = singleBrokenRule(opId, violations);
  if (broken) q.covers([broken]);
  return target.refuse(q, body, { status: 400, codes, rule: `${what}: ${await violationRule(q, violations, opId)}; ${q.cite(`${opId} responses.400 code ${codes.join(' / ')}`)}` });
}

export interface AcceptOptions {
  /** Ports / sink properties to check as echoed (default: every port field of the body). */
  echo?: string[];
  /** Device sent (checked as echoed per the version's rule). */
  device?: DeviceId;
}

/** A valid body: 201, what was sent comes back, times consistent; then the session is deleted. */
export async function expectAccepted(q: Qod, body: Json, what: string, opts: AcceptOptions = {}): Promise<SessionView> {
  const violations = await violationsOf(q, body);
  if (violations.length > 0) throw new Error(`test bug: the body for "${what}" breaks the QoD ${q.version} schema: ${violations.map((x) => `${x.pointer} ${x.rule}`).join('; ')}`);
  const rule = `${what}; ${q.cite('createSession: a valid request creates a session (201)')}`;
  const { res, session, id } = await createOk(q, body, rule);
  const v = await q.validators();
  const schema = v.spec.operations['createSession']?.requestBody?.content['application/json'];
  const echo = opts.echo ?? (schema ? portFields(schema).filter((f) => body[f] !== undefined) : []);
  const echoRule = `@quality_on_demand_createSession_01_generic_success_scenario; ${q.cite('SessionInfo echoes the request')}`;
  for (const field of echo) checkEchoed(q, session, field, body[field], echoRule);
  if (opts.device && q.rules.deviceField === 'device') checkDeviceEcho(q, session, opts.device, echoRule);
  await checkSessionTimes(q, session, res, 'createSession 201');
  await deleteCreated(q, id);
  return session;
}
