// Notification callbacks as a suite sees them: how to ask for them in each version's request
// shape, waiting for one with a failure that lists what did arrive, and the checks of what came
// (src/checks/cloudevent.ts) turned into failures that cite the rule each problem breaks.
import { randomBytes } from 'node:crypto';
import { checkLegacyNotification, checkQosStatusEvent, parseRecordBody, type QosStatus } from '../checks/cloudevent.js';
import { fail } from '../checks/failure.js';
import type { SinkRecord } from '../evidence/types.js';
import { describeViolation } from '../spec/validators.js';
import type { Qod } from './harness.js';
import type { Json } from './sessions.js';

/** The credential given at create time: `token` is what must come back as `Bearer <token>`. */
export interface CallbackCredential {
  token: string;
}

/** What a test asked for: where events go and with which credential (none: undefined). */
export interface Subscription {
  path: string;
  url: string;
  credential?: CallbackCredential;
  /** createSession body fields for this version (sink/sinkCredential, webhook, notificationUrl). */
  fields: Json;
}

/** A fresh random token: every test gets its own, so a token from another test cannot pass. */
export function randomToken(): string {
  return `qodcb-${randomBytes(24).toString('hex')}`;
}

/**
 * A sink path for this test and the body fields that ask for notifications there, in the
 * version's shape: `sink` + `sinkCredential` (0.11.1+), `webhook` (0.10.1), `notificationUrl` +
 * `notificationAuthToken` (0.8.1).
 */
export function subscribe(q: Qod, opts: { credential: boolean }): Subscription {
  const { path, url } = q.sinkEndpoint();
  const token = opts.credential ? randomToken() : undefined;
  const credential = token === undefined ? undefined : { token };
  return { path, url, credential, fields: notificationFields(q, url, token) };
}

export function notificationFields(q: Qod, url: string, token: string | undefined): Json {
  if (q.version === '0.8.1') return { notificationUrl: url, ...(token === undefined ? {} : { notificationAuthToken: token }) };
  if (q.version === '0.10.1') return { webhook: { notificationUrl: url, ...(token === undefined ? {} : { notificationAuthToken: token }) } };
  return { sink: url, ...(token === undefined ? {} : { sinkCredential: accessTokenCredential(token) }) };
}

/** A valid ACCESSTOKEN credential (0.11.1+), by default with a fresh random token (never a real secret). */
export function accessTokenCredential(token = randomToken()): Json {
  return {
    credentialType: 'ACCESSTOKEN',
    accessToken: token,
    // "should lie after the end of the session": a day covers any test session.
    accessTokenExpiresUtc: new Date(Date.now() + 86_400_000).toISOString(),
    accessTokenType: 'bearer',
  };
}

/**
 * The 400 codes the spec allows for a sinkCredential it refuses, whether its credentialType is one
 * the version forbids (PLAIN / REFRESHTOKEN) or it is `{}` (credentialType missing): INVALID_ARGUMENT
 * (a request the schema or the spec's text forbids) and INVALID_CREDENTIAL ("Only Access token is
 * supported"), both in the createSession 400 codes of every sink version. The official scenarios
 * fix one of them each; the disagreement is noted with noteCredentialCodes.
 */
export const CREDENTIAL_REFUSAL_CODES: readonly string[] = ['INVALID_ARGUMENT', 'INVALID_CREDENTIAL'];

/** Records that a credential check accepts both codes where its official scenario fixes `scenarioCode`. */
export async function noteCredentialCodes(q: Qod, scenarioId: string, scenarioCode: string, what: string): Promise<void> {
  await q.noteStandard(
    `${scenarioId} expects ${scenarioCode} for ${what}; the QoD ${q.version} spec lists both INVALID_ARGUMENT and INVALID_CREDENTIAL among the createSession 400 codes and does not say which applies here, so both are accepted (SCENARIOS.md conflict #4 for the credential types).`,
  );
}

/**
 * From 1.1.0 `sink` must be https; a run whose sink speaks plain http (--sink-http) cannot ask
 * for events at all then. Skips with the reason.
 */
