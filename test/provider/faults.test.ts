// test-order: long, about 28 s
// Every fault switch is accepted, an unknown one throws, and — the point of the switches — each
// one makes a small probe of its rule fail while the same probe passes on a clean provider.
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS, type ApiVersion } from '../../src/config/types.js';
import { QOD_FAULT_NAMES, type FaultInfo, type QodFaultName } from '../../src/provider/faults.js';
import { FAULT_NAMES, FAULTS, startProvider, type RunningProvider } from '../../src/provider/index.js';
import { call, createBody, FIX, sleep, type CallResult, type TestSink, startTestSink } from './helpers.js';

// Probes run several at once (most of their time is waiting on the provider's timers). Each holds a
// test sink of its own while it runs, from a pool, so the callbacks one reads are its provider's.
const sinkScope = new AsyncLocalStorage<TestSink>();
/** The sink of the probe running in this async context. */
const sink = (): TestSink => sinkScope.getStore()!;
const sinks: TestSink[] = [];
const freeSinks: TestSink[] = [];
afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close()));
});

type Probe = (p: RunningProvider) => Promise<boolean>;

const code = (r: CallResult) => (r.body as { code?: string } | undefined)?.code;
const field = (r: CallResult, name: string) => (r.body as Record<string, unknown> | undefined)?.[name];
const opts = { unchecked: true } as const;

const create = (p: RunningProvider, overrides: Record<string, unknown> = {}, token?: string) => call(p, 'createSession', '/sessions', { ...opts, token, body: createBody(overrides) });
const createdId = async (p: RunningProvider, overrides: Record<string, unknown> = {}) => field(await create(p, overrides), 'sessionId') as string;
const credential = { credentialType: 'ACCESSTOKEN', accessToken: 'qodtok-sink-cred-1', accessTokenExpiresUtc: '2099-01-01T00:00:00Z', accessTokenType: 'bearer' };
const withSink = () => ({ sink: sink().url, sinkCredential: credential });
/** The first `count` events: waits (up to 5 s, a loaded machine delays them) until `atLeast` came,
 *  then `settleMs` more for events that must not come. */
const events = async (count: number, { atLeast = count, settleMs = 0 }: { atLeast?: number; settleMs?: number } = {}) => {
  const deadline = Date.now() + 5_000;
  while (sink().received.length < atLeast && Date.now() < deadline) await sleep(25);
  if (settleMs) await sleep(settleMs);
  return sink()
    .received.slice(0, count)
    .map((cb) => ({ headers: cb.headers, body: cb.body as { id: string; type: string; time: string; data: Record<string, string> } }));
};

/** true = the rule is broken. */
/** A request to a 0.10.1 provider (no x-correlator: 0.10.1 has none), body parsed as JSON. */
const raw = async (p: RunningProvider, method: 'GET' | 'POST', url: string, body?: unknown, token: string | null = FIX.token) => {
  const { request } = await import('undici');
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
};
const create010 = (p: RunningProvider, overrides: Record<string, unknown>) =>
  raw(p, 'POST', `${p.baseUrl}/sessions`, { device: FIX.known, applicationServer: FIX.appServer, qosProfile: 'QOS_E', duration: 60, ...overrides });

