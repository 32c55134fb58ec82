// createSession device scenarios of quality-on-demand-createSession.feature (C01.01 … C01.07,
// r3.2 / r4.1), plus the 1.1.0 rule no scenario covers: several identifiers → exactly one echoed.
import { deviceScenarios, echoesSingleIdentifier, officialScenarios } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck } from '../../src/checks/spec.js';
import type { DeviceId } from '../../src/config/types.js';
import type { Qod } from '../../src/suite/harness.js';
import type { Json } from '../../src/suite/sessions.js';
import { CS, assertBreaksSpec, assertValidBody, checkDeviceEcho, createBody, createOk, expectRefused, identifierKinds, noteConflict, ruleOf, sampleIdentifier } from '../../src/suite/create-cases.js';

const C0102 = 'C01.02_device_identifiers_not_schema_compliant';
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
const REQUEST = 'schema.createSession.request.';

/** The identity of a device check of an official createSession scenario (`part`: the name after `${CS}`). */
const scenario = (part: string, title: string, cites: string, rules: string[]) => scenarioCheck('createSession', 'devices', `${CS}${part}`, title, cites, rules);

/** 0.10.1 states these codes only in its examples: what they show is accepted, and said so. */
async function noteExampleCodes(q: Qod, what: string): Promise<void> {
  if (q.rules.errorCodesEnumerated) return;
  await q.noteStandard(
    `QoD ${q.version} states the answer to ${what} only in the createSession examples (400 INVALID_ARGUMENT "device not identifiable" / "identifiers of different devices", 501 NOT_IMPLEMENTED "service not offered"): the status and code they show are accepted (versions/rules.ts).`,
  );
}

/** One identifier that breaks its schema in the run's version (C01.02 rows), and the schema rule it breaks. */
const NOT_COMPLIANT: Array<{ row: string; device: (q: Qod) => Json; breaks: string }> = [
  // 0.10.1's PhoneNumber (^\+?[0-9]{5,15}$) allows the 1.x example: a separator breaks both.
  { row: '$.device.phoneNumber', device: (q) => ({ phoneNumber: q.version === '0.10.1' ? '+34-600-000-001' : '0034600000001' }), breaks: '/device/phoneNumber.pattern' },
  { row: '$.device.ipv4Address', device: () => ({ ipv4Address: { publicAddress: '203.0.113.300', publicPort: 40001 } }), breaks: '/device/ipv4Address/publicAddress.format' },
  { row: '$.device.ipv6Address', device: () => ({ ipv6Address: '2001:db8::g1' }), breaks: '/device/ipv6Address.format' },
  // Up to 1.1.0 the identifier is an unconstrained string, so only a non-string breaks it.
  { row: '$.device.networkAccessIdentifier', device: () => ({ networkAccessIdentifier: 12345 }), breaks: '/device/networkAccessIdentifier.type' },
];

