// The 429 rule, in one place: reach the request threshold of a client on purpose, then the
// operation's own request must be refused with 429. The official scenarios name TOO_MANY_REQUESTS;
// the spec's 429 code enum (1.0.0 on) also allows QUOTA_EXCEEDED, so every code the version
// documents passes. This needs a token of a client with a low threshold (operator data
// tokens.rateLimited), never the run's own token: a shared endpoint's quota is not ours to exhaust.
//
// The burst goes out in waves of concurrent requests, within the run's --concurrency share (and
// --max-rps, which the client's pacer keeps): one request after another reaches a per-second
// threshold only when the endpoint is close, and a check must not depend on where it is.
import { randomUUID } from 'node:crypto';
import { fail } from '../checks/failure.js';
import { workerShare } from '../config/worker-share.js';
import { documentedErrorCodes } from './generated-requests.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import type { Qod } from './harness.js';

/** Most requests sent to reach the threshold before giving up. */
const MAX_BURST = 50;
/** Bursts tried: the client may fall back under its threshold before the operation's own request
 *  arrives (a busy run can delay it past the endpoint's window); the threshold is then reached again. */
const MAX_ROUNDS = 3;
/** Most requests of one wave in flight at once. */
const MAX_WAVE = 10;

interface Attempt {
  reached: boolean;
  answer: ApiResponse;
  /** Probes sent in this round, and how long they took. */
  sent: number;
  elapsedMs: number;
  width: number;
}

/**
 * Over the rate-limited client's threshold, `request` must be refused with 429 and a code the
 * version documents. A created session (a create that was not refused) is tracked and deleted by
 * the harness like any other.
 */
export async function expectTooManyRequests(q: Qod, request: ApiRequest, rule: string, probe: ApiRequest = { method: 'GET', path: `/sessions/${randomUUID()}` }): Promise<void> {
  const token = q.need('tokens.rateLimited (a token of a client with a low request threshold)', q.operator.tokens.rateLimited);
  // One slot stays free for the operation's own request, sent along with the last wave.
  const width = Math.max(1, Math.min(MAX_WAVE, workerShare(q.config).concurrency - 1));
  let attempt = await overThreshold(q, token, request, width, probe);
  for (let round = 1; attempt.reached && attempt.answer.status !== 429 && round < MAX_ROUNDS; round++) attempt = await overThreshold(q, token, request, width, probe);
  await judge(q, attempt, request, rule);
}

/** Cheap, harmless requests (`probe`: by default a read of a session that cannot exist), `width` at a time, until the endpoint
 *  starts refusing; then the operation's own request, together with one more wave so that it
 *  arrives while the client is still over its threshold, however long the round trip. */
async function overThreshold(q: Qod, token: string, request: ApiRequest, width: number, probeRequest: ApiRequest): Promise<Attempt> {
  const probe = () => q.send({ ...probeRequest, token, noRetry: true });
  const started = performance.now();
  let reached = false;
  let sent = 0;
  while (sent < MAX_BURST && !reached) {
    const answers = await Promise.all(Array.from({ length: Math.min(width, MAX_BURST - sent) }, probe));
    sent += answers.length;
    reached = answers.some((a) => a.status === 429);
  }
  const elapsedMs = performance.now() - started;
  const wave = reached && width > 1 ? Array.from({ length: width - 1 }, probe) : [];
  const [own, ...rest] = await Promise.allSettled([q.call({ ...request, token, noRetry: true }), ...wave]);
  for (const r of [own!, ...rest]) if (r.status === 'rejected') throw r.reason;
  return { reached, answer: (own as PromiseFulfilledResult<ApiResponse>).value, sent, elapsedMs, width };
}

async function judge(q: Qod, attempt: Attempt, request: ApiRequest, rule: string): Promise<void> {
  const { answer: res, reached, sent, elapsedMs, width } = attempt;
  if (res.status !== 429 && !reached) {
    const seconds = Math.max(elapsedMs, 1) / 1000;
    fail(`no 429 after ${sent} requests with tokens.rateLimited`, {
      rule,
      expected: 'HTTP 429 TOO_MANY_REQUESTS once the client is over its request threshold',
      actual: `HTTP ${res.status} after ${sent + 1} requests: ${sent} in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(1)} per second, ${width} at a time)`,
    });
  }
  const codes = await tooManyRequestsCodes(q, request.operationId);
  q.expectError(res, { status: 429, codes, rule: `${rule}; ${q.cite(`${request.operationId ?? 'the operation'} responses.429 code ${codes.join(' / ')}`)}` });
  if (isObjectWithCode(res.json) && res.json.code !== 'TOO_MANY_REQUESTS' && codes.includes(res.json.code)) {
    await q.noteStandard(`The official 429 scenarios expect TOO_MANY_REQUESTS; the spec's 429 enum also allows ${res.json.code}, which the endpoint answered and the suite accepts.`);
  }
}

/** The 429 codes the version documents for the operation (TOO_MANY_REQUESTS where it names none). */
async function tooManyRequestsCodes(q: Qod, operationId: string | undefined): Promise<string[]> {
  const documented = operationId ? documentedErrorCodes(await q.validators(), operationId, 429) : undefined;
  return documented && documented.length > 0 ? documented : ['TOO_MANY_REQUESTS'];
}

function isObjectWithCode(body: unknown): body is { code: string } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}
