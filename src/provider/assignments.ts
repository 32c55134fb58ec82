// QoS assignment store and life cycle (QoS Provisioning; "provisioning" records in 0.2.0), beside the
// session store and keyed by the same network device ids (devices.ts): a device may hold a QoD
// session and an assignment at once (the specs define no conflict between the two).
// REQUESTED → AVAILABLE (after availabilityDelayMs); an assignment has no duration: it stays until
// it is revoked (204 at once, or 202 and done revokeDelayMs later) or the network ends it
// (UNAVAILABLE + NETWORK_TERMINATED, kept retentionMs, then deleted). Every status change an event
// reports goes through onStatusChange.
import { randomUUID } from 'node:crypto';
import type { DeviceId } from '../config/types.js';
import type { SinkCredential } from './sessions.js';
import { runAt, type Cancelable } from './time.js';

export type AssignmentStatus = 'REQUESTED' | 'AVAILABLE' | 'UNAVAILABLE';
export type AssignmentStatusInfo = 'NETWORK_TERMINATED' | 'DELETE_REQUESTED';

export interface NewAssignment {
  clientId: string;
  /** Network device id (fixture id): the conflict and get-by-device key. */
  deviceId: string;
  /** The identifier echoed as `device`, when one is echoed. */
  deviceEcho?: DeviceId;
  qosProfile: string;
  sink?: string;
  sinkCredential?: SinkCredential;
}

export interface Assignment extends NewAssignment {
  readonly id: string;
  status: AssignmentStatus;
  statusInfo?: AssignmentStatusInfo;
  /** When it became AVAILABLE. */
  startedAtMs?: number;
  /** An asynchronous revoke was accepted and has not completed yet (202 answered). */
  revoking: boolean;
  /** Revoked: readable by id until removed, but no longer the device's assignment. */
  revoked: boolean;
}

export interface AssignmentOptions {
  /** 0: the create answer already says AVAILABLE. */
  availabilityDelayMs: number;
  /** How long a record that became UNAVAILABLE stays readable (the spec's "at least 360 seconds"). */
  retentionMs: number;
  /** 0: revoke completes at once (204); > 0: 202, and the deletion completes this much later. */
  revokeDelayMs: number;
  /** A revoked record stays readable by id (UNAVAILABLE, DELETE_REQUESTED) for retentionMs; false: removed at once. */
  keepRevoked: boolean;
  /** The network ends each assignment this long after it became AVAILABLE (variant network-terminates); undefined: never. */
  networkEndsAfterMs?: number;
  onStatusChange(assignment: Assignment, status: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: AssignmentStatusInfo): void;
}

export type RevokeOutcome = 'done' | 'accepted';

export class AssignmentStore {
  private readonly assignments = new Map<string, Assignment>();
  private readonly timers = new Map<string, Cancelable>();
  /** Faults assignment-device-blocked-after-revoke, assignment-refused-create-kept: devices the network still holds for no assignment. */
  readonly blockedDevices = new Set<string>();

  constructor(private readonly options: AssignmentOptions) {}

  create(init: NewAssignment): Assignment {
    const assignment: Assignment = { ...init, id: randomUUID(), status: 'REQUESTED', revoking: false, revoked: false };
    this.assignments.set(assignment.id, assignment);
    if (this.options.availabilityDelayMs <= 0) this.makeAvailable(assignment);
    else this.schedule(assignment, Date.now() + this.options.availabilityDelayMs, () => this.makeAvailable(assignment));
    return assignment;
  }

  get(id: string): Assignment | undefined {
    return this.assignments.get(id);
  }

  /** The device's assignment, whatever its status (an UNAVAILABLE one still blocks a new one until it is revoked or deleted). */
  forDevice(deviceId: string): Assignment | undefined {
    for (const a of this.assignments.values()) if (a.deviceId === deviceId && !a.revoked) return a;
    return undefined;
  }

  /**
   * The consumer revokes. An AVAILABLE assignment reports UNAVAILABLE + DELETE_REQUESTED once the
   * deletion is done; one that never became or is no longer AVAILABLE reports nothing. With a
   * revoke delay, an AVAILABLE assignment answers 'accepted' (202) and completes later.
   */
  revoke(assignment: Assignment): RevokeOutcome {
    if (assignment.revoking) return 'accepted';
    if (assignment.revoked) return 'done'; // revoking it again changes nothing (nor its retention)
    const wasAvailable = assignment.status === 'AVAILABLE';
    if (wasAvailable && this.options.revokeDelayMs > 0) {
      assignment.revoking = true;
      assignment.statusInfo = 'DELETE_REQUESTED';
      this.schedule(assignment, Date.now() + this.options.revokeDelayMs, () => this.completeRevoke(assignment, true));
      return 'accepted';
    }
    this.completeRevoke(assignment, wasAvailable);
    return 'done';
  }

  /** The network ends an assignment: UNAVAILABLE + NETWORK_TERMINATED, reported, kept retentionMs, then deleted. */
  terminate(assignment: Assignment): void {
    if (assignment.status === 'UNAVAILABLE' || assignment.revoked) return;
    assignment.status = 'UNAVAILABLE';
    assignment.statusInfo = 'NETWORK_TERMINATED';
    this.options.onStatusChange(assignment, 'UNAVAILABLE', 'NETWORK_TERMINATED');
    this.schedule(assignment, Date.now() + this.options.retentionMs, () => this.remove(assignment.id));
  }

  /** Removes the record and everything scheduled for it: no event can follow. */
  remove(id: string): void {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
    this.assignments.delete(id);
  }

  list(): Assignment[] {
    return [...this.assignments.values()];
  }

  /** Cancels every timer (no status change, no event after close). */
  close(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private completeRevoke(assignment: Assignment, wasAvailable: boolean): void {
    assignment.revoking = false;
    assignment.revoked = true;
    if (assignment.status !== 'UNAVAILABLE') {
      assignment.status = 'UNAVAILABLE';
      assignment.statusInfo = 'DELETE_REQUESTED';
    }
    if (wasAvailable) this.options.onStatusChange(assignment, 'UNAVAILABLE', 'DELETE_REQUESTED');
    if (this.options.keepRevoked) this.schedule(assignment, Date.now() + this.options.retentionMs, () => this.remove(assignment.id));
    else this.remove(assignment.id);
  }

  private makeAvailable(assignment: Assignment): void {
    assignment.status = 'AVAILABLE';
    assignment.startedAtMs = Date.now();
    this.options.onStatusChange(assignment, 'AVAILABLE');
    const endAfter = this.options.networkEndsAfterMs;
    if (endAfter !== undefined) this.schedule(assignment, Date.now() + endAfter, () => this.terminate(assignment));
  }

  /** One pending timer per assignment: the next step of its life cycle. */
  private schedule(assignment: Assignment, atMs: number, step: () => void): void {
    this.timers.get(assignment.id)?.cancel();
    this.timers.set(
      assignment.id,
      runAt(atMs, () => {
        this.timers.delete(assignment.id);
        step();
      }),
    );
  }
}
