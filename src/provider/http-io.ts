// Reading request bodies and writing responses (node:http plumbing only, no API rules).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Far above any valid QoD body; larger requests are refused instead of buffered. */
export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads the whole body. Always drained, so an early error answer never breaks keep-alive. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
  return Buffer.concat(chunks);
}

/** Media type without parameters, lower case ("application/json; charset=utf-8" → "application/json"). */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string>): void {
  res.writeHead(status, headers);
  res.end();
}

/** A header as one string; a repeated header is joined with ", " (and then fails any pattern). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
