// What happens when a session's duration is over (no scenario ID): it turns UNAVAILABLE with
// DURATION_EXPIRED, it can no longer be extended, and it stays readable for a while. Each test
// creates a session with the profile's minimum duration (1 s on the embedded provider) and waits
// for its end, so they run concurrently on leased devices.
// qod-waits: sessions of the minimum duration until they expire, then 1 s more
import { both, hasExtend, hasQosStatus } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { Qod } from '../../src/suite/harness.js';
import { codesFor, EXPIRY_WAITS, expiredSession, expiredSessionRemoved, hasStatusInfo } from '../../src/suite/lifecycle-checks.js';
import { checkSessionTimes, expectNotAfterAnswer } from '../../src/suite/session-times.js';
import { sameJson } from '../../src/util/same-json.js';
import { deleteSession, extendSession, getSession, type SessionView } from '../../src/suite/sessions.js';
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';

// Extra checks beyond the official scenarios that wait for a session to end: not in --profile safe.
// A session ends UNAVAILABLE where sessions have a qosStatus.
const EXPIRY = { concurrent: true, appliesTo: hasQosStatus, fullProfileOnly: 'waits for a session to expire', cost: EXPIRY_WAITS } as const;
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

group('session expiry', () => {
  check(
    {
      ...EXPIRY,
      id: 'lifecycle.expired-unavailable',
      title: 'a session turns UNAVAILABLE with statusInfo DURATION_EXPIRED when its duration is over',
      area: 'lifecycle',
      operation: 'getSession',
      cites: 'SessionInfo.qosStatus UNAVAILABLE + statusInfo DURATION_EXPIRED at expiresAt',
      rules: ['lifecycle.expires-after-duration'],
    },
    async (q: Qod) => {
      const expired = await expiredSession(q);
      if (expired.gone) return expiredSessionRemoved(q, expired, 'as soon as it ended');
      const view = expired.after!;
      const withInfo = hasStatusInfo(q);
      const rule = q.cite(`SessionInfo.qosStatus${withInfo ? ' / statusInfo' : ''}: UNAVAILABLE${withInfo ? ' + DURATION_EXPIRED' : ''} once the duration is over`);
      q.check(view.qosStatus === 'UNAVAILABLE' && (!withInfo || view.statusInfo === 'DURATION_EXPIRED'), `the session did not end as UNAVAILABLE${withInfo ? ' / DURATION_EXPIRED' : ''}`, {
        rule,
        expected: `qosStatus UNAVAILABLE${withInfo ? ', statusInfo DURATION_EXPIRED' : ''}`,
        actual: `qosStatus ${String(view.qosStatus)}, statusInfo ${String(view.statusInfo)}`,
      });
      await checkSessionTimes(q, view, expired.afterRes, 'getSession after expiry');
      q.check(view.duration === expired.durationS, 'the duration of the expired session differs from the one granted', {
        rule: q.cite('SessionInfo.duration (UNAVAILABLE: the effective duration, here the full granted one)'),
        expected: `duration ${expired.durationS}`,
        actual: `duration ${String(view.duration)}`,
      });
      expectNotAfterAnswer(q, view.expiresAt, expired.afterRes, 'the expired session has an expiresAt in the future', q.cite('SessionInfo.expiresAt (UNAVAILABLE: when the session ended)'));
    },
  );

  check(
    {
      ...EXPIRY,
      id: 'lifecycle.expired-kept-then-deleted',
      title: 'an expired session stays readable as UNAVAILABLE for a while and can still be deleted',
      area: 'lifecycle',
      operation: 'getSession',
      cites: 'retention of UNAVAILABLE sessions (≥ 360 s after NETWORK_TERMINATED; silent for DURATION_EXPIRED)',
      rules: [...ERRORS, 'lifecycle.delete-204-then-gone'],
    },
    async (q: Qod) => {
      const expired = await expiredSession(q);
      if (expired.gone) return expiredSessionRemoved(q, expired, 'as soon as it ended');
      await q.timerWait(1000);
      const res = await getSession(q, expired.id);
      if (res.status === 404) return expiredSessionRemoved(q, expired, 'about a second after it ended');
      q.expectStatus(res, 200, q.cite('getSession 200'));
      const view = res.json as SessionView;
      const rule = q.cite('QosStatus: UNAVAILABLE is final (a new session must be created)');
      q.check(view.qosStatus === 'UNAVAILABLE', 'the ended session is no longer UNAVAILABLE', {
        rule,
        expected: 'qosStatus UNAVAILABLE',
        actual: `qosStatus ${String(view.qosStatus)}`,
      });
      q.check(sameJson(view.expiresAt, expired.after!.expiresAt) && view.duration === expired.after!.duration, 'the ended session changed its end or duration', {
        rule: q.cite('SessionInfo.expiresAt / duration (UNAVAILABLE: fixed once ended)'),
        expected: `duration ${String(expired.after!.duration)}, expiresAt ${String(expired.after!.expiresAt)}`,
        actual: `duration ${String(view.duration)}, expiresAt ${String(view.expiresAt)}`,
      });
      await checkSessionTimes(q, view, res, 'getSession of an expired session');
      const del = await deleteSession(q, expired.id);
      q.expectStatus(del, 204, q.cite('deleteSession 204 (an UNAVAILABLE session still exists until deleted or removed)'));
      const gone = await getSession(q, expired.id);
      q.expectError(gone, { status: 404, codes: codesFor(q, 'notFound'), rule: q.cite('deleteSession: the session resource is removed') });
    },
  );

  check(
    {
      ...EXPIRY,
      id: 'extendQosSessionDuration.expired-not-extended',
      title: 'a session that is no longer AVAILABLE cannot be extended, and the refusal changes nothing',
      area: 'duration',
      operation: 'extendQosSessionDuration',
      cites: 'extendQosSessionDuration: only AVAILABLE sessions (409 SESSION_EXTENSION_NOT_ALLOWED; 0.10.1: 400)',
      rules: [...ERRORS, 'lifecycle.extend-only-available', 'lifecycle.refused-changes-nothing'],
      appliesTo: both(hasQosStatus, hasExtend),
    },
    async (q: Qod) => {
      if (!q.rules.hasExtend) q.ctx.skip(`not applicable to QoD ${q.version} (no extension)`);
      const expired = await expiredSession(q);
      if (expired.gone) {
        await expiredSessionRemoved(q, expired, 'as soon as it ended');
        q.ctx.skip(`${BLOCKED_SKIP}no session that is not AVAILABLE but still kept: the expired session was removed at once, which the spec allows (advisory)`);
      }
      const before = expired.after!;
      const status = q.rules.extendNotAvailableStatus;
      const rule = q.cite(`extendQosSessionDuration: only AVAILABLE sessions can be extended (responses.${status})`);
      const res = await extendSession(q, expired.id, { requestedAdditionalDuration: 60 });
      q.expectError(res, { status, codes: status === 409 ? ['QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED'] : codesFor(q, 'invalid'), rule });
      const read = await getSession(q, expired.id);
      if (read.status === 404) return; // removed meanwhile: nothing left to compare
      q.expectStatus(read, 200, q.cite('getSession 200'));
      const view = read.json as SessionView;
      q.check(view.qosStatus === before.qosStatus && view.duration === before.duration && sameJson(view.expiresAt, before.expiresAt), 'the refused extension changed the session', {
        rule,
        expected: `qosStatus ${String(before.qosStatus)}, duration ${String(before.duration)}, expiresAt ${String(before.expiresAt)}`,
        actual: `qosStatus ${String(view.qosStatus)}, duration ${String(view.duration)}, expiresAt ${String(view.expiresAt)}`,
      });
    },
  );
});
