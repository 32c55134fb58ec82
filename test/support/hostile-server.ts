// A loopback endpoint that misbehaves on purpose, to prove that qod-conformance turns broken or
// hostile endpoints into clear failed checks (never a crash, never a run without end).
//
// The mode is the first path segment: http://127.0.0.1:PORT/<mode>/quality-on-demand/v1/...
// * single-behaviour modes (hang, reset, slow-body, huge-body, invalid-json, html-error, redirect):
//   the preflight request (GET .../sessions/<uuid>) gets a clean 404 NOT_FOUND, so the run gets past
//   the preflight and every check meets the misbehaviour;
// * `all-hang`, `all-reset`: the preflight too (nothing is reachable);
// * `mixed` (needs `upstream` and `runToken`): one behaviour per operation (MIXED_BEHAVIOUR), so one
//   run meets them all; requests with the run's token to create, read and delete sessions are
//   forwarded to the upstream (a real provider), so sessions exist while checks fail around them;
// * `not-found`: a clean 404 for everything (over TLS the certificate is the problem).
// `startRecordingProxy` forwards everything to an upstream and shows each exchange to the test.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';
import { generateSinkCertificate } from '../../src/sink/cert.js';

export const BEHAVIOURS = {
  hang: 'never answers',
  reset: 'resets the connection',
  'slow-body': 'sends headers, then drips the body one byte every 200 ms',
  'huge-body': 'answers 200 with a 2 MiB body',
  'invalid-json': 'answers 401 labelled application/json with a body that is not JSON',
  'html-error': "answers 502 with a proxy's HTML error page",
  redirect: 'redirects (302) to a login page',
} as const;
export type Behaviour = keyof typeof BEHAVIOURS;

export type HostileMode = Behaviour | 'all-hang' | 'all-reset' | 'mixed' | 'not-found';

/** `mixed` mode: the behaviour each operation meets (unless forwarded, see above). */
export const MIXED_BEHAVIOUR: Record<string, Behaviour> = {
  createSession: 'invalid-json',
  getSession: 'hang',
  deleteSession: 'slow-body',
  extendQosSessionDuration: 'reset',
  retrieveSessionsByDevice: 'huge-body',
  getQosProfile: 'html-error',
  retrieveQoSProfiles: 'redirect',
};
const FORWARDED_WITH_RUN_TOKEN = new Set(['createSession', 'getSession', 'deleteSession']);

export interface HostileServer {
  /** Origin, e.g. http://127.0.0.1:40123 (https://... for a TLS server). */
  origin: string;
  /** The QoD base URL of a mode. */
  baseUrl(mode: HostileMode): string;
  /** Requests received per mode (the preflight included). */
  hits(mode: HostileMode): number;
  close(): Promise<void>;
}

const HUGE = 2 * 1024 * 1024;

/** The operation a request targets, from its path below the API base (QoD and QoS Profiles). */
export function operationOf(method: string, apiPath: string): string | undefined {
  if (method === 'POST' && apiPath === '/sessions') return 'createSession';
  if (/^\/sessions\/[^/]+$/.test(apiPath)) return method === 'GET' ? 'getSession' : method === 'DELETE' ? 'deleteSession' : undefined;
  if (method === 'POST' && /^\/sessions\/[^/]+\/extend$/.test(apiPath)) return 'extendQosSessionDuration';
  if (method === 'POST' && apiPath === '/retrieve-sessions') return 'retrieveSessionsByDevice';
  if (method === 'GET' && /^\/qos-profiles\/[^/]+$/.test(apiPath)) return 'getQosProfile';
  if (method === 'POST' && apiPath === '/retrieve-qos-profiles') return 'retrieveQoSProfiles';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ForwardedExchange {
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseBody: string;
}

/** Sends the request to `upstream` + `path` and copies the answer back. */
async function forward(upstream: string, path: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<ForwardedExchange> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
  const up = await request(`${upstream}${path}`, { method: req.method as 'GET', headers, body: body.length ? body : undefined });
  const text = await up.body.text();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(up.headers)) if (typeof v === 'string' && !['connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)) out[k] = v;
  res.writeHead(up.statusCode, out);
  res.end(text);
  return { method: req.method ?? 'GET', path, requestHeaders: headers, requestBody: body.toString('utf8'), status: up.statusCode, responseBody: text };
}

function misbehave(behaviour: Behaviour, req: IncomingMessage, res: ServerResponse, echo: Record<string, string>, timers: Set<NodeJS.Timeout>): void {
  switch (behaviour) {
    case 'hang':
      return; // the socket stays open until the client gives up (or close())
    case 'reset':
      req.socket.destroy();
      return;
    case 'slow-body': {
      res.writeHead(200, { 'content-type': 'application/json', ...echo });
      res.write('{');
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
        } else res.write(' ');
      }, 200);
      timers.add(timer);
      return;
    }
    case 'huge-body':
      res.writeHead(200, { 'content-type': 'application/json', ...echo });
      res.end(`{"padding":"${'x'.repeat(HUGE)}"}`);
      return;
    case 'invalid-json':
      res.writeHead(401, { 'content-type': 'application/json', ...echo });
      res.end('{"status": 401, "code": "UNAUTHENTICATED", "message": "Request not authenticated due to');
      return;
    case 'html-error':
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
      return;
    case 'redirect':
      res.writeHead(302, { location: 'https://login.example.invalid/authorize?continue=qod', 'content-type': 'text/html' });
      res.end('<a href="https://login.example.invalid/authorize?continue=qod">Found</a>');
      return;
  }
}

