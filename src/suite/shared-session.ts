// Sessions shared by checks that do not need one of their own (issue 17: every session reconfigures
// a real network and may be billed). Two kinds, each with one owner and guaranteed cleanup:
//
// - sharedSession(): a live session of this client on which checks send requests the endpoint must
//   refuse (401/403/400 on get/extend/delete). Declared inside a describe block, it belongs to that
//   block: created by the first check that asks for it, lent to one check at a time, checked before
//   each loan (a faulty endpoint may have deleted or ended it: then a new one is created), and deleted
//   with its device lease released after the block. It stays in the ledger until then, so Ctrl-C's
//   exit sweep still deletes it.
// - sharedCreate(): the answer of one create that several checks only read (createSession_01 rows).
//   The first check that asks creates the session, keeps the answer and deletes the session at once;
//   the others read the kept answer (or meet the same failure).
import { afterGroup } from '../checks/declare.js';
import { ConformanceFailure } from '../checks/failure.js';
import type { DeviceId } from '../config/types.js';
import type { ApiResponse } from '../http/client.js';
import type { RunConfig } from '../config/types.js';
import { deleteOutsideCheckAnswer, runConfig, type Qod } from './harness.js';
import { describeDevice, lendable, retireDevice, type DeviceLease } from './devices.js';
import { setupSession } from './precondition.js';
import { sessionIdOf, validCreateBody, type Json, type SessionView } from './sessions.js';

export interface LentSession {
  id: string;
  /** The create body. */
  body: Json;
  /** The session as last read (the create answer when it was just created). */
  session: SessionView;
}

export interface SharedSession {
  /** Lends the session to `q` until its test ends (one check at a time). */
  use(q: Qod): Promise<LentSession>;
}

interface Held {
  id: string;
  body: Json;
  lease: DeviceLease;
  fresh: SessionView | undefined;
  /** The check that created it: named when its cleanup fails. */
  owner: string;
}

/** How long a shared session may wait for its next borrower before it is deleted. */
const IDLE_DROP_MS = 500;

/** A live session shared by the checks of the enclosing describe block (call at its top level). */
export function sharedSession(): SharedSession {
  // The run of the block, taken now: an idle drop may come after the file has ended.
  const config = runConfig();
  let held: Held | undefined;
  let queue: Promise<void> = Promise.resolve();

  const drop = async (h: Held): Promise<void> => {
    await deleteOrRetire(config, h, `the shared session of the block of ${h.owner}`);
    await h.lease.release();
  };

  // Borrowers queued or holding the session. With none for IDLE_DROP_MS the session is deleted and
  // its device given back: a block must not sit on a device while other checks (of this block or
  // another file) wait for one; with few test devices that would be a deadlock. The next borrower
  // creates a new one.
  let borrowers = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const dropWhenIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const h = held;
      if (borrowers > 0 || !h) return;
      held = undefined;
      queue = queue.then(() => drop(h)).catch(() => undefined);
    }, IDLE_DROP_MS);
    idle.unref();
  };

  afterGroup(async () => {
    clearTimeout(idle);
    await queue;
    const h = held;
    held = undefined;
    if (h) await drop(h);
  });

  return {
    async use(q) {
      // One borrower at a time: a refused request of one check must not be seen by another's
      // "the session is unchanged". Released when the test ends, also on a timeout or a skip.
      let release!: () => void;
      const previous = queue;
      queue = new Promise<void>((resolve) => (release = resolve));
      borrowers++;
      clearTimeout(idle);
      q.ctx.onTestFinished(() => {
        release();
        if (--borrowers === 0) dropWhenIdle();
      });
      await previous;
      if (held && !(await stillUsable(q, held))) {
        const stale = held;
        held = undefined;
        if (await deleteOrRetire(q.config, stale, q.ctx.task.name)) held = await create(q, stale.lease);
        else await stale.lease.release();
      }
      held ??= await create(q, await q.leaseOutlasting({ count: 1 }));
      const session = held.fresh!;
      held.fresh = undefined;
      return { id: held.id, body: held.body, session };
    },
  };
}

