// createSession success scenarios of quality-on-demand-createSession.feature (r3.2 / r4.1):
// 01 (one test per Examples row), 02_1, 02_2, 03, 04_1, 04_2, and the session-state errors
// 409.1, 422.1, 422.2. Device, validation and auth scenarios live in createSession.*.test.ts.
import { checkQosStatusEvent, parseRecordBody } from '../../src/checks/cloudevent.js';
import type { Area } from '../../src/config/types.js';
import { both, officialScenarios, r41Scenarios } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import { getSession, testDuration, type Json, type SessionView } from '../../src/suite/sessions.js';
import {
  CS,
  assertValidBody,
  checkDeviceEcho,
  checkEchoed,
  checkStatusInfo,
  createBody,
  createOk,
  expectRefused,
  noteConflict,
  refusedRequestSink,
  ruleOf,
  watchedSink,
} from '../../src/suite/create-cases.js';
import { checkExpiresAt, checkStartedAt } from '../../src/suite/session-times.js';
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';
import { sharedCreate, sharedOrOwn } from '../../src/suite/shared-session.js';
import type { DeviceId } from '../../src/config/types.js';

const S01 = '01_generic_success_scenario';
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** What every 201 of scenario 01 judges: the scenario's rules and the created SessionInfo. */
const CREATED = ['headers.x-correlator-echo', 'headers.content-type-json', 'lifecycle.create-201-session-info'];
/** QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE exists: the version answers an unusable profile with 422. */
const profileNotApplicable422 = both(officialScenarios, (v) => v.profileNotApplicable.status === 422);
const DEVICE_PORTS = { ranges: [{ from: 5010, to: 5020 }], ports: [5060, 5070] };
const SERVER_PORTS = { ranges: [{ from: 8000, to: 8010 }], ports: [443] };

interface SuccessRow {
  property: string;
  area: Area;
  rule: string;
  /** Inventory rules the row judges beyond those of every row (CREATED). */
  rules?: string[];
  run(q: Qod, rule: string): Promise<void>;
}

/**
 * The rows only read what a create answered: those about the plain session (no optional fields)
 * read one shared create (src/suite/shared-session.ts), made by whichever row runs first.
 */
const plain = sharedCreate();

async function plainCreated(q: Qod): Promise<Created> {
  return plain.answer(q, async (q, device) => {
    const body = await createBody(q, device);
    return { ...(await createOk(q, body, ruleOf(q, S01))), body };
  });
}

/** Every optional field of the rows at once: the rows (and 02_1) read one create that sends them all. */
const optional = sharedCreate();

function optionalFields(q: Qod): Json {
  const sink = watchedSink(q);
  return { devicePorts: DEVICE_PORTS, applicationServerPorts: SERVER_PORTS, sink: sink.url, sinkCredential: sink.credential };
}

async function optionalCreated(q: Qod): Promise<Created> {
  return optional.answer(q, async (q, device) => {
    const body = await createBody(q, device, optionalFields(q));
    await assertValidBody(q, body);
    return { ...(await createOk(q, body, ruleOf(q, S01))), body };
  });
}

/**
 * Row of an optional request field: absent when not sent (the shared plain session), equal when
 * sent: read from the shared create of every optional field, else (sharedOrOwn) from a session of
 * its own that sends only this field, which gives the verdict.
 */
function optionalFieldRow(property: string, area: Area, extra: (q: Qod) => Json): SuccessRow {
  return {
    property: `$.${property}`,
    area,
    rule: 'exists only if provided in the request body and with the same value',
    async run(q, rule) {
      const without = await plainCreated(q);
      checkEchoed(q, without.session, property, undefined, rule);
      const echoed = async ({ session, body }: { session: SessionView; body: Json }) => {
        checkEchoed(q, session, property, body[property], rule);
        if (property === 'sink') await adviseIfCredentialEchoed(q, session);
      };
      await sharedOrOwn(
        async () => echoed(await optionalCreated(q)),
        async () => {
          const body = await createBody(q, await q.device(), extra(q));
          await assertValidBody(q, body);
          await echoed({ ...(await createOk(q, body, rule)), body });
        },
      );
    },
  };
}

