// Worker side of the run's coordinator (coordination/service.ts): device leases and session-budget
// reservations that hold across every worker process of the run.
import { Agent, request } from 'undici';
import type { CoordinatorAccess } from './service.js';

declare module '../config/types.js' {
  interface RunConfig {
    /** Set by the CLI for every run: shared device leases and session budget. */
    coordinator?: CoordinatorAccess;
  }
}

/** A lease that can never be granted: the devices it may get left the pool (the reason says why). */
export class DeviceLeftPoolError extends Error {
  override readonly name = 'DeviceLeftPoolError';
}

export class CoordinatorClient {
  // Keep-alive: a run asks several times per created session; the worker closes it after each file.
  private readonly agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });

  constructor(private readonly access: CoordinatorAccess) {}

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Waits until `count` device slots (any, or among the ones named) are free at once and
   *  returns them with one release function. */
  async lease(want: { count?: number; among?: number[] } = {}, signal?: AbortSignal): Promise<{ slots: number[]; release: () => Promise<void> }> {
    const query = new URLSearchParams({ count: String(want.count ?? 1) });
    if (want.among) query.set('among', want.among.join(','));
    const { status, body } = await this.ask('POST', `/leases?${query}`, 0, signal);
    if (status === 410) throw new DeviceLeftPoolError(String(body?.reason ?? 'a test device left the pool'));
    if (status !== 200) throw new Error(`the run's device coordinator refused a lease: ${String(body?.error ?? status)}`);
    const lease = String(body!.lease);
    let released = false;
    return {
      slots: (body!.slots as number[]).map(Number),
      release: async () => {
        if (released) return;
        released = true;
        await this.ask('DELETE', `/leases/${lease}`);
      },
    };
  }

  /** Takes a device slot out of the pool for the rest of the run, for every worker. */
  async retire(slot: number, reason: string): Promise<void> {
    await this.ask('POST', `/retirements?${new URLSearchParams({ slot: String(slot), reason })}`);
  }

  /** Adds requests this worker sent (retries, cleanups and all) to the run's count. */
  async countRequests(n: number): Promise<void> {
    if (n > 0) await this.ask('POST', `/requests?n=${n}`);
  }

  /** A slot for one create request, or undefined when the run's --max-sessions budget is spent. */
  async reserve(): Promise<((created: boolean) => Promise<void>) | undefined> {
    const { status, body } = await this.ask('POST', '/reservations');
    if (status === 409) return undefined;
    if (status !== 200) throw new Error(`the run's session budget answered ${status}`);
    const id = String(body!.reservation);
    let settled = false;
    return async (created) => {
      if (settled) return;
      settled = true;
      await this.ask('DELETE', `/reservations/${id}?created=${created}`);
    };
  }

  private async ask(method: 'POST' | 'DELETE', path: string, timeoutMs = 10_000, signal?: AbortSignal): Promise<{ status: number; body?: Record<string, unknown> }> {
    const res = await request(`${this.access.url}${path}`, {
      method,
      // A test that ends (timeout, Ctrl-C) while waiting leaves the queue: the service sees the close.
      signal,
      headers: { authorization: `Bearer ${this.access.secret}` },
      dispatcher: this.agent,
      // A lease waits as long as another test holds the device (the test timeout bounds it).
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }
}

/** This process's client of each coordinator (one per run; a self-test batch serves several runs). */
const shared = new Map<string, CoordinatorClient>();

/** Closes this process's clients (their idle sockets would keep a worker from exiting). */
export async function closeCoordinatorClient(): Promise<void> {
  const open = [...shared.values()];
  shared.clear();
  await Promise.all(open.map((c) => c.close()));
}

/** This process's client of the run's coordinator, or undefined when the run has none. */
export function coordinatorOf(config: { coordinator?: CoordinatorAccess }): CoordinatorClient | undefined {
  if (!config.coordinator) return undefined;
  const key = config.coordinator.url;
  let client = shared.get(key);
  if (!client) shared.set(key, (client = new CoordinatorClient(config.coordinator)));
  return client;
}
