// Notification callbacks (issue "Notification callbacks"). 0.11.1 to 1.2.0-rc.3 (sink +
// sinkCredential, CloudEvents): the AVAILABLE, deletion and expiry events, event routing, and
// refused sink / sinkCredential values. The official scenarios createSession_02_1 / 02_2 and
// deleteSession_02 are implemented in suites/sessions/; the checks here go further (no statusInfo
// on AVAILABLE, SDK validation, distinct ids, nothing after deletion, expiry timing, routing). 0.10.1 (webhook) and
// 0.8.1 (notificationUrl) have their own tests. The waiting tests run concurrently, each on its own
// leased device and sink path. One file on purpose: each suite file pays the spec load again.
// qod-waits: callbacks, the expiry event and quiet periods on the sink
import { accessTokenCredential, CREDENTIAL_REFUSAL_CODES, needHttpsSink, noteCredentialCodes, randomToken } from '../../src/suite/callbacks.js';
import { hasQosStatus, legacyCallbacks, sinkCallbacks, webhookCallbacks } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { Qod } from '../../src/suite/harness.js';
import { expectRefused } from '../../src/suite/create-cases.js';
import { validCreateBody, type Json } from '../../src/suite/sessions.js';
import { availableEventFlow, deleteEventFlow, deleteWhenUnavailableFlow, expiryEventFlow, legacyTerminationFlow, ownSinkOnlyFlow, WAITS } from './flows.js';

// Refused values: the createSession scenario tests cover some of these as scenarios 400.4 / 400.6 /
// 400.7; here they are checked against the spec rule. A wrongly accepted request creates a session
// on the leased device (tracked, deleted at the end of the test).

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** Events the AVAILABLE flows judge (CloudEvent to the sink with the credential given). */
const AVAILABLE_EVENT = ['notify.available-event.createSession', 'notify.cloudevent-attributes', 'notify.sink-credential-bearer'];

/** A sink that is valid in every respect, so only the credential can be wrong. */
function validSink(q: Qod): string {
  needHttpsSink(q);
  return q.sinkEndpoint().url;
}

/** The run's sink with an http:// scheme (reachable host, only the scheme is wrong). */
function httpSink(q: Qod): string {
  const { url } = q.sinkEndpoint();
  return url.replace(/^https:/i, 'http:');
}

/** The create must be refused with 400 and one of `codes` (judged as every create: status first). */
async function expectSinkRefused(q: Qod, extra: Json, expectation: { codes: readonly string[]; rule: string }): Promise<void> {
  const device = await q.device();
  await expectRefused(q, await validCreateBody(q, device, extra), { status: 400, ...expectation });
}

group('notification callbacks', () => {
  // Longest chain of waits first (expiry then a quiet period; two devices and a quiet period; expiry;
  // ...): they lease their devices first, and their waits overlap with everything after them.
  // Silence rules: sentences of the spec that promise NO notification, turned into bounded quiet
  // periods on the sink (as long as the notification wait, no fixed sleep). One rule so far: deleting
  // a session that is already UNAVAILABLE sends no event (deleteSession, 0.10.1 and later). The spec
  // promises no other silence a check can observe: a session without a sink has nowhere to send to.
  // Its quiet period gives the device back (the session is deleted by then).
  check(
    {
      id: 'deleteSession.no-event-if-already-unavailable',
      title: 'deleteSession: no event when the session was already UNAVAILABLE (it expired, then was deleted)',
      operation: 'deleteSession',
      area: 'notifications',
      rules: ['notify.none-if-already-unavailable.deleteSession'],
      cites: 'deleteSession: "There will be no notification event if the qosStatus was already UNAVAILABLE"',
      appliesTo: hasQosStatus,
      concurrent: true,
      cost: WAITS.expiry,
      fullProfileOnly: 'waits for a session to expire',
    },
    async (q) => deleteWhenUnavailableFlow(q),
  );

  check(
    {
      id: 'createSession.expiry-event',
      title: 'UNAVAILABLE + DURATION_EXPIRED arrives after expiresAt, after the AVAILABLE event (no credential given)',
      operation: 'createSession',
      area: 'notifications',
      rules: ['notify.expired-event', 'notify.no-authorization-without-credential'],
      cites: 'sink: events about all status changes; StatusInfo DURATION_EXPIRED',
      appliesTo: sinkCallbacks,
      concurrent: true,
      cost: WAITS.expiry,
      fullProfileOnly: 'waits for a session to expire',
    },
    async (q) => expiryEventFlow(q),
  );

  check(
    {
      id: 'createSession.event-routing',
      title: 'two sessions, two sinks: each sink gets only its own session’s events, with its own credential',
      operation: 'createSession',
      area: 'notifications',
      rules: [],
      cites: 'BaseSessionInfo.sink; EventQosStatusChanged data.sessionId',
      appliesTo: sinkCallbacks,
      concurrent: true,
      cost: WAITS.routing,
    },
    async (q) => ownSinkOnlyFlow(q),
  );

  check(
    {
      id: 'deleteSession.deletion-event',
      title: 'UNAVAILABLE + DELETE_REQUESTED after delete with the credential, distinct ids, and nothing after it',
      operation: 'deleteSession',
      area: 'notifications',
      rules: ['notify.deleted-event.deleteSession', 'notify.cloudevent-attributes', 'notify.event-time-order'],
      cites: 'deleteSession: QOS_STATUS_CHANGED UNAVAILABLE + DELETE_REQUESTED (as scenario deleteSession_02, stricter)',
      appliesTo: sinkCallbacks,
      concurrent: true,
      cost: WAITS.deletion,
    },
    async (q) => deleteEventFlow(q),
  );

  check(
    {
      id: 'createSession.available-event',
      title: 'CloudEvent of the spec type, Authorization: Bearer <accessToken given>, the session id, no statusInfo, valid against the callback schema',
      operation: 'createSession',
      area: 'notifications',
      rules: AVAILABLE_EVENT,
      cites: 'createSession callbacks.notifications: QOS_STATUS_CHANGED AVAILABLE event (as scenario createSession_02_2, stricter)',
      appliesTo: sinkCallbacks,
      concurrent: true,
      cost: WAITS.available,
      sameVerdictAs: ['quality_on_demand_createSession_02_2_event_received'],
    },
    async (q) => availableEventFlow(q),
  );
});

