// src/versions/rules.ts is where tests ask for version differences, so every rule that the spec
// itself encodes is checked against the bundled OpenAPI document of that version here; the error
// equivalences are checked against the per-response code enums (1.0.0+).
import { describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import type { JsonSchema } from '../../src/spec/types.js';
import { errorEquivalents, rulesFor, translateErrorExpectation } from '../../src/versions/rules.js';
import { validatorsOf } from './helpers.js';

/** Properties and required names of a schema, through allOf. */
function flatten(schema: JsonSchema | undefined): { properties: Record<string, JsonSchema>; required: string[] } {
  const out = { properties: {} as Record<string, JsonSchema>, required: [] as string[] };
  if (!schema) return out;
  Object.assign(out.properties, (schema.properties as Record<string, JsonSchema> | undefined) ?? {});
  out.required.push(...((schema.required as string[] | undefined) ?? []));
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    const f = flatten(part);
    Object.assign(out.properties, f.properties);
    out.required.push(...f.required);
  }
  return out;
}

/** Every `enum` value of `field` in an error response schema (through allOf). */
function enumOf(schema: JsonSchema | undefined, field: string): unknown[] {
  if (!schema) return [];
  const own = ((schema.properties as Record<string, JsonSchema> | undefined)?.[field]?.enum as unknown[] | undefined) ?? [];
  return [...own, ...((schema.allOf as JsonSchema[] | undefined) ?? []).flatMap((s) => enumOf(s, field))];
}

describe.each(API_VERSIONS.map((v) => [v]))('rules of QoD %s agree with its spec', (version: ApiVersion) => {
  const rules = rulesFor(version);

  it('operations: extend, retrieve-sessions, profile list, QoS Profiles API, x-correlator', async () => {
    const { spec } = await validatorsOf(version);
    const ops = spec.operations;
    expect(rules.hasExtend).toBe('extendQosSessionDuration' in ops);
    expect(rules.hasRetrieveSessions).toBe('retrieveSessionsByDevice' in ops);
    expect(rules.hasProfilesApi).toBe(Object.values(ops).some((o) => o.api === 'profiles'));
    if (rules.profilesListOperation) expect(ops).toHaveProperty(rules.profilesListOperation);
    else expect(['getQosProfiles', 'retrieveQoSProfiles'].some((o) => o in ops)).toBe(false);
    expect(rules.hasXCorrelator).toBe(ops.createSession!.parameters.some((p) => p.name.toLowerCase() === 'x-correlator'));
  });

  it('bodies: device field, duration, ports, callback target, session id, times, error body', async () => {
    const { spec } = await validatorsOf(version);
    const create = flatten(spec.operations.createSession!.requestBody!.content['application/json']);
    expect(create.properties).toHaveProperty(rules.deviceField);
    expect(create.required.includes(rules.deviceField)).toBe(!rules.deviceOptional);
    expect(create.required.includes('duration')).toBe(rules.durationRequired);
    expect(create.properties.duration?.default).toBe(rules.durationDefault);
    expect(create.properties.duration?.maximum).toBe(rules.durationMax);
    expect(create.properties).toHaveProperty(rules.notificationTarget);
    const ports = flatten(create.properties[rules.deviceField === 'ueId' ? 'uePorts' : 'devicePorts']);
    expect((ports.properties.ports?.items as JsonSchema).minimum).toBe(rules.portMin);
    const info = flatten(spec.schemas.SessionInfo);
    expect(info.required).toContain(rules.sessionIdField);
    expect(info.properties.startedAt?.type).toBe(rules.timesAreEpochSeconds ? 'integer' : 'string');
    expect(flatten(spec.schemas.ErrorInfo).required.includes('status')).toBe(rules.errorBodyHasStatus);
    if (rules.hasExtend) {
      const extend = flatten(spec.operations.extendQosSessionDuration!.requestBody!.content['application/json']);
      expect(extend.properties.requestedAdditionalDuration?.maximum).toBe(rules.extendMax);
    }
  });

  it('notifications: the event the callback schema describes', async () => {
    const v = await validatorsOf(version);
    const sessionId = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    if (rules.notificationFormat === 'legacy-json') {
      expect(rules.eventType).toBeUndefined();
      expect(v.validateCallbackBody('createSession', { sessionId, event: 'SESSION_TERMINATED' })).toEqual([]);
      return;
    }
    const event = {
      id: '1',
      source: 'https://provider.example.com/qod',
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: '2025-01-01T00:00:00Z',
      data: { sessionId, qosStatus: 'AVAILABLE' },
    };
    expect(v.validateCallbackBody('createSession', { ...event, type: rules.eventType })).toEqual([]);
    expect(v.validateCallbackBody('createSession', { ...event, type: 'org.camaraproject.qod.v9.other' }).length).toBeGreaterThan(0);
  });

  it('error equivalents exist in the code enums of the version (where the spec enumerates codes)', async () => {
    const { spec } = await validatorsOf(version);
    const enums = new Map<number, Set<unknown>>();
    for (const op of Object.values(spec.operations)) {
      for (const [status, r] of Object.entries(op.responses)) {
        const schema = r.content['application/json'];
        for (const c of enumOf(schema, 'code')) {
          if (!enums.has(Number(status))) enums.set(Number(status), new Set());
          enums.get(Number(status))!.add(c);
        }
      }
    }
    if (enums.size === 0) return; // 0.8.1 to 0.11.1 give examples, not enums
    const current = [
      'INVALID_ARGUMENT',
      'OUT_OF_RANGE',
      'UNAUTHENTICATED',
      'PERMISSION_DENIED',
      'NOT_FOUND',
      'IDENTIFIER_NOT_FOUND',
      'CONFLICT',
      'MISSING_IDENTIFIER',
      'UNSUPPORTED_IDENTIFIER',
      'UNNECESSARY_IDENTIFIER',
      'SERVICE_NOT_APPLICABLE',
      'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED',
      'INVALID_SINK',
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
    ];
    const status: Record<string, number> = {
      UNAUTHENTICATED: 401,
      PERMISSION_DENIED: 403,
      NOT_FOUND: 404,
      IDENTIFIER_NOT_FOUND: 404,
      CONFLICT: 409,
      'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED': 409,
      MISSING_IDENTIFIER: 422,
      UNSUPPORTED_IDENTIFIER: 422,
      UNNECESSARY_IDENTIFIER: 422,
      SERVICE_NOT_APPLICABLE: 422,
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': 422,
    };
    for (const code of current) {
      for (const eq of errorEquivalents(version, status[code] ?? 400, code)) {
        expect([...(enums.get(eq.status) ?? [])], `${code} → ${eq.status} ${eq.code} in QoD ${version}`).toContain(eq.code);
      }
    }
  });
});

