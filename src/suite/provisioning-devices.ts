// The device scenarios (C01.01 … C01.08) of QoS Provisioning, written once for the two operations
// that take a `device` (create and get-by-device): the same Commonalities rule, the same official
// scenario tails in both feature files.
import { check } from '../checks/declare.js';
import { provisioning } from '../checks/applies.js';
import { scenarioCheck } from '../checks/spec.js';
import type { DeviceId } from '../config/types.js';
import type { ProvisioningRules } from '../versions/provisioning-rules.js';
import { identifierKinds, sampleIdentifier } from './create-cases.js';
import type { ErrorExpectation, Qod } from './harness.js';
import {
  assertRequestBody,
  assignmentBody,
  noteProvisioningConflict,
  prov,
  provisioningRequest,
  publishedIn,
  refused,
  refusedCreate,
  scenarioIdOf,
  sendCreate,
  type Published,
} from './provisioning.js';
import type { Json } from './sessions.js';

export const ERRORS = ['provisioning.errorinfo-body', 'provisioning.code-per-status', 'provisioning.documented-status'];

type DeviceRole = 'create' | 'getByDevice';

/** The request body of `role` naming `device` (none: undefined). */
function bodyOf(q: Qod, role: DeviceRole, device: unknown): Json {
  const named = device === undefined ? {} : { device };
  return role === 'create' ? assignmentBody(q, undefined, named) : named;
}

/** Sends `body` to `role` and requires the refusal `expected` (a create it made anyway is tracked and revoked). */
async function expectRefused(q: Qod, role: DeviceRole, body: Json, expected: ErrorExpectation, token?: string): Promise<void> {
  if (role === 'create') {
    await refusedCreate(q, body, expected, token === undefined ? {} : { token });
    return;
  }
  await refused(q, provisioningRequest(prov(q), role, { body }, token === undefined ? {} : { token }), expected);
}

/** One identifier breaking its schema (C01.02 rows) and the schema rule it breaks. */
const NOT_COMPLIANT: Array<{ row: keyof DeviceId; device: Json; breaks: string }> = [
  { row: 'phoneNumber', device: { phoneNumber: '0034600000001' }, breaks: '/device/phoneNumber.pattern' },
  { row: 'ipv4Address', device: { ipv4Address: { publicAddress: '203.0.113.300', publicPort: 40001 } }, breaks: '/device/ipv4Address/publicAddress.format' },
  { row: 'ipv6Address', device: { ipv6Address: '2001:db8::g1' }, breaks: '/device/ipv6Address.format' },
  // An unconstrained string up to 0.3.0 (0.4.0-rc.1 adds only maxLength 2048): a non-string breaks it.
  { row: 'networkAccessIdentifier', device: { networkAccessIdentifier: 12345 }, breaks: '/device/networkAccessIdentifier.type' },
];

