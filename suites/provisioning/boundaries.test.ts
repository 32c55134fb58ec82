// Boundaries of the QoS Provisioning request bodies (create, get by device), as
// suites/rules/schema-boundaries.test.ts does for QoD's other operations: every value AT a numeric or
// length bound of the run's spec (src/gen/edges.ts) is not a bad request. The values just outside
// are the negative properties' (suites/every-operation/violations.test.ts). What "accepted" means
// depends on the node: a qosProfile at a length bound names no profile (the unknown-profile answer of
// scenario 400.9, never a schema refusal); a device identifier at a bound names another device (a
// business answer: 2xx, 404, 409 or 422, never 400); any other value (sink, credential) creates the
// assignment (201, as created; revoked before the device is used again). Plus the named cases of
// suites/validation/boundaries.test.ts that matter here. All run in --profile safe too: one request
// per bound, an assignment only where a value must be accepted.
import fc from 'fast-check';
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { ConformanceFailure, fail } from '../../src/checks/failure.js';
import type { CheckSpec } from '../../src/checks/spec.js';
import { edges, requestBodyRuleId, schemaArbitrary, type Edge } from '../../src/gen/index.js';
import type { SpecValidators } from '../../src/spec/types.js';
import { expectRefused, type RefusalTarget } from '../../src/suite/boundary-cases.js';
import { accessTokenCredential } from '../../src/suite/callbacks.js';
import { DEVICE_FORMS } from '../../src/suite/create-cases.js';
import { generatedSinkUrl, requestSchema, specWhere } from '../../src/suite/generated-requests.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import {
  assignmentBody,
  checkAsCreated,
  createAssignment,
  expectUnknownProfileRefused,
  idOf,
  prov,
  provisioningOf,
  provisioningRequest,
  refusedCreate,
  revokeForReuse,
  scenarioIdOf,
  sendCreate,
  type AssignmentView,
} from '../../src/suite/provisioning.js';
import type { Json } from '../../src/suite/sessions.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

const config = runConfig();
const underDevice = (pointer: string): boolean => pointer === '/device' || pointer.startsWith('/device/');
/** Stand-ins while declaring (the edges depend on the body's shape, not on these values). */
const DECLARED = { profile: 'QOS_E', sink: 'https://example.com/qod-conformance/sink' };

type Role = 'create' | 'getByDevice';
/** The rule a qosProfile at a length bound is judged by: it names no profile. */
const UNKNOWN_PROFILE = 'provisioning.unknown-profile';

/** A schema-valid body of `op` from the seed (the first of 20 draws that is valid). */
function sampleBody(v: SpecValidators, op: string, seed: number): Json | undefined {
  const schema = requestSchema(v, op);
  if (!schema) return undefined;
  const arb = schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all' });
  for (let s = seed; s < seed + 20; s++) {
    const [body] = fc.sample(arb, { seed: s, numRuns: 1 });
    if (v.validateRequestBody(op, body).length === 0) return body as Json;
  }
  return undefined;
}

/** The create body the non-device bounds are reached from: a profile, and the sink with an ACCESSTOKEN credential where the version takes them. */
function ownBody(v: SpecValidators, op: string, profile: string, sink: string | undefined, device?: Json): Json {
  const body: Json = { ...(device ? { device } : {}), qosProfile: profile };
  if (sink === undefined) return body;
  const withSink = { ...body, sink, sinkCredential: accessTokenCredential() };
  if (v.validateRequestBody(op, withSink).length === 0) return withSink;
  const sinkOnly = { ...body, sink };
  return v.validateRequestBody(op, sinkOnly).length === 0 ? sinkOnly : body;
}

interface Bounds {
  /** Bounds outside the device, reached from the create body of the check's own device (create only). */
  own: Edge[];
  /** Bounds inside the device, reached from a generated (unknown) device. */
  device: Edge[];
}

/** The bounds of `op`'s body; `own` is the create body with the run's values (while declaring: stand-ins). */
function boundsOf(v: SpecValidators, op: string, role: Role, own: Json | undefined): Bounds {
  const schema = requestSchema(v, op);
  if (!schema) return { own: [], device: [] };
  const seed = 1;
  const validate = (b: unknown) => v.validateRequestBody(op, b);
  const at = (body: unknown, skip: (pointer: string) => boolean) => edges(schema, body, { validate, seed, schemas: v.spec.schemas, skip });
  const ownEdges = role === 'create' && own ? at(own, underDevice) : [];
  const generated = sampleBody(v, op, seed)?.device;
  if (generated === undefined) return { own: ownEdges, device: [] };
  // The generated device alone, with the stand-in profile for a create (no sink: nothing to call back).
  const deviceBody = role === 'create' ? { device: generated, qosProfile: own?.qosProfile ?? DECLARED.profile } : { device: generated };
  return { own: ownEdges, device: at(deviceBody, (pointer) => !underDevice(pointer)) };
}

