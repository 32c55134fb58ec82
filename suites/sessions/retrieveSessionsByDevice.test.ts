// retrieveSessionsByDevice: official scenarios of quality-on-demand-retrieveSessionsByDevice.feature (r3.2 / r4.1).
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { both, hasRetrieveSessions, r41Scenarios, strictDeviceTokenRule } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import { deviceCount } from '../../src/suite/devices.js';
import type { DeviceId } from '../../src/config/types.js';
import { setupSession } from '../../src/suite/precondition.js';
import type { Qod } from '../../src/suite/harness.js';
import { authRefused, checkSessionAsCreated, codesFor, expectCorrelatorEcho, idsOf, invalidCorrelator, type AuthCase } from '../../src/suite/lifecycle-checks.js';
import { noteConflict } from '../../src/suite/create-cases.js';
import { retrieveSessions, validCreateBody, type SessionView } from '../../src/suite/sessions.js';
import { BUSY_DEVICE_SKIP } from '../../src/suite/busy-device.js';
import { classifyListed, FOREIGN_SETTLE_MS, retrieveSettled } from '../../src/suite/foreign-sessions.js';

const ID = {
  s01: 'quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device',
  s02: 'quality_on_demand_retrieveSessionsByDevice_02_sessions_not_found',
  c01_01: 'quality_on_demand_retrieveSessionsByDevice_C01.01_device_empty',
  c01_02: 'quality_on_demand_retrieveSessionsByDevice_C01.02_device_identifiers_not_schema_compliant',
  c01_03: 'quality_on_demand_retrieveSessionsByDevice_C01.03_device_not_found',
  c01_04: 'quality_on_demand_retrieveSessionsByDevice_C01.04_unnecessary_device',
  c01_05: 'quality_on_demand_retrieveSessionsByDevice_C01.05_missing_device',
  c01_06: 'quality_on_demand_retrieveSessionsByDevice_C01.06_unsupported_device',
  c01_07: 'quality_on_demand_retrieveSessionsByDevice_C01.07_device_not_supported',
  s400_1: 'quality_on_demand_retrieveSessionsByDevice_400.1_schema_not_compliant',
  s400_2: 'quality_on_demand_retrieveSessionsByDevice_400.2_no_request_body',
  s400_3: 'quality_on_demand_retrieveSessionsByDevice_400.3_invalid_x-correlator',
  s401_1: 'quality_on_demand_retrieveSessionsByDevice_401.1_no_authorization_header',
  s401_2: 'quality_on_demand_retrieveSessionsByDevice_401.2_expired_access_token',
  s401_3: 'quality_on_demand_retrieveSessionsByDevice_401.3_invalid_access_token',
  s403_1: 'quality_on_demand_retrieveSessionsByDevice_403.1_missing_access_token_scope',
  s429_1: 'quality_on_demand_retrieveSessionsByDevice_429.1_too_many_requests',
} as const;

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of a retrieveSessionsByDevice check of an official scenario (default: where the operation exists). */
const scenario = (scenarioId: string, title: string, cites: string, area: CheckSpec['area'], rules: string[]) => ({
  ...scenarioCheck('retrieveSessionsByDevice', area, scenarioId, title, cites, rules),
  appliesTo: hasRetrieveSessions,
});

/** The 2-legged / 3-legged device rules (C01.03-07) exist from 1.0.0. */
const deviceRules = both(hasRetrieveSessions, strictDeviceTokenRule);

/** The device of the scenarios that only need the request to be valid (no session is created). */
function anyKnownDevice(q: Qod): DeviceId {
  return q.need('devices.known', q.operator.devices.known);
}

/** Schema-valid sample values, used when an identifier type has to be sent that the operator data lacks. */
const SAMPLE: Required<DeviceId> = {
  phoneNumber: '+123456789',
  networkAccessIdentifier: '123456789@domain.com',
  ipv4Address: { publicAddress: '203.0.113.250', publicPort: 59999 },
  ipv6Address: '2001:db8:85a3:8d3:1319:8a2e:370:7344',
};

/** One identifier breaking its schema per C01.02 row, and the schema rule it breaks. */
const NOT_COMPLIANT: Array<{ row: keyof DeviceId; device: Record<string, unknown>; broken: string }> = [
  { row: 'phoneNumber', device: { phoneNumber: 'not-a-phone-number' }, broken: 'phoneNumber.pattern' },
  { row: 'ipv4Address', device: { ipv4Address: { publicAddress: '203.0.113.999', publicPort: 59999 } }, broken: 'ipv4Address/publicAddress.format' },
  { row: 'ipv6Address', device: { ipv6Address: '2001:db8::zz::1' }, broken: 'ipv6Address.format' },
  // Unconstrained string up to 1.1.0 (≤ 2048 in 1.2.0-rc.3): only a non-string breaks it everywhere (conflicts #15).
  { row: 'networkAccessIdentifier', device: { networkAccessIdentifier: 1234567890 }, broken: 'networkAccessIdentifier.type' },
];

