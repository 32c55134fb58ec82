// The fullest session a version allows, for the read-back check: every optional field of
// CreateSession the operator data can fill (device, both application server addresses, port ranges
// and ports on both sides, sink and sink credential or 0.10.1's webhook), so that every field of SessionInfo has a
// chance to come back in getSession, extendQosSessionDuration and retrieveSessionsByDevice.
import type { DeviceId } from '../config/types.js';
import { accessTokenCredential } from './callbacks.js';
import type { Qod } from './harness.js';
import type { Json } from './sessions.js';

/** Both port forms on both sides: a range and single ports (valid from 0.10.1 on). */
export function fullPorts(): Json {
  return {
    devicePorts: { ranges: [{ from: 5010, to: 5020 }], ports: [5060, 5061] },
    applicationServerPorts: { ranges: [{ from: 8000, to: 8010 }], ports: [443] },
  };
}

/** Where the notifications go, with their credential, when the run has a sink this version
 *  accepts (https where required): 0.10.1's webhook, later sink and sinkCredential; else none. */
export function fullSink(q: Qod): Json {
  if (!q.config.sink) return {};
  const { url } = q.sinkEndpoint();
  if (q.rules.sinkMustBeHttps && !url.startsWith('https://')) return {};
  const credential = accessTokenCredential();
  if (q.version === '0.10.1') return { webhook: { notificationUrl: url, notificationAuthToken: credential.accessToken } };
  return { sink: url, sinkCredential: credential };
}

/**
 * The test device that shows the most fields when read back: SessionInfo carries one identifier
 * (1.1.0 on), so an ipv4Address with publicPort (or privateAddress) beats an ipv6Address, which
 * beats a bare identifier.
 */
export async function richestDevice(q: Qod): Promise<DeviceId> {
  const prefer: Array<(d: DeviceId) => boolean> = [(d) => d.ipv4Address?.publicPort !== undefined, (d) => d.ipv4Address !== undefined, (d) => d.ipv6Address !== undefined];
  for (const fits of prefer) {
    const device = await q.deviceWhere(fits);
    if (device) return device;
  }
  return q.device();
}

/**
 * The spec neither asks for the sink credential in SessionInfo nor forbids it; it is the
 * consumer's secret, so an answer that carries it is worth a word (validated against the schema
 * like any field).
 */
export async function adviseCredentialEcho(q: Qod, where: string, view: Json): Promise<void> {
  const webhook = view.webhook as Json | undefined;
  const field = view.sinkCredential !== undefined ? 'sinkCredential' : webhook?.notificationAuthToken !== undefined ? 'webhook.notificationAuthToken' : undefined;
  if (!field) return;
  await q.advise({
    title: 'the sink credential is read back',
    whyItMatters: `SessionInfo may carry ${field}, but it holds the access token the consumer gave for its notification endpoint: anyone who can read the session learns it.`,
    detail: `${where} returned ${field}.`,
  });
}
