// createSession authentication, authorisation and rate-limit scenarios of
// quality-on-demand-createSession.feature: 401.1 … 401.3, 403.1 (r3.2 / r4.1), 429.1 (r4.1).
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import type { Qod } from '../../src/suite/harness.js';
import { qodTest } from '../../src/suite/harness.js';
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { CS, R3_2_VERSIONS, R4_1_VERSIONS, createBody, documentedCodes, expectRefused, noteConflict, ruleOf } from '../../src/suite/create-cases.js';

/** A valid request body on a leased device: if the endpoint wrongly accepts it, nothing else is disturbed. */
async function validBody(q: Qod) {
  return createBody(q, await q.device());
}

describe('createSession: authentication and authorisation', () => {
  qodTest(
    `${CS}401.1_no_authorization_header — no Authorization header: 401 UNAUTHENTICATED`,
    { area: 'auth', operation: 'createSession', scenarioId: `${CS}401.1_no_authorization_header`, rule: 'createSession 401 UNAUTHENTICATED' },
    async (q) => {
      await expectRefused(q, await validBody(q), { status: 401, codes: ['UNAUTHENTICATED'], rule: ruleOf(q, '401.1_no_authorization_header', 'createSession responses.401 UNAUTHENTICATED') }, { token: null });
    },
    { versions: R3_2_VERSIONS },
  );

  qodTest(
    `${CS}401.2_expired_access_token — an expired access token: 401 UNAUTHENTICATED`,
    { area: 'auth', operation: 'createSession', scenarioId: `${CS}401.2_expired_access_token`, rule: 'createSession 401 UNAUTHENTICATED' },
    async (q) => {
      const expired = q.need('tokens.expired', q.operator.tokens.expired);
      // Where the version still documents AUTHENTICATION_REQUIRED (1.0.0) it fits an expired token too.
      const codes = ['UNAUTHENTICATED', ...(await documentedCodes(q, 401)).filter((c) => c === 'AUTHENTICATION_REQUIRED')];
      if (codes.length > 1) await noteConflict(q, 12, `followed QoD ${q.version}: its 401 enum also lists AUTHENTICATION_REQUIRED, accepted for an expired token (the scenario asserts UNAUTHENTICATED only).`);
      await expectRefused(q, await validBody(q), { status: 401, codes, rule: ruleOf(q, '401.2_expired_access_token', `createSession responses.401 ${codes.join(' / ')}`) }, { token: expired, cleanupToken: q.operator.tokens.default });
    },
    { versions: R3_2_VERSIONS },
  );

  qodTest(
    `${CS}401.3_invalid_access_token — an access token the server never issued: 401 UNAUTHENTICATED`,
    { area: 'auth', operation: 'createSession', scenarioId: `${CS}401.3_invalid_access_token`, rule: 'createSession 401 UNAUTHENTICATED' },
    async (q) => {
      const invalid = `qodconf-invalid-${randomBytes(16).toString('hex')}`;
      await expectRefused(q, await validBody(q), { status: 401, codes: ['UNAUTHENTICATED'], rule: ruleOf(q, '401.3_invalid_access_token', 'createSession responses.401 UNAUTHENTICATED') }, { token: invalid, cleanupToken: q.operator.tokens.default });
    },
    { versions: R3_2_VERSIONS },
  );

  qodTest(
    `${CS}403.1_missing_access_token_scope — a token without quality-on-demand:sessions:create: 403 PERMISSION_DENIED`,
    { area: 'auth', operation: 'createSession', scenarioId: `${CS}403.1_missing_access_token_scope`, rule: 'createSession security scope quality-on-demand:sessions:create' },
    async (q) => {
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      await expectRefused(q, await validBody(q), {
        status: 403,
        codes: ['PERMISSION_DENIED'],
        rule: ruleOf(q, '403.1_missing_access_token_scope', 'createSession security openId: quality-on-demand:sessions:create; responses.403 PERMISSION_DENIED'),
      }, { token, cleanupToken: q.operator.tokens.default });
    },
    { versions: R3_2_VERSIONS },
  );
});

describe('createSession: rate limiting', () => {
  qodTest(
    `${CS}429.1_too_many_requests — over the request threshold: 429 TOO_MANY_REQUESTS`,
    { area: 'validation', operation: 'createSession', scenarioId: `${CS}429.1_too_many_requests`, rule: 'createSession 429 TOO_MANY_REQUESTS' },
    async (q) => {
      // Only with the operator's rate-limited client (tokens.rateLimited), never the run's own token.
      const request = { method: 'POST', path: '/sessions', operationId: 'createSession', body: await validBody(q) } as const;
      await expectTooManyRequests(q, request, ruleOf(q, '429.1_too_many_requests', 'createSession responses.429 TOO_MANY_REQUESTS'));
    },
    { versions: R4_1_VERSIONS },
  );
});
