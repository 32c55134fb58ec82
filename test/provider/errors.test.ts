// Error paths: 400 / 401 / 403 / 404 / 409 / 422 with the codes the 1.1.0 spec lists, each
// response checked against the spec (helpers.call).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/provider/fixtures.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { call, createBody, expectError, FIX } from './helpers.js';

let p: RunningProvider;
beforeAll(async () => {
  p = await startProvider();
});
afterAll(async () => {
  await p.close();
});

const RANDOM_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

async function createFor(device: Record<string, unknown>, token = FIX.token): Promise<string> {
  const r = await call(p, 'createSession', '/sessions', { token, body: createBody({ device }) });
  expect(r.status).toBe(201);
  return (r.body as { sessionId: string }).sessionId;
}

describe('401 / 403', () => {
  const cases: Array<[string, string, string, unknown]> = [
    ['createSession', '/sessions', 'quality-on-demand:sessions:create', createBody()],
    ['getSession', `/sessions/${RANDOM_ID}`, 'read', undefined],
    ['deleteSession', `/sessions/${RANDOM_ID}`, 'delete', undefined],
    ['extendQosSessionDuration', `/sessions/${RANDOM_ID}/extend`, 'update', { requestedAdditionalDuration: 1 }],
    ['retrieveSessionsByDevice', '/retrieve-sessions', 'retrieve-by-device', { device: FIX.known }],
    ['retrieveQoSProfiles', '/retrieve-qos-profiles', 'qos-profiles:read', {}],
    ['getQosProfile', '/qos-profiles/QOS_E', 'qos-profiles:read', undefined],
  ];
  it.each(cases)('%s: missing / invalid / expired token → 401, missing scope → 403', async (op, path, _scope, body) => {
    expectError(await call(p, op, path, { token: null, body }), 401, 'UNAUTHENTICATED');
    expectError(await call(p, op, path, { token: 'qodtok-not-a-real-token', body }), 401, 'UNAUTHENTICATED');
    expectError(await call(p, op, path, { token: FIX.expired, body }), 401, 'UNAUTHENTICATED');
    expectError(await call(p, op, path, { token: FIX.missingScope, body }), 403, 'PERMISSION_DENIED');
  });

  it('rejects a malformed Authorization header', async () => {
    const r = await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { token: '' });
    expectError(r, 401, 'UNAUTHENTICATED');
  });

  it("hides another client's sessions: get / delete / extend → 403, retrieve → only own", async () => {
    const id = await createFor({ phoneNumber: '+34600000012' });
    expectError(await call(p, 'getSession', `/sessions/${id}`, { token: FIX.second }), 403, 'PERMISSION_DENIED');
    expectError(await call(p, 'deleteSession', `/sessions/${id}`, { token: FIX.second }), 403, 'PERMISSION_DENIED');
    expectError(await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { token: FIX.second, body: { requestedAdditionalDuration: 5 } }), 403, 'PERMISSION_DENIED');
    const theirs = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', {
      token: FIX.second,
      body: { device: { phoneNumber: '+34600000012' } },
    });
    expect(theirs.body).toEqual([]);
    // A 3-legged token of the same client only sees sessions of its own device.
    expectError(await call(p, 'getSession', `/sessions/${id}`, { token: FIX.threeLegged }), 403, 'PERMISSION_DENIED');
    expect((await call(p, 'deleteSession', `/sessions/${id}`)).status).toBe(204);
  });
});

