// deleteSession: official scenarios of quality-on-demand-deleteSession.feature (r3.2 / r4.1).
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { r41Scenarios, sinkCallbacks } from '../../src/checks/applies.js';
import { checkQosStatusEvent, parseRecordBody, uniqueIds } from '../../src/checks/cloudevent.js';
import type { SinkRecord } from '../../src/evidence/types.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import {
  authRefused,
  availableSession,
  existingSession,
  expectCorrelatorEcho,
  expectSessionUnchanged,
  invalidCorrelator,
  malformedSessionId,
  otherClientRefused,
  sessionRequest,
  type AuthCase,
} from '../../src/suite/lifecycle-checks.js';
import { noteConflict } from '../../src/suite/create-cases.js';
import { deleteSession } from '../../src/suite/sessions.js';
import { sharedSession, type SharedSession } from '../../src/suite/shared-session.js';

const ID = {
  s01: 'quality_on_demand_deleteSession_01_delete_existing_qod_session',
  s02: 'quality_on_demand_deleteSession_02_event_notification',
  s400_1: 'quality_on_demand_deleteSession_400.1_invalid_session_id',
  s400_2: 'quality_on_demand_deleteSession_400.2_invalid_x-correlator',
  s401_1: 'quality_on_demand_deleteSession_401.1_no_authorization_header',
  s401_2: 'quality_on_demand_deleteSession_401.2_expired_access_token',
  s401_3: 'quality_on_demand_deleteSession_401.3_invalid_access_token',
  s403_1: 'quality_on_demand_deleteSession_403.1_missing_access_token_scope',
  s403_2: 'quality_on_demand_deleteSession_403.2_session_token_mismatch',
  s404_1: 'quality_on_demand_deleteSession_404.1_not_found',
  s429_1: 'quality_on_demand_deleteSession_429.1_too_many_requests',
} as const;

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of a deleteSession check of an official scenario. */
const scenario = (scenarioId: string, title: string, cites: string, area: CheckSpec['area'], rules: string[]) => scenarioCheck('deleteSession', area, scenarioId, title, cites, rules);

/** A refused deletion: the expected error, and the session is still there afterwards. */
async function refusedDelete(q: Qod, shared: SharedSession, which: AuthCase, scenarioId: string): Promise<void> {
  if (which === 'expired') q.need('tokens.expired', q.operator.tokens.expired);
  if (which === 'missing-scope') q.need('tokens.missingScope', q.operator.tokens.missingScope);
  const { id, session } = await shared.use(q);
  await authRefused(q, sessionRequest('deleteSession', id), which, scenarioId);
  await expectSessionUnchanged(q, id, session, `${scenarioId} (a refused deletion must not delete)`);
}

function isDeletionEvent(record: SinkRecord): boolean {
  const parsed = parseRecordBody(record);
  if (!parsed.ok) return false;
  const data = (parsed.value as { data?: { statusInfo?: unknown } } | null)?.data;
  return data?.statusInfo === 'DELETE_REQUESTED';
}

