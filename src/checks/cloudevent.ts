// Checks of one callback received by the sink. Each returns every broken rule as a string
// ("<rule>: <what is wrong>") instead of throwing, so a test can report them all at once.
// Messages never echo credential values: reports and evidence are shared.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { CloudEvent, ValidationError } from 'cloudevents';
import type { SinkRecord } from '../evidence/types.js';

export type QosStatus = 'AVAILABLE' | 'UNAVAILABLE';

export interface ExpectedQosStatusEvent {
  /** CloudEvent type of the API version, e.g. org.camaraproject.quality-on-demand.v1.qos-status-changed */
  type: string;
  sessionId: string;
  /** Omitted: only the enum is checked. */
  qosStatus?: QosStatus;
  /** Omitted: only the enum is checked when present; null: must be absent. */
  statusInfo?: string | null;
  /** Credential given at create time: Authorization must be exactly "Bearer <it>". null: no
   *  credential was given, so no Authorization header. Omitted: not checked. */
  bearer?: string | null;
  /** Expected media type; default application/cloudevents+json (structured mode, 0.10.1+). */
  contentType?: string;
  /** Names of the data fields and the statusInfo values: QoD's (sessionId, qosStatus) by default;
   *  QoS Provisioning's status-changed event carries assignmentId (provisioningId in 0.2.0) and status. */
  data?: { idField: string; statusField: string; statusInfos: readonly string[] };
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';
const QOS_STATUSES: readonly string[] = ['AVAILABLE', 'UNAVAILABLE'];
const STATUS_INFOS: readonly string[] = ['DURATION_EXPIRED', 'NETWORK_TERMINATED', 'DELETE_REQUESTED'];

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

export function parseRecordBody(record: SinkRecord): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(record.body) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Distinct event ids in arrival order (an event is its source + id, per CloudEvents), so
 *  redeliveries of one event count once. Records without a string id are skipped. */
export function uniqueIds(records: SinkRecord[]): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const record of records) {
    const parsed = parseRecordBody(record);
    if (!parsed.ok || !isObject(parsed.value)) continue;
    const { id, source } = parsed.value;
    if (typeof id !== 'string') continue;
    const key = JSON.stringify([source, id]);
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(id);
  }
  return ids;
}

export function checkQosStatusEvent(record: SinkRecord, expected: ExpectedQosStatusEvent): string[] {
  const problems: string[] = [];
  checkMethod(record, problems);
  checkContentType(record, expected.contentType ?? CLOUDEVENTS_CONTENT_TYPE, problems);
  if (expected.bearer !== undefined) checkBearer(record, expected.bearer, problems);

  const parsed = parseRecordBody(record);
  if (!parsed.ok) return [...problems, `body: not JSON (${parsed.error})`];
  const event = parsed.value;
  if (!isObject(event)) return [...problems, `body: not a JSON object`];

  problems.push(...sdkValidation(event));
  // Checked on the raw body: the SDK fills in a missing id, time and specversion by itself.
  if (event.specversion !== '1.0') problems.push(`specversion: expected "1.0", got ${show(event.specversion)}`);
  if (event.type !== expected.type) problems.push(`type: expected "${expected.type}", got ${show(event.type)}`);
  if (typeof event.id !== 'string' || event.id === '') problems.push(`id: required non-empty string, got ${show(event.id)}`);
  if (typeof event.source !== 'string' || event.source === '') {
    problems.push(`source: required non-empty string, got ${show(event.source)}`);
  } else if (!matchesFormat('uri-reference', event.source)) {
    problems.push(`source: not a URI reference: ${show(event.source)}`);
  }
  if (typeof event.time !== 'string' || !matchesFormat('date-time', event.time)) {
    problems.push(`time: required RFC 3339 date-time, got ${show(event.time)}`);
  }
  if (event.datacontenttype !== undefined && event.datacontenttype !== 'application/json') {
    problems.push(`datacontenttype: if present must be "application/json", got ${show(event.datacontenttype)}`);
  }
  checkData(event.data, expected, problems);
  return problems;
}

function checkData(data: unknown, expected: ExpectedQosStatusEvent, problems: string[]): void {
  if (!isObject(data)) {
    problems.push(`data: required object, got ${show(data)}`);
    return;
  }
  const { idField, statusField, statusInfos } = expected.data ?? { idField: 'sessionId', statusField: 'qosStatus', statusInfos: STATUS_INFOS };
  if (data[idField] !== expected.sessionId) {
    problems.push(`data.${idField}: expected "${expected.sessionId}", got ${show(data[idField])}`);
  }
  const status = data[statusField];
  if (expected.qosStatus !== undefined ? status !== expected.qosStatus : !QOS_STATUSES.includes(String(status))) {
    problems.push(`data.${statusField}: expected ${expected.qosStatus ?? `one of ${QOS_STATUSES.join(', ')}`}, got ${show(status)}`);
  }
  const { statusInfo } = data;
  if (expected.statusInfo === null) {
    if (statusInfo !== undefined) problems.push(`data.statusInfo: expected absent, got ${show(statusInfo)}`);
  } else if (expected.statusInfo !== undefined) {
    if (statusInfo !== expected.statusInfo) problems.push(`data.statusInfo: expected "${expected.statusInfo}", got ${show(statusInfo)}`);
  } else if (statusInfo !== undefined && !statusInfos.includes(String(statusInfo))) {
    problems.push(`data.statusInfo: expected one of ${statusInfos.join(', ')}, got ${show(statusInfo)}`);
  }
}

