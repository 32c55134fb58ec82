// Leases of test devices: a device holds one live session at a time (a second is a 409), so tests
// that create sessions never overlap on one device. `known` plus each `pool` device = parallelism.
// With the run's coordinator (every CLI run) the leases hold across worker processes; without it
// (a harness used on its own) they hold within this process.
import type { DeviceId, OperatorData, RunConfig } from '../config/types.js';
import { coordinatorOf } from '../coordination/client.js';

interface Slot {
  device: DeviceId;
  busy: boolean;
}

export interface DeviceLease {
  device: DeviceId;
  release: () => Promise<void>;
}

let slots: Slot[] | undefined;
const waiters: Array<() => void> = [];

/** The devices the operator data lends to tests: the coordinator's slots, in this order. */
function lendable(operator: OperatorData): DeviceId[] {
  return [operator.devices.known, ...(operator.devices.pool ?? [])].filter((d): d is DeviceId => d !== undefined);
}

function init(operator: OperatorData): Slot[] {
  slots ??= lendable(operator).map((device) => ({ device, busy: false }));
  return slots;
}

export function deviceCount(operator: OperatorData): number {
  return lendable(operator).length;
}

/** Waits for a free device; returns it with its release function. */
export async function leaseDevice(config: Pick<RunConfig, 'operator' | 'coordinator'>, signal?: AbortSignal): Promise<DeviceLease> {
  const all = init(config.operator);
  if (all.length === 0) throw new Error('no device to lease');
  const coordinator = coordinatorOf(config);
  if (coordinator) {
    const lease = await coordinator.lease(undefined, signal);
    return { device: all[lease.slot]!.device, release: lease.release };
  }
  for (;;) {
    const slot = all.find((s) => !s.busy);
    if (slot) {
      slot.busy = true;
      let released = false;
      return {
        device: slot.device,
        release: async () => {
          if (released) return;
          released = true;
          slot.busy = false;
          waiters.shift()?.();
        },
      };
    }
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}