group('createSession: device identification', () => {
  check(
    {
      ...scenario('C01.01_device_empty', 'device {} with a 2-legged token: 400 INVALID_ARGUMENT', 'Device minProperties 1', [...ERRORS, `${REQUEST}/device.minProperties`]),
      appliesTo: deviceScenarios,
    },
    async (q) => {
      const body = await createBody(q, undefined, { device: {} });
      await assertBreaksSpec(q, body, 'Device minProperties 1');
      await expectRefused(q, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: ruleOf(q, 'C01.01_device_empty', 'Device minProperties: 1') });
    },
  );

  for (const row of NOT_COMPLIANT) {
    check(
      {
        ...scenario(C0102, 'an identifier breaking its schema: 400 INVALID_ARGUMENT', `${row.row} schema`, [...ERRORS, `${REQUEST}${row.breaks}`]),
        id: `${CS}${C0102}:${row.row.replace(/^\$\.device\./, '')}`,
        appliesTo: deviceScenarios,
      },
      async (q) => {
        if (row.row.endsWith('networkAccessIdentifier')) {
          await noteConflict(q, 15, 'networkAccessIdentifier has no format (1.2.0-rc.3 adds only maxLength 2048): a non-string value is what breaks its schema.');
        }
        const body = await createBody(q, undefined, { device: row.device(q) });
        await assertBreaksSpec(q, body, `${row.row} schema`);
        await expectRefused(q, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: ruleOf(q, `${C0102} [${row.row}]`, `${row.row} schema`) });
      },
    );
  }

  check(
    {
      ...scenario('C01.03_device_not_found', 'a schema-valid device the network does not know: 404 IDENTIFIER_NOT_FOUND', 'createSession 404 IDENTIFIER_NOT_FOUND', [...ERRORS, 'device.unknown-404']),
      appliesTo: deviceScenarios,
    },
    async (q) => {
      const unknown = q.need('devices.unknown', q.operator.devices.unknown);
      const body = await createBody(q, unknown);
      await assertValidBody(q, body);
      await noteExampleCodes(q, 'a device the network does not know');
      await expectRefused(q, body, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: ruleOf(q, 'C01.03_device_not_found', 'createSession responses.404 IDENTIFIER_NOT_FOUND') });
    },
  );

  check(
    {
      ...scenario('C01.04_unnecessary_device', 'a device-identifying token plus a device in the body: 422 UNNECESSARY_IDENTIFIER', 'createSession 422 UNNECESSARY_IDENTIFIER', [
        ...ERRORS,
        'device.unnecessary-identifier-422',
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      // The token's own device when known (the spec: an error "even if the same device is identified").
      const device = q.operator.threeLeggedDevice ?? (await q.device());
      const body = await createBody(q, device);
      await expectRefused(q, body, { status: 422, codes: ['UNNECESSARY_IDENTIFIER'], rule: ruleOf(q, 'C01.04_unnecessary_device', 'createSession responses.422 UNNECESSARY_IDENTIFIER') }, { token });
    },
  );

  check(
    {
      ...scenario('C01.05_missing_device', 'a 2-legged token and no device: 422 MISSING_IDENTIFIER', 'createSession 422 MISSING_IDENTIFIER', [...ERRORS, 'device.missing-identifier-422']),
      appliesTo: deviceScenarios,
    },
    async (q) => {
      const body = await createBody(q, undefined);
      await expectRefused(q, body, { status: 422, codes: ['MISSING_IDENTIFIER'], rule: ruleOf(q, 'C01.05_missing_device', 'createSession responses.422 MISSING_IDENTIFIER') });
    },
  );

  check(
    {
      ...scenario('C01.06_unsupported_device', 'only identifier types the provider does not support: 422 UNSUPPORTED_IDENTIFIER', 'createSession 422 UNSUPPORTED_IDENTIFIER', [
        ...ERRORS,
        'device.unsupported-identifier-422',
      ]),
      appliesTo: deviceScenarios,
    },
    async (q) => {
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const device: DeviceId = Object.assign({}, ...kinds.map((k) => sampleIdentifier(q, k))) as DeviceId;
      const body = await createBody(q, device);
      await assertValidBody(q, body);
      await noteExampleCodes(q, 'identifier types the provider does not support');
      await expectRefused(q, body, { status: 422, codes: ['UNSUPPORTED_IDENTIFIER'], rule: ruleOf(q, 'C01.06_unsupported_device', 'createSession responses.422 UNSUPPORTED_IDENTIFIER') });
    },
  );

  check(
    {
      ...scenario('C01.07_device_not_supported', 'a device the service does not apply to: 422 SERVICE_NOT_APPLICABLE', 'createSession 422 SERVICE_NOT_APPLICABLE', [
        ...ERRORS,
        'device.service-not-applicable-422',
      ]),
      appliesTo: deviceScenarios,
    },
    async (q) => {
      const device = q.need('devices.unsupported', q.operator.devices.unsupported);
      const body = await createBody(q, device);
      // 0.10.1 answers 501, a status an operator's own code table may not document (Orange's has no 501 row).
      const codes = q.dialect.errorBody.codes;
      if (codes && q.errorStatuses({ status: 422, codes: ['SERVICE_NOT_APPLICABLE'] }).some((s) => !codes.byStatus[String(s)])) {
        q.ctx.skip(`not applicable to QoD ${q.version} in the ${q.dialect.title} dialect: its code table documents no 501 answer (${q.dialect.file})`);
      }
      await noteExampleCodes(q, 'a device the service does not apply to');
      await expectRefused(q, body, { status: 422, codes: ['SERVICE_NOT_APPLICABLE'], rule: ruleOf(q, 'C01.07_device_not_supported', 'createSession responses.422 SERVICE_NOT_APPLICABLE') });
    },
  );

  check(
    {
      id: 'createSession.one-identifier-echoed',
      title: 'check: several identifiers → exactly one echoed (DeviceResponse maxProperties 1) — createSession with two identifier types',
      operation: 'createSession',
      area: 'devices',
      cites: 'DeviceResponse: with several identifiers the provider returns the single one it used, no error',
      rules: ['device.one-identifier-echoed', 'lifecycle.create-201-session-info'],
      appliesTo: echoesSingleIdentifier,
      sameVerdictAs: ['createSession.boundary.several-identifiers'],
    },
    async (q: Qod) => {
      const device = await severalIdentifiers(q);
      const body = await createBody(q, device);
      await assertValidBody(q, body);
      const rule = q.cite(
        'DeviceResponse: "the API provider must return a single identifier which is the one they are using ... even if the identifiers do not match the same device ... No error should be returned"',
      );
      await noteConflict(q, 16, 'the multiple-identifier rule has no official scenario; checked from the spec (DeviceResponse).');
      const { session } = await createOk(q, body, rule);
      const echoed = checkDeviceEcho(q, session, device, rule);
      q.check(echoed, 'no device in the response although several identifiers were sent', { rule, expected: 'device with the single identifier used', actual: '(absent)' });
    },
  );
});

/**
 * Identifiers of two types. A leased device with several is used as is (one device, as NOTE1 of
 * Device asks); otherwise identifiers of two devices (leased together) are combined, a case
 * DeviceResponse covers explicitly ("even if the identifiers do not match the same device"). Every
 * device named is leased, so whichever one the provider picks holds no other session.
 */
async function severalIdentifiers(q: Qod): Promise<DeviceId> {
  const several = await q.deviceWhere((d) => identifierKinds(d).length > 1);
  if (several) return several;
  const pair = await q.devicePair((a, b) => identifierKinds(b).some((k) => k !== identifierKinds(a)[0]));
  if (!pair) return q.need('test devices (devices.known / devices.pool) with at least two identifier types', undefined as DeviceId | undefined);
  const [first, other] = pair;
  const kind = identifierKinds(first)[0]!;
  const otherKind = identifierKinds(other).find((k) => k !== kind)!;
  return { [kind]: first[kind], [otherKind]: other[otherKind] } as DeviceId;
}
