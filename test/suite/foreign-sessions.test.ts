// Sorting a retrieve-sessions listing: another device's session is always a fault; a session of the
// asked device that this check did not create may be another run's.
import { describe, expect, it } from 'vitest';
import type { Qod } from '../../src/suite/harness.js';
import { classifyListed } from '../../src/suite/foreign-sessions.js';

const asked = { phoneNumber: '+34600000001' };
const other = { phoneNumber: '+34600000011' };
const q = {
  operator: { devices: { known: asked, pool: [other] } },
  rules: { sessionIdField: 'sessionId', deviceField: 'device' },
} as unknown as Qod;

describe('classifyListed', () => {
  it('own sessions of other devices, and items naming another device, are of another device', () => {
    const list = [{ sessionId: 'mine-b' }, { sessionId: 'x', device: other }, { sessionId: 'mine-a', device: asked }];
    expect(classifyListed(q, list, asked, ['mine-b'], ['mine-a'])).toEqual({ otherDevice: ['mine-b', 'x'], foreign: [] });
  });

  it('sessions from outside the check on the asked device (or naming none) are foreign', () => {
    const list = [{ sessionId: 'y', device: asked }, { sessionId: 'z' }];
    expect(classifyListed(q, list, asked, ['mine-b'])).toEqual({ otherDevice: [], foreign: ['y', 'z'] });
  });

  it('a device named by another identifier of the same test device is the asked one', () => {
    const sim = { phoneNumber: '+34600000001', ipv4Address: { publicAddress: '203.0.113.1' } };
    const q2 = { ...q, operator: { devices: { known: sim, pool: [other] } } } as unknown as Qod;
    expect(classifyListed(q2, [{ sessionId: 'y', device: { ipv4Address: { publicAddress: '203.0.113.1' } } }], asked, [])).toEqual({ otherDevice: [], foreign: ['y'] });
  });
});
