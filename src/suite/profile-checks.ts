// The QoS Profiles API for the suites: official scenario IDs per release (r3.2 one-digit error
// tags, r4.1 two-digit), the two operations, listing across versions, and the checks shared by
// the profile tests (profile lists, non-eligible devices, requests that must be invalid).
import type { ApiVersion, DeviceId } from '../config/types.js';
import type { ApiRequest, ApiResponse } from '../http/client.js';
import { scenarioIdsFor } from '../scenarios/catalogue.js';
import { describeViolation } from '../spec/validators.js';
import { runConfig, type Qod } from './harness.js';
import { BLOCKED_SKIP } from '../report/skip-kind.js';
import { sameJson } from '../util/same-json.js';

export type ProfilesOperation = 'getQosProfile' | 'retrieveQoSProfiles';

/** A QosProfile as received (already validated against the spec by q.call). */
export interface ProfileView {
  name?: unknown;
  status?: unknown;
  minDuration?: unknown;
  maxDuration?: unknown;
  [key: string]: unknown;
}

export const PROFILE_STATUSES = ['ACTIVE', 'INACTIVE', 'DEPRECATED'] as const;

const FEATURE_PREFIX: Record<ProfilesOperation, string> = {
  getQosProfile: 'qos_profiles_getQosProfile',
  retrieveQoSProfiles: 'qos_profiles_retrieveQoSProfiles',
};

/** The release whose scenario IDs name the tests of a run: r4.1 for 1.2.0-rc.3, r3.2 for 1.1.0 and before. */
function catalogueVersion(version: ApiVersion): '1.1.0' | '1.2.0-rc.3' {
  return version === '1.2.0-rc.3' ? '1.2.0-rc.3' : '1.1.0';
}

function assertInCatalogue(id: string, version: '1.1.0' | '1.2.0-rc.3'): string {
  const set = scenarioIdsFor(version);
  if (!set?.ids.includes(id)) throw new Error(`scenario ID ${id} is not in the ${set?.release ?? version} catalogue`);
  return id;
}

/**
 * The official ID of a qos-profiles scenario for the run's version. `tail` is written as at r3.2
 * (e.g. `400.1_name_does_not_match_regex`); r4.1 renumbered the error tags to two digits (`400.01_...`),
 * success (`01`..`06`) and `C01.xx` tags are the same in both.
 */
export function profileScenarioId(op: ProfilesOperation, tail: string, version: ApiVersion = runConfig().apiVersion): string {
  const target = catalogueVersion(version);
  const renumbered = target === '1.2.0-rc.3' ? tail.replace(/^(\d{3})\.(\d)_/, '$1.0$2_') : tail;
  return assertInCatalogue(`${FEATURE_PREFIX[op]}_${renumbered}`, target);
}

/** An ID that exists only at r4.1 (checks that apply with r41Scenarios). */
export function r41ScenarioId(op: ProfilesOperation, tail: string): string {
  return assertInCatalogue(`${FEATURE_PREFIX[op]}_${tail}`, '1.2.0-rc.3');
}

type CallOptions = Pick<ApiRequest, 'token' | 'xCorrelator' | 'authorization'>;

