// Check order (CAMARA API Design Guide, referenced by QoD from 0.11.1): the access token and its
// scopes are checked before the request is validated and before the resource it names is looked
// up, so a caller without credentials (or without the scope) learns nothing about its request. The
// requests here lack credentials (401) or the scope (403) AND are wrong in one other way.
import { randomBytes, randomUUID } from 'node:crypto';
import { apiLabel } from '../config/apis.js';
import type { ApiId } from '../config/types.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import type { OperationSpec } from '../spec/types.js';
import { NOT_APPLICABLE_SKIP } from '../report/skip-kind.js';
import { authorisableRequest, expectUnauthenticated } from './auth-requests.js';
import type { Qod } from './harness.js';
import { codesFor } from './lifecycle-checks.js';

export type OrderStep = 'validation' | 'lookup';

/** Who calls: nobody (no Authorization: 401) or a client whose token lacks the operation's scope (403). */
export type Caller = 'unauthenticated' | 'unauthorised';

/**
 * The inventory rules a check-order check judges. QoD names one per operation; QoS Provisioning
 * states each order once for all its operations (the lookup rule covers both callers: 401, or 403
 * without the scope), and a scope-less token answered otherwise than 403 breaks its scope rule too.
 */
export function orderRules(api: ApiId, caller: Caller, step: OrderStep, operationId: string): string[] {
  const who = caller === 'unauthenticated' ? 'auth' : 'authz';
  if (api === 'quality-on-demand') return [`order.${who}-before-${step}.${operationId}`];
  const order = step === 'lookup' ? 'provisioning.auth-before-lookup' : `provisioning.${who}-before-validation`;
  return caller === 'unauthorised' ? [order, 'provisioning.missing-scope-403'] : [order];
}

/** The token a request of `caller` carries; skips where the version or the operation has no scope to lack. */
export function tokenOf(q: Qod, op: OperationSpec, caller: Caller): string | null {
  if (caller === 'unauthenticated') return null;
  if (!q.rules.twoLeggedScopes || op.scopes.length === 0) q.ctx.skip(`${NOT_APPLICABLE_SKIP}${apiLabel(q.config.api, q.version)}: ${op.operationId} requires no scope of a client-credentials token`);
  return q.need('tokens.missingScope', q.operator.tokens.missingScope);
}

/** Path parameters of `op` (their values name the resource the operation looks up). */
export function pathParams(op: OperationSpec): string[] {
  return [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Candidates for a path value the spec refuses: not a UUID, outside the name pattern, too short, too long. */
const MALFORMED = ['not-a-uuid-0000', 'QOS@E#invalid!', 'Q', 'Q'.repeat(300)];

/** A request for `op` by `caller` that also breaks the spec (a malformed path value, a body of the wrong type); undefined when `op` has nothing to break. */
export async function invalidRequestAs(q: Qod, op: OperationSpec, caller: Caller): Promise<{ req: ApiRequest; what: string } | undefined> {
  if (op.api === 'profiles') q.needProfilesApi();
  const v = await q.validators();
  const broken: string[] = [];
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = MALFORMED.find((c) => v.validateParameter(op.operationId, name, c).length > 0);
    if (value === undefined) return encodeURIComponent(randomUUID());
    broken.push(`path parameter ${name} ${JSON.stringify(value.length > 20 ? `${value.slice(0, 12)}…(${value.length} chars)` : value)} (${v.validateParameter(op.operationId, name, value)[0]!.rule})`);
    return encodeURIComponent(value);
  });
  const req: ApiRequest = { api: op.api, method: op.method.toUpperCase() as ApiRequest['method'], path, operationId: op.operationId, token: tokenOf(q, op, caller) };
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

/** A request for `op` by `caller`, valid in every other respect, naming a resource nobody has (well-formed); undefined when `op` names none. */
export async function unknownResourceRequestAs(q: Qod, op: OperationSpec, caller: Caller): Promise<{ req: ApiRequest; what: string } | undefined> {
  const names = pathParams(op);
  if (names.length === 0) return undefined;
  const token = tokenOf(q, op, caller);
  const base = await authorisableRequest(q, op);
  const v = await q.validators();
  const chosen: string[] = [];
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const candidates = [randomUUID(), `QODCONF_UNKNOWN_${randomBytes(8).toString('hex').toUpperCase()}`];
    const value = candidates.find((c) => v.validateParameter(op.operationId, name, c).length === 0);
    if (value === undefined) throw new Error(`test bug: no well-formed value for ${op.operationId} path parameter ${name} in ${apiLabel(q.config.api, q.version)}`);
    chosen.push(`${name} ${value}`);
    return encodeURIComponent(value);
  });
  return { req: { ...base, path, token }, what: `an unknown, well-formed ${chosen.join(', ')}` };
}

/** Where the rule is written. */
export function checkOrderRule(q: Qod, op: OperationSpec, step: OrderStep, caller: Caller): string {
  const first = caller === 'unauthenticated' ? 'authentication' : 'authorisation (the scopes of the token)';
  const guide = `CAMARA API Design Guide (referenced by ${apiLabel(q.config.api, q.version)}): ${first} comes before ${step === 'validation' ? 'any validation of the request' : 'any lookup of the resource'}`;
  return `${guide}; ${q.cite(caller === 'unauthenticated' ? `${op.operationId} security + responses.401` : `${op.operationId} security (${op.scopes.join(', ')}) + responses.403`)}`;
}

/**
 * Sends the request of `caller`: 401 (no credentials) or 403 (scope missing) as the operation
 * documents it. Where the version's spec does not refer to the design guide, another status is an
 * advisory.
 */
export async function expectAccessCheckedFirst(q: Qod, op: OperationSpec, step: OrderStep, caller: Caller, sent: { req: ApiRequest; what: string }): Promise<void> {
  const rule = checkOrderRule(q, op, step, caller);
  const status = caller === 'unauthenticated' ? 401 : 403;
  const judge = async (res: ApiResponse): Promise<void> => {
    if (caller === 'unauthenticated') await expectUnauthenticated(q, op, res, rule, 'missing-credentials');
    else q.expectError(res, { status: 403, codes: codesFor(q, 'forbidden'), rule });
  };
  // Before the spec refers to the CAMARA API Design Guide (x-camara-commonalities), a wrong order is an advisory.
  if (!q.rules.followsDesignGuide) {
    const res = await q.send(sent.req);
    if (res.status === status) return judge(res);
    await q.advise({
      title: `${op.operationId}: ${step} before ${caller === 'unauthenticated' ? 'authentication' : 'authorisation'} (HTTP ${res.status} to a request ${caller === 'unauthenticated' ? 'without credentials' : 'with a token lacking the scope'} and with ${sent.what})`,
      whyItMatters: `a caller without access learns whether its request is valid or its resource exists; ${apiLabel(q.config.api, q.version)} does not yet refer to the CAMARA API Design Guide that forbids it.`,
      detail: `HTTP ${res.status} ${res.text.slice(0, 300)}`,
    });
    return;
  }
  // The status is the point: a 400 / 404 is said as "expected HTTP 401, got …" before any body problem.
  const who = caller === 'unauthenticated' ? 'without credentials' : 'with a token lacking the scope';
  const res = await q.call(sent.req, { status: [status], rule: `${rule} (request ${who} and with ${sent.what})` });
  await judge(res);
}
