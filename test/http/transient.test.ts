// The client's handling of what a gateway does to any answer: transient 429/503 retried within
// bounds (then handed to the check as "cannot check"), content codings decoded; the token
// endpoint treated alike.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { fetchClientCredentialsToken } from '../../src/runner/token.js';
import { transientSkipNote } from '../../src/suite/transient.js';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A server giving the answers in order (the last one repeats). */
async function serve(answers: Answer[]): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    answers[Math.min(n++, answers.length - 1)]!(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n };
}

const unavailable: Answer = (_req, res) => res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"status":503,"code":"UNAVAILABLE","message":"later"}');
const gzipped =
  (body: unknown): Answer =>
  (_req, res) => {
    const z = gzipSync(JSON.stringify(body));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip', 'content-length': z.length }).end(z);
  };

function client(baseUrl: string): HttpClient {
  return new HttpClient({ baseUrl, timeoutMs: 5_000, maxRps: 0, concurrency: 4, insecure: false, secrets: [] });
}

describe('transient answers and content codings', () => {
  it('retries a 503 (even for a request that wants to see a 429), keeps the attempt, decodes gzip', async () => {
    const s = await serve([unavailable, gzipped({ ok: true })]);
    const res = await client(s.url).send({ method: 'GET', path: '/x', noRetry: true });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(res.retried?.map((e) => e.response?.status)).toEqual([503]);
    expect(transientSkipNote({ method: 'GET', path: '/x' }, res)).toBeUndefined();
  });

  it('gives up after the bounded retries; the check then cannot check, with the evidence', async () => {
    const s = await serve([unavailable]);
    const res = await client(s.url).send({ method: 'GET', path: '/x' });
    expect(res.status).toBe(503);
    expect(s.hits()).toBe(3);
    expect(transientSkipNote({ method: 'GET', path: '/x' }, res)).toMatch(/^cannot check: the endpoint answered GET \/x with HTTP 503 UNAVAILABLE \(Retry-After: 0\) 3 times in a row/);
  });

  it('a 429 is transient unless the request wants to see it', async () => {
    const tooMany: Answer = (_req, res) => res.writeHead(429, { 'retry-after': '0' }).end();
    const s = await serve([tooMany]);
    const wanted = await client(s.url).send({ method: 'GET', path: '/x', noRetry: true });
    expect(wanted.status).toBe(429);
    expect(s.hits()).toBe(1);
    expect(transientSkipNote({ method: 'GET', path: '/x', noRetry: true }, wanted)).toBeUndefined();
  });

  it('the token endpoint: a 503 is retried and a gzip answer read', async () => {
    const s = await serve([unavailable, gzipped({ access_token: 'tok-1', expires_in: 60 })]);
    const token = await fetchClientCredentialsToken({ tokenUrl: `${s.url}/token`, clientId: 'c', clientSecret: 's' }, 5_000);
    expect(token.accessToken).toBe('tok-1');
  });
});
