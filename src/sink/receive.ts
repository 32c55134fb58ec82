// Records one callback request: everything as received, body capped.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordStore } from './store.js';

export function receiveCallback(req: IncomingMessage, res: ServerResponse, store: RecordStore, maxBodyBytes: number): void {
  const receivedAt = new Date().toISOString();
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  let done = false;

  const record = (extra: { truncated?: true; aborted?: true }): void => {
    done = true;
    store.add({
      receivedAt,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: lowerCaseHeaders(req.rawHeaders),
      body: Buffer.concat(chunks).toString('utf8'),
      ...extra,
    });
  };

  req.on('data', (chunk: Buffer) => {
    // Past the cap the rest is read and dropped, so the sender still gets our 413 (not a reset).
    const room = maxBodyBytes - kept;
    if (chunk.length > room) truncated = true;
    if (room > 0) {
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    }
  });
  req.on('end', () => {
    if (done) return;
    record(truncated ? { truncated: true } : {});
    res.writeHead(truncated ? 413 : 204);
    res.end();
  });
  // 'close' without 'end': the sender gave up mid-body. Still record what came.
  req.on('close', () => {
    if (!done) record(truncated ? { truncated: true, aborted: true } : { aborted: true });
  });
  req.on('error', () => {
    /* handled by 'close'; a listener keeps the error from going unhandled */
  });
}

/** Header names lower-cased; repeated headers joined with ", " as HTTP allows. */
function lowerCaseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = raw[i + 1] ?? '';
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
