// createSession device scenarios of quality-on-demand-createSession.feature (C01.01 … C01.07,
// r3.2 / r4.1), plus the 1.1.0 rule no scenario covers: several identifiers → exactly one echoed.
import { describe } from 'vitest';
import type { ApiVersion, DeviceId } from '../../src/config/types.js';
import type { Qod } from '../../src/suite/harness.js';
import { qodTest } from '../../src/suite/harness.js';
import type { Json } from '../../src/suite/sessions.js';
import {
  CS,
  R3_2_VERSIONS,
  assertBreaksSpec,
  assertValidBody,
  checkDeviceEcho,
  createBody,
  createOk,
  expectRefused,
  identifierKinds,
  noteConflict,
  ruleOf,
  sampleIdentifier,
  versionsWhere,
} from '../../src/suite/create-cases.js';

const C0102 = 'C01.02_device_identifiers_not_schema_compliant';

/** The device scenarios run on 0.10.1 too, with its codes (versions/rules.ts translates them). */
const DEVICE_VERSIONS: readonly ApiVersion[] = ['0.10.1', ...R3_2_VERSIONS];

/** 0.10.1 states these codes only in its examples: what they show is accepted, and said so. */
async function noteExampleCodes(q: Qod, what: string): Promise<void> {
  if (q.version !== '0.10.1') return;
  await q.noteStandard(`QoD 0.10.1 states the answer to ${what} only in the createSession examples (400 INVALID_ARGUMENT "device not identifiable" / "identifiers of different devices", 501 NOT_IMPLEMENTED "service not offered"): the status and code they show are accepted (versions/rules.ts).`);
}

/** One identifier that breaks its schema in the run's version (C01.02 rows). */
const NOT_COMPLIANT: Array<{ row: string; device: (q: Qod) => Json }> = [
  // 0.10.1's PhoneNumber (^\+?[0-9]{5,15}$) allows the 1.x example: a separator breaks both.
  { row: '$.device.phoneNumber', device: (q) => ({ phoneNumber: q.version === '0.10.1' ? '+34-600-000-001' : '0034600000001' }) },
  { row: '$.device.ipv4Address', device: () => ({ ipv4Address: { publicAddress: '203.0.113.300', publicPort: 40001 } }) },
  { row: '$.device.ipv6Address', device: () => ({ ipv6Address: '2001:db8::g1' }) },
  // Up to 1.1.0 the identifier is an unconstrained string, so only a non-string breaks it.
  { row: '$.device.networkAccessIdentifier', device: () => ({ networkAccessIdentifier: 12345 }) },
];

