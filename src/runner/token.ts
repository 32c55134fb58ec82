// OAuth2 client credentials (RFC 6749 §4.4): fetch an access token before the run and again
// shortly before it expires.
import { request } from 'undici';
import { UnreachableError, UsageError } from '../errors.js';
import { decode, describeTransportError, MAX_TRANSIENT_RETRIES, retryDelayMs } from '../http/client.js';
import { sleep } from '../http/pacer.js';

/** Largest token answer read. */
const MAX_TOKEN_BODY = 64 * 1024;

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface IssuedToken {
  accessToken: string;
  /** Epoch ms; undefined when the server gave no expires_in. */
  expiresAt?: number;
}

export async function fetchClientCredentialsToken(cc: ClientCredentials, timeoutMs: number): Promise<IssuedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (cc.scope) form.set('scope', cc.scope);
  const basic = Buffer.from(`${encodeURIComponent(cc.clientId)}:${encodeURIComponent(cc.clientSecret)}`).toString('base64');
  let res;
  let text: string;
  // A gateway's 429 / 503 in front of the token endpoint is temporary: retried as the API client does.
  for (let attempt = 0; ; attempt++) {
    try {
      res = await request(cc.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = decode(Buffer.from(await res.body.arrayBuffer()), headerOf(res.headers['content-encoding']), MAX_TOKEN_BODY);
    } catch (error) {
      throw new UnreachableError(`token endpoint ${cc.tokenUrl} unreachable: ${describeTransportError(error, timeoutMs).message}`);
    }
    if ((res.statusCode !== 429 && res.statusCode !== 503) || attempt >= MAX_TRANSIENT_RETRIES) break;
    await sleep(retryDelayMs({ 'retry-after': headerOf(res.headers['retry-after']) ?? '' }));
  }
  if (res.statusCode === 429 || res.statusCode === 503) {
    throw new UnreachableError(`token endpoint ${cc.tokenUrl} kept answering HTTP ${res.statusCode} (temporarily unavailable) ${MAX_TRANSIENT_RETRIES + 1} times`);
  }
  if (res.statusCode !== 200) {
    throw new UsageError(`token endpoint ${cc.tokenUrl} refused the client credentials (HTTP ${res.statusCode})`);
  }
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new UsageError(`token endpoint ${cc.tokenUrl} answered 200 without a JSON body`);
  }
  if (typeof body.access_token !== 'string' || !body.access_token) {
    throw new UsageError(`token endpoint ${cc.tokenUrl} answered without an access_token`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
  return { accessToken: body.access_token, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined };
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
