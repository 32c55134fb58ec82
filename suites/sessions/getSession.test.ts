// getSession: official scenarios of quality-on-demand-getSession.feature (r3.2 / r4.1).
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { qodTest } from '../../src/suite/harness.js';
import { createSession, getSession, validCreateBody } from '../../src/suite/sessions.js';

describe('getSession', () => {
  qodTest(
    'quality_on_demand_getSession_404.1_not_found — a random UUID is 404 NOT_FOUND',
    { area: 'lifecycle', operation: 'getSession', scenarioId: 'quality_on_demand_getSession_404.1_not_found', rule: 'getSession 404 NOT_FOUND' },
    async (q) => {
      const res = await getSession(q, randomUUID());
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: 'quality_on_demand_getSession_404.1_not_found' });
    },
  );

  qodTest(
    'quality_on_demand_getSession_01_get_existing_session — the session reads back as created',
    { area: 'lifecycle', operation: 'getSession', scenarioId: 'quality_on_demand_getSession_01_get_existing_session', rule: 'getSession 200 SessionInfo' },
    async (q) => {
      const device = await q.device();
      const { id } = await createSession(q, validCreateBody(q, device));
      const res = await getSession(q, id);
      q.expectStatus(res, 200, 'quality_on_demand_getSession_01_get_existing_session');
    },
  );
});
