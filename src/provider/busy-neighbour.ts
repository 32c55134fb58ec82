// Variant busy-devices: a second API client of the same endpoint (as when two CI pipelines gate
// against one staging endpoint) that holds sessions on the test devices now and then. While it
// holds one, a create for that device gets 409 CONFLICT. Holds are bounded (at most `holdMs`) and
// each is followed by a free stretch at least as long, so a patient client always gets the device.
import type { ApplicationServerId } from '../config/types.js';
import type { SessionStore } from './sessions.js';
import type { Cancelable } from './time.js';
import { runAt } from './time.js';

/** The neighbour's client id: not a client of the fixtures, so no token of the run can see its sessions. */
export const NEIGHBOUR_CLIENT_ID = 'qod-conformance-neighbour';

export interface NeighbourOptions {
  sessions: SessionStore;
  deviceIds: readonly string[];
  /** Longest hold of one device; the free stretch after it is holdMs..2*holdMs. */
  holdMs: number;
  qosProfile: string;
  applicationServer: ApplicationServerId;
}

export class BusyNeighbour {
  private readonly timers = new Map<string, Cancelable>();
  private closed = false;

  constructor(private readonly options: NeighbourOptions) {
    // The first holds start spread over the first hold length.
    for (const id of options.deviceIds) this.later(id, random(0, options.holdMs), () => this.take(id));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private take(deviceId: string): void {
    const { sessions, holdMs } = this.options;
    if (sessions.activeForDevice(deviceId)) {
      // Somebody else (the run) holds it: try again after a free stretch.
      this.later(deviceId, random(holdMs, 2 * holdMs), () => this.take(deviceId));
      return;
    }
    const session = sessions.create({
      clientId: NEIGHBOUR_CLIENT_ID,
      deviceId,
      applicationServer: this.options.applicationServer,
      qosProfile: this.options.qosProfile,
      duration: 3600, // released by the neighbour long before it could expire
    });
    this.later(deviceId, random(holdMs / 2, holdMs), () => {
      sessions.remove(session.id);
      this.later(deviceId, random(holdMs, 2 * holdMs), () => this.take(deviceId));
    });
  }

  private later(deviceId: string, ms: number, step: () => void): void {
    if (this.closed) return;
    this.timers.set(
      deviceId,
      runAt(Date.now() + ms, () => {
        this.timers.delete(deviceId);
        if (!this.closed) step();
      }),
    );
  }
}

function random(min: number, max: number): number {
  return Math.round(min + Math.random() * (max - min));
}
