// The notification flows shared by the 1.x tests (callbacks.test.ts) and the 0.10.1 / 0.8.1 ones
// (legacy.test.ts): create a session that asks for events, make something happen, check what
// reached the sink. Every wait is bounded and a missing event fails listing what did arrive.
import type { DeviceId } from '../../src/config/types.js';
import type { SinkRecord } from '../../src/evidence/types.js';
import {
  awaitCallbacks,
  bearerTokenOf,
  describeArrivals,
  expectAvailableBeforeUnavailable,
  expectDistinctEventIds,
  expectLegacyNotification,
  expectQosEvent,
  isStatus,
  needHttpsSink,
  newEventsWithin,
  subscribe,
  summarize,
  type Subscription,
} from '../../src/suite/callbacks.js';
import type { Qod } from '../../src/suite/harness.js';
import { grantedForExpiry, MAX_EXPIRY_DURATION_S, shortestDuration } from '../../src/suite/lifecycle-checks.js';
import { TOLERANCE_MS } from '../../src/suite/time-tolerances.js';
import { createSession, deleteSession, getSession, validCreateBody, type SessionView } from '../../src/suite/sessions.js';
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';

/** Slack after expiresAt for the provider to notice the expiry, before the delivery timeout. */
const EXPIRY_SLACK_MS = TOLERANCE_MS.expiryDetection;
/**
 * The waits of each flow (a check's `cost`), for its time limit (each notification wait scales with
 * --notification-timeout): the bounded waits it makes, one spare; expiry flows add the longest
 * session they wait for.
 */
export const WAITS = {
  available: { notificationWaits: 2 },
  deletion: { notificationWaits: 4 },
  routing: { notificationWaits: 3 },
  expiry: { waitMs: MAX_EXPIRY_DURATION_S * 1000 + EXPIRY_SLACK_MS, notificationWaits: 4 },
} as const;

export const citeCallback = (q: Qod): string => q.cite('createSession callbacks.notifications');

const citeAvailable = (q: Qod): string =>
  q.cite(
    'createSession description: "If the qosStatus in the API response is AVAILABLE and a notification callback is provided ... a QOS_STATUS_CHANGED event notification with qosStatus as AVAILABLE"',
  );
const citeRequested = (q: Qod): string =>
  q.cite('createSession description: after a REQUESTED answer, a QOS_STATUS_CHANGED event with qosStatus AVAILABLE, or UNAVAILABLE + statusInfo NETWORK_TERMINATED');
const citeDelete = (q: Qod): string =>
  q.cite(
    'deleteSession description: "If the notification callback is provided and the qosStatus of the session was AVAILABLE the client will receive ... qosStatus as UNAVAILABLE and statusInfo as DELETE_REQUESTED"',
  );
const citeExpiry = (q: Qod): string =>
  q.version === '0.10.1'
    ? q.cite('CreateSession.duration: "After session is expired the client will receive a QOS_STATUS_CHANGED event with qosStatus as UNAVAILABLE and statusInfo as DURATION_EXPIRED"')
    : q.cite(
        'sink: "events about all status changes of the session (e.g. session termination) shall be delivered"; StatusInfo DURATION_EXPIRED "Session terminated due to requested duration expired"',
      );

/** The r3.2 / r4.1 scenarios expect another `type` than the spec allows (SCENARIOS.md conflict #1). */
export async function noteEventTypeConflict(q: Qod): Promise<void> {
  if (q.version !== '1.1.0' && q.version !== '1.2.0-rc.3') return;
  await q.noteStandard(
    `The official scenarios createSession_02_2 and deleteSession_02 expect CloudEvent type "org.camaraproject.qod.v1.qos-status-changed"; the QoD ${q.version} spec only allows "${q.rules.eventType}" (CloudEvent.type enum). This check follows the spec (SCENARIOS.md conflict #1).`,
  );
}

interface Created {
  id: string;
  session: SessionView;
  sub: Subscription;
  /** Local time just before the create request was sent (the session cannot start earlier). */
  sentAt: number;
  /** Local time the create answer arrived (the session was AVAILABLE then, unless REQUESTED). */
  answeredAt: number;
}

