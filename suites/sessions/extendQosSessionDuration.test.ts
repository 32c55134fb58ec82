// extendQosSessionDuration: official scenarios of quality-on-demand-extendQosSessionDuration.feature (r3.2 / r4.1).
// qod-waits: 409.1 waits for a session to expire
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { hasExtend, profileCapOnTotal, r41Scenarios } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import {
  authRefused,
  availableSession,
  checkSessionAsCreated,
  codesFor,
  expectCorrelatorEcho,
  expectSessionUnchanged,
  EXPIRY_WAITS,
  expiredSession,
  expiredSessionRemoved,
  invalidCorrelator,
  malformedSessionId,
  otherClientRefused,
  portsExtra,
  sessionRequest,
  type AuthCase,
} from '../../src/suite/lifecycle-checks.js';
import { durationLimits, extendSession, getSession, testDuration, type SessionView } from '../../src/suite/sessions.js';
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';
import { sharedSession, type SharedSession } from '../../src/suite/shared-session.js';

const ID = {
  s01: 'quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
  s02: 'quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
  s400_1: 'quality_on_demand_extendQosSessionDuration_400.1_schema_not_compliant',
  s400_2: 'quality_on_demand_extendQosSessionDuration_400.2_invalid_session_id',
  s400_3: 'quality_on_demand_extendQosSessionDuration_400.3_no_request_body',
  s400_4: 'quality_on_demand_extendQosSessionDuration_400.4_empty_request_body',
  s400_5: 'quality_on_demand_extendQosSessionDuration_400.5_invalid_x-correlator',
  s401_1: 'quality_on_demand_extendQosSessionDuration_401.1_no_authorization_header',
  s401_2: 'quality_on_demand_extendQosSessionDuration_401.2_expired_access_token',
  s401_3: 'quality_on_demand_extendQosSessionDuration_401.3_invalid_access_token',
  s403_1: 'quality_on_demand_extendQosSessionDuration_403.1_missing_access_token_scope',
  s403_2: 'quality_on_demand_extendQosSessionDuration_403.2_session_token_mismatch',
  s404_1: 'quality_on_demand_extendQosSessionDuration_404.1_not_found',
  s409_1: 'quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
  s429_1: 'quality_on_demand_extendQosSessionDuration_429.1_too_many_requests',
} as const;

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of an extendQosSessionDuration check of an official scenario (default: where the operation exists). */
const scenario = (scenarioId: string, title: string, cites: string, area: CheckSpec['area'], rules: string[]) => ({
  ...scenarioCheck('extendQosSessionDuration', area, scenarioId, title, cites, rules),
  appliesTo: hasExtend,
});

/** A request the endpoint must refuse with 400 INVALID_ARGUMENT, leaving the session as it was. */
async function refusedBody(q: Qod, shared: SharedSession, extra: { body?: unknown; contentType?: string }, scenarioId: string): Promise<void> {
  const { id, session } = await shared.use(q);
  const res = await q.call(sessionRequest('extendQosSessionDuration', id, extra));
  q.expectError(res, {
    status: 400,
    codes: codesFor(q, 'invalid'),
    reason: extra.body === undefined ? 'missing-body' : 'invalid-body',
    rule: `${scenarioId}; ${q.cite('ExtendSessionDuration (request body, required)')}`,
  });
  await expectSessionUnchanged(q, id, session, `${scenarioId} (a refused extension changes nothing)`);
}

async function refusedAuth(q: Qod, shared: SharedSession, which: AuthCase, scenarioId: string): Promise<void> {
  if (which === 'expired') q.need('tokens.expired', q.operator.tokens.expired);
  if (which === 'missing-scope') q.need('tokens.missingScope', q.operator.tokens.missingScope);
  const { id, session } = await shared.use(q);
  await authRefused(q, sessionRequest('extendQosSessionDuration', id), which, scenarioId);
  await expectSessionUnchanged(q, id, session, `${scenarioId} (a refused extension changes nothing)`);
}

