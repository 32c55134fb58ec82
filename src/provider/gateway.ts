// What a conforming API gateway (or the HTTP stack of the backend) may do to any answer, for the
// variants that model it (src/provider/variants.ts): content coding, media type parameters,
// header spelling and extra headers, connection handling and framing, temporary refusals, and the rendering
// of RFC 3339 instants. None of it changes what the API says; every one is allowed by HTTP or by
// RFC 3339, so the suite must accept it.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RequestListener } from './server.js';
import { formatInstant, type InstantStyle } from './time.js';
import type { VariantSet } from './variants.js';

/** How long each temporary refusal window lasts (variants gateway-503, gateway-429). */
const REFUSAL_WINDOW_MS = 250;
/** Fields of an answer that carry an RFC 3339 instant (SessionInfo.startedAt / expiresAt). */
const INSTANT_FIELDS = new Set(['startedAt', 'expiresAt']);

/** The instant style the variants ask for (default: UTC with "Z"). */
export function instantStyle(variants: VariantSet): InstantStyle {
  if (variants.has('time-offset')) return 'offset';
  if (variants.has('time-lowercase')) return 'lowercase';
  return 'utc';
}

/** Wraps the provider's listener with the gateway behaviour of the active variants; `exempt` paths (the token endpoint) pass untouched. */
export function withGateway(listener: RequestListener, variants: VariantSet, exempt: (path: string) => boolean): RequestListener {
  const refusals = refusalsOf(variants);
  const style = instantStyle(variants);
  const rewrites =
    style !== 'utc' ||
    (['gzip-responses', 'charset-param', 'media-type-case', 'gateway-headers', 'connection-close', 'chunked-responses', 'error-details', 'generated-correlator'] as const).some((v) => variants.has(v));
  if (refusals.length === 0 && !rewrites) return listener;
  return (req, res) => {
    if (exempt((req.url ?? '').split('?', 1)[0] ?? '')) return listener(req, res);
    const refusal = refusals.find((r) => r.now());
    if (refusal) {
      req.resume(); // drain the body: the connection stays usable
      const body = JSON.stringify({ status: refusal.status, code: refusal.code, message: refusal.message });
      // A CAMARA gateway echoes x-correlator on its own answers too (API Design Guide: every response).
      const correlator = req.headers['x-correlator'];
      res.writeHead(refusal.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'retry-after': '1',
        ...(typeof correlator === 'string' ? { 'x-correlator': correlator } : {}),
      });
      res.end(body);
      return;
    }
    if (rewrites) rewriteAnswer(req, res, variants, style);
    listener(req, res);
  };
}

interface Refusal {
  status: number;
  code: string;
  message: string;
  now(): boolean;
}

/** gateway-503 / gateway-429: every `period` ms the gateway refuses everything for a short window, with Retry-After: 1. */
function refusalsOf(variants: VariantSet): Refusal[] {
  const started = Date.now();
  const window = (period: number, offset: number) => () => (Date.now() - started + offset) % period < REFUSAL_WINDOW_MS;
  const refusals: Refusal[] = [];
  const period503 = variants.value('gateway-503');
  if (period503 !== undefined) refusals.push({ status: 503, code: 'UNAVAILABLE', message: 'Service temporarily unavailable, retry later.', now: window(period503, 0) });
  const period429 = variants.value('gateway-429');
  // With both on, the 429 windows fall half a period after the 503 ones, so both kinds show.
  const offset = period503 === undefined ? 0 : Math.floor((period429 ?? 0) / 2);
  if (period429 !== undefined) refusals.push({ status: 429, code: 'TOO_MANY_REQUESTS', message: 'Spike arrest: too many requests, retry later.', now: window(period429, offset) });
  return refusals;
}

/** Holds the answer's head until its body is known, then writes both as the gateway would. */
function rewriteAnswer(req: IncomingMessage, res: ServerResponse, variants: VariantSet, style: InstantStyle): void {
  const writeHead = res.writeHead.bind(res) as (status: number, headers: OutgoingHttpHeaders) => ServerResponse;
  const end = res.end.bind(res) as (body?: string | Buffer) => ServerResponse;
  let head: { status: number; headers: OutgoingHttpHeaders } = { status: 200, headers: {} };
  (res as { writeHead: unknown }).writeHead = (status: number, headers?: OutgoingHttpHeaders) => {
    head = { status, headers: { ...(headers ?? {}) } };
    return res;
  };
  (res as { end: unknown }).end = (chunk?: string | Buffer) => {
    const headers: OutgoingHttpHeaders = Object.fromEntries(Object.entries(head.headers).map(([k, v]) => [k.toLowerCase(), v]));
    let body: Buffer | undefined = chunk === undefined ? undefined : Buffer.from(chunk);
    const type = String(headers['content-type'] ?? '');
    if (body && /json/i.test(type) && style !== 'utc') body = Buffer.from(restyleInstants(body.toString('utf8'), style));
    if (body && /json/i.test(type) && head.status >= 400 && variants.has('error-details')) body = Buffer.from(withErrorDetails(body.toString('utf8')));
    if (variants.has('charset-param') && /json/i.test(type) && !/charset/i.test(type)) headers['content-type'] = `${type}; charset=utf-8`;
    if (variants.has('media-type-case') && type) headers['content-type'] = String(headers['content-type']).replace(/^application\/json/i, 'Application/JSON');
    if (body && body.length > 0 && variants.has('gzip-responses')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    if (variants.has('chunked-responses'))
      delete headers['content-length']; // Node then sends Transfer-Encoding: chunked
    else if (body) headers['content-length'] = body.length;
    if (variants.has('connection-close')) headers.connection = 'close';
    if (variants.has('generated-correlator') && req.headers['x-correlator'] === undefined && headers['x-correlator'] === undefined) headers['x-correlator'] = randomUUID();
    if (variants.has('gateway-headers')) {
      if (head.status === 401) headers['www-authenticate'] = 'Bearer realm="api", error="invalid_token"';
      Object.assign(headers, {
        via: '1.1 api-gateway',
        'strict-transport-security': 'max-age=31536000',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '99',
        'x-request-id': 'gw-' + Math.random().toString(36).slice(2),
      });
    }
    writeHead(head.status, variants.has('gateway-headers') ? titleCase(headers) : headers);
    return end(body);
  };
}

/** An error body with the gateway's own fields besides status, code and message (ErrorInfo allows more). */
function withErrorDetails(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return text;
    return JSON.stringify({ ...body, traceId: Math.random().toString(16).slice(2), details: [{ reason: 'gateway', domain: 'api-gateway' }] });
  } catch {
    return text;
  }
}

/** RFC 9110 §5.1: field names are case-insensitive; the gateway spells them X-Correlator, Content-Type. */
function titleCase(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()), v]));
}

/** The answer's instants (startedAt, expiresAt, at any depth) rendered in the gateway's style; the same instants. */
function restyleInstants(text: string, style: InstantStyle): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, INSTANT_FIELDS.has(k) && typeof x === 'string' && Number.isFinite(Date.parse(x)) ? formatInstant(Date.parse(x), style) : walk(x)]));
  };
  return JSON.stringify(walk(value));
}
