// The --max-sessions budget: the run stops creating sessions once it has created that many. In a
// CLI run the coordinator counts it across every worker process; a harness used on its own counts
// from the ledger plus the create requests in flight in this process.
import { APIS } from '../config/apis.js';
import { API_IDS, type RunConfig } from '../config/types.js';
import { coordinatorOf } from '../coordination/client.js';
import { readLedger, summarize } from './ledger.js';

export const BUDGET_SKIP = 'needs a larger --max-sessions budget';

/** A request that may create a session (createSession) or another billed resource (a QoS
 *  assignment), whatever its body: a POST to a create path of an API (src/config/apis.ts). */
export function maySessionCreate(req: { api?: string; method: string; path: string }): boolean {
  const api = req.api ?? 'qod';
  const path = req.path.replace(/\/+$/, '');
  return req.method === 'POST' && API_IDS.some((id) => APIS[id].baseKind === api && APIS[id].createPaths.includes(path));
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

let local: SessionBudget | undefined;

/** Settles a reservation: whether the create request made a session. */
export type Settle = (created: boolean) => Promise<void>;

/** A reservation for one create request, or undefined when the run's budget is spent. */
export async function reserveSession(config: Pick<RunConfig, 'coordinator' | 'ledgerFile' | 'maxSessions'>): Promise<Settle | undefined> {
  const coordinator = coordinatorOf(config);
  if (coordinator) return coordinator.reserve();
  local ??= new SessionBudget(config.ledgerFile, config.maxSessions);
  const release = local.reserve();
  return release && (async () => release());
}