group('extendQosSessionDuration', () => {
  check(
    scenario(ID.s01, 'an AVAILABLE session is extended: 200, properties as created, duration not shortened', 'extendQosSessionDuration 200 SessionInfo with the new overall duration', 'duration', [
      'headers.x-correlator-echo',
      'headers.content-type-json',
      'errors.operation-served',
      'lifecycle.read-back-as-created',
    ]),
    async (q: Qod) => {
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const limits = await durationLimits(q, profile);
      const { id, body, session } = await availableSession(q, portsExtra(q));
      const before = session.duration ?? 0;
      const room = limits.max === undefined ? 30 : limits.max - before;
      if (room < 1) q.ctx.skip(`${BLOCKED_SKIP}the profile's maxDuration leaves no room for an extension (${profile}: max ${limits.max} s, session ${before} s)`);
      const additional = Math.min(30, room);
      const res = await extendSession(q, id, { requestedAdditionalDuration: additional });
      q.expectStatus(res, 200, ID.s01);
      expectCorrelatorEcho(q, res, ID.s01);
      const view = res.json as SessionView;
      await checkSessionAsCreated(q, view, body, res, ID.s01);
      const duration = view.duration ?? 0;
      q.check(duration >= additional && duration >= before, 'the extension shortened the session', {
        rule: `${ID.s01}; ${q.cite('ExtendSessionDuration.requestedAdditionalDuration (added to the current duration; the provider may grant less, never shorten)')}`,
        expected: `duration ≥ ${Math.max(before, additional)} (was ${before}, asked +${additional})`,
        actual: `duration ${duration}`,
      });
      if (duration > before + additional) {
        await q.advise({
          title: 'extension granted more time than requested',
          whyItMatters: 'The consumer pays for / plans with the time it asked for.',
          detail: `duration went from ${before} to ${duration} s for requestedAdditionalDuration ${additional}; the spec does not say whether more may be granted.`,
        });
      }
    },
  );

  check(
    {
      ...scenario(ID.s02, "an extension beyond the profile's maxDuration is capped: 200, duration ≤ maxDuration", "extension capped at the profile's maxDuration (total)", 'duration', [
        'lifecycle.extend-capped-at-max-duration',
      ]),
      appliesTo: profileCapOnTotal,
    },
    async (q: Qod) => {
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const limits = await durationLimits(q, profile);
      const max = limits.max;
      if (max === undefined) q.ctx.skip(`needs the profile's maxDuration (${profile} has none or could not be read)`);
      const start = await testDuration(q, profile);
      const { id, session } = await availableSession(q, { duration: start });
      const before = session.duration ?? start;
      const additional = Math.min(2_147_483_647, max! - before + 3600);
      const res = await extendSession(q, id, { requestedAdditionalDuration: additional });
      q.expectStatus(res, 200, `${ID.s02} (the cap is silent: 200, not an error)`);
      const view = res.json as SessionView;
      q.check(typeof view.duration === 'number' && view.duration <= max!, "the extended duration exceeds the profile's maxDuration", {
        rule: `${ID.s02}; ${q.cite(`QosProfile.maxDuration (caps the overall session duration including extensions), ${limits.source}`)}`,
        expected: `duration ≤ ${max} s`,
        actual: `duration ${String(view.duration)} s (created with ${before} s, asked +${additional} s)`,
      });
      q.check(view.duration >= before, 'the capped extension shortened the session', {
        rule: ID.s02,
        expected: `duration between ${before} and ${max}`,
        actual: `duration ${view.duration}`,
      });
    },
  );

  // Requests the endpoint must refuse, sent on one live session of this client that these checks
  // share (src/suite/shared-session.ts): deleted, and its device freed, after this block.
  group('refused requests on a shared session', () => {
    const shared = sharedSession();

    check(
      scenario(ID.s400_1, 'a body not valid against ExtendSessionDuration is 400 INVALID_ARGUMENT', 'ExtendSessionDuration schema → 400 INVALID_ARGUMENT', 'validation', [
        ...ERRORS,
        'schema.extendQosSessionDuration.request./requestedAdditionalDuration.type',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedBody(q, shared, { body: { requestedAdditionalDuration: 'ten seconds' } }, ID.s400_1),
    );

    check(
      scenario(
        ID.s400_2,
        'a sessionId that is not a UUID is 400 INVALID_ARGUMENT (or 404 NOT_FOUND)',
        'extendQosSessionDuration 400 INVALID_ARGUMENT / 404 NOT_FOUND for a malformed sessionId',
        'validation',
        [...ERRORS, 'schema.extendQosSessionDuration.request.param/sessionId.format', 'lookup.malformed-session-id.extendQosSessionDuration'],
      ),
      async (q: Qod) => malformedSessionId(q, 'extendQosSessionDuration', ID.s400_2),
    );

    check(
      scenario(ID.s400_3, 'no request body is 400 INVALID_ARGUMENT', 'requestBody required → 400 INVALID_ARGUMENT', 'validation', [
        ...ERRORS,
        'schema.extendQosSessionDuration.request./.required',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedBody(q, shared, { body: undefined, contentType: 'application/json' }, ID.s400_3),
    );

    check(
      scenario(ID.s400_4, 'an empty body {} is 400 INVALID_ARGUMENT', 'ExtendSessionDuration required requestedAdditionalDuration → 400 INVALID_ARGUMENT', 'validation', [
        ...ERRORS,
        'schema.extendQosSessionDuration.request./requestedAdditionalDuration.required',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedBody(q, shared, { body: {} }, ID.s400_4),
    );

    check(
      {
        ...scenario(ID.s400_5, 'an x-correlator breaking its pattern is 400 INVALID_ARGUMENT', 'XCorrelator pattern → 400 INVALID_ARGUMENT', 'headers', [
          ...ERRORS,
          'schema.extendQosSessionDuration.request.param/x-correlator.pattern',
          'lifecycle.refused-changes-nothing',
        ]),
        appliesTo: r41Scenarios,
      },
      async (q: Qod) => {
        const { id, session } = await shared.use(q);
        await invalidCorrelator(q, sessionRequest('extendQosSessionDuration', id), ID.s400_5);
        await expectSessionUnchanged(q, id, session, `${ID.s400_5} (a refused extension changes nothing)`);
      },
    );

    check(
      scenario(ID.s401_1, 'no Authorization header is 401 UNAUTHENTICATED', 'extendQosSessionDuration 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.no-credentials-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedAuth(q, shared, 'no-authorization', ID.s401_1),
    );

    check(
      scenario(ID.s401_2, 'an expired access token is 401 UNAUTHENTICATED', 'extendQosSessionDuration 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.expired-token-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedAuth(q, shared, 'expired', ID.s401_2),
    );

    check(
      scenario(ID.s401_3, 'an invalid access token is 401 UNAUTHENTICATED', 'extendQosSessionDuration 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.invalid-token-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedAuth(q, shared, 'invalid', ID.s401_3),
    );

    check(
      scenario(
        ID.s403_1,
        'a token without quality-on-demand:sessions:update is 403 PERMISSION_DENIED',
        'extendQosSessionDuration security scope quality-on-demand:sessions:update → 403 PERMISSION_DENIED',
        'auth',
        [...ERRORS, 'auth.missing-scope-403', 'lifecycle.refused-changes-nothing'],
      ),
      async (q: Qod) => refusedAuth(q, shared, 'missing-scope', ID.s403_1),
    );

    check(
      scenario(ID.s403_2, 'another API client cannot extend the session: 403 PERMISSION_DENIED (404 accepted)', 'ownership: only the API client that created a session may extend it', 'auth', [
        ...ERRORS,
        'auth.other-client-session',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => otherClientRefused(q, 'extendQosSessionDuration', ID.s403_2, shared),
    );

    check(
      scenario(ID.s404_1, 'a random UUID with a valid body is 404 NOT_FOUND', 'extendQosSessionDuration 404 NOT_FOUND', 'lifecycle', [
        ...ERRORS,
        'lookup.unknown-session-404.extendQosSessionDuration',
      ]),
      async (q: Qod) => {
        const res = await q.call(sessionRequest('extendQosSessionDuration', randomUUID()));
        q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: ID.s404_1 });
      },
    );

    check(
      {
        ...scenario(
          ID.s409_1,
          'a session that is no longer AVAILABLE (expired) cannot be extended: 409 SESSION_EXTENSION_NOT_ALLOWED',
          'extension only for AVAILABLE sessions → 409 QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED (0.10.1: 400)',
          'lifecycle',
          [...ERRORS, 'lifecycle.extend-only-available'],
        ),
        concurrent: true,
        fullProfileOnly: 'waits for a session to expire',
        cost: EXPIRY_WAITS,
      },
      async (q: Qod) => {
        const expired = await expiredSession(q);
        if (expired.gone) {
          await expiredSessionRemoved(q, expired, 'as soon as it ended', ID.s409_1);
          q.ctx.skip(`${BLOCKED_SKIP}no session that is not AVAILABLE but still kept: the expired session was removed at once, which the spec allows (advisory)`);
        }
        const res = await extendSession(q, expired.id, { requestedAdditionalDuration: 60 });
        if (res.status === 404 && (await getSession(q, expired.id)).status === 404) {
          // Removed between the read and the extension: allowed, and nothing left to extend.
          await expiredSessionRemoved(q, expired, 'right after it ended', ID.s409_1);
          q.ctx.skip(`${BLOCKED_SKIP}no session that is not AVAILABLE but still kept: the expired session was removed right after it ended, which the spec allows (advisory)`);
        }
        const status = q.rules.extendNotAvailableStatus;
        const rule = `${ID.s409_1}; ${q.cite(`extendQosSessionDuration: only AVAILABLE sessions can be extended (responses.${status})`)}`;
        q.expectError(res, { status, codes: status === 409 ? ['QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED'] : codesFor(q, 'invalid'), rule });
        const after = await getSession(q, expired.id);
        if (after.status === 200) {
          const view = after.json as SessionView;
          q.check(view.qosStatus !== 'AVAILABLE', 'the refused extension revived the session', {
            rule,
            expected: `qosStatus ${String(expired.after?.qosStatus)}`,
            actual: `qosStatus ${String(view.qosStatus)}`,
          });
        }
      },
    );

    check(
      { ...scenario(ID.s429_1, 'over the request threshold: 429 TOO_MANY_REQUESTS', 'extendQosSessionDuration 429 TOO_MANY_REQUESTS', 'headers', [...ERRORS]), appliesTo: r41Scenarios },
      async (q: Qod) =>
        expectTooManyRequests(q, { method: 'POST', path: `/sessions/${randomUUID()}/extend`, operationId: 'extendQosSessionDuration', body: { requestedAdditionalDuration: 60 } }, ID.s429_1),
    );
  });
});