interface Options {
  tls?: boolean;
  /** Origin of a real provider (`mixed` mode forwards to it). */
  upstream?: string;
  /** The token the run uses (`mixed` mode forwards requests carrying it). */
  runToken?: string;
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: Options, hits: Map<string, number>, timers: Set<NodeJS.Timeout>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hostile.invalid');
  const [, mode = '', ...rest] = url.pathname.split('/');
  hits.set(mode, (hits.get(mode) ?? 0) + 1);
  const body = await readBody(req);
  const apiPath = `/${rest.slice(2).join('/')}`; // below quality-on-demand/v1 or qos-profiles/v1
  const correlator = req.headers['x-correlator'];
  const echo: Record<string, string> = typeof correlator === 'string' ? { 'x-correlator': correlator } : {};
  const notFound = () => {
    res.writeHead(404, { 'content-type': 'application/json', ...echo });
    res.end(JSON.stringify({ status: 404, code: 'NOT_FOUND', message: 'The specified resource is not found.' }));
  };
  const preflight = req.method === 'GET' && /^\/sessions\/[0-9a-f-]{36}$/i.test(apiPath);

  if (mode === 'all-hang') return misbehave('hang', req, res, echo, timers);
  if (mode === 'all-reset') return misbehave('reset', req, res, echo, timers);
  if (mode === 'not-found') return notFound();
  if (mode === 'mixed') {
    const op = operationOf(req.method ?? 'GET', apiPath);
    const withRunToken = req.headers.authorization === `Bearer ${opts.runToken}`;
    if (op && withRunToken && FORWARDED_WITH_RUN_TOKEN.has(op) && opts.upstream) {
      await forward(opts.upstream, `/${rest.join('/')}${url.search}`, req, body, res);
      return;
    }
    return misbehave((op && MIXED_BEHAVIOUR[op]) || 'hang', req, res, echo, timers);
  }
  if (mode in BEHAVIOURS) return preflight ? notFound() : misbehave(mode as Behaviour, req, res, echo, timers);
  notFound();
}

/** Starts the server on a free loopback port; `tls: true` serves HTTPS with a fresh self-signed certificate. */
export async function startHostileServer(opts: Options = {}): Promise<HostileServer> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, opts, hits, timers).catch(() => res.destroy());
  };
  let server: Server;
  if (opts.tls) {
    const cert = await generateSinkCertificate([]);
    server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, listener);
    server.on('tlsClientError', () => {}); // a client refusing our certificate is the point
  } else {
    server = createHttpServer(listener);
  }
  const origin = await listen(server, opts.tls ? 'https' : 'http');
  return {
    origin,
    baseUrl: (mode) => `${origin}/${mode}/quality-on-demand/v1`,
    hits: (mode) => hits.get(mode) ?? 0,
    close: () => {
      for (const t of timers) clearInterval(t);
      return closeServer(server);
    },
  };
}

/** A transparent proxy to `upstream` that shows every exchange to `onExchange` (e.g. to collect
 *  the secrets a run sent). */
export async function startRecordingProxy(upstream: string, onExchange: (ex: ForwardedExchange) => void): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createHttpServer((req, res) => {
    (async () => {
      const body = await readBody(req);
      onExchange(await forward(upstream, req.url ?? '/', req, body, res));
    })().catch(() => res.destroy());
  });
  const origin = await listen(server, 'http');
  return { origin, close: () => closeServer(server) };
}

const sockets = new WeakMap<Server, Set<Socket>>();

async function listen(server: Server, scheme: 'http' | 'https'): Promise<string> {
  const open = new Set<Socket>();
  sockets.set(server, open);
  // 'connection' is the raw TCP socket, for https too (also one that never finishes its handshake).
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  for (const s of sockets.get(server) ?? []) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
