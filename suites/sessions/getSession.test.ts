// getSession: official scenarios of quality-on-demand-getSession.feature (r3.2 / r4.1).
// qod-waits: getSession_02 waits for a session to expire
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { hasQosStatus, r41Scenarios } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import {
  authRefused,
  availableSession,
  checkSessionAsCreated,
  expectCorrelatorEcho,
  EXPIRY_WAITS,
  expiredSession,
  expiredSessionRemoved,
  invalidCorrelator,
  malformedSessionId,
  otherClientRefused,
  portsExtra,
  sessionRequest,
} from '../../src/suite/lifecycle-checks.js';
import { getSession, type SessionView } from '../../src/suite/sessions.js';
import { sharedSession } from '../../src/suite/shared-session.js';

const ID = {
  s01: 'quality_on_demand_getSession_01_get_existing_session',
  s02: 'quality_on_demand_getSession_02_get_recent_unavailable',
  s400_1: 'quality_on_demand_getSession_400.1_invalid_session_id',
  s400_2: 'quality_on_demand_getSession_400.2_invalid_x-correlator',
  s401_1: 'quality_on_demand_getSession_401.1_no_authorization_header',
  s401_2: 'quality_on_demand_getSession_401.2_expired_access_token',
  s401_3: 'quality_on_demand_getSession_401.3_invalid_access_token',
  s403_1: 'quality_on_demand_getSession_403.1_missing_access_token_scope',
  s403_2: 'quality_on_demand_getSession_403.2_session_token_mismatch',
  s404_1: 'quality_on_demand_getSession_404.1_not_found',
  s429_1: 'quality_on_demand_getSession_429.1_too_many_requests',
} as const;

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of a getSession check of an official scenario. */
const scenario = (scenarioId: string, title: string, cites: string, area: CheckSpec['area'], rules: string[]) => scenarioCheck('getSession', area, scenarioId, title, cites, rules);

