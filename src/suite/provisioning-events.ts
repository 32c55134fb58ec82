// QoS Provisioning status-changed events as a check sees them: the CloudEvent checks of
// src/checks/cloudevent.ts with the API's own data fields (assignmentId / provisioningId, status)
// and event type, and the callback schema of the version (C1: the undeclared qosStatus its
// EventStatusChanged requires up to 0.3.0 is not demanded).
import { checkQosStatusEvent, parseRecordBody, type QosStatus } from '../checks/cloudevent.js';
import { fail } from '../checks/failure.js';
import type { SinkRecord } from '../evidence/types.js';
import { describeViolation } from '../spec/validators.js';
import { describeArrivals, withCanonicalBearer } from './callbacks.js';
import type { Qod } from './harness.js';
import { noteProvisioningConflict, prov } from './provisioning.js';

export interface ExpectedAssignmentEvent {
  /** The assignment the event is about. */
  id: string;
  status: QosStatus;
  /** null: must be absent; undefined: any StatusInfo value. */
  statusInfo: string | null | undefined;
  /** The sinkCredential.accessToken given at creation: Authorization must be `Bearer <it>`; null: no
   *  credential was given, so no Authorization header. */
  token: string | null;
  /** Scenario and spec location the event rests on. */
  rule: string;
  label: string;
}

/** The inventory rule a kind of problem breaks (the CloudEvents envelope: the check's own rules). */
function ruleOfProblem(problem: string, credentialGiven: boolean): string | undefined {
  const field = problem.split(':', 1)[0] ?? '';
  if (field === 'type') return 'provisioning.event-type';
  if (field === 'authorization') return credentialGiven ? 'provisioning.sink-credential-bearer' : 'provisioning.no-authorization-without-credential';
  if (field.startsWith('data') || field === 'callback schema') return 'provisioning.event-data';
  return undefined;
}

/** Checks one status-changed event; fails once with every problem, each mapped to its rule. */
export async function expectAssignmentEvent(q: Qod, record: SinkRecord, exp: ExpectedAssignmentEvent): Promise<void> {
  const p = prov(q);
  const problems = checkQosStatusEvent(withCanonicalBearer(record), {
    type: p.eventType,
    sessionId: exp.id,
    qosStatus: exp.status,
    ...(exp.statusInfo === undefined ? {} : { statusInfo: exp.statusInfo }),
    bearer: exp.token,
    data: { idField: p.idField, statusField: 'status', statusInfos: p.statusInfoValues },
  });
  problems.push(...(await callbackSchemaProblems(q, record)));
  if (!problems.length) return;
  const ruleIds = [...new Set(problems.map((problem) => ruleOfProblem(problem, exp.token !== null)).filter((r): r is string => r !== undefined))];
  fail(`the ${exp.label} breaks ${problems.length} rule${problems.length > 1 ? 's' : ''} of the notification contract`, {
    rule: `${exp.rule}; ${q.cite(`${p.operations.create} callbacks.notifications (${p.callbackOperation}): EventStatusChanged, type ${p.eventType}, Authorization: Bearer <sinkCredential.accessToken>`)}`,
    ...(ruleIds.length ? { ruleIds } : {}),
    expected: `POST application/cloudevents+json, ${exp.token === null ? 'no Authorization (no sinkCredential given)' : 'Authorization: Bearer <the accessToken given>'}, type "${p.eventType}", data.${p.idField} "${exp.id}", data.status ${exp.status}${exp.statusInfo === null ? ', no data.statusInfo' : exp.statusInfo ? `, data.statusInfo ${exp.statusInfo}` : ''}`,
    actual: `${problems.join('; ')} — received: ${describeArrivals([record])}`,
  });
}

/** What in the event breaks the version's callback schema, without C1's undeclared qosStatus. */
async function callbackSchemaProblems(q: Qod, record: SinkRecord): Promise<string[]> {
  const p = prov(q);
  const parsed = parseRecordBody(record);
  if (!parsed.ok) return [];
  const violations = (await q.validators()).validateCallbackBody(p.operations.create, parsed.value);
  // Every event of these versions is judged under C1's reading, whether or not it carries qosStatus.
  if (p.eventRequiresUndeclaredQosStatus) q.covers(['provisioning.event-qos-status-defect']);
  const undeclared = (v: { rule: string; message: string }) => p.eventRequiresUndeclaredQosStatus && v.rule === 'required' && v.message.includes('qosStatus');
  if (violations.some(undeclared)) {
    await noteProvisioningConflict(
      q,
      1,
      'EventStatusChanged.data requires qosStatus, which it does not declare; the event carries the declared status and is accepted without it (fixed in 0.4.0-rc.1).',
    );
  }
  return violations.filter((v) => !undeclared(v)).map((v) => `callback schema: ${describeViolation(v)}`);
}
