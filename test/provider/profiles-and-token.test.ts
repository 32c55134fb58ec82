// QoS Profiles operations and the OAuth2 client-credentials token endpoint.
import { request } from 'undici';
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

const names = (body: unknown) => (body as Array<{ name: string }>).map((x) => x.name);

describe('retrieveQoSProfiles / getQosProfile', () => {
  it('lists unrestricted profiles without a device, and filters by name and status', async () => {
    const all = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: {} });
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual(['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L', 'QOS_LEGACY', 'QOS_V0']);
    const byName = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: { name: 'QOS_M' } });
    expect(names(byName.body)).toEqual(['QOS_M']);
    for (const status of ['ACTIVE', 'INACTIVE', 'DEPRECATED'] as const) {
      const r = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: { status } });
      expect((r.body as Array<{ status: string }>).every((x) => x.status === status)).toBe(true);
      expect((r.body as unknown[]).length).toBeGreaterThan(0);
    }
    const none = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: { name: 'QOS_NOPE' } });
    expect(none.body).toEqual([]);
  });

  it('includes device-restricted profiles only for their devices (body or 3-legged token)', async () => {
    const mine = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: { device: FIX.known } });
    expect(names(mine.body)).toContain('QOS_PREMIUM');
    const token = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { token: FIX.threeLegged, body: {} });
    expect(names(token.body)).toContain('QOS_PREMIUM');
    const other = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { body: { device: { phoneNumber: '+34600000013' } } });
    expect(names(other.body)).not.toContain('QOS_PREMIUM');
  });

  it('gets a profile by name; unknown → 404, malformed → 400', async () => {
    const e = await call(p, 'getQosProfile', '/qos-profiles/QOS_E');
    expect(e.status).toBe(200);
    expect(e.body).toMatchObject({ name: 'QOS_E', status: 'ACTIVE', maxDuration: { value: 86400, unit: 'Seconds' } });
    expectError(await call(p, 'getQosProfile', '/qos-profiles/QOS_UNKNOWN_1234'), 404, 'NOT_FOUND');
    expectError(await call(p, 'getQosProfile', '/qos-profiles/QOS%20E'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'getQosProfile', '/qos-profiles/ab'), 400, 'INVALID_ARGUMENT');
    expectError(await call(p, 'getQosProfile', `/qos-profiles/${'a'.repeat(257)}`), 400, 'INVALID_ARGUMENT');
    // A restricted profile is found by name with a 2-legged token (no device to judge by).
    expect((await call(p, 'getQosProfile', '/qos-profiles/QOS_PREMIUM')).status).toBe(200);
  });

  it('hides a restricted profile from a 3-legged token whose device may not use it', async () => {
    const fixtures = loadFixtures();
    fixtures.provider.tokens['qodtok-three-legged-pool-1'] = { clientId: 'qod-conformance-client-a', device: 'dev-pool-1', scopes: ['qos-profiles:read'] };
    const q = await startProvider({ fixtures });
    try {
      const token = 'qodtok-three-legged-pool-1';
      expectError(await call(q, 'getQosProfile', '/qos-profiles/QOS_PREMIUM', { token }), 404, 'NOT_FOUND');
      expect((await call(q, 'getQosProfile', '/qos-profiles/QOS_PREMIUM', { token: FIX.threeLegged })).status).toBe(200);
      const listed = await call(q, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { token, body: {} });
      expect(names(listed.body)).not.toContain('QOS_PREMIUM');
    } finally {
      await q.close();
    }
  });
});

describe('POST /oauth/token', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (body: string, headers: Record<string, string> = {}) => request(p.tokenUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  it('issues a Bearer token (basic auth) that works for every scope of the client', async () => {
    const basic = Buffer.from('qod-conformance-client-a:qodsec-client-a-4d7e91b3').toString('base64');
    const res = await post(form({ grant_type: 'client_credentials' }), { authorization: `Basic ${basic}` });
    expect(res.statusCode).toBe(200);
    const token = (await res.body.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(token.access_token).toMatch(/^qodtok-issued-/);
    const created = await call(p, 'createSession', '/sessions', { token: token.access_token, body: createBody({ device: { phoneNumber: '+34600000014' } }) });
    expect(created.status).toBe(201);
    const id = (created.body as { sessionId: string }).sessionId;
    // Same client as the fixture's default token: it may read the session.
    expect((await call(p, 'getSession', `/sessions/${id}`)).status).toBe(200);
    expect((await call(p, 'deleteSession', `/sessions/${id}`, { token: token.access_token })).status).toBe(204);
  });

  it('accepts body credentials and a scope subset', async () => {
    const res = await post(form({ grant_type: 'client_credentials', client_id: 'qod-conformance-client-b', client_secret: 'qodsec-client-b-a2c85f60', scope: 'qos-profiles:read' }));
    expect(res.statusCode).toBe(200);
    const { access_token } = (await res.body.json()) as { access_token: string };
    expect((await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { token: access_token })).status).toBe(200);
    expectError(await call(p, 'createSession', '/sessions', { token: access_token, body: createBody() }), 403, 'PERMISSION_DENIED');
  });

  it('refuses bad clients, grants and content types with OAuth errors', async () => {
    const bad = await post(form({ grant_type: 'client_credentials', client_id: 'qod-conformance-client-a', client_secret: 'wrong' }));
    expect(bad.statusCode).toBe(401);
    expect(await bad.body.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await post(form({ grant_type: 'password', client_id: 'x', client_secret: 'y' }));
    expect(grant.statusCode).toBe(400);
    expect(await grant.body.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const json = await request(p.tokenUrl, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(400);
    await json.body.dump();
    const scope = await post(form({ grant_type: 'client_credentials', client_id: 'qod-conformance-client-a', client_secret: 'qodsec-client-a-4d7e91b3', scope: 'admin' }));
    expect(scope.statusCode).toBe(400);
    expect(await scope.body.json()).toMatchObject({ error: 'invalid_scope' });
  });
});