describe('400', () => {
  it('refuses missing, empty, non-JSON and non-JSON-typed bodies', async () => {
    expectError(await call(p, 'createSession', '/sessions'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'createSession', '/sessions', { body: {} }), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'createSession', '/sessions', { rawBody: '{"device":' }), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'createSession', '/sessions', { rawBody: JSON.stringify(createBody()), contentType: 'text/plain' }), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'extendQosSessionDuration', `/sessions/${RANDOM_ID}/extend`, { body: {} }), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles'), 400, 'INVALID_ARGUMENT');
  });

  it.each([
    ['device {}', { device: {} }],
    ['bad phone', { device: { phoneNumber: '34600000001' } }],
    ['bad ipv4', { device: { ipv4Address: { publicAddress: '300.1.1.1', publicPort: 1 } } }],
    ['ipv4 alone', { device: { ipv4Address: { publicAddress: '203.0.113.1' } } }],
    ['bad ipv6', { device: { ipv6Address: '2001:zz::1' } }],
    ['NAI not a string', { device: { networkAccessIdentifier: 42 } }],
    ['applicationServer {}', { applicationServer: {} }],
    ['devicePorts {}', { devicePorts: {} }],
    ['sinkCredential {}', { sink: 'https://example.com/cb', sinkCredential: {} }],
    ['duration 0', { duration: 0 }],
    ['duration string', { duration: '60' }],
    ['qosProfile too short', { qosProfile: 'QE' }],
    ['qosProfile bad pattern', { qosProfile: 'QOS E' }],
    ['http sink', { sink: 'http://example.com/cb' }],
    [
      'accessTokenType not bearer',
      { sink: 'https://example.com/cb', sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'x', accessTokenExpiresUtc: '2030-01-01T00:00:00Z', accessTokenType: 'mac' } },
    ],
    ['unknown qosProfile (scenario 400.8)', { qosProfile: 'QOS_DOES_NOT_EXIST' }],
  ])('createSession %s → 400 INVALID_ARGUMENT', async (_name, overrides) => {
    expectError(await call(p, 'createSession', '/sessions', { body: createBody(overrides) }), 400, 'INVALID_ARGUMENT');
  });

  it.each([
    ['devicePorts.ports', { devicePorts: { ports: [65536] } }],
    ['devicePorts.ranges.to', { devicePorts: { ranges: [{ from: 1, to: 70000 }] } }],
    ['applicationServerPorts.ranges.from', { applicationServerPorts: { ranges: [{ from: -1, to: 2 }] } }],
    ['device.ipv4Address.publicPort', { device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 65536 } } }],
  ])('port out of range in %s → 400 OUT_OF_RANGE', async (_name, overrides) => {
    expectError(await call(p, 'createSession', '/sessions', { body: createBody(overrides) }), 400, 'OUT_OF_RANGE');
  });

  it('duration outside the profile limits → 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE (spec, not INVALID_ARGUMENT)', async () => {
    const r = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 86_401 }) });
    expectError(r, 400, 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE');
  });

  it('PLAIN / REFRESHTOKEN credentials → 400 INVALID_CREDENTIAL; unusable sink → INVALID_SINK', async () => {
    for (const sinkCredential of [
      { credentialType: 'PLAIN', identifier: 'u', secret: 's' },
      { credentialType: 'REFRESHTOKEN', accessToken: 'x', accessTokenExpiresUtc: '2030-01-01T00:00:00Z', accessTokenType: 'bearer' },
    ]) {
      const r = await call(p, 'createSession', '/sessions', { body: createBody({ sink: 'https://example.com/cb', sinkCredential }) });
      expectError(r, 400, 'INVALID_CREDENTIAL');
    }
    const r = await call(p, 'createSession', '/sessions', { body: createBody({ sink: 'https://user:pw@example.com/cb' }) });
    expectError(r, 400, 'INVALID_SINK');
  });

  it('invalid x-correlator → 400 INVALID_ARGUMENT, not echoed; absent → none generated', async () => {
    const bad = await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { correlator: 'has space', unchecked: true });
    expectError(bad, 400, 'INVALID_ARGUMENT');
    expect(bad.headers['x-correlator']).toBeUndefined();
    // Echoing it would break the header schema; the missing echo is the only deviation reported.
    expect(bad.violations.map((v) => v.rule)).toEqual(['x-correlator-echo']);
    expectError(await call(p, 'createSession', '/sessions', { correlator: 'x'.repeat(257), body: createBody(), unchecked: true }), 400, 'INVALID_ARGUMENT');
    const none = await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { correlator: null });
    expect(none.status).toBe(200);
    expect(none.headers['x-correlator']).toBeUndefined();
  });

  it('malformed sessionId → 400, unknown → 404', async () => {
    expectError(await call(p, 'getSession', '/sessions/not-a-uuid'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'deleteSession', '/sessions/not-a-uuid'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'extendQosSessionDuration', '/sessions/not-a-uuid/extend', { body: { requestedAdditionalDuration: 1 } }), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'getSession', `/sessions/${RANDOM_ID}`), 404, 'NOT_FOUND');
    expectError(await call(p, 'extendQosSessionDuration', `/sessions/${RANDOM_ID}/extend`, { body: { requestedAdditionalDuration: 1 } }), 404, 'NOT_FOUND');
  });
});

