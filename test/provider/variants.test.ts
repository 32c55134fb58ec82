// The conforming variants of the reference provider, each against startProvider directly. Every
// answer is still checked against the 1.1.0 spec by `call` (a variant must stay conformant).
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { canonicalIpv6 } from '../../src/provider/ip-canonical.js';
import { parseVariants, VARIANT_NAMES, VARIANTS } from '../../src/provider/variants.js';
import { call, createBody, expectError, FIX, sleep, startTestSink, type TestSink } from './helpers.js';

const open: Array<RunningProvider | TestSink> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function provider(variants: string[], extra: Parameters<typeof startProvider>[0] = {}): Promise<RunningProvider> {
  const p = await startProvider({ variants, ...extra });
  open.push(p);
  return p;
}

async function sink(): Promise<TestSink> {
  const s = await startTestSink();
  open.push(s);
  return s;
}

type Info = { sessionId: string; qosStatus: string; duration: number; startedAt?: string; expiresAt?: string; applicationServer?: Record<string, string> };
type Event = { time: string; data: { qosStatus: string; statusInfo?: string } };

describe('variant names and values', () => {
  it('accepts name and name=value, lists them as given', () => {
    expect(parseVariants(['latency=20', 'purge-expired']).list()).toEqual(['latency=20', 'purge-expired']);
    expect(parseVariants(['latency']).value('latency')).toBe(VARIANTS.latency.param.default);
  });

  it.each([
    ['unknown', 'no-such-variant'],
    ['value on a switch', 'purge-expired=3'],
    ['not a number', 'latency=fast'],
    ['below the minimum', 'high-min-duration=1'],
    ['negative', 'late-callbacks=-5'],
  ])('refuses %s with code QOD_INVALID_VARIANT', (_why, spec) => {
    expect(() => parseVariants([spec])).toThrow(expect.objectContaining({ code: 'QOD_INVALID_VARIANT' }) as Error);
  });

  it('startProvider refuses an unknown variant before it listens', async () => {
    await expect(startProvider({ variants: ['nope'] })).rejects.toMatchObject({ code: 'QOD_INVALID_VARIANT' });
  });

  it('a variant whose freedom the version lacks changes nothing (duration-cap in 0.10.1)', () => {
    expect(parseVariants(['duration-cap'], '0.10.1').has('duration-cap')).toBe(false);
    expect(parseVariants(['duration-cap'], '1.1.0').has('duration-cap')).toBe(true);
  });

  it('every variant says what spec freedom it uses', () => {
    for (const name of VARIANT_NAMES) expect(VARIANTS[name].freedom.length, name).toBeGreaterThan(20);
  });
});

describe('provisioning-delay', () => {
  it('REQUESTED without times, then AVAILABLE with times and an AVAILABLE event', async () => {
    const s = await sink();
    const p = await provider(['provisioning-delay=300'], { sinkCa: s.ca });
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ sink: s.url }) });
    const info = created.body as Info;
    expect(info).toMatchObject({ qosStatus: 'REQUESTED', duration: 60 });
    expect(info).not.toHaveProperty('startedAt');
    expect(info).not.toHaveProperty('expiresAt');
    expect(s.received).toHaveLength(0);
    const [available] = await s.waitFor(1, 2000);
    expect((available!.body as Event).data).toEqual({ sessionId: info.sessionId, qosStatus: 'AVAILABLE' });
    const got = (await call(p, 'getSession', `/sessions/${info.sessionId}`)).body as Info;
    expect(got.qosStatus).toBe('AVAILABLE');
    expect(Date.parse(got.expiresAt!) - Date.parse(got.startedAt!)).toBe(60_000);
  });
});

describe('latency', () => {
  it('delays every answer, token endpoint included, but not the session timers', async () => {
    const p = await provider(['latency=150']);
    let t = Date.now();
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 1 }) });
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    const token = await fetch(p.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=x&client_secret=y' });
    expect(token.status).toBe(401);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    // duration 1 s: the expiry runs on its own clock, not one latency later per step.
    await sleep(1200);
    const got = (await call(p, 'getSession', `/sessions/${(created.body as Info).sessionId}`)).body as Info;
    expect(got.qosStatus).toBe('UNAVAILABLE');
  });
});

describe('duration-cap', () => {
  it('grants the profile maximum instead of refusing a longer duration (1.1.0)', async () => {
    const p = await provider(['duration-cap']);
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 86_401 }) });
    expect(created.status).toBe(201);
    expect((created.body as Info).duration).toBe(86_400);
  });

  it('still refuses in 0.10.1, whose spec does not grant the freedom', async () => {
    const p = await provider(['duration-cap'], { apiVersion: '0.10.1' });
    const r = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 86_401 }), unchecked: true });
    expect(r.status).toBe(400);
  });
});

