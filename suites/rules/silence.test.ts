// Silence rules: sentences of the spec that promise NO notification, turned into bounded quiet
// periods on the sink (as long as the notification wait, no fixed sleep). One rule so far: deleting
// a session that is already UNAVAILABLE sends no event (deleteSession, 0.10.1 and later). The spec
// promises no other silence a check can observe: a session without a sink has nowhere to send to.
// qod-waits: a session's expiry, then a quiet period on the sink
import { describe } from 'vitest';
import { qodTest } from '../../src/suite/harness.js';
import { deleteWhenUnavailableFlow, V1_VERSIONS, WAITS } from '../notifications/flows.js';

describe('silence: no notification where the spec says there is none', () => {
  qodTest(
    'silence — deleteSession: no event when the session was already UNAVAILABLE (it expired, then was deleted)',
    {
      area: 'notifications',
      operation: 'deleteSession',
      rule: 'deleteSession: "There will be no notification event if the qosStatus was already UNAVAILABLE"',
      covers: ['notify.none-if-already-unavailable.deleteSession'],
    },
    async (q) => deleteWhenUnavailableFlow(q),
    { versions: ['0.10.1', ...V1_VERSIONS], concurrent: true, ...WAITS.expiry, fullProfileOnly: 'waits for a session to expire' },
  );
});
