// Hand-written session sequences against the reference provider: exact statuses and bodies, and
// every response checked against the 1.1.0 spec (helpers.call).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { call, createBody, expectError, FIX, sleep } from './helpers.js';

let p: RunningProvider;
beforeAll(async () => {
  p = await startProvider();
});
afterAll(async () => {
  await p.close();
});

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('create / get / extend / delete', () => {
  it('runs the whole life of a session with exact answers', async () => {
    const created = await call(p, 'createSession', '/sessions', {
      correlator: 'corr-create-1',
      body: createBody({ devicePorts: { ports: [5060], ranges: [{ from: 5010, to: 5020 }] }, applicationServerPorts: { ports: [0] } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json');
    expect(created.headers['x-correlator']).toBe('corr-create-1');
    const info = created.body as Record<string, string | number>;
    expect(info).toMatchObject({
      device: FIX.known,
      applicationServer: FIX.appServer,
      devicePorts: { ports: [5060], ranges: [{ from: 5010, to: 5020 }] },
      applicationServerPorts: { ports: [0] },
      qosProfile: 'QOS_E',
      duration: 60,
      qosStatus: 'AVAILABLE',
    });
    expect(info).not.toHaveProperty('statusInfo');
    expect(seconds(info.expiresAt as string) - seconds(info.startedAt as string)).toBe(60);
    expect(seconds(info.startedAt as string)).toBeLessThanOrEqual(Date.now() / 1000);
    const id = info.sessionId as string;

    const got = await call(p, 'getSession', `/sessions/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(info);

    const extended = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { body: { requestedAdditionalDuration: 30 } });
    expect(extended.status).toBe(200);
    const ext = extended.body as Record<string, string | number>;
    expect(ext.duration).toBe(90);
    expect(ext.startedAt).toBe(info.startedAt);
    expect(seconds(ext.expiresAt as string) - seconds(ext.startedAt as string)).toBe(90);

    // Extension is capped silently at the profile's maxDuration (86400 s for QOS_E).
    const capped = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { body: { requestedAdditionalDuration: 200_000 } });
    expect((capped.body as { duration: number }).duration).toBe(86_400);

    const listed = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { body: { device: FIX.known } });
    expect(listed.status).toBe(200);
    expect((listed.body as Array<{ sessionId: string }>).map((s) => s.sessionId)).toEqual([id]);

    const deleted = await call(p, 'deleteSession', `/sessions/${id}`, { correlator: 'corr-delete-1' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(deleted.headers['x-correlator']).toBe('corr-delete-1');

    expectError(await call(p, 'getSession', `/sessions/${id}`), 404, 'NOT_FOUND');
    expectError(await call(p, 'deleteSession', `/sessions/${id}`), 404, 'NOT_FOUND');
    const after = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { body: { device: FIX.known } });
    expect(after.body).toEqual([]);
    expect(p.liveSessionCount()).toBe(0);
    expect(p.stats()).toMatchObject({ created: 1, deleted: 1 });
  });

  it('echoes exactly one identifier when several are sent, and none for a 3-legged token', async () => {
    const multi = await call(p, 'createSession', '/sessions', {
      body: createBody({
        device: { ipv6Address: '2001:db8:0:11::abcd', networkAccessIdentifier: 'x@y', phoneNumber: '+34600000011' },
      }),
    });
    expect(multi.status).toBe(201);
    expect((multi.body as { device: unknown }).device).toEqual({ phoneNumber: '+34600000011' });

    const three = await call(p, 'createSession', '/sessions', { token: FIX.threeLegged, body: createBody({ device: undefined }) });
    expect(three.status).toBe(201);
    expect(three.body).not.toHaveProperty('device');

    for (const r of [multi, three]) {
      const id = (r.body as { sessionId: string }).sessionId;
      const token = r === three ? FIX.threeLegged : FIX.token;
      expect((await call(p, 'deleteSession', `/sessions/${id}`, { token })).status).toBe(204);
    }
  });

  it('identifies devices by ipv4 (public + port or private) and by any address in the ipv6 /64', async () => {
    for (const device of [
      { ipv4Address: { publicAddress: '203.0.113.20', publicPort: 50020 } },
      { ipv4Address: { publicAddress: '203.0.113.14', privateAddress: '10.0.0.14' } },
      { ipv6Address: '2001:db8:0:12:ffff::1' },
    ]) {
      const r = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { body: { device } });
      expect(r.status, JSON.stringify(device)).toBe(200);
    }
    const wrongPort = { ipv4Address: { publicAddress: '203.0.113.20', publicPort: 1 } };
    expectError(await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { body: { device: wrongPort } }), 404, 'IDENTIFIER_NOT_FOUND');
  });

  it('answers 409 CONFLICT while the device has an active session', async () => {
    const first = await call(p, 'createSession', '/sessions', { body: createBody() });
    expect(first.status).toBe(201);
    expectError(await call(p, 'createSession', '/sessions', { body: createBody({ qosProfile: 'QOS_L' }) }), 409, 'CONFLICT');
    await call(p, 'deleteSession', `/sessions/${(first.body as { sessionId: string }).sessionId}`);
  });
});

describe('expiry', () => {
  it('turns UNAVAILABLE + DURATION_EXPIRED after duration, keeps it readable, then removes it', async () => {
    const q = await startProvider({ retentionMs: 800 });
    try {
      const created = await call(q, 'createSession', '/sessions', { body: createBody({ duration: 1 }) });
      const info = created.body as Record<string, string>;
      await sleep(1300);
      const got = await call(q, 'getSession', `/sessions/${info.sessionId}`);
      expect(got.body).toMatchObject({ qosStatus: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED', duration: 1 });
      expect((got.body as Record<string, string>).expiresAt).toBe(info.expiresAt);
      // An UNAVAILABLE session cannot be extended and no longer blocks the device.
      expectError(
        await call(q, 'extendQosSessionDuration', `/sessions/${info.sessionId}/extend`, { body: { requestedAdditionalDuration: 10 } }),
        409,
        'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED',
      );
      const again = await call(q, 'createSession', '/sessions', { body: createBody({ duration: 60 }) });
      expect(again.status).toBe(201);
      await sleep(900);
      expectError(await call(q, 'getSession', `/sessions/${info.sessionId}`), 404, 'NOT_FOUND');
    } finally {
      await q.close();
    }
  });

  it('answers REQUESTED without times while availability is pending', async () => {
    const q = await startProvider({ availabilityDelayMs: 300 });
    try {
      const created = await call(q, 'createSession', '/sessions', { body: createBody() });
      expect(created.body).toMatchObject({ qosStatus: 'REQUESTED', duration: 60 });
      expect(created.body).not.toHaveProperty('startedAt');
      expect(created.body).not.toHaveProperty('expiresAt');
      const id = (created.body as { sessionId: string }).sessionId;
      expectError(await call(q, 'extendQosSessionDuration', `/sessions/${id}/extend`, { body: { requestedAdditionalDuration: 10 } }), 409, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED');
      await sleep(400);
      const got = await call(q, 'getSession', `/sessions/${id}`);
      expect(got.body).toMatchObject({ qosStatus: 'AVAILABLE' });
      expect(got.body).toHaveProperty('startedAt');
    } finally {
      await q.close();
    }
  });
});
