// Life-cycle rules the official scenarios leave implicit (no scenario ID): the time fields and the
// granted duration, how an extension moves the end and where it is capped, and what a deletion
// leaves behind. Each cites the spec location it checks.
import { check, group } from '../../src/checks/declare.js';
import type { Qod } from '../../src/suite/harness.js';
import { codesFor, idsOf, untilAvailable, workingDuration } from '../../src/suite/lifecycle-checks.js';
import { checkSessionTimes, movedBy } from '../../src/suite/session-times.js';
import { sameJson } from '../../src/util/same-json.js';
import { createSession, deleteSession, extendSession, getSession, retrieveSessions, validCreateBody, type SessionView } from '../../src/suite/sessions.js';
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

group('session life cycle', () => {
  check(
    {
      id: 'lifecycle.session-times',
      title: 'startedAt/expiresAt: absent while REQUESTED, expiresAt = startedAt + duration otherwise; the granted duration reads back unchanged',
      area: 'lifecycle',
      operation: 'getSession',
      cites: 'SessionInfo.startedAt / SessionInfo.expiresAt / SessionInfo.duration',
      rules: ['lifecycle.started-at-when-available', 'lifecycle.expires-after-duration', 'lifecycle.duration-within-profile'],
      judges: 'create',
      sameVerdictAs: ['quality_on_demand_getSession_01_get_existing_session'],
    },
    async (q: Qod) => {
      const { duration, min, max, source } = await workingDuration(q);
      const device = await q.device();
      const { id, session, res: created } = await createSession(q, await validCreateBody(q, device, { duration }));
      await checkSessionTimes(q, session, created, 'createSession 201');
      const granted = session.duration;
      q.check(typeof granted === 'number', 'the created session has no duration', {
        rule: q.cite('SessionInfo.duration (required)'),
        expected: 'the granted duration in seconds',
        actual: JSON.stringify(session),
      });
      if (max !== undefined) {
        q.check(granted >= min && granted <= max, "the granted duration is outside the profile's limits", {
          rule: q.cite(`QosProfile.minDuration / maxDuration (${source})`),
          expected: `duration within ${min}..${max} s (asked ${duration} s)`,
          actual: `duration ${granted} s`,
        });
      }
      await untilAvailable(q, id, session);
      const res = await getSession(q, id);
      q.expectStatus(res, 200, q.cite('getSession 200'));
      const view = res.json as SessionView;
      await checkSessionTimes(q, view, res, 'getSession 200');
      q.check(view.duration === granted, 'getSession reports another duration than the one granted at creation', {
        rule: q.cite('SessionInfo.duration (the granted duration; changes only by extension)'),
        expected: `duration ${granted} (granted in the 201)`,
        actual: `duration ${String(view.duration)}`,
      });
      if (session.qosStatus === 'AVAILABLE' && session.expiresAt !== undefined) {
        q.check(sameJson(view.startedAt, session.startedAt) && sameJson(view.expiresAt, session.expiresAt), 'startedAt/expiresAt changed between create and get without an extension', {
          rule: q.cite('SessionInfo.startedAt / expiresAt (planned end while AVAILABLE)'),
          expected: `startedAt ${String(session.startedAt)}, expiresAt ${String(session.expiresAt)}`,
          actual: `startedAt ${String(view.startedAt)}, expiresAt ${String(view.expiresAt)}`,
        });
      }
    },
  );

  check(
    {
      id: 'extendQosSessionDuration.moves-expires-at',
      title: 'an extension moves expiresAt by exactly the time it granted; startedAt stays',
      area: 'duration',
      operation: 'extendQosSessionDuration',
      cites: 'SessionInfo.duration / expiresAt after extendQosSessionDuration',
      rules: ['lifecycle.expires-after-duration'],
      sameVerdictAs: ['quality_on_demand_extendQosSessionDuration_01_generic_success_scenario'],
    },
    async (q: Qod) => {
      if (!q.rules.hasExtend) q.ctx.skip(`not applicable to QoD ${q.version} (no extension)`);
      const { duration, max, profile } = await workingDuration(q);
      const device = await q.device();
      const { id, session } = await createSession(q, await validCreateBody(q, device, { duration }));
      const before = await untilAvailable(q, id, session);
      const room = max === undefined ? 120 : max - (before.duration ?? duration);
      if (room < 1) q.ctx.skip(`${BLOCKED_SKIP}the profile's maxDuration leaves no room for an extension (${profile})`);
      const asked = Math.min(120, room);
      const res = await extendSession(q, id, { requestedAdditionalDuration: asked });
      q.expectStatus(res, 200, q.cite('extendQosSessionDuration 200'));
      const after = res.json as SessionView;
      await checkSessionTimes(q, after, res, 'extendQosSessionDuration 200');
      const granted = (after.duration ?? 0) - (before.duration ?? 0);
      const rule = q.cite('extendQosSessionDuration: duration becomes the new overall duration, expiresAt the new planned end');
      q.check(granted >= 0 && granted <= asked, 'the duration did not grow by at most the time asked', {
        rule,
        expected: `duration between ${before.duration} and ${(before.duration ?? 0) + asked}`,
        actual: `duration ${String(after.duration)}`,
      });
      const moved = movedBy(q, before.expiresAt, after.expiresAt, granted);
      if (moved !== undefined) {
        q.check(moved, 'expiresAt did not move by the time granted', {
          rule,
          expected: `expiresAt ${String(before.expiresAt)} + ${granted} s`,
          actual: `expiresAt ${String(after.expiresAt)}`,
        });
      }
      q.check(before.startedAt === undefined || sameJson(after.startedAt, before.startedAt), 'the extension changed startedAt', {
        rule: q.cite('SessionInfo.startedAt (when the session became AVAILABLE)'),
        expected: `startedAt ${String(before.startedAt)}`,
        actual: `startedAt ${String(after.startedAt)}`,
      });
      const read = await getSession(q, id);
      q.expectStatus(read, 200, q.cite('getSession 200'));
      const view = read.json as SessionView;
      q.check(view.duration === after.duration && sameJson(view.expiresAt, after.expiresAt), 'getSession does not show the extension', {
        rule,
        expected: `duration ${after.duration}, expiresAt ${String(after.expiresAt)}`,
        actual: `duration ${String(view.duration)}, expiresAt ${String(view.expiresAt)}`,
      });
    },
  );

  check(
    {
      id: 'extendQosSessionDuration.cap-across-extensions',
      title: "extensions are capped at the profile's maxDuration on the total duration, across several extensions",
      area: 'duration',
      operation: 'extendQosSessionDuration',
      cites: 'QosProfile.maxDuration caps the overall duration including all extensions',
      rules: ['lifecycle.extend-capped-at-max-duration'],
      sameVerdictAs: [
        'quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
        'quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
        'quality_on_demand_getSession_01_get_existing_session',
      ],
    },
    async (q: Qod) => {
      if (q.rules.extendCap !== 'profile-max-total') q.ctx.skip(`not applicable to QoD ${q.version} (extension cap: ${q.rules.extendCap})`);
      const { duration, max, profile, source } = await workingDuration(q);
      if (max === undefined) q.ctx.skip(`needs the profile's maxDuration (${profile} has none or could not be read)`);
      const device = await q.device();
      const { id, session } = await createSession(q, await validCreateBody(q, device, { duration }));
      const start = (await untilAvailable(q, id, session)).duration ?? duration;
      const rule = q.cite(`QosProfile.maxDuration (overall session duration including extensions; ${source})`);
      // First extension: up to just below the cap (each request alone stays under it).
      const first = max! - start - 10;
      if (first >= 1) {
        const res = await extendSession(q, id, { requestedAdditionalDuration: first });
        q.expectStatus(res, 200, q.cite('extendQosSessionDuration 200'));
      }
      const res = await extendSession(q, id, { requestedAdditionalDuration: 100 });
      q.expectStatus(res, 200, `${q.cite('extendQosSessionDuration: the cap is applied silently (200)')}`);
      const view = res.json as SessionView;
      q.check(typeof view.duration === 'number' && view.duration <= max!, 'the total duration after several extensions exceeds maxDuration', {
        rule,
        expected: `duration ≤ ${max} s`,
        actual: `duration ${String(view.duration)} s (created with ${start} s, extended by ${first >= 1 ? `${first} s and ` : ''}100 s)`,
      });
      await checkSessionTimes(q, view, res, 'extendQosSessionDuration 200');
    },
  );

  check(
    {
      id: 'deleteSession.deleted-session-gone',
      title: 'a deleted session is gone (404 on get, extend, delete; not listed) and its device gets a new session at once',
      area: 'lifecycle',
      operation: 'deleteSession',
      cites: 'deleteSession: the session resource is removed',
      rules: [...ERRORS, 'lifecycle.delete-204-then-gone', 'lookup.unknown-session-404.getSession', 'lookup.unknown-session-404.deleteSession', 'lookup.unknown-session-404.extendQosSessionDuration'],
    },
    async (q: Qod) => {
      const device = await q.device();
      const body = await validCreateBody(q, device);
      const { id } = await createSession(q, body);
      const del = await deleteSession(q, id);
      q.expectStatus(del, 204, q.cite('deleteSession 204'));
      const rule = q.cite('deleteSession: the session is released; a session that does not exist is 404 NOT_FOUND');
      const notFound = { status: 404, codes: codesFor(q, 'notFound'), rule };
      const get = await getSession(q, id);
      q.check(get.status === 404, 'the deleted session can still be read', {
        rule,
        expected: 'getSession 404 NOT_FOUND after a 204 deletion',
        actual: `getSession ${get.status} ${get.text.slice(0, 200)}`,
      });
      q.expectError(get, notFound);
      q.expectError(await q.call({ method: 'DELETE', path: `/sessions/${id}`, operationId: 'deleteSession' }), notFound);
      if (q.rules.hasExtend) q.expectError(await extendSession(q, id, { requestedAdditionalDuration: 10 }), notFound);
      if (q.rules.hasRetrieveSessions && q.rules.strictDeviceTokenRule) {
        const list = await retrieveSessions(q, { device });
        q.expectStatus(list, 200, q.cite('retrieveSessionsByDevice 200'));
        q.check(!idsOf(q, list.json).includes(id), 'the deleted session is still listed for its device', {
          rule,
          expected: `no ${id} in retrieveSessionsByDevice`,
          actual: list.text.slice(0, 300),
        });
      }
      const again = await createSession(q, await validCreateBody(q, device), {
        rule: q.cite('deleteSession frees the device: a new session for it is created (201), no 409 CONFLICT'),
      });
      q.check(again.id !== id, 'the new session reuses the deleted session id', {
        rule: q.cite('SessionId (a new session gets a new id)'),
        expected: `an id other than ${id}`,
        actual: again.id,
      });
    },
  );
});
