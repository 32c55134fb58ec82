// A stored assignment as the API shows it (AssignmentInfo; ProvisioningInfo in 0.2.0). sinkCredential
// is never echoed: it carries the consumer's secret (writeOnly from 0.4.0-rc.1, optional before).
import type { ProvisioningRules } from '../versions/provisioning-rules.js';
import type { Assignment } from './assignments.js';
import type { FaultSet } from './faults.js';
import { rfc3339Seconds } from './time.js';

/** `read`: the assignment read back after its creation (get by id, get by device, revoke 202), not the create answer. */
export function assignmentInfo(assignment: Assignment, rules: ProvisioningRules, faults: FaultSet, read = true): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  if (assignment.deviceEcho) info.device = assignment.deviceEcho;
  info.qosProfile = assignment.qosProfile;
  if (assignment.sink && !(read && faults.has('assignment-readback-drops-sink'))) info.sink = assignment.sink;
  info[faults.has('assignment-id-field-wrong') ? 'id' : rules.idField] = assignment.id;
  // startedAt: the time it became AVAILABLE, never while REQUESTED; an UNAVAILABLE record keeps it (the spec's example does).
  if (assignment.startedAtMs !== undefined && assignment.status !== 'REQUESTED') {
    info.startedAt = rfc3339Seconds(assignment.startedAtMs + (faults.has('assignment-started-at-future') ? 3_600_000 : 0));
  }
  info.status = assignment.status;
  if (assignment.statusInfo) info.statusInfo = assignment.statusInfo;
  else if (assignment.status === 'AVAILABLE' && faults.has('assignment-status-info-on-available')) info.statusInfo = 'NETWORK_TERMINATED';
  return info;
}
