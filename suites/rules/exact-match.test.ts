// Exact match of QoS profile names: a name that differs from a profile's only in case is not that
// profile. getQosProfile answers 404 NOT_FOUND (the variant still fits the name pattern, so 400 is
// not allowed), retrieveQoSProfiles lists no profile under another name, createSession refuses it as
// an unknown profile (src/suite/unknown-profile.ts) and creates nothing. Where a profile with that
// very name exists, the endpoint may serve it: then the answer must carry that exact name.
import { hasProfilesList } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { exactNameRule, profileAndCaseVariant } from '../../src/suite/exact-match.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { getQosProfile, listProfiles, truncate, type ProfileView } from '../../src/suite/profile-checks.js';
import { expectUnknownProfile } from '../../src/suite/unknown-profile.js';
import { subschemaAt } from '../../src/gen/index.js';
import { requestSchema } from '../../src/suite/generated-requests.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { rulesFor } from '../../src/versions/rules.js';

const config = runConfig();
const createSchema = requestSchema(await validatorsFor(config), 'createSession');
const HAS_QOS_PROFILE = createSchema !== undefined && subschemaAt(createSchema, '/qosProfile') !== undefined;
/** The list operation is getQosProfiles in 0.10.1: its rule is named after the version's operation. */
const LIST_OPERATION = rulesFor(config.apiVersion).profilesListOperation ?? 'retrieveQoSProfiles';

group('exact match: QoS profile names', () => {
  check(
    {
      id: 'getQosProfile.exact-name-match',
      title: 'getQosProfile: a name differing only in case is not the profile (404 NOT_FOUND)',
      area: 'profiles',
      operation: 'getQosProfile',
      cites: 'QosProfileName: exact match; getQosProfile 404 NOT_FOUND',
      rules: ['match.profile-name-exact.getQosProfile'],
      appliesTo: hasProfilesList,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const { name, variant } = profileAndCaseVariant(q);
      const rule = exactNameRule(q, `getQosProfile: the profile "for a given name", else responses.404 NOT_FOUND (asked for ${JSON.stringify(variant)}, a profile is named ${JSON.stringify(name)})`);
      const res = await getQosProfile(q, variant);
      const served = res.status === 200 ? (res.json as ProfileView | undefined) : undefined;
      if (served?.name === variant) return; // a profile with exactly that name exists: served rightly
      q.check(res.status !== 200, `getQosProfile served profile ${JSON.stringify(served?.name)} for the name ${JSON.stringify(variant)}`, {
        rule,
        expected: `HTTP 404 NOT_FOUND (no profile is named ${JSON.stringify(variant)}), or the profile with exactly that name`,
        actual: `HTTP 200 ${truncate(res.text)}`,
      });
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule });
    },
  );

  check(
    {
      id: 'retrieveQoSProfiles.exact-name-match',
      title: 'retrieveQoSProfiles: the name filter lists no profile whose name differs in case',
      area: 'profiles',
      operation: 'retrieveQoSProfiles',
      cites: 'QosProfileName: exact match; retrieveQoSProfiles name filter',
      rules: [`match.profile-name-exact.${LIST_OPERATION}`],
      appliesTo: hasProfilesList,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const { name, variant } = profileAndCaseVariant(q);
      // The list operation is getQosProfiles in 0.10.1: the rule is named after the version's operation.
      const listOperation = q.rules.profilesListOperation ?? 'retrieveQoSProfiles';
      q.covers([`match.profile-name-exact.${listOperation}`]);
      const rule = exactNameRule(q, `${listOperation} name filter: only profiles with that name are listed (filtered by ${JSON.stringify(variant)}, a profile is named ${JSON.stringify(name)})`);
      const listed = await listProfiles(q, { name: variant }, rule);
      const others = listed.filter((p) => p.name !== variant);
      q.check(others.length === 0, `filtering by the name ${JSON.stringify(variant)} listed ${others.length} profile(s) with another name`, {
        rule,
        expected: `no profile, or only profiles named exactly ${JSON.stringify(variant)}`,
        actual: `listed: ${others.map((p) => JSON.stringify(p.name)).join(', ')}`,
      });
    },
  );

  check(
    {
      id: 'createSession.exact-profile-name-match',
      title: 'createSession: a qosProfile differing only in case is not the profile (refused as unknown: 400 INVALID_ARGUMENT or 404)',
      area: 'profiles',
      operation: 'createSession',
      cites: 'QosProfileName: exact match; createSession with an unknown qosProfile',
      rules: ['match.profile-name-exact.createSession'],
      // The run's spec decides: a createSession without qosProfile has no name to match.
      ...(HAS_QOS_PROFILE ? {} : { appliesTo: () => false }),
    },
    async (q: Qod) => {
      const { name, variant } = profileAndCaseVariant(q);
      await expectUnknownProfile(q, variant, exactNameRule(q, `createSession qosProfile (sent ${JSON.stringify(variant)}, a profile is named ${JSON.stringify(name)})`));
    },
  );
});
