// The four QoS Provisioning operations, for every version: the 0.2.0 operationIds
// (triggerProvisioning, ...) and the 0.3.0+ ones (createQosAssignment, ...) share these handlers;
// what differs between versions is data (src/versions/provisioning-rules.ts).
import type { DeviceId } from '../../config/types.js';
import { PROVISIONING_VERSIONS, provisioningRulesFor, type ProvisioningOperations, type ProvisioningRules } from '../../versions/provisioning-rules.js';
import { assignmentInfo } from '../assignment-view.js';
import type { Assignment } from '../assignments.js';
import { ownsRecord } from '../auth.js';
import type { ApiRequest, ApiResult, OperationHandler, ProviderContext } from '../context.js';
import { ApiError, notFound, permissionDenied } from '../errors.js';
import type { ProfileEntry } from '../fixtures.js';
import type { SinkCredential } from '../sessions.js';
import { checkSinkUsable, credentialTypeOf, privateKeyJwtNotConfigured, refuseUnusableCredential } from '../sink-rules.js';
import { applyDevicePolicy, rejectUndeclared } from '../versions/compat.js';

interface CreateBody {
  device?: DeviceId;
  qosProfile: string;
  sink?: string;
  sinkCredential?: SinkCredential;
}

/** The bundle's provisioning rules; the routes exist only when the bundle has a provisioning document. */
function rulesOf(ctx: ProviderContext): ProvisioningRules {
  if (!ctx.provisioning) throw new ApiError(500, 'INTERNAL', 'QoS Provisioning is not served in this version.');
  return ctx.provisioning;
}

const view = (ctx: ProviderContext, assignment: Assignment, read = true) => assignmentInfo(assignment, rulesOf(ctx), ctx.faults, read);

/** 0.4.0-rc.1 body strictness: a property the spec does not declare, at any depth, is 400 INVALID_ARGUMENT. */
function strictBody(ctx: ProviderContext, operationId: string, body: unknown): void {
  if (rulesOf(ctx).strictUnknownProperties && !ctx.faults.has('assignment-unknown-property-accepted')) rejectUndeclared(ctx, operationId, body);
}

/**
 * The device of a create or get-by-device: the QoD resolution (devices.ts) with the version's
 * device policy (0.2.0: identifiers cross-checked and echoed as sent; 0.3.0+: one used and echoed).
 */
function resolveDevice(ctx: ProviderContext, req: ApiRequest): { deviceId: string; echo?: DeviceId } {
  const rules = rulesOf(ctx);
  // applyDevicePolicy reads ctx.devices and ctx.faults: hand it the provisioning resolution (same devices, the provisioning faults).
  const deviceCtx: ProviderContext = { ...ctx, devices: ctx.provisioningDevices, faults: ctx.provisioningDevices.faults };
  if (ctx.faults.has('assignment-device-port-max-refused') && (req.body as { device?: DeviceId } | undefined)?.device?.ipv4Address?.publicPort === PORT_MAX) {
    throw new ApiError(400, 'OUT_OF_RANGE', `publicPort must be below ${PORT_MAX}.`);
  }
  const decision = applyDevicePolicy(deviceCtx, req, { crossCheck: rules.identifiersCrossChecked, threeLegged: 'must-not-send', echoAsGiven: !rules.echoesSingleIdentifier });
  const { device } = (decision.req.body ?? {}) as { device?: DeviceId };
  const subject = ctx.provisioningDevices.resolve(decision.req.caller, device, 'required');
  return { deviceId: subject.device.id, echo: decision.echo ?? subject.echo };
}

