import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { Agent, request } from 'undici';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fetchRecords, waitForRecords } from '../../src/sink/client.js';
import { startSink, type RunningSink } from '../../src/sink/server.js';
import type { ReceivedRecord } from '../../src/sink/types.js';
import { post, trustingAgent } from './helpers.js';

describe('https sink', () => {
  let sink: RunningSink;
  let agent: Agent;
  beforeAll(async () => {
    sink = await startSink({ maxBodyBytes: 1024 });
    agent = trustingAgent(sink) as Agent;
  });
  afterAll(async () => {
    await agent.close();
    await sink.close();
  });

  test('serves https on loopback with a certificate the control client is given', () => {
    expect(sink.publicUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sink.controlUrl).toBe(`${sink.publicUrl}/_qod-sink`);
    expect(sink.controlToken).toMatch(/^[0-9a-f]{64}$/);
    expect(sink.caCertPem).toContain('BEGIN CERTIFICATE');
    expect(sink.access()).toEqual({
      publicUrl: sink.publicUrl,
      controlUrl: sink.controlUrl,
      controlToken: sink.controlToken,
      http: false,
      caCertPem: sink.caCertPem,
    });
  });

  test('records every request as received and answers 204', async () => {
    const status = await post(agent, `${sink.publicUrl}/cb/rec?x=1&y=2`, '{"hello":"world"}', {
      'Content-Type': 'application/cloudevents+json',
      Authorization: 'Bearer secret-token',
      'X-Custom': 'A',
    });
    expect(status).toBe(204);
    const res = await request(`${sink.publicUrl}/cb/rec/other`, { method: 'PUT', body: 'plain', dispatcher: agent });
    expect(res.statusCode).toBe(204);
    await res.body.dump();

    const records = await fetchRecords(sink.access(), '/cb/rec');
    expect(records.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/cb/rec?x=1&y=2'],
      ['PUT', '/cb/rec/other'],
    ]);
    const [first, second] = records;
    expect(first?.body).toBe('{"hello":"world"}');
    expect(first?.headers).toMatchObject({
      'content-type': 'application/cloudevents+json',
      authorization: 'Bearer secret-token',
      'x-custom': 'A',
    });
    expect(Object.keys(first?.headers ?? {}).every((k) => k === k.toLowerCase())).toBe(true);
    expect(new Date(first?.receivedAt ?? '').toISOString()).toBe(first?.receivedAt);
    expect((second?.seq ?? 0) > (first?.seq ?? 0)).toBe(true);
  });

  test('the certificate is valid for the name localhost too', async () => {
    const url = sink.publicUrl.replace('127.0.0.1', 'localhost');
    expect(await post(agent, `${url}/cb/by-name`, '{}')).toBe(204);
  });

  test('a client that does not trust the certificate is refused, and the sink is unaffected', async () => {
    await expect(request(`${sink.publicUrl}/cb/untrusted`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(await fetchRecords(sink.access(), '/cb/untrusted')).toEqual([]);
    expect(await post(agent, `${sink.publicUrl}/cb/untrusted`, '{}')).toBe(204);
  });

  test('control API requires the token (401) and control requests are not recorded', async () => {
    const url = `${sink.controlUrl}/records`;
    const none = await request(url, { dispatcher: agent });
    expect(none.statusCode).toBe(401);
    await none.body.dump();
    const wrong = await request(url, { headers: { 'x-qod-sink-token': 'f'.repeat(64) }, dispatcher: agent });
    expect(wrong.statusCode).toBe(401);
    await wrong.body.dump();
    const unknown = await request(`${sink.controlUrl}/nope`, { headers: { 'x-qod-sink-token': sink.controlToken }, dispatcher: agent });
    expect(unknown.statusCode).toBe(404);
    await unknown.body.dump();

    expect(sink.records().some((r) => r.path.startsWith('/_qod-sink'))).toBe(false);
  });

  test('pathPrefix matches whole path segments; afterSeq filters by seq', async () => {
    await post(agent, `${sink.publicUrl}/cb/seg`, '1');
    await post(agent, `${sink.publicUrl}/cb/seg/notifications?apikey=k`, '2');
    await post(agent, `${sink.publicUrl}/cb/segment`, '3');
    const records = await fetchRecords(sink.access(), '/cb/seg');
    expect(records.map((r) => r.body)).toEqual(['1', '2']);
    const after = await fetchRecords(sink.access(), '/cb/seg', records[0]?.seq);
    expect(after.map((r) => r.body)).toEqual(['2']);
  });

  test('a body over the cap is cut at the cap, recorded as truncated and answered 413', async () => {
    const big = 'x'.repeat(5000);
    expect(await post(agent, `${sink.publicUrl}/cb/big`, big)).toBe(413);
    const [record] = (await fetchRecords(sink.access(), '/cb/big')) as ReceivedRecord[];
    expect(record?.body).toBe('x'.repeat(1024));
    expect(record?.truncated).toBe(true);
    // A body exactly at the cap is fine.
    expect(await post(agent, `${sink.publicUrl}/cb/exact`, 'y'.repeat(1024))).toBe(204);
    const [exact] = (await fetchRecords(sink.access(), '/cb/exact')) as ReceivedRecord[];
    expect(exact?.truncated).toBeUndefined();
  });

  test('records() returns copies', async () => {
    await post(agent, `${sink.publicUrl}/cb/copy`, 'a');
    const [record] = sink.records().filter((r) => r.path === '/cb/copy');
    if (record) record.headers['x-injected'] = 'yes';
    expect(sink.records().find((r) => r.path === '/cb/copy')?.headers['x-injected']).toBeUndefined();
  });
});

describe('sink options', () => {
  const spies: Array<{ mockRestore(): void }> = [];
  afterEach(() => spies.splice(0).forEach((s) => s.mockRestore()));

  test('http mode: plain http, no certificate', async () => {
    const sink = await startSink({ http: true });
    try {
      expect(sink.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sink.caCertPem).toBeUndefined();
      expect(sink.access()).not.toHaveProperty('caCertPem');
      expect(sink.access().http).toBe(true);
      const agent = new Agent();
      expect(await post(agent, `${sink.publicUrl}/cb/plain`, '{}')).toBe(204);
      await agent.close();
      expect((await fetchRecords(sink.access(), '/cb/plain')).length).toBe(1);
    } finally {
      await sink.close();
    }
  });

  test('a publicUrl is handed out as is, while control stays on loopback', async () => {
    const sink = await startSink({ http: true, publicUrl: 'https://hooks.example.test:8443/' });
    try {
      expect(sink.publicUrl).toBe('https://hooks.example.test:8443');
      expect(sink.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_qod-sink$/);
      expect(await fetchRecords(sink.access(), '/cb/none')).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  test('wildcard bind: control URL uses 127.0.0.1', async () => {
    const sink = await startSink({ host: '0.0.0.0' });
    try {
      expect(sink.controlUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/_qod-sink$/);
      expect(await fetchRecords(sink.access(), '/cb/none')).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  test('never writes to the console or stdio, even with credentials and TLS failures', async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, method));
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    spies.push(out, err);

    const sink = await startSink({ maxBodyBytes: 10 });
    const agent = trustingAgent(sink);
    await post(agent, `${sink.publicUrl}/cb/quiet`, 'a long body over the cap', { authorization: 'Bearer s3cr3t' });
    await request(`${sink.publicUrl}/cb/quiet`, { method: 'POST', body: '{}' }).catch(() => undefined);
    await request(`${sink.controlUrl}/records`, { dispatcher: agent }).then((r) => r.body.dump());
    await (agent as Agent).close();
    await sink.close();

    for (const spy of spies.slice(0, 5)) expect(spy).not.toHaveBeenCalled();
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });

  test('an upload the sender abandons is still recorded, marked aborted', async () => {
    const sink = await startSink({ http: true });
    try {
      const { hostname, port } = new URL(sink.publicUrl);
      const socket = connect(Number(port), hostname);
      await once(socket, 'connect');
      socket.write('POST /cb/abandoned HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial');
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the server read the part
      socket.destroy();
      const { records } = await waitForRecords(sink.access(), '/cb/abandoned', (rs) => rs.length > 0, 2_000);
      expect(records).toMatchObject([{ body: 'partial', aborted: true }]);
    } finally {
      await sink.close();
    }
  });

  test('close() is idempotent and frees the port', async () => {
    const sink = await startSink({ http: true });
    const { port } = new URL(sink.publicUrl);
    await sink.close();
    await sink.close();
    const again = await startSink({ http: true, port: Number(port) });
    await again.close();
  });
});