// The QoS Provisioning faults have their probes in provisioning.test.ts.
const PROBES: Record<QodFaultName, Probe> = {
  'wrong-success-status': async (p) => (await create(p)).status !== 201,
  'no-expiry': async (p) => {
    const id = await createdId(p, { duration: 1 });
    await sleep(1300);
    return field(await call(p, 'getSession', `/sessions/${id}`, opts), 'qosStatus') !== 'UNAVAILABLE';
  },
  'expires-at-wrong': async (p) => {
    const r = await create(p);
    return (Date.parse(field(r, 'expiresAt') as string) - Date.parse(field(r, 'startedAt') as string)) / 1000 !== field(r, 'duration');
  },
  'delete-leaves-session': async (p) => {
    const id = await createdId(p);
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    return (await call(p, 'getSession', `/sessions/${id}`, opts)).status !== 404;
  },
  'device-blocked-after-delete': async (p) => {
    const id = await createdId(p);
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    return (await create(p)).status !== 201;
  },
  'delete-refused': async (p) => {
    const id = await createdId(p);
    return (await call(p, 'deleteSession', `/sessions/${id}`, opts)).status !== 204;
  },
  'no-extend-route': async (p) => {
    const id = await createdId(p);
    const r = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 5 } });
    return r.status === 404 && code(r) === undefined;
  },
  'fastapi-errors': async (p) => {
    const r = await call(p, 'getSession', '/sessions/00000000-0000-4000-8000-000000000000', opts);
    return code(r) === undefined && typeof field(r, 'detail') === 'string';
  },
  'extend-unavailable-allowed': async (p) => {
    const id = await createdId(p, { duration: 1 });
    await sleep(1300);
    const r = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 5 } });
    return r.status !== 409;
  },
  'conflict-not-detected': async (p) => {
    await create(p);
    return (await create(p)).status !== 409;
  },
  'session-schema-violation': async (p) => (await create(p)).violations.length > 0,
  'times-wrong-format': async (p) => typeof field(await create(p), 'startedAt') !== 'string',
  'session-id-field-wrong': async (p) => field(await create(p), 'sessionId') === undefined,
  'duration-zero-accepted': async (p) => (await create(p, { duration: 0 })).status !== 400,
  'duration-over-max-accepted': async (p) => (await create(p, { duration: 86_401 })).status !== 400,
  'duration-out-of-range-wrong-code': async (p) => code(await create(p, { duration: 86_401 })) !== 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
  'extend-uncapped': async (p) => {
    const id = await createdId(p);
    const r = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 200_000 } });
    return (field(r, 'duration') as number) > 86_400;
  },
  'extend-expiry-not-moved': async (p) => {
    const r0 = await create(p);
    const id = field(r0, 'sessionId') as string;
    const r = await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 60 } });
    return field(r, 'expiresAt') === field(r0, 'expiresAt');
  },
  'port-out-of-range-accepted': async (p) => (await create(p, { devicePorts: { ports: [65536] } })).status !== 400,
  'port-zero-rejected': async (p) => (await create(p, { devicePorts: { ports: [0] } })).status !== 201,
  'device-echo-other-identifier': async (p) => {
    const r = await create(p, { device: { phoneNumber: '+34600000001' } });
    return JSON.stringify(field(r, 'device')) !== JSON.stringify({ phoneNumber: '+34600000001' });
  },
  'app-server-echo-partial': async (p) => {
    const appServer = { ipv4Address: '198.51.100.10', ipv6Address: '2001:db8:100::10' };
    return JSON.stringify(field(await create(p, { applicationServer: appServer }), 'applicationServer')) !== JSON.stringify(appServer);
  },
  'qos-profile-echo-wrong': async (p) => field(await create(p), 'qosProfile') !== createBody({}).qosProfile,
  'sink-not-echoed': async (p) => field(await create(p, withSink()), 'sink') !== sink().url,
  'started-at-future': async (p) => Date.parse(field(await create(p), 'startedAt') as string) > Date.now() + 5_000,
  'status-info-on-available': async (p) => {
    const r = await create(p);
    return field(r, 'qosStatus') === 'AVAILABLE' && field(r, 'statusInfo') !== undefined;
  },
  'ports-not-echoed': async (p) => field(await create(p, { devicePorts: { ports: [5060] } }), 'devicePorts') === undefined,
  'readback-drops-ports': async (p) => {
    const id = await createdId(p, { devicePorts: { ports: [5060] } });
    return field(await call(p, 'getSession', `/sessions/${id}`, opts), 'devicePorts') === undefined;
  },
  'invalid-phone-accepted': async (p) => (await create(p, { device: { phoneNumber: '12' } })).status !== 400,
  'missing-device-accepted': async (p) => (await create(p, { device: undefined })).status !== 422,
  'unnecessary-device-accepted': async (p) => (await create(p, {}, FIX.threeLegged)).status !== 422,
  'unknown-device-201': async (p) => (await create(p, { device: { phoneNumber: '+34699999999' } })).status !== 404,
  'unsupported-identifier-accepted': async (p) => (await create(p, { device: { networkAccessIdentifier: 'dev-known@qod.example.net' } })).status !== 422,
  'ineligible-device-accepted': async (p) => (await create(p, { device: { phoneNumber: '+34600000099' } })).status !== 422,
  'device-echo-all-identifiers': async (p) => {
    const r = await create(p, { device: { phoneNumber: '+34600000001', ipv6Address: '2001:db8:0:1::1' } });
    return Object.keys(field(r, 'device') as object).length !== 1;
  },
  'device-echo-3legged': async (p) => field(await create(p, { device: undefined }, FIX.threeLegged), 'device') !== undefined,
  'retrieve-leaks-other-devices': async (p) => {
    await create(p);
    await create(p, { device: { phoneNumber: '+34600000011' } });
    const r = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { ...opts, body: { device: FIX.known } });
    return (r.body as unknown[]).length !== 1;
  },
  'auth-missing-accepted': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: null })).status !== 401,
  'expired-token-accepted': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: FIX.expired })).status !== 401,
  'missing-scope-accepted': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: FIX.missingScope })).status !== 403,
  'other-client-session-visible': async (p) => {
    const id = await createdId(p);
    return (await call(p, 'getSession', `/sessions/${id}`, { ...opts, token: FIX.second })).status !== 403;
  },
  'wrong-401-code': async (p) => code(await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: null })) !== 'UNAUTHENTICATED',
  'wrong-429-code': async (p) => {
    // fixtures/embedded.json: tokens.rateLimited may send 2 requests a second.
    let last: CallResult | undefined;
    for (let i = 0; i < 4; i++) last = await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: 'qodtok-rate-limited-7a90c3e1' });
    return last?.status === 429 && code(last) !== 'TOO_MANY_REQUESTS';
  },
  'malformed-auth-accepted': async (p) => {
    const { request } = await import('undici');
    const res = await request(`${p.profilesUrl}/qos-profiles/QOS_E`, { headers: { authorization: 'Basic xyz' } });
    await res.body.dump();
    return res.statusCode !== 401;
  },
  'unknown-token-accepted': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, token: 'qodtok-nobody-issued-this' })).status !== 401,
  'retrieve-leaks-other-clients': async (p) => {
    await create(p);
    const r = await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { ...opts, token: FIX.second, body: { device: FIX.known } });
    return (r.body as unknown[]).length !== 0;
  },
  'ownership-error-leaks-session': async (p) => {
    const id = await createdId(p);
    return (await call(p, 'getSession', `/sessions/${id}`, { ...opts, token: FIX.second })).text.includes(FIX.appServer.ipv4Address);
  },
  'no-correlator-echo': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, correlator: 'c-1' })).headers['x-correlator'] !== 'c-1',
  'invalid-correlator-accepted': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, correlator: 'not valid!' })).status !== 400,
  'invalid-correlator-ignored': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', { ...opts, correlator: 'not valid!' })).status !== 400,
  'json-content-type-wrong': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', opts)).headers['content-type'] !== 'application/json',
  'error-body-missing-status': async (p) => field(await call(p, 'getQosProfile', '/qos-profiles/QOS_NONE', opts), 'status') !== 404,
  'error-code-lowercase': async (p) => code(await call(p, 'getQosProfile', '/qos-profiles/QOS_NONE', opts)) !== 'NOT_FOUND',
  'no-body-500': async (p) => (await call(p, 'createSession', '/sessions', opts)).status !== 400,
  'request-schema-unchecked': async (p) => (await create(p, { applicationServer: {} })).status !== 400,
  'notification-missing': async (p) => {
    await create(p, withSink());
    return (await events(1)).length === 0;
  },
  'notification-wrong-type': async (p) => {
    await create(p, withSink());
    return (await events(1))[0]?.body.type !== 'org.camaraproject.quality-on-demand.v1.qos-status-changed';
  },
  'notification-no-bearer': async (p) => {
    await create(p, withSink());
    return (await events(1))[0]?.headers.authorization !== 'Bearer qodtok-sink-cred-1';
  },
  'notification-plain-json': async (p) => {
    await create(p, withSink());
    return (await events(1))[0]?.headers['content-type'] !== 'application/cloudevents+json';
  },
  'notification-duplicate-id': async (p) => {
    const id = await createdId(p, withSink());
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    const [a, b] = await events(2);
    return a?.body.id === b?.body.id;
  },
  'notification-after-delete': async (p) => {
    const id = await createdId(p, withSink());
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    return (await events(10, { atLeast: 2, settleMs: 700 })).length > 2;
  },
  'notification-wrong-session-id': async (p) => {
    const id = await createdId(p, withSink());
    return (await events(1))[0]?.body.data.sessionId !== id;
  },
  'notification-no-delete-event': async (p) => {
    const id = await createdId(p, withSink());
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    return !(await events(10, { atLeast: 2, settleMs: 400 })).some((e) => e.body.data.statusInfo === 'DELETE_REQUESTED');
  },
  'notification-available-time-late': async (p) => {
    await create(p, withSink());
    return Date.parse((await events(1))[0]?.body.time ?? '') > Date.now() + 60_000;
  },
  'notification-status-info-on-available': async (p) => {
    await create(p, withSink());
    return (await events(1))[0]?.body.data.statusInfo !== undefined;
  },
  'sink-http-accepted': async (p) => (await create(p, { sink: 'http://127.0.0.1:9/callbacks' })).status !== 400,
  'plain-credential-accepted': async (p) => code(await create(p, { sink: sink().url, sinkCredential: { credentialType: 'PLAIN', identifier: 'u', secret: 's' } })) !== 'INVALID_CREDENTIAL',
  'sink-token-type-accepted': async (p) => (await create(p, { sink: sink().url, sinkCredential: { ...credential, accessTokenType: 'mac' } })).status !== 400,
  'empty-sink-credential-accepted': async (p) => (await create(p, { sink: sink().url, sinkCredential: {} })).status !== 400,
  'profile-filter-ignored': async (p) => {
    const r = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { ...opts, body: { status: 'INACTIVE' } });
    return (r.body as Array<{ status: string }>).some((x) => x.status !== 'INACTIVE');
  },
  'extend-duration-unchecked': async (p) => {
    const id = await createdId(p);
    return (await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 0 } })).status !== 400;
  },
  'retrieve-device-unchecked': async (p) => (await call(p, 'retrieveSessionsByDevice', '/retrieve-sessions', { ...opts, body: { device: { phoneNumber: '12' } } })).status !== 400,
  'profile-filter-unchecked': async (p) => (await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { ...opts, body: { status: 'RETIRED' } })).status !== 400,
  'extend-minimum-off-by-one': async (p) => {
    const id = await createdId(p);
    return (await call(p, 'extendQosSessionDuration', `/sessions/${id}/extend`, { ...opts, body: { requestedAdditionalDuration: 1 } })).status !== 200;
  },
  'notify-delete-when-unavailable': async (p) => {
    const id = await createdId(p, { ...withSink(), duration: 1 });
    await sleep(1300); // expired: AVAILABLE then UNAVAILABLE + DURATION_EXPIRED
    await call(p, 'deleteSession', `/sessions/${id}`, opts);
    return (await events(10, { atLeast: 2, settleMs: 500 })).length > 2;
  },
  'validate-before-auth': async (p) => (await call(p, 'createSession', '/sessions', { ...opts, token: null, body: {} })).status !== 401,
  'lookup-before-auth': async (p) => (await call(p, 'getSession', '/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6', { ...opts, token: null })).status !== 401,
  'scope-checked-last': async (p) => (await call(p, 'getSession', '/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6', { ...opts, token: FIX.missingScope })).status !== 403,
  'profile-name-case-insensitive': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/qos_e', opts)).status !== 404,
  'profile-unknown-200': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_NONE', opts)).status !== 404,
  'inactive-profile-accepted': async (p) => (await create(p, { qosProfile: 'QOS_LEGACY' })).status !== 422,
  'unknown-qos-profile-accepted': async (p) => (await create(p, { qosProfile: 'QOS_NONE' })).status !== 400,
  'restricted-profile-leaked': async (p) => {
    const r = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { ...opts, body: {} });
    return (r.body as Array<{ name: string }>).some((x) => x.name === 'QOS_PREMIUM');
  },
  'profile-schema-violation': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_E', opts)).violations.length > 0,
  'profile-durations-inverted': async (p) => {
    const r = await call(p, 'getQosProfile', '/qos-profiles/QOS_E', opts);
    return (field(r, 'minDuration') as { value: number }).value > (field(r, 'maxDuration') as { value: number }).value;
  },
  'inactive-profile-hidden': async (p) => (await call(p, 'getQosProfile', '/qos-profiles/QOS_LEGACY', opts)).status !== 200,
  'profile-get-differs': async (p) => {
    const list = await call(p, 'retrieveQoSProfiles', '/retrieve-qos-profiles', { ...opts, body: { name: 'QOS_E' } });
    return field(await call(p, 'getQosProfile', '/qos-profiles/QOS_E', opts), 'priority') !== (list.body as Array<{ priority: number }>)[0]?.priority;
  },
  // 0.10.1 (probe() starts the provider in the fault's version and dialect)
  'v010-phone-plus-required': async (p) => (await create010(p, { device: { phoneNumber: '34600000001' } })).status !== 201,
  'v010-identifiers-not-cross-checked': async (p) =>
    (await create010(p, { device: { phoneNumber: '+34600000001', ipv4Address: { publicAddress: '203.0.113.20', publicPort: 50020 } } })).status !== 400,
  'v010-conflict-by-identifier': async (p) => {
    await create010(p, { device: { phoneNumber: '+34600000001' } });
    return (await create010(p, { device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 50001 } } })).status !== 409;
  },
  'v010-three-legged-scope-unchecked': async (p) =>
    (await raw(p, 'POST', `${p.baseUrl}/sessions`, { applicationServer: FIX.appServer, qosProfile: 'QOS_E', duration: 60 }, 'qodtok-three-legged-noscope-5a8c2e71')).status !== 403,
  'v010-profile-status-filter-ignored': async (p) => {
    const r = await raw(p, 'GET', `${p.profilesUrl}/qos-profiles?status=INACTIVE`);
    return (r.body as unknown as Array<{ status: string }>).some((x) => x.status !== 'INACTIVE');
  },
  'v010-extend-cap-on-total': async (p) => {
    const id = (await create010(p, { duration: 60 })).body.sessionId as string;
    await sleep(1100);
    const r = await raw(p, 'POST', `${p.baseUrl}/sessions/${id}/extend`, { requestedAdditionalDuration: 86_399 });
    return (r.body.expiresAt as number) - (r.body.startedAt as number) <= 86_400;
  },
  'v010-correlator-required': async (p) => (await raw(p, 'GET', `${p.profilesUrl}/qos-profiles/QOS_E`)).status !== 200,
  'v010-notification-url-suffixed': async (p) => {
    await create010(p, { webhook: { notificationUrl: sink().url } });
    await sleep(400);
    return sink().received[0]?.path !== '/callbacks';
  },
  'orange-400-code-meaning': async (p) => {
    const id = (await create010(p, {})).body.sessionId as string;
    const r = await raw(p, 'POST', `${p.baseUrl}/sessions/${id}/extend`, undefined);
    return r.body.code !== 21;
  },
  'orange-401-code-meaning': async (p) => {
    const r = await raw(p, 'GET', `${p.profilesUrl}/qos-profiles/QOS_E`, undefined, null);
    return r.body.code !== 40;
  },
};

