// Without the run's coordinator (a harness used on its own), a device whose session could not be
// deleted leaves this process's pool too, and a lease that can never be granted says why.
import { describe, expect, it } from 'vitest';
import type { OperatorData } from '../../src/config/types.js';
import { DeviceLeftPoolError, leaseDevices, retireDevice } from '../../src/suite/devices.js';

const operator = { devices: { known: { phoneNumber: '+34600000001' }, pool: [{ phoneNumber: '+34600000011' }] }, tokens: {}, qosProfiles: {} } as unknown as OperatorData;
const config = { operator, coordinator: undefined };

describe('device pool without a coordinator', () => {
  it('a retired device is lent to no one; the others still are', async () => {
    await retireDevice(config, 1, 'test device +34600000011 left the pool: cleanup of session s1 failed in check X (DELETE answered HTTP 409)');
    await expect(leaseDevices(config, { among: [1] })).rejects.toThrow(DeviceLeftPoolError);
    await expect(leaseDevices(config, { count: 2 })).rejects.toThrow(/cleanup of session s1 failed in check X/);
    const lease = await leaseDevices(config);
    expect(lease.devices).toEqual([{ phoneNumber: '+34600000001' }]);
    await lease.release();
  });
});