group('deleteSession', () => {
  check(
    {
      ...scenario(ID.s01, 'deleting an existing session is 204 with the x-correlator echoed', 'deleteSession 204 (no body), x-correlator echoed', 'lifecycle', [
        'headers.x-correlator-echo',
        'headers.content-type-json',
        'lifecycle.delete-204-then-gone',
      ]),
      judges: 'cleanup',
    },
    async (q: Qod) => {
      const { id } = await existingSession(q);
      const res = await deleteSession(q, id);
      q.expectStatus(res, 204, ID.s01);
      expectCorrelatorEcho(q, res, ID.s01);
      await noteConflict(q, 8, 'Content-Type is not required on the 204 of deleteSession (no body; the spec documents no content for it), although the scenario asks for application/json.');
    },
  );

  check(
    {
      ...scenario(
        ID.s02,
        'deleting an AVAILABLE session with a sink sends UNAVAILABLE + DELETE_REQUESTED with the bearer credential',
        'QOS_STATUS_CHANGED event (UNAVAILABLE, DELETE_REQUESTED) to the sink with Authorization: Bearer <accessToken>',
        'notifications',
        ['notify.deleted-event.deleteSession', 'notify.cloudevent-attributes', 'notify.sink-credential-bearer'],
      ),
      appliesTo: sinkCallbacks,
      concurrent: true,
    },
    async (q: Qod) => {
      const eventType = q.rules.eventType;
      if (!eventType) q.ctx.skip(`not applicable to QoD ${q.version} (no CloudEvents)`);
      const { path, url } = q.sinkEndpoint();
      if (q.rules.sinkMustBeHttps && !url.startsWith('https://')) {
        q.ctx.skip(`needs an https sink (QoD ${q.version} requires sink ^https://; the run's sink is ${new URL(url).protocol})`);
      }
      const accessToken = `sink-bearer-${randomUUID()}`;
      const sinkCredential = {
        credentialType: 'ACCESSTOKEN',
        accessToken,
        accessTokenExpiresUtc: new Date(Date.now() + 3_600_000).toISOString(),
        accessTokenType: 'bearer',
      };
      const { id } = await availableSession(q, { sink: url, sinkCredential });
      const res = await deleteSession(q, id);
      q.expectStatus(res, 204, ID.s02);
      const { records } = await q.waitCallbacks(path, (all) => all.some(isDeletionEvent));
      const event = records.find(isDeletionEvent);
      q.check(event !== undefined, 'no UNAVAILABLE / DELETE_REQUESTED event reached the sink after the deletion', {
        rule: `${ID.s02}; ${q.cite('callback QOS_STATUS_CHANGED (statusInfo DELETE_REQUESTED)')}`,
        expected: `a POST to the sink with data.sessionId ${id}, qosStatus UNAVAILABLE, statusInfo DELETE_REQUESTED within ${q.config.notificationTimeoutMs} ms`,
        actual: records.length ? `${records.length} callback(s), none with statusInfo DELETE_REQUESTED: ${records.map((r) => r.body.slice(0, 160)).join(' | ')}` : 'no callback at all',
      });
      const problems = checkQosStatusEvent(event, { type: eventType!, sessionId: id, qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED', bearer: accessToken });
      const parsed = parseRecordBody(event);
      if (parsed.ok) {
        const v = await q.validators();
        problems.push(...v.validateCallbackBody('createSession', parsed.value).map((x) => `schema ${x.pointer || '/'}: ${x.message}`));
      }
      // Unique id: distinct events (different bodies) must not share an id.
      const distinctBodies = new Set(records.map((r) => r.body)).size;
      if (uniqueIds(records).length < Math.min(distinctBodies, records.length)) problems.push('id: two different events carry the same CloudEvent id');
      q.check(problems.length === 0, `the deletion event breaks ${problems.length} rule${problems.length === 1 ? '' : 's'}`, {
        rule: `${ID.s02}; ${q.cite('callback body EventQosStatusChanged / CloudEvents 1.0, Authorization: Bearer <sinkCredential.accessToken>')}`,
        expected: `a valid ${eventType} CloudEvent, UNAVAILABLE / DELETE_REQUESTED for ${id}, with the bearer credential`,
        actual: problems.join('; '),
      });
      await noteConflict(q, 1, `event type checked against the spec value ${eventType}, not the scenarios' org.camaraproject.qod.v1.qos-status-changed.`);
    },
  );

  check(
    scenario(ID.s400_1, 'a sessionId that is not a UUID is 400 INVALID_ARGUMENT (or 404 NOT_FOUND)', 'deleteSession 400 INVALID_ARGUMENT / 404 NOT_FOUND for a malformed sessionId', 'validation', [
      ...ERRORS,
      'schema.deleteSession.request.param/sessionId.format',
      'lookup.malformed-session-id.deleteSession',
    ]),
    async (q: Qod) => malformedSessionId(q, 'deleteSession', ID.s400_1),
  );

  // Requests the endpoint must refuse, sent on one live session of this client that these checks
  // share (src/suite/shared-session.ts): deleted, and its device freed, after this block.
  group('refused requests on a shared session', () => {
    const shared = sharedSession();

    check(
      {
        ...scenario(ID.s400_2, 'an x-correlator breaking its pattern is 400 INVALID_ARGUMENT and deletes nothing', 'XCorrelator pattern → 400 INVALID_ARGUMENT', 'headers', [
          ...ERRORS,
          'schema.deleteSession.request.param/x-correlator.pattern',
          'lifecycle.refused-changes-nothing',
        ]),
        appliesTo: r41Scenarios,
      },
      async (q: Qod) => {
        const { id, session } = await shared.use(q);
        await invalidCorrelator(q, sessionRequest('deleteSession', id), ID.s400_2);
        await expectSessionUnchanged(q, id, session, `${ID.s400_2} (a refused deletion must not delete)`);
      },
    );

    check(
      scenario(ID.s401_1, 'no Authorization header is 401 UNAUTHENTICATED and deletes nothing', 'deleteSession 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.no-credentials-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedDelete(q, shared, 'no-authorization', ID.s401_1),
    );

    check(
      scenario(ID.s401_2, 'an expired access token is 401 UNAUTHENTICATED and deletes nothing', 'deleteSession 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.expired-token-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedDelete(q, shared, 'expired', ID.s401_2),
    );

    check(
      scenario(ID.s401_3, 'an invalid access token is 401 UNAUTHENTICATED and deletes nothing', 'deleteSession 401 UNAUTHENTICATED', 'auth', [
        ...ERRORS,
        'auth.invalid-token-401',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => refusedDelete(q, shared, 'invalid', ID.s401_3),
    );

    check(
      scenario(
        ID.s403_1,
        'a token without quality-on-demand:sessions:delete is 403 PERMISSION_DENIED and deletes nothing',
        'deleteSession security scope quality-on-demand:sessions:delete → 403 PERMISSION_DENIED',
        'auth',
        [...ERRORS, 'auth.missing-scope-403', 'lifecycle.refused-changes-nothing'],
      ),
      async (q: Qod) => refusedDelete(q, shared, 'missing-scope', ID.s403_1),
    );

    check(
      scenario(ID.s403_2, 'another API client cannot delete the session: 403 PERMISSION_DENIED (404 accepted)', 'ownership: only the API client that created a session may delete it', 'auth', [
        ...ERRORS,
        'auth.other-client-session',
        'lifecycle.refused-changes-nothing',
      ]),
      async (q: Qod) => otherClientRefused(q, 'deleteSession', ID.s403_2, shared),
    );

    check(scenario(ID.s404_1, 'a random UUID is 404 NOT_FOUND', 'deleteSession 404 NOT_FOUND', 'lifecycle', [...ERRORS, 'lookup.unknown-session-404.deleteSession']), async (q: Qod) => {
      const res = await q.call(sessionRequest('deleteSession', randomUUID()));
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: ID.s404_1 });
    });

    check({ ...scenario(ID.s429_1, 'over the request threshold: 429 TOO_MANY_REQUESTS', 'deleteSession 429 TOO_MANY_REQUESTS', 'headers', [...ERRORS]), appliesTo: r41Scenarios }, async (q: Qod) =>
      expectTooManyRequests(q, { method: 'DELETE', path: `/sessions/${randomUUID()}`, operationId: 'deleteSession' }, ID.s429_1),
    );
  });
});
