// Before any suite: is the endpoint reachable, and does it accept our credentials? A cheap GET of
// a session that cannot exist answers both without creating anything.
import { randomUUID } from 'node:crypto';
import { UnreachableError, UsageError } from '../errors.js';
import { HttpClient, TransportError } from '../http/client.js';

export interface PreflightInput {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  insecure: boolean;
  secrets: string[];
}

export async function preflight(input: PreflightInput): Promise<void> {
  const client = new HttpClient({ ...input, maxRps: 0, concurrency: 1 });
  try {
    const res = await client.send({ method: 'GET', path: `/sessions/${randomUUID()}`, noRetry: true });
    if (res.status === 401) {
      throw new UsageError(`${input.baseUrl} refused the credentials (HTTP 401): check --token, --token-file or the client credentials`);
    }
  } catch (error) {
    if (error instanceof TransportError) throw new UnreachableError(`endpoint unreachable: ${error.message}`);
    throw error;
  } finally {
    await client.close();
  }
}
