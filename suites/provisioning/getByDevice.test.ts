// QoS Provisioning get by device (getQosAssignmentByDevice; retrieveProvisioningByDevice in 0.2.0):
// the official scenarios of its feature file for the run's release (the device scenarios C01.* in
// src/suite/provisioning-devices.ts), plus the rule no scenario covers: the answer is the asked device's.
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { DeviceId } from '../../src/config/types.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import {
  assertRequestBody,
  assignmentBody,
  checkAsCreated,
  checkSameRecord,
  createAssignment,
  existingAssignment,
  noteProvisioningConflict,
  prov,
  provisioningOf,
  provisioningRequest,
  refused,
  scenarioIdOf,
  untilSettled,
  type AssignmentView,
} from '../../src/suite/provisioning.js';
import { otherClientScenario, provisioningScenario, requestScenarios } from '../../src/suite/provisioning-common.js';
import { deviceScenarios, ERRORS } from '../../src/suite/provisioning-devices.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

function declare(p: ProvisioningRules): void {
  const op = p.operations.getByDevice;
  const request = `schema.${op}.request.`;
  const S01 = { r22: '01_get_existing_qod_provisioning_by_device', r32: '01_get_existing_qos_provisioning_by_device' };
  const id = (tail: string | typeof S01, published: 'all' | 'r2.2' = 'all') => scenarioIdOf(p, 'getByDevice', tail, published);
  const byDevice = (q: Qod, device: DeviceId | undefined, token?: string) =>
    provisioningRequest(prov(q), 'getByDevice', { body: device === undefined ? {} : { device } }, token === undefined ? {} : { token });

  group(op, () => {
    check(
      provisioningScenario(p, 'getByDevice', S01, 'a device with an assignment: 200, that one assignment as created', `${op} 200 ${p.recordSchema}`, 'lifecycle', [
        'provisioning.x-correlator-echo',
        'provisioning.content-type-json',
        'provisioning.operation-served',
        'provisioning.by-device-one-or-404',
      ]),
      async (q: Qod) => {
        const created = await existingAssignment(q);
        await untilSettled(q, created.id, created.view);
        const res = await q.call(byDevice(q, created.device), { status: 200, rule: id(S01) });
        const view = res.json as AssignmentView;
        q.check(typeof view === 'object' && view !== null && !Array.isArray(view), `${op} did not answer a single ${p.recordSchema}`, {
          rule: `${id(S01)}; ${q.cite(`${op} 200: one ${p.recordSchema} object`)}`,
          expected: 'a JSON object',
          actual: res.text.slice(0, 300),
        });
        checkSameRecord(q, view, created.id, `${id(S01)}; ${q.cite(`${op}: the assignment of the device asked for`)}`, op);
        await checkAsCreated(q, view, created.body, id(S01), 'when-available');
      },
    );

    deviceScenarios(p, 'getByDevice');

    check(
      provisioningScenario(p, 'getByDevice', '400.1_schema_not_compliant', 'a body breaking the request schema: 400 INVALID_ARGUMENT', `${p.operations.getByDevice} request schema`, 'validation', [
        ...ERRORS,
        `${request}/device.type`,
      ]),
      async (q: Qod) => {
        const body = { device: ['not', 'an', 'object'] };
        await assertRequestBody(q, 'getByDevice', body, false, 'device type object');
        await refused(q, provisioningRequest(prov(q), 'getByDevice', { body }), {
          status: 400,
          codes: ['INVALID_ARGUMENT'],
          rule: `${id('400.1_schema_not_compliant')}; ${q.cite('device type object')}`,
        });
        await noteProvisioningConflict(q, 11, 'the scenario asserts only the body status 400; the HTTP status is judged too (the spec documents 400 for this answer).');
      },
    );

    check(
      provisioningScenario(p, 'getByDevice', '400.2_no_request_body', 'no body: 400 INVALID_ARGUMENT', `${op} requestBody required`, 'validation', [...ERRORS, `${request}/.required`]),
      async (q: Qod) => {
        await refused(q, provisioningRequest(prov(q), 'getByDevice', { body: undefined }, { contentType: 'application/json' }), {
          status: 400,
          codes: ['INVALID_ARGUMENT'],
          reason: 'missing-body',
          rule: `${id('400.2_no_request_body')}; ${q.cite(`${op} requestBody required: true`)}`,
        });
      },
    );

    check(
      provisioningScenario(
        p,
        'getByDevice',
        '400.3_empty_request_body',
        'body {} with a 2-legged token: 422 MISSING_IDENTIFIER (the spec; the scenario says 400, C12)',
        'RetrieveProvisioningByDevice has no required property; device required with a 2-legged token',
        'devices',
        [...ERRORS, 'provisioning.missing-identifier-422'],
        'r2.2',
      ),
      async (q: Qod) => {
        await assertRequestBody(q, 'getByDevice', {}, true, '');
        await noteProvisioningConflict(
          q,
          12,
          'the scenario expects 400 for {}, but {} is valid against the request schema; with a 2-legged token the device rule applies: 422 MISSING_IDENTIFIER is judged (as scenario C01.05).',
        );
        await refused(q, byDevice(q, undefined), {
          status: 422,
          codes: ['MISSING_IDENTIFIER'],
          rule: `${id('400.3_empty_request_body', 'r2.2')}; ${q.cite('device: required with a token that does not identify a device')}`,
        });
      },
    );

    check(
      provisioningScenario(p, 'getByDevice', '404.1_not_found', 'a supported device without an assignment: 404 NOT_FOUND', `${op} 404 NOT_FOUND`, 'lifecycle', [
        ...ERRORS,
        'provisioning.by-device-one-or-404',
      ]),
      async (q: Qod) => {
        const device = await q.device();
        await refused(q, byDevice(q, device), { status: 404, codes: [p.byDeviceNoneCode], rule: `${id('404.1_not_found')}; ${q.cite(`${op} 404 NOT_FOUND: the device has no QoS assignment`)}` });
      },
    );

    otherClientScenario(p, 'getByDevice', async (q) => {
      const { id, device } = await existingAssignment(q);
      return { id, request: (token) => byDevice(q, device, token) };
    });

    requestScenarios(p, 'getByDevice', async (q) => byDevice(q, (await existingAssignment(q)).device));

    check(
      {
        id: `${op}.own-record`,
        title: 'with assignments on two devices, each device answers its own',
        operation: op,
        area: 'lifecycle',
        cites: `${op}: the assignment of the device given`,
        rules: ['provisioning.by-device-one-or-404'],
        appliesTo: provisioning(),
      },
      async (q: Qod) => {
        const [a, b] = await q.devices(2);
        const first = await createAssignment(q, assignmentBody(q, a), q.cite(`${p.operations.create} 201`));
        await createAssignment(q, assignmentBody(q, b), q.cite(`${p.operations.create} 201`));
        const res = await q.call(byDevice(q, a), { status: 200, rule: q.cite(`${op} 200`) });
        checkSameRecord(q, res.json as AssignmentView, first.id, q.cite(`${op}: the assignment of the device given, not another of the client's`), op);
      },
    );
  });
}

// Declared last: the constants above are initialised by then.
const provisioningRules = provisioningOf(runConfig().apiVersion);
if (provisioningRules) declare(provisioningRules);
