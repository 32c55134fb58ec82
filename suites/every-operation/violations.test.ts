// Negative properties: for each constraint of each request schema (createSession,
// extendQosSessionDuration, retrieveSessionsByDevice, retrieveQoSProfiles; in a QoS Provisioning run
// its create and get-by-device) a valid body is mutated
// to break exactly that constraint at one JSON pointer (src/gen/violations.ts, confirmed by the
// spec validator); the endpoint must answer 400 with a CAMARA error body and a code the spec allows
// for that operation's 400, and nothing may be created or changed. One test per (operation,
// keyword) family, iterating every pointer. Skipped in --profile safe (like every property test).
import { check, group } from '../../src/checks/declare.js';
import { fail, isConformanceError } from '../../src/checks/failure.js';
import { apiLabel } from '../../src/config/apis.js';
import type { DeviceId } from '../../src/config/types.js';
import type { ApiRequest, ApiResponse } from '../../src/http/client.js';
import { mutations, pin, requestBodyRuleId, type Mutation, type Pin } from '../../src/gen/index.js';
import type { Violation } from '../../src/spec/types.js';
import {
  allowed400Codes,
  createSessionPlan,
  devicePlan,
  extendPlan,
  hasOperationBody,
  mismatchIsBadRequest,
  provisioningCreatePlan,
  sampleValid,
  specWhere,
  type BodyPlan,
} from '../../src/suite/generated-requests.js';
import { setupSession } from '../../src/suite/precondition.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { idsOf, untilAvailable } from '../../src/suite/lifecycle-checks.js';
import { deleteCreated, describeAnswers, judgeRejection, sendJudged } from '../../src/suite/property-cases.js';
import { needPropertyRuns, propertyTimeout } from '../../src/suite/property-check.js';
import { createdByCheck, namesRunSink, retrieveSettled } from '../../src/suite/foreign-sessions.js';
import { prov, provisioningOf, provisioningRequest, revokeForReuse, revokePath, type AssignmentView } from '../../src/suite/provisioning.js';
import { durationLimits, getSession, retrieveSessions, sessionIdOf, validCreateBody, type Json, type SessionView } from '../../src/suite/sessions.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { mutationFamilies } from '../../src/suite/mutation-families.js';

const config = runConfig();
const validators = await validatorsFor(config);
const provisioningRules = config.api === 'qos-provisioning' ? provisioningOf(config.apiVersion) : undefined;
/** The operations with a request body, of the API under test. */
const OPERATIONS: readonly string[] = provisioningRules
  ? [provisioningRules.operations.create, provisioningRules.operations.getByDevice]
  : ['createSession', 'extendQosSessionDuration', 'retrieveSessionsByDevice', 'retrieveQoSProfiles'];
type Operation = string;
/** The operations whose refused requests must also create or change nothing, with the rule that says so. */
const CHANGES_NOTHING: Readonly<Record<string, string>> = provisioningRules
  ? { [provisioningRules.operations.create]: 'provisioning.refused-changes-nothing' }
  : { createSession: 'lifecycle.refused-changes-nothing', extendQosSessionDuration: 'lifecycle.refused-changes-nothing' };

/** What a negative test sends to, with the valid base body and the "nothing happened" check. */
interface Target {
  plan: BodyPlan;
  base: Json;
  request(body: unknown): ApiRequest;
  /** Before each mutated request, with its body. */
  beforeEach?(body: unknown): Promise<void>;
  /** After each answer: delete what a wrongly accepted request created. */
  afterEach(res: ApiResponse): Promise<void>;
  /** After all: nothing was created or changed by the refused requests. */
  afterAll(): Promise<string | undefined>;
}

