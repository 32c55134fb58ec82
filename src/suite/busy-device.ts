// A 409 CONFLICT to a create for a device this check holds no session on means another client
// holds one there (two CI pipelines gating one staging endpoint with the same test SIMs). That is
// neither the endpoint's fault nor ours: wait for the device with a bounded backoff, and when it
// stays busy the check cannot run here (INCOMPLETE, never a failure).
import type { DeviceId } from '../config/types.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';
import { currentRunId } from './run-scope.js';

export const BUSY_DEVICE_SKIP = `${BLOCKED_SKIP}test device busy: another client holds a session`;

/** The longest one check waits for busy devices, all its creates together (added to its timeout). */
export const BUSY_WAIT_MS = 20_000;
/** The wait for a device that already stayed busy through a whole wait in this process. */
export const STUCK_DEVICE_WAIT_MS = 2_000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4_000;

/** A device as a set of "kind:value" identifiers, comparable whatever the version's body shape. */
export type DeviceKeys = ReadonlySet<string>;

function keysOfDevice(d: DeviceId): string[] {
  const keys: string[] = [];
  if (d.phoneNumber) keys.push(`phone:${d.phoneNumber}`);
  if (d.networkAccessIdentifier) keys.push(`nai:${d.networkAccessIdentifier}`);
  if (d.ipv4Address?.publicAddress) keys.push(`ipv4:${d.ipv4Address.publicAddress}`);
  if (d.ipv6Address) keys.push(`ipv6:${d.ipv6Address}`);
  return keys;
}

/** The identifiers a create body names its device with: `device` (0.10 on) or `ueId` (0.8.1). */
function keysOfBody(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const { device, ueId } = body as { device?: unknown; ueId?: unknown };
  if (typeof device === 'object' && device !== null) return keysOfDevice(device as DeviceId);
  if (typeof ueId === 'object' && ueId !== null) {
    const u = ueId as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return keysOfDevice({
      phoneNumber: str(u.msisdn),
      networkAccessIdentifier: str(u.externalId),
      ipv4Address: str(u.ipv4addr) ? { publicAddress: str(u.ipv4addr)! } : undefined,
      ipv6Address: str(u.ipv6addr),
    });
  }
  return [];
}

/**
 * The device a create body is for, widened to every identifier of the test device it shares one
 * with: a session created by phone number and a create by IP address of the same SIM conflict.
 * Empty when the body names no device (a 3-legged token names it).
 */
export function deviceKeysOf(body: unknown, testDevices: readonly DeviceId[]): DeviceKeys {
  const keys = new Set(keysOfBody(body));
  for (const d of testDevices) {
    const own = keysOfDevice(d);
    if (own.some((k) => keys.has(k))) for (const k of own) keys.add(k);
  }
  return keys;
}

/**
 * Is a 409 to this create someone else's session? Only when no session the check holds is on the
 * same device; a create that names no device is ours to conflict with whenever the check holds one.
 */
export function isBusyElsewhere(create: DeviceKeys, held: Iterable<DeviceKeys>): boolean {
  for (const h of held) {
    if (create.size === 0 || h.size === 0) return false;
    for (const k of create) if (h.has(k)) return false;
  }
  return true;
}

/** The wait before the next try (doubling, jittered), or undefined once `limitMs` is spent. */
export function busyBackoffMs(attempt: number, waitedMs: number, limitMs = BUSY_WAIT_MS, random: () => number = Math.random): number | undefined {
  const left = limitMs - waitedMs;
  if (left <= 0) return undefined;
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
  return Math.min(left, Math.round(base * (0.75 + random() / 2)));
}

// Devices that stayed busy through a whole wait, in this worker process: the next check waits only
// briefly for them (a session nobody here can delete would otherwise cost every check the full
// wait), until a create for them succeeds again. Per run (src/suite/run-scope.ts): the runs of a
// self-test batch use the same fixture devices on different providers.
/** A set of device keys per run this worker serves (src/suite/run-scope.ts). */
function perRunSet(): () => Set<string> {
  const byRun = new Map<string, Set<string>>();
  return () => {
    const run = currentRunId();
    let set = byRun.get(run);
    if (!set) byRun.set(run, (set = new Set()));
    return set;
  };
}
const stuck = perRunSet();

/** How long a check may wait for this device: the full wait, or a short one when it is known stuck. */
export function busyWaitLimitMs(device: DeviceKeys): number {
  const known = stuck();
  for (const k of device) if (known.has(k)) return STUCK_DEVICE_WAIT_MS;
  return BUSY_WAIT_MS;
}

export function markDeviceStuck(device: DeviceKeys): void {
  const known = stuck();
  for (const k of device) known.add(k);
}

export function markDeviceFree(device: DeviceKeys): void {
  for (const k of device) {
    stuck().delete(k);
    freedByDelete().delete(k);
  }
}

// Devices whose last session in this run (as this worker saw it) ended with the run's own 204
// DELETE (none created since), and devices another client was seen to hold. A 409 for a device of
// the first kind and not the second is the endpoint's: the delete did not free it. It is only
// ambiguous when another client or run uses the same test devices and takes the device in the
// moment after the delete; the bounded wait outlasts such a session, and a device seen busy
// before is never judged this way.
const freedByDelete = perRunSet();
const seenBusy = perRunSet();

export function markFreedByDelete(device: DeviceKeys): void {
  for (const k of device) freedByDelete().add(k);
}

export function markSeenBusy(device: DeviceKeys): void {
  for (const k of device) seenBusy().add(k);
}

/** Did this run's own 204 DELETE free the device last, with no sign of another client on it? */
export function freedByOwnDelete(device: DeviceKeys): boolean {
  const keys = [...device];
  return keys.length > 0 && keys.some((k) => freedByDelete().has(k)) && !keys.some((k) => seenBusy().has(k));
}