/** Business statuses a schema-valid device may get from `op` (those its spec documents). */
function businessStatuses(v: SpecValidators, op: string): number[] {
  return [404, 409, 422].filter((s) => v.spec.operations[op]?.responses[String(s)] !== undefined);
}

/** A device identifier at a bound names another device: a business answer, never 400 (what a create made is revoked). */
async function expectNotBadRequest(q: Qod, role: Role, body: Json, rule: string): Promise<void> {
  const p = prov(q);
  const op = p.operations[role];
  const business = businessStatuses(await q.validators(), op);
  if (role === 'getByDevice') {
    await q.call(provisioningRequest(p, role, { body }), { status: [200, ...business], rule });
    return;
  }
  const res = await sendCreate(q, body, { expect: { status: [201, ...business], rule } });
  const id = res.status === 201 ? idOf(p, res.json) : undefined;
  if (id) await revokeForReuse(q, id);
}

/** A value at a bound outside the device must create the assignment as sent; it is revoked at once. */
async function expectCreated(q: Qod, body: Json, rule: string): Promise<void> {
  const { view, id } = await createAssignment(q, body, rule);
  try {
    await checkAsCreated(q, view, body, rule, 'unless-requested');
  } finally {
    await revokeForReuse(q, id);
  }
}

/**
 * After a failed own-device case: the assignment a wrong answer left on the device (it carries the
 * qosProfile sent: never another client's) is revoked, so the next case meets a free device.
 */
async function freeDevice(q: Qod, device: Json, sent: Json): Promise<void> {
  const p = prov(q);
  const res = await q.send(provisioningRequest(p, 'getByDevice', { body: { device } }));
  const id = res.status === 200 ? idOf(p, res.json) : undefined;
  if (id && (res.json as AssignmentView).qosProfile === sent.qosProfile) await revokeForReuse(q, id);
}

