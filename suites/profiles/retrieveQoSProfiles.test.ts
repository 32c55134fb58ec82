// retrieveQoSProfiles: official scenarios of qos-profiles-retrieveQoSProfiles.feature (r3.2: 18
// scenarios / 23 cases; r4.1: 20 / 25, error tags renumbered to two digits). Test names carry the
// ID of the release matching the run.
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import type { DeviceId } from '../../src/config/types.js';
import { both, r41Scenarios, retrievesProfiles, strictDeviceTokenRule, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { ApiRequest } from '../../src/http/client.js';
import type { Qod } from '../../src/suite/harness.js';
import {
  assertInvalidBody,
  assertInvalidParameter,
  expectNotEligible,
  listProfiles,
  namesOf,
  PROFILE_STATUSES,
  profilesOf,
  profileScenarioId,
  r41ScenarioId,
  retrieveQosProfiles,
} from '../../src/suite/profile-checks.js';
import { authRefused, INVALID_CORRELATOR, invalidCorrelator } from '../../src/suite/lifecycle-checks.js';

const OP = 'retrieveQoSProfiles' as const;
/** POST /retrieve-qos-profiles without a filter. */
const RETRIEVE_ALL: ApiRequest = { api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: OP, body: {} };
const id = (tail: string) => profileScenarioId(OP, tail);
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** The device scenarios need the 1.0.0 device rules and codes (0.11.1 used DEVICE_NOT_FOUND, ...). */
const onDeviceRules = both(retrievesProfiles, strictDeviceTokenRule);

/** A retrieveQoSProfiles check of an official scenario; by default wherever POST /retrieve-qos-profiles exists. */
const scenario = (scenarioId: string, title: string, cites: string, rules: readonly string[], appliesTo: Applies = retrievesProfiles): CheckSpec => ({
  ...scenarioCheck(OP, 'profiles', scenarioId, title, cites, rules),
  appliesTo,
});

/** One identifier per row that breaks its schema (C01.02 outline, 4 rows), and the schema rule it breaks. */
const INVALID_IDENTIFIERS: ReadonlyArray<{ row: string; device: Record<string, unknown>; breaks: string }> = [
  { row: 'device.phoneNumber', device: { phoneNumber: 'not-a-phone-number' }, breaks: 'schema.retrieveQoSProfiles.request./device/phoneNumber.pattern' },
  { row: 'device.ipv4Address', device: { ipv4Address: { publicAddress: '203.0.113.999', publicPort: 1024 } }, breaks: 'schema.retrieveQoSProfiles.request./device/ipv4Address/publicAddress.format' },
  { row: 'device.ipv6Address', device: { ipv6Address: '2001:db8::zzzz' }, breaks: 'schema.retrieveQoSProfiles.request./device/ipv6Address.format' },
  { row: 'device.networkAccessIdentifier', device: { networkAccessIdentifier: 12345 }, breaks: 'schema.retrieveQoSProfiles.request./device/networkAccessIdentifier.type' },
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

group('retrieveQoSProfiles', () => {
  const s01 = id('01_generic_success_scenario');
  check(
    scenario(s01, 'a schema-valid filter lists valid QosProfile items', 'retrieveQoSProfiles 200 array of QosProfile', ['headers.x-correlator-echo', 'headers.content-type-json']),
    async (q: Qod) => {
      q.needProfilesApi();
      const res = await retrieveQosProfiles(q, {});
      profilesOf(q, res, s01);
    },
  );

  const s02 = id('02_filter_by_name_only');
  check(scenario(s02, 'filtering by an existing name lists exactly that profile', 'retrieveQoSProfiles name filter', ['profiles.filter-by-name']), async (q: Qod) => {
    q.needProfilesApi();
    const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
    const list = profilesOf(q, await retrieveQosProfiles(q, { name }), s02);
    q.check(list.length === 1 && list[0]!.name === name, 'the name filter did not give exactly the named profile', {
      rule: s02,
      expected: `exactly one profile, named ${JSON.stringify(name)}`,
      actual: `${list.length} profile(s): ${JSON.stringify(namesOf(list))}`,
    });
  });

  const s03 = id('03_filter_by_status_only');
  for (const status of PROFILE_STATUSES) {
    check(
      { ...scenario(s03, `filtering by status lists only profiles in that status [${status}]`, `retrieveQoSProfiles status filter ${status}`, ['profiles.filter-by-status']), id: `${s03}:${status}` },
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
    );
  }

  const s04 = id('04_return_restricted_profiles');
  check(
    scenario(s04, 'a device eligible for a device-restricted profile gets it listed', 'retrieveQoSProfiles device filter', ['profiles.device-filter-available-only'], onDeviceRules),
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
  );

  const s05 = id('05_not_return_restricted_profiles');
  check(
    scenario(s05, 'without a device (2-legged token) no device-restricted profile is listed', 'retrieveQoSProfiles without device filter', ['profiles.device-filter-available-only'], onDeviceRules),
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
  );

  const s06 = id('06_device_qos_profiles_not_found');
  check(
    scenario(s06, 'a device the service does not apply to gets no profile (200 [] or 422 SERVICE_NOT_APPLICABLE)', 'retrieveQoSProfiles non-eligible device', [], onDeviceRules),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      await expectNotEligible(q, device, s06);
    },
  );

  const c01 = id('C01.01_device_empty');
  check(scenario(c01, 'device {} is 400 INVALID_ARGUMENT', 'Device minProperties 1', [...ERRORS, 'schema.retrieveQoSProfiles.request./device.minProperties'], onDeviceRules), async (q: Qod) => {
    q.needProfilesApi();
    const body = { device: {} };
    await assertInvalidBody(q, OP, body);
    const res = await retrieveQosProfiles(q, body);
    q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${c01} / ${q.cite('QosProfileDeviceRequest.device minProperties 1')}` });
  });

  const c02 = id('C01.02_device_identifiers_not_schema_compliant');
  for (const { row, device, breaks } of INVALID_IDENTIFIERS) {
    check({ ...scenario(c02, `an identifier breaking its schema is 400 INVALID_ARGUMENT [${row}]`, `${row} schema`, [...ERRORS, breaks], onDeviceRules), id: `${c02}:${row}` }, async (q: Qod) => {
      q.needProfilesApi();
      if (row === 'device.networkAccessIdentifier') {
        await q.noteStandard('SCENARIOS.md conflict #15: networkAccessIdentifier is an unconstrained string up to 1.1.0 (1.2.0-rc.3 adds only maxLength 2048), so this row sends a non-string value.');
      }
      const body = { device };
      const why = await assertInvalidBody(q, OP, body);
      const res = await retrieveQosProfiles(q, body);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${c02} / ${q.cite(`QosProfileDeviceRequest.${row} schema (${why})`)}` });
    });
  }

  const c03 = id('C01.03_device_not_found');
  check(
    scenario(c03, 'a schema-valid device unknown to the network is 404 IDENTIFIER_NOT_FOUND', 'retrieveQoSProfiles 404 IDENTIFIER_NOT_FOUND', [...ERRORS, 'device.unknown-404'], onDeviceRules),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unknown', q.operator.devices.unknown);
      const res = await retrieveQosProfiles(q, { device });
      q.expectError(res, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: c03 });
    },
  );

  const c04 = id('C01.04_unnecessary_device');
  check(
    scenario(
      c04,
      'a device-identifying (3-legged) token plus a device is 422 UNNECESSARY_IDENTIFIER',
      'retrieveQoSProfiles: with a 3-legged token the device MUST NOT be sent',
      [...ERRORS, 'device.unnecessary-identifier-422'],
      onDeviceRules,
    ),
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
  );

  const c06 = id('C01.06_unsupported_device');
  check(
    scenario(
      c06,
      'a device named only by unsupported identifier types is 422 UNSUPPORTED_IDENTIFIER',
      'retrieveQoSProfiles 422 UNSUPPORTED_IDENTIFIER',
      [...ERRORS, 'device.unsupported-identifier-422'],
      onDeviceRules,
    ),
    async (q: Qod) => {
      q.needProfilesApi();
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const device = unsupportedDevice(q, kinds);
      const res = await retrieveQosProfiles(q, { device });
      q.expectError(res, { status: 422, codes: ['UNSUPPORTED_IDENTIFIER'], rule: c06 });
    },
  );

  const c07 = id('C01.07_device_not_supported');
  check(
    scenario(
      c07,
      'a device the service does not apply to: 422 SERVICE_NOT_APPLICABLE (or 200 [], conflict #9)',
      'retrieveQoSProfiles 422 SERVICE_NOT_APPLICABLE',
      ['device.service-not-applicable-422'],
      onDeviceRules,
    ),
    async (q: Qod) => {
      q.needProfilesApi();
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      await expectNotEligible(q, device, c07);
    },
  );

  const s400a = id('400.1_schema_not_compliant');
  check(
    scenario(s400a, 'a body not valid against QosProfileDeviceRequest is 400 INVALID_ARGUMENT', 'QosProfileDeviceRequest schema', [...ERRORS, 'schema.retrieveQoSProfiles.request./status.enum']),
    async (q: Qod) => {
      q.needProfilesApi();
      const body = { status: 'NOT_A_PROFILE_STATUS' };
      const why = await assertInvalidBody(q, OP, body);
      const res = await retrieveQosProfiles(q, body);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400a} / ${q.cite(`QosProfileDeviceRequest (${why})`)}` });
    },
  );

  const s400b = id('400.2_no_request_body');
  check(scenario(s400b, 'a request without body is 400 INVALID_ARGUMENT', 'retrieveQoSProfiles requestBody required', [...ERRORS, 'schema.retrieveQoSProfiles.request./.required']), async (q: Qod) => {
    q.needProfilesApi();
    await assertInvalidBody(q, OP, undefined);
    const res = await retrieveQosProfiles(q, undefined, { contentType: 'application/json' });
    q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400b} / ${q.cite('retrieveQoSProfiles requestBody required: true')}` });
  });

  const s400c = r41ScenarioId(OP, '400.03_invalid_x-correlator');
  check(
    scenario(
      s400c,
      'an x-correlator violating XCorrelator is 400 INVALID_ARGUMENT',
      'x-correlator header schema XCorrelator',
      [...ERRORS, 'schema.retrieveQoSProfiles.request.param/x-correlator.pattern'],
      r41Scenarios,
    ),
    async (q: Qod) => {
      q.needProfilesApi();
      await assertInvalidParameter(q, OP, 'x-correlator', INVALID_CORRELATOR);
      await invalidCorrelator(q, RETRIEVE_ALL, s400c);
    },
  );

  const s401a = id('401.1_no_authorization_header');
  check(scenario(s401a, 'no Authorization header is 401 UNAUTHENTICATED', 'retrieveQoSProfiles security openId', [...ERRORS, 'auth.no-credentials-401']), async (q: Qod) => {
    q.needProfilesApi();
    await authRefused(q, RETRIEVE_ALL, 'no-authorization', s401a);
  });

  const s401b = id('401.2_expired_access_token');
  check(scenario(s401b, 'an expired access token is 401 UNAUTHENTICATED', 'retrieveQoSProfiles security openId', [...ERRORS, 'auth.expired-token-401']), async (q: Qod) => {
    q.needProfilesApi();
    await authRefused(q, RETRIEVE_ALL, 'expired', s401b);
  });

  const s401c = id('401.3_invalid_access_token');
  check(scenario(s401c, 'an access token nobody issued is 401 UNAUTHENTICATED', 'retrieveQoSProfiles security openId', [...ERRORS, 'auth.invalid-token-401']), async (q: Qod) => {
    q.needProfilesApi();
    await authRefused(q, RETRIEVE_ALL, 'invalid', s401c);
  });

  const s403 = id('403.1_missing_access_token_scope');
  check(
    scenario(s403, 'a token without qos-profiles:read is 403 PERMISSION_DENIED', 'retrieveQoSProfiles security openId: qos-profiles:read', [...ERRORS, 'auth.missing-scope-403']),
    async (q: Qod) => {
      q.needProfilesApi();
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      const res = await retrieveQosProfiles(q, {}, { token });
      q.expectError(res, { status: 403, codes: ['PERMISSION_DENIED'], rule: `${s403} / ${q.cite('retrieveQoSProfiles security openId: qos-profiles:read')}` });
    },
  );

  const s429 = r41ScenarioId(OP, '429.01_too_many_requests');
  check(scenario(s429, 'reaching the request threshold is 429 TOO_MANY_REQUESTS', 'retrieveQoSProfiles 429 TOO_MANY_REQUESTS', [...ERRORS], r41Scenarios), async (q: Qod) => {
    q.needProfilesApi();
    await expectTooManyRequests(q, { api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }, s429);
  });
});
