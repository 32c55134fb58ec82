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

  add(record: Omit<ReceivedRecord, 'seq'>): ReceivedRecord {
    const stored: ReceivedRecord = { seq: ++this.lastSeq, ...record };
    this.list.push(stored);
    return stored;
  }

  query({ pathPrefix, afterSeq }: RecordQuery = {}): ReceivedRecord[] {
    return this.list.filter((r) => (afterSeq === undefined || r.seq > afterSeq) && (pathPrefix === undefined || pathMatches(r.path, pathPrefix)));
  }

  /** Copies, so callers cannot alter what was received. */
  all(): ReceivedRecord[] {
    return this.list.map((r) => ({ ...r, headers: { ...r.headers } }));
  }
}

/** Prefix match on path-segment boundaries: "/cb/a" matches "/cb/a", "/cb/a/notifications" and
 *  "/cb/a?apikey=x" but not "/cb/ab" (a 0.8.1 provider appends "/notifications"). */
export function pathMatches(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  if (path.length === prefix.length || prefix.endsWith('/')) return true;
  const next = path[prefix.length];
  return next === '/' || next === '?';
}
