// 429 where no official scenario checks it: 0.11.1, 1.0.0 and 1.1.0 document 429 (with its code
// enum from 1.0.0) for every operation but their scenarios have no 429 case, and the r4.1 429.x
// scenarios of 1.2.0-rc.3 cover getSession, deleteSession and the profiles operations only. The
// same check as those scenarios (src/suite/rate-limit.ts: a client with a low threshold, operator
// data tokens.rateLimited), for every other operation.
import { randomUUID } from 'node:crypto';
import { r41Scenarios, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { ApiRequest } from '../../src/http/client.js';
import type { Qod } from '../../src/suite/harness.js';
import { sessionRequest } from '../../src/suite/lifecycle-checks.js';
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { validCreateBody } from '../../src/suite/sessions.js';

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** Versions documenting 429 on every operation (0.11.1+: those that follow the CAMARA design
 *  guide; no VersionRules flag says "429 documented" itself). */
const DOCUMENTS_429: Applies = (v) => v.followsDesignGuide;
/** ... without an official 429 scenario for the operation (r4.1 has one for it). */
const WITHOUT_R4_1: Applies = (v) => DOCUMENTS_429(v) && !r41Scenarios(v);

/** The operation's own request, sent once the client is over its threshold: harmless if it is
 *  not refused (an unknown session, or a create on a leased device, tracked and deleted). */
const REQUESTS: ReadonlyArray<{ operationId: string; appliesTo: Applies; profiles?: true; build: (q: Qod) => Promise<ApiRequest> }> = [
  { operationId: 'createSession', appliesTo: DOCUMENTS_429, build: async (q) => ({ method: 'POST', path: '/sessions', operationId: 'createSession', body: await validCreateBody(q, await q.device()) }) },
  { operationId: 'getSession', appliesTo: WITHOUT_R4_1, build: async () => sessionRequest('getSession', randomUUID()) },
  { operationId: 'deleteSession', appliesTo: WITHOUT_R4_1, build: async () => sessionRequest('deleteSession', randomUUID()) },
  { operationId: 'extendQosSessionDuration', appliesTo: DOCUMENTS_429, build: async () => sessionRequest('extendQosSessionDuration', randomUUID(), { body: { requestedAdditionalDuration: 10 } }) },
  { operationId: 'retrieveSessionsByDevice', appliesTo: DOCUMENTS_429, build: async (q) => ({ method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device: await q.device() } }) },
  { operationId: 'getQosProfile', appliesTo: WITHOUT_R4_1, profiles: true, build: async (q) => ({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(q.need('qosProfiles.valid', q.operator.qosProfiles.valid))}`, operationId: 'getQosProfile' }) },
  { operationId: 'retrieveQoSProfiles', appliesTo: WITHOUT_R4_1, profiles: true, build: async () => ({ api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }) },
];

group('429 on every operation whose 429 no official scenario checks', () => {
  for (const r of REQUESTS) {
    check(
      {
        id: `rate-limit.429.${r.operationId}`,
        title: `${r.operationId}: over the request threshold the operation is refused with 429 and a documented code`,
        area: 'headers',
        operation: r.operationId,
        cites: `${r.operationId} responses.429`,
        rules: ERRORS,
        appliesTo: r.appliesTo,
        concurrent: false,
      },
      async (q: Qod) => {
        if (r.profiles) q.needProfilesApi();
        await expectTooManyRequests(q, await r.build(q), q.cite(`${r.operationId} responses.429: a client over its request threshold is refused`));
      },
    );
  }
});
