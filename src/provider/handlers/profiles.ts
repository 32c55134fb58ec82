// The two QoS Profiles operations.
import type { DeviceId } from '../../config/types.js';
import type { OperationHandler } from '../context.js';
import { notFound } from '../errors.js';
import type { QosProfile } from '../fixtures.js';

interface RetrieveProfilesBody {
  device?: DeviceId;
  name?: string;
  status?: QosProfile['status'];
}

export const retrieveQoSProfiles: OperationHandler = {
  handle(ctx, req) {
    const body = req.body as RetrieveProfilesBody;
    // The device (body or 3-legged token) is an optional filter here, so no MISSING_IDENTIFIER.
    // A known device the service does not apply to gets 422 SERVICE_NOT_APPLICABLE (scenario
    // C01.07, and in the spec's 422 list); scenario 06 expects 200 [] for what reads as the same
    // case (SCENARIOS.md, conflicts #9): we follow the documented error.
    const subject = ctx.devices.resolve(req.caller, body.device, 'optional');
    // No match is an empty list, not 404: the response is a list and may be empty.
    const profiles = ctx.profiles.list({ name: body.name, status: body.status, deviceId: subject?.device.id });
    return { status: 200, body: profiles };
  },
};

export const getQosProfile: OperationHandler = {
  handle(ctx, req) {
    const name = req.params.name!;
    const entry = ctx.profiles.find(name);
    if (!entry) {
      if (ctx.faults.has('profile-unknown-200')) return { status: 200, body: { name, status: 'ACTIVE' } };
      throw notFound(`QoS profile ${name} not found.`);
    }
    // With a 3-legged token a profile is only returned if the token's device may use it (spec).
    if (req.caller.deviceId !== undefined && !ctx.profiles.offeredTo(entry, req.caller.deviceId)) {
      throw notFound(`QoS profile ${name} not found.`);
    }
    if (ctx.faults.has('inactive-profile-hidden') && entry.profile.status !== 'ACTIVE') throw notFound(`QoS profile ${name} not found.`);
    const body = ctx.profiles.view(entry);
    if (ctx.faults.has('profile-get-differs') && typeof body.priority === 'number') body.priority = body.priority >= 100 ? 99 : body.priority + 1;
    return { status: 200, body };
  },
};
