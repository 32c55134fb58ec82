// createSession authentication, authorisation and rate-limit scenarios of
// quality-on-demand-createSession.feature: 401.1 … 401.3, 403.1 (r3.2 / r4.1), 429.1 (r4.1).
import { officialScenarios, r41Scenarios } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { CS, createBody, expectRefused, ruleOf } from '../../src/suite/create-cases.js';
import { noteExpiredTokenCodes, unauthenticatedCodes, unknownToken } from '../../src/suite/auth-codes.js';

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of a check of an official createSession scenario (`part`: the name after `${CS}`). */
const scenario = (part: string, title: string, area: CheckSpec['area'], cites: string, rules: string[]) => scenarioCheck('createSession', area, `${CS}${part}`, title, cites, rules);

/** A valid request body on a leased device: if the endpoint wrongly accepts it, nothing else is disturbed. */
async function validBody(q: Qod) {
  return createBody(q, await q.device());
}

group('createSession: authentication and authorisation', () => {
  check(
    {
      ...scenario('401.1_no_authorization_header', 'no Authorization header: 401 UNAUTHENTICATED', 'auth', 'createSession 401 UNAUTHENTICATED', [...ERRORS, 'auth.no-credentials-401']),
      appliesTo: officialScenarios,
    },
    async (q) => {
      await expectRefused(
        q,
        await validBody(q),
        { status: 401, codes: unauthenticatedCodes(q), rule: ruleOf(q, '401.1_no_authorization_header', 'createSession responses.401 UNAUTHENTICATED') },
        { token: null },
      );
    },
  );

  check(
    {
      ...scenario('401.2_expired_access_token', 'an expired access token: 401 UNAUTHENTICATED', 'auth', 'createSession 401 UNAUTHENTICATED', [...ERRORS, 'auth.expired-token-401']),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const expired = q.need('tokens.expired', q.operator.tokens.expired);
      // Where the version still documents AUTHENTICATION_REQUIRED (0.11.1, 1.0.0) it fits an expired token too.
      const codes = unauthenticatedCodes(q);
      await noteExpiredTokenCodes(q);
      await expectRefused(
        q,
        await validBody(q),
        { status: 401, codes, rule: ruleOf(q, '401.2_expired_access_token', `createSession responses.401 ${codes.join(' / ')}`) },
        { token: expired, cleanupToken: q.operator.tokens.default },
      );
    },
  );

  check(
    {
      ...scenario('401.3_invalid_access_token', 'an access token the server never issued: 401 UNAUTHENTICATED', 'auth', 'createSession 401 UNAUTHENTICATED', [...ERRORS, 'auth.invalid-token-401']),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const invalid = unknownToken();
      await expectRefused(
        q,
        await validBody(q),
        { status: 401, codes: unauthenticatedCodes(q), rule: ruleOf(q, '401.3_invalid_access_token', 'createSession responses.401 UNAUTHENTICATED') },
        { token: invalid, cleanupToken: q.operator.tokens.default },
      );
    },
  );

  check(
    {
      ...scenario(
        '403.1_missing_access_token_scope',
        'a token without quality-on-demand:sessions:create: 403 PERMISSION_DENIED',
        'auth',
        'createSession security scope quality-on-demand:sessions:create',
        [...ERRORS, 'auth.missing-scope-403'],
      ),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      await expectRefused(
        q,
        await validBody(q),
        {
          status: 403,
          codes: ['PERMISSION_DENIED'],
          rule: ruleOf(q, '403.1_missing_access_token_scope', 'createSession security openId: quality-on-demand:sessions:create; responses.403 PERMISSION_DENIED'),
        },
        { token, cleanupToken: q.operator.tokens.default },
      );
    },
  );
});

group('createSession: rate limiting', () => {
  check(
    {
      ...scenario('429.1_too_many_requests', 'over the request threshold: 429 TOO_MANY_REQUESTS', 'validation', 'createSession 429 TOO_MANY_REQUESTS', [...ERRORS]),
      appliesTo: r41Scenarios,
    },
    async (q) => {
      // Only with the operator's rate-limited client (tokens.rateLimited), never the run's own token.
      const request = { method: 'POST', path: '/sessions', operationId: 'createSession', body: await validBody(q) } as const;
      await expectTooManyRequests(q, request, ruleOf(q, '429.1_too_many_requests', 'createSession responses.429 TOO_MANY_REQUESTS'));
    },
  );
});