describe('high-min-duration', () => {
  it("sets the valid profile's minDuration, refuses shorter sessions and accepts the minimum", async () => {
    const p = await provider(['high-min-duration=30']);
    const profile = (await call(p, 'getQosProfile', '/qos-profiles/QOS_E')).body as { minDuration: unknown; maxDuration: { value: number } };
    expect(profile.minDuration).toEqual({ value: 30, unit: 'Seconds' });
    expect(profile.maxDuration.value).toBeGreaterThan(30);
    expectError(await call(p, 'createSession', '/sessions', { body: createBody({ duration: 29 }) }), 400, 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE');
    expect((await call(p, 'createSession', '/sessions', { body: createBody({ duration: 30 }) })).status).toBe(201);
  });
});

describe('late-callbacks', () => {
  it('posts each event that much later, with the time of the change', async () => {
    const s = await sink();
    const p = await provider(['late-callbacks=600'], { sinkCa: s.ca });
    const before = Date.now();
    await call(p, 'createSession', '/sessions', { body: createBody({ sink: s.url }) });
    await sleep(400);
    expect(s.received).toHaveLength(0);
    const [available] = await s.waitFor(1, 2000);
    expect(Date.now() - before).toBeGreaterThanOrEqual(590);
    const time = Date.parse((available!.body as Event).time);
    expect(time - before).toBeLessThan(300);
  });
});

describe('swapped-events', () => {
  it('delivers UNAVAILABLE before the AVAILABLE it followed, each with its own time', async () => {
    const s = await sink();
    const p = await provider(['swapped-events'], { sinkCa: s.ca });
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ sink: s.url }) });
    await sleep(50);
    await call(p, 'deleteSession', `/sessions/${(created.body as Info).sessionId}`);
    const [first, second] = (await s.waitFor(2, 3000)).map((cb) => cb.body as Event);
    expect(first!.data).toMatchObject({ qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    expect(second!.data).toMatchObject({ qosStatus: 'AVAILABLE' });
    expect(Date.parse(second!.time)).toBeLessThan(Date.parse(first!.time));
  });

  it('a lone event is still delivered (after the swap window)', async () => {
    const s = await sink();
    const p = await provider(['swapped-events'], { sinkCa: s.ca });
    await call(p, 'createSession', '/sessions', { body: createBody({ sink: s.url }) });
    const [only] = await s.waitFor(1, 3000);
    expect((only!.body as Event).data.qosStatus).toBe('AVAILABLE');
  });
});

