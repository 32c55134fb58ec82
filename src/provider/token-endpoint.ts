// POST /oauth/token: OAuth 2.0 client-credentials grant (RFC 6749 §4.4), form-encoded, client
// authenticated by HTTP Basic or by client_id/client_secret in the body (§2.3.1). Errors use the
// OAuth shape {error, error_description}, not CAMARA's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenAuthority } from './auth.js';
import { ApiError } from './errors.js';
import { headerValue, mediaType, sendJson } from './http-io.js';

export const TOKEN_PATH = '/oauth/token';

const OAUTH_HEADERS = { pragma: 'no-cache' };

export function handleTokenRequest(auth: TokenAuthority, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
  const fail = (status: number, error: string, description: string, extra: Record<string, string> = {}) =>
    sendJson(res, status, { error, error_description: description }, { ...OAUTH_HEADERS, ...extra });

  if (req.method !== 'POST') return fail(405, 'invalid_request', 'use POST', { allow: 'POST' });
  if (mediaType(headerValue(req, 'content-type')) !== 'application/x-www-form-urlencoded') {
    return fail(400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(raw.toString('utf8'));
  if (form.get('grant_type') !== 'client_credentials') {
    return fail(400, 'unsupported_grant_type', 'only client_credentials is supported');
  }
  const basic = basicCredentials(headerValue(req, 'authorization'));
  const clientId = basic?.id ?? form.get('client_id') ?? '';
  const clientSecret = basic?.secret ?? form.get('client_secret') ?? '';
  const client = clientId && clientSecret ? auth.findClient(clientId, clientSecret) : undefined;
  if (!client) {
    return fail(401, 'invalid_client', 'client authentication failed', basic ? { 'www-authenticate': 'Basic realm="qod"' } : {});
  }
  const scope = form.get('scope')?.split(' ').filter(Boolean);
  try {
    const issued = auth.issue(client, scope);
    sendJson(res, 200, { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: issued.scopes.join(' ') }, OAUTH_HEADERS);
  } catch (error) {
    if (error instanceof ApiError) return fail(error.status, error.code, error.message);
    throw error;
  }
}

/** "Basic base64(urlencode(id):urlencode(secret))" → parts, or undefined. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
}