export function needHttpsSink(q: Qod): void {
  if (q.rules.sinkMustBeHttps && q.config.sink?.http) {
    q.ctx.skip(`needs an https sink: QoD ${q.version} requires sink to match ^https:// and this run's sink speaks plain http (--sink-http)`);
  }
}

/** The parts of an event that identify it in a failure message. */
export interface EventSummary {
  seq: number;
  type?: unknown;
  qosStatus?: unknown;
  statusInfo?: unknown;
  sessionId?: unknown;
  id?: unknown;
  source?: unknown;
  /** 0.8.1 plain JSON: `event`. */
  event?: unknown;
  time?: unknown;
}

export function summarize(record: SinkRecord): EventSummary {
  const parsed = parseRecordBody(record);
  const body = parsed.ok && isObject(parsed.value) ? parsed.value : {};
  const data = isObject(body.data) ? body.data : {};
  return {
    seq: record.seq,
    type: body.type,
    qosStatus: data.qosStatus,
    statusInfo: data.statusInfo,
    sessionId: data.sessionId ?? body.sessionId,
    id: body.id,
    source: body.source,
    event: body.event,
    time: body.time,
  };
}

/** One line per record: what arrived, without credentials. */
export function describeArrivals(records: readonly SinkRecord[]): string {
  if (records.length === 0) return 'nothing arrived';
  const lines = records.map((r) => {
    const s = summarize(r);
    const parts = [
      `#${r.seq} ${r.method} ${r.path.split('?', 1)[0]}`,
      `content-type ${r.headers['content-type'] ?? '(none)'}`,
      s.type !== undefined ? `type ${show(s.type)}` : undefined,
      s.event !== undefined ? `event ${show(s.event)}` : undefined,
      `qosStatus ${show(s.qosStatus)}`,
      s.statusInfo !== undefined ? `statusInfo ${show(s.statusInfo)}` : undefined,
      `sessionId ${show(s.sessionId)}`,
      `id ${show(s.id)}`,
    ];
    if (parseRecordBody(r).ok === false) parts.push('(body not JSON)');
    return parts.filter((p) => p !== undefined).join(', ');
  });
  return `${records.length} callback${records.length > 1 ? 's' : ''} arrived: ${lines.join(' | ')}`;
}

export function isStatus(record: SinkRecord, qosStatus: QosStatus, statusInfo?: string): boolean {
  const s = summarize(record);
  return s.qosStatus === qosStatus && (statusInfo === undefined || s.statusInfo === statusInfo);
}

/**
 * Waits (bounded) until `until` holds on the records at `path`; fails otherwise, naming what was
 * awaited, for how long, and every callback that did arrive.
 */
export async function awaitCallbacks(q: Qod, path: string, until: (records: SinkRecord[]) => boolean, what: { description: string; rule: string; timeoutMs?: number }): Promise<SinkRecord[]> {
  const timeoutMs = Math.max(0, what.timeoutMs ?? q.config.notificationTimeoutMs);
  const started = Date.now();
  const { records, timedOut } = await q.waitCallbacks(path, until, timeoutMs);
  if (timedOut) {
    fail(`no ${what.description} arrived within ${Date.now() - started} ms`, {
      rule: what.rule,
      expected: `${what.description} at the sink within ${timeoutMs} ms`,
      actual: `waited ${Date.now() - started} ms; ${describeArrivals(records)}`,
    });
  }
  return records;
}

export interface ExpectedEvent {
  sessionId: string;
  qosStatus: QosStatus;
  /** null: must be absent (AVAILABLE). */
  statusInfo: string | null;
  /** The credential given at create time (Authorization must be Bearer <token>), or undefined when none was given. */
  credential: CallbackCredential | undefined;
  /** Where the expected status/statusInfo comes from (e.g. the deleteSession description). */
  statusRule: string;
  /** Official scenario the test implements, cited first. */
  scenarioId?: string;
  /** Short name of the event for messages: "AVAILABLE event", "deletion event". */
  label: string;
}

/**
 * Checks one QOS_STATUS_CHANGED callback (0.10.1+): transport (POST, content type, bearer),
 * CloudEvents 1.0 attributes, `type` of the version, data, and the spec's callback schema. Fails
 * once with every problem found, each cited. No credential given → an Authorization header is an
 * advisory only (the spec allows anonymous delivery but does not forbid a header).
 */
