// Before any suite: is every test device free? A device that already holds a session (left by
// another run, or a session nobody here can delete) would make every create on it a 409 against
// whatever rule the check is about. One retrieve request per device, all at once; a busy device is
// reported in one line and left out of the pool (checks that would need it skip). A QoS assignment
// never ends by itself, so a provisioning run refuses to start instead (src/runner/prepare.ts).
import type { ApiId, DeviceId } from '../config/types.js';
import type { Dialect } from '../dialects/types.js';
import { dialectRequestHeaders } from '../dialects/index.js';
import { HttpClient } from '../http/client.js';
import type { LoadedSpec } from '../spec/types.js';
import { describeDevice } from '../suite/devices.js';
import { provisioningRulesForBundle } from '../versions/provisioning-rules.js';
import { rulesFor } from '../versions/rules.js';

export interface DevicePreflightInput {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  insecure: boolean;
  secrets: string[];
  spec: LoadedSpec;
  dialect: Dialect;
  /** The API under test: what a device can hold differs (a session, a QoS assignment). */
  api: ApiId;
  /** The lendable test devices, in slot order (src/suite/devices.ts lendable). */
  devices: readonly DeviceId[];
}

export interface BusyDevice {
  slot: number;
  /** What it holds (session or assignment IDs). */
  ids: string[];
  /** One line for the terminal and the reports; also the reason checks skip with. */
  reason: string;
}

/** What a test device can already hold in the API under test, and how to ask for it. */
interface Holding {
  operationId: string;
  /** The answer lists the device's records (QoD) or is the one record (QoS Provisioning, 404 when none). */
  list: boolean;
  idField: string;
  /** Does a record keep the device from being used? */
  blocks: (record: Record<string, unknown>) => boolean;
  what: string;
}

function holdingOf(spec: LoadedSpec, api: ApiId): Holding | undefined {
  if (api === 'qos-provisioning') {
    const rules = provisioningRulesForBundle(spec.version);
    if (!rules) return undefined;
    // Any record blocks: one per device, and even an UNAVAILABLE one is a 409 for a new create.
    return { operationId: rules.operations.getByDevice, list: false, idField: rules.idField, blocks: () => true, what: rules.idField === 'assignmentId' ? 'QoS assignment' : 'provisioning' };
  }
  // An ended session (UNAVAILABLE) does not block a create.
  return { operationId: 'retrieveSessionsByDevice', list: true, idField: rulesFor(spec.version).sessionIdField, blocks: (s) => s.qosStatus !== 'UNAVAILABLE', what: 'session' };
}

/** The test devices that already hold a live session (a QoS assignment in a provisioning run); [] when the version cannot be asked. */
export async function busyTestDevices(input: DevicePreflightInput): Promise<BusyDevice[]> {
  const holding = holdingOf(input.spec, input.api);
  const op = holding && input.spec.operations[holding.operationId];
  if (!holding || !op || op.method !== 'post' || input.devices.length === 0) return [];
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
        // Only a clear answer counts: anything else (an error, no answer) is left to the checks.
        const res = await client.send({ api: op.api, method: 'POST', path: op.path, body: { device }, headers: dialectRequestHeaders(input.dialect), noRetry: true }).catch(() => undefined);
        if (res?.status !== 200) return undefined;
        const records = holding.list ? res.json : [res.json];
        if (!Array.isArray(records)) return undefined;
        const live = (records as unknown[]).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && holding.blocks(r as Record<string, unknown>));
        if (!live.length) return undefined;
        const ids = live.map((s) => String(s[holding.idField] ?? '(no id)')).join(', ');
        return {
          slot,
          ids: live.map((s) => String(s[holding.idField] ?? '')).filter(Boolean),
          reason: `test device ${describeDevice(device)} left the pool: it already had ${holding.what} ${ids} before the run (preflight, ${op.operationId})`,
        };
      }),
    );
    return found.filter((b): b is BusyDevice => b !== undefined);
  } finally {
    await client.close();
  }
}
