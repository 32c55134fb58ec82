// The reference provider serves every QoD version as that version's spec says: each answer below
// is validated against the version's own OpenAPI document (helpers.vcall), and the rules that
// differ between versions (VERSIONS.md) are asserted one by one.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSink, type TestSink } from '../provider/helpers.js';
import { APP_SERVER, DEVICES, sleep, start, TOKENS, vcall, expectVersionError, type VersionProvider } from './helpers.js';

const create = (p: VersionProvider, body: unknown, token?: string) => vcall(p, 'createSession', 'POST', '/sessions', { body, token });
const get = (p: VersionProvider, id: string) => vcall(p, 'getSession', 'GET', `/sessions/${id}`);
const del = (p: VersionProvider, id: string) => vcall(p, 'deleteSession', 'DELETE', `/sessions/${id}`);

describe('QoD 0.8.1', () => {
  let p: VersionProvider;
  let hook: { server: Server; url: string; got: Array<{ url: string; headers: Record<string, unknown>; body: unknown }> };
  beforeAll(async () => {
    p = await start('0.8.1');
    const got: typeof hook.got = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        got.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(data) as unknown });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hook = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
  });
  afterAll(async () => {
    await p.close();
    await new Promise<void>((r) => hook.server.close(() => r()));
  });

  it('serves /qod/v0 and creates, reads and deletes with ueId / asId / qos, `id` and epoch-second times', async () => {
    expect(new URL(p.baseUrl).pathname).toBe('/qod/v0');
    const body = { ueId: { msisdn: '34600000011' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_S', uePorts: { ports: [5060] }, asPorts: { ranges: [{ from: 5010, to: 5020 }] } };
    const c = await create(p, body);
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ ...body, duration: 86400 }); // default 86400, request echoed as sent
    expect(c.body).not.toHaveProperty('sessionId');
    expect(c.body).not.toHaveProperty('qosStatus');
    expect(Number.isInteger(c.body.startedAt) && c.body.expiresAt - c.body.startedAt).toBe(86400);
    const g = await get(p, c.body.id);
    expect(g.body).toEqual(c.body);
    expect((await del(p, c.body.id)).status).toBe(204);
    expectVersionError(await get(p, c.body.id), 404, 'NOT_FOUND', false);
  });

  it('answers errors as {code, message} with the 0.8.1 codes', async () => {
    expectVersionError(await create(p, { ueId: {}, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E' }), 400, 'INVALID_INPUT', false);
    expectVersionError(await create(p, { ueId: { msisdn: '+34600000012' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_X' }), 400, 'INVALID_INPUT', false);
    expectVersionError(await vcall(p, 'getSession', 'GET', `/sessions/${randomUUID()}`, { token: null }), 401, 'UNAUTHORIZED', false);
    // No 400 is documented for get/delete: a malformed id names no session.
    expectVersionError(await vcall(p, 'getSession', 'GET', '/sessions/not-a-uuid'), 404, 'NOT_FOUND', false);
    // Identifiers of two different devices in one ueId.
    expectVersionError(await create(p, { ueId: { msisdn: '+34600000013', ipv4addr: '203.0.113.1' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E' }), 400, 'INVALID_INPUT', false);
    const first = await create(p, { ueId: { ipv4addr: '203.0.113.14' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E', duration: 30 });
    expect(first.status).toBe(201);
    expectVersionError(await create(p, { ueId: { msisdn: '+34600000014' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_M' }), 409, 'CONFLICT', false);
    await del(p, first.body.id);
  });

  it('has no extend, retrieve-sessions or profile operations', async () => {
    expect((await vcall(p, undefined, 'POST', `/sessions/${randomUUID()}/extend`, { body: { requestedAdditionalDuration: 1 } })).status).toBe(404);
    expect((await vcall(p, undefined, 'POST', '/retrieve-sessions', { body: {} })).status).toBe(404);
    expect((await vcall(p, undefined, 'GET', '/qos-profiles')).status).toBe(404);
  });

  it('posts {sessionId, event: SESSION_TERMINATED} as plain JSON to notificationUrl + /notifications with the apikey on expiry', async () => {
    const c = await create(p, {
      ueId: { msisdn: '+34600000002' },
      asId: { ipv4addr: '198.51.100.10' },
      qos: 'QOS_E',
      duration: 1,
      notificationUrl: hook.url,
      notificationAuthToken: 'legacy-api-key-123',
    });
    expect(c.status).toBe(201);
    expect(c.body.notificationUrl).toBe(hook.url);
    expect(c.body).not.toHaveProperty('notificationAuthToken');
    const deadline = Date.now() + 4000;
    while (hook.got.length === 0 && Date.now() < deadline) await sleep(50);
    expect(hook.got).toHaveLength(1); // nothing for AVAILABLE
    expect(hook.got[0]!.url).toBe('/hook/notifications?apikey=legacy-api-key-123');
    expect(hook.got[0]!.headers['content-type']).toBe('application/json');
    expect(hook.got[0]!.body).toEqual({ sessionId: c.body.id, event: 'SESSION_TERMINATED' });
    await del(p, c.body.id);
  });
});

describe('QoD 0.10.1', () => {
  let p: VersionProvider;
  let sink: TestSink;
  beforeAll(async () => {
    sink = await startTestSink();
    p = await start('0.10.1', { sinkCa: sink.ca });
  });
  afterAll(async () => {
    await p.close();
    await sink.close();
  });

  it('serves sessions and profiles under /qod/v0 with device / webhook / optional duration and epoch times', async () => {
    expect(new URL(p.baseUrl).pathname).toBe('/qod/v0');
    expect(p.profilesUrl).toBe(p.baseUrl);
    const c = await create(p, {
      device: { phoneNumber: '34600000011' },
      applicationServer: APP_SERVER,
      qosProfile: 'QOS_E',
      webhook: { notificationUrl: sink.url, notificationAuthToken: 'c8974e592c2fa383d4a3960714' },
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ device: { phoneNumber: '34600000011' }, duration: 86400, qosStatus: 'AVAILABLE', webhook: { notificationUrl: sink.url } });
    expect(c.body.webhook).not.toHaveProperty('notificationAuthToken');
    expect(c.body.expiresAt - c.body.startedAt).toBe(86400);
    const [event] = await sink.waitFor(1);
    expect(event!.headers['content-type']).toBe('application/cloudevents+json');
    expect(event!.headers.authorization).toBe('Bearer c8974e592c2fa383d4a3960714');
    expect(event!.body).toMatchObject({ type: 'org.camaraproject.qod.v0.qos-status-changed', data: { sessionId: c.body.sessionId, qosStatus: 'AVAILABLE' } });
    expect((await get(p, c.body.sessionId)).body).toEqual(c.body);
    expect((await del(p, c.body.sessionId)).status).toBe(204);
  });

  it('extends so that at most 86400 s remain, and refuses to extend an inactive session with 400', async () => {
    const full = await create(p, { device: DEVICES.pool[1], applicationServer: APP_SERVER, qosProfile: 'QOS_E' });
    const capped = await vcall(p, 'extendQosSessionDuration', 'POST', `/sessions/${full.body.sessionId}/extend`, { body: { requestedAdditionalDuration: 3600 } });
    expect(capped.body.duration).toBe(86400); // remaining time already 86400 s
    const short = await create(p, { device: DEVICES.pool[2], applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 1 });
    await sleep(1300);
    const inactive = await vcall(p, 'extendQosSessionDuration', 'POST', `/sessions/${short.body.sessionId}/extend`, { body: { requestedAdditionalDuration: 60 } });
    expectVersionError(inactive, 400, 'INVALID_ARGUMENT');
    expect((await get(p, short.body.sessionId)).body).not.toHaveProperty('statusInfo'); // not a 0.10.1 SessionInfo field
    expectVersionError(await vcall(p, 'extendQosSessionDuration', 'POST', `/sessions/${full.body.sessionId}/extend`, { body: { requestedAdditionalDuration: 86400 } }), 400, 'INVALID_ARGUMENT');
    await del(p, full.body.sessionId);
    await del(p, short.body.sessionId);
  });

  it('lists profiles with GET /qos-profiles filters, 404 when none matches, and only 0.10.1 profile fields', async () => {
    const all = await vcall(p, 'getQosProfiles', 'GET', '/qos-profiles', { api: 'profiles' });
    expect(all.body.map((x: { name: string }) => x.name)).toContain('QOS_E');
    expect(all.body.find((x: { name: string }) => x.name === 'QOS_E')).not.toHaveProperty('countryAvailability');
    const inactive = await vcall(p, 'getQosProfiles', 'GET', '/qos-profiles?status=INACTIVE', { api: 'profiles' });
    expect(inactive.body.map((x: { name: string }) => x.name)).toEqual(['QOS_LEGACY']);
    expectVersionError(await vcall(p, 'getQosProfiles', 'GET', '/qos-profiles?name=QOS_NONE', { api: 'profiles' }), 404, 'NOT_FOUND');
    expect((await vcall(p, 'getQosProfile', 'GET', '/qos-profiles/QOS_M', { api: 'profiles' })).body.name).toBe('QOS_M');
  });

  it('maps device errors to the 0.10.1 codes and needs no scope from a client-credentials token', async () => {
    expectVersionError(await create(p, { device: DEVICES.unknown, applicationServer: APP_SERVER, qosProfile: 'QOS_E' }), 400, 'INVALID_ARGUMENT');
    expectVersionError(await create(p, { device: DEVICES.unsupported, applicationServer: APP_SERVER, qosProfile: 'QOS_E' }), 501, 'NOT_IMPLEMENTED');
    expectVersionError(await create(p, { device: { phoneNumber: '+34600000013', ipv6Address: '2001:db8:0:1::1' }, applicationServer: APP_SERVER, qosProfile: 'QOS_E' }), 400, 'INVALID_ARGUMENT');
    expectVersionError(await create(p, { device: DEVICES.pool[3], applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 86401 }), 400, 'INVALID_ARGUMENT');
    const scoped = await create(p, { device: DEVICES.pool[3], applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 }, TOKENS.missingScope);
    expect(scoped.status).toBe(201);
    // 3-legged: the body device must be the token's.
    expectVersionError(await create(p, { device: DEVICES.second, applicationServer: APP_SERVER, qosProfile: 'QOS_E' }, TOKENS.threeLegged), 403, 'PERMISSION_DENIED');
    const own = await create(p, { device: DEVICES.threeLegged, applicationServer: APP_SERVER, qosProfile: 'QOS_E' }, TOKENS.threeLegged);
    expect(own.status).toBe(201);
    await vcall(p, 'deleteSession', 'DELETE', `/sessions/${own.body.sessionId}`, { token: TOKENS.threeLegged });
    await vcall(p, 'deleteSession', 'DELETE', `/sessions/${scoped.body.sessionId}`, { token: TOKENS.missingScope });
  });
});

describe('QoD 0.11.1', () => {
  let p: VersionProvider;
  beforeAll(async () => (p = await start('0.11.1')));
  afterAll(async () => p.close());

  it('serves /quality-on-demand/v0.11 and /qos-profiles/v0.11 with RFC 3339 times', async () => {
    expect(new URL(p.baseUrl).pathname).toBe('/quality-on-demand/v0.11');
    expect(new URL(p.profilesUrl).pathname).toBe('/qos-profiles/v0.11');
    const c = await create(p, { device: DEVICES.known, applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 });
    expect(typeof c.body.startedAt).toBe('string');
    expect((await get(p, c.body.sessionId)).body.sessionId).toBe(c.body.sessionId);
    const listed = await vcall(p, 'retrieveQoSProfiles', 'POST', '/retrieve-qos-profiles', { api: 'profiles', body: { name: 'QOS_E' } });
    expect(listed.body[0]).not.toHaveProperty('countryAvailability'); // added in 1.1.0
    expect((await del(p, c.body.sessionId)).status).toBe(204);
  });

  it('uses the 0.11.1 device codes', async () => {
    const base = { applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 };
    expectVersionError(await create(p, { ...base, device: DEVICES.unknown }), 404, 'DEVICE_NOT_FOUND');
    expectVersionError(await create(p, base), 422, 'UNIDENTIFIABLE_DEVICE');
    expectVersionError(await create(p, { ...base, device: DEVICES.unsupported }), 422, 'DEVICE_NOT_APPLICABLE');
    expectVersionError(await create(p, { ...base, device: { phoneNumber: '+34600000011', ipv4Address: DEVICES.knownIpv4 } }), 422, 'DEVICE_IDENTIFIERS_MISMATCH');
    expectVersionError(await vcall(p, 'retrieveSessionsByDevice', 'POST', '/retrieve-sessions', { body: {} }), 422, 'UNIDENTIFIABLE_DEVICE');
  });

  it('lets a 3-legged token name its own device in the body (403 INVALID_TOKEN_CONTEXT for another one)', async () => {
    const base = { applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 };
    expectVersionError(await create(p, { ...base, device: DEVICES.second }, TOKENS.threeLegged), 403, 'INVALID_TOKEN_CONTEXT');
    const own = await create(p, { ...base, device: DEVICES.threeLegged }, TOKENS.threeLegged);
    expect(own.status).toBe(201);
    expect(own.body.device).toEqual(DEVICES.threeLegged);
    await vcall(p, 'deleteSession', 'DELETE', `/sessions/${own.body.sessionId}`, { token: TOKENS.threeLegged });
  });
});

describe('QoD 1.0.0', () => {
  let p: VersionProvider;
  beforeAll(async () => (p = await start('1.0.0')));
  afterAll(async () => p.close());

  it('cross-checks identifiers (422 IDENTIFIER_MISMATCH) and echoes the device as given', async () => {
    const base = { applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 };
    expectVersionError(await create(p, { ...base, device: { phoneNumber: '+34600000011', ipv4Address: DEVICES.knownIpv4 } }), 422, 'IDENTIFIER_MISMATCH');
    const both = { phoneNumber: '+34600000001', ipv4Address: DEVICES.knownIpv4 };
    const c = await create(p, { ...base, device: both });
    expect(c.body.device).toEqual(both);
    expect((await get(p, c.body.sessionId)).body.device).toEqual(both);
    await del(p, c.body.sessionId);
  });

  it('applies the 1.0.0 x-correlator pattern and has neither INVALID_SINK nor QOS_PROFILE_NOT_APPLICABLE', async () => {
    // (An invalid value is not echoed: echoing it would break the header schema; the spec check's echo rule is skipped here.)
    expectVersionError(await vcall(p, 'getSession', 'GET', `/sessions/${randomUUID()}`, { correlator: 'with:colon', unchecked: true }), 400, 'INVALID_ARGUMENT');
    expect((await vcall(p, 'getSession', 'GET', `/sessions/${randomUUID()}`, { correlator: 'abc-123' })).headers['x-correlator']).toBe('abc-123');
    const base = { device: DEVICES.pool[0], applicationServer: APP_SERVER, duration: 60 };
    expectVersionError(await create(p, { ...base, qosProfile: 'QOS_LEGACY' }), 400, 'INVALID_ARGUMENT');
    expectVersionError(await create(p, { ...base, qosProfile: 'QOS_E', sink: 'https://user:pw@sink.example.com/cb' }), 400, 'INVALID_ARGUMENT');
    const http = await create(p, { ...base, qosProfile: 'QOS_E', sink: 'http://127.0.0.1:9/cb' }); // https only from 1.1.0
    expect(http.status).toBe(201);
    await del(p, http.body.sessionId);
  });
});

describe('QoD 1.2.0-rc.3', () => {
  let p: VersionProvider;
  beforeAll(async () => (p = await start('1.2.0-rc.3')));
  afterAll(async () => p.close());

  it('serves /v1rc3, accepts the application-server list form and refuses port 0', async () => {
    expect(new URL(p.baseUrl).pathname).toBe('/quality-on-demand/v1rc3');
    const base = { device: DEVICES.known, qosProfile: 'QOS_E', duration: 60 };
    const c = await create(p, { ...base, applicationServer: { ipAddresses: ['198.51.100.10', '2001:db8:100::10'] } });
    expect(c.body.applicationServer).toEqual({ ipAddresses: ['198.51.100.10', '2001:db8:100::10'] });
    await del(p, c.body.sessionId);
    expectVersionError(await create(p, { ...base, applicationServer: APP_SERVER, devicePorts: { ports: [0] } }), 400, 'OUT_OF_RANGE');
    expectVersionError(await vcall(p, 'getSession', 'GET', '/sessions/not-a-uuid'), 400, 'INVALID_ARGUMENT');
  });

  it('refuses properties the spec does not declare, at any depth (400 INVALID_ARGUMENT), and accepts every declared one', async () => {
    const base = { device: DEVICES.pool[0], applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60 };
    for (const body of [
      { ...base, extra: 1 },
      { ...base, device: { ...DEVICES.pool[0], imei: '1' } },
      { ...base, devicePorts: { ports: [80], other: [] } },
      {
        ...base,
        sink: 'https://sink.example.com/cb',
        sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'x', accessTokenExpiresUtc: '2030-01-01T00:00:00Z', accessTokenType: 'bearer', refreshToken: 'y' },
      },
    ]) {
      const a = await create(p, body);
      expectVersionError(a, 400, 'INVALID_ARGUMENT');
      expect(a.body.message).toMatch(/Unknown property/);
    }
    expectVersionError(await vcall(p, 'retrieveSessionsByDevice', 'POST', '/retrieve-sessions', { body: { device: DEVICES.known, x: 1 } }), 400, 'INVALID_ARGUMENT');
    expectVersionError(await vcall(p, 'extendQosSessionDuration', 'POST', `/sessions/${randomUUID()}/extend`, { body: { requestedAdditionalDuration: 1, x: 1 } }), 400, 'INVALID_ARGUMENT');
    const ok = await create(p, {
      ...base,
      devicePorts: { ranges: [{ from: 1, to: 2 }], ports: [80] },
      sink: 'https://sink.example.com/cb',
      sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'x', accessTokenExpiresUtc: '2030-01-01T00:00:00Z', accessTokenType: 'bearer' },
    });
    expect(ok.status).toBe(201);
    await del(p, ok.body.sessionId);
  });

  it('answers PRIVATE_KEY_JWT credentials with 422 PRIVATE_KEY_JWT_NOT_CONFIGURED', async () => {
    const a = await create(p, {
      device: DEVICES.pool[1],
      applicationServer: APP_SERVER,
      qosProfile: 'QOS_E',
      duration: 60,
      sink: 'https://sink.example.com/cb',
      sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' },
    });
    expectVersionError(a, 422, 'PRIVATE_KEY_JWT_NOT_CONFIGURED');
  });
});
