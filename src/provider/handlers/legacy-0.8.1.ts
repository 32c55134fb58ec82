// QoD 0.8.1 (the first release, still what T-Mobile DevEdge documents): ueId / asId / qos /
// uePorts / asPorts / notificationUrl in, `id` and epoch-second times out, no extend, no
// profiles API. The body is mapped onto the 1.1.0 handler (one implementation of the behaviour)
// and the answer mapped back; the request as sent is kept for the echo.
import type { DeviceId } from '../../config/types.js';
import type { OperationHandler, ProviderContext } from '../context.js';
import type { Session } from '../sessions.js';
import { epochTimes } from './epoch-times.js';
import { withDevicePolicy, type DevicePolicy } from '../versions/compat.js';
import { HANDLERS } from './index.js';

/** CreateSession.duration default (0.8.1). */
export const DEFAULT_DURATION_S = 86_400;
/** The callback path the 0.8.1 callback appends to notificationUrl. */
export const NOTIFICATIONS_SUFFIX = '/notifications';

const devices: DevicePolicy = { crossCheck: true, threeLegged: 'ignore', echoAsGiven: false };

interface UeId {
  externalId?: string;
  msisdn?: string;
  ipv4addr?: string;
  ipv6addr?: string;
}

interface LegacyCreate {
  ueId: UeId;
  asId: { ipv4addr?: string; ipv6addr?: string };
  uePorts?: unknown;
  asPorts?: unknown;
  qos: string;
  duration?: number;
  notificationUrl?: string;
  notificationAuthToken?: string;
}

/** The create request as sent, kept with its session for the echo (gone with the session). */
const requests = new WeakMap<Session, LegacyCreate>();

const withoutMask = (address: string) => address.split('/')[0]!;

/** ueId in the device shape of the 1.1.0 directory (an msisdn without + gets one). */
export function deviceOfUeId(ue: UeId): DeviceId {
  const device: DeviceId = {};
  if (ue.msisdn !== undefined) device.phoneNumber = ue.msisdn.startsWith('+') ? ue.msisdn : `+${ue.msisdn}`;
  if (ue.ipv4addr !== undefined) device.ipv4Address = { publicAddress: withoutMask(ue.ipv4addr) };
  if (ue.ipv6addr !== undefined) device.ipv6Address = withoutMask(ue.ipv6addr);
  if (ue.externalId !== undefined) device.networkAccessIdentifier = ue.externalId;
  return device;
}

function toCurrentBody(body: LegacyCreate): Record<string, unknown> {
  const mapped: Record<string, unknown> = {
    device: deviceOfUeId(body.ueId),
    applicationServer: Object.fromEntries(Object.entries({ ipv4Address: body.asId.ipv4addr, ipv6Address: body.asId.ipv6addr }).filter(([, v]) => v !== undefined)),
    qosProfile: body.qos,
    duration: body.duration ?? DEFAULT_DURATION_S,
  };
  if (body.uePorts !== undefined) mapped.devicePorts = body.uePorts;
  if (body.asPorts !== undefined) mapped.applicationServerPorts = body.asPorts;
  if (body.notificationUrl !== undefined) {
    mapped.sink = body.notificationUrl.replace(/\/+$/, '') + NOTIFICATIONS_SUFFIX;
    // Carried to the legacy notifier, which sends it as the `apikey` query parameter.
    if (body.notificationAuthToken) mapped.sinkCredential = { credentialType: 'APIKEY', accessToken: body.notificationAuthToken };
  }
  return mapped;
}

/** A 1.1.0 SessionInfo as 0.8.1 shows it: the request as sent plus id, duration and epoch times. */
export function sessionInfo081(ctx: ProviderContext, info: Record<string, unknown>): Record<string, unknown> {
  const id = String(info.sessionId ?? info.id);
  const session = ctx.sessions.get(id);
  const request = session ? requests.get(session) : undefined;
  const out: Record<string, unknown> = {};
  if (request) {
    out.ueId = request.ueId;
    out.asId = request.asId;
    if (!ctx.faults.has('ports-not-echoed')) {
      if (request.uePorts !== undefined) out.uePorts = request.uePorts;
      if (request.asPorts !== undefined) out.asPorts = request.asPorts;
    }
    out.qos = request.qos;
    if (request.notificationUrl !== undefined) out.notificationUrl = request.notificationUrl;
  }
  out.duration = info.duration;
  out[ctx.faults.has('session-id-field-wrong') ? 'sessionId' : 'id'] = id;
  Object.assign(out, epochTimes(ctx, info));
  return out;
}

const createCurrent = withDevicePolicy(HANDLERS.createSession!, devices);

export const createSession081: OperationHandler = {
  handle(ctx, req) {
    const body = req.body as LegacyCreate;
    const result = createCurrent.handle(ctx, { ...req, body: toCurrentBody(body) });
    if (result.status >= 300) return result;
    const info = result.body as Record<string, unknown>;
    const session = ctx.sessions.get(String(info.sessionId ?? info.id));
    if (session) requests.set(session, structuredClone(body));
    return { ...result, body: sessionInfo081(ctx, info) };
  },
};

export const getSession081: OperationHandler = {
  handle(ctx, req) {
    const result = HANDLERS.getSession!.handle(ctx, req);
    return { ...result, body: sessionInfo081(ctx, result.body as Record<string, unknown>) };
  },
};