describe('purge-expired', () => {
  it('deletes an expired session at once, after its expiry event', async () => {
    const s = await sink();
    const p = await provider(['purge-expired'], { sinkCa: s.ca });
    const created = await call(p, 'createSession', '/sessions', { body: createBody({ duration: 1, sink: s.url }) });
    const [, expired] = await s.waitFor(2, 3000);
    expect((expired!.body as Event).data).toMatchObject({ qosStatus: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED' });
    expectError(await call(p, 'getSession', `/sessions/${(created.body as Info).sessionId}`), 404, 'NOT_FOUND');
    expect(p.liveSessionCount()).toBe(0);
  });
});

describe('foreign-session-404', () => {
  it("answers 404 NOT_FOUND for another client's session on get, extend and delete", async () => {
    const p = await provider(['foreign-session-404']);
    const id = ((await call(p, 'createSession', '/sessions', { body: createBody() })).body as Info).sessionId;
    expectError(await call(p, 'getSession', `/sessions/${id}`, { token: FIX.second }), 404, 'NOT_FOUND');
    expectError(await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { token: FIX.second, body: { requestedAdditionalDuration: 10 } }), 404, 'NOT_FOUND');
    expectError(await call(p, 'deleteSession', `/sessions/${id}`, { token: FIX.second }), 404, 'NOT_FOUND');
    expect((await call(p, 'getSession', `/sessions/${id}`)).status).toBe(200); // the owner still sees it
  });
});

describe('normalised-addresses', () => {
  it('canonical IPv6 text (RFC 5952), prefix kept, anything else untouched', () => {
    expect(canonicalIpv6('2001:DB8:0:0:0:0:0:10')).toBe('2001:db8::10');
    expect(canonicalIpv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIpv6('2001:db8:85a3:8d3::0/64')).toBe('2001:db8:85a3:8d3::/64');
    expect(canonicalIpv6('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(canonicalIpv6('not-an-address')).toBe('not-an-address');
  });

  it('returns applicationServer.ipv6Address canonical and the device exactly as sent', async () => {
    const p = await provider(['normalised-addresses']);
    const device = { ipv6Address: '2001:DB8:0:1:0:0:0:1' };
    const body = createBody({ device, applicationServer: { ipv4Address: '198.51.100.10', ipv6Address: '2001:0DB8:0100:0000:0000:0000:0000:0010' } });
    const created = (await call(p, 'createSession', '/sessions', { body })).body as Info & { device: unknown };
    expect(created.applicationServer).toEqual({ ipv4Address: '198.51.100.10', ipv6Address: '2001:db8:100::10' });
    expect(created.device).toEqual(device);
  });
});

describe('malformed-auth-400', () => {
  it('a header that is not "Bearer <token>" is 400 INVALID_ARGUMENT; a well-formed unknown token is still 401', async () => {
    const p = await provider(['malformed-auth-400']);
    const get = (authorization: string) => fetch(`${p.baseUrl}/sessions/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { headers: { authorization } });
    for (const header of ['Bearer', 'Basic eHl6', 'garbage']) {
      const res = await get(header);
      expect(res.status, header).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('INVALID_ARGUMENT');
    }
    expect((await get('Bearer not-a-token-anyone-issued')).status).toBe(401);
  });
});

describe('no-profiles-api', () => {
  it('the QoS Profiles API is not there (404) while sessions work with the agreed profile', async () => {
    const p = await provider(['no-profiles-api']);
    const headers = { authorization: `Bearer ${FIX.token}` };
    expect((await fetch(`${p.profilesUrl}/qos-profiles/QOS_E`, { headers })).status).toBe(404);
    expect((await fetch(`${p.profilesUrl}/retrieve-qos-profiles`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    expect((await call(p, 'createSession', '/sessions', { body: createBody() })).status).toBe(201);
  });

  it('changes nothing in 0.10.1, whose QoD text does not make the profiles API optional', async () => {
    const p = await provider(['no-profiles-api'], { apiVersion: '0.10.1' });
    expect(p.variants).toEqual(['no-profiles-api']);
    expect((await fetch(`${p.profilesUrl}/qos-profiles/QOS_E`, { headers: { authorization: `Bearer ${FIX.token}` } })).status).toBe(200);
  });
});

describe('busy-devices', () => {
  it('another client holds the device now and then (409), never for longer than the hold', async () => {
    const p = await provider(['busy-devices=200']);
    const device = { phoneNumber: '+34600000011' };
    const outcomes: number[] = [];
    let gotIt = false;
    // A patient client: retries until it gets the device; the neighbour must let it within ~2 holds.
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const r = await call(p, 'createSession', '/sessions', { body: createBody({ device }) });
      outcomes.push(r.status);
      if (r.status === 201) {
        gotIt = true;
        await call(p, 'deleteSession', `/sessions/${(r.body as Info).sessionId}`);
      } else expectError(r, 409, 'CONFLICT');
      if (outcomes.includes(409) && gotIt) break;
      await sleep(20);
    }
    expect(outcomes, 'the neighbour never held the device').toContain(409);
    expect(gotIt, 'the device never became free').toBe(true);
    // The neighbour's sessions are not the run's: invisible to retrieve, not counted as left over.
    const listed = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { body: { device } });
    expect(listed.body).toEqual([]);
    expect(p.liveSessionCount()).toBe(0);
  });
});

/** One raw exchange: the wire as the gateway wrote it (no decoding, raw header names). */
async function raw(p: RunningProvider, path: string, token: string | null = FIX.token): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await request(p.baseUrl + path, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

describe('gateway variants (what a gateway does to any answer)', () => {
  it('gzip-responses: the body is gzip-coded and decodes to the API answer', async () => {
    const p = await provider(['gzip-responses']);
    const r = await raw(p, `/sessions/${randomUUID()}`);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(r.body).toString('utf8'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('charset-param and media-type-case: the media type carries a charset parameter / other letter case', async () => {
    expect((await raw(await provider(['charset-param']), `/sessions/${randomUUID()}`)).headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await raw(await provider(['media-type-case']), `/sessions/${randomUUID()}`)).headers['content-type']).toBe('Application/JSON');
  });

  it('gateway-headers: Title-Case names, extra headers, WWW-Authenticate on 401', async () => {
    const p = await provider(['gateway-headers']);
    const wire = await new Promise<string[]>((resolve, reject) => {
      const url = new URL(`${p.baseUrl}/sessions/${randomUUID()}`);
      httpGet(url, { headers: { authorization: `Bearer ${FIX.token}`, 'x-correlator': 'abc' } }, (res) => {
        res.resume();
        resolve(res.rawHeaders);
      }).on('error', reject);
    });
    expect(wire).toEqual(expect.arrayContaining(['X-Correlator', 'Content-Type', 'Via']));
    expect((await raw(p, `/sessions/${randomUUID()}`, null)).headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('error-details and generated-correlator: extra ErrorInfo fields; an x-correlator nobody sent', async () => {
    const r = await raw(await provider(['error-details']), `/sessions/${randomUUID()}`);
    expect(JSON.parse(r.body.toString('utf8'))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: expect.any(String) as string, traceId: expect.any(String) as string });
    const p = await provider(['generated-correlator']);
    expect((await raw(p, `/sessions/${randomUUID()}`)).headers['x-correlator']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(p, 'getSession', `/sessions/${randomUUID()}`, { correlator: 'mine-1' })).headers['x-correlator']).toBe('mine-1');
  });

  it('connection-close and chunked-responses: Connection: close; no Content-Length, chunked', async () => {
    expect((await raw(await provider(['connection-close']), `/sessions/${randomUUID()}`)).headers.connection).toBe('close');
    const chunked = await raw(await provider(['chunked-responses']), `/sessions/${randomUUID()}`);
    expect(chunked.headers['content-length']).toBeUndefined();
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
  });

  it.each([
    ['gateway-503=600', 503, 'UNAVAILABLE'],
    ['gateway-429=600', 429, 'TOO_MANY_REQUESTS'],
  ])('%s: a short refusal window with Retry-After: 1, then the API answers again', async (variant, status, code) => {
    const p = await provider([variant]);
    const seen = new Map<number, Record<string, string>>();
    for (let i = 0; i < 12; i++) {
      const r = await raw(p, `/sessions/${randomUUID()}`);
      seen.set(r.status, { ...r.headers, body: r.body.toString('utf8') });
      await sleep(100);
    }
    expect(seen.get(status)).toMatchObject({ 'retry-after': '1' });
    expect(JSON.parse(seen.get(status)!.body!)).toMatchObject({ status, code });
    expect(seen.has(404)).toBe(true);
  });

  it.each([
    ['time-offset', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+02:00$/],
    ['time-lowercase', /^\d{4}-\d\d-\d\dt\d\d:\d\d:\d\d\.\d{3}z$/],
  ])('%s: startedAt/expiresAt in that form, the same instants (duration apart)', async (variant, form) => {
    const p = await provider([variant]);
    const info = (await call(p, 'createSession', '/sessions', { body: createBody() })).body as Info;
    expect(info.startedAt).toMatch(form);
    expect(Date.parse(info.expiresAt!) - Date.parse(info.startedAt!)).toBe(60_000);
    expect(Math.abs(Date.parse(info.startedAt!) - Date.now())).toBeLessThan(5_000);
  });
});

describe('event variants', () => {
  it('duplicate-events: each event twice, same id and body', async () => {
    const s = await sink();
    const p = await provider(['duplicate-events'], { sinkCa: s.ca });
    await call(p, 'createSession', '/sessions', { body: createBody({ sink: s.url }) });
    const [a, b] = await s.waitFor(2, 3000);
    expect(b!.body).toEqual(a!.body);
  });

  it('event-extensions and event-minimal: extension attributes; no datacontenttype and no x-correlator', async () => {
    const s1 = await sink();
    await call(await provider(['event-extensions'], { sinkCa: s1.ca }), 'createSession', '/sessions', { body: createBody({ sink: s1.url }) });
    expect((await s1.waitFor(1))[0]!.body).toMatchObject({ traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/) as string, partitionkey: expect.any(String) as string });
    const s2 = await sink();
    await call(await provider(['event-minimal'], { sinkCa: s2.ca }), 'createSession', '/sessions', { body: createBody({ sink: s2.url }) });
    const [event] = await s2.waitFor(1);
    expect(event!.body).not.toHaveProperty('datacontenttype');
    expect(event!.headers['x-correlator']).toBeUndefined();
  });
});

describe('profile variants', () => {
  it('profile-no-limits: the valid profile states neither limit, and any schema-valid duration is granted', async () => {
    const p = await provider(['profile-no-limits']);
    const profile = (await call(p, 'getQosProfile', '/qos-profiles/QOS_E')).body as Record<string, unknown>;
    expect(profile).not.toHaveProperty('minDuration');
    expect(profile).not.toHaveProperty('maxDuration');
    expect((await call(p, 'createSession', '/sessions', { body: createBody({ duration: 200_000 }) })).status).toBe(201);
  });

  it('profile-units: the same limits in Milliseconds and Days', async () => {
    const p = await provider(['profile-units']);
    const profile = (await call(p, 'getQosProfile', '/qos-profiles/QOS_E')).body as Record<string, unknown>;
    expect(profile).toMatchObject({ minDuration: { value: 1000, unit: 'Milliseconds' }, maxDuration: { value: 1, unit: 'Days' } });
    expectError(await call(p, 'createSession', '/sessions', { body: createBody({ duration: 86_401 }) }), 400, 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE');
  });
});