async function createWithSink(q: Qod, opts: { credential: boolean; duration?: number; device?: DeviceId }): Promise<Created> {
  needHttpsSink(q);
  const device = opts.device ?? (await q.device());
  const sub = subscribe(q, { credential: opts.credential });
  const extra = opts.duration === undefined ? sub.fields : { ...sub.fields, duration: opts.duration };
  const sentAt = Date.now();
  const { id, session } = await createSession(q, await validCreateBody(q, device, extra));
  return { id, session, sub, sentAt, answeredAt: Date.now() };
}

/**
 * Waits for the first event after create. AVAILABLE answer → an AVAILABLE event; REQUESTED answer
 * → AVAILABLE or UNAVAILABLE + NETWORK_TERMINATED. An UNAVAILABLE answer (allowed from
 * 1.2.0-rc.3) leaves nothing to wait for: skipped.
 */
async function firstEvent(q: Qod, c: Created, scenarioId?: string): Promise<{ record: SinkRecord; records: SinkRecord[]; requested: boolean }> {
  const status = c.session.qosStatus;
  if (status === 'UNAVAILABLE') {
    q.ctx.skip(`${BLOCKED_SKIP}the session was already UNAVAILABLE in the create answer: no AVAILABLE event to observe`);
  }
  const requested = status === 'REQUESTED';
  const rule = [scenarioId, requested ? citeRequested(q) : citeAvailable(q)].filter(Boolean).join('; ');
  const records = await awaitCallbacks(q, c.sub.path, (rs) => rs.length > 0, {
    description: requested ? 'QOS_STATUS_CHANGED event after the REQUESTED create answer' : 'AVAILABLE event after the AVAILABLE create answer',
    rule,
  });
  return { record: records[0]!, records, requested };
}

/** createSession_02_2: the AVAILABLE event and everything about it. */
export async function availableEventFlow(q: Qod, scenarioId?: string): Promise<void> {
  const c = await createWithSink(q, { credential: true });
  await noteEventTypeConflict(q);
  const { record, requested } = await firstEvent(q, c, scenarioId);
  const failedToStart = requested && isStatus(record, 'UNAVAILABLE');
  await expectQosEvent(q, record, {
    sessionId: c.id,
    qosStatus: failedToStart ? 'UNAVAILABLE' : 'AVAILABLE',
    statusInfo: failedToStart ? 'NETWORK_TERMINATED' : null,
    credential: c.sub.credential,
    statusRule: requested ? citeRequested(q) : citeAvailable(q),
    scenarioId,
    label: failedToStart ? 'first event (UNAVAILABLE after REQUESTED)' : 'AVAILABLE event',
  });
}

