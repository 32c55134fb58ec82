// 429 where no official scenario checks it: 0.11.1, 1.0.0 and 1.1.0 document 429 (with its code
// enum from 1.0.0) for every operation but their scenarios have no 429 case. In 1.2.0-rc.3 the r4.1
// 429.x scenarios cover every operation (src/scenarios/catalogue.ts), so they are checked there under
// their scenario IDs, not here. The same check as those scenarios (src/suite/rate-limit.ts: a client
// with a low threshold, operator data tokens.rateLimited): one check per operation and version.
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import type { ApiRequest } from '../../src/http/client.js';
import { qodTest, type Qod } from '../../src/suite/harness.js';
import { sessionRequest } from '../../src/suite/lifecycle-checks.js';
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { validCreateBody } from '../../src/suite/sessions.js';

/** Versions that document 429 for every operation without an official 429 scenario. */
const VERSIONS: readonly ApiVersion[] = ['0.11.1', '1.0.0', '1.1.0'];

/** The operation's own request, sent once the client is over its threshold: harmless if it is
 *  not refused (an unknown session, or a create on a leased device, tracked and deleted). */
const REQUESTS: ReadonlyArray<{ operationId: string; versions: readonly ApiVersion[]; profiles?: true; build: (q: Qod) => Promise<ApiRequest> }> = [
  { operationId: 'createSession', versions: VERSIONS, build: async (q) => ({ method: 'POST', path: '/sessions', operationId: 'createSession', body: await validCreateBody(q, await q.device()) }) },
  { operationId: 'getSession', versions: VERSIONS, build: async () => sessionRequest('getSession', randomUUID()) },
  { operationId: 'deleteSession', versions: VERSIONS, build: async () => sessionRequest('deleteSession', randomUUID()) },
  { operationId: 'extendQosSessionDuration', versions: VERSIONS, build: async () => sessionRequest('extendQosSessionDuration', randomUUID(), { body: { requestedAdditionalDuration: 10 } }) },
  { operationId: 'retrieveSessionsByDevice', versions: VERSIONS, build: async (q) => ({ method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: await q.device() } }) },
  { operationId: 'getQosProfile', versions: VERSIONS, profiles: true, build: async (q) => ({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(q.need('qosProfiles.valid', q.operator.qosProfiles.valid))}`, operationId: 'getQosProfile' }) },
  { operationId: 'retrieveQoSProfiles', versions: VERSIONS, profiles: true, build: async () => ({ api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }) },
];

describe('429 on every operation whose 429 no official scenario checks', () => {
  for (const r of REQUESTS) {
    qodTest(
      `429 — ${r.operationId}: over the request threshold the operation is refused with 429 and a documented code`,
      { area: 'headers', operation: r.operationId, rule: `${r.operationId} responses.429` },
      async (q: Qod) => {
        if (r.profiles) q.needProfilesApi();
        await expectTooManyRequests(q, await r.build(q), q.cite(`${r.operationId} responses.429: a client over its request threshold is refused`));
      },
      { versions: r.versions, concurrent: false },
    );
  }
});
