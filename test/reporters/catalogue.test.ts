import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/config/types.js';
import { featureOf, scenarioIdsFor, STANDARD_CONFLICTS, standardNotesFor } from '../../src/scenarios/catalogue.js';

describe('official scenario catalogue', () => {
  it('has 98 scenarios at r3.2 (QoD 1.1.0) and 121 at r4.1 (1.2.0-rc.3), all distinct', () => {
    const r32 = scenarioIdsFor('1.1.0');
    const r41 = scenarioIdsFor('1.2.0-rc.3');
    expect(r32?.release).toBe('r3.2');
    expect(r32?.ids).toHaveLength(98);
    expect(new Set(r32?.ids).size).toBe(98);
    expect(r41?.release).toBe('r4.1');
    expect(r41?.ids).toHaveLength(121);
    expect(new Set(r41?.ids).size).toBe(121);
  });

  it('keeps the r3.2 and r4.1 spellings of renamed tags', () => {
    const r32 = scenarioIdsFor('1.1.0')?.ids ?? [];
    const r41 = scenarioIdsFor('1.2.0-rc.3')?.ids ?? [];
    expect(r32).toContain('quality_on_demand_createSession_400.6_invalid_sink_credential');
    expect(r41).toContain('quality_on_demand_createSession_400.6_unsupported_sink_credential_type');
    expect(r32).toContain('qos_profiles_getQosProfile_400.1_name_does_not_match_regex');
    expect(r41).toContain('qos_profiles_getQosProfile_400.01_name_does_not_match_regex');
    expect(r41).toContain('qos_profiles_retrieveQoSProfiles_C01.07_device_not_supported');
    expect([...r32, ...r41].every((id) => !id.startsWith('@'))).toBe(true);
    expect(featureOf('quality_on_demand_getSession_429.1_too_many_requests')).toBe('quality-on-demand-getSession');
  });

  it('has the 5 v0.10.1 scenarios and none for other versions', () => {
    expect(scenarioIdsFor('0.10.1')).toEqual({
      release: 'v0.10.1',
      ids: ['QQoDSessionCreateGetDelete', 'QoDSessionCreateGetDeleteAllparams', 'QoDCreateSessionDeleteInvalidSession', 'QoDInvalidCreateSession', 'QoDInvalidCreateSessionpayload'],
    });
    for (const version of ['0.8.1', '0.11.1', '1.0.0'] as const) expect(scenarioIdsFor(version)).toBeUndefined();
  });

  it('lists the 16 conflicts with the standard and picks those of a version', () => {
    expect(STANDARD_CONFLICTS.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(standardNotesFor('1.1.0').some((n) => n.startsWith('13.'))).toBe(true);
    expect(standardNotesFor('1.2.0-rc.3').some((n) => n.startsWith('13.'))).toBe(false);
    expect(standardNotesFor('1.2.0-rc.3').some((n) => n.startsWith('3.'))).toBe(true);
    for (const version of API_VERSIONS) expect(Array.isArray(standardNotesFor(version))).toBe(true);
  });
});