/** deleteSession_02: UNAVAILABLE + DELETE_REQUESTED after delete, then nothing more. */
export async function deleteEventFlow(q: Qod, scenarioId?: string): Promise<void> {
  const c = await createWithSink(q, { credential: true });
  await noteEventTypeConflict(q);
  const records = await awaitCallbacks(q, c.sub.path, (rs) => rs.some((r) => isStatus(r, 'AVAILABLE') || isStatus(r, 'UNAVAILABLE')), {
    description: 'AVAILABLE event (the session must be AVAILABLE before it is deleted)',
    rule: [scenarioId, c.session.qosStatus === 'REQUESTED' ? citeRequested(q) : citeAvailable(q)].filter(Boolean).join('; '),
  });
  if (records.some((r) => isStatus(r, 'UNAVAILABLE'))) {
    q.ctx.skip(`${BLOCKED_SKIP}the session became UNAVAILABLE before it could be deleted while AVAILABLE (${describeArrivals(records)})`);
  }
  const lastBefore = records.reduce((max, r) => Math.max(max, r.seq), 0);

  const res = await deleteSession(q, c.id);
  q.expectStatus(res, 204, [scenarioId, q.cite('deleteSession responses.204')].filter(Boolean).join('; '));
  const deletedAt = Date.now();
  // From here on only the sink is watched: the device is free for other checks.
  await q.releaseDevices();
  const after = await awaitCallbacks(q, c.sub.path, (rs) => rs.some((r) => r.seq > lastBefore && isStatus(r, 'UNAVAILABLE')), {
    description: 'UNAVAILABLE + DELETE_REQUESTED event after deleteSession (204)',
    rule: [scenarioId, citeDelete(q)].filter(Boolean).join('; '),
  });
  const deletion = after.find((r) => r.seq > lastBefore && isStatus(r, 'UNAVAILABLE'))!;
  await expectQosEvent(q, deletion, {
    sessionId: c.id,
    qosStatus: 'UNAVAILABLE',
    statusInfo: 'DELETE_REQUESTED',
    credential: c.sub.credential,
    statusRule: citeDelete(q),
    scenarioId,
    label: 'deletion event',
  });
  expectDistinctEventIds(q, after);
  await expectAvailableBeforeUnavailable(q, after, scenarioId);

  // Nothing may follow the deletion event (a redelivery of it or of an earlier event excepted):
  // watched as long as a late event may take to arrive.
  const quietMs = q.config.notificationTimeoutMs;
  const more = await newEventsWithin(q, c.sub.path, after, deletion.seq, quietMs);
  q.check(more.length === 0, `${more.length} more callback${more.length > 1 ? 's' : ''} arrived after the deletion event`, {
    rule: q.cite(
      'deleteSession description: the session is released; DELETE_REQUESTED is its last QOS_STATUS_CHANGED event ("There will be no notification event if the qosStatus was already UNAVAILABLE")',
    ),
    expected: `nothing more at the sink within ${quietMs} ms (the notification timeout) after the deletion event`,
    actual: `${describeArrivals(more)} (seen ${Date.now() - deletedAt} ms after the 204)`,
  });
}

/** UNAVAILABLE + DURATION_EXPIRED within 1.5 s + the notification timeout after the session's expiry. */
export async function expiryEventFlow(q: Qod): Promise<void> {
  needHttpsSink(q);
  // One rule with the lifecycle expiry checks: the profile's shortest duration, skipped when too long to hold a device for.
  const requested = Math.max(1, await shortestDuration(q));
  const c = await createWithSink(q, { credential: false, duration: requested });
  const granted = grantedForExpiry(q, c.session, requested);

  // When the session became AVAILABLE, on our clock (the sink runs in this process's host).
  let startedLocal = c.answeredAt;
  if (c.session.qosStatus === 'REQUESTED') {
    const { record } = await firstEvent(q, c);
    // Events may arrive out of order: an expiry arriving first still means the session ran.
    const expiredFirst = isStatus(record, 'UNAVAILABLE') && summarize(record).statusInfo === 'DURATION_EXPIRED';
    if (isStatus(record, 'UNAVAILABLE') && !expiredFirst) {
      q.ctx.skip(`${BLOCKED_SKIP}the session never became AVAILABLE (UNAVAILABLE after REQUESTED): no expiry to observe`);
    }
    if (!expiredFirst) startedLocal = Date.parse(record.receivedAt);
  }
  const expiresLocal = startedLocal + granted * 1000;
  const deadline = expiresLocal + EXPIRY_SLACK_MS + q.config.notificationTimeoutMs;
  const records = await awaitCallbacks(q, c.sub.path, (rs) => rs.some((r) => isStatus(r, 'UNAVAILABLE')), {
    description: `UNAVAILABLE + DURATION_EXPIRED event for the expiry of the session (duration ${granted} s, expiresAt ${String(c.session.expiresAt ?? '(not given)')}; tolerance ${EXPIRY_SLACK_MS} ms + notification timeout ${q.config.notificationTimeoutMs} ms)`,
    rule: citeExpiry(q),
    timeoutMs: deadline - Date.now(),
  });
  const expiry = records.find((r) => isStatus(r, 'UNAVAILABLE'))!;
  await expectQosEvent(q, expiry, {
    sessionId: c.id,
    qosStatus: 'UNAVAILABLE',
    statusInfo: 'DURATION_EXPIRED',
    credential: undefined,
    statusRule: citeExpiry(q),
    label: 'expiry event',
  });
  // A REQUESTED session's AVAILABLE event may still be on its way: the order check needs it.
  if (c.session.qosStatus === 'REQUESTED' && !records.some((r) => isStatus(r, 'AVAILABLE'))) {
    records.push(...(await q.waitCallbacks(c.sub.path, (rs) => rs.some((r) => isStatus(r, 'AVAILABLE')))).records.filter((r) => !records.some((x) => x.seq === r.seq)));
  }
  expectDistinctEventIds(q, records);
  await expectAvailableBeforeUnavailable(q, records);
  const early = c.sentAt + granted * 1000 - Date.parse(expiry.receivedAt);
  if (early > TOLERANCE_MS.earlyExpiryEvent) {
    await q.advise({
      title: 'DURATION_EXPIRED event before the session could have expired',
      whyItMatters: 'Consumers stop using the QoS flow on this event; an early one cuts the session short.',
      detail: `The expiry event arrived ${early} ms before create-request time + ${granted} s (duration granted).`,
    });
  }
}

