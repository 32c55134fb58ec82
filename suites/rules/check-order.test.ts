// Check order on every operation of the loaded spec: a request without credentials that is also
// invalid (malformed path value, body of the wrong type) or names an unknown resource must get
// 401, not 400 / 404 (src/suite/check-order.ts). The auth suite sends otherwise valid requests;
// these would pass a provider that validates or looks up first only if it also checks the token first.
import { describe } from 'vitest';
import { servedOperations } from '../../src/suite/auth-requests.js';
import { expectAuthFirst, pathParams, unauthenticatedInvalidRequest, unauthenticatedUnknownRequest } from '../../src/suite/check-order.js';
import { qodTest, runConfig, type Qod } from '../../src/suite/harness.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { NOT_APPLICABLE_SKIP } from '../../src/report/skip-kind.js';

const operations = servedOperations((await validatorsFor(runConfig())).spec.operations);

describe('check order: authentication before validation and lookup', () => {
  for (const op of operations) {
    qodTest(
      `check order — ${op.operationId}: authentication before validation (no credentials and an invalid request → 401, not 400)`,
      { area: 'auth', operation: op.operationId, rule: 'CAMARA API Design Guide: authentication before validation', covers: [`order.auth-before-validation.${op.operationId}`] },
      async (q: Qod) => {
        const sent = await unauthenticatedInvalidRequest(q, op);
        if (!sent) return q.ctx.skip(`${NOT_APPLICABLE_SKIP}QoD ${q.version}: ${op.operationId} has no path parameter or body the spec constrains`);
        await expectAuthFirst(q, op, 'validation', sent);
      },
      { concurrent: true },
    );
    if (pathParams(op).length === 0) continue;
    qodTest(
      `check order — ${op.operationId}: authentication before lookup (no credentials and an unknown ${pathParams(op).join(', ')} → 401, not 404)`,
      { area: 'auth', operation: op.operationId, rule: 'CAMARA API Design Guide: authentication before resource lookup', covers: [`order.auth-before-lookup.${op.operationId}`] },
      async (q: Qod) => {
        const sent = await unauthenticatedUnknownRequest(q, op);
        if (!sent) throw new Error(`test bug: ${op.operationId} has path parameters but no request was built`);
        await expectAuthFirst(q, op, 'lookup', sent);
      },
      { concurrent: true },
    );
  }
});
