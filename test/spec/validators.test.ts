import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import type { LoadedSpec, SpecValidators, Violation } from '../../src/spec/types.js';
import { createValidators, describeViolation } from '../../src/spec/validators.js';

const rules = (vs: Violation[]) => vs.map((v) => `${v.pointer} ${v.rule}`);

const validCreate = {
  device: { phoneNumber: '+34600000000' },
  applicationServer: { ipv4Address: '198.51.100.0/24' },
  qosProfile: 'QOS_E',
  duration: 3600,
  sink: 'https://sink.example.com/notify',
  sinkCredential: {
    credentialType: 'ACCESSTOKEN',
    accessToken: 'token',
    accessTokenType: 'bearer',
    accessTokenExpiresUtc: '2030-01-01T00:00:00Z',
  },
};

const session = {
  sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  duration: 3600,
  qosStatus: 'AVAILABLE',
  qosProfile: 'QOS_E',
  applicationServer: { ipv4Address: '198.51.100.1' },
  startedAt: '2024-06-01T12:00:00Z',
  expiresAt: '2024-06-01T13:00:00+02:00',
};

const json = 'application/json';

describe('validators 1.1.0', () => {
  let v: SpecValidators;
  beforeAll(async () => {
    v = createValidators(await loadSpec({ version: '1.1.0' }));
  });

  describe('validateRequestBody', () => {
    it('accepts a valid createSession body', () => {
      expect(v.validateRequestBody('createSession', validCreate)).toEqual([]);
    });

    it('reports each broken rule with its JSON pointer and spec location', () => {
      const body = { ...validCreate, duration: 0, device: { phoneNumber: '600000000' }, sink: 'http://insecure.example' };
      const out = v.validateRequestBody('createSession', body);
      expect(rules(out).sort()).toEqual(['/device/phoneNumber pattern', '/duration minimum', '/sink pattern']);
      const duration = out.find((x) => x.pointer === '/duration');
      expect(duration?.specLocation).toBe('#/components/schemas/CreateSession/allOf/2/properties/duration/minimum');
      expect(describeViolation(duration!)).toBe('createSession request /duration: must be >= 1 (minimum) [#/components/schemas/CreateSession/allOf/2/properties/duration/minimum]');
    });

    it('requires the required fields', () => {
      const out = v.validateRequestBody('createSession', { device: validCreate.device });
      expect(out.map((x) => x.message).sort()).toEqual(["must have required property 'applicationServer'", "must have required property 'duration'", "must have required property 'qosProfile'"]);
    });

    it('applies the sinkCredential discriminator mapping', () => {
      const body = { ...validCreate, sinkCredential: { credentialType: 'ACCESSTOKEN' } };
      const out = v.validateRequestBody('createSession', body);
      expect(out.every((x) => x.pointer === '/sinkCredential' && x.rule === 'required')).toBe(true);
      expect(out).toHaveLength(3);
      expect(out[0].specLocation).toMatch(/^#\/components\/schemas\/AccessTokenCredential\//);
      const wrongType = { ...validCreate, sinkCredential: { ...validCreate.sinkCredential, credentialType: 'BASIC' } };
      expect(rules(v.validateRequestBody('createSession', wrongType))).toEqual(['/sinkCredential/credentialType enum']);
    });

    it('checks formats and int32 ranges', () => {
      const out = v.validateRequestBody('createSession', {
        ...validCreate,
        duration: 2 ** 31,
        device: { ipv4Address: { publicAddress: '300.1.1.1', publicPort: 70000 } },
      });
      expect(rules(out).sort()).toEqual(['/device/ipv4Address/publicAddress format', '/device/ipv4Address/publicPort maximum', '/duration format']);
    });

    it('accepts the non-standard format "string" on qosProfile', () => {
      expect(v.validateRequestBody('createSession', { ...validCreate, qosProfile: 'a-b_c.d' })).toEqual([]);
      expect(rules(v.validateRequestBody('createSession', { ...validCreate, qosProfile: 'a b' }))).toEqual(['/qosProfile pattern']);
    });

    it('missing body and unknown operation', () => {
      expect(rules(v.validateRequestBody('createSession', undefined))).toEqual([' required']);
      expect(rules(v.validateRequestBody('getSession', {}))).toEqual([' unexpected-body']);
      expect(() => v.validateRequestBody('nope', {})).toThrow(/unknown operationId/);
    });
  });

  describe('validateResponse', () => {
    it('accepts a valid 201 with charset and echoed x-correlator', () => {
      const out = v.validateResponse('createSession', {
        status: 201,
        contentType: 'application/json; charset=utf-8',
        headers: { 'x-correlator': 'abc-123' },
        body: session,
        requestCorrelator: 'abc-123',
      });
      expect(out).toEqual([]);
    });

    it('flags a wrong or missing x-correlator echo', () => {
      const base = { status: 201, contentType: json, body: session, requestCorrelator: 'abc-123' };
      const wrong = v.validateResponse('createSession', { ...base, headers: { 'x-correlator': 'other' } });
      expect(rules(wrong)).toEqual(['header:x-correlator x-correlator-echo']);
      expect(wrong[0].specLocation).toBe('#/components/headers/x-correlator');
      const absent = v.validateResponse('createSession', { ...base, headers: {} });
      expect(absent[0].message).toMatch(/not echoed/);
      // No correlator sent: nothing to echo.
      expect(v.validateResponse('createSession', { ...base, requestCorrelator: undefined, headers: {} })).toEqual([]);
    });

    it('validates the x-correlator header value', () => {
      const out = v.validateResponse('getSession', { status: 200, contentType: json, body: session, headers: { 'x-correlator': 'a b' } });
      expect(rules(out)).toEqual(['header:x-correlator pattern']);
    });

    it('flags an undocumented status', () => {
      const out = v.validateResponse('getSession', { status: 500, headers: {}, contentType: json, body: {} });
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ rule: 'undocumented-status', pointer: 'status', where: '500' });
      expect(out[0].specLocation).toBe('#/paths/~1sessions~1{sessionId}/get/responses');
    });

    it('checks error bodies against the per-response enums', () => {
      const ok = { status: 404, contentType: json, headers: {}, body: { status: 404, code: 'NOT_FOUND', message: 'x' } };
      expect(v.validateResponse('getSession', ok)).toEqual([]);
      const bad = v.validateResponse('getSession', { ...ok, body: { status: 400, code: 'IDENTIFIER_NOT_FOUND', message: 'x' } });
      expect(rules(bad).sort()).toEqual(['/code enum', '/status enum']);
      expect(bad.find((x) => x.pointer === '/code')?.specLocation).toBe('#/components/responses/Generic404/content/application~1json/schema/allOf/1/properties/code/enum');
      expect(bad.find((x) => x.pointer === '/code')?.message).toContain('"NOT_FOUND"');
    });

    it('checks response bodies with JSON pointers', () => {
      const out = v.validateResponse('createSession', {
        status: 201,
        contentType: json,
        headers: {},
        body: { ...session, qosStatus: 'DONE', startedAt: 'yesterday' },
      });
      expect(rules(out).sort()).toEqual(['/qosStatus enum', '/startedAt format']);
      expect(describeViolation(out.find((x) => x.pointer === '/qosStatus')!)).toMatch(
        /^createSession 201 \/qosStatus: must be equal to one of the allowed values: .* \(enum\) \[#\/components\/schemas\/QosStatus\/enum\]$/,
      );
    });

    it('content type and body presence', () => {
      const base = { status: 200, headers: {}, body: session };
      expect(rules(v.validateResponse('getSession', { ...base, contentType: 'text/html' }))).toEqual(['content-type content-type']);
      expect(rules(v.validateResponse('getSession', { ...base, contentType: undefined }))).toEqual(['content-type content-type']);
      expect(rules(v.validateResponse('getSession', { status: 200, headers: {}, contentType: json, bodyText: '{oops' }))).toEqual([' invalid-json']);
      expect(rules(v.validateResponse('getSession', { status: 200, headers: {}, contentType: json }))).toEqual([' missing-body']);
      expect(v.validateResponse('deleteSession', { status: 204, headers: {} })).toEqual([]);
      expect(rules(v.validateResponse('deleteSession', { status: 204, headers: {}, bodyText: '{}' }))).toEqual([' unexpected-body']);
    });

    it('an empty list is a valid retrieveSessionsByDevice answer', () => {
      expect(v.validateResponse('retrieveSessionsByDevice', { status: 200, contentType: json, headers: {}, body: [] })).toEqual([]);
    });
  });

  describe('validateParameter, validateSchema, validateCallbackBody', () => {
    it('path parameter format', () => {
      expect(v.validateParameter('getSession', 'sessionId', session.sessionId)).toEqual([]);
      const out = v.validateParameter('getSession', 'sessionId', 'not-a-uuid');
      expect(out[0]).toMatchObject({ pointer: 'parameter:sessionId', rule: 'format', specLocation: '#/components/schemas/SessionId/format' });
      expect(v.validateParameter('getSession', 'X-Correlator', 'ok-1')).toEqual([]);
      expect(v.validateParameter('getSession', 'nope', 'x')).toEqual([]);
    });

    it('named schema', () => {
      expect(v.validateSchema('QosProfile', { name: 'QOS_E', status: 'ACTIVE' })).toEqual([]);
      expect(rules(v.validateSchema('QosProfile', { name: 'QOS_E', status: 'ON' }))).toEqual(['/status enum']);
    });

    it('CloudEvent callback: envelope and the mapped event schema', () => {
      const event = {
        id: '1',
        source: 'https://provider.example/qod',
        type: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
        specversion: '1.0',
        datacontenttype: 'application/json',
        time: '2024-06-01T12:00:00Z',
        data: { sessionId: session.sessionId, qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' },
      };
      expect(v.validateCallbackBody('createSession', event)).toEqual([]);
      const bad = v.validateCallbackBody('createSession', { ...event, data: { sessionId: session.sessionId, qosStatus: 'REQUESTED' } });
      expect(rules(bad)).toEqual(['/data/qosStatus enum']);
      expect(bad[0].where).toBe('callback');
      const wrongType = v.validateCallbackBody('createSession', { ...event, type: 'org.camaraproject.qod.v0.qos-status-changed' });
      expect(rules(wrongType)).toEqual(['/type enum']);
      expect(rules(v.validateCallbackBody('createSession', { ...event, time: '2024-06-01T12:00:00' }))).toEqual(['/time format']);
    });
  });
});

describe('validators in other versions', () => {
  it('1.2.0-rc.3: applicationServer oneOf with additionalProperties false', async () => {
    const v = createValidators(await loadSpec({ version: '1.2.0-rc.3' }));
    const body = { ...validCreate, applicationServer: { ipAddresses: ['198.51.100.1'] } };
    expect(v.validateRequestBody('createSession', body)).toEqual([]);
    const mixed = { ...validCreate, applicationServer: { ipAddresses: ['198.51.100.1'], ipv4Address: '198.51.100.0/24' } };
    expect(v.validateRequestBody('createSession', mixed).map((x) => x.rule)).toContain('oneOf');
    // writeOnly credential fields are required in requests, not in responses.
    const shown = { credentialType: 'ACCESSTOKEN', accessTokenExpiresUtc: '2030-01-01T00:00:00Z' };
    const res = { ...session, applicationServer: { ipAddresses: ['198.51.100.1'] }, sinkCredential: shown };
    expect(v.validateResponse('getSession', { status: 200, contentType: json, headers: {}, body: res })).toEqual([]);
    const req = { ...validCreate, sinkCredential: shown };
    expect(rules(v.validateRequestBody('createSession', req)).sort()).toEqual(['/sinkCredential required', '/sinkCredential required']);
  });

  it('0.11.1: format url accepts a localhost sink', async () => {
    const v = createValidators(await loadSpec({ version: '0.11.1' }));
    const body = { ...validCreate, sink: 'http://localhost:8080/cb' };
    expect(v.validateRequestBody('createSession', body)).toEqual([]);
    expect(rules(v.validateRequestBody('createSession', { ...body, sink: 'not a url' }))).toEqual(['/sink format']);
  });

  it('0.8.1: old request shape', async () => {
    const v = createValidators(await loadSpec({ version: '0.8.1' }));
    const body = { ueId: { msisdn: '+34600000000' }, asId: { ipv4addr: '198.51.100.1' }, qos: 'QOS_E', duration: 60 };
    expect(v.validateRequestBody('createSession', body)).toEqual([]);
    expect(rules(v.validateRequestBody('createSession', { ...body, qos: 'QOS_X', duration: 86401 })).sort()).toEqual(['/duration maximum', '/qos enum']);
  });

  it('OpenAPI 3.0 keywords: nullable, readOnly/writeOnly, default response, examples', () => {
    const schema = {
      type: 'object',
      required: ['id', 'secret', 'note'],
      example: { id: 'x' },
      'x-extra': true,
      properties: {
        id: { type: 'string', readOnly: true },
        secret: { type: 'string', writeOnly: true },
        note: { type: 'string', nullable: true, enum: ['a'] },
        size: { type: 'integer', minimum: 1, exclusiveMinimum: true },
      },
    };
    const spec: LoadedSpec = {
      version: '1.1.0',
      bundled: false,
      files: [],
      schemas: {},
      operations: {
        op: {
          operationId: 'op',
          api: 'qod',
          method: 'post',
          path: '/things',
          parameters: [],
          requestBody: { required: true, content: { [json]: schema } },
          responses: {
            '200': { content: { [json]: schema }, headers: { 'x-rate': { required: true } } },
            default: { content: { [json]: { type: 'object' } }, headers: {} },
          },
          scopes: [],
        },
      },
    };
    const v = createValidators(spec);
    // readOnly "id" is not required in a request; writeOnly "secret" not in a response.
    expect(v.validateRequestBody('op', { secret: 's', note: null })).toEqual([]);
    expect(v.validateResponse('op', { status: 200, contentType: json, headers: { 'x-rate': '1' }, body: { id: 'i', note: 'a' } })).toEqual([]);
    expect(rules(v.validateRequestBody('op', { secret: 's', note: 'b', size: 1 })).sort()).toEqual(['/note enum', '/size exclusiveMinimum']);
    const missingHeader = v.validateResponse('op', { status: 200, contentType: json, headers: {}, body: { id: 'i', note: 'a' } });
    expect(missingHeader[0]).toMatchObject({ rule: 'required-header', pointer: 'header:x-rate' });
    // "default" documents every other status.
    expect(v.validateResponse('op', { status: 503, contentType: json, headers: {}, body: {} })).toEqual([]);
  });
});

// A bundle's documents repeat component names with other content (CloudEvent, StatusInfo, credentials):
// each operation is judged by its own document's names.
describe('validators: QoS Provisioning operations in a QoD bundle', () => {
  const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
  const event = (type: string, data: Record<string, unknown>) => ({ id: '1', source: 'https://op.example.com/qos-provisioning', type, specversion: '1.0', time: '2025-01-01T00:00:00Z', data });

  it('0.3.0: the callback is the provisioning status-changed event, with the released qosStatus defect', async () => {
    const v = createValidators(await loadSpec({ version: '1.1.0' }));
    const type = 'org.camaraproject.qos-provisioning.v0.status-changed';
    // As released, data.required names qosStatus (PROVISIONING.md C1): the literal schema reports it.
    expect(rules(v.validateCallbackBody('createQosAssignment', event(type, { assignmentId: id, status: 'AVAILABLE' })))).toEqual(['/data required']);
    expect(v.validateCallbackBody('createQosAssignment', event(type, { assignmentId: id, status: 'AVAILABLE', qosStatus: 'AVAILABLE' }))).toEqual([]);
    expect(rules(v.validateCallbackBody('createQosAssignment', event('org.camaraproject.quality-on-demand.v1.qos-status-changed', { sessionId: id, qosStatus: 'AVAILABLE' })))).toContain('/type enum');
    // QoD's own callback is unchanged by the provisioning document next to it.
    expect(v.validateCallbackBody('createSession', event('org.camaraproject.quality-on-demand.v1.qos-status-changed', { sessionId: id, qosStatus: 'AVAILABLE' }))).toEqual([]);
    // StatusInfo of provisioning has no DURATION_EXPIRED.
    const info = { assignmentId: id, status: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED', qosProfile: 'QOS_E' };
    expect(rules(v.validateResponse('getQosAssignmentById', { status: 200, contentType: json, headers: {}, body: info }))).toEqual(['/statusInfo enum']);
  });

  it('0.4.0-rc.1: credentials and event data as that document says', async () => {
    const v = createValidators(await loadSpec({ version: '1.2.0-rc.3' }));
    const type = 'org.camaraproject.qos-provisioning.v0.status-changed';
    expect(v.validateCallbackBody('createQosAssignment', event(type, { assignmentId: id, status: 'AVAILABLE' }))).toEqual([]);
    expect(rules(v.validateCallbackBody('createQosAssignment', event(type, { assignmentId: id })))).toEqual(['/data required']);
    expect(v.validateRequestBody('createQosAssignment', { qosProfile: 'QOS_E', sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' } })).toEqual([]);
    expect(rules(v.validateRequestBody('createQosAssignment', { qosProfile: 'QOS_E', sinkCredential: { credentialType: 'PLAIN', identifier: 'a', secret: 'b' } }))).toEqual([
      '/sinkCredential/credentialType enum',
    ]);
    expect(rules(v.validateRequestBody('createQosAssignment', { qosProfile: 'QOS_E', device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 0 } } }))).toEqual([
      '/device/ipv4Address/publicPort minimum',
    ]);
  });

  it('0.2.0: triggerProvisioning takes an http sink; the 422 enum has IDENTIFIER_MISMATCH', async () => {
    const v = createValidators(await loadSpec({ version: '1.0.0' }));
    expect(v.validateRequestBody('triggerProvisioning', { qosProfile: 'QOS_E', sink: 'http://sink.example.com/x' })).toEqual([]);
    const refusal = { status: 422, code: 'IDENTIFIER_MISMATCH', message: 'identifiers name two devices' };
    expect(v.validateResponse('triggerProvisioning', { status: 422, contentType: json, headers: {}, body: refusal })).toEqual([]);
  });
});
