// Leases of test devices: a device holds one live session at a time (a second is a 409), so tests
// that create sessions never overlap on one device. `known` plus each `pool` device = parallelism.
// A check that needs several devices leases them together, never one while holding another: two
// checks each holding one device and waiting for a second would wait forever.
// With the run's coordinator (every CLI run) the leases hold across worker processes; without it
// (a harness used on its own) they hold within this process.
import type { DeviceId, OperatorData, RunConfig } from '../config/types.js';
import { coordinatorOf, DeviceLeftPoolError } from '../coordination/client.js';

export { DeviceLeftPoolError } from '../coordination/client.js';

export interface DeviceLease {
  devices: DeviceId[];
  release: () => Promise<void>;
}

/** How many devices at once, and which of the lendable ones may be given (default: any). */
export interface DeviceWant {
  count?: number;
  among?: number[];
}

let busy: boolean[] | undefined;
const waiters: Array<() => void> = [];
/** Without a coordinator: slots out of the pool in this process, with why. */
const retired = new Map<number, string>();

/** A device as people name it in a report line: its first identifier. */
export function describeDevice(d: DeviceId): string {
  return d.phoneNumber ?? d.networkAccessIdentifier ?? d.ipv4Address?.publicAddress ?? d.ipv6Address ?? JSON.stringify(d);
}

/**
 * Takes a test device out of the pool for the rest of the run (every worker): a session left live
 * on it (a cleanup that failed) would turn every later create on it into an unrelated 409.
 */
export async function retireDevice(config: Pick<RunConfig, 'coordinator'>, slot: number, reason: string): Promise<void> {
  const coordinator = coordinatorOf(config);
  if (coordinator) return coordinator.retire(slot, reason);
  if (!retired.has(slot)) retired.set(slot, reason);
  for (const wake of waiters.splice(0)) wake();
}

/** The devices the operator data lends to tests: the coordinator's slots, in this order. */
export function lendable(operator: OperatorData): DeviceId[] {
  return [operator.devices.known, ...(operator.devices.pool ?? [])].filter((d): d is DeviceId => d !== undefined);
}

export function deviceCount(operator: OperatorData): number {
  return lendable(operator).length;
}

/** Waits until the devices asked for are free at once; returns them with their release function. */
export async function leaseDevices(config: Pick<RunConfig, 'operator' | 'coordinator'>, want: DeviceWant = {}, signal?: AbortSignal): Promise<DeviceLease> {
  const all = lendable(config.operator);
  const count = want.count ?? 1;
  const among = want.among ?? all.map((_, slot) => slot);
  if (count < 1 || count > among.length) throw new Error(`test bug: ${count} device(s) asked, ${among.length} can be lent`);
  const coordinator = coordinatorOf(config);
  if (coordinator) {
    const lease = await coordinator.lease({ count, among: want.among }, signal);
    return { devices: lease.slots.map((slot) => all[slot]!), release: lease.release };
  }
  busy ??= all.map(() => false);
  for (;;) {
    const out = among.filter((slot) => retired.has(slot));
    if (among.length - out.length < count && out.length > 0) throw new DeviceLeftPoolError(retired.get(out[0]!)!);
    const free = among.filter((slot) => !busy![slot] && !retired.has(slot));
    if (free.length >= count) {
      const slots = free.slice(0, count);
      for (const slot of slots) busy[slot] = true;
      let released = false;
      return {
        devices: slots.map((slot) => all[slot]!),
        release: async () => {
          if (released) return;
          released = true;
          for (const slot of slots) busy![slot] = false;
          // Every waiter looks again: the freed slots may be the ones it waits for.
          for (const wake of waiters.splice(0)) wake();
        },
      };
    }
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}