/**
 * Silence: "There will be no notification event if the qosStatus was already UNAVAILABLE"
 * (deleteSession). The session expires (the shortest duration its profile allows), its UNAVAILABLE
 * event is awaited, then it is deleted: nothing new may reach the sink for as long as a late
 * event may take. Redeliveries of earlier events and a late AVAILABLE event (the spec sets no
 * delivery order) are not events of the deletion.
 */
export async function deleteWhenUnavailableFlow(q: Qod): Promise<void> {
  needHttpsSink(q);
  const requested = Math.max(1, await shortestDuration(q));
  const c = await createWithSink(q, { credential: true, duration: requested });
  const granted = grantedForExpiry(q, c.session, requested, 'a session to become UNAVAILABLE');
  // A REQUESTED session starts later: one more notification wait for it to become AVAILABLE.
  const provisioning = c.session.qosStatus === 'REQUESTED' ? q.config.notificationTimeoutMs : 0;
  const deadline = c.answeredAt + granted * 1000 + EXPIRY_SLACK_MS + provisioning + q.config.notificationTimeoutMs;
  const { records, timedOut } = await q.waitCallbacks(c.sub.path, (rs) => rs.some((r) => isStatus(r, 'UNAVAILABLE')), Math.max(0, deadline - Date.now()));
  // The expiry event itself is the expiry checks' rule; without it there is no UNAVAILABLE session to delete here.
  if (timedOut)
    q.ctx.skip(
      `${BLOCKED_SKIP}no UNAVAILABLE event arrived for the session (duration ${granted} s) within ${Math.round((deadline - c.answeredAt) / 1000)} s: nothing to delete while UNAVAILABLE (${describeArrivals(records)})`,
    );
  // An expired session may also be gone already (deleted automatically at its limit): deleting it is then a 404, silent all the same.
  const read = await getSession(q, c.id);
  const status = read.status === 200 ? (read.json as SessionView | undefined)?.qosStatus : undefined;
  if (read.status !== 404 && status !== 'UNAVAILABLE')
    q.ctx.skip(`${BLOCKED_SKIP}after its UNAVAILABLE event the session reads ${read.status === 200 ? `qosStatus ${String(status)}` : `HTTP ${read.status}`}: not an UNAVAILABLE session to delete`);
  const before = (await q.waitCallbacks(c.sub.path, () => true, 0)).records;
  const lastBefore = before.reduce((max, r) => Math.max(max, r.seq), 0);

  const res = await deleteSession(q, c.id);
  if (read.status === 404) q.untrack(c.id);
  q.expectStatus(res, read.status === 404 ? 404 : 204, q.cite(read.status === 404 ? 'deleteSession responses.404 (the session was already gone)' : 'deleteSession responses.204'));
  const deletedAt = Date.now();
  // The quiet period only watches the sink: the device is free for other checks meanwhile.
  await q.releaseDevices();
  const quietMs = q.config.notificationTimeoutMs;
  // A redelivery and a late AVAILABLE event are not an event of the delete.
  const fresh = await newEventsWithin(q, c.sub.path, before, lastBefore, quietMs, (r) => isStatus(r, 'AVAILABLE'));
  q.check(fresh.length === 0, `deleting a session that was already UNAVAILABLE sent ${fresh.length} event${fresh.length > 1 ? 's' : ''}`, {
    rule: q.cite('deleteSession description: "There will be no notification event if the qosStatus was already UNAVAILABLE"'),
    expected: `no new event at the sink within ${quietMs} ms (the notification timeout) after deleting the UNAVAILABLE session`,
    actual: `${describeArrivals(fresh)} (seen ${Date.now() - deletedAt} ms after the 204)`,
  });
}

