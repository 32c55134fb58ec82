// Boundaries of the request schemas of the operations other than createSession (whose named
// boundary tests are in suites/validation/boundaries.test.ts): every value AT a numeric or length
// bound (from the run's spec: src/gen/edges.ts) must be accepted. The values just outside are the
// negative properties' (suites/every-operation/violations.test.ts). These always run, --profile safe
// included: one request per bound. The device object is left out: its identifiers are the leased
// device's, and another value names another device (a business error, not a schema verdict).
import fc from 'fast-check';
import { check, group } from '../../src/checks/declare.js';
import { fail } from '../../src/checks/failure.js';
import type { ApiRequest, ApiResponse } from '../../src/http/client.js';
import { edges, removeAt, requestBodyRuleId, schemaArbitrary, type Edge } from '../../src/gen/index.js';
import type { SpecValidators } from '../../src/spec/types.js';
import { describeViolation } from '../../src/spec/validators.js';
import { requestSchema, specWhere } from '../../src/suite/generated-requests.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { untilAvailable } from '../../src/suite/lifecycle-checks.js';
import { sendJudged } from '../../src/suite/property-cases.js';
import { createSession, durationLimits, validCreateBody } from '../../src/suite/sessions.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';

const OPERATIONS = ['extendQosSessionDuration', 'retrieveSessionsByDevice', 'retrieveQoSProfiles'] as const;
type Operation = (typeof OPERATIONS)[number];

const config = runConfig();
const validators = await validatorsFor(config);
const underDevice = (pointer: string): boolean => pointer === '/device' || pointer.startsWith('/device/');

/** A valid body of `op` with every optional part but the device, and the bodies at each bound of it (deterministic per seed). */
function edgeCases(v: SpecValidators, op: Operation, seed: number): Edge[] {
  const schema = requestSchema(v, op);
  if (!schema || !v.spec.operations[op]) return [];
  const arb = schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all' });
  for (let s = seed; s < seed + 20; s++) {
    const [sample] = fc.sample(arb, { seed: s, numRuns: 1 });
    const body = removeAt(sample, '/device');
    if (v.validateRequestBody(op, body).length > 0) continue;
    return edges(schema, body, { validate: (b) => v.validateRequestBody(op, b), seed: s, schemas: v.spec.schemas, skip: underDevice });
  }
  return [];
}

/** Where the request goes: a session of this test for an extension, the operation's path otherwise. */
async function requestFor(q: Qod, op: Operation): Promise<(body: unknown) => ApiRequest> {
  const spec = (await q.validators()).spec.operations[op]!;
  const method = spec.method.toUpperCase() as ApiRequest['method'];
  if (op === 'retrieveQoSProfiles') q.needProfilesApi();
  if (op !== 'extendQosSessionDuration') return (body) => ({ api: spec.api, method, path: spec.path, operationId: op, body });
  const device = await q.device();
  const limits = await durationLimits(q, q.need('qosProfiles.valid', q.operator.qosProfiles.valid));
  const created = await createSession(q, await validCreateBody(q, device, { duration: Math.min(Math.max(600, limits.min), limits.max ?? 600) }));
  await untilAvailable(q, created.id, created.session);
  return (body) => ({ method, path: `/sessions/${encodeURIComponent(created.id)}/extend`, operationId: op, body });
}

group('schema boundaries: values at the bounds of the request schemas are accepted', () => {
  const withBounds = OPERATIONS.filter((op) => edgeCases(validators, op, 1).length > 0);
  // A version without such operations (0.8.1) still declares the check, as not applicable.
  if (withBounds.length === 0) {
    check(
      {
        id: 'validation.schema-boundaries',
        title: 'operations other than createSession: values at the bounds of their request schemas are accepted',
        area: 'validation',
        operation: 'extendQosSessionDuration',
        cites: 'request schema bounds',
        rules: [],
        appliesTo: () => false,
      },
      async () => undefined,
    );
  }
  for (const op of withBounds) {
    const cases = edgeCases(validators, op, 1);
    check(
      {
        id: `${op}.schema-boundaries`,
        title: `${op}: every value at a bound of its request schema (${cases.map((c) => `${c.pointer} ${c.keyword}`).join(', ')}) is accepted`,
        area: 'validation',
        operation: op,
        cites: `${op} request schema: numeric and length bounds`,
        rules: cases.map((c) => requestBodyRuleId(op, c.pointer, c.keyword)),
        concurrent: true,
      },
      async (q: Qod) => {
        const v = await q.validators();
        const request = await requestFor(q, op);
        const misses: Array<{ edge: Edge; res: ApiResponse; reason: string }> = [];
        for (const edge of edgeCases(v, op, 1)) {
          const { res, violations } = await sendJudged(q, request(edge.body));
          if (res.status !== 200) misses.push({ edge, res, reason: `HTTP ${res.status} ${res.text.slice(0, 200)}` });
          else if (violations.length > 0) misses.push({ edge, res, reason: `HTTP 200 breaking the spec: ${violations.slice(0, 3).map(describeViolation).join('; ')}` });
        }
        const first = misses[0];
        if (!first) return;
        fail(`${misses.length} ${op} request(s) with a value at a bound of the schema were not accepted`, {
          rule: q.cite(`${specWhere(v, op, first.edge.specLocation)} (${first.edge.keyword} at ${first.edge.pointer}): the bound itself is allowed; ${op} responses.200`),
          expected: 'HTTP 200 with a response conforming to the spec, for each value at a bound',
          actual: `${misses.map((m) => `${m.edge.description} → ${m.reason}`).join('; ')}\n  reproduce: ${first.res.exchange.curl}`,
        });
      },
    );
  }
});
