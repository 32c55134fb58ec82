// Before any suite: is every test device free? A device that already holds a session (left by
// another run, or a session nobody here can delete) would make every create on it a 409 against
// whatever rule the check is about. One retrieve-sessions request per device, all at once; a busy
// device is reported in one line and left out of the pool (checks that would need it skip).
import type { DeviceId } from '../config/types.js';
import type { Dialect } from '../dialects/types.js';
import { dialectRequestHeaders } from '../dialects/index.js';
import { HttpClient } from '../http/client.js';
import type { LoadedSpec } from '../spec/types.js';
import { describeDevice } from '../suite/devices.js';
import { rulesFor } from '../versions/rules.js';

export interface DevicePreflightInput {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  insecure: boolean;
  secrets: string[];
  spec: LoadedSpec;
  dialect: Dialect;
  /** The lendable test devices, in slot order (src/suite/devices.ts lendable). */
  devices: readonly DeviceId[];
}

export interface BusyDevice {
  slot: number;
  /** One line for the terminal and the reports; also the reason checks skip with. */
  reason: string;
}

/** The test devices that already hold a live session; [] when the version has no retrieve-sessions. */
export async function busyTestDevices(input: DevicePreflightInput): Promise<BusyDevice[]> {
  const op = input.spec.operations.retrieveSessionsByDevice;
  if (!op || op.method !== 'post' || input.devices.length === 0) return [];
  const idField = rulesFor(input.spec.version).sessionIdField;
  const client = new HttpClient({
    baseUrl: input.baseUrl,
    token: input.token,
    timeoutMs: input.timeoutMs,
    insecure: input.insecure,
    secrets: input.secrets,
    maxRps: 0,
    concurrency: input.devices.length,
  });
  try {
    const found = await Promise.all(
      input.devices.map(async (device, slot): Promise<BusyDevice | undefined> => {
        // Only a clear listing counts: anything else (an error, no answer) is left to the checks.
        const res = await client.send({ method: 'POST', path: op.path, body: { device }, headers: dialectRequestHeaders(input.dialect), noRetry: true }).catch(() => undefined);
        if (res?.status !== 200 || !Array.isArray(res.json)) return undefined;
        // An ended session (UNAVAILABLE) does not block a create.
        const live = (res.json as Array<Record<string, unknown>>).filter((s) => typeof s === 'object' && s !== null && s.qosStatus !== 'UNAVAILABLE');
        if (!live.length) return undefined;
        const ids = live.map((s) => String(s[idField] ?? '(no id)')).join(', ');
        return { slot, reason: `test device ${describeDevice(device)} left the pool: it already had session ${ids} before the run (preflight, ${op.operationId})` };
      }),
    );
    return found.filter((b): b is BusyDevice => b !== undefined);
  } finally {
    await client.close();
  }
}