describe('device rules (404 / 422)', () => {
  const ops: Array<[string, string, (device: unknown) => unknown]> = [
    ['createSession', '/sessions', (device) => createBody({ device })],
    ['retrieveSessionsByDevice', '/retrieve-sessions', (device) => ({ device })],
    ['retrieveQoSProfiles', '/retrieve-qos-profiles', (device) => ({ device })],
  ];
  it.each(ops)('%s', async (op, path, body) => {
    expectError(await call(p, op, path, { body: body({ phoneNumber: '+34699999999' }) }), 404, 'IDENTIFIER_NOT_FOUND');
    expectError(await call(p, op, path, { body: body({ networkAccessIdentifier: 'dev-known@qod.example.net' }) }), 422, 'UNSUPPORTED_IDENTIFIER');
    expectError(await call(p, op, path, { body: body({ phoneNumber: '+34600000099' }) }), 422, 'SERVICE_NOT_APPLICABLE');
    expectError(await call(p, op, path, { token: FIX.threeLegged, body: body(FIX.known) }), 422, 'UNNECESSARY_IDENTIFIER');
    if (op !== 'retrieveQoSProfiles') {
      expectError(await call(p, op, path, { body: body(undefined) }), 422, 'MISSING_IDENTIFIER');
    }
  });

  it('a 3-legged token of a device the service does not apply to → 422 SERVICE_NOT_APPLICABLE', async () => {
    const fixtures = loadFixtures();
    fixtures.provider.tokens['qodtok-three-legged-unsupported'] = {
      clientId: 'qod-conformance-client-a',
      device: 'dev-unsupported',
      scopes: ['quality-on-demand:sessions:create'],
    };
    const q = await startProvider({ fixtures });
    try {
      const r = await call(q, 'createSession', '/sessions', { token: 'qodtok-three-legged-unsupported', body: createBody({ device: undefined }) });
      expectError(r, 422, 'SERVICE_NOT_APPLICABLE');
    } finally {
      await q.close();
    }
  });

  it('profile that exists but is not usable → 422 QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE', async () => {
    for (const qosProfile of ['QOS_LEGACY', 'QOS_V0']) {
      const r = await call(p, 'createSession', '/sessions', { body: createBody({ qosProfile }) });
      expectError(r, 422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE');
    }
    // Restricted profile: usable by its devices only.
    const other = await call(p, 'createSession', '/sessions', { body: createBody({ qosProfile: 'QOS_PREMIUM', device: { phoneNumber: '+34600000013' } }) });
    expectError(other, 422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE');
    const own = await call(p, 'createSession', '/sessions', { body: createBody({ qosProfile: 'QOS_PREMIUM' }) });
    expect(own.status).toBe(201);
    await call(p, 'deleteSession', `/sessions/${(own.body as { sessionId: string }).sessionId}`);
  });
});

describe('routing', () => {
  it('unknown path → 404, wrong method → 405 (both CAMARA-shaped)', async () => {
    const missing = await fetch(`${p.baseUrl}/nope`, { headers: { authorization: `Bearer ${FIX.token}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const wrong = await fetch(`${p.baseUrl}/sessions`, { method: 'PUT', headers: { authorization: `Bearer ${FIX.token}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
