// A loopback endpoint that misbehaves on purpose, to prove that qod-conformance turns broken or
// hostile endpoints into clear failed checks (never a crash, never a run without end).
//
// The mode is the first path segment: http://127.0.0.1:PORT/<mode>/quality-on-demand/v1/...
// In every mode except the `all-*` ones, the preflight request (GET .../sessions/<uuid>) gets a
// clean 404 NOT_FOUND so the run gets past the preflight and each check meets the misbehaviour.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generateSinkCertificate } from '../../src/sink/cert.js';

export const HOSTILE_MODES = {
  /** Accepts the request and never answers. */
  hang: 'never answers',
  /** Closes the connection without an answer. */
  reset: 'resets the connection',
  /** Sends the status line and headers, then the body one byte at a time, far too slowly. */
  'slow-body': 'drips the body, one byte every 200 ms',
  /** A 200 with a body of 2 MiB. */
  'huge-body': 'answers with a 2 MiB body',
  /** A 401 labelled application/json whose body is not JSON. */
  'invalid-json': 'answers with a body that is not JSON',
  /** A 502 HTML error page, as a proxy in front of a dead backend would. */
  'html-error': 'answers 502 with an HTML error page',
  /** A 302 to a login page. */
  redirect: 'redirects to a login page',
  /** Every request hangs, the preflight too: nothing is reachable. */
  'all-hang': 'never answers anything',
  /** Every request is reset, the preflight too. */
  'all-reset': 'resets every connection',
  /** A clean 404 for everything (used over TLS: the certificate is the problem). */
  'not-found': 'answers 404 NOT_FOUND to everything',
} as const;

export type HostileMode = keyof typeof HOSTILE_MODES;

export interface HostileServer {
  /** Origin, e.g. http://127.0.0.1:40123 (https://... for a TLS server). */
  origin: string;
  /** The QoD base URL of a mode. */
  baseUrl(mode: HostileMode): string;
  /** Requests received per mode (the preflight included). */
  hits(mode: HostileMode): number;
  close(): Promise<void>;
}

const PREFLIGHT = /^\/sessions\/[0-9a-f-]{36}$/i;
const HUGE = 2 * 1024 * 1024;

function handle(req: IncomingMessage, res: ServerResponse, hits: Map<string, number>, timers: Set<NodeJS.Timeout>): void {
  const url = new URL(req.url ?? '/', 'http://hostile.invalid');
  const [, mode = '', ...rest] = url.pathname.split('/');
  hits.set(mode, (hits.get(mode) ?? 0) + 1);
  const apiPath = `/${rest.slice(2).join('/')}`; // after quality-on-demand/v1 (or qos-profiles/v1)
  const correlator = req.headers['x-correlator'];
  const echo: Record<string, string> = typeof correlator === 'string' ? { 'x-correlator': correlator } : {};
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', ...echo });
    res.end(JSON.stringify(body));
  };
  req.resume(); // drain any request body

  if (!mode.startsWith('all-') && req.method === 'GET' && PREFLIGHT.test(apiPath)) {
    return json(404, { status: 404, code: 'NOT_FOUND', message: 'The specified resource is not found.' });
  }
  switch (mode as HostileMode) {
    case 'hang':
    case 'all-hang':
      return; // the socket stays open until the client gives up (or close())
    case 'reset':
    case 'all-reset':
      req.socket.destroy();
      return;
    case 'slow-body': {
      res.writeHead(200, { 'content-type': 'application/json', ...echo });
      res.write('{');
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return;
        }
        res.write(' ');
      }, 200);
      timers.add(timer);
      return;
    }
    case 'huge-body': {
      res.writeHead(200, { 'content-type': 'application/json', ...echo });
      res.end(`{"padding":"${'x'.repeat(HUGE)}"}`);
      return;
    }
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
    case 'not-found':
      return json(404, { status: 404, code: 'NOT_FOUND', message: 'The specified resource is not found.' });
    default:
      return json(404, { status: 404, code: 'NOT_FOUND', message: `unknown hostile mode "${mode}"` });
  }
}

/** Starts the server on a free loopback port; `tls: true` serves HTTPS with a fresh self-signed certificate. */
export async function startHostileServer(opts: { tls?: boolean } = {}): Promise<HostileServer> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => handle(req, res, hits, timers);
  let server: Server;
  if (opts.tls) {
    const cert = await generateSinkCertificate([]);
    server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, listener);
    server.on('secureConnection', (socket: Socket) => trackSocket(sockets, socket));
  } else {
    server = createHttpServer(listener);
  }
  server.on('connection', (socket: Socket) => trackSocket(sockets, socket));
  // A client that gives up on a TLS handshake is not our error.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: (mode) => `${origin}/${mode}/quality-on-demand/v1`,
    hits: (mode) => hits.get(mode) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function trackSocket(sockets: Set<Socket>, socket: Socket): void {
  sockets.add(socket);
  socket.once('close', () => sockets.delete(socket));
}
