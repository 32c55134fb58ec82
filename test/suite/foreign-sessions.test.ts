// Sorting a retrieve-sessions listing: another device's session is always a fault; a session of the
// asked device that this check did not create may be another run's.
import { describe, expect, it } from 'vitest';
import type { Qod } from '../../src/suite/harness.js';
import { classifyListed, createdByCheck, namesRunSink } from '../../src/suite/foreign-sessions.js';

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

describe('createdByCheck', () => {
  const sinkQ = { ...q, rules: { ...q.rules, notificationTarget: 'sink' }, config: { sink: { publicUrl: 'https://127.0.0.1:4443/run-a' } } } as unknown as Qod;
  const none = new Set<string>();

  it('a session calling back to this run’s sink is the check’s; one calling back elsewhere is not', () => {
    expect(createdByCheck(sinkQ, { sink: 'https://127.0.0.1:4443/run-a/cb/1' }, 's1', none)).toBe(true);
    expect(createdByCheck(sinkQ, { sink: 'https://127.0.0.1:5553/run-b/cb/1' }, 's2', none)).toBe(false);
  });

  it('a session without a callback URL is the check’s only when it appeared right after a body without this run’s sink', () => {
    expect(createdByCheck(sinkQ, {}, 's3', none)).toBe(false);
    expect(createdByCheck(sinkQ, { sink: 42 }, 's4', new Set(['s4']))).toBe(true);
  });

  it('a body names this run’s sink only with a URL on it', () => {
    expect(namesRunSink(sinkQ, { sink: 'https://127.0.0.1:4443/run-a/cb/9' })).toBe(true);
    expect(namesRunSink(sinkQ, { sink: 7 })).toBe(false);
    expect(namesRunSink(sinkQ, {})).toBe(false);
  });
});

describe('createdByCheck, a mutated callback URL', () => {
  const sinkQ = { ...q, rules: { ...q.rules, notificationTarget: 'sink' }, config: { sink: { publicUrl: 'https://127.0.0.1:4443/run-a' } } } as unknown as Qod;
  it('a session calling back elsewhere that appeared right after a body mutated there is the check’s', () => {
    expect(createdByCheck(sinkQ, { sink: 'http://127.0.0.1:4443/run-a/cb/1' }, 's5', new Set(['s5']))).toBe(true);
  });
});