group('notification callbacks (0.10.1 webhook)', () => {
  check(
    {
      id: 'createSession.webhook-available-event',
      title: 'CloudEvent org.camaraproject.qod.v0.qos-status-changed with Authorization: Bearer <notificationAuthToken>',
      operation: 'createSession',
      area: 'notifications',
      rules: AVAILABLE_EVENT,
      cites: 'createSession callbacks.notifications ({$request.body#/webhook/notificationUrl})',
      appliesTo: webhookCallbacks,
      concurrent: true,
      cost: WAITS.available,
    },
    async (q) => availableEventFlow(q),
  );

  check(
    {
      id: 'deleteSession.webhook-deletion-event',
      title: 'UNAVAILABLE + DELETE_REQUESTED after delete, and nothing after it',
      operation: 'deleteSession',
      area: 'notifications',
      rules: ['notify.deleted-event.deleteSession'],
      cites: 'deleteSession: QOS_STATUS_CHANGED UNAVAILABLE + DELETE_REQUESTED',
      appliesTo: webhookCallbacks,
      concurrent: true,
      cost: WAITS.deletion,
    },
    async (q) => deleteEventFlow(q),
  );

  check(
    {
      id: 'createSession.webhook-expiry-event',
      title: 'UNAVAILABLE + DURATION_EXPIRED after the session’s duration',
      operation: 'createSession',
      area: 'notifications',
      rules: ['notify.expired-event'],
      cites: 'CreateSession.duration: UNAVAILABLE + DURATION_EXPIRED after expiry',
      appliesTo: webhookCallbacks,
      concurrent: true,
      cost: WAITS.expiry,
      fullProfileOnly: 'waits for a session to expire',
    },
    async (q) => expiryEventFlow(q),
  );
});

group('notification callbacks (0.8.1 notificationUrl)', () => {
  check(
    {
      id: 'createSession.legacy-termination-notification',
      title: 'plain JSON to notificationUrl + /notifications with apikey, after expiry',
      operation: 'createSession',
      area: 'notifications',
      rules: [],
      cites: 'createSession callbacks.notifications ({$request.body#/notificationUrl}/notifications)',
      appliesTo: legacyCallbacks,
      concurrent: true,
      cost: WAITS.expiry,
      fullProfileOnly: 'waits for a session to expire',
    },
    async (q) => legacyTerminationFlow(q),
  );
});