export const createAssignment: OperationHandler = {
  precheck(ctx, body) {
    const rules = rulesOf(ctx);
    strictBody(ctx, rules.operations.create, body);
    if (rules.unusableCredential && !ctx.faults.has('assignment-plain-credential-accepted')) {
      refuseUnusableCredential(body, rules.usableCredentialTypes, rules.credentialTypesInEnum, rules.unusableCredential.code);
    }
  },

  handle(ctx, req) {
    const rules = rulesOf(ctx);
    const body = req.body as CreateBody;
    checkSinkUsable(body.sink);
    if (ctx.faults.has('assignment-credential-expiry-window')) refuseDistantExpiry(body.sinkCredential);
    if (ctx.faults.has('assignment-sink-query-refused') && body.sink?.includes('?')) throw new ApiError(400, 'INVALID_SINK', 'The sink must not carry a query string.');
    if (rules.privateKeyJwtNotConfigured && credentialTypeOf(body) === 'PRIVATE_KEY_JWT' && !ctx.faults.has('assignment-private-key-jwt-accepted')) throw privateKeyJwtNotConfigured();
    const entry = findProfile(ctx, body.qosProfile);
    if (ctx.faults.has('assignment-ipv4-private-unresolved') && body.device?.ipv4Address?.privateAddress !== undefined && Object.keys(body.device).length === 1) {
      throw new ApiError(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
    }
    const { deviceId, echo } = resolveDevice(ctx, req);
    if (!ctx.profiles.usableBy(entry, deviceId) && !ctx.faults.has('assignment-profile-not-applicable-accepted')) {
      // Fault assignment-refused-create-kept: the network was asked before the profile was checked, and nobody undid it.
      if (ctx.faults.has('assignment-refused-create-kept') && !ctx.assignments.forDevice(deviceId)) ctx.assignments.blockedDevices.add(deviceId);
      const { status, codes } = rules.profileNotApplicable;
      throw new ApiError(status, codes[0]!, 'The requested QoS Profile cannot be used for a QoS assignment.');
    }
    // At most one assignment per device, whatever its status: an UNAVAILABLE one must be revoked first (spec).
    const existing = ctx.assignments.forDevice(deviceId);
    const blocked = ctx.assignments.blockedDevices.has(deviceId);
    if ((existing || blocked) && !ctx.faults.has('assignment-conflict-not-detected')) {
      throw new ApiError(409, rules.conflictCode, 'Conflict with an existing QoS assignment for the same device.');
    }
    const assignment = ctx.assignments.create({
      clientId: req.caller.clientId,
      deviceId,
      deviceEcho: echo,
      qosProfile: body.qosProfile,
      sink: body.sink,
      sinkCredential: body.sinkCredential,
    });
    return { status: ctx.faults.has('assignment-create-200') ? 200 : 201, body: view(ctx, assignment, false) };
  },
};

export const getAssignmentById: OperationHandler = {
  handle(ctx, req) {
    return { status: 200, body: view(ctx, ownedAssignment(ctx, req)) };
  },
};

export const revokeAssignment: OperationHandler = {
  handle(ctx, req): ApiResult {
    const assignment = ownedAssignment(ctx, req);
    if (ctx.faults.has('assignment-device-blocked-after-revoke')) ctx.assignments.blockedDevices.add(assignment.deviceId);
    if (ctx.faults.has('assignment-revoke-leaves-active')) return { status: 204 };
    const outcome = ctx.assignments.revoke(assignment);
    if (ctx.faults.has('assignment-revoke-202-empty')) return { status: 202 };
    // 202: accepted, still AVAILABLE with statusInfo DELETE_REQUESTED until the deletion completes.
    return outcome === 'accepted' ? { status: 202, body: view(ctx, assignment) } : { status: 204 };
  },
};

export const getAssignmentByDevice: OperationHandler = {
  precheck(ctx, body) {
    strictBody(ctx, rulesOf(ctx).operations.getByDevice, body);
  },

  handle(ctx, req) {
    const { deviceId } = resolveDevice(ctx, req);
    const mine = (a: Assignment) => a.clientId === req.caller.clientId;
    const found = ctx.faults.has('assignment-by-device-other-device')
      ? ctx.assignments
          .list()
          .filter((a) => mine(a) && !a.revoked)
          .at(-1)
      : ctx.assignments.forDevice(deviceId);
    if (!found) {
      if (ctx.faults.has('assignment-by-device-none-wrong-code')) throw new ApiError(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
      throw notFound('No QoS assignment found for the device.');
    }
    // The same ownership rule as get by id (the spec states it for get-by-device too).
    if (!mine(found) && !ctx.faults.has('assignment-other-client-visible')) {
      throw permissionDenied('The QoS assignment of this device was not created by this API client.');
    }
    return { status: 200, body: view(ctx, found) };
  },
};

/**
 * The assignment, if the caller may see it: created by the same API client and, with a 3-legged
 * token, about the token's device. The spec names no code for a violation; the official
 * 403.2_different_client_id scenarios expect 403 PERMISSION_DENIED.
 */
function ownedAssignment(ctx: ProviderContext, req: ApiRequest): Assignment {
  const assignment = ctx.assignments.get(req.params[rulesOf(ctx).idField]!);
  if (!assignment) throw notFound('The specified resource is not found.');
  if (!ownsRecord(req.caller, assignment) && !ctx.faults.has('assignment-other-client-visible')) {
    throw permissionDenied('The QoS assignment was not created by this API client (or not for the device of the access token).');
  }
  return assignment;
}

/** Faults assignment-profile-max-length-refused, assignment-device-port-max-refused: a bound read as exclusive. */
const PROFILE_NAME_MAX = 256;
const PORT_MAX = 65535;
/** Fault assignment-credential-expiry-window: how far ahead the faulty provider lets a sink token expire. */
const EXPIRY_WINDOW_MS = 7 * 86_400_000;

function refuseDistantExpiry(credential: SinkCredential | undefined): void {
  const expires = Date.parse(String((credential as { accessTokenExpiresUtc?: unknown } | undefined)?.accessTokenExpiresUtc));
  if (!Number.isNaN(expires) && expires > Date.now() + EXPIRY_WINDOW_MS) throw new ApiError(400, 'INVALID_CREDENTIAL', 'accessTokenExpiresUtc must lie within 7 days.');
}

/** A pattern-valid name no profile has: 400 INVALID_ARGUMENT as scenario 400.9 expects; the spec has no dedicated code. */
function findProfile(ctx: ProviderContext, name: string): ProfileEntry {
  if (ctx.faults.has('assignment-profile-max-length-refused') && name.length === PROFILE_NAME_MAX)
    throw new ApiError(400, 'OUT_OF_RANGE', `qosProfile must be shorter than ${PROFILE_NAME_MAX} characters.`);
  const entry = ctx.profiles.find(name);
  if (entry) return entry;
  if (ctx.faults.has('assignment-unknown-profile-accepted')) return { profile: { name, status: 'ACTIVE' } };
  const { status, code } = rulesOf(ctx).unknownProfile;
  throw new ApiError(status, code, `The QoS profile ${name} does not exist.`);
}

const BY_ROLE: Readonly<Record<keyof ProvisioningOperations, OperationHandler>> = {
  create: createAssignment,
  getById: getAssignmentById,
  revoke: revokeAssignment,
  getByDevice: getAssignmentByDevice,
};

/** operationId → handler, for the operationIds of every provisioning version (0.2.0's differ). */
export const PROVISIONING_HANDLERS: Readonly<Record<string, OperationHandler>> = Object.fromEntries(
  PROVISIONING_VERSIONS.flatMap((v) => Object.entries(provisioningRulesFor(v).operations).map(([role, operationId]) => [operationId, BY_ROLE[role as keyof ProvisioningOperations]])),
);