async function targetFor(q: Qod, op: Operation): Promise<Target> {
  const v = await q.validators();
  const spec = v.spec.operations[op]!;
  const method = spec.method.toUpperCase() as ApiRequest['method'];
  const seed = q.config.seed;
  // Where only the leased device's own identifiers are sent, one with an ipv4Address reaches the most constraints.
  const leaseForMutations = async () => (mismatchIsBadRequest(q) ? ((await q.deviceWhere((d) => d.ipv4Address !== undefined)) ?? (await q.device())) : q.device());
  if (q.config.api === 'qos-provisioning' && op === prov(q).operations.create) return assignmentTarget(q, op, await leaseForMutations());
  if (op === 'createSession') {
    const device = await leaseForMutations();
    const plan = await createSessionPlan(q, { device, mode: 'all', deviceLeaves: true, ports: 'always', sink: 'always' });
    const base = await sampleValid(q, plan, seed);
    let before: string[] | undefined;
    // A body mutated at its callback URL leaves a session no URL tells from another run's: the
    // device's sessions are read right before and after it, and the new ones are taken as its.
    const offSink = new Set<string>();
    let justBefore: string[] | undefined;
    return {
      plan,
      base,
      request: (body) => ({ method, path: '/sessions', operationId: op, body }),
      beforeEach: async (body) => {
        justBefore = q.rules.hasRetrieveSessions && !namesRunSink(q, body) ? await sessionIds(q, device) : undefined;
      },
      afterEach: async (res) => {
        const id = res.status >= 200 && res.status < 300 ? sessionIdOf(q, res.json) : undefined;
        if (id) await deleteCreated(q, id).catch(() => undefined);
        before ??= q.rules.hasRetrieveSessions ? await sessionIds(q, device) : [];
        if (justBefore) for (const added of await sessionIds(q, device)) if (!justBefore.includes(added)) offSink.add(added);
        justBefore = undefined;
      },
      afterAll: async () => {
        if (!q.rules.hasRetrieveSessions) return undefined;
        // Another run with the same credentials may hold a session on the device for a moment:
        // re-read until sessions from outside this check are gone (bounded), then judge.
        const { res } = await retrieveSettled(q, device, [], before ?? []);
        const now = res.status === 200 ? idsOf(q, res.json) : [];
        const items = Array.isArray(res.json) ? (res.json as Array<Record<string, unknown>>) : [];
        const added = now.filter(
          (id) =>
            !(before ?? []).includes(id) &&
            createdByCheck(
              q,
              items.find((s) => s?.[q.rules.sessionIdField] === id),
              id,
              offSink,
            ),
        );
        return added.length ? `retrieveSessionsByDevice lists ${added.length} session(s) created by refused requests: ${added.join(', ')}` : undefined;
      },
    };
  }
  if (op === 'extendQosSessionDuration') {
    const device = await q.device();
    // Long enough to outlast the mutations on a slow, paced run.
    const limits = await durationLimits(q, q.need('qosProfiles.valid', q.operator.qosProfiles.valid));
    const created = await setupSession(q, await validCreateBody(q, device, { duration: Math.min(Math.max(600, limits.min), limits.max ?? 600) }));
    await untilAvailable(q, created.id, created.session);
    const plan = await extendPlan(q, 'all', 3600);
    const base = await sampleValid(q, plan, seed);
    let before: SessionView | undefined;
    return {
      plan,
      base,
      request: (body) => ({ method, path: `/sessions/${encodeURIComponent(created.id)}/extend`, operationId: op, body }),
      afterEach: async () => {
        before ??= (await getSession(q, created.id)).json as SessionView;
      },
      afterAll: async () => {
        const res = await getSession(q, created.id);
        const now = res.json as SessionView | undefined;
        if (res.status !== 200) return `the session is gone after the refused extensions (getSession ${res.status})`;
        if (now?.duration !== before?.duration) return `refused extensions changed the session duration from ${String(before?.duration)} to ${String(now?.duration)}`;
        return undefined;
      },
    };
  }
  const device = await leaseForMutations();
  const extra: Record<string, Pin> = op === 'retrieveQoSProfiles' ? { '/name': pin.constant(q.need('qosProfiles.valid', q.operator.qosProfiles.valid)) } : {};
  const plan = await devicePlan(q, op, device, 'all', 'leaves', extra);
  const base = await sampleValid(q, plan, seed);
  return {
    plan,
    base,
    request: (body) => ({ api: spec.api, method, path: spec.path, operationId: op, body }),
    afterEach: async () => undefined,
    afterAll: async () => undefined,
  };
}

