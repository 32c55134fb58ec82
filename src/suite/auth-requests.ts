// Authentication and ownership checks across every operation of the loaded spec: a request that
// would succeed if it were authorised (path parameters filled, a valid body), the 401 codes the
// version allows, and the values of a session that must never reach another API client.
import { randomUUID } from 'node:crypto';
import type { DeviceId } from '../config/types.js';
import { ConformanceFailure } from '../checks/failure.js';
import type { ErrorReason } from '../dialects/index.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import type { ApiId } from '../config/types.js';
import { apiLabel } from '../config/apis.js';
import type { OperationSpec } from '../spec/types.js';
import { describeViolation } from '../spec/validators.js';
import type { Qod } from './harness.js';
import { codesFor } from './lifecycle-checks.js';
import { unauthenticatedCodes } from './auth-codes.js';
import { ERRORS as PROVISIONING_ERRORS } from './provisioning-devices.js';
import { prov, validProvisioningBody } from './provisioning.js';
import { validCreateBody, type SessionView } from './sessions.js';

/** Operations the endpoint serves. 0.8.1 also declares `POST /notifications`, which the API
 *  consumer implements (the callback receiver), not the endpoint under test. */
export function servedOperations(operations: Record<string, OperationSpec>): OperationSpec[] {
  return Object.values(operations).filter((op) => op.operationId !== 'postNotification' && op.path !== '/notifications');
}

/** The error-model rules every refusal judges, as the inventory of `api` names them. */
export function errorRules(api: ApiId): string[] {
  return api === 'qos-provisioning' ? [...PROVISIONING_ERRORS] : ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
}

/**
 * A 401 as `op` documents it: the code from its enum, or (where the version only gives an example
 * code) any code, with an advisory; in a dialect with its own code table, that table's code for
 * `reason` (the operator documents it: a rule, not an example).
 */
export async function expectUnauthenticated(q: Qod, op: OperationSpec, res: ApiResponse, rule: string, reason?: ErrorReason): Promise<void> {
  // The same codes for every operation of a version: an enum from 1.0.0 on, examples before.
  const codes = unauthenticatedCodes(q);
  if (q.rules.errorCodesEnumerated || q.dialect.relaxed('error-code-values')) {
    q.expectError(res, { status: 401, codes, reason, rule });
    return;
  }
  // The version gives the code only as an example: the status is the rule, the code a hint.
  q.expectError(res, { status: 401, rule });
  const code = (res.json as { code?: unknown } | undefined)?.code;
  if (!q.isError(res, { status: 401, codes })) {
    await q.advise({
      title: `${op.operationId}: 401 with code ${JSON.stringify(code)}`,
      whyItMatters: `${apiLabel(q.config.api, q.version)} shows ${codes.join(' or ')} as the 401 code (an example, not an enum); clients that branch on the code will not recognise ${JSON.stringify(code)}.`,
      detail: `HTTP 401 body: ${res.text.slice(0, 300)}`,
    });
  }
}

/** Malformed Authorization values: each must be refused (expectMalformedAuthRefused). */
export const MALFORMED_AUTHORIZATION: ReadonlyArray<{ label: string; value: string }> = [
  { label: '"Bearer" without a token', value: 'Bearer' },
  { label: '"Basic xyz" (a scheme the API does not use)', value: 'Basic xyz' },
  { label: 'garbage', value: 'qod-conformance %%% not-a-credential' },
];

/**
 * The one rule for a malformed Authorization header (no token, another scheme, garbage): refused.
 * 401 with the operation's 401 code (`expect401`) or 400 with the version's invalid-argument code
 * are both defensible (RFC 6750 §3.1 gives a malformed request 400 invalid_request; the spec's 401
 * covers credentials that are missing or invalid). A 400 is recorded as a note on the standard.
 */
export async function expectMalformedAuthRefused(q: Qod, res: ApiResponse, rule: string, expect401: () => Promise<void>): Promise<void> {
  if (res.status !== 400) {
    await expect401();
    return;
  }
  q.expectError(res, { status: 400, codes: codesFor(q, 'invalid'), rule: `${rule}; RFC 6750 §3.1 invalid_request (400)` });
  await q.noteStandard(
    `a malformed Authorization header was answered 400 ${codesFor(q, 'invalid').join(' / ')}: accepted (RFC 6750 §3.1 gives a malformed request 400; the spec and the 401 scenarios only speak of missing or invalid credentials, 401).`,
  );
}

/** Builds a request for `op` that an authorised caller could send: path parameters filled (a
 *  random session or assignment id: authentication comes before the lookup), a body valid against the spec. */