export async function expectQosEvent(q: Qod, record: SinkRecord, exp: ExpectedEvent): Promise<void> {
  const type = q.rules.eventType;
  if (type === undefined) throw new Error(`QoD ${q.version} has no CloudEvent notifications`);
  const problems = checkQosStatusEvent(withCanonicalBearer(record), {
    type,
    sessionId: exp.sessionId,
    qosStatus: exp.qosStatus,
    statusInfo: exp.statusInfo,
    bearer: exp.credential === undefined ? undefined : exp.credential.token,
  });
  problems.push(...(await callbackSchemaProblems(q, record)));
  if (problems.length > 0) {
    fail(`the ${exp.label} breaks ${problems.length} rule${problems.length > 1 ? 's' : ''} of the notification contract`, {
      rule: citeProblems(q, problems, exp),
      expected: describeExpected(q, exp),
      actual: `${problems.join('; ')} — received: ${describeArrivals([record])}`,
    });
  }
  if (exp.credential === undefined && record.headers['authorization'] !== undefined) {
    await q.advise({
      title: 'Authorization header on a callback although no sink credential was given',
      whyItMatters: 'The consumer gave no credential, so it cannot verify this header; if it carries a provider-side token, that token is disclosed to whatever URL the consumer named.',
      detail: `${exp.label} #${record.seq} carried an Authorization header (scheme ${JSON.stringify(record.headers['authorization'].split(' ', 1)[0]?.slice(0, 20))}). The callback's security allows anonymous delivery ({}) or notificationsBearerAuth carrying the sink credential (${q.cite('createSession callbacks.notifications security')}); the spec does not forbid other headers.`,
    });
  }
}

/** What in a callback's body breaks the createSession callback schema (nothing when it is not JSON: its own rule). */
async function callbackSchemaProblems(q: Qod, record: SinkRecord): Promise<string[]> {
  const parsed = parseRecordBody(record);
  if (!parsed.ok) return [];
  return (await q.validators()).validateCallbackBody('createSession', parsed.value).map((v) => `callback schema: ${describeViolation(v)}`);
}

/** The token of an `Authorization: Bearer <token>` header; the scheme name is case-insensitive (RFC 9110 §11.1). */
export function bearerTokenOf(record: SinkRecord): string | undefined {
  const match = /^bearer +(\S+)\s*$/i.exec(record.headers['authorization'] ?? '');
  return match?.[1];
}

/**
 * checkQosStatusEvent wants the scheme spelled "Bearer"; HTTP scheme names are case-insensitive
 * (RFC 9110 §11.1), so "bearer <token>" is rewritten before the check rather than failed.
 */
export function withCanonicalBearer(record: SinkRecord): SinkRecord {
  const token = bearerTokenOf(record);
  if (token === undefined || record.headers['authorization'] === `Bearer ${token}`) return record;
  return { ...record, headers: { ...record.headers, authorization: `Bearer ${token}` } };
}

/** 0.8.1: plain JSON {sessionId, event: SESSION_TERMINATED} to notificationUrl + /notifications. */
export async function expectLegacyNotification(q: Qod, record: SinkRecord, exp: { sessionId: string; apiKey?: string; label: string }): Promise<void> {
  const problems = checkLegacyNotification(record, { sessionId: exp.sessionId, apiKey: exp.apiKey });
  problems.push(...(await callbackSchemaProblems(q, record)));
  if (problems.length > 0) {
    fail(`the ${exp.label} breaks ${problems.length} rule${problems.length > 1 ? 's' : ''} of the notification contract`, {
      rule: q.cite('createSession callbacks.notifications ({$request.body#/notificationUrl}/notifications, postNotification: Notification, security apiKey in query "apikey")'),
      expected: `POST <notificationUrl>/notifications, application/json {sessionId: "${exp.sessionId}", event: "SESSION_TERMINATED"}${exp.apiKey === undefined ? '' : ', apikey = the notificationAuthToken given'}`,
      actual: `${problems.join('; ')} — received: ${describeArrivals([record])}`,
    });
  }
}

