// One generated case against the endpoint: send, judge, clean up. Shared by the positive
// properties (valid bodies must be accepted and echoed consistently) and the negative ones
// (a body breaking one constraint must be refused with 400 and an allowed code).
import { fail } from '../checks/failure.js';
import type { DeviceId } from '../config/types.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import type { SpecValidators, Violation } from '../spec/types.js';
import { describeViolation } from '../spec/validators.js';
import { translateErrorExpectation } from '../versions/rules.js';
import fc from 'fast-check';
import { checkDeviceEcho, checkEchoed, identifierKinds } from './create-cases.js';
import { portFields, type DurationRange } from './generated-requests.js';
import type { Qod } from './harness.js';
import { checkSessionTimes } from './session-times.js';
import { sameJson } from '../util/same-json.js';
import { attachExchange } from './property-check.js';
import { sessionIdOf, type Json, type SessionView } from './sessions.js';

/** Sends; the response's conformance to the spec is returned, not thrown (so cleanup comes first). */
export async function sendJudged(q: Qod, req: ApiRequest): Promise<{ res: ApiResponse; violations: Violation[] }> {
  const res = await q.send(req);
  // An operation that is not there at all is the one root cause, whatever the case was about.
  if (req.operationId) q.failIfAbsent(req.operationId, res);
  return { res, violations: req.operationId ? await q.violationsOf(req.operationId, res) : [] };
}

/** Fails with the first response violation (as Qod.call does). */
export function failOnViolations(q: Qod, opId: string, res: ApiResponse, violations: Violation[]): void {
  if (violations.length === 0) return;
  const first = violations[0]!;
  fail(`${opId} answered ${res.status} with a response that breaks its spec (${violations.length} violation${violations.length > 1 ? 's' : ''})`, {
    rule: q.cite(first.specLocation),
    expected: `a response conforming to the ${opId} ${first.where} definition`,
    actual: violations.slice(0, 5).map(describeViolation).join('; '),
  });
}

/**
 * The leased device and, where the version lets a device carry several identifiers of which the
 * provider uses and echoes one (`mixes`: QoD 1.1.0+, QoS Provisioning 0.3.0+), any non-empty mix of
 * its identifiers and those of a second device of another identifier type, leased with it. No mix
 * (the device as is) otherwise or without such a pair.
 */
export async function leaseDeviceMix(q: Qod, mixes: boolean): Promise<{ device: DeviceId; devices?: fc.Arbitrary<DeviceId> }> {
  const pair = mixes ? await q.devicePair((a, b) => identifierKinds(b).some((k) => !identifierKinds(a).includes(k))) : undefined;
  if (!pair) return { device: await q.device() };
  const [device, other] = pair;
  const kinds = identifierKinds(device);
  const entries: Array<[string, unknown]> = [
    ...kinds.map((k): [string, unknown] => [k, device[k]]),
    ...identifierKinds(other)
      .filter((k) => !kinds.includes(k))
      .map((k): [string, unknown] => [k, other[k]]),
  ];
  return { device, devices: fc.subarray(entries, { minLength: 1 }).map((picked) => Object.fromEntries(picked) as DeviceId) };
}

export function createRequest(body: unknown): ApiRequest {
  return { method: 'POST', path: '/sessions', operationId: 'createSession', body };
}

/** Deletes a session a case created; a failure to delete is a failure of the case. */
export async function deleteCreated(q: Qod, id: string): Promise<void> {
  const { res, violations } = await sendJudged(q, { method: 'DELETE', path: `/sessions/${encodeURIComponent(id)}`, operationId: 'deleteSession' });
  if (res.status === 204 || res.status === 404) q.untrack(id, res.status === 204);
  failOnViolations(q, 'deleteSession', res, violations);
  q.check(res.status === 204, 'a session just created could not be deleted', {
    rule: q.cite('deleteSession: 204 for an existing session of the client'),
    expected: 'HTTP 204',
    actual: `HTTP ${res.status} ${res.text.slice(0, 200)}`,
  });
}

