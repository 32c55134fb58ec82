// The control API: how suites in vitest workers read what reached the sink in the CLI process.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordMatches, type RecordQuery, type RecordStore } from './store.js';
import { CONTROL_PREFIX, CONTROL_TOKEN_HEADER } from './types.js';

export function isControlPath(rawUrl: string): boolean {
  const path = rawUrl.split('?', 1)[0] ?? '';
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

export function handleControl(req: IncomingMessage, res: ServerResponse, store: RecordStore, token: string): void {
  // Control requests carry no useful body; drain so the connection stays reusable.
  req.resume();
  if (!tokenMatches(req.headers[CONTROL_TOKEN_HEADER], token)) return answer(res, 401, { error: 'bad or missing control token' });

  const url = new URL(req.url ?? '/', 'http://sink.invalid');
  if (url.pathname !== `${CONTROL_PREFIX}/records`) return answer(res, 404, { error: 'unknown control path' });
  if (req.method !== 'GET') return answer(res, 405, { error: 'use GET' });

  const pathPrefix = url.searchParams.get('pathPrefix') ?? undefined;
  const afterRaw = url.searchParams.get('afterSeq');
  const afterSeq = afterRaw === null || afterRaw === '' ? undefined : Number(afterRaw);
  if (afterSeq !== undefined && !Number.isInteger(afterSeq)) return answer(res, 400, { error: 'afterSeq must be an integer' });

  const query = { pathPrefix, afterSeq };
  const waitRaw = url.searchParams.get('waitMs');
  const waitMs = waitRaw === null || waitRaw === '' ? 0 : Number(waitRaw);
  if (!Number.isInteger(waitMs) || waitMs < 0) return answer(res, 400, { error: 'waitMs must be a non-negative integer' });
  const found = store.query(query);
  if (found.length > 0 || waitMs === 0) return answer(res, 200, found);
  holdUntilRecord(res, store, query, Math.min(waitMs, MAX_HOLD_MS));
}

/** The longest a records request is held: below the client's per-request bound (sink/client.ts). */
export const MAX_HOLD_MS = 4_000;

/**
 * A waiting reader's request is answered when a matching record arrives or `waitMs` has passed,
 * not polled: one request per wait instead of one every 50 ms (each costs both processes CPU).
 */
function holdUntilRecord(res: ServerResponse, store: RecordStore, query: RecordQuery, waitMs: number): void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    stop();
    if (!res.destroyed) answer(res, 200, store.query(query));
  };
  const stop = store.onAdd((record) => {
    if (recordMatches(record, query)) finish();
  });
  const timer = setTimeout(finish, waitMs);
  // The reader gave up (or the sink closes): nothing to answer.
  res.on('close', () => {
    done = true;
    clearTimeout(timer);
    stop();
  });
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
