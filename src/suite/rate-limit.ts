// The 429 scenarios: reach the request threshold of a client on purpose, then the operation's
// own request must be refused with 429. The scenarios name TOO_MANY_REQUESTS; the spec's 429 code
// enum (1.0.0 on) also allows QUOTA_EXCEEDED, so every code the version documents passes. This needs a token of a client with a
// low threshold (operator data tokens.rateLimited), never the run's own token: a shared
// endpoint's quota is not ours to exhaust.
import { randomUUID } from 'node:crypto';
import { fail } from '../checks/failure.js';
import { documentedErrorCodes } from './generated-requests.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import type { Qod } from './harness.js';

/** Most requests sent to reach the threshold before giving up. */
const MAX_BURST = 50;
/** Bursts tried: the client may fall back under its threshold before the operation's own request
 *  arrives (a busy run can delay it past the endpoint's window); the threshold is then reached again. */
const MAX_ROUNDS = 3;

export async function expectTooManyRequests(q: Qod, request: ApiRequest, rule: string): Promise<void> {
  const token = q.need('tokens.rateLimited (a token of a client with a low request threshold)', q.operator.tokens.rateLimited);
  let attempt = await overThreshold(q, token, request);
  for (let round = 1; attempt.reached && attempt.answer.status !== 429 && round < MAX_ROUNDS; round++) attempt = await overThreshold(q, token, request);
  await judge(q, attempt.answer, attempt.reached, request, rule);
}

/** Cheap, harmless requests (a session that cannot exist) until the endpoint starts refusing, then
 *  the operation's own request. */
async function overThreshold(q: Qod, token: string, request: ApiRequest): Promise<{ reached: boolean; answer: ApiResponse }> {
  let reached = false;
  for (let i = 0; i < MAX_BURST && !reached; i++) {
    const probe = await q.send({ method: 'GET', path: `/sessions/${randomUUID()}`, token, noRetry: true });
    reached = probe.status === 429;
  }
  return { reached, answer: await q.call({ ...request, token, noRetry: true }) };
}

async function judge(q: Qod, res: ApiResponse, reached: boolean, request: ApiRequest, rule: string): Promise<void> {
  if (res.status !== 429 && !reached) {
    fail(`no 429 after ${MAX_BURST} requests with tokens.rateLimited`, {
      rule,
      expected: 'HTTP 429 TOO_MANY_REQUESTS once the client is over its request threshold',
      actual: `HTTP ${res.status} after ${MAX_BURST + 1} requests within about a second`,
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
