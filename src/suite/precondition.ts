// A check's setup is not its subject. When a step the check only needs as setup fails (a create of
// the session it works on, a read of a profile's limits, a cleanup), the check was never exercised:
// it ends as a skip "not exercised: <step> failed: <evidence>" (INCOMPLETE), not as a failure of
// the rule it guards. The check whose subject that step is (createSession_01, ...) judges it.
import { ConformanceFailure } from '../checks/failure.js';
import { TransportError, type ApiResponse } from '../http/client.js';
import { NOT_EXERCISED_SKIP } from '../report/skip-kind.js';
import type { Qod } from './harness.js';
import { requireSessionId, type Json, type SessionView } from './sessions.js';

/** The skip note of a check whose setup `step` failed, with one line of evidence. */
export function notExercisedNote(step: string, evidence: string): string {
  const line = evidence.split('\n')[0]!.trim();
  return `${NOT_EXERCISED_SKIP}${step} failed: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

/**
 * Runs a setup step. A failure of the endpoint in it (a ConformanceFailure, or no answer) skips the
 * check as not exercised, keeping the full failure as evidence; anything else (a skip, a bug of
 * ours) passes through unchanged.
 */
export async function precondition<T>(q: Qod, step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof ConformanceFailure) && !(error instanceof TransportError)) throw error;
    const evidence = error instanceof TransportError ? `the endpoint did not answer: ${error.message}` : error.message;
    await q.ctx.annotate(`setup step failed: ${step}\n${evidence}`, 'qod:info');
    q.ctx.skip(notExercisedNote(step, evidence));
  }
}

/**
 * Creates the session a check works on, as setup: it must answer 201 with an id. Its body is not
 * judged here (the createSession checks judge it), so a defect of the create answer is reported
 * once, by them, and not again by every check that only needed a session.
 */
export async function setupSession(q: Qod, body: Json, opts: { token?: string } = {}): Promise<{ res: ApiResponse; session: SessionView; id: string }> {
  return precondition(q, 'creating the session the check works on (createSession)', async () => {
    // send: tracked for cleanup (any 2xx create is), the busy-device wait applies, no judging.
    const res = await q.send({ method: 'POST', path: '/sessions', operationId: 'createSession', body, token: opts.token });
    q.expectStatus(res, 201, q.cite('createSession: a valid request creates a session (201)'));
    const session = res.json as SessionView;
    return { res, session, id: requireSessionId(q, session) };
  });
}
