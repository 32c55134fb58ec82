// The scenarios every QoS Provisioning feature file repeats for its operation, written once: the
// x-correlator pattern (400.10, r4.1), the token scenarios (401.1-3, 403.1), another API client's
// request (403.2, on an existing assignment) and the request threshold (429.1, r4.1).
import { randomUUID } from 'node:crypto';
import { provisioning } from '../checks/applies.js';
import { check } from '../checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../checks/spec.js';
import type { ApiRequest } from '../http/client.js';
import type { ProvisioningRules } from '../versions/provisioning-rules.js';
import type { Qod } from './harness.js';
import { authRefused, expectForeignSessionRefused, invalidCorrelator, malformedId, MALFORMED_ID, type AuthCase } from './lifecycle-checks.js';
import { ERRORS } from './provisioning-devices.js';
import { checkSameRecord, noteProvisioningConflict, prov, provisioningRequest, publishedIn, readAssignment, refused, scenarioIdOf, type Published, type Role } from './provisioning.js';
import { expectTooManyRequests } from './rate-limit.js';

/** The identity of a check of an official scenario of `role`, applying where its release publishes it. */
export function provisioningScenario(
  p: ProvisioningRules,
  role: Role,
  tail: string | { r22: string; r32: string },
  title: string,
  cites: string,
  area: CheckSpec['area'],
  rules: string[],
  published: Published = 'all',
): CheckSpec {
  return { ...scenarioCheck(p.operations[role], area, scenarioIdOf(p, role, tail, published), title, cites, rules), appliesTo: provisioning((v) => publishedIn(v, published)) };
}

const AUTH: Array<[string, AuthCase, string, string[]]> = [
  ['401.1_no_authorization_header', 'no-authorization', 'no Authorization header: 401 UNAUTHENTICATED', ['provisioning.no-credentials-401']],
  ['401.2_expired_access_token', 'expired', 'an expired access token: 401', ['provisioning.expired-token-401']],
  ['401.3_invalid_access_token', 'invalid', 'an invalid access token: 401 UNAUTHENTICATED', ['provisioning.invalid-token-401']],
  ['403.1_missing_access_token_scope', 'missing-scope', 'a token without the scope of the operation: 403 PERMISSION_DENIED', ['provisioning.missing-scope-403']],
];

