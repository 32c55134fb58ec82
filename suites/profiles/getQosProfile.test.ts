// getQosProfile: official scenarios of qos-profiles-getQosProfile.feature (r3.2: 8; r4.1: 10,
// error tags renumbered to two digits). Test names carry the ID of the release matching the run.
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { qodTest, type Qod } from '../../src/suite/harness.js';
import {
  assertInvalidParameter,
  bogusToken,
  getQosProfile,
  PROFILE_API_VERSIONS,
  profileScenarioId,
  R4_1_VERSIONS,
  r41ScenarioId,
  SCOPED_VERSIONS,
  sendWithInvalidCorrelator,
  truncate,
  unauthenticatedCodes,
  type ProfileView,
} from '../../src/suite/profile-checks.js';

const OP = 'getQosProfile' as const;
const id = (tail: string) => profileScenarioId(OP, tail);
const meta = (scenarioId: string, rule: string) => ({ area: 'profiles', operation: OP, scenarioId, rule });
const onProfileApi = { versions: PROFILE_API_VERSIONS };

/** r3.2 only (IDs used up to 1.1.0): its 401 scenarios send a body on a GET. */
async function noteGetBody(q: Qod): Promise<void> {
  if (q.version === '1.2.0-rc.3') return;
  await q.noteStandard('SCENARIOS.md conflict #13: the r3.2 getQosProfile 401 scenarios put a request body on a GET; the spec defines no body for getQosProfile, so none is sent.');
}

describe('getQosProfile', () => {
  const s01 = id('01_generic_success_scenario');
  qodTest(
    `${s01} — an existing profile reads back as one QosProfile with the requested name`,
    meta(s01, 'getQosProfile 200 QosProfile'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      if (q.version !== '1.2.0-rc.3') {
        await q.noteStandard(
          'SCENARIOS.md conflict #13: r3.2 getQosProfile 01 validates the response as an array of items; the spec defines the 200 body as a single QosProfile object, which is what is checked.',
        );
      }
      const res = await getQosProfile(q, name);
      q.expectStatus(res, 200, s01);
      const profile = res.json as ProfileView | undefined;
      q.check(profile !== undefined && typeof profile === 'object' && !Array.isArray(profile), 'getQosProfile did not return a single profile object', {
        rule: q.cite('getQosProfile responses.200 schema QosProfile'),
        expected: 'one QosProfile object',
        actual: truncate(res.text),
      });
      q.check(profile.name === name, 'the profile returned is not the one requested', {
        rule: `${s01} (name equals the path value)`,
        expected: `name ${JSON.stringify(name)}`,
        actual: `name ${JSON.stringify(profile.name)}`,
      });
    },
    onProfileApi,
  );

  const s400a = id('400.1_name_does_not_match_regex');
  qodTest(
    `${s400a} — a name outside ^[a-zA-Z0-9_.-]+$ is 400 INVALID_ARGUMENT`,
    meta(s400a, 'getQosProfile name pattern ^[a-zA-Z0-9_.-]+$'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = 'QOS@E#invalid!';
      await assertInvalidParameter(q, OP, 'name', name);
      const res = await getQosProfile(q, name);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], reason: 'invalid-path-parameter', rule: `${s400a} / ${q.cite('QosProfileName pattern')}` });
    },
    onProfileApi,
  );

  const s400b = id('400.2_invalid_name_length');
  qodTest(
    `${s400b} — names shorter than 3 or longer than 256 characters are 400 INVALID_ARGUMENT`,
    meta(s400b, 'getQosProfile name minLength 3, maxLength 256'),
    async (q: Qod) => {
      q.needProfilesApi();
      for (const name of ['QO', 'Q'.repeat(257)]) {
        await assertInvalidParameter(q, OP, 'name', name);
        const res = await getQosProfile(q, name);
        q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], reason: 'invalid-path-parameter', rule: `${s400b} / ${q.cite(`QosProfileName minLength 3, maxLength 256 (name of ${name.length} characters)`)}` });
      }
    },
    onProfileApi,
  );

  const s400c = r41ScenarioId(OP, '400.03_invalid_x-correlator');
  qodTest(
    `${s400c} — an x-correlator violating XCorrelator is 400 INVALID_ARGUMENT`,
    meta(s400c, 'x-correlator header schema XCorrelator'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const correlator = 'not a valid correlator!';
      await assertInvalidParameter(q, OP, 'x-correlator', correlator);
      const res = await sendWithInvalidCorrelator(q, { api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(name)}`, operationId: OP, xCorrelator: correlator });
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${s400c} / ${q.cite('getQosProfile parameter x-correlator (XCorrelator pattern)')}` });
    },
    { versions: R4_1_VERSIONS },
  );

  const s401a = id('401.1_no_authorization_header');
  qodTest(
    `${s401a} — no Authorization header is 401 UNAUTHENTICATED`,
    meta(s401a, 'getQosProfile security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      await noteGetBody(q);
      const res = await getQosProfile(q, name, { token: null });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), reason: 'missing-credentials', rule: s401a });
    },
    onProfileApi,
  );

  const s401b = id('401.2_expired_access_token');
  qodTest(
    `${s401b} — an expired access token is 401 UNAUTHENTICATED`,
    meta(s401b, 'getQosProfile security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const expired = q.need('tokens.expired', q.operator.tokens.expired);
      await noteGetBody(q);
      const res = await getQosProfile(q, name, { token: expired });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), reason: 'expired-credentials', rule: s401b });
    },
    onProfileApi,
  );

  const s401c = id('401.3_invalid_access_token');
  qodTest(
    `${s401c} — an access token nobody issued is 401 UNAUTHENTICATED`,
    meta(s401c, 'getQosProfile security openId'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      await noteGetBody(q);
      const res = await getQosProfile(q, name, { token: bogusToken() });
      q.expectError(res, { status: 401, codes: unauthenticatedCodes(q), reason: 'invalid-credentials', rule: s401c });
    },
    onProfileApi,
  );

  const s403 = id('403.1_missing_access_token_scope');
  qodTest(
    `${s403} — a token without qos-profiles:read is 403 PERMISSION_DENIED`,
    meta(s403, 'getQosProfile security openId: qos-profiles:read'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      const res = await getQosProfile(q, name, { token });
      q.expectError(res, { status: 403, codes: ['PERMISSION_DENIED'], rule: `${s403} / ${q.cite('getQosProfile security openId: qos-profiles:read')}` });
    },
    { versions: SCOPED_VERSIONS },
  );

  const s404 = id('404.1_not_found');
  qodTest(
    `${s404} — a well-formed name of no profile is 404 NOT_FOUND`,
    meta(s404, 'getQosProfile 404 NOT_FOUND'),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = `QOS_CONFORMANCE_${randomUUID().replaceAll('-', '').toUpperCase()}`;
      const res = await getQosProfile(q, name);
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: s404 });
    },
    onProfileApi,
  );

  const s429 = r41ScenarioId(OP, '429.01_too_many_requests');
  qodTest(
    `${s429} — reaching the request threshold is 429 TOO_MANY_REQUESTS`,
    meta(s429, 'getQosProfile 429 TOO_MANY_REQUESTS'),
    async (q: Qod) => {
      q.needProfilesApi();
      await expectTooManyRequests(q, { api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(q.need('qosProfiles.valid', q.operator.qosProfiles.valid))}`, operationId: 'getQosProfile' }, s429);
    },
    { versions: R4_1_VERSIONS },
  );
});
