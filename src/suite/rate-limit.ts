// The 429 scenarios: reach the request threshold of a client on purpose, then the operation's
// own request must be refused with 429 TOO_MANY_REQUESTS. This needs a token of a client with a
// low threshold (operator data tokens.rateLimited), never the run's own token: a shared
// endpoint's quota is not ours to exhaust.
import { randomUUID } from 'node:crypto';
import { fail } from '../checks/failure.js';
import type { ApiRequest } from '../http/client.js';
import type { Qod } from './harness.js';

/** Most requests sent to reach the threshold before giving up. */
const MAX_BURST = 50;

export async function expectTooManyRequests(q: Qod, request: ApiRequest, rule: string): Promise<void> {
  const token = q.need('tokens.rateLimited (a token of a client with a low request threshold)', q.operator.tokens.rateLimited);
  // Cheap, harmless requests (a session that cannot exist) until the endpoint starts refusing.
  let reached = false;
  for (let i = 0; i < MAX_BURST && !reached; i++) {
    const probe = await q.send({ method: 'GET', path: `/sessions/${randomUUID()}`, token, noRetry: true });
    reached = probe.status === 429;
  }
  const res = await q.call({ ...request, token, noRetry: true });
  if (res.status !== 429 && !reached) {
    fail(`no 429 after ${MAX_BURST} requests with tokens.rateLimited`, {
      rule,
      expected: 'HTTP 429 TOO_MANY_REQUESTS once the client is over its request threshold',
      actual: `HTTP ${res.status} after ${MAX_BURST + 1} requests within about a second`,
    });
  }
  q.expectError(res, { status: 429, codes: ['TOO_MANY_REQUESTS'], rule });
}
