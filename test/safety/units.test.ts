// The safety building blocks on their own: token renewal (refresher, loopback service, worker
// client), the --max-sessions budget, and the exit sweep using the token that created a session.
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { sweepLedger } from '../../src/runner/sweep.js';
import { fetchClientCredentialsToken } from '../../src/runner/token.js';
import { maySessionCreate, SessionBudget } from '../../src/safety/budget.js';
import { readLedger, recordCreated, recordDeleted, summarize } from '../../src/safety/ledger.js';
import { isDue, refreshMargin, startTokenService, TokenRefresher, TokenServiceClient } from '../../src/safety/token-service.js';
import { tempDir } from '../support/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider({ tokenLifetimeS: 1 });
});
afterAll(async () => {
  await provider?.close();
});

describe('token renewal', () => {
  it('a token is due half-way to its expiry (at most 60 s before); one without expiry never', () => {
    expect(refreshMargin(2_000)).toBe(1_000);
    expect(refreshMargin(3_600_000)).toBe(60_000);
    expect(isDue({ issuedAt: 0, expiresAt: 2_000 }, 900)).toBe(false);
    expect(isDue({ issuedAt: 0, expiresAt: 2_000 }, 1_000)).toBe(true);
    expect(isDue({ issuedAt: 0 }, 10 ** 12)).toBe(false);
  });

  it("the refresher renews the provider's 1-s tokens through its real token endpoint, one request for concurrent callers", async () => {
    const client = provider.fixtures.provider.clients[0]!;
    const seen: string[] = [];
    const refresher = new TokenRefresher(
      () => fetchClientCredentialsToken({ tokenUrl: provider.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret }, 5_000),
      (t) => seen.push(t),
    );
    const [a, b] = await Promise.all([refresher.current(), refresher.current()]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(refresher.fetched).toBe(1);
    expect((await refresher.current()).accessToken).toBe(a.accessToken); // not due yet
    await sleep(600);
    const c = await refresher.current();
    expect(c.accessToken).not.toBe(a.accessToken);
    expect(seen).toEqual([a.accessToken, c.accessToken]);
    // The renewed token works where the first one has expired.
    await sleep(500);
    const get = (token: string) => request(`${provider.profilesUrl}/qos-profiles/QOS_E`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => (await r.body.dump(), r.statusCode));
    expect(await get(a.accessToken)).toBe(401);
    expect(await get(c.accessToken)).toBe(200);
  });

  it('the loopback service hands the current token to workers that present its secret, and only to them', async () => {
    let n = 0;
    const refresher = new TokenRefresher(async () => ({ accessToken: `tok-${++n}`, expiresAt: Date.now() + 400 }));
    const service = await startTokenService(refresher);
    try {
      const anonymous = await request(service.access.url);
      expect(anonymous.statusCode).toBe(401);
      expect(await anonymous.body.text()).not.toContain('tok-');
      const renewed: string[] = [];
      const worker = new TokenServiceClient(service.access, 2_000, (t) => renewed.push(t));
      expect(await worker.token()).toBe('tok-1');
      expect(await worker.token()).toBe('tok-1'); // cached while fresh
      await sleep(250);
      expect(await worker.token()).toBe('tok-2');
      expect(renewed).toEqual(['tok-1', 'tok-2']);
    } finally {
      await service.close();
    }
  });
});

describe('--max-sessions budget', () => {
  it('counts the sessions in the ledger plus the creates in flight', () => {
    const ledger = join(tempDir('qod-budget-'), 'sessions-ledger.jsonl');
    const budget = new SessionBudget(ledger, 2);
    recordCreated(ledger, 'http://x', 's1');
    recordDeleted(ledger, 'http://x', 's1'); // deleted sessions still count: the budget is what the run created
    const slot = budget.reserve();
    expect(slot).toBeDefined();
    expect(budget.reserve()).toBeUndefined(); // 1 created + 1 in flight
    slot!();
    expect(budget.reserve()).toBeDefined();
    expect(maySessionCreate({ method: 'POST', path: '/sessions' })).toBe(true);
    expect(maySessionCreate({ method: 'POST', path: '/sessions/abc/extend' })).toBe(false);
    expect(maySessionCreate({ api: 'profiles', method: 'POST', path: '/sessions' })).toBe(false);
  });
});

describe('exit sweep', () => {
  it("deletes a session with the token of the client that created it (the ledger names the token's role, never the token)", async () => {
    const fx = provider.fixtures;
    const res = await request(`${provider.baseUrl}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.tokens.secondClient}`, 'content-type': 'application/json' },
      body: JSON.stringify({ device: fx.devices.known, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60 }),
    });
    const { sessionId } = (await res.body.json()) as { sessionId: string };
    const ledger = join(tempDir('qod-sweep-'), 'sessions-ledger.jsonl');
    recordCreated(ledger, provider.baseUrl, sessionId, 'secondClient');
    const opts = { token: fx.tokens.default, timeoutMs: 5_000, insecure: false, secrets: [] };

    const withDefaultOnly = await sweepLedger(ledger, opts);
    expect(withDefaultOnly.leftover).toEqual([{ sessionId, reason: 'DELETE answered 403' }]);
    const swept = await sweepLedger(ledger, { ...opts, tokens: { ...fx.tokens } });
    expect(swept.leftover).toEqual([]);
    expect(summarize(readLedger(ledger)).alive).toEqual([]);
    expect(provider.liveSessionCount()).toBe(0);
    expect(JSON.stringify(readLedger(ledger))).not.toContain(fx.tokens.secondClient!);
  });
});
