// In-memory, append-only record list. seq is assigned when a record is complete, so array order
// equals seq order and a reader polling with afterSeq never skips a slow upload.
import type { ReceivedRecord } from './types.js';

export interface RecordQuery {
  pathPrefix?: string;
  afterSeq?: number;
}

export class RecordStore {
  private readonly list: ReceivedRecord[] = [];
  private lastSeq = 0;
  private readonly listeners = new Set<(record: ReceivedRecord) => void>();

  add(record: Omit<ReceivedRecord, 'seq'>): ReceivedRecord {
    const stored: ReceivedRecord = { seq: ++this.lastSeq, ...record };
    this.list.push(stored);
    for (const listener of [...this.listeners]) listener(stored);
    return stored;
  }

  /** Calls `listener` with each record added from now on; returns what stops it. */
  onAdd(listener: (record: ReceivedRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query(q: RecordQuery = {}): ReceivedRecord[] {
    return this.list.filter((r) => recordMatches(r, q));
  }

  /** Copies, so callers cannot alter what was received. */
  all(): ReceivedRecord[] {
    return this.list.map((r) => ({ ...r, headers: { ...r.headers } }));
  }
}

export function recordMatches(r: ReceivedRecord, { pathPrefix, afterSeq }: RecordQuery): boolean {
  return (afterSeq === undefined || r.seq > afterSeq) && (pathPrefix === undefined || pathMatches(r.path, pathPrefix));
}

/** Prefix match on path-segment boundaries: "/cb/a" matches "/cb/a", "/cb/a/notifications" and
 *  "/cb/a?apikey=x" but not "/cb/ab" (a 0.8.1 provider appends "/notifications"). */
export function pathMatches(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  if (path.length === prefix.length || prefix.endsWith('/')) return true;
  const next = path[prefix.length];
  return next === '/' || next === '?';
}
