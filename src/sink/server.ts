// The webhook sink: receives the provider's callbacks in the CLI process and serves them to the
// suites through the control API. Silent by design: callbacks carry credentials in headers.
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SinkAccess } from '../config/types.js';
import type { SinkRecord } from '../evidence/types.js';
import { generateSinkCertificate } from './cert.js';
import { handleControl, isControlPath } from './control.js';
import { receiveCallback } from './receive.js';
import { RecordStore } from './store.js';
import { CONTROL_PREFIX, DEFAULT_MAX_BODY_BYTES, type ReceivedRecord } from './types.js';

export interface SinkOptions {
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Port to bind; default 0 (any free port). */
  port?: number;
  /** URL the provider should post to when it cannot reach the bind address (tunnel, NAT). */
  publicUrl?: string;
  /** Plain http instead of https (for providers that cannot be told to trust our certificate). */
  http?: boolean;
  /** Cap on a recorded body; default 256 KiB. */
  maxBodyBytes?: number;
}

export interface RunningSink {
  publicUrl: string;
  controlUrl: string;
  controlToken: string;
  /** PEM of the self-signed certificate; undefined in http mode. */
  caCertPem: string | undefined;
  access(): SinkAccess;
  records(): SinkRecord[];
  close(): Promise<void>;
}

export async function startSink(opts: SinkOptions = {}): Promise<RunningSink> {
  const host = opts.host ?? '127.0.0.1';
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const http = opts.http === true;
  const publicHost = opts.publicUrl === undefined ? undefined : new URL(opts.publicUrl).hostname;
  const controlToken = randomBytes(32).toString('hex');
  const store = new RecordStore();

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (isControlPath(req.url ?? '')) handleControl(req, res, store, controlToken);
    else receiveCallback(req, res, store, maxBodyBytes);
  };

  let caCertPem: string | undefined;
  let server: Server;
  if (http) {
    server = createHttpServer(onRequest);
  } else {
    const cert = await generateSinkCertificate(publicHost === undefined ? [host] : [host, publicHost]);
    caCertPem = cert.certPem;
    server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, onRequest);
  }
  // Without these listeners Node would not log, but make the silence explicit and keep a bad
  // client (TLS handshake refused, garbage request line) from affecting anything else.
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => socket.destroy());

  await listen(server, host, opts.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const scheme = http ? 'http' : 'https';
  const origin = `${scheme}://${urlHost(loopbackFor(host))}:${port}`;
  const publicUrl = (opts.publicUrl ?? origin).replace(/\/+$/, '');
  const controlUrl = `${origin}${CONTROL_PREFIX}`;

  return {
    publicUrl,
    controlUrl,
    controlToken,
    caCertPem,
    access: () => ({ publicUrl, controlUrl, controlToken, http, ...(caCertPem === undefined ? {} : { caCertPem }) }),
    records: (): ReceivedRecord[] => store.all(),
    close: () => close(server),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve(); // idempotent: a second close() is a no-op
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections from providers would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/** The control API is reached over loopback; a wildcard bind is reachable there too. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
