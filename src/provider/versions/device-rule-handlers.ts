// The 1.1.0 handlers as a version with another device rule shows them (0.11.1, 1.0.0): the operations
// that take a device apply the version's policy, and profiles show only what its schema declares.
import { HANDLERS } from '../handlers/index.js';
import type { OperationHandler } from '../context.js';
import { declaredOnly, withDevicePolicy, withView, type DevicePolicy } from './compat.js';

export function deviceRuleHandlers(devices: DevicePolicy): Readonly<Record<string, OperationHandler>> {
  return {
    createSession: withDevicePolicy(HANDLERS.createSession!, devices),
    retrieveSessionsByDevice: withDevicePolicy(HANDLERS.retrieveSessionsByDevice!, devices),
    retrieveQoSProfiles: withView(withDevicePolicy(HANDLERS.retrieveQoSProfiles!, devices), (ctx, p) => declaredOnly(ctx, 'QosProfile', p)),
    getQosProfile: withView(HANDLERS.getQosProfile!, (ctx, p) => declaredOnly(ctx, 'QosProfile', p)),
  };
}
