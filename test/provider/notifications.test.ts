// QOS_STATUS_CHANGED callbacks: CloudEvents posted to an HTTPS sink with a self-signed certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { call, createBody, sleep, specValidators, startTestSink, type ReceivedCallback, type TestSink } from './helpers.js';

let sink: TestSink;
let p: RunningProvider;
beforeAll(async () => {
  sink = await startTestSink();
  p = await startProvider({ sinkCa: sink.ca, retentionMs: 60_000 });
});
afterAll(async () => {
  await p.close();
  await sink.close();
});

const credential = {
  credentialType: 'ACCESSTOKEN',
  accessToken: 'qodtok-sink-credential-77aa',
  accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
  accessTokenType: 'bearer',
};

async function expectValidEvent(cb: ReceivedCallback, sessionId: string, data: Record<string, string>): Promise<void> {
  const validators = await specValidators();
  expect(validators.validateCallbackBody('createSession', cb.body)).toEqual([]);
  expect(validators.validateSchema('EventQosStatusChanged', cb.body)).toEqual([]);
  expect(validators.validateSchema('XCorrelator', cb.headers['x-correlator'])).toEqual([]);
  expect(cb.headers['content-type']).toBe('application/cloudevents+json');
  expect(cb.body).toMatchObject({
    type: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
    specversion: '1.0',
    datacontenttype: 'application/json',
    source: p.baseUrl,
    data: { sessionId, ...data },
  });
  expect(Object.keys((cb.body as { data: object }).data).sort()).toEqual(['sessionId', ...Object.keys(data)].sort());
}

describe('notifications', () => {
  it('AVAILABLE after create, UNAVAILABLE + DELETE_REQUESTED on delete, with the bearer credential', async () => {
    sink.received.length = 0;
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ sink: sink.url, sinkCredential: credential }) });
    expect(created.status).toBe(201);
    // sinkCredential is write-only in spirit: never echoed.
    expect(created.body).not.toHaveProperty('sinkCredential');
    expect(created.body).toMatchObject({ sink: sink.url });
    const id = (created.body as { sessionId: string }).sessionId;
    const [available] = await sink.waitFor(1);
    expect(available!.headers.authorization).toBe('Bearer qodtok-sink-credential-77aa');
    await expectValidEvent(available!, id, { qosStatus: 'AVAILABLE' });

    expect((await call(p, 'deleteSession', `/sessions/${id}`)).status).toBe(204);
    const [, deleted] = await sink.waitFor(2);
    await expectValidEvent(deleted!, id, { qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    const ids = sink.received.map((cb) => (cb.body as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    await sleep(300);
    expect(sink.received).toHaveLength(2); // nothing after the deletion event
    expect(p.stats()).toMatchObject({ notificationsSent: 2, notificationsFailed: 0 });
  });

  it('UNAVAILABLE + DURATION_EXPIRED on expiry, no Authorization without a credential, nothing on deleting it then', async () => {
    sink.received.length = 0;
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 1, sink: sink.url, device: { phoneNumber: '+34600000013' } }) });
    const id = (created.body as { sessionId: string }).sessionId;
    const [available, expired] = await sink.waitFor(2, 4000);
    expect(available!.headers.authorization).toBeUndefined();
    await expectValidEvent(available!, id, { qosStatus: 'AVAILABLE' });
    await expectValidEvent(expired!, id, { qosStatus: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED' });
    // Deleting an UNAVAILABLE session sends no event.
    expect((await call(p, 'deleteSession', `/sessions/${id}`)).status).toBe(204);
    await sleep(300);
    expect(sink.received).toHaveLength(2);
  });

  it('counts failed deliveries (certificate not trusted) without affecting the API', async () => {
    const q = await startProvider(); // no sinkCa: the self-signed sink is refused
    try {
      const created = await call(q, 'createSession', '/sessions', { body: createBody({ sink: sink.url }) });
      expect(created.status).toBe(201);
      for (let i = 0; i < 50 && q.stats().notificationsFailed === 0; i++) await sleep(20);
      expect(q.stats()).toMatchObject({ notificationsSent: 0, notificationsFailed: 1 });
    } finally {
      await q.close();
    }
  });

  it('insecureSinkTls skips certificate verification', async () => {
    const q = await startProvider({ insecureSinkTls: true });
    try {
      await call(q, 'createSession', '/sessions', { body: createBody({ sink: sink.url }) });
      for (let i = 0; i < 50 && q.stats().notificationsSent === 0; i++) await sleep(20);
      expect(q.stats().notificationsSent).toBe(1);
    } finally {
      await q.close();
    }
  });
});