/** Creates the shared session on the leased device and hands it over from `q` to the block. */
async function create(q: Qod, lease: DeviceLease): Promise<Held> {
  try {
    const body = await validCreateBody(q, lease.devices[0] as DeviceId);
    // A setup step: a refused create leaves the borrowing check not exercised, never failed.
    const { id, session } = await setupSession(q, body);
    q.handOver(id);
    return { id, body, lease, fresh: session, owner: q.ctx.task.name };
  } catch (error) {
    // A failed (or skipped) create leaves no session: the device goes back at once.
    await lease.release();
    throw error;
  }
}

/**
 * The session is still this client's and alive (read without judging the answer: a precondition,
 * the checks judge what they are about). Leaves the answer as the baseline of the next loan.
 */
/** Deletes the held session; if the endpoint keeps it, its device leaves the pool (like a failed
 *  cleanup in a check: src/suite/harness.ts), so later checks skip instead of meeting a 409. */
async function deleteOrRetire(config: RunConfig, h: Held, where: string): Promise<boolean> {
  const refused = await deleteOutsideCheckAnswer(config, h.id);
  if (refused === undefined) return true;
  const device = h.lease.devices[0]!;
  const slot = lendable(config.operator).findIndex((d) => JSON.stringify(d) === JSON.stringify(device));
  if (slot >= 0) await retireDevice(config, slot, `test device ${describeDevice(device)} left the pool: cleanup of session ${h.id} failed in ${where} (DELETE answered ${refused})`);
  return false;
}

async function stillUsable(q: Qod, h: Held): Promise<boolean> {
  const res = await q.send({ method: 'GET', path: `/sessions/${encodeURIComponent(h.id)}`, operationId: 'getSession' });
  const view = res.json as SessionView | undefined;
  const alive = res.status === 200 && typeof view === 'object' && view !== null && sessionIdOf(q, view) === h.id && view.qosStatus !== 'UNAVAILABLE';
  h.fresh = alive ? view : undefined;
  return alive;
}

export interface CreatedAnswer {
  res: ApiResponse;
  session: SessionView;
  id: string;
  body: Json;
  device: DeviceId;
}

export interface SharedCreate {
  /** The kept answer; the first check that asks creates it with `make` (on a device of its own). */
  answer(q: Qod, make: (q: Qod, device: DeviceId) => Promise<Omit<CreatedAnswer, 'device'>>): Promise<CreatedAnswer>;
}

/**
 * One outcome several checks read, made by the first that asks: the endpoint's failure (a
 * ConformanceFailure) is kept for every reader; anything else (a skip, no answer) was the maker's
 * own, and the next reader tries again.
 */
export function sharedResult<T>(): { get(make: () => Promise<T>): Promise<T> } {
  let kept: Promise<T> | undefined;
  return {
    async get(make) {
      const mine = (kept ??= make());
      try {
        return await mine;
      } catch (error) {
        if (!(error instanceof ConformanceFailure) && kept === mine) kept = undefined;
        throw error;
      }
    },
  };
}

/** One create whose answer several checks read (call at a describe block's or file's top level). */
export function sharedCreate(): SharedCreate {
  const kept = sharedResult<CreatedAnswer>();
  return {
    answer(q, make) {
      return kept.get(async () => {
        const device = await q.device();
        const created = await make(q, device);
        // Only the answer is needed: the session goes now (by this check's cleanup if this fails).
        const res = await q.send({ method: 'DELETE', path: `/sessions/${encodeURIComponent(created.id)}` });
        if (res.status === 204 || res.status === 404) q.untrack(created.id, res.status === 204);
        return { ...created, device };
      });
    },
  };
}

/**
 * A check that may pass on a shared answer: `viaShared` reads it; when that does not pass (or says
 * false: nothing to share), `own` (the check as it would run alone, on a session of its own) gives
 * the verdict. So sharing never changes a verdict, and costs a session only where it did not do.
 */
export async function sharedOrOwn(viaShared: () => Promise<boolean | void>, own: () => Promise<void>): Promise<void> {
  try {
    if ((await viaShared()) !== false) return;
  } catch (error) {
    if (!(error instanceof ConformanceFailure)) throw error;
  }
  await own();
}
