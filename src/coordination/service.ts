// What the worker processes of one run share: the test devices (a device holds one live session
// at a time, so two files must never create on the same one at once) and the --max-sessions budget
// (counted run-wide, not per worker). The CLI process serves both on a loopback-only HTTP service
// guarded by a random secret, like the token service; workers reach it through
// RunConfig.coordinator (coordination/client.ts).
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a worker reaches the run's coordinator (loopback only). */
export interface CoordinatorAccess {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Bearer secret of the service (a run secret: redacted everywhere). */
  secret: string;
}

export interface CoordinatorState {
  /** Device slots in use (index into [devices.known, ...devices.pool]). */
  busy: number[];
  /** Device slots out of the pool for the rest of the run, with why (a failed cleanup, a busy device at preflight). */
  retired: Record<number, string>;
  /** Lease requests waiting for a device. */
  waiting: number;
  /** Sessions created so far, as reported by the workers. */
  created: number;
  /** Create requests in flight (reserved, not settled). */
  inFlight: number;
  max: number;
  /** Requests the workers put on the wire (retries included), as they reported after each file. */
  workerRequests: number;
}

export interface RunningCoordinator {
  access: CoordinatorAccess;
  /** Takes a device slot out of the pool for the rest of the run (from the CLI process: the preflight). */
  retire(slot: number, reason: string): void;
  state(): CoordinatorState;
  close(): Promise<void>;
}

interface Waiter {
  /** How many devices at once (a check that needs two leases them together: no hold-and-wait). */
  count: number;
  /** The slots it may get (default: any). */
  among?: number[];
  grant(slots: number[]): void;
  /** The lease can never be granted: too many of the slots it may get left the pool. */
  refuse(reason: string): void;
}

export async function startCoordinator(opts: { devices: number; maxSessions: number }): Promise<RunningCoordinator> {
  const secret = `qodco-${randomBytes(24).toString('hex')}`;
  const expected = Buffer.from(`Bearer ${secret}`);
  const busy = new Array<boolean>(opts.devices).fill(false);
  const leases = new Map<string, number[]>();
  const waiters: Waiter[] = [];
  const reservations = new Set<string>();
  const retired = new Map<number, string>();
  let created = 0;
  let workerRequests = 0;

  /** Why a lease of `count` among `among` can never be granted (too few slots left in the pool), or undefined. */
  const never = (count: number, among: readonly number[]): string | undefined => {
    const out = among.filter((slot) => retired.has(slot));
    return among.length - out.length < count && out.length > 0 ? retired.get(out[0]!) : undefined;
  };

  /** Hands free slots to the oldest waiters that can take all they asked for at once (FIFO). A
   *  waiter that cannot be served yet keeps the free slots it could use from younger waiters, so
   *  a check that needs two devices is not starved by a stream of checks that need one. */
  const dispatch = () => {
    const kept = new Set<number>();
    for (let i = 0; i < waiters.length;) {
      const w = waiters[i]!;
      const among = w.among ?? busy.map((_, slot) => slot);
      const reason = never(w.count, among);
      if (reason !== undefined) {
        waiters.splice(i, 1);
        w.refuse(reason);
        continue;
      }
      const free = among.filter((slot) => !busy[slot] && !retired.has(slot) && !kept.has(slot));
      if (free.length >= w.count) {
        waiters.splice(i, 1);
        w.grant(free.slice(0, w.count));
      } else {
        for (const slot of free) kept.add(slot);
        i++;
      }
    }
  };

  const take = (slots: number[]): string => {
    for (const slot of slots) busy[slot] = true;
    const id = randomUUID();
    leases.set(id, slots);
    return id;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body?: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(401, { error: 'unauthorized' });
    const url = new URL(req.url ?? '/', 'http://coordinator');
    const [, kind, id] = url.pathname.split('/');

    if (req.method === 'POST' && kind === 'leases' && !id) {
      const count = Number(url.searchParams.get('count') ?? '1');
      const amongParam = url.searchParams.get('among');
      const among = amongParam === null ? undefined : [...new Set(amongParam.split(',').map(Number))];
      if (among?.some((slot) => !(Number.isInteger(slot) && slot >= 0 && slot < busy.length))) return send(400, { error: `no device slot among ${amongParam}` });
      // A request that can never be granted is refused at once rather than left waiting forever.
      if (!(Number.isInteger(count) && count >= 1 && count <= (among ?? busy).length)) return send(409, { error: `${count} device(s) asked, ${(among ?? busy).length} can be lent` });
      // Long poll: answered when a device is free. A worker that gives up (closed connection) leaves
      // the queue, and a slot granted to a connection that is gone is freed again.
      const waiter: Waiter = {
        count,
        among,
        grant: (slots) => {
          const lease = take(slots);
          if (res.destroyed) {
            release(lease);
            return;
          }
          send(200, { lease, slots });
        },
        refuse: (reason) => send(410, { error: 'device left the pool', reason }),
      };
      res.on('close', () => {
        const at = waiters.indexOf(waiter);
        if (at >= 0) waiters.splice(at, 1);
      });
      waiters.push(waiter);
      return dispatch();
    }
    if (req.method === 'POST' && kind === 'retirements' && !id) {
      const slot = Number(url.searchParams.get('slot'));
      if (!(Number.isInteger(slot) && slot >= 0 && slot < busy.length)) return send(400, { error: `no device slot ${url.searchParams.get('slot')}` });
      retire(slot, url.searchParams.get('reason') ?? 'left the pool');
      return send(204);
    }
    if (req.method === 'DELETE' && kind === 'leases' && id) {
      release(id);
      return send(204);
    }
    if (req.method === 'POST' && kind === 'reservations' && !id) {
      if (created + reservations.size >= opts.maxSessions) return send(409, { error: 'budget spent', max: opts.maxSessions, created });
      const reservation = randomUUID();
      reservations.add(reservation);
      return send(200, { reservation });
    }
    if (req.method === 'POST' && kind === 'requests' && !id) {
      const n = Number(url.searchParams.get('n'));
      if (!(Number.isInteger(n) && n >= 0)) return send(400, { error: `not a request count: ${url.searchParams.get('n')}` });
      workerRequests += n;
      return send(204);
    }
    if (req.method === 'DELETE' && kind === 'reservations' && id) {
      if (reservations.delete(id) && url.searchParams.get('created') === 'true') created++;
      return send(204);
    }
    return send(404, { error: 'not found' });
  });

  /** The first reason given for a slot stays (the root of the cascade). */
  function retire(slot: number, reason: string): void {
    if (!retired.has(slot)) retired.set(slot, reason);
    dispatch();
  }

  function release(lease: string): void {
    const slots = leases.get(lease);
    if (slots === undefined) return;
    leases.delete(lease);
    for (const slot of slots) busy[slot] = false;
    dispatch();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    access: { url: `http://127.0.0.1:${port}`, secret },
    retire,
    state: () => ({
      busy: busy.flatMap((b, i) => (b ? [i] : [])),
      retired: Object.fromEntries(retired),
      waiting: waiters.length,
      created,
      inFlight: reservations.size,
      max: opts.maxSessions,
      workerRequests,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
