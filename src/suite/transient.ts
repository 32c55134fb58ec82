// A transient answer is not a verdict: 429 and 503 are answers any operation may give for reasons
// outside the rule a check tests (a gateway's rate limit or overload; RFC 9110 §15.6.4, RFC 6585 §4,
// the CAMARA Design Guide's 429 on every operation). The HTTP client retries them within bounds
// (src/http/client.ts); one still there afterwards makes the check "cannot check", with the evidence.
import { isTransient, MAX_TRANSIENT_RETRIES, type ApiRequest, type ApiResponse } from '../http/client.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';

/** The skip note for an answer that stayed transient after the client's retries; undefined otherwise. */
export function transientSkipNote(req: ApiRequest, res: ApiResponse): string | undefined {
  if (!isTransient(res, req)) return undefined;
  const retryAfter = res.headers['retry-after'];
  const code = (res.json as { code?: unknown } | undefined)?.code;
  return (
    `${BLOCKED_SKIP}the endpoint answered ${req.method} ${req.path} with HTTP ${res.status}` +
    `${typeof code === 'string' ? ` ${code}` : ''}${retryAfter ? ` (Retry-After: ${retryAfter})` : ''} ${MAX_TRANSIENT_RETRIES + 1} times in a row:` +
    ' a temporary refusal the spec allows on every operation, not an answer to the rule under test'
  );
}
