// The QoS Provisioning scenario catalogue holds PROVISIONING.md's IDs with its counts (scenarios and
// expanded test cases per feature file and release), its 20 conflicts, and answers by (api, version)
// while the QoD lookups stay as they were.
import { describe, expect, it } from 'vitest';
import { ALL_SCENARIO_IDS, scenarioIdsFor, standardNotesFor } from '../../src/scenarios/catalogue.js';
import {
  expandedCount,
  PROVISIONING_CONFLICTS,
  PROVISIONING_FEATURE_FILES,
  provisioningFeatureIds,
  provisioningFeatureOf,
  provisioningScenarioIdsFor,
  provisioningStandardNotesFor,
} from '../../src/scenarios/provisioning-catalogue.js';
import { PROVISIONING_VERSIONS } from '../../src/spec/apis.js';

// PROVISIONING.md "Counts": [scenarios, expanded] per operation (create, get by id, get by device, revoke).
const COUNTS = {
  '0.2.0': {
    release: 'r2.2',
    perFeature: [
      [22, 26],
      [9, 9],
      [18, 21],
      [11, 11],
    ],
    total: [60, 67],
    prefix: 'qod_provisioning_',
  },
  '0.3.0': {
    release: 'r3.2',
    perFeature: [
      [23, 27],
      [9, 9],
      [16, 19],
      [11, 11],
    ],
    total: [59, 66],
    prefix: 'qos_provisioning_',
  },
  '0.4.0-rc.1': {
    release: 'r4.1',
    perFeature: [
      [26, 30],
      [11, 11],
      [18, 21],
      [13, 13],
    ],
    total: [68, 75],
    prefix: 'qos_provisioning_',
  },
} as const;

describe('QoS Provisioning scenario catalogue', () => {
  for (const version of PROVISIONING_VERSIONS) {
    const want = COUNTS[version];
    it(`${version} (${want.release}): ${want.total[0]} scenarios, ${want.total[1]} test cases, per feature file as PROVISIONING.md counts them`, () => {
      const set = provisioningScenarioIdsFor(version);
      expect(set.release).toBe(want.release);
      expect(set.ids).toHaveLength(want.total[0]);
      expect(new Set(set.ids).size).toBe(want.total[0]);
      expect(expandedCount(set.ids)).toBe(want.total[1]);
      const files = PROVISIONING_FEATURE_FILES.filter((f) => provisioningFeatureIds(version, f).length > 0);
      expect(files).toHaveLength(4);
      expect(files.map((f) => [provisioningFeatureIds(version, f).length, expandedCount(provisioningFeatureIds(version, f))])).toEqual(want.perFeature);
      for (const f of files) for (const id of provisioningFeatureIds(version, f)) expect(id.startsWith(`${f.replace(/-/g, '_')}_`), id).toBe(true);
      expect(set.ids.every((id) => id.startsWith(want.prefix) && !id.startsWith('@'))).toBe(true);
    });
  }

  it('keeps the renamed and changed tags as each release writes them', () => {
    const r22 = provisioningScenarioIdsFor('0.2.0').ids;
    const r32 = provisioningScenarioIdsFor('0.3.0').ids;
    const r41 = provisioningScenarioIdsFor('0.4.0-rc.1').ids;
    expect(r22).toContain('qod_provisioning_triggerProvisioning_02_event_notification');
    expect(r22).toContain('qod_provisioning_triggerProvisioning_C01.08_device_identifiers_mismatch');
    expect(r22).toContain('qod_provisioning_retrieveProvisioningByDevice_400.3_empty_request_body');
    expect(r32).toContain('qos_provisioning_createQosAssignment_02_2_event_notification_sent');
    expect(r32).toContain('qos_provisioning_getQosAssignmentByDevice_01_get_existing_qos_provisioning_by_device');
    expect(r32.some((id) => id.includes('400.10') || id.includes('429.1'))).toBe(false);
    expect(r41).toContain('qos_provisioning_createQosAssignment_422.2_private_key_jwt_not_configured');
    expect(r41).toContain('qos_provisioning_revokeQosAssignment_400.10_invalid_x-correlator');
    // r4.1 = r3.2 + 400.10 and 429.1 in each of the four files + create 422.2.
    expect(r41.filter((id) => !r32.includes(id)).sort()).toHaveLength(9);
    expect(r32.every((id) => r41.includes(id))).toBe(true);
    expect(provisioningFeatureOf('qos_provisioning_revokeQosAssignment_429.1_too_many_requests')).toBe('qos-provisioning-revokeQosAssignment');
    expect(provisioningFeatureOf('quality_on_demand_getSession_429.1_too_many_requests')).toBeUndefined();
  });

  it('lists the 20 conflicts and picks those of a version', () => {
    expect(PROVISIONING_CONFLICTS.map((c) => c.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const c of PROVISIONING_CONFLICTS) expect(c.text.includes('\n')).toBe(false);
    const notes = (v: (typeof PROVISIONING_VERSIONS)[number]) => provisioningStandardNotesFor(v).map((n) => n.split('.')[0]);
    expect(notes('0.2.0')).toContain('C1');
    expect(notes('0.2.0')).toContain('C12');
    expect(notes('0.4.0-rc.1')).not.toContain('C1');
    expect(notes('0.4.0-rc.1')).toContain('C18');
    expect(notes('0.3.0')).not.toContain('C17');
  });

  it('answers by (api, bundle version); QoD answers stay as they were', () => {
    expect(scenarioIdsFor('1.1.0', 'qos-provisioning')).toEqual(provisioningScenarioIdsFor('0.3.0'));
    expect(scenarioIdsFor('1.0.0', 'qos-provisioning')?.release).toBe('r2.2');
    expect(scenarioIdsFor('1.2.0-rc.3', 'qos-provisioning')?.release).toBe('r4.1');
    expect(scenarioIdsFor('0.10.1', 'qos-provisioning')).toBeUndefined();
    expect(scenarioIdsFor('1.1.0')?.release).toBe('r3.2');
    expect(scenarioIdsFor('1.1.0')?.ids).toHaveLength(98);
    expect(scenarioIdsFor('1.0.0')).toBeUndefined();
    expect(standardNotesFor('1.1.0', 'qos-provisioning')).toEqual(provisioningStandardNotesFor('0.3.0'));
    expect(standardNotesFor('1.1.0').every((n) => /^\d+\. /.test(n))).toBe(true);
    expect(ALL_SCENARIO_IDS.has('qod_provisioning_revokeProvisioning_404.1_not_found')).toBe(true);
  });
});