/** Runs `judge`, then `cleanup` whatever happened; the first failure wins (with the exchange it was about). */
export async function withCleanup(q: Qod, judge: () => Promise<void> | void, cleanup: (() => Promise<void>) | undefined): Promise<void> {
  let failure: unknown;
  try {
    await judge();
  } catch (error) {
    attachExchange(error, q.lastExchange);
    failure = error;
  }
  if (cleanup) {
    try {
      await cleanup();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}

/** Error statuses a valid body may get: business refusals the spec documents (never 400, 401, 403 or 5xx). */
const BUSINESS_REFUSALS = [404, 409, 422];

export interface CreateCaseContext {
  range: DurationRange;
  /** Refusals seen (status code → count), for the advisory at the end. */
  refusals: Map<string, number>;
  created: { count: number };
  /** Advisory titles already given in this test. */
  advised: Set<string>;
}

export function newCreateCaseContext(range: DurationRange): CreateCaseContext {
  return { range, refusals: new Map(), created: { count: 0 }, advised: new Set() };
}

async function adviseOnce(q: Qod, ctx: CreateCaseContext, title: string, whyItMatters: string, detail: string): Promise<void> {
  if (ctx.advised.has(title)) return;
  ctx.advised.add(title);
  await q.advise({ title, whyItMatters, detail });
}

/**
 * One valid createSession body: 201 (echoed and consistent, then deleted) or a documented business
 * refusal (404 / 409 / 422); never 400, 401, 403 or 5xx.
 */
export async function createCase(q: Qod, body: Json, ctx: CreateCaseContext): Promise<void> {
  const v = await q.validators();
  const { res, violations } = await sendJudged(q, createRequest(body));
  const id = res.status >= 200 && res.status < 300 ? sessionIdOf(q, res.json) : undefined;
  await withCleanup(
    q,
    async () => {
      failOnViolations(q, 'createSession', res, violations);
      if (res.status === 201) {
        ctx.created.count++;
        await checkCreated(q, body, res, ctx);
        return;
      }
      await judgeRefusal(q, v, body, res, ctx);
    },
    id ? () => deleteCreated(q, id) : undefined,
  );
}

async function judgeRefusal(q: Qod, v: SpecValidators, body: Json, res: ApiResponse, ctx: CreateCaseContext): Promise<void> {
  const code = String((res.json as { code?: unknown } | undefined)?.code);
  const documented = v.spec.operations['createSession']?.responses[String(res.status)] !== undefined;
  const durationCodes = translateErrorExpectation(q.version, { status: 400, codes: ['QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE'] }).codes ?? [];
  if (res.status === 400 && !ctx.range.known && durationCodes.includes(code)) {
    // The profile's limits are unknown here (no readable profile): the duration may really be outside them.
    ctx.refusals.set(`400 ${code}`, (ctx.refusals.get(`400 ${code}`) ?? 0) + 1);
    await adviseOnce(
      q,
      ctx,
      'duration refused although the profile limits could not be read',
      'Without readable profile limits the suite cannot tell whether the refused duration was really out of range.',
      `duration ${String(body.duration)} was refused with ${code}; expose the profile through getQosProfile so the limits can be checked.`,
    );
    return;
  }
  if (!BUSINESS_REFUSALS.includes(res.status) || !documented) {
    fail(`a valid createSession body was refused with HTTP ${res.status}`, {
      rule: q.cite('createSession requestBody CreateSession: a body valid against the schema is not a bad request; only documented business errors (404/409/422) may refuse it'),
      expected: 'HTTP 201, or a documented business error (404, 409, 422)',
      actual: `HTTP ${res.status} ${res.text.slice(0, 300)}`,
    });
  }
  ctx.refusals.set(`${res.status} ${code}`, (ctx.refusals.get(`${res.status} ${code}`) ?? 0) + 1);
}

const DURATION_RULE = 'CreateSession.duration: the provider may grant a different duration than requested, within the profile limits';

async function checkCreated(q: Qod, body: Json, res: ApiResponse, ctx: CreateCaseContext): Promise<void> {
  const session = res.json as SessionView;
  const scenario = '@quality_on_demand_createSession_01_generic_success_scenario';
  const rule = (where: string) => `${scenario}; ${q.cite(where)}`;
  for (const key of ['qosProfile', 'qos', 'applicationServer', 'asId']) {
    if (body[key] === undefined) continue;
    q.check(sameJson(session[key], body[key]), `${key} is not returned as sent`, { rule: rule(`SessionInfo.${key}`), expected: JSON.stringify(body[key]), actual: JSON.stringify(session[key]) });
  }
  const v = await q.validators();
  const schema = v.spec.operations['createSession']?.requestBody?.content['application/json'];
  for (const field of schema ? portFields(schema) : []) checkEchoed(q, session, field, body[field], rule(`SessionInfo.${field}`));
  if (body.sink !== undefined || q.rules.notificationTarget === 'sink') checkEchoed(q, session, 'sink', body.sink, rule('SessionInfo.sink'));
  if (q.rules.deviceField === 'device') checkDeviceEcho(q, session, body.device as DeviceId | undefined, rule('SessionInfo.device'));

  const requested = typeof body.duration === 'number' ? body.duration : q.rules.durationDefault;
  const granted = session.duration;
  if (typeof granted === 'number' && requested !== undefined && granted !== requested) {
    if (ctx.range.known) {
      q.check(granted >= 1 && granted <= ctx.range.max, 'the granted duration is outside the profile limits', {
        rule: `${q.cite(DURATION_RULE)}; ${ctx.range.source}`,
        expected: `duration within ${ctx.range.min}..${ctx.range.max} s (requested ${requested})`,
        actual: `duration ${granted}`,
      });
    }
    await adviseOnce(
      q,
      ctx,
      'granted duration differs from the requested one',
      'The spec allows it, but a consumer that relies on the requested duration will see the session end at another time.',
      `requested ${requested} s, granted ${granted} s (SessionInfo.duration)`,
    );
  }
  await checkSessionTimes(q, session, res, 'createSession 201');
}

/** The advisory on refusals seen during a property (a refusal is allowed, but every case refused says little). */
export async function adviseRefusals(q: Qod, what: string, ctx: Pick<CreateCaseContext, 'refusals' | 'created'>): Promise<void> {
  if (ctx.refusals.size === 0) return;
  const seen = [...ctx.refusals].map(([k, n]) => `${k} ×${n}`).join(', ');
  await q.advise({
    title: `${what}: some valid bodies were refused with business errors`,
    whyItMatters: 'Business errors are allowed, but a valid body for a free, known device should normally be accepted; refusals hide what the endpoint does with the rest of the body.',
    detail: `${ctx.created.count} created; refused: ${seen}`,
  });
}

export interface RejectionVerdict {
  ok: boolean;
  reason?: string;
}

/** A body breaking the spec: 400, CAMARA error body with status 400, an allowed code, a message; response conformant. */
/**
 * How the requests that should have been refused were answered, grouped, most frequent first:
 * "6 answered HTTP 201, 2 HTTP 400 with code "invalid_argument"". A title that only said "not
 * refused with 400" would be wrong for the ones that were refused with 400 and another code.
 */
export function describeAnswers(q: Pick<Qod, 'dialect'>, answers: ReadonlyArray<ApiResponse>): string {
  const tally = new Map<string, number>();
  for (const res of answers) {
    const body = res.json as Record<string, unknown> | undefined;
    const code = res.status >= 400 && body && typeof body === 'object' ? body[q.dialect.errorBody.codeField] : undefined;
    const key = `HTTP ${res.status}${code === undefined ? '' : ` with code ${JSON.stringify(code)}`}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n], i) => `${n} ${i === 0 ? 'answered ' : ''}${key}`)
    .join(', ');
}

export function judgeRejection(q: Qod, res: ApiResponse, violations: Violation[], codes: readonly string[] | undefined): RejectionVerdict {
  if (res.status !== 400) return { ok: false, reason: `HTTP ${res.status} instead of 400` };
  if (q.dialect.name !== 'camara') {
    // An operator dialect has its own error body and code table: the harness knows both.
    if (!q.isError(res, { status: 400 })) return { ok: false, reason: `HTTP 400 without a ${q.dialect.title} error body: ${res.text.slice(0, 200)}` };
    if (violations.length) return { ok: false, reason: `the 400 response breaks the spec: ${violations.slice(0, 3).map(describeViolation).join('; ')}` };
    return { ok: true };
  }
  const body = res.json as { status?: unknown; code?: unknown; message?: unknown } | undefined;
  if (!body || typeof body !== 'object') return { ok: false, reason: 'HTTP 400 without a JSON error body' };
  if (q.rules.errorBodyHasStatus && body.status !== 400) return { ok: false, reason: `error body status ${JSON.stringify(body.status)} instead of 400` };
  if (codes && !codes.includes(String(body.code))) return { ok: false, reason: `code ${JSON.stringify(body.code)}, expected ${codes.join(' or ')}` };
  if (typeof body.message !== 'string' || !body.message.trim()) return { ok: false, reason: 'error body without a message' };
  if (violations.length) return { ok: false, reason: `the 400 response breaks the spec: ${violations.slice(0, 3).map(describeViolation).join('; ')}` };
  return { ok: true };
}