/** sinkCredential is writeOnly from 1.2.0-rc.3 and carries the consumer's secret: echoing it is worth a word. */
async function adviseIfCredentialEchoed(q: Qod, session: SessionView): Promise<void> {
  const credential = session.sinkCredential as { accessToken?: unknown } | undefined;
  if (credential?.accessToken === undefined) return;
  await q.advise({
    title: 'sinkCredential.accessToken is echoed in SessionInfo',
    whyItMatters: "the access token is the consumer's secret for its notification endpoint; responses and logs should not carry it (writeOnly from 1.2.0-rc.3)",
    detail: 'the createSession response contains sinkCredential.accessToken',
  });
}

/** The identity of a check of an official createSession scenario (`part`: the name after `${CS}`). */
const scenario = (part: string, title: string, area: Area, cites: string, rules: string[]) => scenarioCheck('createSession', area, `${CS}${part}`, title, cites, rules);

type Created = Awaited<ReturnType<typeof createOk>> & { body: Json; device?: DeviceId };

/** Row of a property of the plain session (no optional fields): reads the shared plain create. */
function plainRow(property: string, area: Area, rule: string, judge: (q: Qod, created: Created, rule: string) => Promise<void> | void, rules: string[] = []): SuccessRow {
  return {
    property: `$.${property}`,
    area,
    rule,
    rules,
    async run(q, ruleText) {
      await judge(q, await plainCreated(q), ruleText);
    },
  };
}

const ROWS: SuccessRow[] = [
  {
    property: '$.device',
    area: 'devices',
    rule: 'exists only if provided in the request body and with the same value',
    async run(q, rule) {
      const { session, device } = await plainCreated(q);
      if (q.rules.echoesSingleIdentifier) {
        await noteConflict(
          q,
          6,
          `followed QoD ${q.version}: SessionInfo.device is a DeviceResponse (one identifier among those sent, may be omitted when one was sent), not necessarily the device object as sent. "Absent when not sent" is checked by 03_3_legged_missing_device.`,
        );
      }
      checkDeviceEcho(q, session, device, rule);
    },
  },
  plainRow('applicationServer', 'lifecycle', 'same value as in the request body', (q, { session, body }, rule) => {
    checkEchoed(q, session, 'applicationServer', body.applicationServer, rule);
  }),
  plainRow('qosProfile', 'profiles', 'same value as in the request body', (q, { session, body }, rule) => {
    checkEchoed(q, session, 'qosProfile', body.qosProfile, rule);
  }),
  optionalFieldRow('devicePorts', 'ports', () => ({ devicePorts: DEVICE_PORTS })),
  optionalFieldRow('applicationServerPorts', 'ports', () => ({ applicationServerPorts: SERVER_PORTS })),
  optionalFieldRow('sink', 'notifications', (q) => {
    const sink = watchedSink(q);
    return { sink: sink.url, sinkCredential: sink.credential };
  }),
  plainRow(
    'startedAt',
    'lifecycle',
    'exists only if "$.qosStatus" is "AVAILABLE" and value is in the past',
    async (q, { session, res }, rule) => {
      await noteConflict(q, 7, 'followed the spec: startedAt must be absent while REQUESTED and not in the future; an UNAVAILABLE session may carry it.');
      await checkStartedAt(q, session, res, rule);
    },
    ['lifecycle.started-at-when-available'],
  ),
  plainRow('expiresAt', 'lifecycle', 'exists only if "$.qosStatus" is not "REQUESTED" and later than "$.startedAt"', (q, { session }, rule) => checkExpiresAt(q, session, rule), [
    'lifecycle.expires-after-duration',
  ]),
  plainRow('statusInfo', 'lifecycle', 'exists only if "$.qosStatus" is "UNAVAILABLE"', (q, { session }, rule) => checkStatusInfo(q, session, rule)),
];