function describeExpected(q: Qod, exp: ExpectedEvent): string {
  const auth =
    exp.credential === undefined
      ? 'no credential given'
      : `Authorization: Bearer <the ${q.version === '0.10.1' ? 'webhook.notificationAuthToken' : 'sinkCredential.accessToken'} given at create time>`;
  return [
    'POST, Content-Type application/cloudevents+json',
    auth,
    `CloudEvents 1.0 (specversion "1.0", non-empty id, source, time)`,
    `type "${q.rules.eventType}"`,
    `data.sessionId "${exp.sessionId}"`,
    `data.qosStatus ${exp.qosStatus}`,
    exp.statusInfo === null ? 'no data.statusInfo' : `data.statusInfo ${exp.statusInfo}`,
    'body valid against the callback schema',
  ].join(', ');
}

/** The rules the problems break, most specific first, without repeats. */
function citeProblems(q: Qod, problems: readonly string[], exp: ExpectedEvent): string {
  const rules = new Set<string>();
  if (exp.scenarioId) rules.add(exp.scenarioId);
  for (const p of problems) {
    const field = p.split(':', 1)[0] ?? '';
    if (field === 'method') rules.add(q.cite('createSession callbacks.notifications (post)'));
    else if (field === 'content-type') rules.add(q.cite('createSession callbacks.notifications requestBody content application/cloudevents+json'));
    else if (field === 'authorization') {
      rules.add(
        q.cite(
          `createSession callbacks.notifications security notificationsBearerAuth (the token is the ${q.version === '0.10.1' ? 'webhook.notificationAuthToken' : 'sinkCredential.accessToken'} given)`,
        ),
      );
    } else if (field === 'type') rules.add(q.cite('CloudEvent.type enum'));
    else if (field === 'data.sessionId') rules.add(q.cite('EventQosStatusChanged data.sessionId (the session the event is about)'));
    else if (field === 'data.qosStatus') rules.add(exp.statusRule);
    else if (field === 'data.statusInfo') {
      rules.add(exp.statusInfo === null ? q.cite('StatusInfo: "Currently statusInfo is only applicable when qosStatus is UNAVAILABLE"') : exp.statusRule);
    } else if (field === 'callback schema') rules.add(q.cite('createSession callbacks.notifications requestBody schema'));
    else rules.add(`CloudEvents 1.0 context attributes; ${q.cite('CloudEvent required id, source, specversion, type, time')}`);
  }
  return [...rules].join('; ');
}

/**
 * A redelivery: CloudEvents 1.0 lets a consumer "assume that Events with identical source and id
 * are duplicates"; with the same type and data it is the same event delivered again (at-least-once
 * delivery), never a second event. The same id on different content is another matter
 * (expectDistinctEventIds).
 */
export function isRedelivery(a: SinkRecord, b: SinkRecord): boolean {
  const ka = eventIdentity(a);
  const kb = eventIdentity(b);
  return ka !== undefined && kb !== undefined && ka.key === kb.key && ka.content === kb.content;
}

/** source + id (the event's identity) and type + data (its content); undefined without a string id. */
function eventIdentity(record: SinkRecord): { key: string; content: string } | undefined {
  const parsed = parseRecordBody(record);
  if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.id !== 'string') return undefined;
  const { id, source, type, data } = parsed.value;
  return { key: JSON.stringify([source, id]), content: JSON.stringify([type, data]) };
}

/**
 * Distinct events must have distinct ids (CloudEvents: source + id identifies an event). Records
 * sharing source + id with the same type and data are redeliveries and allowed; different content
 * under one id is a failure.
 */
