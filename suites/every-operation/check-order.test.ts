// Check order on every operation of the API under test (QoD and QoS Profiles, or QoS Provisioning): a request without credentials (or with a token
// lacking the operation's scope) that is also invalid (malformed path value, body of the wrong type)
// or names an unknown resource must get 401 (or 403), not 400 / 404 (src/suite/check-order.ts). The
// auth suites send otherwise valid requests: a provider that validates or looks up first passes them.
import { check, group } from '../../src/checks/declare.js';
import { apiLabel, APIS } from '../../src/config/apis.js';
import { servedOperations } from '../../src/suite/auth-requests.js';
import { expectAccessCheckedFirst, invalidRequestAs, orderRules, pathParams, unknownResourceRequestAs, type Caller } from '../../src/suite/check-order.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { NOT_APPLICABLE_SKIP } from '../../src/report/skip-kind.js';
import { operationsOfApis } from '../../src/spec/apis.js';

const config = runConfig();
const operations = servedOperations(operationsOfApis((await validatorsFor(config)).spec, APIS[config.api].kinds));

const CALLERS: ReadonlyArray<{ caller: Caller; step: string; who: string; status: string; id: string }> = [
  { caller: 'unauthenticated', step: 'authentication', who: 'no credentials', status: '401', id: 'auth' },
  { caller: 'unauthorised', step: 'authorization', who: 'a token without the scope', status: '403', id: 'authz' },
];

group('check order: authentication and authorization before validation and lookup', () => {
  for (const op of operations) {
    for (const c of CALLERS) {
      check(
        {
          id: `check-order.${c.id}-before-validation.${op.operationId}`,
          title: `${op.operationId}: ${c.step} before validation (${c.who} and an invalid request → ${c.status}, not 400)`,
          area: 'auth',
          operation: op.operationId,
          cites: `CAMARA API Design Guide: ${c.step} before validation`,
          rules: orderRules(config.api, c.caller, 'validation', op.operationId),
          concurrent: true,
        },
        async (q: Qod) => {
          const sent = await invalidRequestAs(q, op, c.caller);
          if (!sent) return q.ctx.skip(`${NOT_APPLICABLE_SKIP}${apiLabel(q.config.api, q.version)}: ${op.operationId} has no path parameter or body the spec constrains`);
          await expectAccessCheckedFirst(q, op, 'validation', c.caller, sent);
        },
      );
      if (pathParams(op).length === 0) continue;
      check(
        {
          id: `check-order.${c.id}-before-lookup.${op.operationId}`,
          title: `${op.operationId}: ${c.step} before lookup (${c.who} and an unknown ${pathParams(op).join(', ')} → ${c.status}, not 404)`,
          area: 'auth',
          operation: op.operationId,
          cites: `CAMARA API Design Guide: ${c.step} before resource lookup`,
          rules: orderRules(config.api, c.caller, 'lookup', op.operationId),
          concurrent: true,
        },
        async (q: Qod) => {
          const sent = await unknownResourceRequestAs(q, op, c.caller);
          if (!sent) throw new Error(`test bug: ${op.operationId} has path parameters but no request was built`);
          await expectAccessCheckedFirst(q, op, 'lookup', c.caller, sent);
        },
      );
    }
  }
});
