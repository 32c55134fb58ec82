// An absent operation is not an absent resource. A 404 from a web framework's router ("no such
// route": FastAPI's {"detail":"Not Found"}, Express's "Cannot POST /sessions/x/extend", a proxy's
// HTML page) or a 405/501 to a documented method and path means the endpoint does not implement
// the operation at all. Such an answer must never pass as "404 for an unknown session", and every
// check that calls the operation fails with the one root cause: "operation X not implemented".
import type { ApiResponse } from '../http/client.js';

/** A JSON body a router writes for a path it has no route for (no error code of the API). */
const ROUTER_MESSAGE = /^(404 )?not found\.?$/i;
/** A non-JSON body of a router or proxy for a missing route. */
const ROUTER_TEXT = /cannot (get|post|put|patch|delete) \/|^\s*(404 )?(page )?not found\.?\s*$|<title>\s*404 not found\s*<\/title>|no route (matched|found)/i;

/**
 * How `res` shows that its operation is not implemented, in a few words ("HTTP 404 {"detail":
 * "Not Found"}"); undefined when it is an answer of the API itself (an error body with a code).
 */
export function absentRouteEvidence(res: ApiResponse, codeField = 'code'): string | undefined {
  // One line: the router's own words when it said them in HTML ("Cannot POST /..."), else the body.
  const said = (/cannot (get|post|put|patch|delete) [^<\s]+/i.exec(res.text)?.[0] ?? res.text).replace(/\s+/g, ' ').trim();
  const shown = `HTTP ${res.status} ${said.length > 120 ? `${said.slice(0, 120)}…` : said || '(empty body)'}`;
  if (res.status === 405 || res.status === 501) return shown;
  if (res.status !== 404) return undefined;
  const json = res.json;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    if (body[codeField] !== undefined) return undefined;
    const message = [body.detail, body.error, body.message].find((v) => typeof v === 'string');
    return typeof message === 'string' && ROUTER_MESSAGE.test(message.trim()) ? shown : undefined;
  }
  return json === undefined && ROUTER_TEXT.test(res.text) ? shown : undefined;
}
