// Leases of test devices: a device holds one live session at a time (a second is a 409), so tests
// that create sessions never overlap on one device. `known` plus each `pool` device = parallelism.
import type { DeviceId, OperatorData } from '../config/types.js';

interface Slot {
  device: DeviceId;
  busy: boolean;
}

let slots: Slot[] | undefined;
const waiters: Array<() => void> = [];

function init(operator: OperatorData): Slot[] {
  slots ??= [operator.devices.known, ...(operator.devices.pool ?? [])]
    .filter((d): d is DeviceId => d !== undefined)
    .map((device) => ({ device, busy: false }));
  return slots;
}

export function deviceCount(operator: OperatorData): number {
  return init(operator).length;
}

/** Waits for a free device; returns it with its release function. */
export async function leaseDevice(operator: OperatorData): Promise<{ device: DeviceId; release: () => void }> {
  const all = init(operator);
  if (all.length === 0) throw new Error('no device to lease');
  for (;;) {
    const slot = all.find((s) => !s.busy);
    if (slot) {
      slot.busy = true;
      let released = false;
      return {
        device: slot.device,
        release: () => {
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