describe('translateErrorExpectation', () => {
  it('leaves 1.1.0 and shared codes alone', () => {
    expect(translateErrorExpectation('1.1.0', { status: 400, codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE'] })).toEqual({ status: [400], codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE'], translations: [] });
    expect(translateErrorExpectation('0.10.1', { status: 404, codes: ['NOT_FOUND'] }).translations).toEqual([]);
  });

  it('renames to the 0.8.1 codes (VERSIONS.md rename table)', () => {
    expect(translateErrorExpectation('0.8.1', { status: 400, codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE'] })).toMatchObject({ status: [400], codes: ['INVALID_INPUT'] });
    expect(translateErrorExpectation('0.8.1', { status: 401, codes: ['UNAUTHENTICATED'] })).toMatchObject({ status: [401], codes: ['UNAUTHORIZED'] });
    expect(translateErrorExpectation('0.8.1', { status: 403, codes: ['PERMISSION_DENIED'] })).toMatchObject({ status: [403], codes: ['FORBIDDEN'] });
    expect(translateErrorExpectation('0.8.1', { status: 404, codes: ['NOT_FOUND'] })).toMatchObject({ status: [404], codes: ['NOT_FOUND'] });
  });

  it('moves device errors to the status and code of older versions', () => {
    expect(translateErrorExpectation('0.11.1', { status: 404, codes: ['IDENTIFIER_NOT_FOUND'] })).toMatchObject({ status: [404], codes: ['DEVICE_NOT_FOUND'] });
    expect(translateErrorExpectation('0.11.1', { status: 422, codes: ['MISSING_IDENTIFIER'] })).toMatchObject({ status: [422], codes: ['UNIDENTIFIABLE_DEVICE'] });
    expect(translateErrorExpectation('0.10.1', { status: 404, codes: ['IDENTIFIER_NOT_FOUND'] })).toMatchObject({ status: [400], codes: ['INVALID_ARGUMENT'] });
    expect(translateErrorExpectation('0.10.1', { status: 422, codes: ['SERVICE_NOT_APPLICABLE'] })).toMatchObject({ status: [501], codes: ['NOT_IMPLEMENTED'] });
    expect(translateErrorExpectation('0.10.1', { status: 409, codes: ['QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED'] })).toMatchObject({ status: [400], codes: ['INVALID_ARGUMENT'] });
    expect(translateErrorExpectation('1.0.0', { status: 400, codes: ['INVALID_SINK'] })).toMatchObject({ status: [400], codes: ['INVALID_ARGUMENT'] });
  });
});
