import { describe, expect, test } from 'vitest';
import { checkLegacyNotification, checkQosStatusEvent, parseRecordBody, uniqueIds } from '../../src/checks/cloudevent.js';
import type { SinkRecord } from '../../src/evidence/types.js';

const TYPE = 'org.camaraproject.quality-on-demand.v1.qos-status-changed';
const SESSION = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const TOKEN = 'sink-access-token-0123456789';

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'evt-1',
    source: 'https://api.example.com/quality-on-demand/v1/sessions/' + SESSION,
    type: TYPE,
    specversion: '1.0',
    datacontenttype: 'application/json',
    time: '2025-01-20T10:15:30.123Z',
    data: { sessionId: SESSION, qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' },
    ...overrides,
  };
}

function record(body: unknown, headers: Record<string, string> = {}, path = '/cb/x', seq = 1): SinkRecord {
  return {
    seq,
    receivedAt: '2025-01-20T10:15:31.000Z',
    method: 'POST',
    path,
    headers: { 'content-type': 'application/cloudevents+json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const expected = { type: TYPE, sessionId: SESSION, qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED', bearer: TOKEN } as const;

/** The rule names (text before the first colon) of the problems found. */
const rules = (problems: string[]): string[] => problems.map((p) => p.split(':', 1)[0] ?? p);

describe('checkQosStatusEvent', () => {
  test('accepts a correct event', () => {
    expect(checkQosStatusEvent(record(event()), expected)).toEqual([]);
    expect(checkQosStatusEvent(record(event(), { 'content-type': 'application/cloudevents+json; charset=utf-8' }), expected)).toEqual([]);
  });

  test('accepts an event without statusInfo and without credential when none is expected', () => {
    const body = event({ data: { sessionId: SESSION, qosStatus: 'AVAILABLE' } });
    const rec = record(body);
    delete rec.headers.authorization;
    expect(checkQosStatusEvent(rec, { type: TYPE, sessionId: SESSION, qosStatus: 'AVAILABLE', statusInfo: null, bearer: null })).toEqual([]);
  });

  test('wrong type', () => {
    const problems = checkQosStatusEvent(record(event({ type: 'org.camaraproject.qod.v0.qos-status-changed' })), expected);
    expect(rules(problems)).toEqual(['type']);
    expect(problems[0]).toContain(TYPE);
  });

  test('missing id (the SDK would invent one; the raw body is what counts)', () => {
    const body = event();
    delete body.id;
    expect(rules(checkQosStatusEvent(record(body), expected))).toEqual(['id']);
  });

  test('wrong bearer, named without printing either token', () => {
    const problems = checkQosStatusEvent(record(event(), { authorization: 'Bearer some-other-token' }), expected);
    expect(rules(problems)).toEqual(['authorization']);
    expect(problems.join()).not.toContain(TOKEN);
    expect(problems.join()).not.toContain('some-other-token');
    expect(rules(checkQosStatusEvent(record(event(), { authorization: `Basic ${TOKEN}` }), expected))).toEqual(['authorization']);
    const missing = record(event());
    delete missing.headers.authorization;
    expect(rules(checkQosStatusEvent(missing, expected))).toEqual(['authorization']);
  });

  test('an Authorization header when no credential was given', () => {
    expect(rules(checkQosStatusEvent(record(event()), { ...expected, bearer: null }))).toEqual(['authorization']);
  });

  test('plain JSON content type', () => {
    const problems = checkQosStatusEvent(record(event(), { 'content-type': 'application/json' }), expected);
    expect(rules(problems)).toEqual(['content-type']);
  });

  test('wrong sessionId', () => {
    const body = event({ data: { sessionId: '00000000-0000-4000-8000-000000000000', qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' } });
    expect(rules(checkQosStatusEvent(record(body), expected))).toEqual(['data.sessionId']);
  });

  test('wrong qosStatus and statusInfo', () => {
    const body = event({ data: { sessionId: SESSION, qosStatus: 'AVAILABLE', statusInfo: 'DURATION_EXPIRED' } });
    expect(rules(checkQosStatusEvent(record(body), expected))).toEqual(['data.qosStatus', 'data.statusInfo']);
    const offEnum = event({ data: { sessionId: SESSION, qosStatus: 'REQUESTED', statusInfo: 'BORED' } });
    expect(rules(checkQosStatusEvent(record(offEnum), { type: TYPE, sessionId: SESSION }))).toEqual(['data.qosStatus', 'data.statusInfo']);
  });

  test('time not RFC 3339 is named by our rule and by the SDK', () => {
    const problems = checkQosStatusEvent(record(event({ time: '20/01/2025 10:15' })), expected);
    expect(rules(problems)).toEqual(['CloudEvents 1.0 (SDK)', 'time']);
    expect(problems[0]).toContain('/time');
    // No offset: RFC 3339 requires one.
    expect(rules(checkQosStatusEvent(record(event({ time: '2025-01-20T10:15:30' })), expected))).toContain('time');
    const noTime = event();
    delete noTime.time;
    expect(rules(checkQosStatusEvent(record(noTime), expected))).toEqual(['time']);
  });

  test('specversion, source and datacontenttype', () => {
    expect(rules(checkQosStatusEvent(record(event({ specversion: '0.3' })), expected))).toEqual(['specversion']);
    expect(rules(checkQosStatusEvent(record(event({ source: '' })), expected))).toEqual(['CloudEvents 1.0 (SDK)', 'source']);
    expect(rules(checkQosStatusEvent(record(event({ source: 'not a uri' })), expected))).toEqual(['CloudEvents 1.0 (SDK)', 'source']);
    expect(rules(checkQosStatusEvent(record(event({ datacontenttype: 'text/plain' })), expected))).toEqual(['datacontenttype']);
  });

  test('the SDK names a bad extension attribute', () => {
    expect(rules(checkQosStatusEvent(record(event({ Bad_Name: 1 })), expected))).toEqual(['CloudEvents 1.0 (SDK)']);
  });

  test('reports all broken rules at once', () => {
    const body = event({ type: 'wrong', data: { sessionId: 'other', qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' } });
    delete body.id;
    const problems = checkQosStatusEvent(record(body, { 'content-type': 'application/json', authorization: 'Bearer nope' }), expected);
    expect(rules(problems).sort()).toEqual(['authorization', 'content-type', 'data.sessionId', 'id', 'type']);
  });

  test('a body that is not JSON, or not an object', () => {
    expect(rules(checkQosStatusEvent(record('not json'), expected))).toEqual(['body']);
    expect(rules(checkQosStatusEvent(record('[1]'), expected))).toEqual(['body']);
  });
});

describe('helpers', () => {
  test('parseRecordBody', () => {
    expect(parseRecordBody(record({ a: 1 }))).toEqual({ ok: true, value: { a: 1 } });
    expect(parseRecordBody(record('{'))).toMatchObject({ ok: false });
  });

  test('uniqueIds counts a redelivered event once', () => {
    const records = [record(event({ id: 'a' })), record(event({ id: 'b' })), record(event({ id: 'a' })), record('junk')];
    expect(uniqueIds(records)).toEqual(['a', 'b']);
  });
});

describe('checkLegacyNotification (0.8.1)', () => {
  const legacy = (body: unknown, path = '/cb/x/notifications?apikey=k1', contentType = 'application/json'): SinkRecord => record(body, { 'content-type': contentType }, path);
  const ok = { sessionId: SESSION, event: 'SESSION_TERMINATED' };

  test('accepts a correct notification', () => {
    expect(checkLegacyNotification(legacy(ok), { sessionId: SESSION, apiKey: 'k1' })).toEqual([]);
  });

  test('names each broken rule', () => {
    expect(rules(checkLegacyNotification(legacy(ok, '/cb/x?apikey=k1'), { sessionId: SESSION }))).toEqual(['path']);
    expect(rules(checkLegacyNotification(legacy(ok, '/cb/x/notifications'), { sessionId: SESSION, apiKey: 'k1' }))).toEqual(['apikey']);
    expect(rules(checkLegacyNotification(legacy(ok), { sessionId: SESSION, apiKey: 'k2' }))).toEqual(['apikey']);
    expect(rules(checkLegacyNotification(legacy({ sessionId: 'x', event: 'OTHER' }), { sessionId: SESSION }))).toEqual(['sessionId', 'event']);
    expect(rules(checkLegacyNotification(legacy(ok, undefined, 'application/cloudevents+json'), { sessionId: SESSION }))).toEqual(['content-type']);
  });
});
