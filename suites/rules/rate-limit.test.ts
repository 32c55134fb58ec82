// 429 where no official scenario checks it: 0.11.1, 1.0.0 and 1.1.0 document 429 (with its code
// enum from 1.0.0) for every operation but their scenarios have no 429 case. In 1.2.0-rc.3 the r4.1
// 429.x scenarios cover every operation (src/scenarios/catalogue.ts), so they are checked there under
// their scenario IDs, not here. The same check as those scenarios (src/suite/rate-limit.ts: a client
// with a low threshold, operator data tokens.rateLimited): one check per operation and version.
import { randomUUID } from 'node:crypto';
import { r41Scenarios, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { ApiRequest } from '../../src/http/client.js';
import type { Qod } from '../../src/suite/harness.js';
import { sessionRequest } from '../../src/suite/lifecycle-checks.js';
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { validCreateBody } from '../../src/suite/sessions.js';

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** Versions documenting 429 on every operation (those that follow the CAMARA design guide: no
 *  VersionRules flag says "429 documented" itself) whose scenarios have no 429 case: in r4.1 the
 *  429.x scenarios cover every operation, checked under their scenario IDs. */
const WITHOUT_SCENARIO: Applies = (v) => v.followsDesignGuide && !r41Scenarios(v);

/** The operation's own request, sent once the client is over its threshold: harmless if it is
 *  not refused (an unknown session, or a create on a leased device, tracked and deleted). */
const REQUESTS: ReadonlyArray<{ operationId: string; profiles?: true; build: (q: Qod) => Promise<ApiRequest> }> = [
  { operationId: 'createSession', build: async (q) => ({ method: 'POST', path: '/sessions', operationId: 'createSession', body: await validCreateBody(q, await q.device()) }) },
  { operationId: 'getSession', build: async () => sessionRequest('getSession', randomUUID()) },
  { operationId: 'deleteSession', build: async () => sessionRequest('deleteSession', randomUUID()) },
  { operationId: 'extendQosSessionDuration', build: async () => sessionRequest('extendQosSessionDuration', randomUUID(), { body: { requestedAdditionalDuration: 10 } }) },
  { operationId: 'retrieveSessionsByDevice', build: async (q) => ({ method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: await q.device() } }) },
  {
    operationId: 'getQosProfile',
    profiles: true,
    build: async (q) => ({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(q.need('qosProfiles.valid', q.operator.qosProfiles.valid))}`, operationId: 'getQosProfile' }),
  },
  { operationId: 'retrieveQoSProfiles', profiles: true, build: async () => ({ api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }) },
];

group(
  '429 on every operation whose 429 no official scenario checks',
  () => {
    for (const r of REQUESTS) {
      check(
        {
          id: `rate-limit.429.${r.operationId}`,
          title: `${r.operationId}: over the request threshold the operation is refused with 429 and a documented code`,
          area: 'headers',
          operation: r.operationId,
          cites: `${r.operationId} responses.429`,
          rules: ERRORS,
          appliesTo: WITHOUT_SCENARIO,
          concurrent: false,
        },
        async (q: Qod) => {
          if (r.profiles) q.needProfilesApi();
          await expectTooManyRequests(q, await r.build(q), q.cite(`${r.operationId} responses.429: a client over its request threshold is refused`));
        },
      );
    }
    // Bursts: nothing else of the file's checks beside them (concurrent: false, and the group alone).
  },
  { alone: true },
);