function declare(p: ProvisioningRules, v: SpecValidators): void {
  group('QoS Provisioning schema boundaries: values at the bounds of the request schemas are accepted', () => {
    for (const role of ['create', 'getByDevice'] as const) {
      const op = p.operations[role];
      const declared = boundsOf(v, op, role, role === 'create' ? ownBody(v, op, DECLARED.profile, DECLARED.sink) : undefined);
      const all = [...declared.own, ...declared.device];
      if (all.length === 0) continue;
      check(
        {
          id: `${op}.schema-boundaries`,
          title: `${op}: every value at a bound of its request schema (${all.map((c) => `${c.pointer} ${c.keyword}`).join(', ')}) is accepted: never refused as a bad request`,
          area: 'validation',
          operation: op,
          cites: `${op} request schema: numeric and length bounds`,
          rules: [...new Set(all.map((c) => requestBodyRuleId(op, c.pointer, c.keyword))), ...(declared.own.some((c) => c.pointer === '/qosProfile') ? [UNKNOWN_PROFILE] : [])],
          appliesTo: provisioning(() => true),
        },
        async (q: Qod) => {
          const spec = await q.validators();
          const device = role === 'create' ? await q.device() : undefined;
          const own = device ? ownBody(spec, op, q.need('qosProfiles.valid', q.operator.qosProfiles.valid), generatedSinkUrl(q), device as Json) : undefined;
          const bounds = boundsOf(spec, op, role, own);
          const misses: Array<{ edge: Edge; failure: ConformanceFailure; curl: string | undefined; status: number | undefined }> = [];
          const judge = async (edge: Edge, run: (rule: string) => Promise<void>): Promise<void> => {
            const rule = q.cite(`${specWhere(spec, op, edge.specLocation)} (${edge.keyword} at ${edge.pointer}): the bound itself is allowed`);
            try {
              await run(rule);
            } catch (error) {
              if (!(error instanceof ConformanceFailure)) throw error;
              misses.push({ edge, failure: error, curl: q.lastExchange?.curl, status: q.lastExchange?.response?.status });
              if (device) await freeDevice(q, device as Json, edge.body as Json);
            }
          };
          for (const edge of bounds.own) {
            const body = edge.body as Json;
            await judge(edge, (rule) =>
              edge.pointer === '/qosProfile'
                ? expectUnknownProfileRefused(q, body, `${rule}; a name no profile has: ${scenarioIdOf(p, 'create', '400.9_non_existent_qos_profile')}`).then(() => undefined)
                : expectCreated(q, body, `${rule}; ${q.cite(`${op} 201`)}`),
            );
          }
          for (const edge of bounds.device) {
            await judge(edge, (rule) => expectNotBadRequest(q, role, edge.body as Json, `${rule}; a schema-valid device is not a bad request (404, 409, 422: business errors)`));
          }
          const first = misses[0];
          if (!first) return;
          fail(`${misses.length} ${op} request(s) with a value at a bound of the schema were not accepted`, {
            rule: first.failure.rule,
            // A qosProfile at its bound that got an assignment broke the unknown-profile rule, not the bound.
            ruleIds: [
              ...new Set(misses.map((m) => (m.edge.pointer === '/qosProfile' && m.status !== undefined && m.status < 300 ? UNKNOWN_PROFILE : requestBodyRuleId(op, m.edge.pointer, m.edge.keyword)))),
            ],
            expected: 'for each value at a bound: the answer a valid value gets (never a schema refusal)',
            actual: `${misses.map((m) => `${m.edge.description} → ${m.failure.message.split('\n')[0]}: ${m.failure.actual.split('\n')[0]}`).join('\n  ')}${first.curl ? `\n  reproduce: ${first.curl}` : ''}`,
          });
        },
      );
    }
  });

  const op = p.operations.create;
  const refusal: RefusalTarget = { opId: op, refuse: (q, body, expected) => refusedCreate(q, body, expected) };
  const named = (part: string, title: string, area: CheckSpec['area'], cites: string, rules: string[]): CheckSpec => ({
    id: `${op}.boundary.${part}`,
    title: `boundary: ${title}`,
    area,
    operation: op,
    cites,
    rules,
    appliesTo: provisioning(() => true),
  });

  group('QoS Provisioning named boundaries of the create body', () => {
    check(
      named(
        'sink-forms',
        'a sink URL with a query string, and an ACCESSTOKEN credential whose expiry carries a UTC offset and milliseconds, are accepted and read back as sent',
        'notifications',
        'sink format uri (pattern ^https://); AccessTokenCredential.accessTokenExpiresUtc format date-time (RFC 3339)',
        ['provisioning.create-201-assignment-info'],
      ),
      async (q: Qod) => {
        const url = q.need('an https webhook sink (the QoS Provisioning sink must be https)', generatedSinkUrl(q));
        const device = await q.device();
        // A day ahead, written at +01:00 with milliseconds: RFC 3339 allows both.
        const expires = new Date(Date.now() + 86_400_000 + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '.250+01:00');
        const body = assignmentBody(q, device, {
          sink: `${url}${url.includes('?') ? '&' : '?'}qod-conformance=boundary`,
          sinkCredential: { ...accessTokenCredential(), accessTokenExpiresUtc: expires },
        });
        const spec = await q.validators();
        const violations = spec.validateRequestBody(op, body);
        if (violations.length > 0) {
          await expectRefused(q, body, 'sink and credential forms the schema does not allow', refusal);
          return;
        }
        await expectCreated(q, body, q.cite(`${op} 201: sink format uri, accessTokenExpiresUtc format date-time`));
      },
    );

    // Each identifier form a leased device has gets an assignment; a form no leased device has (a
    // sample), or one the operator declares unsupported, is a business answer, never 400.
    for (const form of DEVICE_FORMS) {
      check(
        named(form.part, `device ${form.label} is accepted (201 with a leased operator device of that form; never 400)`, 'devices', `Device.${form.kind} schema`, [
          'provisioning.create-201-assignment-info',
        ]),
        async (q: Qod) => {
          const leased = await q.deviceWhere(form.has);
          const sent = leased ? form.pick(leased) : form.sample;
          const body = assignmentBody(q, sent);
          const what = `device ${form.label} ${JSON.stringify(sent)}`;
          if ((await q.validators()).validateRequestBody(op, body).length > 0) throw new Error(`test bug: ${what} breaks the ${op} request schema`);
          const unsupported = q.operator.unsupportedIdentifiers?.includes(form.kind);
          if (leased && !unsupported) return expectCreated(q, body, `${what} (a leased operator device); ${q.cite(`${op} 201`)}`);
          await expectNotBadRequest(
            q,
            'create',
            body,
            `${what} (${leased ? 'a type the operator declares unsupported' : 'no operator device of this form: a sample'}); ${q.cite('Device schema: a schema-valid identifier is not a bad request')}`,
          );
        },
      );
    }
  });
}

const provisioningRules = provisioningOf(config.apiVersion);
if (provisioningRules) declare(provisioningRules, await validatorsFor(config));
