// QoS profiles beyond the official scenarios: rules the spec states that no scenario checks.
import { BLOCKED_SKIP } from '../../src/report/skip-kind.js';
import { hasProfilesList } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { Qod } from '../../src/suite/harness.js';
import { durationSeconds } from '../../src/suite/sessions.js';
import { differingFields, getQosProfile, listedProfiles, listProfiles, namesOf, truncate, type ProfileView } from '../../src/suite/profile-checks.js';

group('QoS profiles: consistency', () => {
  check(
    {
      id: 'retrieveQoSProfiles.max-duration-not-below-min',
      title: 'profiles: no listed profile has a maxDuration below its minDuration',
      operation: 'retrieveQoSProfiles',
      area: 'profiles',
      rules: ['profiles.min-not-above-max'],
      cites: 'QosProfile.minDuration (shortest deployable period) ≤ QosProfile.maxDuration (maximum deployable period)',
      appliesTo: hasProfilesList,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const all = await listedProfiles(q);
      const inverted = all.map((p) => ({ p, min: durationSeconds(p.minDuration), max: durationSeconds(p.maxDuration) })).filter(({ min, max }) => min !== undefined && max !== undefined && max < min);
      if (inverted.length)
        await q.counterexample(
          'profiles with maxDuration below minDuration',
          inverted.map(({ p }) => ({ name: p.name, minDuration: p.minDuration, maxDuration: p.maxDuration })),
        );
      q.check(inverted.length === 0, 'a profile allows no duration at all: maxDuration is below minDuration', {
        rule: q.cite('QosProfile.minDuration "the shortest time period that this profile can be deployed" and QosProfile.maxDuration "the maximum time period that this profile can be deployed"'),
        expected: 'maxDuration ≥ minDuration wherever both are given',
        actual: inverted.map(({ p }) => `${String(p.name)}: minDuration ${JSON.stringify(p.minDuration)}, maxDuration ${JSON.stringify(p.maxDuration)}`).join('; '),
      });
    },
  );

  check(
    {
      id: 'getQosProfile.listed-profiles-read-back',
      title: 'profiles: every listed profile reads back by name (getQosProfile) with the same content',
      operation: 'getQosProfile',
      area: 'profiles',
      rules: ['profiles.read-back-consistent', 'profiles.list-all'],
      cites: 'getQosProfile returns the QoS Profile matching the name; list items and getQosProfile are the same QosProfile',
      appliesTo: hasProfilesList,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const all = await listedProfiles(q);
      for (const listed of all) {
        const name = String(listed.name);
        const res = await getQosProfile(q, name);
        q.check(res.status === 200, `listed profile ${name} cannot be read by name`, {
          rule: q.cite('getQosProfile: returns a QoS Profile that matches the given name'),
          expected: `getQosProfile ${name} → 200 (it is listed by ${q.rules.profilesListOperation})`,
          actual: `HTTP ${res.status} ${truncate(res.text)}`,
        });
        const read = res.json as ProfileView;
        const diff = differingFields(listed, read);
        if (diff.length) await q.counterexample(`profile ${name}: list item and getQosProfile differ`, { listed, read });
        q.check(diff.length === 0, `profile ${name} differs between the list and getQosProfile`, {
          rule: q.cite(`${q.rules.profilesListOperation} 200 items and getQosProfile 200 are both the QosProfile of that name`),
          expected: 'the same QosProfile from both operations (no device filter, same token)',
          actual: diff.map((k) => `${k}: listed ${JSON.stringify(listed[k])}, read ${JSON.stringify(read[k])}`).join('; '),
        });
      }
    },
  );

  check(
    {
      id: 'getQosProfile.inactive-profile-readable',
      title: 'profiles: an INACTIVE profile is still readable by name (200, status INACTIVE)',
      operation: 'getQosProfile',
      area: 'profiles',
      rules: ['profiles.any-status-readable'],
      cites: 'QosProfileStatusEnum INACTIVE: the profile exists but is not currently available to be deployed',
      appliesTo: hasProfilesList,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const inactive = (await listProfiles(q, { status: 'INACTIVE' })).filter((p) => p.status === 'INACTIVE');
      const profile = inactive[0];
      if (!profile) q.ctx.skip(`${BLOCKED_SKIP}the endpoint lists no INACTIVE QoS profile`);
      const name = String(profile.name);
      const res = await getQosProfile(q, name);
      const rule = q.cite('getQosProfile: returns the QoS Profile that matches the name; QosProfileStatusEnum INACTIVE = not currently available to be deployed (still a profile)');
      q.check(res.status === 200, `INACTIVE profile ${name} cannot be read by name`, { rule, expected: `getQosProfile ${name} → 200`, actual: `HTTP ${res.status} ${truncate(res.text)}` });
      const read = res.json as ProfileView;
      q.check(read.name === name && read.status === 'INACTIVE', `profile ${name} reads back with another name or status`, {
        rule,
        expected: `name ${name}, status INACTIVE (as listed: ${namesOf(inactive).join(', ')})`,
        actual: `name ${JSON.stringify(read.name)}, status ${JSON.stringify(read.status)}`,
      });
    },
  );
});