export function expectDistinctEventIds(q: Qod, records: readonly SinkRecord[]): void {
  const byKey = new Map<string, { record: SinkRecord; content: string }>();
  for (const record of records) {
    const identity = eventIdentity(record);
    if (identity === undefined) continue;
    const seen = byKey.get(identity.key);
    if (seen === undefined) byKey.set(identity.key, { record, content: identity.content });
    else if (seen.content !== identity.content) {
      fail('two different events carry the same CloudEvent id', {
        rule: `CloudEvents 1.0 id ("source + id MUST be unique for each distinct event"); ${q.cite('CloudEvent.id: "Identifier of this event, that must be unique in the source context"')}`,
        expected: 'a distinct id for each distinct event (a redelivery may repeat an id with identical content)',
        actual: `id ${String(summarize(record).id)} on #${seen.record.seq} and #${record.seq} — ${describeArrivals([seen.record, record])}`,
      });
    }
  }
}

/**
 * The new events at `path` after record `afterSeq`, watched for the whole of `windowMs`: a
 * redelivery of an event already seen (`seen`, or earlier in the window) is not new, nor is an
 * arrival `ignore` names; neither ends the watch.
 */
export async function newEventsWithin(
  q: Qod,
  path: string,
  seen: readonly SinkRecord[],
  afterSeq: number,
  windowMs: number,
  ignore: (record: SinkRecord) => boolean = () => false,
): Promise<SinkRecord[]> {
  // Only what came up to `afterSeq` is known: a record of `seen` after it (fetched with the event
  // awaited, under load) is as new as one still to come, not a redelivery of itself.
  const known = seen.filter((r) => r.seq <= afterSeq);
  const fresh: SinkRecord[] = [];
  const end = Date.now() + windowMs;
  for (let after = afterSeq; Date.now() < end;) {
    const arrived = await q.quiet(path, end - Date.now(), after);
    if (arrived.length === 0) break;
    for (const r of arrived) {
      if (!known.some((x) => x.seq !== r.seq && isRedelivery(x, r)) && !ignore(r)) fresh.push(r);
      known.push(r);
      after = Math.max(after, r.seq);
    }
  }
  return fresh;
}

/** An event's own `time` (when it happened) as epoch ms, or NaN when absent or not a date. */
function eventTimeMs(record: SinkRecord): number {
  const time = summarize(record).time;
  return typeof time === 'string' ? Date.parse(time) : Number.NaN;
}

/**
 * For one session: no AVAILABLE event may have happened after its UNAVAILABLE one (UNAVAILABLE is
 * final). Judged by the events' own `time` (occurrence), never by arrival: callbacks are separate
 * HTTP requests and the spec promises no delivery order, so a reversed arrival alone is an
 * advisory. Without usable times the arrival order is all there is, and then only advised too.
 */
export async function expectAvailableBeforeUnavailable(q: Qod, records: readonly SinkRecord[], scenarioId?: string): Promise<void> {
  const unavailable = records.find((r) => isStatus(r, 'UNAVAILABLE'));
  const availables = records.filter((r) => isStatus(r, 'AVAILABLE'));
  if (!unavailable || availables.length === 0) return;
  const tU = eventTimeMs(unavailable);
  const rule = [scenarioId, q.cite('QosStatus: AVAILABLE then UNAVAILABLE (a terminated session does not become available again); createSession/deleteSession descriptions')]
    .filter(Boolean)
    .join('; ');
  const afterwards = availables.filter((r) => Number.isFinite(tU) && eventTimeMs(r) > tU);
  q.check(afterwards.length === 0, 'an AVAILABLE event happened after the UNAVAILABLE event of the same session', {
    rule,
    expected: `every AVAILABLE event time ≤ the UNAVAILABLE event time ${String(summarize(unavailable).time)} (#${unavailable.seq})`,
    actual: afterwards.map((r) => `AVAILABLE #${r.seq} time ${String(summarize(r).time)}`).join('; '),
  });
  const lateArrivals = availables.filter((r) => r.seq > unavailable.seq);
  if (lateArrivals.length > 0) {
    await q.advise({
      title: 'UNAVAILABLE event delivered before the AVAILABLE event',
      whyItMatters: 'A consumer that applies events in arrival order instead of by their time ends up believing the session is AVAILABLE.',
      detail: `UNAVAILABLE arrived as #${unavailable.seq}, AVAILABLE as #${lateArrivals.map((r) => r.seq).join(', #')}; ${Number.isFinite(tU) ? 'their times are in order' : 'the events carry no usable time to order them by'}. The spec does not promise a delivery order.`,
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