describe('createSession: device identification', () => {
  qodTest(
    `${CS}C01.01_device_empty — device {} with a 2-legged token: 400 INVALID_ARGUMENT`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.01_device_empty`, rule: 'Device minProperties 1' },
    async (q) => {
      const body = await createBody(q, undefined, { device: {} });
      await assertBreaksSpec(q, body, 'Device minProperties 1');
      await expectRefused(q, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: ruleOf(q, 'C01.01_device_empty', 'Device minProperties: 1') });
    },
    { versions: DEVICE_VERSIONS },
  );

  for (const row of NOT_COMPLIANT) {
    qodTest(
      `${CS}${C0102} [${row.row}] — an identifier breaking its schema: 400 INVALID_ARGUMENT`,
      { area: 'devices', operation: 'createSession', scenarioId: `${CS}${C0102}`, rule: `${row.row} schema` },
      async (q) => {
        if (row.row.endsWith('networkAccessIdentifier')) {
          await noteConflict(q, 15, 'networkAccessIdentifier has no format (1.2.0-rc.3 adds only maxLength 2048): a non-string value is what breaks its schema.');
        }
        const body = await createBody(q, undefined, { device: row.device(q) });
        await assertBreaksSpec(q, body, `${row.row} schema`);
        await expectRefused(q, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: ruleOf(q, `${C0102} [${row.row}]`, `${row.row} schema`) });
      },
      { versions: DEVICE_VERSIONS },
    );
  }

  qodTest(
    `${CS}C01.03_device_not_found — a schema-valid device the network does not know: 404 IDENTIFIER_NOT_FOUND`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.03_device_not_found`, rule: 'createSession 404 IDENTIFIER_NOT_FOUND' },
    async (q) => {
      const unknown = q.need('devices.unknown', q.operator.devices.unknown);
      const body = await createBody(q, unknown);
      await assertValidBody(q, body);
      await noteExampleCodes(q, 'a device the network does not know');
      await expectRefused(q, body, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: ruleOf(q, 'C01.03_device_not_found', 'createSession responses.404 IDENTIFIER_NOT_FOUND') });
    },
    { versions: DEVICE_VERSIONS },
  );

  qodTest(
    `${CS}C01.04_unnecessary_device — a device-identifying token plus a device in the body: 422 UNNECESSARY_IDENTIFIER`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.04_unnecessary_device`, rule: 'createSession 422 UNNECESSARY_IDENTIFIER' },
    async (q) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      // The token's own device when known (the spec: an error "even if the same device is identified").
      const device = q.operator.threeLeggedDevice ?? (await q.device());
      const body = await createBody(q, device);
      await expectRefused(q, body, { status: 422, codes: ['UNNECESSARY_IDENTIFIER'], rule: ruleOf(q, 'C01.04_unnecessary_device', 'createSession responses.422 UNNECESSARY_IDENTIFIER') }, { token });
    },
    { versions: R3_2_VERSIONS },
  );

  qodTest(
    `${CS}C01.05_missing_device — a 2-legged token and no device: 422 MISSING_IDENTIFIER`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.05_missing_device`, rule: 'createSession 422 MISSING_IDENTIFIER' },
    async (q) => {
      const body = await createBody(q, undefined);
      await expectRefused(q, body, { status: 422, codes: ['MISSING_IDENTIFIER'], rule: ruleOf(q, 'C01.05_missing_device', 'createSession responses.422 MISSING_IDENTIFIER') });
    },
    { versions: DEVICE_VERSIONS },
  );

  qodTest(
    `${CS}C01.06_unsupported_device — only identifier types the provider does not support: 422 UNSUPPORTED_IDENTIFIER`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.06_unsupported_device`, rule: 'createSession 422 UNSUPPORTED_IDENTIFIER' },
    async (q) => {
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const device: DeviceId = Object.assign({}, ...kinds.map((k) => sampleIdentifier(q, k))) as DeviceId;
      const body = await createBody(q, device);
      await assertValidBody(q, body);
      await noteExampleCodes(q, 'identifier types the provider does not support');
      await expectRefused(q, body, { status: 422, codes: ['UNSUPPORTED_IDENTIFIER'], rule: ruleOf(q, 'C01.06_unsupported_device', 'createSession responses.422 UNSUPPORTED_IDENTIFIER') });
    },
    { versions: DEVICE_VERSIONS },
  );

  qodTest(
    `${CS}C01.07_device_not_supported — a device the service does not apply to: 422 SERVICE_NOT_APPLICABLE`,
    { area: 'devices', operation: 'createSession', scenarioId: `${CS}C01.07_device_not_supported`, rule: 'createSession 422 SERVICE_NOT_APPLICABLE' },
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
    { versions: DEVICE_VERSIONS },
  );

  qodTest(
    'check: several identifiers → exactly one echoed (DeviceResponse maxProperties 1) — createSession with two identifier types',
    { area: 'devices', operation: 'createSession', rule: 'DeviceResponse: with several identifiers the provider returns the single one it used, no error', covers: ['device.one-identifier-echoed'] },
    async (q: Qod) => {
      const device = await severalIdentifiers(q);
      const body = await createBody(q, device);
      await assertValidBody(q, body);
      const rule = q.cite('DeviceResponse: "the API provider must return a single identifier which is the one they are using ... even if the identifiers do not match the same device ... No error should be returned"');
      await noteConflict(q, 16, 'the multiple-identifier rule has no official scenario; checked from the spec (DeviceResponse).');
      const { session } = await createOk(q, body, rule);
      const echoed = checkDeviceEcho(q, session, device, rule);
      q.check(echoed, 'no device in the response although several identifiers were sent', { rule, expected: 'device with the single identifier used', actual: '(absent)' });
    },
    { versions: versionsWhere((r) => r.echoesSingleIdentifier) },
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