/**
 * QoS Provisioning create: each assignment a request made is revoked before the next one (the
 * device must be free, or a wrongly accepted body would only meet 409); afterwards the device holds
 * no assignment but revoked ones.
 */
async function assignmentTarget(q: Qod, op: string, device: DeviceId): Promise<Target> {
  const p = prov(q);
  const plan = await provisioningCreatePlan(q, op, device, 'all');
  const base = await sampleValid(q, plan, q.config.seed);
  const made = new Set<string>();
  return {
    plan,
    base,
    request: (body) => provisioningRequest(p, 'create', { body }),
    afterEach: async (res) => {
      const id = res.status >= 200 && res.status < 300 ? (res.json as AssignmentView | undefined)?.[p.idField] : undefined;
      if (typeof id !== 'string') return;
      made.add(id);
      await revokeForReuse(q, id);
    },
    afterAll: async () => {
      const res = await q.send(provisioningRequest(p, 'getByDevice', { body: { device } }));
      const view = res.json as AssignmentView | undefined;
      const id = view?.[p.idField];
      if (res.status !== 200 || typeof id !== 'string' || made.has(id) || view?.status === 'UNAVAILABLE') return undefined;
      // Revoked at the end with the others.
      q.track(id, undefined, undefined, revokePath(p, id));
      return `${p.operations.getByDevice} shows assignment ${id} (${String(view?.status)}) on the device, created by a refused request`;
    },
  };
}

async function sessionIds(q: Qod, device: DeviceId): Promise<string[]> {
  const res = await retrieveSessions(q, { device });
  return res.status === 200 ? idsOf(q, res.json) : [];
}

interface Miss {
  m: Mutation;
  res: ApiResponse;
  reason: string;
  codes: string[];
}