group('createSession: success', () => {
  for (const row of ROWS) {
    check(
      {
        ...scenario(S01, `201 SessionInfo; ${row.property} ${row.rule}`, row.area, `${row.property} ${row.rule}`, [...CREATED, ...(row.rules ?? [])]),
        id: `${CS}${S01}:${row.property.replace(/^\$\./, '')}`,
        appliesTo: officialScenarios,
        judges: 'create',
      },
      async (q) => row.run(q, ruleOf(q, `${S01} [${row.property}]`)),
    );
  }

  check(
    {
      ...scenario('02_1_sinkcredential_provided', 'sink plus an ACCESSTOKEN credential: 201', 'notifications', 'createSession 201 with sink and sinkCredential', [
        'notify.sink-credential-bearer',
        'lifecycle.create-201-session-info',
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      // Answered by the shared create that sends a sink and credential among every optional field; else by its own.
      await sharedOrOwn(
        async () => void (await optionalCreated(q)),
        async () => {
          const device = await q.device();
          const sink = watchedSink(q);
          const body = await createBody(q, device, { sink: sink.url, sinkCredential: sink.credential });
          await assertValidBody(q, body);
          await createOk(q, body, ruleOf(q, '02_1_sinkcredential_provided'));
        },
      );
    },
  );

  check(
    {
      ...scenario(
        '02_2_event_received',
        'the status event reaches the sink as a valid CloudEvent with the Bearer credential',
        'notifications',
        'createSession callback: EventQosStatusChanged CloudEvent with Authorization: Bearer <accessToken>',
        ['notify.available-event.createSession', 'notify.cloudevent-attributes', 'notify.sink-credential-bearer'],
      ),
      appliesTo: officialScenarios,
      concurrent: true,
    },
    async (q: Qod) => {
      const rule = ruleOf(q, '02_2_event_received', 'createSession callbacks.notifications (EventQosStatusChanged)');
      const eventType = q.need('the CloudEvent type of this version', q.rules.eventType);
      const device = await q.device();
      const sink = watchedSink(q);
      const { id } = await createOk(q, await createBody(q, device, { sink: sink.url, sinkCredential: sink.credential }), rule);
      await noteConflict(q, 1, `followed the spec: the event type must be "${eventType}" (the official step expects "org.camaraproject.qod.v1.qos-status-changed").`);

      const { records, timedOut } = await q.waitCallbacks(sink.path, (rs) => rs.length > 0);
      if (timedOut && records.length === 0) {
        const now = (await getSession(q, id)).json as SessionView | undefined;
        if (now?.qosStatus === 'REQUESTED') {
          q.ctx.skip(
            `${BLOCKED_SKIP}the session's status did not become known within the notification timeout (${q.config.notificationTimeoutMs} ms; raise --notification-timeout): the session is still REQUESTED`,
          );
        }
        q.check(false, 'no event reached the sink after the session status became known', {
          rule,
          expected: `a qos-status-changed event at the sink within ${q.config.notificationTimeoutMs} ms`,
          actual: `nothing arrived; the session is ${String(now?.qosStatus)}`,
        });
      }
      const event = records[0]!;
      const parsed = parseRecordBody(event);
      const body = parsed.ok ? (parsed.value as { data?: { qosStatus?: unknown } }) : undefined;
      const available = body?.data?.qosStatus === 'AVAILABLE';
      const problems = checkQosStatusEvent(event, { type: eventType, sessionId: id, bearer: sink.token, statusInfo: available ? null : undefined });
      if (parsed.ok) {
        const v = await q.validators();
        problems.push(...v.validateCallbackBody('createSession', parsed.value).map((p) => `schema: ${p.pointer || '/'} ${p.message} [${p.specLocation}]`));
      }
      q.check(problems.length === 0, `the status event breaks ${problems.length} rule${problems.length === 1 ? '' : 's'}`, {
        rule,
        expected: `a CloudEvent "${eventType}" for session ${id}, Content-Type application/cloudevents+json, Authorization: Bearer <the accessToken given>, statusInfo only when UNAVAILABLE`,
        actual: problems.join('; '),
      });
    },
  );

  check(
    {
      ...scenario('03_3_legged_missing_device', '3-legged token, no device: 201 and no device in the response', 'devices', 'SessionInfo.device only returned when given in the request', [
        'device.missing-identifier-422',
        'lifecycle.create-201-session-info',
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      const rule = ruleOf(q, '03_3_legged_missing_device');
      const { session } = await createOk(q, await createBody(q, undefined), rule, { token });
      checkDeviceEcho(q, session, undefined, rule);
    },
  );

  check(
    {
      ...scenario('04_1_application_server_subnets_provided', 'applicationServer given as subnets: 201', 'validation', 'ApplicationServerIpAddressSubnets', ['lifecycle.create-201-session-info']),
      appliesTo: r41Scenarios,
    },
    async (q) => {
      const server = q.need('applicationServer', q.operator.applicationServer);
      const subnets: Json = {};
      if (server.ipv4Address) subnets.ipv4Address = server.ipv4Address.includes('/') ? server.ipv4Address : `${server.ipv4Address}/32`;
      if (server.ipv6Address) subnets.ipv6Address = server.ipv6Address.includes('/') ? server.ipv6Address : `${server.ipv6Address}/128`;
      const device = await q.device();
      const body = await createBody(q, device, { applicationServer: subnets });
      await assertValidBody(q, body);
      const rule = ruleOf(q, '04_1_application_server_subnets_provided');
      const { session } = await createOk(q, body, rule);
      checkEchoed(q, session, 'applicationServer', subnets, rule);
    },
  );

  check(
    {
      ...scenario('04_2_application_server_list_provided', 'applicationServer given as an ipAddresses list: 201', 'validation', 'ApplicationServerIpAddressList', [
        'lifecycle.create-201-session-info',
      ]),
      appliesTo: r41Scenarios,
    },
    async (q) => {
      const server = q.need('applicationServer', q.operator.applicationServer);
      const ipAddresses = [server.ipv4Address, server.ipv6Address].filter((a): a is string => a !== undefined).map((a) => a.split('/')[0]!);
      const device = await q.device();
      const body = await createBody(q, device, { applicationServer: { ipAddresses } });
      await assertValidBody(q, body);
      const rule = ruleOf(q, '04_2_application_server_list_provided');
      const { session } = await createOk(q, body, rule);
      checkEchoed(q, session, 'applicationServer', { ipAddresses }, rule);
    },
  );
});

group('createSession: session state errors', () => {
  check(
    {
      ...scenario('409.1_session_conflict', 'a second session for a device with an active one: 409 CONFLICT', 'lifecycle', 'createSession 409 CONFLICT', [
        ...ERRORS,
        'lifecycle.one-session-per-device',
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const rule = ruleOf(q, '409.1_session_conflict', 'createSession responses.409 CONFLICT');
      const device = await q.device();
      const body = await createBody(q, device);
      await createOk(q, body, rule);
      await expectRefused(q, body, { status: 409, codes: ['CONFLICT'], rule });
    },
  );

  check(
    {
      ...scenario(
        '422.1_session_qos_profile_not_applicable',
        'a profile that exists but cannot be used: 422 QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
        'profiles',
        'createSession 422 QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
        [...ERRORS, 'lifecycle.profile-not-applicable-422.createSession'],
      ),
      appliesTo: profileNotApplicable422,
    },
    async (q) => {
      const profile = q.need('qosProfiles.notApplicable', q.operator.qosProfiles.notApplicable);
      const device = await q.device();
      const body = await createBody(q, device, { qosProfile: profile, duration: await testDuration(q, profile) });
      const rule = ruleOf(q, '422.1_session_qos_profile_not_applicable', 'createSession responses.422 QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE');
      await expectRefused(q, body, { status: 422, codes: ['QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE'], rule });
    },
  );

  check(
    {
      ...scenario(
        '422.2_private_key_jwt_not_configured',
        'PRIVATE_KEY_JWT without a pre-shared key set: 422 PRIVATE_KEY_JWT_NOT_CONFIGURED',
        'notifications',
        'createSession 422 PRIVATE_KEY_JWT_NOT_CONFIGURED',
        [...ERRORS],
      ),
      appliesTo: r41Scenarios,
    },
    async (q) => {
      const device = await q.device();
      const body = await createBody(q, device, { sink: refusedRequestSink(q), sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' } });
      await assertValidBody(q, body);
      const rule = ruleOf(q, '422.2_private_key_jwt_not_configured', 'createSession responses.422 PRIVATE_KEY_JWT_NOT_CONFIGURED (the conformance client has no key set agreed)');
      await expectRefused(q, body, { status: 422, codes: ['PRIVATE_KEY_JWT_NOT_CONFIGURED'], rule });
    },
  );
});
