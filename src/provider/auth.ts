// Bearer-token authentication and scope checks. Tokens come from the fixture table or from the
// provider's own token endpoint; token values are secrets and never appear in messages or logs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError, permissionDenied, unauthenticated } from './errors.js';
import type { FaultSet } from './faults.js';
import type { ClientRecord, ProviderWorld, TokenRecord } from './fixtures.js';

/** Who is calling: the API client, its granted scopes, and the device of a 3-legged token. */
export interface Caller {
  clientId: string;
  scopes: ReadonlySet<string>;
  /** Set for 3-legged tokens: the device the token identifies. */
  deviceId?: string;
}

/**
 * The ownership rule of QoD sessions and QoS assignments alike: a record is the caller's when its
 * API client created it and, for a 3-legged token, when it is about the token's device.
 */
export function ownsRecord(caller: Caller, record: { clientId: string; deviceId: string }): boolean {
  return record.clientId === caller.clientId && (caller.deviceId === undefined || caller.deviceId === record.deviceId);
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  scopes: string[];
}

/** Fixture tokens never lapse (they may be marked `expired`); issued ones do. */
interface IssuedRecord extends TokenRecord {
  expiresAtMs?: number;
}

export const ISSUED_TOKEN_LIFETIME_S = 3600;

export class TokenAuthority {
  private readonly issued = new Map<string, IssuedRecord>();
  private readonly recentRequests = new Map<string, number[]>();

  constructor(
    private readonly world: ProviderWorld,
    /** Every scope of the loaded spec: what a client without an explicit list may get. */
    private readonly allScopes: readonly string[],
    private readonly faults: FaultSet,
    /** Token used when the auth-missing-accepted fault serves an anonymous request. */
    private readonly fallbackToken?: string,
    /** Lifetime of issued tokens (seconds). */
    private readonly lifetimeS: number = ISSUED_TOKEN_LIFETIME_S,
  ) {}

  /** Parses `Authorization: Bearer <token>`; anything missing, unknown, malformed or expired is 401. */
  authenticate(header: string | undefined): Caller {
    const code = this.faults.has('wrong-401-code') ? 'AUTHENTICATION_REQUIRED' : 'UNAUTHENTICATED';
    if (header === undefined && this.faults.has('auth-missing-accepted') && this.fallbackToken) {
      header = `Bearer ${this.fallbackToken}`;
    }
    const token = /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? '')?.[1];
    let record = token === undefined ? undefined : this.lookup(token);
    if (!record && header !== undefined && this.fallbackToken) {
      const lenient = token === undefined ? this.faults.has('malformed-auth-accepted') : this.faults.has('unknown-token-accepted');
      if (lenient) record = this.lookup(this.fallbackToken);
    }
    if (!record) {
      // Fault orange-401-code-meaning: a missing token gets the code of an expired one.
      const missing = this.faults.has('orange-401-code-meaning') ? 'expired-credentials' : 'missing-credentials';
      throw unauthenticated(code, header === undefined ? missing : token === undefined ? 'malformed-credentials' : 'invalid-credentials');
    }
    const expired = record.expired === true || (record.expiresAtMs !== undefined && record.expiresAtMs <= Date.now());
    if (expired && !this.faults.has('expired-token-accepted')) throw unauthenticated(code, 'expired-credentials');
    if (record.requestsPerSecond !== undefined && token !== undefined) this.throttle(token, record.requestsPerSecond);
    return { clientId: record.clientId, scopes: new Set(record.scopes), deviceId: record.device };
  }

  /** A sliding one-second window per token: past the client's threshold, 429 TOO_MANY_REQUESTS. */
  private throttle(token: string, perSecond: number): void {
    const now = Date.now();
    const recent = (this.recentRequests.get(token) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    this.recentRequests.set(token, recent);
    if (recent.length > perSecond) {
      const code = this.faults.has('wrong-429-code') ? 'RATE_LIMITED' : 'TOO_MANY_REQUESTS';
      throw new ApiError(429, code, 'Rate limit reached: too many requests in the last second.');
    }
  }

  /** 403 when the token lacks any scope the operation's security requirement lists. */
  requireScopes(caller: Caller, scopes: readonly string[]): void {
    if (this.faults.has('missing-scope-accepted')) return;
    const missing = scopes.filter((s) => !caller.scopes.has(s));
    if (missing.length > 0) {
      throw permissionDenied(`The access token lacks the scope ${missing.join(', ')} required by this operation.`);
    }
  }

  /** Client-credentials check for the token endpoint (constant-time on the secret). */
  findClient(clientId: string, clientSecret: string): ClientRecord | undefined {
    const client = this.world.clients.find((c) => c.clientId === clientId);
    if (!client) return undefined;
    const given = Buffer.from(clientSecret);
    const expected = Buffer.from(client.clientSecret);
    return given.length === expected.length && timingSafeEqual(given, expected) ? client : undefined;
  }

  /** Issues a token for the client: all of its scopes, or the requested subset. */
  issue(client: ClientRecord, requested?: readonly string[]): IssuedToken {
    const granted = client.scopes ?? [...this.allScopes];
    const unknown = requested?.filter((s) => !granted.includes(s)) ?? [];
    if (unknown.length > 0) throw new ApiError(400, 'invalid_scope', `scope not granted to this client: ${unknown.join(' ')}`);
    const scopes = requested && requested.length > 0 ? [...requested] : granted;
    const accessToken = `qodtok-issued-${randomBytes(18).toString('hex')}`;
    this.issued.set(accessToken, {
      clientId: client.clientId,
      scopes,
      expiresAtMs: Date.now() + this.lifetimeS * 1000,
    });
    return { accessToken, expiresIn: this.lifetimeS, scopes };
  }

  private lookup(token: string): IssuedRecord | undefined {
    return Object.hasOwn(this.world.tokens, token) ? this.world.tokens[token] : this.issued.get(token);
  }
}