export function getQosProfile(q: Qod, name: string, opts: CallOptions = {}): Promise<ApiResponse> {
  return q.call({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(name)}`, operationId: 'getQosProfile', ...opts });
}

export function retrieveQosProfiles(q: Qod, body: unknown, opts: CallOptions & Pick<ApiRequest, 'contentType' | 'rawBody'> = {}): Promise<ApiResponse> {
  return q.call({ api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body, ...opts });
}

/** A 200 whose body is an array of profiles (the schema was checked by q.call). */
export function profilesOf(q: Qod, res: ApiResponse, rule: string): ProfileView[] {
  q.expectStatus(res, 200, rule);
  q.check(Array.isArray(res.json), 'the profile list is not a JSON array', { rule, expected: 'an array of QosProfile', actual: truncate(res.text) });
  return res.json as ProfileView[];
}

/** Profiles the endpoint lists without a device filter, with the version's list operation. */
export async function listProfiles(q: Qod, filter: { name?: string; status?: string } = {}, rule?: string): Promise<ProfileView[]> {
  if (q.rules.profilesListOperation === 'getQosProfiles') {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const res = await q.call({ api: 'profiles', method: 'GET', path: `/qos-profiles${query ? `?${query}` : ''}`, operationId: 'getQosProfiles' });
    // 0.10.1: GET /qos-profiles answers 404 NOT_FOUND when no profile matches the filters.
    if (res.status === 404) return [];
    return profilesOf(q, res, rule ?? q.cite('getQosProfiles 200: array of QosProfile'));
  }
  const res = await retrieveQosProfiles(q, filter);
  return profilesOf(q, res, rule ?? q.cite('retrieveQoSProfiles 200: array of QosProfile'));
}

/** The listed profiles, for checks that compare them; an endpoint that lists none leaves nothing to compare (its gap, not missing operator data). */
export async function listedProfiles(q: Qod): Promise<ProfileView[]> {
  const all = await listProfiles(q);
  if (all.length === 0) q.ctx.skip(`${BLOCKED_SKIP}the endpoint lists no QoS profile: nothing to compare`);
  return all;
}

export function namesOf(profiles: readonly ProfileView[]): string[] {
  return profiles.map((p) => String(p.name));
}

/** Our own request must break the spec, else the test would prove nothing (a harness bug, not a finding). */
export async function assertInvalidBody(q: Qod, op: ProfilesOperation, body: unknown): Promise<string> {
  const violations = (await q.validators()).validateRequestBody(op, body);
  if (violations.length === 0) throw new Error(`test bug: ${JSON.stringify(body)} is valid for ${op} in QoD ${q.version}`);
  return violations.map(describeViolation).join('; ');
}

export async function assertInvalidParameter(q: Qod, op: ProfilesOperation, name: string, value: string): Promise<string> {
  const violations = (await q.validators()).validateParameter(op, name, value);
  if (violations.length === 0) throw new Error(`test bug: ${name}=${JSON.stringify(value)} is valid for ${op} in QoD ${q.version}`);
  return violations.map(describeViolation).join('; ');
}

/**
 * A device the service does not apply to: r3.2/r4.1 scenario 06 wants 200 `[]`, C01.07 wants 422
 * SERVICE_NOT_APPLICABLE (SCENARIOS.md conflict #9). The spec documents the 422 code, and a 200
 * filtered for that device can only be empty ("all returned QoS Profiles will be available to that
 * device"), so both answers pass and anything else fails.
 */
export async function expectNotEligible(q: Qod, device: DeviceId, scenarioId: string): Promise<void> {
  await q.noteStandard(
    'SCENARIOS.md conflict #9: retrieveQoSProfiles 06 expects 200 [] and C01.07 expects 422 SERVICE_NOT_APPLICABLE for a device the service does not apply to; the spec documents 422 SERVICE_NOT_APPLICABLE and only allows profiles available to the device in a 200, so both 200 [] and 422 SERVICE_NOT_APPLICABLE are accepted.',
  );
  const res = await retrieveQosProfiles(q, { device });
  const rule = `${scenarioId} / ${q.cite('retrieveQoSProfiles: a 2-legged call with a device filter returns only profiles available to that device; 422 SERVICE_NOT_APPLICABLE')}`;
  if (res.status === 200) {
    const list = profilesOf(q, res, rule);
    q.check(list.length === 0, 'profiles listed for a device the service does not apply to', {
      rule,
      expected: '200 with [] (or 422 SERVICE_NOT_APPLICABLE)',
      actual: `200 with ${list.length} profile(s): ${namesOf(list).join(', ')}`,
    });
    return;
  }
  q.expectError(res, { status: [200, 422], codes: ['SERVICE_NOT_APPLICABLE'], rule });
}

/** Top-level fields whose values differ between two profiles. */
export function differingFields(a: ProfileView, b: ProfileView): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => !sameJson(a[k], b[k]));
}

export function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