/** The maintained SDK's CloudEvents 1.0 validation (JSON schema and attribute naming). */
function sdkValidation(event: Record<string, unknown>): string[] {
  try {
    new CloudEvent(event, true);
    return [];
  } catch (error) {
    if (error instanceof ValidationError && Array.isArray(error.errors) && error.errors.length > 0) {
      return error.errors.map((e) => `CloudEvents 1.0 (SDK): ${typeof e === 'string' ? e : `${e.instancePath || '/'} ${e.message ?? e.keyword}`}`);
    }
    // ValidationError without details, or the SDK's TypeError for a 1.0 event with schemaurl.
    return [`CloudEvents 1.0 (SDK): ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`];
  }
}

/** CAMARA 0.8.1: plain JSON to notificationUrl + "/notifications", apikey query parameter. */
export function checkLegacyNotification(record: SinkRecord, expected: { sessionId: string; apiKey?: string }): string[] {
  const problems: string[] = [];
  checkMethod(record, problems);
  checkContentType(record, 'application/json', problems);
  const url = new URL(record.path, 'http://sink.invalid');
  if (!url.pathname.endsWith('/notifications')) {
    problems.push(`path: expected notificationUrl + "/notifications", got "${url.pathname}"`);
  }
  if (expected.apiKey !== undefined && url.searchParams.get('apikey') !== expected.apiKey) {
    problems.push(`apikey: query parameter ${url.searchParams.has('apikey') ? 'differs from the one expected' : 'missing'}`);
  }
  const parsed = parseRecordBody(record);
  if (!parsed.ok) return [...problems, `body: not JSON (${parsed.error})`];
  const body = parsed.value;
  if (!isObject(body)) return [...problems, 'body: not a JSON object'];
  if (body.sessionId !== expected.sessionId) problems.push(`sessionId: expected "${expected.sessionId}", got ${show(body.sessionId)}`);
  if (body.event !== 'SESSION_TERMINATED') problems.push(`event: expected "SESSION_TERMINATED", got ${show(body.event)}`);
  return problems;
}

function checkMethod(record: SinkRecord, problems: string[]): void {
  if (record.method !== 'POST') problems.push(`method: callbacks are POST, got ${record.method}`);
}

function checkContentType(record: SinkRecord, expected: string, problems: string[]): void {
  const given = record.headers['content-type'];
  const mediaType = given?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== expected.toLowerCase()) {
    problems.push(`content-type: expected ${expected}, got ${given === undefined ? 'none' : `"${given}"`}`);
  }
}

/** Describes a mismatch without ever printing the expected or received token. */
function checkBearer(record: SinkRecord, token: string | null, problems: string[]): void {
  const given = record.headers['authorization'];
  if (token === null) {
    if (given !== undefined) problems.push('authorization: no credential was given, but an Authorization header was sent');
    return;
  }
  if (given === undefined) {
    problems.push('authorization: expected "Bearer <credential given at create time>", header missing');
  } else if (!/^bearer\s+/i.test(given) || given.replace(/^bearer\s+/i, '') !== token) {
    // The scheme name is case-insensitive (RFC 9110 §11.1); the token is not.
    const scheme = given.split(' ', 1)[0] ?? '';
    const why = /^bearer$/i.test(scheme)
      ? scheme === 'Bearer'
        ? 'token differs from the credential given'
        : `scheme spelled "${scheme}" or token differs`
      : `scheme "${scheme.slice(0, 20)}" instead of Bearer`;
    problems.push(`authorization: expected "Bearer <credential given at create time>", ${why}`);
  }
}

/** ajv-formats' full (RFC-strict) validators; date-time there requires a time zone offset. */
function matchesFormat(name: 'uri-reference' | 'date-time', value: string): boolean {
  const format = fullFormats[name];
  const check = typeof format === 'object' && !(format instanceof RegExp) ? format.validate : format;
  if (check instanceof RegExp) return check.test(value);
  if (typeof check === 'function') return (check as (v: string) => unknown)(value) === true;
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short, JSON-ish rendering of a received value for a problem message. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing (absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
