// getSession: official scenarios of quality-on-demand-getSession.feature (r3.2 / r4.1).
// qod-waits: getSession_02 waits for a session to expire
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { qodTest, type Qod } from '../../src/suite/harness.js';
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
  R4_1,
  STATUS_VERSIONS,
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

const meta = (scenarioId: string, rule: string, area: 'lifecycle' | 'auth' | 'headers' | 'validation' = 'lifecycle') => ({
  area,
  operation: 'getSession',
  scenarioId,
  rule,
});

describe('getSession', () => {
  qodTest(
    `${ID.s404_1} — a random UUID is 404 NOT_FOUND`,
    meta(ID.s404_1, 'getSession 404 NOT_FOUND'),
    async (q: Qod) => {
      const res = await getSession(q, randomUUID());
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: ID.s404_1 });
    },
  );

  qodTest(
    `${ID.s01} — the session reads back as created`,
    meta(ID.s01, 'getSession 200 SessionInfo: properties as created, time fields consistent'),
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

  qodTest(
    `${ID.s02} — a session that just became UNAVAILABLE (expired) reads back 200 UNAVAILABLE, or is gone (allowed: advisory)`,
    meta(ID.s02, 'getSession 200 SessionInfo qosStatus UNAVAILABLE for a session that became UNAVAILABLE within the last 360 s'),
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
    { concurrent: true, versions: STATUS_VERSIONS, fullProfileOnly: 'waits for a session to expire', ...EXPIRY_WAITS },
  );

  qodTest(
    `${ID.s400_1} — a sessionId that is not a UUID is 400 INVALID_ARGUMENT (or 404 NOT_FOUND)`,
    meta(ID.s400_1, 'getSession 400 INVALID_ARGUMENT / 404 NOT_FOUND for a malformed sessionId', 'validation'),
    async (q: Qod) => malformedSessionId(q, 'getSession', ID.s400_1),
  );

  // Requests the endpoint must refuse, sent on one live session of this client that these checks
  // share (src/suite/shared-session.ts): deleted, and its device freed, after this block.
  describe('refused requests on a shared session', () => {
    const shared = sharedSession();

    qodTest(
      `${ID.s400_2} — an x-correlator breaking its pattern is 400 INVALID_ARGUMENT`,
      meta(ID.s400_2, 'XCorrelator pattern → 400 INVALID_ARGUMENT', 'headers'),
      async (q: Qod) => {
        const { id } = await shared.use(q);
        await invalidCorrelator(q, sessionRequest('getSession', id), ID.s400_2);
      },
      { versions: R4_1 },
    );

    qodTest(
      `${ID.s401_1} — no Authorization header is 401 UNAUTHENTICATED`,
      meta(ID.s401_1, 'getSession 401 UNAUTHENTICATED', 'auth'),
      async (q: Qod) => {
        const { id } = await shared.use(q);
        await authRefused(q, sessionRequest('getSession', id), 'no-authorization', ID.s401_1);
      },
    );

    qodTest(
      `${ID.s401_2} — an expired access token is 401 UNAUTHENTICATED`,
      meta(ID.s401_2, 'getSession 401 UNAUTHENTICATED', 'auth'),
      async (q: Qod) => {
        q.need('tokens.expired', q.operator.tokens.expired);
        const { id } = await shared.use(q);
        await authRefused(q, sessionRequest('getSession', id), 'expired', ID.s401_2);
      },
    );

    qodTest(
      `${ID.s401_3} — an invalid access token is 401 UNAUTHENTICATED`,
      meta(ID.s401_3, 'getSession 401 UNAUTHENTICATED', 'auth'),
      async (q: Qod) => {
        const { id } = await shared.use(q);
        await authRefused(q, sessionRequest('getSession', id), 'invalid', ID.s401_3);
      },
    );

    qodTest(
      `${ID.s403_1} — a token without quality-on-demand:sessions:read is 403 PERMISSION_DENIED`,
      meta(ID.s403_1, 'getSession security scope quality-on-demand:sessions:read → 403 PERMISSION_DENIED', 'auth'),
      async (q: Qod) => {
        q.need('tokens.missingScope', q.operator.tokens.missingScope);
        const { id } = await shared.use(q);
        await authRefused(q, sessionRequest('getSession', id), 'missing-scope', ID.s403_1);
      },
    );

    qodTest(
      `${ID.s403_2} — another API client cannot read the session: 403 PERMISSION_DENIED (404 accepted)`,
      meta(ID.s403_2, 'ownership: a session is visible only to the API client that created it', 'auth'),
      async (q: Qod) => otherClientRefused(q, 'getSession', ID.s403_2, shared),
    );

    qodTest(
      `${ID.s429_1} — over the request threshold: 429 TOO_MANY_REQUESTS`,
      meta(ID.s429_1, 'getSession 429 TOO_MANY_REQUESTS', 'headers'),
      async (q: Qod) =>
        expectTooManyRequests(q, { method: 'GET', path: `/sessions/${randomUUID()}`, operationId: 'getSession' }, ID.s429_1),
      { versions: R4_1 },
    );
  });
});
