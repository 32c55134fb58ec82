// The control API: how suites in vitest workers read what reached the sink in the CLI process.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordStore } from './store.js';
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

  answer(res, 200, store.query({ pathPrefix, afterSeq }));
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
