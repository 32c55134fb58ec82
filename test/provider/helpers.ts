// Test helpers: start the provider, call it with undici, and validate EVERY response through the
// spec layer, against the 1.1.0 spec or the document a caller gives (callTarget), so each test also
// proves the provider is conformant.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { expect } from 'vitest';
import type { RunningProvider } from '../../src/provider/index.js';
import { generateSinkCertificate } from '../../src/sink/cert.js';
import { loadSpec } from '../../src/spec/load.js';
import { createValidators } from '../../src/spec/validators.js';
import type { SpecValidators, Violation } from '../../src/spec/types.js';

export const FIX = {
  token: 'qodtok-default-3f9a61c2d84e',
  second: 'qodtok-second-client-b71e04a9',
  expired: 'qodtok-expired-5c2d8e17f0ab',
  missingScope: 'qodtok-missing-scope-9e4b2a7c',
  threeLegged: 'qodtok-three-legged-d13f6b8e',
  known: { phoneNumber: '+34600000001' },
  appServer: { ipv4Address: '198.51.100.10' },
} as const;

let validatorsPromise: Promise<SpecValidators> | undefined;
export function specValidators(): Promise<SpecValidators> {
  validatorsPromise ??= loadSpec({ version: '1.1.0' }).then(createValidators);
  return validatorsPromise;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  rawBody?: string;
  contentType?: string | null;
  correlator?: string | null;
  /** Skip the spec check (for deliberately broken providers). */
  unchecked?: boolean;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
  violations: Violation[];
}

/** Operation → [method, API]. Paths are given by the caller relative to the API base. */
const OPS: Record<string, ['GET' | 'POST' | 'DELETE', 'qod' | 'profiles']> = {
  createSession: ['POST', 'qod'],
  getSession: ['GET', 'qod'],
  deleteSession: ['DELETE', 'qod'],
  extendQosSessionDuration: ['POST', 'qod'],
  retrieveSessionsByDevice: ['POST', 'qod'],
  retrieveQoSProfiles: ['POST', 'profiles'],
  getQosProfile: ['GET', 'profiles'],
};

/** Where a request goes, and the document its answer is validated against. */
export interface CallTarget {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  operationId: string;
  validators: SpecValidators;
}

let counter = 0;

/** A QoD or QoS Profiles operation at `path` of its API, validated against the 1.1.0 spec. */
export async function call(p: RunningProvider, operationId: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const [method, api] = OPS[operationId]!;
  return callTarget({ method, url: (api === 'qod' ? p.baseUrl : p.profilesUrl) + path, operationId, validators: await specValidators() }, opts);
}

/** One request; its answer must conform to `target.validators`' spec unless `opts.unchecked`. */
export async function callTarget(target: CallTarget, opts: CallOptions = {}): Promise<CallResult> {
  const { method, url, operationId, validators } = target;
  const correlator = opts.correlator === undefined ? `test-${++counter}` : opts.correlator;
  const headers: Record<string, string> = {};
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? FIX.token}`;
  if (correlator !== null) headers['x-correlator'] = correlator;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined && opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await request(url, { method, headers, body: payload });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const violations = validators.validateResponse(operationId, {
    status: res.statusCode,
    contentType: flat['content-type'],
    headers: flat,
    body,
    bodyText: text,
    requestCorrelator: correlator ?? undefined,
  });
  if (!opts.unchecked) expect(violations, `${operationId} ${res.statusCode} ${text}`).toEqual([]);
  return { status: res.statusCode, headers: flat, body, text, violations };
}

/** Asserts a CAMARA error: status, body.status, body.code. */
export function expectError(r: CallResult, status: number, code: string): void {
  expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { status, code } });
  expect(typeof (r.body as { message?: unknown }).message).toBe('string');
}

export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { device: FIX.known, applicationServer: FIX.appServer, qosProfile: 'QOS_E', duration: 60, ...overrides };
}

export interface ReceivedCallback {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface TestSink {
  url: string;
  ca: string;
  received: ReceivedCallback[];
  /** Resolves once `count` callbacks arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** A minimal HTTPS callback receiver with a self-signed certificate; answers 204. */
export async function startTestSink(): Promise<TestSink> {
  const cert = await generateSinkCertificate([]);
  const received: ReceivedCallback[] = [];
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/callbacks`,
    ca: cert.certPem,
    received,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await sleep(20);
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
