// Used inside tests (vitest workers): give each test its own callback path on the sink and read
// what reached it through the control API over loopback.
import { randomUUID } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';
import type { SinkAccess } from '../config/types.js';
import type { SinkRecord } from '../evidence/types.js';
import { CONTROL_TOKEN_HEADER } from './types.js';

/** Per-request bound on a control call, so a hung sink cannot stall a wait past its budget much. */
const CONTROL_REQUEST_TIMEOUT_MS = 5_000;

/** A fresh path no other test uses, so concurrent tests never see each other's callbacks. */
export function newSinkPath(): string {
  return `/cb/${randomUUID()}`;
}

/** The URL to hand to the provider (notificationUrl / sink) for this path. */
export function sinkUrlFor(access: SinkAccess, path: string): string {
  return `${access.publicUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Records whose path is `path` or below it (segment-wise), optionally only those after a seq;
 *  with `waitMs`, the sink answers when one comes (at most that long, sink/control.ts MAX_HOLD_MS). */
export async function fetchRecords(access: SinkAccess, path: string, afterSeq?: number, waitMs = 0): Promise<SinkRecord[]> {
  const url = new URL(`${access.controlUrl.replace(/\/+$/, '')}/records`);
  url.searchParams.set('pathPrefix', path);
  if (afterSeq !== undefined) url.searchParams.set('afterSeq', String(afterSeq));
  if (waitMs > 0) url.searchParams.set('waitMs', String(Math.round(waitMs)));

  const res = await request(url, {
    method: 'GET',
    headers: { [CONTROL_TOKEN_HEADER]: access.controlToken },
    dispatcher: dispatcherFor(access),
    headersTimeout: CONTROL_REQUEST_TIMEOUT_MS,
    bodyTimeout: CONTROL_REQUEST_TIMEOUT_MS,
  });
  const text = await res.body.text();
  // A failing control call is a harness problem, not the provider's: throw a plain Error.
  if (res.statusCode !== 200) throw new Error(`sink control API answered ${res.statusCode}: ${text.slice(0, 200)}`);
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('sink control API did not answer a JSON array');
  return parsed as SinkRecord[];
}

/** The longest one held request waits (the sink holds it at most MAX_HOLD_MS, 4 s). */
const HOLD_MS = 4_000;

/**
 * Waits until `until(records)` holds or `timeoutMs` has passed: each request is held by the sink
 * until a new record comes. Never throws on timeout: the caller fails with whatever did arrive.
 */
export async function waitForRecords(access: SinkAccess, path: string, until: (records: SinkRecord[]) => boolean, timeoutMs: number): Promise<{ records: SinkRecord[]; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  const records = await fetchRecords(access, path);
  for (;;) {
    if (until(records)) return { records, timedOut: false };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { records, timedOut: true };
    // Records only ever come after the newest one held (the store is append-only, in seq order).
    records.push(...(await fetchRecords(access, path, lastSeq(records), Math.min(HOLD_MS, remaining))));
  }
}

/**
 * Watches `path` for `forMs` and returns what arrived after `afterSeq` (default: the newest record
 * on the path when the call starts). An empty result means nothing more came. Returns as soon as
 * something arrives, since the answer is then already known.
 */
export async function waitQuiet(access: SinkAccess, path: string, forMs: number, afterSeq?: number): Promise<SinkRecord[]> {
  const baseline = afterSeq ?? lastSeq(await fetchRecords(access, path));
  const deadline = Date.now() + forMs;
  for (;;) {
    const remaining = deadline - Date.now();
    const arrived = await fetchRecords(access, path, baseline, Math.max(0, Math.min(HOLD_MS, remaining)));
    if (arrived.length > 0 || deadline - Date.now() <= 0) return arrived;
  }
}

function lastSeq(records: SinkRecord[]): number {
  return records.reduce((max, r) => Math.max(max, r.seq), 0);
}

// One dispatcher per certificate, reused across polls so each poll does not redo the TLS handshake.
const dispatchers = new Map<string, Dispatcher>();

function dispatcherFor(access: SinkAccess): Dispatcher | undefined {
  const ca = access.caCertPem;
  if (access.http || ca === undefined) return undefined; // undici's global dispatcher does for http
  let agent = dispatchers.get(ca);
  if (agent === undefined) {
    agent = new Agent({ connect: { ca } });
    dispatchers.set(ca, agent);
  }
  return agent;
}

/** Closes the pooled connections to the sink so a worker can exit at once. */
export async function closeSinkClients(): Promise<void> {
  const agents = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(agents.map((a) => a.close()));
}
