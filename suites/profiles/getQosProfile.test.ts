// getQosProfile: official scenarios of qos-profiles-getQosProfile.feature (r3.2: 8; r4.1: 10,
// error tags renumbered to two digits). Test names carry the ID of the release matching the run.
import { expectTooManyRequests } from '../../src/suite/rate-limit.js';
import { randomUUID } from 'node:crypto';
import { hasProfilesList, r41Scenarios, retrievesProfiles, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { ApiRequest } from '../../src/http/client.js';
import type { Qod } from '../../src/suite/harness.js';
import { assertInvalidParameter, getQosProfile, profileScenarioId, r41ScenarioId, truncate, type ProfileView } from '../../src/suite/profile-checks.js';
import { authRefused, INVALID_CORRELATOR, invalidCorrelator } from '../../src/suite/lifecycle-checks.js';

const OP = 'getQosProfile' as const;
const id = (tail: string) => profileScenarioId(OP, tail);
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** A getQosProfile check of an official scenario; by default wherever a QoS profile list exists (0.10.1 on). */
const scenario = (scenarioId: string, title: string, cites: string, rules: readonly string[], appliesTo: Applies = hasProfilesList): CheckSpec => ({
  ...scenarioCheck(OP, 'profiles', scenarioId, title, cites, rules),
  appliesTo,
});

/** r3.2 only (IDs used up to 1.1.0): its 401 scenarios send a body on a GET. */
/** GET /qos-profiles/{name}. */
const getRequest = (name: string): ApiRequest => ({ api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(name)}`, operationId: OP });

async function noteGetBody(q: Qod): Promise<void> {
  if (q.version === '1.2.0-rc.3') return;
  await q.noteStandard('SCENARIOS.md conflict #13: the r3.2 getQosProfile 401 scenarios put a request body on a GET; the spec defines no body for getQosProfile, so none is sent.');
}

group('getQosProfile', () => {
  const s01 = id('01_generic_success_scenario');
  check(
    scenario(s01, 'an existing profile reads back as one QosProfile with the requested name', 'getQosProfile 200 QosProfile', ['headers.x-correlator-echo', 'headers.content-type-json']),
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
  );

  const s400a = id('400.1_name_does_not_match_regex');
  check(
    scenario(s400a, 'a name outside ^[a-zA-Z0-9_.-]+$ is 400 INVALID_ARGUMENT', 'getQosProfile name pattern ^[a-zA-Z0-9_.-]+$', [...ERRORS, 'schema.getQosProfile.request.param/name.pattern']),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = 'QOS@E#invalid!';
      await assertInvalidParameter(q, OP, 'name', name);
      const res = await getQosProfile(q, name);
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT'], reason: 'invalid-path-parameter', rule: `${s400a} / ${q.cite('QosProfileName pattern')}` });
    },
  );

  const s400b = id('400.2_invalid_name_length');
  check(
    scenario(s400b, 'names shorter than 3 or longer than 256 characters are 400 INVALID_ARGUMENT', 'getQosProfile name minLength 3, maxLength 256', [
      ...ERRORS,
      'schema.getQosProfile.request.param/name.minLength',
      'schema.getQosProfile.request.param/name.maxLength',
    ]),
    async (q: Qod) => {
      q.needProfilesApi();
      for (const name of ['QO', 'Q'.repeat(257)]) {
        await assertInvalidParameter(q, OP, 'name', name);
        const res = await getQosProfile(q, name);
        q.expectError(res, {
          status: 400,
          codes: ['INVALID_ARGUMENT'],
          reason: 'invalid-path-parameter',
          rule: `${s400b} / ${q.cite(`QosProfileName minLength 3, maxLength 256 (name of ${name.length} characters)`)}`,
        });
      }
    },
  );

  const s400c = r41ScenarioId(OP, '400.03_invalid_x-correlator');
  check(
    scenario(
      s400c,
      'an x-correlator violating XCorrelator is 400 INVALID_ARGUMENT',
      'x-correlator header schema XCorrelator',
      [...ERRORS, 'schema.getQosProfile.request.param/x-correlator.pattern'],
      r41Scenarios,
    ),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      await assertInvalidParameter(q, OP, 'x-correlator', INVALID_CORRELATOR);
      await invalidCorrelator(q, getRequest(name), s400c);
    },
  );

  const s401a = id('401.1_no_authorization_header');
  check(scenario(s401a, 'no Authorization header is 401 UNAUTHENTICATED', 'getQosProfile security openId', [...ERRORS, 'auth.no-credentials-401']), async (q: Qod) => {
    q.needProfilesApi();
    const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
    await noteGetBody(q);
    await authRefused(q, getRequest(name), 'no-authorization', s401a);
  });

  const s401b = id('401.2_expired_access_token');
  check(scenario(s401b, 'an expired access token is 401 UNAUTHENTICATED', 'getQosProfile security openId', [...ERRORS, 'auth.expired-token-401']), async (q: Qod) => {
    q.needProfilesApi();
    const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
    await noteGetBody(q);
    await authRefused(q, getRequest(name), 'expired', s401b);
  });

  const s401c = id('401.3_invalid_access_token');
  check(scenario(s401c, 'an access token nobody issued is 401 UNAUTHENTICATED', 'getQosProfile security openId', [...ERRORS, 'auth.invalid-token-401']), async (q: Qod) => {
    q.needProfilesApi();
    const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
    await noteGetBody(q);
    await authRefused(q, getRequest(name), 'invalid', s401c);
  });

  const s403 = id('403.1_missing_access_token_scope');
  check(
    scenario(s403, 'a token without qos-profiles:read is 403 PERMISSION_DENIED', 'getQosProfile security openId: qos-profiles:read', [...ERRORS, 'auth.missing-scope-403'], retrievesProfiles),
    async (q: Qod) => {
      q.needProfilesApi();
      const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const token = q.need('tokens.missingScope', q.operator.tokens.missingScope);
      const res = await getQosProfile(q, name, { token });
      q.expectError(res, { status: 403, codes: ['PERMISSION_DENIED'], rule: `${s403} / ${q.cite('getQosProfile security openId: qos-profiles:read')}` });
    },
  );

  const s404 = id('404.1_not_found');
  check(scenario(s404, 'a well-formed name of no profile is 404 NOT_FOUND', 'getQosProfile 404 NOT_FOUND', [...ERRORS, 'match.unknown-profile-404.getQosProfile']), async (q: Qod) => {
    q.needProfilesApi();
    const name = `QOS_CONFORMANCE_${randomUUID().replaceAll('-', '').toUpperCase()}`;
    const res = await getQosProfile(q, name);
    q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: s404 });
  });

  const s429 = r41ScenarioId(OP, '429.01_too_many_requests');
  check(scenario(s429, 'reaching the request threshold is 429 TOO_MANY_REQUESTS', 'getQosProfile 429 TOO_MANY_REQUESTS', [...ERRORS], r41Scenarios), async (q: Qod) => {
    q.needProfilesApi();
    await expectTooManyRequests(
      q,
      { api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(q.need('qosProfiles.valid', q.operator.qosProfiles.valid))}`, operationId: 'getQosProfile' },
      s429,
    );
  });
});