group('negative properties: bodies breaking one constraint of the request schema', () => {
  for (const op of OPERATIONS.filter((op) => hasOperationBody(validators, op))) {
    for (const [keyword, { count, covers }] of mutationFamilies(validators, op)) {
      check(
        {
          id: `${op}.schema-violation.${keyword}`,
          title: `${op}: every body breaking \`${keyword}\` (one mutation per constrained pointer, from the spec) is refused with 400 and an allowed code`,
          area: 'validation',
          operation: op,
          cites: `${op} request schema: ${keyword}`,
          // createSession, extensions and QoS Provisioning creates also judge that the refused requests created or changed nothing.
          rules: CHANGES_NOTHING[op] ? [...covers, CHANGES_NOTHING[op]] : covers,
          // one request per mutation, a control, a setup and the final check (paced by --max-rps)
          timeout: propertyTimeout({ ...config, runs: count + 6 }, 1),
        },
        async (q: Qod) => {
          needPropertyRuns(q);
          if (op === 'retrieveQoSProfiles') q.needProfilesApi();
          const v = await q.validators();
          const target = await targetFor(q, op);
          const validate = (b: unknown): Violation[] => v.validateRequestBody(op, b);
          const list = mutations(target.plan.schema, target.base, { validate, seed: q.config.seed, schemas: v.spec.schemas, keywords: [keyword], generator: target.plan.gen });
          q.covers(list.map((m) => requestBodyRuleId(op, m.pointer, m.keyword)));
          if (list.length === 0 && mismatchIsBadRequest(q)) {
            // Only the leased device's own identifiers are sent in these versions (identifiers of two devices are a 400).
            q.need(
              `a test device whose identifiers carry a \`${keyword}\` constraint (in ${apiLabel(q.config.api, q.version)} identifiers of different devices are a 400, so only the leased device's own are sent)`,
              undefined,
            );
          }
          if (list.length === 0) throw new Error(`test bug: no \`${keyword}\` mutation derived for ${op} from the base body ${JSON.stringify(target.base)}`);

          // Failures of the bookkeeping calls (e.g. a session a mutation broke) are reported with the misses.
          const problems: string[] = [];
          const guarded = async (what: string, f: () => Promise<string | undefined | void>): Promise<void> => {
            try {
              const problem = await f();
              if (problem) problems.push(problem);
            } catch (error) {
              if (!isConformanceError(error as Error)) throw error;
              problems.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
            }
          };

          // Control: the unmutated body is not a bad request, else a 400 proves nothing.
          const control = await sendJudged(q, target.request(target.base));
          await guarded('after the unmutated request', () => target.afterEach(control.res));
          q.check(control.res.status !== 400, `the valid ${op} body the mutations start from is itself refused with 400`, {
            rule: q.cite(`${op} requestBody: a body valid against the schema is not a bad request`),
            expected: 'not 400 (the body is valid per the spec)',
            actual: `HTTP 400 ${control.res.text.slice(0, 300)} for ${JSON.stringify(target.base).slice(0, 400)}`,
          });

          const misses: Miss[] = [];
          for (const m of list) {
            await guarded(`before ${m.description}`, async () => target.beforeEach?.(m.body));
            const { res, violations } = await sendJudged(q, target.request(m.body));
            await guarded(`after ${m.description}`, () => target.afterEach(res));
            const allowed = allowed400Codes(q, v, op, m.keyword, m.pointer);
            const verdict = judgeRejection(q, res, violations, allowed);
            if (!verdict.ok) misses.push({ m, res, reason: verdict.reason!, codes: allowed });
          }
          await guarded('checking that nothing was created or changed', () => target.afterAll());
          const leftover = problems.length ? problems.join('; ') : undefined;
          if (misses.length === 0 && leftover === undefined) return;

          const first = misses[0];
          if (first) {
            await q.counterexample(`${op} ${keyword}: ${misses.length} of ${list.length} mutated bodies not refused as the spec requires; first at ${first.m.pointer || '/'} (seed ${q.config.seed})`, {
              seed: q.config.seed,
              operation: op,
              keyword,
              pointer: first.m.pointer,
              change: first.m.description,
              alsoBroken: first.m.alsoBroken,
              body: first.m.body,
              answer: { status: first.res.status, body: first.res.text.slice(0, 500) },
              curl: first.res.exchange.curl,
              misses: misses.map((x) => ({ pointer: x.m.pointer, change: x.m.description, status: x.res.status, reason: x.reason })),
            });
          }
          const lines = misses.map((x) => `${x.m.pointer || '/'}: ${x.m.description} → ${x.reason}`);
          if (leftover) lines.push(leftover);
          fail(
            `${misses.length} of ${list.length} ${op} bodies breaking \`${keyword}\` were not refused as the spec requires${
              misses.length
                ? ` (${describeAnswers(
                    q,
                    misses.map((x) => x.res),
                  )})`
                : ''
            }${leftover ? '; and refused requests left something behind' : ''}`,
            {
              rule: first
                ? `${q.cite(`${specWhere(v, op, first.m.specLocation)} (${keyword} at ${first.m.pointer || '/'})`)}; ${q.cite(`${op} responses.400 code ${first.codes.join(' / ')}`)}`
                : q.cite(`${op}: a refused request creates or changes nothing`),
              expected: first ? `HTTP 400, code ${first.codes.join(' or ')}, CAMARA error body` : 'nothing created or changed',
              actual: `${lines.slice(0, 8).join('; ')}${lines.length > 8 ? `; … ${lines.length - 8} more` : ''}${first ? `\n  reproduce: ${first.res.exchange.curl}` : ''}`,
            },
          );
        },
      );
    }
  }
});
