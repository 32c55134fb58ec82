// QoS Provisioning get by id (getQosAssignmentById; getProvisioningById in 0.2.0): the official
// scenarios of its feature file for the run's release.
import { group, check } from '../../src/checks/declare.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { refusedRequestSink } from '../../src/suite/create-cases.js';
import {
  checkAsCreated,
  checkSameRecord,
  existingAssignment,
  noteProvisioningConflict,
  prov,
  provisioningOf,
  provisioningRequest,
  readAssignment,
  revokeAndJudge,
  scenarioIdOf,
  untilSettled,
  type AssignmentView,
} from '../../src/suite/provisioning.js';
import { malformedAssignmentId, otherClientScenario, provisioningScenario, requestScenarios, unknownIdScenario } from '../../src/suite/provisioning-common.js';
import { ERRORS } from '../../src/suite/provisioning-devices.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

function declare(p: ProvisioningRules): void {
  const op = p.operations.getById;
  const S01 = { r22: '01_get_existing_qod_provisioning', r32: '01_get_existing_qos_assignment' };
  const id = (tail: string | typeof S01) => scenarioIdOf(p, 'getById', tail);

  group(op, () => {
    check(
      provisioningScenario(p, 'getById', S01, 'an existing assignment reads back 200 as created', `${op} 200 ${p.recordSchema}`, 'lifecycle', [
        'provisioning.x-correlator-echo',
        'provisioning.content-type-json',
        'provisioning.operation-served',
        'provisioning.started-at-when-available',
        'provisioning.status-info-reason',
        'provisioning.read-back-as-created',
      ]),
      async (q: Qod) => {
        // With a sink, which must read back as well (no credential: no event is needed here).
        const created = await existingAssignment(q, { sink: refusedRequestSink(q) });
        await untilSettled(q, created.id, created.view);
        const res = await readAssignment(q, created.id);
        q.expectStatus(res, 200, id(S01));
        const view = res.json as AssignmentView;
        checkSameRecord(q, view, created.id, id(S01), op);
        await checkAsCreated(q, view, created.body, id(S01), 'unless-requested');
      },
    );

    check(
      provisioningScenario(
        p,
        'getById',
        '02_get_recent_unavailable',
        'a just revoked assignment reads back 200 UNAVAILABLE, or is gone (allowed: C2)',
        `${op}: a record that became UNAVAILABLE is kept at least ${p.retentionS} s`,
        'lifecycle',
        ['provisioning.revoke-204-gone', 'provisioning.revoke-202-delete-requested'],
      ),
      async (q: Qod) => {
        const created = await existingAssignment(q);
        await untilSettled(q, created.id, created.view);
        // Judges what the revoke answer implies (gone, or UNAVAILABLE once done).
        await revokeAndJudge(q, created.id, created.body, id('02_get_recent_unavailable'));
        const res = await readAssignment(q, created.id);
        if (res.status === 404) {
          q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: id('02_get_recent_unavailable') });
          await noteProvisioningConflict(
            q,
            2,
            'the revoked assignment was answered 404 NOT_FOUND right after the revoke: accepted (the scenario expects 200 UNAVAILABLE; the spec keeps records that became UNAVAILABLE for 360 s, and a revoke is how the consumer releases one: nothing says a revoked record stays readable).',
          );
          return;
        }
        q.expectStatus(res, 200, id('02_get_recent_unavailable'));
        const view = res.json as AssignmentView;
        q.check(view.status === 'UNAVAILABLE', 'the revoked assignment does not read back UNAVAILABLE', {
          rule: `${id('02_get_recent_unavailable')}; ${q.cite(`${p.operations.revoke}: the assignment is revoked`)}`,
          expected: 'status UNAVAILABLE (or 404 NOT_FOUND)',
          actual: `status ${JSON.stringify(view.status)}`,
        });
      },
    );

    check(
      provisioningScenario(p, 'getById', '400.1_invalid_id', `an ${p.idField} that is not a UUID: 400 INVALID_ARGUMENT (or 404 NOT_FOUND)`, `${p.idField} format uuid`, 'validation', [
        ...ERRORS,
        `schema.${op}.request.param/${p.idField}.format`,
        'provisioning.malformed-id',
      ]),
      async (q: Qod) => malformedAssignmentId(q, 'getById', id('400.1_invalid_id')),
    );

    unknownIdScenario(p, 'getById');

    otherClientScenario(p, 'getById', async (q) => {
      const { id } = await existingAssignment(q);
      return { id, request: (token) => provisioningRequest(prov(q), 'getById', { id }, { token }) };
    });

    requestScenarios(p, 'getById', async (q) => provisioningRequest(prov(q), 'getById', { id: (await existingAssignment(q)).id }));
  });
}

// Declared last: the constants above are initialised by then.
const provisioningRules = provisioningOf(runConfig().apiVersion);
if (provisioningRules) declare(provisioningRules);
