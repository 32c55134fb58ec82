// The suite's HTTP client (undici): sends one request to the endpoint, records the exchange with
// secrets redacted, paces requests and honours 429 Retry-After within bounds.
import { randomUUID } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';
import { curlLine } from '../evidence/curl.js';
import { redactHeaders, redactText } from '../evidence/redact.js';
import type { RecordedExchange } from '../evidence/types.js';
import { Pacer, sleep } from './pacer.js';

export type ApiKind = 'qod' | 'profiles';

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
  /** Do not retry a 429 (rate-limit scenarios want to see it). */
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
const MAX_429_RETRIES = 2;
let seq = 0;

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
    const base = api === 'profiles' ? this.options.profilesUrl : this.options.baseUrl;
    if (!base) throw new Error(`no base URL for the ${api} API`);
    return `${base}${path}`;
  }

  async send(req: ApiRequest): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.sendOnceRetryingStaleSocket(req);
      if (response.status !== 429 || req.noRetry || attempt >= MAX_429_RETRIES) return response;
      const retryAfter = Number.parseInt(response.headers['retry-after'] ?? '', 10);
      await sleep(Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : 1000);
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
    const correlator = req.xCorrelator === undefined ? randomUUID() : req.xCorrelator ?? undefined;
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
      const text = await readCapped(res.body, this.options.maxBodyBytes ?? 1024 * 1024, headerValue(res.headers['content-length']));
      const responseHeaders = flattenHeaders(res.headers);
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

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number, declaredLength?: string): Promise<string> {
  // A declared small body is read in one go (the common case); anything else chunk by chunk.
  const declared = declaredLength === undefined ? NaN : Number(declaredLength);
  if (Number.isFinite(declared) && declared <= limit) return body.text();
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
  return Buffer.concat(chunks).toString('utf8');
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