export async function authorisableRequest(q: Qod, op: OperationSpec): Promise<ApiRequest> {
  if (op.api === 'profiles') q.needProfilesApi();
  const recordId = op.api === 'provisioning' ? prov(q).idField : undefined;
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name === 'sessionId' || name === 'id' || name === recordId) return randomUUID();
    if (name === 'name') return encodeURIComponent(q.operator.qosProfiles.valid ?? 'QOS_E');
    return 'x';
  });
  const req: ApiRequest = { api: op.api, method: op.method.toUpperCase() as ApiRequest['method'], path, operationId: op.operationId };
  if (!op.requestBody) return req;
  const body = op.api === 'provisioning' ? await validProvisioningBody(q, op.operationId) : await bodyFor(q, op.operationId);
  const violations = (await q.validators()).validateRequestBody(op.operationId, body);
  // Our own request must be valid, or a 400 would be as right as a 401 (a test bug, not a finding).
  if (violations.length) throw new Error(`test bug: the ${op.operationId} body is not valid for ${apiLabel(q.config.api, q.version)}: ${violations.map(describeViolation).join('; ')}`);
  return { ...req, body };
}

async function bodyFor(q: Qod, operationId: string): Promise<unknown> {
  switch (operationId) {
    case 'createSession':
      // A device of this test alone: a provider that wrongly serves the request creates a session
      // (tracked and deleted by the harness) and must not collide with another test's.
      return await validCreateBody(q, await q.device());
    case 'extendQosSessionDuration':
      return { requestedAdditionalDuration: 60 };
    case 'retrieveSessionsByDevice':
      return { device: q.need('devices.known', q.operator.devices.known) };
    default: {
      const v = await q.validators();
      for (const candidate of [{}, { status: 'ACTIVE' }]) if (v.validateRequestBody(operationId, candidate).length === 0) return candidate;
      return {};
    }
  }
}

/** The values of a session that identify it or its parties (never to be shown to another client). */
export function sessionValues(q: Qod, session: SessionView, sent: { device?: DeviceId }): { id: string[]; device: string[]; applicationServer: string[] } {
  const id = [session[q.rules.sessionIdField]].filter((v): v is string => typeof v === 'string');
  const device = identifierValues(sent.device);
  const appServer = q.operator.applicationServer;
  const applicationServer = [appServer?.ipv4Address, appServer?.ipv6Address].filter((v): v is string => typeof v === 'string' && v !== '');
  return { id, device, applicationServer };
}

function identifierValues(device: DeviceId | undefined): string[] {
  if (!device) return [];
  return [device.phoneNumber, device.networkAccessIdentifier, device.ipv4Address?.publicAddress, device.ipv4Address?.privateAddress, device.ipv6Address].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/**
 * Values of the session found in an answer to another caller. `message` (human text) may quote
 * what the caller itself sent; any other field, or a value it did not send, is a leak.
 */
export function leakedValues(res: ApiResponse, values: ReturnType<typeof sessionValues>, callerSent: { sessionId: boolean; device: boolean }): string[] {
  const found = new Set<string>();
  const all = [...values.id, ...values.device, ...values.applicationServer];
  const allowedInMessage = new Set([...(callerSent.sessionId ? values.id : []), ...(callerSent.device ? values.device : [])]);
  const visit = (node: unknown, key: string | undefined, depth: number) => {
    if (typeof node === 'string') {
      for (const v of all) if (node.includes(v) && !(depth === 1 && key === 'message' && allowedInMessage.has(v))) found.add(v);
    } else if (Array.isArray(node)) node.forEach((n) => visit(n, key, depth + 1));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, k, depth + 1);
  };
  if (res.json !== undefined) visit(res.json, undefined, 0);
  else for (const v of all) if (res.text.includes(v) && !allowedInMessage.has(v)) found.add(v);
  return [...found];
}

/** Runs several checks and reports every one that failed, not only the first. */
export async function allChecks(steps: Array<{ label: string; run: () => Promise<void> }>, summary: (failed: string[], total: number) => string): Promise<void> {
  const failures: Array<{ label: string; error: ConformanceFailure }> = [];
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      if (!(error instanceof ConformanceFailure)) throw error;
      failures.push({ label: step.label, error });
    }
  }
  if (failures.length === 0) return;
  if (failures.length === 1) {
    const { label, error } = failures[0]!;
    throw new ConformanceFailure(withLabel(label, error), error);
  }
  throw new ConformanceFailure(
    summary(
      failures.map((f) => f.label),
      steps.length,
    ),
    {
      rule: [...new Set(failures.map((f) => f.error.rule))].join('; '),
      expected: failures.map((f) => `${f.label}: ${f.error.expected}`).join(' | '),
      actual: failures.map((f) => `${withLabel(f.label, f.error)} (${f.error.actual})`).join(' | '),
    },
  );
}

function withLabel(label: string, error: ConformanceFailure): string {
  const summary = error.message.split('\n')[0]!;
  return summary.startsWith(label) ? summary : `${label}: ${summary}`;
}