async function expectRetrieveError(q: Qod, body: unknown, exp: { status: number; codes: string[]; rule: string }, token?: string): Promise<void> {
  const res = await retrieveSessions(q, body, token);
  q.expectError(res, exp);
}

async function refusedAuth(q: Qod, which: AuthCase, scenarioId: string): Promise<void> {
  await authRefused(q, { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: anyKnownDevice(q) } }, which, scenarioId);
}

group('retrieveSessionsByDevice', () => {
  check(
    scenario(
      ID.s01,
      'a device with a session: exactly its sessions of this client (none of another device or client)',
      "retrieveSessionsByDevice 200: the device's sessions created by the same API client",
      'lifecycle',
      ['headers.x-correlator-echo', 'headers.content-type-json', 'sessions.retrieve-lists-device-sessions'],
    ),
    async (q: Qod) => {
      const other = q.operator.tokens.secondClient;
      // --profile safe spends no session on the other client's part: auth.owner-only.other-client
      // gives its verdict (another client's retrieve-sessions must not list ours).
      const isolation = other !== undefined && q.config.profile !== 'safe';
      // Leased together; a third one for another client's session when the run has that client.
      const [deviceA, deviceB, deviceC] = await q.devices(isolation && deviceCount(q.operator) >= 3 ? 3 : 2);
      const bodyA = await validCreateBody(q, deviceA!);
      const { id: idA } = await setupSession(q, bodyA);
      const { id: idB } = await setupSession(q, await validCreateBody(q, deviceB!));
      const res = await retrieveSessions(q, { device: deviceA });
      q.expectStatus(res, 200, ID.s01);
      expectCorrelatorEcho(q, res, ID.s01);
      const ids = idsOf(q, res.json);
      const rule = `${ID.s01}; ${q.cite("retrieveSessionsByDevice: the device's sessions created by the same API client")}`;
      q.check(ids.includes(idA), "the device's session is missing from the answer", {
        rule,
        expected: `an item with ${q.rules.sessionIdField} ${idA}`,
        actual: `ids ${JSON.stringify(ids)}`,
      });
      // Sessions from outside this check are tolerated only for deviceA (another run's, same client).
      const { otherDevice } = classifyListed(q, res.json, deviceA!, [idB], [idA]);
      q.check(otherDevice.length === 0, 'a session of another device is listed', {
        rule,
        expected: `only sessions of ${JSON.stringify(deviceA)}`,
        actual: `sessions of another device ${JSON.stringify(otherDevice)} (this check's session on ${JSON.stringify(deviceB)} is ${idB}) in ${JSON.stringify(ids)}`,
      });
      const itemA = (res.json as SessionView[]).find((s) => s[q.rules.sessionIdField] === idA)!;
      await checkSessionAsCreated(q, itemA, bodyA, res, ID.s01);

      if (other && !isolation) {
        await q.ctx.annotate('isolation between API clients: judged by auth.owner-only.other-client under --profile safe (no session of another client here)', 'qod:info');
        return;
      }
      if (!other || !deviceC) {
        await q.advise({
          title: 'isolation between API clients in retrieveSessionsByDevice not checked',
          whyItMatters: 'A listing that mixes API clients leaks sessions of other applications.',
          detail: other ? 'The run has only two test devices (devices.known / devices.pool); the check needs a third.' : 'The run has no tokens.secondClient (a token of another API client).',
        });
        return;
      }
      // Another client's session on a device of ours must not be listed for us, nor ours for it.
      const { id: idC } = await setupSession(q, await validCreateBody(q, deviceC), { token: other });
      const ours = await retrieveSessions(q, { device: deviceC });
      q.expectStatus(ours, 200, ID.s01);
      q.check(!idsOf(q, ours.json).includes(idC), 'a session of another API client is listed', {
        rule,
        expected: `no session created by another API client (${idC})`,
        actual: `ids ${JSON.stringify(idsOf(q, ours.json))}`,
      });
      const theirs = await retrieveSessions(q, { device: deviceA }, other);
      q.expectStatus(theirs, 200, ID.s01);
      q.check(!idsOf(q, theirs.json).includes(idA), 'another API client gets our session listed', {
        rule,
        expected: `no session of this client (${idA}) in the other client's answer`,
        actual: `ids ${JSON.stringify(idsOf(q, theirs.json))}`,
      });
    },
  );

  check(scenario(ID.s02, 'a device without sessions: exactly []', 'retrieveSessionsByDevice 200 [] when the device has no session', 'lifecycle', ['sessions.retrieve-empty-list']), async (q: Qod) => {
    // A session of this client on another device, so that a listing ignoring the device shows
    // (--profile safe spends no session on it: scenario 01 gives that verdict, with a session on
    // another device it must not list).
    const busyDevice = q.config.profile !== 'safe';
    const [empty, busy] = await q.devices(busyDevice ? 2 : 1);
    const busyId = busyDevice ? (await setupSession(q, await validCreateBody(q, busy!))).id : undefined;
    // Another run with the same client may hold sessions on `empty`: re-read while it does.
    const { res, listed } = await retrieveSettled(q, empty!, busyId ? [busyId] : []);
    q.expectStatus(res, 200, ID.s02);
    expectCorrelatorEcho(q, res, ID.s02);
    const rule = `${ID.s02}; ${q.cite('retrieveSessionsByDevice: [] when the device has no session')}`;
    q.check(Array.isArray(res.json), 'the answer is not a list', { rule, expected: '[]', actual: res.text.slice(0, 300) });
    q.check(listed.otherDevice.length === 0, 'sessions of another device are listed', {
      rule,
      expected: `[] for ${JSON.stringify(empty)} (this run holds no session on it)`,
      actual: `sessions of another device ${JSON.stringify(listed.otherDevice)}${busyId ? ` (this check's session on ${JSON.stringify(busy)} is ${busyId})` : ''} in ${res.text.slice(0, 300)}`,
    });
    if (listed.foreign.length > 0) {
      q.ctx.skip(`${BUSY_DEVICE_SKIP} (sessions ${JSON.stringify(listed.foreign)} on ${JSON.stringify(empty)} were not created by this check and stayed listed for ${FOREIGN_SETTLE_MS / 1000} s)`);
    }
  });

  check(
    scenario(ID.c01_01, 'device {} is 400 INVALID_ARGUMENT', 'Device minProperties 1 → 400 INVALID_ARGUMENT', 'devices', [...ERRORS, 'schema.retrieveSessionsByDevice.request./device.minProperties']),
    async (q: Qod) => expectRetrieveError(q, { device: {} }, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${ID.c01_01}; ${q.cite('Device minProperties 1')}` }),
  );

  for (const { row, device, broken } of NOT_COMPLIANT) {
    check(
      {
        ...scenario(ID.c01_02, `a ${row} breaking its schema is 400 INVALID_ARGUMENT [${row}]`, `Device.${row} schema → 400 INVALID_ARGUMENT`, 'devices', [
          ...ERRORS,
          `schema.retrieveSessionsByDevice.request./device/${broken}`,
        ]),
        id: `${ID.c01_02}:${row}`,
      },
      async (q: Qod) => {
        await expectRetrieveError(q, { device }, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${ID.c01_02}; ${q.cite(`Device.${row} schema`)}` });
        if (row === 'networkAccessIdentifier') {
          await noteConflict(q, 15, 'networkAccessIdentifier is an unconstrained string up to 1.1.0 (only maxLength 2048 in 1.2.0-rc.3): a non-string value was sent to break its schema.');
        }
      },
    );
  }

  check(
    {
      ...scenario(ID.c01_03, 'a schema-valid device the network does not know is 404 IDENTIFIER_NOT_FOUND', 'retrieveSessionsByDevice 404 IDENTIFIER_NOT_FOUND', 'devices', [
        ...ERRORS,
        'device.unknown-404',
      ]),
      appliesTo: deviceRules,
    },
    async (q: Qod) => {
      const device = q.need('devices.unknown', q.operator.devices.unknown);
      await expectRetrieveError(q, { device }, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: ID.c01_03 });
    },
  );

  check(
    {
      ...scenario(ID.c01_04, 'a device-identifying (3-legged) token plus device is 422 UNNECESSARY_IDENTIFIER', '3-legged token: device MUST NOT be sent → 422 UNNECESSARY_IDENTIFIER', 'devices', [
        ...ERRORS,
        'device.unnecessary-identifier-422',
      ]),
      appliesTo: deviceRules,
    },
    async (q: Qod) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      const device = q.operator.threeLeggedDevice ?? anyKnownDevice(q);
      await expectRetrieveError(q, { device }, { status: 422, codes: ['UNNECESSARY_IDENTIFIER'], rule: ID.c01_04 }, token);
    },
  );

  check(
    {
      ...scenario(ID.c01_05, 'a 2-legged token without device is 422 MISSING_IDENTIFIER', '2-legged token: device MUST be sent → 422 MISSING_IDENTIFIER', 'devices', [
        ...ERRORS,
        'device.missing-identifier-422',
      ]),
      appliesTo: deviceRules,
    },
    async (q: Qod) => expectRetrieveError(q, {}, { status: 422, codes: ['MISSING_IDENTIFIER'], rule: ID.c01_05 }),
  );

  check(
    {
      ...scenario(ID.c01_06, 'only identifier types the endpoint does not support is 422 UNSUPPORTED_IDENTIFIER', 'retrieveSessionsByDevice 422 UNSUPPORTED_IDENTIFIER', 'devices', [
        ...ERRORS,
        'device.unsupported-identifier-422',
      ]),
      appliesTo: deviceRules,
    },
    async (q: Qod) => {
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const known = q.operator.devices.known ?? {};
      const device: Record<string, unknown> = {};
      for (const kind of kinds) device[kind] = known[kind] ?? SAMPLE[kind];
      await expectRetrieveError(q, { device }, { status: 422, codes: ['UNSUPPORTED_IDENTIFIER'], rule: ID.c01_06 });
    },
  );

  check(
    {
      ...scenario(ID.c01_07, 'a device the service does not apply to is 422 SERVICE_NOT_APPLICABLE', 'retrieveSessionsByDevice 422 SERVICE_NOT_APPLICABLE', 'devices', [
        ...ERRORS,
        'device.service-not-applicable-422',
      ]),
      appliesTo: deviceRules,
    },
    async (q: Qod) => {
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      await expectRetrieveError(q, { device }, { status: 422, codes: ['SERVICE_NOT_APPLICABLE'], rule: ID.c01_07 });
    },
  );

  check(
    scenario(ID.s400_1, 'a body not valid against RetrieveSessionsInput is 400 INVALID_ARGUMENT', 'RetrieveSessionsInput schema → 400 INVALID_ARGUMENT', 'validation', [
      ...ERRORS,
      'schema.retrieveSessionsByDevice.request./device.type',
    ]),
    async (q: Qod) => expectRetrieveError(q, { device: 'not-a-device-object' }, { status: 400, codes: codesFor(q, 'invalid'), rule: `${ID.s400_1}; ${q.cite('RetrieveSessionsInput')}` }),
  );

  check(
    scenario(ID.s400_2, 'no request body is 400 INVALID_ARGUMENT', 'requestBody required → 400 INVALID_ARGUMENT', 'validation', [...ERRORS, 'schema.retrieveSessionsByDevice.request./.required']),
    async (q: Qod) => {
      const res = await q.call({ method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', contentType: 'application/json' });
      q.expectError(res, { status: 400, codes: codesFor(q, 'invalid'), rule: ID.s400_2 });
    },
  );

  check(
    {
      ...scenario(ID.s400_3, 'an x-correlator breaking its pattern is 400 INVALID_ARGUMENT', 'XCorrelator pattern → 400 INVALID_ARGUMENT', 'headers', [
        ...ERRORS,
        'schema.retrieveSessionsByDevice.request.param/x-correlator.pattern',
      ]),
      appliesTo: r41Scenarios,
    },
    async (q: Qod) => invalidCorrelator(q, { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: anyKnownDevice(q) } }, ID.s400_3),
  );

  check(scenario(ID.s401_1, 'no Authorization header is 401 UNAUTHENTICATED', 'retrieveSessionsByDevice 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.no-credentials-401']), async (q: Qod) =>
    refusedAuth(q, 'no-authorization', ID.s401_1),
  );

  check(scenario(ID.s401_2, 'an expired access token is 401 UNAUTHENTICATED', 'retrieveSessionsByDevice 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.expired-token-401']), async (q: Qod) =>
    refusedAuth(q, 'expired', ID.s401_2),
  );

  check(scenario(ID.s401_3, 'an invalid access token is 401 UNAUTHENTICATED', 'retrieveSessionsByDevice 401 UNAUTHENTICATED', 'auth', [...ERRORS, 'auth.invalid-token-401']), async (q: Qod) =>
    refusedAuth(q, 'invalid', ID.s401_3),
  );

  check(
    scenario(
      ID.s403_1,
      'a token without quality-on-demand:sessions:retrieve-by-device is 403 PERMISSION_DENIED',
      'retrieveSessionsByDevice security scope quality-on-demand:sessions:retrieve-by-device → 403 PERMISSION_DENIED',
      'auth',
      [...ERRORS, 'auth.missing-scope-403'],
    ),
    async (q: Qod) => refusedAuth(q, 'missing-scope', ID.s403_1),
  );

  check(
    { ...scenario(ID.s429_1, 'over the request threshold: 429 TOO_MANY_REQUESTS', 'retrieveSessionsByDevice 429 TOO_MANY_REQUESTS', 'headers', [...ERRORS]), appliesTo: r41Scenarios },
    async (q: Qod) =>
      expectTooManyRequests(q, { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: q.need('devices.known', q.operator.devices.known) } }, ID.s429_1),
  );
});
