// The busy-device rule: which 409s are another client's session, and how long a check waits.
import { describe, expect, it } from 'vitest';
import {
  BUSY_WAIT_MS,
  STUCK_DEVICE_WAIT_MS,
  busyBackoffMs,
  busyWaitLimitMs,
  deviceKeysOf,
  freedByOwnDelete,
  isBusyElsewhere,
  markDeviceFree,
  markDeviceStuck,
  markFreedByDelete,
  markSeenBusy,
} from '../../src/suite/busy-device.js';

const SIM = { phoneNumber: '+34600000001', ipv4Address: { publicAddress: '203.0.113.1' } };
const OTHER = { phoneNumber: '+34600000002' };

describe('busy devices', () => {
  it('a create by another identifier of the same test device is the same device', () => {
    const byIp = deviceKeysOf({ device: { ipv4Address: { publicAddress: '203.0.113.1' } } }, [SIM, OTHER]);
    const byPhone = deviceKeysOf({ device: { phoneNumber: '+34600000001' } }, [SIM, OTHER]);
    expect(isBusyElsewhere(byIp, [byPhone])).toBe(false);
  });

  it('reads 0.8.1 ueId bodies', () => {
    expect([...deviceKeysOf({ ueId: { msisdn: '+34600000002' } }, [SIM, OTHER])]).toEqual(['phone:+34600000002']);
  });

  it('a 409 is another client only when the check holds nothing on that device', () => {
    const a = deviceKeysOf({ device: SIM }, []);
    const b = deviceKeysOf({ device: OTHER }, []);
    expect(isBusyElsewhere(a, [])).toBe(true);
    expect(isBusyElsewhere(a, [b])).toBe(true);
    expect(isBusyElsewhere(a, [a])).toBe(false);
    // No device in the body (3-legged token): any session the check holds may be the conflict.
    expect(isBusyElsewhere(new Set(), [b])).toBe(false);
    expect(isBusyElsewhere(new Set(), [])).toBe(true);
  });

  it('backs off, doubling, and stops at the limit', () => {
    const mid = () => 0.5;
    expect(busyBackoffMs(0, 0, BUSY_WAIT_MS, mid)).toBe(250);
    expect(busyBackoffMs(2, 0, BUSY_WAIT_MS, mid)).toBe(1000);
    expect(busyBackoffMs(10, 0, BUSY_WAIT_MS, mid)).toBe(4000);
    expect(busyBackoffMs(10, BUSY_WAIT_MS - 100, BUSY_WAIT_MS, mid)).toBe(100);
    expect(busyBackoffMs(0, BUSY_WAIT_MS, BUSY_WAIT_MS, mid)).toBeUndefined();
  });

  it('a device that stayed busy through a whole wait gets a short wait until a create succeeds', () => {
    const a = deviceKeysOf({ device: SIM }, []);
    expect(busyWaitLimitMs(a)).toBe(BUSY_WAIT_MS);
    markDeviceStuck(a);
    expect(busyWaitLimitMs(deviceKeysOf({ device: { phoneNumber: SIM.phoneNumber } }, []))).toBe(STUCK_DEVICE_WAIT_MS);
    markDeviceFree(a);
    expect(busyWaitLimitMs(a)).toBe(BUSY_WAIT_MS);
  });
});

describe("a 409 after the run's own 204 delete", () => {
  const keys = (phoneNumber: string) => deviceKeysOf({ device: { phoneNumber } }, []);

  it("is the endpoint's once our delete freed the device, until a create succeeds again", () => {
    const d = keys('+34600000901');
    expect(freedByOwnDelete(d)).toBe(false);
    markFreedByDelete(d);
    expect(freedByOwnDelete(d)).toBe(true);
    markDeviceFree(d); // a create for it succeeded
    expect(freedByOwnDelete(d)).toBe(false);
  });

  it('is ambiguous (never judged) once another client was seen holding the device in this run', () => {
    const d = keys('+34600000902');
    markSeenBusy(d);
    markFreedByDelete(d);
    expect(freedByOwnDelete(d)).toBe(false);
  });

  it('a device named by nothing is never judged', () => {
    expect(freedByOwnDelete(new Set())).toBe(false);
  });
});
