// The suite's HTTP client (undici): sends one request to the endpoint, records the exchange with
// secrets redacted, paces requests, decodes content codings and retries transient answers
// (429, 503: RFC 9110 §15.6.4, RFC 6585 §4) within bounds.
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { curlLine } from '../evidence/curl.js';
import { redactHeaders, redactText } from '../evidence/redact.js';
import type { RecordedExchange } from '../evidence/types.js';
import type { ApiKind } from '../spec/types.js';
import { Pacer, sleep } from './pacer.js';

export type { ApiKind };

export interface ApiRequest {
  api?: ApiKind;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  /** Path relative to the API base, e.g. "/sessions". */
  path: string;
  operationId?: string;
  /** JSON body (serialised here). */
  body?: unknown;
  /** Body text sent as is (malformed JSON tests). */
  rawBody?: string;
  /** Content-Type; default application/json when a body is sent; null sends none. */
  contentType?: string | null;
  /** Bearer token; default the run's token; null sends no Authorization header. */
  token?: string | null;
  /** A raw Authorization value (malformed credentials). */
  authorization?: string;
  /** x-correlator; default a fresh UUID; null sends none. */
  xCorrelator?: string | null;
  headers?: Record<string, string>;
  /** Do not retry a 429 (rate-limit scenarios want to see it); a 503 is still retried. */
  noRetry?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body; undefined when empty or not JSON. */
  json: unknown;
  jsonError?: string;
  correlatorSent?: string;
  exchange: RecordedExchange;
  /** Earlier attempts of this request that got a transient answer (evidence of the retries). */
  retried?: RecordedExchange[];
}

/** The endpoint did not answer with HTTP (refused, reset, timeout, TLS, oversize body). */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly code: string,
    readonly exchange: RecordedExchange,
  ) {
    super(message);
  }
}

export interface HttpClientOptions {
  baseUrl: string;
  profilesUrl?: string;
  token?: string;
  timeoutMs: number;
  maxRps: number;
  concurrency: number;
  insecure: boolean;
  secrets: readonly string[];
  /** Largest response body read; a larger one is a transport error. */
  maxBodyBytes?: number;
  onExchange?: (exchange: RecordedExchange) => void;
  /** Asked for the run's token before each request that uses it (a token renewed before expiry). */
  tokenProvider?: () => Promise<string | undefined>;
  /** A pacer shared with other clients (--max-rps and --concurrency hold across them). */
  pacer?: Pacer;
}

const MAX_RETRY_AFTER_MS = 5_000;
/** Requests this process put on the wire, every attempt (429 and stale-socket retries included). */
let wireRequests = 0;

/** How many requests this process has sent to endpoints so far (retries included). */
export function wireRequestCount(): number {
  return wireRequests;
}

/** Requests already handed to a count (takeUnreportedRequests): kept here, with the count itself. */
let reportedRequests = 0;

/**
 * The requests sent since the last call, for a worker to add to its run's count once. The state
 * lives in this module, which stays loaded from file to file, not in the setup file, which vitest
 * evaluates again before every file.
 */
export function takeUnreportedRequests(): number {
  const unreported = wireRequests - reportedRequests;
  reportedRequests = wireRequests;
  return unreported;
}
/** Retries of a transient answer (429, 503) before it is returned as it is. */
export const MAX_TRANSIENT_RETRIES = 2;
let seq = 0;

/**
 * An answer any operation may give for reasons outside the API's rules: 429 (a gateway's or the
 * Design Guide's rate limit) and 503 (RFC 9110 §15.6.4: temporary overload or maintenance, with or
 * without Retry-After). `noRetry` requests want to see a 429 and only treat 503 as transient.
 */
export function isTransient(res: Pick<ApiResponse, 'status'>, req: Pick<ApiRequest, 'noRetry'>): boolean {
  return res.status === 503 || (res.status === 429 && !req.noRetry);
}

