// The cleanup guarantee's last step: delete every session the ledger still shows alive.
import { HttpClient } from '../http/client.js';
import { sleep } from '../http/pacer.js';
import { deleteDone, deletePathOf, readLedger, recordDeleted, summarize } from '../safety/ledger.js';

export interface SweepResult {
  created: number;
  deleted: number;
  /** Sessions that could not be deleted (id + why). */
  leftover: Array<{ sessionId: string; reason: string }>;
}

export async function sweepLedger(
  ledgerFile: string,
  opts: {
    token?: string;
    /** Tokens by role (tokens.<role>) for sessions another token created. */ tokens?: Record<string, string | undefined>;
    /** --max-rps also holds here. */ maxRps?: number;
    timeoutMs: number;
    insecure: boolean;
    secrets: string[];
  },
): Promise<SweepResult> {
  const before = summarize(readLedger(ledgerFile));
  const leftover: SweepResult['leftover'] = [];
  for (const [i, entry] of before.alive.entries()) {
    const { sessionId, baseUrl, tokenRole } = entry;
    if (i > 0 && opts.maxRps) await sleep(1000 / opts.maxRps);
    const token = (tokenRole && opts.tokens?.[tokenRole]) || opts.token;
    const client = new HttpClient({ baseUrl, token, timeoutMs: opts.timeoutMs, maxRps: 0, concurrency: 1, insecure: opts.insecure, secrets: opts.secrets });
    try {
      const res = await client.send({ method: 'DELETE', path: deletePathOf(entry) });
      // 404: already gone (expired and removed, or deleted elsewhere) — nothing left to free.
      if (deleteDone(res.status)) recordDeleted(ledgerFile, baseUrl, sessionId);
      else leftover.push({ sessionId, reason: `DELETE answered ${res.status}` });
    } catch (error) {
      leftover.push({ sessionId, reason: (error as Error).message });
    } finally {
      await client.close();
    }
  }
  const after = summarize(readLedger(ledgerFile));
  return { created: after.created, deleted: after.deleted, leftover };
}
