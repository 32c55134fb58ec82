// Sessions in a retrieveSessionsByDevice answer that this check did not create. With the same
// client credentials, a second run at once (another CI pipeline, the same test devices) has its own
// sessions listed too. A listed session of the asked device is that run's business, not a fault; a
// listed session of ANOTHER device (ours, or one whose `device` names another) always is.
import type { DeviceId } from '../config/types.js';
import { busyBackoffMs, deviceKeysOf, type DeviceKeys } from './busy-device.js';
import { lendable } from './devices.js';
import type { Qod } from './harness.js';
import { idsOf } from './lifecycle-checks.js';
import { retrieveSessions } from './sessions.js';
import type { ApiResponse } from '../http/client.js';

/** How long a check re-reads a listing that shows sessions from outside this run (short: they are gone after their duration). */
export const FOREIGN_SETTLE_MS = 10_000;

export interface ListedItems {
  /** Ids of listed sessions that belong to another device: this check's sessions of other devices, or items naming another device. */
  otherDevice: string[];
  /** Ids of listed sessions this check did not create and that may be for the asked device (another run's). */
  foreign: string[];
}

function sameDevice(a: DeviceKeys, b: DeviceKeys): boolean {
  for (const k of a) if (b.has(k)) return true;
  return false;
}

/** Sorts a listing for `asked`: `ownOther` are ids this check created on other devices. */
export function classifyListed(q: Qod, list: unknown, asked: DeviceId, ownOther: readonly string[], ownAsked: readonly string[] = []): ListedItems {
  const devices = lendable(q.operator);
  const askedKeys = deviceKeysOf({ device: asked }, devices);
  const result: ListedItems = { otherDevice: [], foreign: [] };
  const items = Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
  for (const id of idsOf(q, items)) {
    if (ownAsked.includes(id)) continue;
    if (ownOther.includes(id)) {
      result.otherDevice.push(id);
      continue;
    }
    const item = items.find((s) => s?.[q.rules.sessionIdField] === id);
    const named = deviceKeysOf({ [q.rules.deviceField]: item?.[q.rules.deviceField] }, devices);
    // An item that names its device must name the asked one; one that names none is given the benefit of the doubt.
    if (named.size > 0 && !sameDevice(named, askedKeys)) result.otherDevice.push(id);
    else result.foreign.push(id);
  }
  return result;
}

/**
 * Reads the device's sessions until no session from outside this check is listed, with the busy
 * devices' bounded backoff. Returns the last answer and its sorting; a listing of another device's
 * session returns at once (a failure, no waiting).
 */
export async function retrieveSettled(q: Qod, asked: DeviceId, ownOther: readonly string[], ownAsked: readonly string[] = []): Promise<{ res: ApiResponse; listed: ListedItems }> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const res = await retrieveSessions(q, { device: asked });
    if (res.status !== 200) return { res, listed: { otherDevice: [], foreign: [] } };
    const listed = classifyListed(q, res.json, asked, ownOther, ownAsked);
    if (listed.otherDevice.length > 0 || listed.foreign.length === 0) return { res, listed };
    const wait = busyBackoffMs(attempt, waited, FOREIGN_SETTLE_MS);
    if (wait === undefined) return { res, listed };
    const started = performance.now();
    await q.timerWait(wait);
    waited += performance.now() - started;
  }
}

/** The callback URL a listed session carries, as the version names it (sink, webhook.notificationUrl, notificationUrl). */
function callbackUrlOf(q: Qod, item: Record<string, unknown>): unknown {
  const target = q.rules.notificationTarget;
  if (target === 'webhook') return (item.webhook as Record<string, unknown> | undefined)?.notificationUrl;
  return item[target];
}

/** Is `url` a URL, and one on this run's sink? undefined: not a URL (absent or mangled). */
function onRunSink(q: Qod, url: unknown): boolean | undefined {
  if (typeof url !== 'string' || !URL.canParse(url) || !q.config.sink) return undefined;
  return url.startsWith(q.config.sink.publicUrl.replace(/\/+$/, '') + '/');
}

/** Does this request body call back to this run's sink? */
export function namesRunSink(q: Qod, body: unknown): boolean {
  return typeof body === 'object' && body !== null && onRunSink(q, callbackUrlOf(q, body as Record<string, unknown>)) === true;
}

/**
 * Was this listed session created by one of a check's requests, each of which names this run's sink
 * unless it was mutated there? One calling back to this run's sink was. Any other (calling back
 * elsewhere, or without a callback URL, as another run's session on the same device may) only if
 * it first appeared right after a body without this run's sink (`offSink`: the device's new
 * sessions then).
 */
export function createdByCheck(q: Qod, item: Record<string, unknown> | undefined, id: string, offSink: ReadonlySet<string>): boolean {
  return onRunSink(q, item ? callbackUrlOf(q, item) : undefined) === true || offSink.has(id);
}