// After the waiting checks: these answer at once and need a device only for a round trip.
group('sink and sinkCredential validation (createSession 400)', () => {
  check(
    {
      id: 'createSession.sink-not-https-refused',
      title: 'a plain-http sink is refused (400 INVALID_ARGUMENT or INVALID_SINK)',
      operation: 'createSession',
      area: 'notifications',
      rules: [...ERRORS, 'notify.sink-https', 'schema.createSession.request./sink.pattern'],
      cites: 'BaseSessionInfo.sink pattern ^https:\\/\\/.+$',
      appliesTo: (v) => v.sinkMustBeHttps,
    },
    async (q) => {
      await expectSinkRefused(
        q,
        { sink: httpSink(q) },
        {
          codes: ['INVALID_ARGUMENT', 'INVALID_SINK'],
          rule: q.cite('BaseSessionInfo.sink pattern ^https:\\/\\/.+$ (schema violation: 400 INVALID_ARGUMENT; createSession 400 INVALID_SINK "sink not valid for the specified protocol")'),
        },
      );
    },
  );

  for (const row of ['PLAIN', 'REFRESHTOKEN'] as const) {
    check(
      {
        id: `createSession.sink-credential-type-refused.${row}`,
        title: `refused (400 INVALID_CREDENTIAL or INVALID_ARGUMENT) [${row}]`,
        operation: 'createSession',
        area: 'notifications',
        rules: [...ERRORS, 'notify.sink-credential-accesstoken-only'],
        cites: 'SinkCredential.credentialType: only ACCESSTOKEN usable',
        appliesTo: sinkCallbacks,
      },
      async (q) => {
        const sink = validSink(q);
        const credential: Json =
          row === 'PLAIN'
            ? { credentialType: 'PLAIN', identifier: 'qod-conformance', secret: randomToken() }
            : {
                ...accessTokenCredential(randomToken()),
                credentialType: 'REFRESHTOKEN',
                refreshToken: randomToken(),
                refreshTokenEndpoint: 'https://auth.example.com/token',
              };
        const removed = q.version === '1.2.0-rc.3';
        const scenario = removed ? 'quality_on_demand_createSession_400.6_unsupported_sink_credential_type' : 'quality_on_demand_createSession_400.6_invalid_sink_credential';
        await noteCredentialCodes(q, scenario, removed ? 'INVALID_ARGUMENT' : 'INVALID_CREDENTIAL', `credentialType ${row}`);
        await expectSinkRefused(
          q,
          { sink, sinkCredential: credential },
          {
            codes: CREDENTIAL_REFUSAL_CODES,
            rule: removed
              ? q.cite(
                  `SinkCredential.credentialType enum (ACCESSTOKEN, PRIVATE_KEY_JWT): ${row} is a schema violation; createSession 400 INVALID_ARGUMENT or INVALID_CREDENTIAL "Only Access token is supported"`,
                )
              : q.cite(`SinkCredential.credentialType "MUST be set to ACCESSTOKEN"; createSession 400 INVALID_CREDENTIAL "Only Access token is supported" or INVALID_ARGUMENT`),
          },
        );
      },
    );
  }

  check(
    {
      id: 'createSession.sink-token-type-not-bearer-refused',
      title: 'refused (400 INVALID_TOKEN or INVALID_ARGUMENT)',
      operation: 'createSession',
      area: 'notifications',
      rules: [...ERRORS, 'schema.createSession.request./sinkCredential/accessTokenType.enum'],
      cites: 'AccessTokenCredential.accessTokenType enum [bearer]',
      appliesTo: sinkCallbacks,
    },
    async (q) => {
      const sink = validSink(q);
      await expectSinkRefused(
        q,
        { sink, sinkCredential: { ...accessTokenCredential(randomToken()), accessTokenType: 'mac' } },
        {
          codes: ['INVALID_TOKEN', 'INVALID_ARGUMENT'],
          rule: q.cite(
            'AccessTokenCredential.accessTokenType enum [bearer]; createSession 400 INVALID_TOKEN (example GENERIC_400_INVALID_TOKEN) or INVALID_ARGUMENT (as scenario quality_on_demand_createSession_400.7_sink_credential_invalid_token)',
          ),
        },
      );
    },
  );

  check(
    {
      id: 'createSession.sink-credential-empty-refused',
      title: 'refused (400 INVALID_ARGUMENT: credentialType is required, or INVALID_CREDENTIAL)',
      operation: 'createSession',
      area: 'notifications',
      rules: [...ERRORS, 'schema.createSession.request./sinkCredential/credentialType.required'],
      cites: 'SinkCredential required credentialType',
      appliesTo: sinkCallbacks,
    },
    async (q) => {
      const sink = validSink(q);
      await noteCredentialCodes(q, 'quality_on_demand_createSession_400.4_empty_property [$.sinkCredential]', 'INVALID_ARGUMENT', 'sinkCredential {}');
      await expectSinkRefused(
        q,
        { sink, sinkCredential: {} },
        {
          codes: CREDENTIAL_REFUSAL_CODES,
          rule: q.cite('SinkCredential required [credentialType] (schema violation: 400 INVALID_ARGUMENT; not a usable credential: 400 INVALID_CREDENTIAL)'),
        },
      );
    },
  );
});
