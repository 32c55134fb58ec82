// QoS Provisioning status-changed events (ASSIGNMENT_STATUS_CHANGED; PROVISIONING_STATUS_CHANGED in
// 0.2.0), delivered by the shared notifier. Only a create that gave a sink gets events.
import type { ProvisioningRules } from '../versions/provisioning-rules.js';
import type { Assignment, AssignmentStatusInfo } from './assignments.js';
import type { FaultSet } from './faults.js';
import type { Notifier } from './notifier.js';

export interface AssignmentEventTarget {
  notifier: Notifier;
  rules: ProvisioningRules;
  faults: FaultSet;
  /** Base URL of the provisioning API; the event `source` is the assignment's URL below it. */
  baseUrl: () => string;
  /** Variant event-status-only: no undeclared qosStatus beside status. */
  statusOnly?: boolean;
}

export function notifyAssignment(target: AssignmentEventTarget, assignment: Assignment, status: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: AssignmentStatusInfo): void {
  if (!assignment.sink) return;
  const { notifier, rules, faults } = target;
  const info = statusInfo ? { statusInfo } : {};
  // 0.2.0 / 0.3.0: EventStatusChanged.data.required names an undeclared `qosStatus` (PROVISIONING.md
  // conflicts C1); sending it beside the declared `status` satisfies both the schema and the prose.
  const legacyStatus = rules.eventRequiresUndeclaredQosStatus && !target.statusOnly ? { qosStatus: status } : {};
  const data = faults.has('assignment-notification-qod-data') ? { sessionId: assignment.id, qosStatus: status, ...info } : { [rules.idField]: assignment.id, status, ...info, ...legacyStatus };
  notifier.publish(
    {
      key: assignment.id,
      sink: assignment.sink,
      sinkCredential: assignment.sinkCredential,
      source: `${target.baseUrl()}${rules.collectionPath}/${assignment.id}`,
      type: rules.eventType,
      available: status === 'AVAILABLE',
      data,
    },
    {
      missing: faults.has('assignment-notification-missing') || (statusInfo === 'DELETE_REQUESTED' && faults.has('assignment-no-revoke-event')),
      noBearer: faults.has('assignment-notification-no-bearer'),
      bearerWithoutCredential: faults.has('assignment-notification-bearer-without-credential'),
      wrongType: faults.has('assignment-notification-wrong-type') ? 'org.camaraproject.quality-on-demand.v1.qos-status-changed' : undefined,
    },
  );
}
