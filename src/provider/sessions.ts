// Session store and life cycle: REQUESTED → AVAILABLE (after availabilityDelayMs) → UNAVAILABLE
// (DURATION_EXPIRED at startedAt + duration) → removed after retentionMs. Every status change is
// reported through onStatusChange (the notifier listens there).
import { randomUUID } from 'node:crypto';
import type { ApplicationServerId, DeviceId } from '../config/types.js';
import { runAt, type Cancelable } from './time.js';

export type QosStatus = 'REQUESTED' | 'AVAILABLE' | 'UNAVAILABLE';
export type StatusInfo = 'DURATION_EXPIRED' | 'NETWORK_TERMINATED' | 'DELETE_REQUESTED';

export interface PortsSpec {
  ranges?: Array<{ from: number; to: number }>;
  ports?: number[];
}

export interface SinkCredential {
  credentialType: string;
  accessToken?: string;
  accessTokenExpiresUtc?: string;
  accessTokenType?: string;
}

/** What the consumer asked for (kept as sent, so it can be echoed). */
export interface SessionRequest {
  applicationServer: ApplicationServerId;
  devicePorts?: PortsSpec;
  applicationServerPorts?: PortsSpec;
  qosProfile: string;
  sink?: string;
  sinkCredential?: SinkCredential;
}

export interface Session extends SessionRequest {
  readonly id: string;
  readonly clientId: string;
  /** Network device id (fixture id); the conflict and retrieve-by-device key. */
  readonly deviceId: string;
  /** The identifier echoed as SessionInfo.device, when one is echoed. */
  readonly deviceEcho?: DeviceId;
  /** Granted duration in seconds (grows on extension). */
  duration: number;
  status: QosStatus;
  statusInfo?: StatusInfo;
  startedAtMs?: number;
  /** Planned end while AVAILABLE, actual end once UNAVAILABLE. */
  endAtMs?: number;
}

export interface NewSession extends SessionRequest {
  clientId: string;
  deviceId: string;
  deviceEcho?: DeviceId;
  duration: number;
}

export interface LifecycleOptions {
  /** 0: the create response already says AVAILABLE. */
  availabilityDelayMs: number;
  /** How long an UNAVAILABLE session stays readable before it is removed. */
  retentionMs: number;
  /** false: sessions never expire (fault no-expiry). */
  expires: boolean;
  /** true: a session whose duration ran out is deleted right after its event (variant purge-expired). */
  purgeExpired?: boolean;
  onStatusChange(session: Session, status: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: StatusInfo): void;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Map<string, Cancelable>();
  /** Fault device-blocked-after-delete: devices whose session was deleted but whose network resources were never released. */
  readonly blockedAfterDelete = new Set<string>();

  constructor(private readonly options: LifecycleOptions) {}

  create(init: NewSession): Session {
    const session: Session = { ...init, id: randomUUID(), status: 'REQUESTED' };
    this.sessions.set(session.id, session);
    if (this.options.availabilityDelayMs <= 0) this.makeAvailable(session);
    else this.schedule(session, Date.now() + this.options.availabilityDelayMs, () => this.makeAvailable(session));
    return session;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Removes the session and everything scheduled for it: no event can follow a deletion. */
  remove(id: string): void {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
    this.sessions.delete(id);
  }

  /** Sets a new total duration of an AVAILABLE session and moves its expiry accordingly. */
  setDuration(session: Session, duration: number): void {
    session.duration = duration;
    if (session.status !== 'AVAILABLE' || session.startedAtMs === undefined) return;
    session.endAtMs = session.startedAtMs + duration * 1000;
    this.scheduleExpiry(session);
  }

  /**
   * Ends a session early but keeps it readable for retentionMs (used by the delete-leaves-session
   * fault). `duration` becomes the effective one, expiresAt the actual end. Reports nothing: the
   * caller decides which event, if any, goes out.
   */
  terminate(session: Session, statusInfo: StatusInfo): void {
    const now = Date.now();
    if (session.startedAtMs !== undefined) {
      session.duration = Math.max(1, Math.round((now - session.startedAtMs) / 1000));
      session.endAtMs = session.startedAtMs + session.duration * 1000; // keeps expiresAt - startedAt = duration
    }
    session.status = 'UNAVAILABLE';
    session.statusInfo = statusInfo;
    this.schedule(session, now + this.options.retentionMs, () => this.remove(session.id));
  }

  /** A session blocks new ones for its device until it is UNAVAILABLE. */
  activeForDevice(deviceId: string): Session | undefined {
    for (const s of this.sessions.values()) if (s.deviceId === deviceId && s.status !== 'UNAVAILABLE') return s;
    return undefined;
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Cancels every timer (no status change, no event after close). */
  close(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private makeAvailable(session: Session): void {
    const now = Date.now();
    session.status = 'AVAILABLE';
    session.startedAtMs = now;
    session.endAtMs = now + session.duration * 1000;
    this.scheduleExpiry(session);
    this.options.onStatusChange(session, 'AVAILABLE');
  }

  private scheduleExpiry(session: Session): void {
    if (!this.options.expires) {
      this.timers.get(session.id)?.cancel();
      return;
    }
    this.schedule(session, session.endAtMs!, () => this.expire(session));
  }

  private expire(session: Session): void {
    // endAtMs stays the planned end, so expiresAt - startedAt is still exactly `duration`.
    session.status = 'UNAVAILABLE';
    session.statusInfo = 'DURATION_EXPIRED';
    this.options.onStatusChange(session, 'UNAVAILABLE', 'DURATION_EXPIRED');
    // The 360 s retention is owed only after NETWORK_TERMINATED: an expired session may go at once.
    if (this.options.purgeExpired) this.remove(session.id);
    else this.schedule(session, Date.now() + this.options.retentionMs, () => this.remove(session.id));
  }

  /** One pending timer per session: the next step of its life cycle. */
  private schedule(session: Session, atMs: number, step: () => void): void {
    this.timers.get(session.id)?.cancel();
    this.timers.set(
      session.id,
      runAt(atMs, () => {
        this.timers.delete(session.id);
        step();
      }),
    );
  }
}