async function probe(fault: QodFaultName, switchedOn: boolean): Promise<boolean> {
  let leased = freeSinks.pop();
  if (!leased) sinks.push((leased = await startTestSink()));
  leased.received.length = 0;
  const info: FaultInfo = FAULTS[fault];
  try {
    const p = await startProvider({ faults: switchedOn ? [fault] : [], sinkCa: leased.ca, apiVersion: info.version as ApiVersion | undefined, dialect: info.dialect });
    try {
      return await sinkScope.run(leased, () => PROBES[fault](p));
    } finally {
      // Closing waits for (or aborts) the provider's deliveries: the sink is quiet for the next probe.
      await p.close();
    }
  } finally {
    freeSinks.push(leased);
  }
}

/** Probes at once: enough to overlap their waits, few enough for a loaded 2-CPU machine. */
const PROBES_AT_ONCE = 4;

describe('fault registry', () => {
  it('has at least 25 faults covering every area, each described', () => {
    expect(FAULT_NAMES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(Object.values(FAULTS).map((f) => f.area))).toEqual(new Set(AREAS));
    for (const info of Object.values(FAULTS)) expect(info.description.length).toBeGreaterThan(10);
    // QoS Provisioning faults name their catch once the provisioning checks exist (provisioning-faults.ts).
    for (const name of QOD_FAULT_NAMES) expect(FAULTS[name].catches.length, name).toBeGreaterThan(5);
  });

  it('every fault name is accepted by startProvider', async () => {
    const p = await startProvider({ faults: [...FAULT_NAMES] });
    await p.close();
  });

  it('an unknown fault throws QOD_UNKNOWN_FAULT listing the known ones', async () => {
    const error = await startProvider({ faults: ['duration-zero-accepted', 'no-such-fault'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe('QOD_UNKNOWN_FAULT');
    expect((error as Error).message).toContain('"no-such-fault"');
    expect((error as Error).message).toContain('wrong-success-status');
  });

  it('has a probe for every QoD fault', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...QOD_FAULT_NAMES].sort());
  });
});

describe('each fault breaks its rule, the clean provider keeps it', () => {
  const outcomes = new Map<QodFaultName, Promise<{ clean: boolean; faulty: boolean }>>();
  beforeAll(async () => {
    const queue = [...QOD_FAULT_NAMES];
    const next = async (): Promise<void> => {
      for (let fault = queue.shift(); fault !== undefined; fault = queue.shift()) {
        const outcome = (async (f: QodFaultName) => ({ clean: await probe(f, false), faulty: await probe(f, true) }))(fault);
        outcomes.set(fault, outcome);
        await outcome.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: PROBES_AT_ONCE }, next));
  }, 120_000);

  it.each(QOD_FAULT_NAMES.map((f) => [f]))('%s', async (fault) => {
    const { clean, faulty } = await outcomes.get(fault)!;
    expect(clean, 'clean provider breaks the rule').toBe(false);
    expect(faulty, 'fault does not break the rule').toBe(true);
  });
});
