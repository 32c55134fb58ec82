// Ledger of every session (and QoS assignment: any resource of the API under test that holds network
// resources) the run created, appended as it goes (JSON lines), so that the CLI can delete what is
// still alive at exit and `qod-conformance cleanup --ledger FILE` can finish the job after an
// interrupted run.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface LedgerEntry {
  event: 'created' | 'deleted';
  sessionId: string;
  /** QoD base URL the session lives under. */
  baseUrl: string;
  at: string;
  /** Which configured token created it (tokens.<role>), never the token itself; absent = default. */
  tokenRole?: string;
  /** The path under baseUrl that deletes (revokes) it; absent: a QoD session, `/sessions/<id>`. */
  path?: string;
}

/** The path that deletes a ledger entry's resource. */
export function deletePathOf(entry: { sessionId: string; path?: string }): string {
  return entry.path ?? `/sessions/${encodeURIComponent(entry.sessionId)}`;
}

/** A delete (revoke) that leaves nothing to free: done (2xx: 204, or 202 for an asynchronous revoke) or already gone (404). */
export function deleteDone(status: number): boolean {
  return (status >= 200 && status < 300) || status === 404;
}

export function recordCreated(file: string, baseUrl: string, sessionId: string, tokenRole?: string, path?: string): void {
  append(file, { event: 'created', sessionId, baseUrl, at: new Date().toISOString(), ...(tokenRole ? { tokenRole } : {}), ...(path ? { path } : {}) });
}

export function recordDeleted(file: string, baseUrl: string, sessionId: string): void {
  append(file, { event: 'deleted', sessionId, baseUrl, at: new Date().toISOString() });
}

function append(file: string, entry: LedgerEntry): void {
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

export function readLedger(file: string): LedgerEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LedgerEntry];
      } catch {
        return []; // a line cut by a kill mid-write
      }
    });
}

export interface LedgerSummary {
  created: number;
  deleted: number;
  /** Sessions created and not (yet) known to be deleted. */
  alive: Array<{ sessionId: string; baseUrl: string; tokenRole?: string; path?: string }>;
}

export function summarize(entries: LedgerEntry[]): LedgerSummary {
  const created = new Map<string, LedgerEntry>();
  const deleted = new Set<string>();
  for (const e of entries) {
    if (e.event === 'created') created.set(e.sessionId, e);
    else deleted.add(e.sessionId);
  }
  const alive = [...created.values()]
    .filter((e) => !deleted.has(e.sessionId))
    .map(({ sessionId, baseUrl, tokenRole, path }) => ({ sessionId, baseUrl, ...(tokenRole ? { tokenRole } : {}), ...(path ? { path } : {}) }));
  return { created: created.size, deleted: [...created.keys()].filter((id) => deleted.has(id)).length, alive };
}