/** Wait before retrying a transient answer: its Retry-After (seconds or an HTTP date), bounded; 1 s without one. */
export function retryDelayMs(headers: Record<string, string>): number {
  const raw = headers['retry-after']?.trim() ?? '';
  const ms = /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : 1000;
}

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly pacer: Pacer;

  constructor(private readonly options: HttpClientOptions) {
    // Idle sockets are dropped well before common server keep-alive timeouts (Node: 5 s), so a
    // request never goes out on a connection the server has just closed: that would look like an
    // endpoint fault when it is not.
    this.dispatcher = new Agent({
      connect: { rejectUnauthorized: !options.insecure },
      connections: options.concurrency,
      keepAliveTimeout: 1_000,
      keepAliveMaxTimeout: 1_000,
    });
    this.pacer = options.pacer ?? new Pacer(options.maxRps, options.concurrency);
  }

  urlFor(api: ApiKind, path: string): string {
    // The base URL is the API under test's ('qod' or 'provisioning'); QoS Profiles has its own.
    const base = api === 'profiles' ? this.options.profilesUrl : this.options.baseUrl;
    if (!base) throw new Error(`no base URL for the ${api} API`);
    return `${base}${path}`;
  }

  async send(req: ApiRequest): Promise<ApiResponse> {
    const retried: RecordedExchange[] = [];
    for (let attempt = 0; ; attempt++) {
      const response = await this.sendOnceRetryingStaleSocket(req);
      if (!isTransient(response, req) || attempt >= MAX_TRANSIENT_RETRIES) return retried.length > 0 ? { ...response, retried } : response;
      retried.push(response.exchange);
      await sleep(retryDelayMs(response.headers));
    }
  }

  /** An idempotent request whose reused connection was closed under it is sent once more. */
  private async sendOnceRetryingStaleSocket(req: ApiRequest): Promise<ApiResponse> {
    try {
      return await this.sendOnce(req);
    } catch (error) {
      const stale = error instanceof TransportError && (error.code === 'UND_ERR_SOCKET' || error.code === 'ECONNRESET');
      if (!stale || (req.method !== 'GET' && req.method !== 'DELETE')) throw error;
      return this.sendOnce(req);
    }
  }

  private buildHeaders(req: ApiRequest): { headers: Record<string, string>; body?: string; correlator?: string } {
    const headers: Record<string, string> = { accept: 'application/json' };
    const body = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const contentType = req.contentType === undefined ? (body !== undefined ? 'application/json' : undefined) : req.contentType;
    if (contentType) headers['content-type'] = contentType;
    const token = req.token === undefined ? this.options.token : req.token;
    if (req.authorization !== undefined) headers.authorization = req.authorization;
    else if (token) headers.authorization = `Bearer ${token}`;
    const correlator = req.xCorrelator === undefined ? randomUUID() : (req.xCorrelator ?? undefined);
    if (correlator !== undefined) headers['x-correlator'] = correlator;
    Object.assign(headers, req.headers ?? {});
    return { headers, body, correlator };
  }

  private async sendOnce(req: ApiRequest): Promise<ApiResponse> {
    wireRequests++;
    if (req.token === undefined && req.authorization === undefined && this.options.tokenProvider) {
      req = { ...req, token: (await this.options.tokenProvider()) ?? undefined };
    }
    const url = this.urlFor(req.api ?? 'qod', req.path);
    const { headers, body, correlator } = this.buildHeaders(req);
    const secrets = this.options.secrets;
    // Redact once and reuse for the transcript and the curl line: this runs on every request.
    const shownUrl = redactText(url, secrets);
    const shownHeaders = redactHeaders(headers, secrets);
    const shownBody = body === undefined ? undefined : redactText(body, secrets);
    const exchange: RecordedExchange = {
      seq: ++seq,
      startedAt: '', // set when it is sent, not queued behind the pacer
      durationMs: 0,
      operationId: req.operationId,
      request: { method: req.method, url: shownUrl, headers: shownHeaders, body: shownBody },
      curl: curlLine(req.method, shownUrl, shownHeaders, shownBody),
    };
    const release = await this.pacer.acquire();
    exchange.startedAt = new Date().toISOString();
    const started = performance.now();
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const responseHeaders = flattenHeaders(res.headers);
      const limit = this.options.maxBodyBytes ?? 1024 * 1024;
      const text = decode(await readCapped(res.body, limit, headerValue(res.headers['content-length'])), responseHeaders['content-encoding'], limit);
      exchange.durationMs = Math.round(performance.now() - started);
      exchange.response = {
        status: res.statusCode,
        headers: redactHeaders(responseHeaders, secrets),
        body: text ? redactText(text, secrets) : undefined,
      };
      this.options.onExchange?.(exchange);
      const { json, jsonError } = parseJson(text);
      return { status: res.statusCode, headers: responseHeaders, text, json, jsonError, correlatorSent: correlator, exchange };
    } catch (error) {
      exchange.durationMs = Math.round(performance.now() - started);
      const { code, message } = describeTransportError(error, this.options.timeoutMs);
      exchange.error = message;
      this.options.onExchange?.(exchange);
      throw new TransportError(`${req.method} ${redactText(url, secrets)}: ${message}`, code, exchange);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number, declaredLength?: string): Promise<Buffer> {
  // A declared small body is read in one go (the common case); anything else chunk by chunk.
  const declared = declaredLength === undefined ? NaN : Number(declaredLength);
  if (Number.isFinite(declared) && declared <= limit) return Buffer.from(await body.arrayBuffer());
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLarge(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Undoes the content codings a gateway may apply (RFC 9110 §8.4: the request sent no
 *  Accept-Encoding, so any coding is acceptable, §12.5.3), last applied first; the text is UTF-8. */
export function decode(raw: Buffer, contentEncoding: string | undefined, limit: number): string {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let body = raw;
  for (const coding of codings.reverse()) {
    const options = { maxOutputLength: limit };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body, options);
      else if (coding === 'deflate') body = inflateSync(body, options);
      else if (coding === 'br') body = brotliDecompressSync(body, options);
      else break; // unknown coding: the raw bytes are the evidence
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLarge(limit);
      break; // not decodable as declared: the raw bytes are the evidence
    }
  }
  return body.toString('utf8');
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(text: string): { json: unknown; jsonError?: string } {
  if (!text.trim()) return { json: undefined };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { json: undefined, jsonError: (error as Error).message };
  }
}

export function describeTransportError(error: unknown, timeoutMs: number): { code: string; message: string } {
  if (error instanceof BodyTooLarge) return { code: 'QOD_BODY_TOO_LARGE', message: error.message };
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return { code: 'QOD_TIMEOUT', message: `no complete answer within ${timeoutMs} ms` };
  }
  const code = e?.cause?.code ?? e?.code ?? 'QOD_TRANSPORT';
  const detail = e?.cause?.message ?? e?.message ?? String(error);
  return { code, message: `${code}: ${detail}` };
}
