// The --max-sessions budget: the run stops creating sessions once it has created that many.
// The ledger (shared by every test file of the run) says how many were created so far; requests
// that may create one and are still in flight in this process count too.
import { readLedger, summarize } from './ledger.js';

export const BUDGET_SKIP = 'needs a larger --max-sessions budget';

/** A request that may create a session (createSession), whatever its body. */
export function maySessionCreate(req: { api?: string; method: string; path: string }): boolean {
  return (req.api ?? 'qod') === 'qod' && req.method === 'POST' && req.path.replace(/\/+$/, '') === '/sessions';
}

export class SessionBudget {
  private inFlight = 0;

  constructor(
    private readonly ledgerFile: string,
    readonly max: number,
  ) {}

  /** Sessions created so far in the run (from the ledger). */
  used(): number {
    return summarize(readLedger(this.ledgerFile)).created;
  }

  /** A slot for one create request, or undefined when the budget is spent. Release it once the
   *  answer is in (and a created session is in the ledger). */
  reserve(): (() => void) | undefined {
    if (this.used() + this.inFlight >= this.max) return undefined;
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
    };
  }
}
