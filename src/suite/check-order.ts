// Check order (CAMARA API Design Guide, referenced by QoD from 0.11.1): the access token is checked
// before the request is validated and before the resource it names is looked up, so a caller
// without credentials learns nothing about its request. The requests here are unauthenticated AND
// wrong in one other way; the answer must be 401.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiVersion } from '../config/types.js';
import type { ApiRequest } from '../http/client.js';
import type { OperationSpec } from '../spec/types.js';
import { authorisableRequest, expectUnauthenticated } from './auth-requests.js';
import type { Qod } from './harness.js';

/** Versions whose spec refers to the CAMARA API Design Guide (x-camara-commonalities 0.4.0 on); before, a wrong order is an advisory. */
export const CHECK_ORDER_VERSIONS: readonly ApiVersion[] = ['0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'];

export type OrderStep = 'validation' | 'lookup';

/** Path parameters of `op` (their values name the resource the operation looks up). */
export function pathParams(op: OperationSpec): string[] {
  return [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Candidates for a path value the spec refuses: not a UUID, outside the name pattern, too short, too long. */
const MALFORMED = ['not-a-uuid-0000', 'QOS@E#invalid!', 'Q', 'Q'.repeat(300)];

/** A request for `op` without credentials that also breaks the spec (a malformed path value, a body of the wrong type); undefined when `op` has nothing to break. */
export async function unauthenticatedInvalidRequest(q: Qod, op: OperationSpec): Promise<{ req: ApiRequest; what: string } | undefined> {
  if (op.api === 'profiles') q.needProfilesApi();
  const v = await q.validators();
  const broken: string[] = [];
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = MALFORMED.find((c) => v.validateParameter(op.operationId, name, c).length > 0);
    if (value === undefined) return encodeURIComponent(randomUUID());
    broken.push(`path parameter ${name} ${JSON.stringify(value.length > 20 ? `${value.slice(0, 12)}…(${value.length} chars)` : value)} (${v.validateParameter(op.operationId, name, value)[0]!.rule})`);
    return encodeURIComponent(value);
  });
  const req: ApiRequest = { api: op.api, method: op.method.toUpperCase() as ApiRequest['method'], path, operationId: op.operationId, token: null };
  if (op.requestBody) {
    // A JSON array where the schema wants an object: well-formed JSON, invalid for every body schema here.
    const body: unknown = [];
    const violations = v.validateRequestBody(op.operationId, body);
    if (violations.length > 0) {
      broken.push(`a body of the wrong type ([] where the schema wants ${violations[0]!.message})`);
      return { req: { ...req, body }, what: broken.join(' and ') };
    }
  }
  return broken.length ? { req, what: broken.join(' and ') } : undefined;
}

/** A request for `op` without credentials, valid in every other respect, naming a resource nobody has (well-formed); undefined when `op` names none. */
export async function unauthenticatedUnknownRequest(q: Qod, op: OperationSpec): Promise<{ req: ApiRequest; what: string } | undefined> {
  const names = pathParams(op);
  if (names.length === 0) return undefined;
  const base = await authorisableRequest(q, op);
  const v = await q.validators();
  const chosen: string[] = [];
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const candidates = [randomUUID(), `QODCONF_UNKNOWN_${randomBytes(8).toString('hex').toUpperCase()}`];
    const value = candidates.find((c) => v.validateParameter(op.operationId, name, c).length === 0);
    if (value === undefined) throw new Error(`test bug: no well-formed value for ${op.operationId} path parameter ${name} in QoD ${q.version}`);
    chosen.push(`${name} ${value}`);
    return encodeURIComponent(value);
  });
  return { req: { ...base, path, token: null }, what: `an unknown, well-formed ${chosen.join(', ')}` };
}

/** Where the rule is written. */
export function checkOrderRule(q: Qod, op: OperationSpec, step: OrderStep): string {
  const guide = `CAMARA API Design Guide (referenced by QoD ${q.version}): authentication comes before ${step === 'validation' ? 'any validation of the request' : 'any lookup of the resource'}`;
  return `${guide}; ${q.cite(`${op.operationId} security + responses.401`)}`;
}

/**
 * Sends the unauthenticated request: 401 as the operation documents it. Where the version's spec
 * does not refer to the design guide, another status is an advisory.
 */
export async function expectAuthFirst(q: Qod, op: OperationSpec, step: OrderStep, sent: { req: ApiRequest; what: string }): Promise<void> {
  const rule = checkOrderRule(q, op, step);
  if (!CHECK_ORDER_VERSIONS.includes(q.version)) {
    const res = await q.send(sent.req);
    if (res.status === 401) return expectUnauthenticated(q, op, res, rule);
    await q.advise({
      title: `${op.operationId}: ${step} before authentication (HTTP ${res.status} to an unauthenticated request with ${sent.what})`,
      whyItMatters: `a caller without credentials learns whether its request is valid or its resource exists; QoD ${q.version} does not yet refer to the CAMARA API Design Guide that forbids it.`,
      detail: `HTTP ${res.status} ${res.text.slice(0, 300)}`,
    });
    return;
  }
  // The status is the point: a 400 / 404 is said as "expected HTTP 401, got …" before any body problem.
  const res = await q.call(sent.req, { status: [401], rule: `${rule} (request without credentials and with ${sent.what})` });
  await expectUnauthenticated(q, op, res, rule);
}