/** A read of an id no assignment has (the 429 probe: harmless). */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * 400.10, 401.1-3, 403.1 and 429.1 of `role`; `requestFor` is the valid request each refused one
 * varies (on an existing assignment, or naming a device of the check's own).
 */
export function requestScenarios(p: ProvisioningRules, role: Role, requestFor: (q: Qod) => Promise<ApiRequest>): void {
  const op = p.operations[role];
  const request = `schema.${op}.request.`;
  const id = (tail: string, published: Published = 'all') => scenarioIdOf(p, role, tail, published);

  check(
    provisioningScenario(
      p,
      role,
      '400.10_invalid_x-correlator',
      'an x-correlator breaking its pattern: 400 INVALID_ARGUMENT',
      'XCorrelator pattern',
      'headers',
      [...ERRORS, `${request}param/x-correlator.pattern`],
      'r4.1',
    ),
    async (q: Qod) => invalidCorrelator(q, await requestFor(q), id('400.10_invalid_x-correlator', 'r4.1')),
  );

  for (const [tail, which, title, rules] of AUTH) {
    check(provisioningScenario(p, role, tail, title, `${op} security openId ${p.scopes[role]}`, 'auth', [...ERRORS, ...rules]), async (q: Qod) => {
      await authRefused(q, await requestFor(q), which, id(tail));
    });
  }

  const probe = (q: Qod): ApiRequest => provisioningRequest(prov(q), 'getById', { id: NO_SUCH_ID });
  check(provisioningScenario(p, role, '429.1_too_many_requests', 'over the request threshold: 429 TOO_MANY_REQUESTS', `${op} 429 TOO_MANY_REQUESTS`, 'headers', [...ERRORS], 'r4.1'), async (q: Qod) =>
    expectTooManyRequests(q, await requestFor(q), id('429.1_too_many_requests', 'r4.1'), probe(q)),
  );
  // 0.2.0 and 0.3.0 document 429 on every operation, but their scenarios have no 429 case: the same
  // check under a rule ID (QoD's counterpart: suites/rules/rate-limit.test.ts).
  check(
    {
      id: `rate-limit.429.${op}`,
      title: `${op}: over the request threshold the operation is refused with 429 and a documented code`,
      area: 'headers',
      operation: op,
      cites: `${op} responses.429`,
      rules: [...ERRORS],
      appliesTo: provisioning((v) => !publishedIn(v, 'r4.1')),
    },
    async (q: Qod) => expectTooManyRequests(q, await ownRequest(q, role, requestFor), q.cite(`${op} responses.429: a client over its request threshold is refused`), probe(q)),
  );
}

/**
 * The operation's own request for a 429 rule check, on no assignment where none is needed (as QoD's:
 * an unknown id, or a device's lookup); a create needs its valid body (tracked, revoked if accepted).
 */
async function ownRequest(q: Qod, role: Role, requestFor: (q: Qod) => Promise<ApiRequest>): Promise<ApiRequest> {
  if (role === 'create') return requestFor(q);
  if (role === 'getByDevice') return provisioningRequest(prov(q), role, { body: { device: await q.device() } });
  return provisioningRequest(prov(q), role, { id: NO_SUCH_ID });
}

/**
 * 403.2_different_client_id: another API client must not reach an assignment (403 PERMISSION_DENIED;
 * 404 NOT_FOUND accepted and recorded, C15: the spec states the rule without a code), sees none of
 * it, and the assignment stays as it was.
 */
export function otherClientScenario(p: ProvisioningRules, role: Exclude<Role, 'create'>, setup: (q: Qod) => Promise<{ id: string; request: (token: string) => ApiRequest }>): void {
  const op = p.operations[role];
  check(
    provisioningScenario(
      p,
      role,
      '403.2_different_client_id',
      'another API client cannot reach the assignment: 403 PERMISSION_DENIED (404 accepted)',
      'ownership: only the API client that created an assignment may use it',
      'auth',
      [...ERRORS, 'provisioning.other-client'],
    ),
    async (q: Qod) => {
      const other = q.need('tokens.secondClient', q.operator.tokens.secondClient);
      const { id, request } = await setup(q);
      const res = await q.call(request(other));
      const rule = `${scenarioIdOf(p, role, '403.2_different_client_id')}; ${q.cite('ownership: the assignment must have been created by the same API consumer')}`;
      await expectForeignSessionRefused(q, op, res, rule, 'an assignment of another API client', false, () =>
        noteProvisioningConflict(
          q,
          15,
          `${op} answered 404 NOT_FOUND for an assignment of another API client: accepted (the 403.2 scenarios fix 403 PERMISSION_DENIED; the spec states the ownership rule without a code).`,
        ),
      );
      q.check(!res.text.includes(id), "the error answer discloses the other client's assignment", { rule, expected: 'no assignment id in the answer', actual: res.text.slice(0, 300) });
      // Still there for its owner: a refused revoke must not have revoked it.
      const after = await readAssignment(q, id);
      q.expectStatus(after, 200, rule);
      checkSameRecord(q, after.json as Record<string, unknown>, id, rule, p.operations.getById);
    },
  );
}

/** The record-id operations (get by id, revoke): what they share about the id in the path. */
type ById = 'getById' | 'revoke';

/** A path id that is not a UUID: 400 INVALID_ARGUMENT, or 404 NOT_FOUND when the format is not validated (conflict 13). */
export function malformedAssignmentId(q: Qod, role: ById, rule: string): Promise<void> {
  const p = prov(q);
  return malformedId(q, provisioningRequest(p, role, { id: MALFORMED_ID }), rule, {
    format: `${p.idField} format uuid`,
    note: () =>
      noteProvisioningConflict(
        q,
        13,
        `an ${p.idField} that is not a UUID was answered 404 NOT_FOUND: accepted (the step asserts 400 INVALID_ARGUMENT, its comment accepts 404 when the format is not validated).`,
      ),
  });
}

/** 404.1 of `role`: a random UUID is 404 NOT_FOUND. */
export function unknownIdScenario(p: ProvisioningRules, role: ById): void {
  const op = p.operations[role];
  check(provisioningScenario(p, role, '404.1_not_found', 'a random UUID: 404 NOT_FOUND', `${op} 404 NOT_FOUND`, 'lifecycle', [...ERRORS, 'provisioning.unknown-id-404']), async (q: Qod) => {
    await refused(q, provisioningRequest(prov(q), role, { id: randomUUID() }), {
      status: 404,
      codes: ['NOT_FOUND'],
      rule: `${scenarioIdOf(p, role, '404.1_not_found')}; ${q.cite(`${op} 404 NOT_FOUND`)}`,
    });
  });
}
