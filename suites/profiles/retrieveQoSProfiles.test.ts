// retrieveQoSProfiles: official scenarios of qos-profiles-retrieveQoSProfiles.feature (r3.2: 18
// scenarios / 23 cases; r4.1: 20 / 25, error tags renumbered to two digits). Test names carry the
// ID of the release matching the run.
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { describe } from 'vitest';
import type { DeviceId } from '../../src/config/types.js';
import { qodTest, type Qod } from '../../src/suite/harness.js';
import {
  assertInvalidBody,
  bogusToken,
  DEVICE_RULE_VERSIONS,
  expectNotEligible,
  listProfiles,
  namesOf,
  PROFILE_STATUSES,
  profilesOf,
  profileScenarioId,
  R4_1_VERSIONS,
  r41ScenarioId,
  retrieveQosProfiles,
  RETRIEVE_VERSIONS,
  sendWithInvalidCorrelator,
  unauthenticatedCodes,
} from '../../src/suite/profile-checks.js';

const OP = 'retrieveQoSProfiles' as const;
const id = (tail: string) => profileScenarioId(OP, tail);
const meta = (scenarioId: string, rule: string) => ({ area: 'profiles', operation: OP, scenarioId, rule });
const onRetrieve = { versions: RETRIEVE_VERSIONS };
const onDeviceRules = { versions: DEVICE_RULE_VERSIONS };

/** One identifier per row that breaks its schema (C01.02 outline, 4 rows). */
const INVALID_IDENTIFIERS: ReadonlyArray<{ row: string; device: Record<string, unknown> }> = [
  { row: 'device.phoneNumber', device: { phoneNumber: 'not-a-phone-number' } },
  { row: 'device.ipv4Address', device: { ipv4Address: { publicAddress: '203.0.113.999', publicPort: 1024 } } },
  { row: 'device.ipv6Address', device: { ipv6Address: '2001:db8::zzzz' } },
  { row: 'device.networkAccessIdentifier', device: { networkAccessIdentifier: 12345 } },
];

/** Schema-valid stand-ins when the operator data has no value of an identifier type. */
const SAMPLE_IDENTIFIER: Required<DeviceId> = {
  phoneNumber: '+99900000001',
  networkAccessIdentifier: 'qod-conformance@example.invalid',
  ipv4Address: { publicAddress: '192.0.2.1', publicPort: 1024 },
  ipv6Address: '2001:db8::1',
};

/** A device named only by identifier types the endpoint does not support (operator values first). */
function unsupportedDevice(q: Qod, kinds: ReadonlyArray<keyof DeviceId>): DeviceId {
  const d = q.operator.devices;
  const candidates = [d.known, d.second, ...(d.pool ?? []), q.operator.threeLeggedDevice, d.unknown].filter((x): x is DeviceId => x !== undefined);
  const device: DeviceId = {};
  for (const kind of kinds) {
    const value = candidates.find((c) => c[kind] !== undefined)?.[kind] ?? SAMPLE_IDENTIFIER[kind];
    Object.assign(device, { [kind]: value });
  }
  return device;
}

