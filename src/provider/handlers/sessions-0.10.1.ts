// QoD 0.10.1 operations where the behaviour differs from 1.1.0: `webhook` instead of sink +
// sinkCredential, optional duration (default 86400), epoch-second times, extend capped so that at
// most 86400 s remain (inactive session: 400), and GET /qos-profiles with query filters (404 when
// nothing matches). Everything else is the 1.1.0 handler.
import type { DeviceId } from '../../config/types.js';
import type { ApiResult, OperationHandler, ProviderContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import type { QosProfile } from '../fixtures.js';
import { epochTimes } from './epoch-times.js';
import { declaredOnly, withDevicePolicy, withView, type DevicePolicy } from '../versions/compat.js';
import { HANDLERS } from './index.js';

/** Default and cap of `duration` (CreateSession.duration default/maximum, 0.10.1). */
export const DEFAULT_DURATION_S = 86_400;
/** Extend: "the remaining time may not exceed 86400 s" (0.10.1 extendQosSessionDuration). */
export const MAX_REMAINING_S = 86_400;

const devices: DevicePolicy = { crossCheck: true, threeLegged: 'must-match', echoAsGiven: true, phonePlusOptional: true };

interface Webhook {
  notificationUrl: string;
  notificationAuthToken?: string;
}

/** A 0.10.1 create body in the 1.1.0 shape the shared handler understands. */
function toCurrentBody(body: Record<string, unknown>): Record<string, unknown> {
  const { webhook, duration, ...rest } = body as { webhook?: Webhook; duration?: number } & Record<string, unknown>;
  const mapped: Record<string, unknown> = { ...rest, duration: duration ?? DEFAULT_DURATION_S };
  if (webhook) {
    mapped.sink = webhook.notificationUrl;
    // The token is presented as `Authorization: Bearer <notificationAuthToken>` (notificationsBearerAuth).
    if (webhook.notificationAuthToken) {
      mapped.sinkCredential = { credentialType: 'ACCESSTOKEN', accessToken: webhook.notificationAuthToken, accessTokenType: 'bearer', accessTokenExpiresUtc: '9999-12-31T23:59:59Z' };
    }
  }
  return mapped;
}

/** A 1.1.0 SessionInfo as 0.10.1 shows it. */
export function sessionInfo010(ctx: ProviderContext, info: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (info.device) out.device = info.device as DeviceId;
  out.applicationServer = info.applicationServer;
  if (info.devicePorts) out.devicePorts = info.devicePorts;
  if (info.applicationServerPorts) out.applicationServerPorts = info.applicationServerPorts;
  out.qosProfile = info.qosProfile;
  if (typeof info.sink === 'string') out.webhook = { notificationUrl: info.sink };
  out[ctx.faults.has('session-id-field-wrong') ? 'id' : 'sessionId'] = info.sessionId ?? info.id;
  out.duration = info.duration;
  Object.assign(out, epochTimes(ctx, info));
  out.qosStatus = info.qosStatus;
  return out;
}

const view = (ctx: ProviderContext, info: Record<string, unknown>) => sessionInfo010(ctx, info);

const createWithDevices = withDevicePolicy(HANDLERS.createSession!, devices);

export const createSession010: OperationHandler = withView(
  {
    handle: (ctx, req) => createWithDevices.handle(ctx, { ...req, body: toCurrentBody(req.body as Record<string, unknown>) }),
  },
  view,
);

export const getSession010: OperationHandler = withView(HANDLERS.getSession!, view);

export const extendQosSessionDuration010: OperationHandler = {
  handle(ctx, req): ApiResult {
    // Existence and ownership exactly as getSession (404 / 403).
    HANDLERS.getSession!.handle(ctx, req);
    const session = ctx.sessions.get(req.params.sessionId!)!;
    if (session.status !== 'AVAILABLE' && !ctx.faults.has('extend-unavailable-allowed')) {
      // The error table turns this into 400 INVALID_ARGUMENT for 0.10.1 ("inactive session" example).
      throw new ApiError(409, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED', `The session is not active (${session.status}): it cannot be extended.`);
    }
    const { requestedAdditionalDuration } = req.body as { requestedAdditionalDuration: number };
    const elapsed = session.startedAtMs === undefined ? 0 : Math.max(0, Math.floor((Date.now() - session.startedAtMs) / 1000));
    const wanted = session.duration + requestedAdditionalDuration;
    // Fault v010-extend-cap-on-total: the 86400 s limit read as a cap on the overall duration.
    const cap = ctx.faults.has('v010-extend-cap-on-total') ? MAX_REMAINING_S : elapsed + MAX_REMAINING_S;
    const total = ctx.faults.has('extend-uncapped') ? wanted : Math.max(session.duration, Math.min(wanted, cap));
    ctx.sessions.setDuration(session, total);
    return HANDLERS.getSession!.handle(ctx, req);
  },
};

export const extendSession010: OperationHandler = withView(extendQosSessionDuration010, view);

/** GET /qos-profiles?name=&status=: the profiles offered to the caller that match; 404 when none. */
export const getQosProfiles010: OperationHandler = {
  handle(ctx, req) {
    const name = req.query?.name;
    const status = ctx.faults.has('v010-profile-status-filter-ignored') ? undefined : (req.query?.status as QosProfile['status'] | undefined);
    const profiles = ctx.profiles.list({ name, status, deviceId: req.caller.deviceId });
    if (profiles.length === 0) throw notFound('No QoS profile matches the given filters.');
    return { status: 200, body: profiles.map((p) => declaredOnly(ctx, 'QosProfile', p)) };
  },
};

export const getQosProfile010: OperationHandler = withView(HANDLERS.getQosProfile!, (ctx, p) => declaredOnly(ctx, 'QosProfile', p));