/** Declares the device scenarios of `role` for the provisioning version `p`. */
export function deviceScenarios(p: ProvisioningRules, role: DeviceRole): void {
  const op = p.operations[role];
  const request = `schema.${op}.request.`;
  const area = 'devices' as const;
  const scenario = (tail: string, title: string, cites: string, rules: string[], published: Published = 'all') => ({
    ...scenarioCheck(op, area, scenarioIdOf(p, role, tail, published), title, cites, [...ERRORS, ...rules]),
    appliesTo: provisioning((v) => publishedIn(v, published)),
  });

  check(scenario('C01.01_device_empty', 'device {} with a 2-legged token: 400 INVALID_ARGUMENT', 'Device minProperties 1', [`${request}/device.minProperties`]), async (q: Qod) => {
    const body = bodyOf(q, role, {});
    await assertRequestBody(q, role, body, false, 'Device minProperties 1');
    await expectRefused(q, role, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${scenarioIdOf(p, role, 'C01.01_device_empty')}; ${q.cite('Device minProperties: 1')}` });
  });

  for (const row of NOT_COMPLIANT) {
    const base = scenario('C01.02_device_identifiers_not_schema_compliant', 'an identifier breaking its schema: 400 INVALID_ARGUMENT', `$.device.${row.row} schema`, [`${request}${row.breaks}`]);
    check({ ...base, id: `${base.id}:${row.row}` }, async (q: Qod) => {
      if (row.row === 'networkAccessIdentifier') {
        const wording = prov(q).release === 'r2.2' ? ' The r2.2 row names $.device.networkIdentifier, which the spec does not have (C7): the spec name is used.' : '';
        await noteProvisioningConflict(q, 16, `networkAccessIdentifier has no format: a non-string value is what breaks its schema.${wording}`);
      }
      const body = bodyOf(q, role, row.device);
      await assertRequestBody(q, role, body, false, `$.device.${row.row} schema`);
      await expectRefused(q, role, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${base.scenarioId} [$.device.${row.row}]; ${q.cite(`${row.row} schema`)}` });
    });
  }

  check(
    scenario('C01.03_device_not_found', 'a schema-valid device the network does not know: 404 IDENTIFIER_NOT_FOUND', `${op} responses.404 IDENTIFIER_NOT_FOUND`, ['provisioning.unknown-device-404']),
    async (q: Qod) => {
      const unknown = q.need('devices.unknown', q.operator.devices.unknown);
      const body = bodyOf(q, role, unknown);
      await assertRequestBody(q, role, body, true, '');
      await expectRefused(q, role, body, { status: 404, codes: ['IDENTIFIER_NOT_FOUND'], rule: `${scenarioIdOf(p, role, 'C01.03_device_not_found')}; ${q.cite(`${op} 404 IDENTIFIER_NOT_FOUND`)}` });
    },
  );

  check(
    scenario('C01.04_unnecessary_device', 'a device-identifying (3-legged) token and a device: 422 UNNECESSARY_IDENTIFIER', `${op} 422 UNNECESSARY_IDENTIFIER`, [
      'provisioning.unnecessary-identifier-422',
    ]),
    async (q: Qod) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      const body = bodyOf(q, role, await q.device());
      await expectRefused(
        q,
        role,
        body,
        { status: 422, codes: ['UNNECESSARY_IDENTIFIER'], rule: `${scenarioIdOf(p, role, 'C01.04_unnecessary_device')}; ${q.cite('device: not to be given with a token that identifies a device')}` },
        token,
      );
    },
  );

  check(scenario('C01.05_missing_device', 'a 2-legged token and no device: 422 MISSING_IDENTIFIER', `${op} 422 MISSING_IDENTIFIER`, ['provisioning.missing-identifier-422']), async (q: Qod) => {
    const body = bodyOf(q, role, undefined);
    await expectRefused(q, role, body, {
      status: 422,
      codes: ['MISSING_IDENTIFIER'],
      rule: `${scenarioIdOf(p, role, 'C01.05_missing_device')}; ${q.cite('device: required with a token that does not identify a device')}`,
    });
  });

  check(
    scenario('C01.06_unsupported_device', 'only identifier types the implementation does not support: 422 UNSUPPORTED_IDENTIFIER', `${op} 422 UNSUPPORTED_IDENTIFIER`, [
      'provisioning.unsupported-identifier-422',
    ]),
    async (q: Qod) => {
      const kinds = q.need('unsupportedIdentifiers', q.operator.unsupportedIdentifiers);
      const device = Object.assign({}, ...kinds.map((k) => sampleIdentifier(q, k))) as DeviceId;
      const body = bodyOf(q, role, device);
      await assertRequestBody(q, role, body, true, '');
      await expectRefused(q, role, body, {
        status: 422,
        codes: ['UNSUPPORTED_IDENTIFIER'],
        rule: `${scenarioIdOf(p, role, 'C01.06_unsupported_device')}; ${q.cite(`${op} 422 UNSUPPORTED_IDENTIFIER`)}`,
      });
    },
  );

  check(
    scenario(
      'C01.07_device_not_supported',
      role === 'create' ? 'a device the service is not offered for: 422 SERVICE_NOT_APPLICABLE (or 201 UNAVAILABLE)' : 'a device the service is not offered for: 422 SERVICE_NOT_APPLICABLE',
      `${op} 422 SERVICE_NOT_APPLICABLE`,
      ['provisioning.service-not-applicable-422'],
    ),
    async (q: Qod) => {
      const device = q.need('devices.unsupported (a device the service is not offered for)', q.operator.devices.unsupported);
      const body = bodyOf(q, role, device);
      const rule = `${scenarioIdOf(p, role, 'C01.07_device_not_supported')}; ${q.cite(`${op} 422 SERVICE_NOT_APPLICABLE`)}`;
      if (role === 'getByDevice') return expectRefused(q, role, body, { status: 422, codes: ['SERVICE_NOT_APPLICABLE'], rule });
      // C10: the create description also allows 201 UNAVAILABLE when the operator knows at once that it cannot fulfil the request.
      const res = await sendCreate(q, body, { expect: { status: [201, 422], rule } });
      if (res.status === 422) return q.expectError(res, { status: 422, codes: ['SERVICE_NOT_APPLICABLE'], rule });
      const status = (res.json as Json).status;
      q.check(status === 'UNAVAILABLE', 'a device the service is not offered for got an assignment', {
        rule,
        expected: '422 SERVICE_NOT_APPLICABLE, or 201 with status UNAVAILABLE (the request cannot be fulfilled)',
        actual: `201 with status ${JSON.stringify(status)}`,
      });
      await noteProvisioningConflict(
        q,
        10,
        'the create for a device the service is not offered for answered 201 UNAVAILABLE: accepted (the scenario expects 422; the create description allows 201 UNAVAILABLE).',
      );
    },
  );

  check(
    scenario(
      'C01.08_device_identifiers_mismatch',
      'identifiers of two different devices: 422 IDENTIFIER_MISMATCH',
      'Device: several identifiers must belong to the same device',
      ['provisioning.identifier-mismatch-422'],
      'r2.2',
    ),
    async (q: Qod) => {
      const a = q.need('devices.known', q.operator.devices.known);
      const b = q.need('devices.second (a device with another identifier type)', q.operator.devices.second);
      const kindA = identifierKinds(a)[0]!;
      const kindB = identifierKinds(b).find((k) => k !== kindA);
      if (kindB === undefined) return q.ctx.skip('needs operator data: devices.second with an identifier type devices.known lacks');
      const device = { [kindA]: a[kindA], [kindB]: b[kindB] };
      const body = bodyOf(q, role, device);
      await expectRefused(q, role, body, {
        status: 422,
        codes: ['IDENTIFIER_MISMATCH'],
        rule: `${scenarioIdOf(p, role, 'C01.08_device_identifiers_mismatch', 'r2.2')}; ${q.cite('Device: the identifiers MUST belong to the same device (422 IDENTIFIER_MISMATCH)')}`,
      });
    },
  );
}
