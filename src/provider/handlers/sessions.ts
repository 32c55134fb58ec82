// The five QoD session operations.
import type { DeviceId } from '../../config/types.js';
import { ownsRecord } from '../auth.js';
import type { ApiRequest, ApiResult, OperationHandler, ProviderContext } from '../context.js';
import { ApiError, invalidArgument, notFound, outOfRange, permissionDenied } from '../errors.js';
import type { ProfileEntry } from '../fixtures.js';
import { canonicalApplicationServer } from '../ip-canonical.js';
import { sessionInfo } from '../session-view.js';
import type { PortsSpec, Session, SessionRequest } from '../sessions.js';
import { checkSinkUsable, refuseUnusableCredential } from '../sink-rules.js';

interface CreateSessionBody extends SessionRequest {
  device?: DeviceId;
  duration: number;
}

const INT32_MAX = 2_147_483_647;

export const createSession: OperationHandler = {
  // An unusable credentialType gets its dedicated code even when the variant's other fields are
  // missing: it is the reason the request fails, so it must win over schema validation.
  precheck(ctx, body) {
    if (ctx.faults.has('plain-credential-accepted')) return;
    refuseUnusableCredential(body, ctx.strategy.usableCredentialTypes, credentialTypesInSpec(ctx), ctx.strategy.unusableCredentialCode);
  },

  handle(ctx, req) {
    const body = req.body as CreateSessionBody;
    checkSinkUsable(body.sink);
    const entry = findProfileForCreate(ctx, body.qosProfile);
    const subject = ctx.devices.resolve(req.caller, body.device, 'required');
    if (!ctx.profiles.usableBy(entry, subject.device.id)) {
      throw new ApiError(422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE', 'The requested QoS Profile is currently not available for session creation.');
    }
    const duration = grantedDuration(ctx, entry, body.duration);
    if (ctx.faults.has('port-zero-rejected') && usesPortZero(body)) throw outOfRange('Port 0 is not allowed.');
    // One session per device at a time, whatever the flow (we do not compare ports or servers).
    const active = ctx.sessions.activeForDevice(subject.device.id);
    // Fault v010-conflict-by-identifier: only a session named by the same identifier conflicts.
    const sameNaming = !ctx.faults.has('v010-conflict-by-identifier') || sharesIdentifier(active?.deviceEcho, body.device);
    if (((active && sameNaming) || ctx.sessions.blockedAfterDelete.has(subject.device.id)) && !ctx.faults.has('conflict-not-detected')) {
      throw new ApiError(409, 'CONFLICT', 'Conflict with an existing session for the same device.');
    }
    const session = ctx.sessions.create({
      clientId: req.caller.clientId,
      deviceId: subject.device.id,
      deviceEcho: subject.echo,
      applicationServer: ctx.variants.has('normalised-addresses') ? canonicalApplicationServer(body.applicationServer) : body.applicationServer,
      devicePorts: body.devicePorts,
      applicationServerPorts: body.applicationServerPorts,
      qosProfile: body.qosProfile,
      sink: body.sink,
      sinkCredential: body.sinkCredential,
      duration,
    });
    ctx.stats.created++;
    return { status: ctx.faults.has('wrong-success-status') ? 200 : 201, body: sessionInfo(session, ctx.faults, false) };
  },
};

export const getSession: OperationHandler = {
  handle(ctx, req) {
    return { status: 200, body: sessionInfo(ownedSession(ctx, req), ctx.faults) };
  },
};

export const deleteSession: OperationHandler = {
  handle(ctx, req): ApiResult {
    const session = ownedSession(ctx, req);
    // A provider that refuses to delete a session (here: every one).
    if (ctx.faults.has('delete-refused')) throw new ApiError(409, 'CONFLICT', 'The session cannot be deleted in its current state.');
    // Fault notify-delete-when-unavailable: a session that already said goodbye reports its deletion too.
    const wasAvailable = session.status === 'AVAILABLE' || (session.status === 'UNAVAILABLE' && ctx.faults.has('notify-delete-when-unavailable'));
    if (ctx.faults.has('device-blocked-after-delete')) ctx.sessions.blockedAfterDelete.add(session.deviceId);
    if (ctx.faults.has('delete-leaves-session')) ctx.sessions.terminate(session, 'DELETE_REQUESTED');
    else ctx.sessions.remove(session.id);
    // Only an AVAILABLE session reports the deletion; an UNAVAILABLE one already said goodbye.
    if (wasAvailable && !ctx.faults.has('notification-no-delete-event')) notify(ctx, session, 'DELETE_REQUESTED');
    if (ctx.faults.has('notification-after-delete')) {
      setTimeout(() => notify(ctx, session, 'DURATION_EXPIRED'), 200).unref();
    }
    ctx.stats.deleted++;
    return { status: 204 };
  },
};

export const extendQosSessionDuration: OperationHandler = {
  handle(ctx, req) {
    const session = ownedSession(ctx, req);
    if (session.status !== 'AVAILABLE' && !ctx.faults.has('extend-unavailable-allowed')) {
      throw new ApiError(
        409,
        'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED',
        `Extending the session duration is not allowed in the current state (${session.status}). The session must be in the AVAILABLE state.`,
      );
    }
    const { requestedAdditionalDuration } = req.body as { requestedAdditionalDuration: number };
    // Fault extend-minimum-off-by-one: the schema's minimum 1 read as exclusive.
    if (requestedAdditionalDuration <= 1 && ctx.faults.has('extend-minimum-off-by-one')) throw outOfRange('requestedAdditionalDuration must be greater than 1.');
    const entry = ctx.profiles.find(session.qosProfile);
    const max = entry && !ctx.faults.has('extend-uncapped') ? ctx.profiles.durationLimits(entry).max : INT32_MAX;
    // The total is capped silently at the profile's maxDuration (spec), and never shortened.
    const total = Math.max(session.duration, Math.min(session.duration + requestedAdditionalDuration, max, INT32_MAX));
    if (ctx.faults.has('extend-expiry-not-moved')) session.duration = total;
    else ctx.sessions.setDuration(session, total);
    return { status: 200, body: sessionInfo(session, ctx.faults) };
  },
};

export const retrieveSessionsByDevice: OperationHandler = {
  handle(ctx, req) {
    const { device } = req.body as { device?: DeviceId };
    const subject = ctx.devices.resolve(req.caller, device, 'required');
    const leak = ctx.faults.has('retrieve-leaks-other-devices');
    const leakClients = ctx.faults.has('retrieve-leaks-other-clients');
    const sessions = ctx.sessions.list().filter((s) => (leakClients || s.clientId === req.caller.clientId) && (leak || s.deviceId === subject.device.id));
    return { status: 200, body: sessions.map((s) => sessionInfo(s, ctx.faults)) };
  },
};

/**
 * The session, if the caller may see it. The spec states the ownership rule (same API client; with
 * a 3-legged token also the same device) but names no error code; we answer 403 PERMISSION_DENIED
 * as the official 403.2_session_token_mismatch scenarios expect (variant foreign-session-404: 404).
 */
function ownedSession(ctx: ProviderContext, req: ApiRequest): Session {
  const session = ctx.sessions.get(req.params.sessionId!);
  if (!session) throw notFound('The specified resource is not found.');
  if (ctx.faults.has('other-client-session-visible')) return session;
  if (!ownsRecord(req.caller, session)) {
    // Variant foreign-session-404: the spec names no code for this, and 404 reveals nothing either.
    if (ctx.variants.has('foreign-session-404')) throw notFound('The specified resource is not found.');
    if (ctx.faults.has('ownership-error-leaks-session')) {
      throw permissionDenied(`The session (device ${JSON.stringify(session.deviceEcho ?? {})}, application server ${JSON.stringify(session.applicationServer)}) belongs to another API client.`);
    }
    throw permissionDenied('The session was not created by this API client (or not for the device of the access token).');
  }
  return session;
}

function notify(ctx: ProviderContext, session: Session, statusInfo: 'DELETE_REQUESTED' | 'DURATION_EXPIRED'): void {
  if (!session.sink) return;
  ctx.notifier.notify({ sessionId: session.id, sink: session.sink, sinkCredential: session.sinkCredential }, 'UNAVAILABLE', statusInfo);
}

/** Unknown (but pattern-valid) profile: 400 INVALID_ARGUMENT as scenario 400.8; the spec has no dedicated code. */
function findProfileForCreate(ctx: ProviderContext, name: string): ProfileEntry {
  const entry = ctx.profiles.find(name);
  if (entry) return entry;
  if (ctx.faults.has('unknown-qos-profile-accepted')) return { profile: { name, status: 'ACTIVE' } };
  throw invalidArgument(`The QoS profile ${name} does not exist.`);
}

/**
 * Outside the profile's [minDuration, maxDuration]: 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE,
 * the code the 1.1.0 spec documents for this case. The official scenario 400.9 expects
 * INVALID_ARGUMENT instead (SCENARIOS.md, conflicts #2); we follow the spec.
 */
function grantedDuration(ctx: ProviderContext, entry: ProfileEntry, requested: number): number {
  const { faults } = ctx;
  if (requested < 1 && faults.has('duration-zero-accepted')) return 1;
  const { min, max } = ctx.profiles.durationLimits(entry);
  if (requested > max && faults.has('duration-over-max-accepted')) return requested;
  // Variant duration-cap: "Implementations can grant the requested session duration or set a different duration".
  if (requested > max && ctx.variants.has('duration-cap')) return max;
  if (requested >= min && requested <= max) return requested;
  const code = faults.has('duration-out-of-range-wrong-code') ? 'DURATION_OUT_OF_RANGE' : 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE';
  const range = Number.isFinite(max) ? `${min}..${max}` : `at least ${min}`;
  throw new ApiError(400, code, `The requested duration is out of the allowed range for the specific QoS profile (${range} seconds).`);
}

function credentialTypesInSpec(ctx: ProviderContext): string[] {
  const schema = ctx.spec.schemas['SinkCredential'] as { properties?: { credentialType?: { enum?: unknown[] } } } | undefined;
  return (schema?.properties?.credentialType?.enum ?? []).filter((v): v is string => typeof v === 'string');
}

function usesPortZero(body: CreateSessionBody): boolean {
  const inSpec = (p?: PortsSpec): boolean => Boolean(p?.ports?.includes(0) || p?.ranges?.some((r) => r.from === 0 || r.to === 0));
  return inSpec(body.devicePorts) || inSpec(body.applicationServerPorts) || body.device?.ipv4Address?.publicPort === 0;
}

/** Do two device objects name a device by a common identifier (as sent, not as resolved)? */
function sharesIdentifier(a: DeviceId | undefined, b: DeviceId | undefined): boolean {
  if (!a || !b) return true;
  return (
    (a.phoneNumber !== undefined && a.phoneNumber.replace(/^\+/, '') === b.phoneNumber?.replace(/^\+/, '')) ||
    (a.networkAccessIdentifier !== undefined && a.networkAccessIdentifier === b.networkAccessIdentifier) ||
    (a.ipv6Address !== undefined && a.ipv6Address === b.ipv6Address) ||
    (a.ipv4Address?.publicAddress !== undefined && a.ipv4Address.publicAddress === b.ipv4Address?.publicAddress)
  );
}