/** Events reach only the sink of the session they are about, with that session's credential. */
export async function ownSinkOnlyFlow(q: Qod): Promise<void> {
  needHttpsSink(q);
  // Two sessions at once: their devices are leased together.
  const [deviceA, deviceB] = await q.devices(2);
  const a = await createWithSink(q, { credential: true, device: deviceA });
  const b = await createWithSink(q, { credential: true, device: deviceB });
  const rule = q.cite('BaseSessionInfo.sink: "The address to which events about all status changes of the session ... shall be delivered"; EventQosStatusChanged data.sessionId');
  const [recsA, recsB] = await Promise.all(
    [a, b].map((c) => awaitCallbacks(q, c.sub.path, (rs) => rs.length > 0, { description: `first event of session ${c.id}`, rule: [citeAvailable(q), rule].join('; ') })),
  );
  // Anything meant for the other session may arrive as late as any event: watched as long.
  const quietMs = q.config.notificationTimeoutMs;
  const [moreA, moreB] = await Promise.all([q.quiet(a.sub.path, quietMs), q.quiet(b.sub.path, quietMs)]);
  for (const [own, other, recs] of [
    [a, b, [...recsA!, ...moreA!]],
    [b, a, [...recsB!, ...moreB!]],
  ] as const) {
    const foreign = recs.filter((r) => summarize(r).sessionId !== own.id);
    q.check(foreign.length === 0, `the sink of session ${own.id} received events about another session`, {
      rule,
      expected: `only events with data.sessionId "${own.id}" at its sink (the other session is "${other.id}")`,
      actual: describeArrivals(foreign),
    });
    const wrongCredential = recs.filter((r) => bearerTokenOf(r) !== own.sub.credential!.token);
    q.check(wrongCredential.length === 0, `an event at the sink of session ${own.id} did not carry that session's credential`, {
      rule: q.cite("createSession callbacks.notifications security notificationsBearerAuth (the token is the session's own sinkCredential.accessToken)"),
      expected: "Authorization: Bearer <the session's own sinkCredential.accessToken>",
      actual: wrongCredential
        .map((r) => {
          const given = r.headers['authorization'];
          const why = given === undefined ? 'no Authorization' : bearerTokenOf(r) === other.sub.credential!.token ? "the other session's credential" : 'another value';
          return `#${r.seq}: ${why}`;
        })
        .join('; '),
    });
  }
  expectDistinctEventIds(q, [...recsA!, ...moreA!, ...recsB!, ...moreB!]);
}

/** 0.8.1: SESSION_TERMINATED, plain JSON, to notificationUrl + "/notifications" with apikey, after expiry. */
export async function legacyTerminationFlow(q: Qod): Promise<void> {
  const c = await createWithSink(q, { credential: true, duration: 1 });
  const granted = grantedForExpiry(q, c.session, 1);
  const deadline = c.answeredAt + granted * 1000 + EXPIRY_SLACK_MS + q.config.notificationTimeoutMs;
  const records = await awaitCallbacks(q, c.sub.path, (rs) => rs.length > 0, {
    description: `SESSION_TERMINATED notification at <notificationUrl>/notifications after the session's expiry (duration ${granted} s)`,
    rule: q.cite('CreateSession.duration: "After session has expired the client will receive SESSION_TERMINATED event. See notification callback."'),
    timeoutMs: deadline - Date.now(),
  });
  await expectLegacyNotification(q, records[0]!, { sessionId: c.id, apiKey: c.sub.credential?.token, label: 'SESSION_TERMINATED notification' });
}
