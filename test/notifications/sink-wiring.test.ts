// The wiring the notification suites rely on: the reference provider (trusting the sink's CA)
// posts its events to the webhook sink over https with the bearer credential, and the suites read
// them through the sink's control API. In plain-http sink mode, a 1.1.0 provider refuses the http
// sink URL by schema, while versions without the https rule (1.0.0, 0.8.1) post to it.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/config/types.js';
import type { SinkRecord } from '../../src/evidence/types.js';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { newSinkPath, sinkUrlFor, waitForRecords, waitQuiet } from '../../src/sink/client.js';
import { startSink, type RunningSink } from '../../src/sink/server.js';

const TOKEN = 'qodtok-default-3f9a61c2d84e'; // fixtures/embedded.json tokens.default
const DEVICE = { phoneNumber: '+34600000011' }; // a pool device: each provider below is fresh
const APP_SERVER = { ipv4Address: '198.51.100.10' };

async function create(p: RunningProvider, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(`${p.baseUrl}/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const credential = (token: string) => ({
  credentialType: 'ACCESSTOKEN',
  accessToken: token,
  accessTokenExpiresUtc: new Date(Date.now() + 3_600_000).toISOString(),
  accessTokenType: 'bearer',
});

/** Waits through the control API, as the suites do; fails with what did arrive. */
async function awaitRecords(sink: RunningSink, path: string, count: number, timeoutMs = 5_000): Promise<SinkRecord[]> {
  const { records, timedOut } = await waitForRecords(sink.access(), path, (rs) => rs.length >= count, timeoutMs);
  expect(timedOut, `expected ${count} callbacks at ${path}, got ${JSON.stringify(records)}`).toBe(false);
  return records;
}

describe('https sink (the default)', () => {
  let sink: RunningSink;
  let provider: RunningProvider;
  beforeAll(async () => {
    sink = await startSink();
    provider = await startProvider({ sinkCa: sink.caCertPem, retentionMs: 60_000 });
  });
  afterAll(async () => {
    await provider?.close();
    await sink?.close();
  });

  it('the event reaches the sink over https with Authorization: Bearer <accessToken>, readable through the control API', async () => {
    expect(sink.publicUrl).toMatch(/^https:\/\//);
    expect(sink.caCertPem).toContain('BEGIN CERTIFICATE');
    const path = newSinkPath();
    const token = `qodcb-${randomUUID()}`;
    const url = sinkUrlFor(sink.access(), path);
    const created = await create(provider, { device: DEVICE, applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60, sink: url, sinkCredential: credential(token) });
    expect(created.status).toBe(201);
    const sessionId = created.body.sessionId as string;

    const [event] = await awaitRecords(sink, path, 1);
    expect(event!.method).toBe('POST');
    expect(event!.path).toBe(path);
    expect(event!.headers['authorization']).toBe(`Bearer ${token}`);
    expect(event!.headers['content-type']).toBe('application/cloudevents+json');
    expect(JSON.parse(event!.body)).toMatchObject({
      specversion: '1.0',
      type: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
      data: { sessionId, qosStatus: 'AVAILABLE' },
    });
    // The sink itself saw it too (the control API is a view of the same store).
    expect(sink.records().some((r) => r.seq === event!.seq)).toBe(true);
    expect(provider.stats()).toMatchObject({ notificationsSent: 1, notificationsFailed: 0 });
  });

  it('a provider that does not trust the sink CA cannot deliver (nothing arrives, the failure is counted)', async () => {
    const untrusting = await startProvider();
    try {
      const path = newSinkPath();
      const created = await create(untrusting, { device: DEVICE, applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60, sink: sinkUrlFor(sink.access(), path) });
      expect(created.status).toBe(201);
      for (let i = 0; i < 100 && untrusting.stats().notificationsFailed === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(untrusting.stats()).toMatchObject({ notificationsSent: 0, notificationsFailed: 1 });
      expect(await waitQuiet(sink.access(), path, 100, 0)).toEqual([]);
    } finally {
      await untrusting.close();
    }
  });
});

describe('plain-http sink (--sink-http)', () => {
  let sink: RunningSink;
  beforeAll(async () => {
    sink = await startSink({ http: true });
  });
  afterAll(async () => {
    await sink?.close();
  });

  async function withProvider<T>(opts: { apiVersion: ApiVersion; faults?: string[] }, fn: (p: RunningProvider) => Promise<T>): Promise<T> {
    const p = await startProvider({ ...opts, retentionMs: 60_000 });
    try {
      return await fn(p);
    } finally {
      await p.close();
    }
  }

  it('the sink speaks http and its control API works without a CA', async () => {
    expect(sink.publicUrl).toMatch(/^http:\/\//);
    expect(sink.caCertPem).toBeUndefined();
    expect(sink.access()).toMatchObject({ http: true });
    expect(await waitQuiet(sink.access(), newSinkPath(), 50)).toEqual([]);
  });

  it('1.1.0 refuses an http sink by schema (400 INVALID_ARGUMENT) and posts nothing', async () => {
    await withProvider({ apiVersion: '1.1.0' }, async (p) => {
      const path = newSinkPath();
      const created = await create(p, {
        device: DEVICE,
        applicationServer: APP_SERVER,
        qosProfile: 'QOS_E',
        duration: 60,
        sink: sinkUrlFor(sink.access(), path),
        sinkCredential: credential('qodcb-http-110'),
      });
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
      expect(await waitQuiet(sink.access(), path, 300, 0)).toEqual([]);
    });
  });

  it('1.1.0 with the sink-http-accepted fault posts to the http sink (the https rule is all that stops it)', async () => {
    await withProvider({ apiVersion: '1.1.0', faults: ['sink-http-accepted'] }, async (p) => {
      const path = newSinkPath();
      const created = await create(p, { device: DEVICE, applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60, sink: sinkUrlFor(sink.access(), path) });
      expect(created.status).toBe(201);
      const [event] = await awaitRecords(sink, path, 1);
      expect(JSON.parse(event!.body)).toMatchObject({ data: { sessionId: created.body.sessionId, qosStatus: 'AVAILABLE' } });
    });
  });

  it('1.0.0 (no https rule) posts the CloudEvent to the http sink with the bearer credential', async () => {
    await withProvider({ apiVersion: '1.0.0' }, async (p) => {
      const path = newSinkPath();
      const token = `qodcb-${randomUUID()}`;
      const created = await create(p, { device: DEVICE, applicationServer: APP_SERVER, qosProfile: 'QOS_E', duration: 60, sink: sinkUrlFor(sink.access(), path), sinkCredential: credential(token) });
      expect(created.status).toBe(201);
      const [event] = await awaitRecords(sink, path, 1);
      expect(event!.headers['authorization']).toBe(`Bearer ${token}`);
      expect(event!.headers['content-type']).toBe('application/cloudevents+json');
      expect(JSON.parse(event!.body)).toMatchObject({ data: { sessionId: created.body.sessionId, qosStatus: 'AVAILABLE' } });
    });
  });

  it('0.8.1 posts SESSION_TERMINATED to notificationUrl + /notifications with the apikey, over http', async () => {
    await withProvider({ apiVersion: '0.8.1' }, async (p) => {
      const path = newSinkPath();
      const apiKey = `qodcb-${randomUUID()}`;
      const created = await create(p, {
        ueId: { msisdn: DEVICE.phoneNumber },
        asId: { ipv4addr: APP_SERVER.ipv4Address },
        qos: 'QOS_E',
        duration: 1,
        notificationUrl: sinkUrlFor(sink.access(), path),
        notificationAuthToken: apiKey,
      });
      expect(created.status).toBe(201);
      const [event] = await awaitRecords(sink, path, 1, 5_000);
      const url = new URL(event!.path, 'http://sink.invalid');
      expect(url.pathname).toBe(`${path}/notifications`);
      expect(url.searchParams.get('apikey')).toBe(apiKey);
      expect(event!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(event!.body)).toEqual({ sessionId: created.body.id, event: 'SESSION_TERMINATED' });
    });
  });
});
