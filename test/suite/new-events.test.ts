// The events that follow a watched one: a redelivery of what was seen is not new, an event fetched
// together with the watched one is (a deletion's extra event that came with it under load).
import { describe, expect, it } from 'vitest';
import type { SinkRecord } from '../../src/evidence/types.js';
import type { Qod } from '../../src/suite/harness.js';
import { newEventsWithin } from '../../src/suite/callbacks.js';

const event = (seq: number, id: string, statusInfo: string): SinkRecord => ({
  seq,
  receivedAt: new Date().toISOString(),
  method: 'POST',
  path: '/cb',
  headers: {},
  body: JSON.stringify({ id, source: 'p', type: 't', data: { qosStatus: 'UNAVAILABLE', statusInfo } }),
});

/** A sink that holds `records`: quiet() answers those after the given seq (at once, as a sink that already has them). */
function sinkOf(records: SinkRecord[]): Qod {
  let asked = 0;
  return { quiet: (_p: string, _ms: number, after = 0) => Promise.resolve(asked++ === 0 ? records.filter((r) => r.seq > after) : []) } as unknown as Qod;
}

describe('newEventsWithin', () => {
  const available = event(1, 'a', 'x');
  const deletion = event(2, 'd', 'DELETE_REQUESTED');
  const extra = event(3, 'e', 'DURATION_EXPIRED');

  it('an event already fetched with the watched one, but after it, is new', async () => {
    const seen = [available, deletion, extra];
    expect(await newEventsWithin(sinkOf(seen), '/cb', seen, deletion.seq, 1000)).toEqual([extra]);
  });

  it('a redelivery of the watched event (same id and content) is not new', async () => {
    const again = { ...deletion, seq: 3 };
    expect(await newEventsWithin(sinkOf([available, deletion, again]), '/cb', [available, deletion], deletion.seq, 1000)).toEqual([]);
  });

  it('an arrival the caller ignores is not new', async () => {
    expect(await newEventsWithin(sinkOf([deletion, extra]), '/cb', [deletion], deletion.seq, 1000, (r) => r.seq === 3)).toEqual([]);
  });
});