describe('retrieveQoSProfiles', () => {
  const s01 = id('01_generic_success_scenario');
  qodTest(
    `${s01} — a schema-valid filter lists valid QosProfile items`,
    meta(s01, 'retrieveQoSProfiles 200 array of QosProfile'),
    async (q: Qod) => {
      q.needProfilesApi();
      const res = await retrieveQosProfiles(q, {});
      profilesOf(q, res, s01);
    },
    onRetrieve,
  );

  const s02 = id('02_filter_by_name_only');
  qodTest(
    `${s02} — filtering by an existing name lists exactly that profile`,
    meta(s02, 'retrieveQoSProfiles name filter'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const list = profilesOf(q, await retrieveQosProfiles(q, { name }), s02);
      q.check(list.length === 1 && list[0]!.name === name, 'the name filter did not give exactly the named profile', {
        rule: s02,
        expected: `exactly one profile, named ${JSON.stringify(name)}`,
        actual: `${list.length} profile(s): ${JSON.stringify(namesOf(list))}`,
      });
    },
    onRetrieve,
  );

  const s03 = id('03_filter_by_status_only');
  for (const status of PROFILE_STATUSES) {
    qodTest(
      `${s03} — filtering by status lists only profiles in that status [${status}]`,
      meta(s03, `retrieveQoSProfiles status filter ${status}`),
      async (q: Qod) => {
        q.needProfilesApi();
        const list = profilesOf(q, await retrieveQosProfiles(q, { status }), s03);
        const others = list.filter((p) => p.status !== status);
        q.check(others.length === 0, `the status filter ${status} let other profiles through`, {
          rule: s03,
          expected: `every item with status ${status}`,
          actual: others.map((p) => `${String(p.name)}: ${String(p.status)}`).join(', '),
        });
        // Spec: "Returns all QoS Profiles that match the given criteria": none may be dropped either.
        const all = await listProfiles(q, {}, q.cite('retrieveQoSProfiles 200'));
        const listed = new Set(namesOf(list));
        const missing = all.filter((p) => p.status === status && !listed.has(String(p.name)));
        q.check(missing.length === 0, `the status filter ${status} dropped matching profiles`, {
          rule: q.cite('retrieveQoSProfiles: returns all QoS Profiles that match the given criteria'),
          expected: `every profile listed without a filter in status ${status}`,
          actual: `missing: ${namesOf(missing).join(', ')}`,
        });
      },
      onRetrieve,
    );
  }

  const s04 = id('04_return_restricted_profiles');
  qodTest(
    `${s04} — a device eligible for a device-restricted profile gets it listed`,
    meta(s04, 'retrieveQoSProfiles device filter'),
    async (q: Qod) => {
      q.needProfilesApi();
      const restricted = q.need('qosProfiles.restricted', q.operator.qosProfiles.restricted);
      const device = q.need('devices.eligibleForRestricted', q.operator.devices.eligibleForRestricted);
      const list = profilesOf(q, await retrieveQosProfiles(q, { device }), s04);
      q.check(namesOf(list).includes(restricted), 'the restricted profile is missing for a device that may use it', {
        rule: `${s04} / ${q.cite('retrieveQoSProfiles: with a device filter, profiles available to that device')}`,
        expected: `${restricted} listed for the eligible device`,
        actual: `listed: ${namesOf(list).join(', ') || '(none)'}`,
      });
    },
    onDeviceRules,
  );

  const s05 = id('05_not_return_restricted_profiles');
  qodTest(
    `${s05} — without a device (2-legged token) no device-restricted profile is listed`,
    meta(s05, 'retrieveQoSProfiles without device filter'),
    async (q: Qod) => {
      q.needProfilesApi();
      const restricted = q.need('qosProfiles.restricted', q.operator.qosProfiles.restricted);
      const list = profilesOf(q, await retrieveQosProfiles(q, {}), s05);
      q.check(!namesOf(list).includes(restricted), 'a device-restricted profile is listed without a device', {
        rule: s05,
        expected: `${restricted} not listed when no device is given`,
        actual: `listed: ${namesOf(list).join(', ')}`,
      });
    },
    onDeviceRules,
  );

  const s06 = id('06_device_qos_profiles_not_found');
  qodTest(
    `${s06} — a device the service does not apply to gets no profile (200 [] or 422 SERVICE_NOT_APPLICABLE)`,
    meta(s06, 'retrieveQoSProfiles non-eligible device'),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      await expectNotEligible(q, device, s06);
    },
    onDeviceRules,
  );

  const c01 = id('C01.01_device_empty');
  qodTest(
    `${c01} — device {} is 400 INVALID_ARGUMENT`,
    meta(c01, 'Device minProperties 1'),
    async (q: Qod) => {
      q.needProfilesApi();
      const body = { device: {} };
      await assertInvalidBody(q, OP, body);
      const res = await retrieveQosProfiles(q, body);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${c01} / ${q.cite('QosProfileDeviceRequest.device minProperties 1')}` });
    },
    onDeviceRules,
  );

  const c02 = id('C01.02_device_identifiers_not_schema_compliant');
  for (const { row, device } of INVALID_IDENTIFIERS) {
    qodTest(
      `${c02} — an identifier breaking its schema is 400 INVALID_ARGUMENT [${row}]`,
      meta(c02, `${row} schema`),
      async (q: Qod) => {
        q.needProfilesApi();
        if (row === 'device.networkAccessIdentifier') {
          await q.noteStandard(
            'SCENARIOS.md conflict #15: networkAccessIdentifier is an unconstrained string up to 1.1.0 (1.2.0-rc.3 adds only maxLength 2048), so this row sends a non-string value.',
          );
        }
        const body = { device };
        const why = await assertInvalidBody(q, OP, body);
        const res = await retrieveQosProfiles(q, body);
        q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${c02} / ${q.cite(`QosProfileDeviceRequest.${row} schema (${why})`)}` });
      },
      onDeviceRules,
    );
  }

  const c03 = id('C01.03_device_not_found');
  qodTest(
    `${c03} — a schema-valid device unknown to the network is 404 IDENTIFIER_NOT_FOUND`,
    meta(c03, 'retrieveQoSProfiles 404 IDENTIFIER_NOT_FOUND'),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unknown', q.operator.devices.unknown);
      const res = await retrieveQosProfiles(q, { device });
      q.expectError(res, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: c03 });
    },
    onDeviceRules,
  );

  const c04 = id('C01.04_unnecessary_device');
  qodTest(
    `${c04} — a device-identifying (3-legged) token plus a device is 422 UNNECESSARY_IDENTIFIER`,
    meta(c04, 'retrieveQoSProfiles: with a 3-legged token the device MUST NOT be sent'),
    async (q: Qod) => {
      q.needProfilesApi();
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      const device = q.need('threeLeggedDevice or devices.known', q.operator.threeLeggedDevice ?? q.operator.devices.known);
      const res = await retrieveQosProfiles(q, { device }, { token });
      q.expectError(res, {
        status: 422,
        codes: ['UNNECESSARY_IDENTIFIER'],
        rule: `${c04} / ${q.cite('qos-profiles: identifying the device from the access token (422 UNNECESSARY_IDENTIFIER)')}`,
      });
    },
    onDeviceRules,
  );

  const c06 = id('C01.06_unsupported_device');
  qodTest(
    `${c06} — a device named only by unsupported identifier types is 422 UNSUPPORTED_IDENTIFIER`,
    meta(c06, 'retrieveQoSProfiles 422 UNSUPPORTED_IDENTIFIER'),
    async (q: Qod) => {
      q.needProfilesApi();
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const device = unsupportedDevice(q, kinds);
      const res = await retrieveQosProfiles(q, { device });
      q.expectError(res, { status: 422, codes: ['UNSUPPORTED_IDENTIFIER'], rule: c06 });
    },
    onDeviceRules,
  );

  const c07 = id('C01.07_device_not_supported');
  qodTest(
    `${c07} — a device the service does not apply to: 422 SERVICE_NOT_APPLICABLE (or 200 [], conflict #9)`,
    meta(c07, 'retrieveQoSProfiles 422 SERVICE_NOT_APPLICABLE'),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      await expectNotEligible(q, device, c07);
    },
    onDeviceRules,
  );

  const s400a = id('400.1_schema_not_compliant');
  qodTest(
    `${s400a} — a body not valid against QosProfileDeviceRequest is 400 INVALID_ARGUMENT`,
    meta(s400a, 'QosProfileDeviceRequest schema'),
    async (q: Qod) => {
      q.needProfilesApi();
      const body = { status: 'NOT_A_PROFILE_STATUS' };
      const why = await assertInvalidBody(q, OP, body);
      const res = await retrieveQosProfiles(q, body);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400a} / ${q.cite(`QosProfileDeviceRequest (${why})`)}` });
    },
    onRetrieve,
  );

  const s400b = id('400.2_no_request_body');
  qodTest(
    `${s400b} — a request without body is 400 INVALID_ARGUMENT`,
    meta(s400b, 'retrieveQoSProfiles requestBody required'),
    async (q: Qod) => {
      q.needProfilesApi();
      await assertInvalidBody(q, OP, undefined);
      const res = await retrieveQosProfiles(q, undefined, { contentType: 'application/json' });
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400b} / ${q.cite('retrieveQoSProfiles requestBody required: true')}` });
    },
    onRetrieve,
  );

  const s400c = r41ScenarioId(OP, '400.03_invalid_x-correlator');
  qodTest(
    `${s400c} — an x-correlator violating XCorrelator is 400 INVALID_ARGUMENT`,
    meta(s400c, 'x-correlator header schema XCorrelator'),
    async (q: Qod) => {
      q.needProfilesApi();
      const correlator = 'not a valid correlator!';
      const violations = (await q.validators()).validateParameter(OP, 'x-correlator', correlator);
      if (violations.length === 0) throw new Error(`test bug: x-correlator ${JSON.stringify(correlator)} is valid in QoD ${q.version}`);
      const res = await sendWithInvalidCorrelator(q, { api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: OP, body: {}, xCorrelator: correlator });
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400c} / ${q.cite('retrieveQoSProfiles parameter x-correlator (XCorrelator pattern)')}` });
    },
    { versions: R4_1_VERSIONS },
  );

  const s401a = id('401.1_no_authorization_header');
  qodTest(
    `${s401a} — no Authorization header is 401 UNAUTHENTICATED`,
    meta(s401a, 'retrieveQoSProfiles security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const res = await retrieveQosProfiles(q, {}, { token: null });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), rule: s401a });
    },
    onRetrieve,
  );

  const s401b = id('401.2_expired_access_token');
  qodTest(
    `${s401b} — an expired access token is 401 UNAUTHENTICATED`,
    meta(s401b, 'retrieveQoSProfiles security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const token = q.need('tokens.expired', q.operator.tokens.expired);
      const res = await retrieveQosProfiles(q, {}, { token });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), rule: s401b });
    },
    onRetrieve,
  );

  const s401c = id('401.3_invalid_access_token');
  qodTest(
    `${s401c} — an access token nobody issued is 401 UNAUTHENTICATED`,
    meta(s401c, 'retrieveQoSProfiles security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const res = await retrieveQosProfiles(q, {}, { token: bogusToken() });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), rule: s401c });
    },
    onRetrieve,
  );

  const s403 = id('403.1_missing_access_token_scope');
  qodTest(
    `${s403} — a token without qos-profiles:read is 403 PERMISSION_DENIED`,
    meta(s403, 'retrieveQoSProfiles security openId: qos-profiles:read'),
    async (q: Qod) => {
      q.needProfilesApi();
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      const res = await retrieveQosProfiles(q, {}, { token });
      q.expectError(res, { status: 403, codes: ['PERMISSION_DENIED'], rule: `${s403} / ${q.cite('retrieveQoSProfiles security openId: qos-profiles:read')}` });
    },
    onRetrieve,
  );

  const s429 = r41ScenarioId(OP, '429.01_too_many_requests');
  qodTest(
    `${s429} — reaching the request threshold is 429 TOO_MANY_REQUESTS`,
    meta(s429, 'retrieveQoSProfiles 429 TOO_MANY_REQUESTS'),
    async (q: Qod) => {
      q.needProfilesApi();
      await expectTooManyRequests(q, { api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }, s429);
    },
    { versions: R4_1_VERSIONS },
  );
});
