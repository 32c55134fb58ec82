// What a run cost the endpoint: sessions (QoS assignments) created and requests sent, per area and in total.
import { describe, expect, it } from 'vitest';
import { runWork, workLine } from '../../src/report/economy.js';

describe('run work', () => {
  it('adds up the work figures of the tests per area, in the fixed area order, skipping areas that sent nothing', () => {
    const work = runWork(
      [
        { area: 'auth', work: { requests: 4, sessionsCreated: 1 } },
        { area: 'lifecycle', work: { requests: 10, sessionsCreated: 3 } },
        { area: 'auth', work: { requests: 2, sessionsCreated: 0 } },
        { area: 'lifecycle' },
        { area: 'profiles', work: { requests: 0, sessionsCreated: 0 } },
      ],
      5,
    );
    expect(work).toEqual({
      requests: 16,
      sessionsCreated: 4,
      byArea: [
        { area: 'lifecycle', requests: 10, sessionsCreated: 3 },
        { area: 'auth', requests: 6, sessionsCreated: 1 },
      ],
      propertySessions: 5,
    });
    expect(workLine(work)).toBe('4 sessions created (lifecycle 3, auth 1), 16 requests sent; property checks: at most 5 sessions each (--property-sessions)');
  });

  it('counts every request and every session of the ledger, also those no finished check holds (issue 28: Ctrl-C)', () => {
    const work = runWork([{ area: 'duration', work: { requests: 8, sessionsCreated: 2 } }], undefined, 36, 8);
    expect(workLine(work)).toBe('8 sessions created (2 by checks that finished: duration 2), 36 requests sent (8 by the checks, 28 for preflight, shared sessions, cleanup and retries)');
    expect(workLine(runWork([{ area: 'duration', work: { requests: 8, sessionsCreated: 2 } }], undefined, 8, 2))).toBe('2 sessions created (duration 2), 8 requests sent');
  });

  it('counts QoS assignments in a QoS Provisioning run', () => {
    const work = runWork([{ area: 'lifecycle', work: { requests: 9, sessionsCreated: 1 } }], 5, 12);
    expect(workLine(work, 'qos-provisioning')).toBe(
      '1 QoS assignment created (lifecycle 1), 12 requests sent (9 by the checks, 3 for preflight, shared QoS assignments, cleanup and retries); property checks: at most 5 QoS assignments each (--property-sessions)',
    );
  });

  it('says so when nothing was created and no property ran', () => {
    const work = runWork([{ area: 'profiles', work: { requests: 3, sessionsCreated: 0 } }]);
    expect(work.propertySessions).toBeUndefined();
    expect(workLine(work)).toBe('0 sessions created, 3 requests sent');
  });
});