group('getSession', () => {
  check(scenario(ID.s404_1, 'a random UUID is 404 NOT_FOUND', 'getSession 404 NOT_FOUND', 'lifecycle', [...ERRORS, 'lookup.unknown-session-404.getSession']), async (q: Qod) => {
    const res = await getSession(q, randomUUID());
    q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: ID.s404_1 });
  });

  check(
    scenario(ID.s01, 'the session reads back as created', 'getSession 200 SessionInfo: properties as created, time fields consistent', 'lifecycle', [
      'headers.x-correlator-echo',
      'headers.content-type-json',
      'lifecycle.read-back-as-created',
    ]),
    async (q: Qod) => {
      const { id, body } = await availableSession(q, portsExtra(q));
      const res = await getSession(q, id);
      q.expectStatus(res, 200, ID.s01);
      expectCorrelatorEcho(q, res, ID.s01);
      const view = res.json as SessionView;
      q.check(view[q.rules.sessionIdField] === id, 'getSession returned another session', {
        rule: ID.s01,
        expected: `${q.rules.sessionIdField} ${id}`,
        actual: `${q.rules.sessionIdField} ${String(view[q.rules.sessionIdField])}`,
      });
      await checkSessionAsCreated(q, view, body, res, ID.s01);
    },
  );

  check(
    {
      ...scenario(
        ID.s02,
        'a session that just became UNAVAILABLE (expired) reads back 200 UNAVAILABLE, or is gone (allowed: advisory)',
        'getSession 200 SessionInfo qosStatus UNAVAILABLE for a session that became UNAVAILABLE within the last 360 s',
        'lifecycle',
        ['lifecycle.network-terminated-kept-360s'],
      ),
      appliesTo: hasQosStatus,
      fullProfileOnly: 'waits for a session to expire',
      cost: EXPIRY_WAITS,
    },
    async (q: Qod) => {
      const expired = await expiredSession(q);
      // Kept or removed, both conform to the spec: removal passes with the advisory and the note.
      if (expired.gone) return expiredSessionRemoved(q, expired, 'as soon as it ended', ID.s02);
      const res = await getSession(q, expired.id);
      if (res.status === 404) return expiredSessionRemoved(q, expired, 'right after it ended', ID.s02);
      q.expectStatus(res, 200, ID.s02);
      const view = res.json as SessionView;
      q.check(view.qosStatus === 'UNAVAILABLE', 'the recently ended session is not reported UNAVAILABLE', {
        rule: ID.s02,
        expected: 'qosStatus UNAVAILABLE',
        actual: `qosStatus ${String(view.qosStatus)}`,
      });
    },
  );

  check(
    scenario(ID.s400_1, 'a sessionId that is not a UUID is 400 INVALID_ARGUMENT (or 404 NOT_FOUND)', 'getSession 400 INVALID_ARGUMENT / 404 NOT_FOUND for a malformed sessionId', 'validation', [
      ...ERRORS,
      'schema.getSession.request.param/sessionId.format',
      'lookup.malformed-session-id.getSession',
    ]),
    async (q: Qod) => malformedSessionId(q, 'getSession', ID.s400_1),
  );

  // Requests the endpoint must refuse, sent on one live session of this client that these checks
  // share (src/suite/shared-session.ts): deleted, and its device freed, after this block.
  group('refused requests on a shared session', () => {
    const shared = sharedSession();

    check(
      {
        ...scenario(ID.s400_2, 'an x-correlator breaking its pattern is 400 INVALID_ARGUMENT', 'XCorrelator pattern → 400 INVALID_ARGUMENT', 'headers', [
          ...ERRORS,
          'schema.getSession.request.param/x-correlator.pattern',
        ]),
        appliesTo: r41Scenarios,
      },
      async (q: Qod) => {
        const { id } = await shared.use(q);
        await invalidCorrelator(q, sessionRequest('getSession', id), ID.s400_2);
      },
    );

    check(scenario(ID.s401_1, 'no Authorization header is 401 UNAUTHENTICATED', 'getSession 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.no-credentials-401']), async (q: Qod) => {
      const { id } = await shared.use(q);
      await authRefused(q, sessionRequest('getSession', id), 'no-authorization', ID.s401_1);
    });

    check(scenario(ID.s401_2, 'an expired access token is 401 UNAUTHENTICATED', 'getSession 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.expired-token-401']), async (q: Qod) => {
      q.need('tokens.expired', q.operator.tokens.expired);
      const { id } = await shared.use(q);
      await authRefused(q, sessionRequest('getSession', id), 'expired', ID.s401_2);
    });

    check(scenario(ID.s401_3, 'an invalid access token is 401 UNAUTHENTICATED', 'getSession 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.invalid-token-401']), async (q: Qod) => {
      const { id } = await shared.use(q);
      await authRefused(q, sessionRequest('getSession', id), 'invalid', ID.s401_3);
    });

    check(
      scenario(ID.s403_1, 'a token without quality-on-demand:sessions:read is 403 PERMISSION_DENIED', 'getSession security scope quality-on-demand:sessions:read → 403 PERMISSION_DENIED', 'auth', [
        ...ERRORS,
        'auth.missing-scope-403',
      ]),
      async (q: Qod) => {
        q.need('tokens.missingScope', q.operator.tokens.missingScope);
        const { id } = await shared.use(q);
        await authRefused(q, sessionRequest('getSession', id), 'missing-scope', ID.s403_1);
      },
    );

    check(
      scenario(ID.s403_2, 'another API client cannot read the session: 403 PERMISSION_DENIED (404 accepted)', 'ownership: a session is visible only to the API client that created it', 'auth', [
        ...ERRORS,
        'auth.other-client-session',
      ]),
      async (q: Qod) => otherClientRefused(q, 'getSession', ID.s403_2, shared),
    );

    check({ ...scenario(ID.s429_1, 'over the request threshold: 429 TOO_MANY_REQUESTS', 'getSession 429 TOO_MANY_REQUESTS', 'headers', [...ERRORS]), appliesTo: r41Scenarios }, async (q: Qod) =>
      expectTooManyRequests(q, { method: 'GET', path: `/sessions/${randomUUID()}`, operationId: 'getSession' }, ID.s429_1),
    );
  });
});
