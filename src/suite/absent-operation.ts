// An absent operation is not an absent resource. A 404 from a web framework's router ("no such
// route": FastAPI's {"detail":"Not Found"}, Express's "Cannot POST /sessions/x/extend", a proxy's
// HTML page) or a 405/501 to a documented method and path means the endpoint does not implement
// the operation at all. Such an answer must never pass as "404 for an unknown session", and every
// check that calls the operation fails with the one root cause: "operation X not implemented".
import type { ApiResponse } from '../http/client.js';
import type { VersionRules } from '../versions/rules.js';

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

/** Operations of the QoS Profiles API (0.11.1 and later). */
const PROFILES_API_OPERATIONS: ReadonlySet<string> = new Set(['getQosProfile', 'retrieveQoSProfiles']);

/**
 * What to do when an absent operation is a lawful choice: from 0.11.1 the QoS Profiles API is
 * optional (profiles may be agreed during onboarding), and the config says so. '' otherwise.
 */
export function absentOperationRemedy(operationId: string, rules: Pick<VersionRules, 'profilesMayBeAgreed'>): string {
  if (!PROFILES_API_OPERATIONS.has(operationId) || !rules.profilesMayBeAgreed) return '';
  return '; if the endpoint offers no QoS Profiles API (QoD lets profiles be agreed during onboarding), say so in the config: "profilesApi": false with the agreed profiles in qosProfiles.agreed (README "Config file")';
}
