// Access tokens that outlive their expiry. A run that got its token through OAuth2 client
// credentials can last longer than the token: the CLI process keeps a TokenRefresher (fetches a
// new token shortly before the current one expires) and serves it on a loopback-only HTTP
// service guarded by a random secret. The worker processes (vitest) get the service's address in
// the RunConfig and ask it when their cached token is near its expiry.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { IssuedToken } from '../runner/token.js';

/** Where a worker asks for the current token (loopback only). */
export interface TokenServiceAccess {
  /** e.g. http://127.0.0.1:40123/token */
  url: string;
  /** Bearer secret of the service (a run secret: redacted everywhere). */
  secret: string;
}

declare module '../config/types.js' {
  interface RunConfig {
    /** Set when the run's token expires and is refreshed (client credentials). */
    tokenService?: TokenServiceAccess;
  }
}

/** How long before its expiry a token counts as due: half its lifetime, at most 60 s. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs) / 2);
}

/** The token is due for renewal (or gone) at `now`. */
export function isDue(token: { expiresAt?: number; issuedAt: number } | undefined, now = Date.now()): boolean {
  if (!token) return true;
  if (token.expiresAt === undefined) return false;
  return now >= token.expiresAt - refreshMargin(token.expiresAt - token.issuedAt);
}

interface HeldToken extends IssuedToken {
  issuedAt: number;
}

/** Holds the run's token and fetches a new one (single flight) when it is due. */
export class TokenRefresher {
  private held: HeldToken | undefined;
  private inFlight: Promise<HeldToken> | undefined;
  /** How many tokens were fetched (the first included). */
  fetched = 0;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    /** Told about every new token (e.g. to add it to the run's redaction list). */
    private readonly onToken: (token: string) => void = () => {},
  ) {}

  /** The current token, renewed first when it is due. */
  async current(): Promise<IssuedToken> {
    if (this.held && !isDue(this.held)) return this.held;
    this.inFlight ??= (async () => {
      try {
        const issuedAt = Date.now();
        const token = await this.fetchToken();
        this.fetched++;
        this.onToken(token.accessToken);
        this.held = { ...token, issuedAt };
        return this.held;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  /** The last token held (without renewing), if any. */
  peek(): IssuedToken | undefined {
    return this.held;
  }
}

export interface RunningTokenService {
  access: TokenServiceAccess;
  close(): Promise<void>;
}

/** Serves `GET /token` → {accessToken, expiresAt, issuedAt} to callers presenting the secret. */
export async function startTokenService(refresher: TokenRefresher): Promise<RunningTokenService> {
  const secret = `qodts-${randomBytes(24).toString('hex')}`;
  const expected = Buffer.from(`Bearer ${secret}`);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(401, { error: 'unauthorized' });
    if (req.method !== 'GET' || req.url !== '/token') return send(404, { error: 'not found' });
    refresher.current().then(
      (t) => {
        const held = refresher.peek() as HeldToken | undefined;
        send(200, { accessToken: t.accessToken, expiresAt: t.expiresAt, issuedAt: held?.issuedAt ?? Date.now() });
      },
      // The message names the token endpoint and the reason, never a secret.
      (error: unknown) => send(502, { error: (error as Error).message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    access: { url: `http://127.0.0.1:${port}/token`, secret },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Worker side: a cached token, asked for again from the service when it is due. */
export class TokenServiceClient {
  private held: { accessToken: string; expiresAt?: number; issuedAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly access: TokenServiceAccess,
    private readonly timeoutMs: number,
    private readonly onToken: (token: string) => void = () => {},
  ) {}

  async token(): Promise<string> {
    if (this.held && !isDue(this.held)) return this.held.accessToken;
    this.inFlight ??= this.ask().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async ask(): Promise<string> {
    const res = await request(this.access.url, {
      method: 'GET',
      headers: { authorization: `Bearer ${this.access.secret}` },
      // No keep-alive: an idle socket would keep the worker process from exiting at the end.
      reset: true,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.body.json()) as { accessToken?: string; expiresAt?: number; issuedAt?: number; error?: string };
    if (res.statusCode !== 200 || !body.accessToken) {
      throw new Error(`could not renew the access token: ${body.error ?? `token service answered ${res.statusCode}`}`);
    }
    this.onToken(body.accessToken);
    this.held = { accessToken: body.accessToken, expiresAt: body.expiresAt, issuedAt: body.issuedAt ?? Date.now() };
    return body.accessToken;
  }
}
