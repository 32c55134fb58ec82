// QoS Provisioning revoke (revokeQosAssignment; revokeProvisioning in 0.2.0): the official scenarios
// of its feature file for the run's release (the event scenarios 03 and 04 are in
// notifications.test.ts), plus the rule no scenario covers: a revoke frees the device.
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { createAssignment, existingAssignment, noteProvisioningConflict, prov, provisioningOf, provisioningRequest, revokeAndJudge, scenarioIdOf, untilSettled } from '../../src/suite/provisioning.js';
import { malformedAssignmentId, otherClientScenario, provisioningScenario, requestScenarios, unknownIdScenario } from '../../src/suite/provisioning-common.js';
import { ERRORS } from '../../src/suite/provisioning-devices.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

function declare(p: ProvisioningRules): void {
  const op = p.operations.revoke;
  const S01 = { r22: '01_delete_existing_qod_provisioning_sync', r32: '01_delete_existing_qos_assignment_sync' };
  const S02 = { r22: '02_delete_existing_qod_provisioning_async', r32: '02_delete_existing_qos_assignment_async' };
  const id = (tail: string | typeof S01) => scenarioIdOf(p, 'revoke', tail);
  const RULES = ['provisioning.x-correlator-echo', 'provisioning.operation-served', 'provisioning.revoke-204-gone', 'provisioning.revoke-202-delete-requested'];

  /**
   * 01 is written for implementations that revoke synchronously (204), 02 for asynchronous ones
   * (202): each check revokes an AVAILABLE assignment and judges the answer the endpoint chose, and
   * records when it was the other scenario's.
   */
  const revokeScenario = (tail: typeof S01, expected: 204 | 202) => async (q: Qod) => {
    const created = await existingAssignment(q);
    await untilSettled(q, created.id, created.view);
    const res = await revokeAndJudge(q, created.id, created.body, id(tail));
    if (res.status !== expected) {
      await q.noteStandard(
        `${id(tail)} is written for implementations that revoke ${expected === 204 ? 'synchronously (204)' : 'asynchronously (202)'}; this one answered ${res.status}, which ${q.cite(`${op}`)} also documents: judged as that answer says.`,
      );
    }
  };

  group(op, () => {
    check(provisioningScenario(p, 'revoke', S01, 'revoking an existing assignment: 204, and it is revoked (202 judged as scenario 02)', `${op} 204`, 'lifecycle', RULES), revokeScenario(S01, 204));
    check(
      provisioningScenario(
        p,
        'revoke',
        S02,
        'revoking an existing assignment asynchronously: 202 AVAILABLE + DELETE_REQUESTED, then revoked (204 judged as scenario 01)',
        `${op} 202 ${p.recordSchema}`,
        'lifecycle',
        RULES,
      ),
      revokeScenario(S02, 202),
    );

    check(
      provisioningScenario(p, 'revoke', '400.1_invalid_id', `an ${p.idField} that is not a UUID: 400 INVALID_ARGUMENT (or 404 NOT_FOUND)`, `${p.idField} format uuid`, 'validation', [
        ...ERRORS,
        `schema.${op}.request.param/${p.idField}.format`,
        'provisioning.malformed-id',
      ]),
      async (q: Qod) => {
        if (prov(q).release === 'r2.2') {
          await noteProvisioningConflict(
            q,
            11,
            'the r2.2 step asserts HTTP 404 with a body status 400 INVALID_ARGUMENT, which contradicts itself: 400 INVALID_ARGUMENT (or 404 NOT_FOUND) is judged, as from r3.2.',
          );
        }
        await malformedAssignmentId(q, 'revoke', id('400.1_invalid_id'));
      },
    );

    unknownIdScenario(p, 'revoke');

    otherClientScenario(p, 'revoke', async (q) => {
      const { id } = await existingAssignment(q);
      return { id, request: (token) => provisioningRequest(prov(q), 'revoke', { id }, { token }) };
    });

    requestScenarios(p, 'revoke', async (q) => provisioningRequest(prov(q), 'revoke', { id: (await existingAssignment(q)).id }));

    check(
      {
        id: `${op}.frees-device`,
        title: 'after a revoke the device can get a new assignment (201)',
        operation: op,
        area: 'lifecycle',
        cites: `${op}: the assignment is revoked; at most one assignment per device`,
        rules: ['provisioning.revoke-204-gone', 'provisioning.revoke-202-delete-requested'],
        appliesTo: provisioning(),
      },
      async (q: Qod) => {
        const created = await existingAssignment(q);
        await untilSettled(q, created.id, created.view);
        await revokeAndJudge(q, created.id, created.body, q.cite(`${op}`));
        await createAssignment(q, created.body, q.cite(`${p.operations.create} 201: the device has no assignment any more after ${op}; ${p.conflictCode} only while another one exists`));
      },
    );
  });
}

// Declared last: the constants above are initialised by then.
const provisioningRules = provisioningOf(runConfig().apiVersion);
if (provisioningRules) declare(provisioningRules);
