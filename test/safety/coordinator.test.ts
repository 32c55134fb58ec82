// The run's coordinator on its own: device leases and the session budget that every worker process
// of a run shares (a device never holds sessions of two files at once; --max-sessions is run-wide).
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { CoordinatorClient, DeviceLeftPoolError } from '../../src/coordination/client.js';
import { startCoordinator, type RunningCoordinator } from '../../src/coordination/service.js';
import { workerShare } from '../../src/config/worker-share.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const open: Array<{ close(): Promise<void> }> = [];

async function coordinator(devices: number, maxSessions = 10): Promise<{ service: RunningCoordinator; a: CoordinatorClient; b: CoordinatorClient }> {
  const service = await startCoordinator({ devices, maxSessions });
  // Two clients stand for two worker processes.
  const a = new CoordinatorClient(service.access);
  const b = new CoordinatorClient(service.access);
  open.push(a, b, service);
  return { service, a, b };
}

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe('device leases across workers', () => {
  it('a device retired by one worker (its cleanup failed) is lent to no one; a lease that can never be granted is refused with the reason', async () => {
    const { service, a, b } = await coordinator(2);
    const held = await a.lease({ among: [1] });
    // Waits for slot 1 (held); refused as soon as slot 1 leaves the pool.
    const waiting = b.lease({ among: [1] }).catch((e: unknown) => e);
    await sleep(50);
    await a.retire(1, 'test device B left the pool: cleanup of session s1 failed in check X');
    const refused = await waiting;
    expect(refused).toBeInstanceOf(DeviceLeftPoolError);
    expect((refused as Error).message).toBe('test device B left the pool: cleanup of session s1 failed in check X');
    await held.release();
    // The rest of the pool still lends; two at once cannot be had any more.
    expect((await b.lease()).slots).toEqual([0]);
    await expect(a.lease({ count: 2 })).rejects.toThrow(/cleanup of session s1 failed/);
    // The first reason stays (the root of the cascade); the CLI process retires slots too (preflight).
    service.retire(1, 'another reason');
    service.retire(0, 'test device A left the pool: it already had session s0 before the run');
    expect(service.state().retired).toEqual({ 0: 'test device A left the pool: it already had session s0 before the run', 1: 'test device B left the pool: cleanup of session s1 failed in check X' });
  });

  it('a device is lent to one worker at a time; the next waits until it is released', async () => {
    const { service, a, b } = await coordinator(2);
    const first = await a.lease();
    const second = await b.lease();
    expect(new Set([...first.slots, ...second.slots])).toEqual(new Set([0, 1]));
    let third: { slots: number[] } | undefined;
    const waiting = b.lease().then((l) => (third = l));
    await sleep(100);
    expect(third).toBeUndefined();
    expect(service.state().waiting).toBe(1);
    await first.release();
    await waiting;
    expect(third!.slots).toEqual(first.slots);
    expect(service.state().busy.sort()).toEqual([0, 1]);
  });

  it('a named device waits for that device, even when another is free', async () => {
    const { a, b } = await coordinator(3);
    const held = await a.lease({ among: [1] });
    let got: { slots: number[] } | undefined;
    const waiting = b.lease({ among: [1] }).then((l) => (got = l));
    await sleep(100);
    expect(got).toBeUndefined();
    await held.release();
    await waiting;
    expect(got!.slots).toEqual([1]);
  });

  it('several devices are lent together or not at all: a check never holds one while waiting for another', async () => {
    const { service, a, b } = await coordinator(2);
    const one = await a.lease();
    let pair: { slots: number[]; release: () => Promise<void> } | undefined;
    const waiting = b.lease({ count: 2 }).then((l) => (pair = l));
    await sleep(100);
    // One device is free, but the pair waits without taking it.
    expect(pair).toBeUndefined();
    expect(service.state().busy).toEqual(one.slots);
    await one.release();
    await waiting;
    expect(pair!.slots.sort()).toEqual([0, 1]);
    await pair!.release();
    expect(service.state().busy).toEqual([]);
  });

  it('a check waiting for two devices is not starved by later checks that need one', async () => {
    const { a, b } = await coordinator(2);
    const first = await a.lease();
    const second = await a.lease();
    let pair: { slots: number[]; release: () => Promise<void> } | undefined;
    const pairWaits = b.lease({ count: 2 }).then((l) => (pair = l));
    await sleep(50);
    let single: { slots: number[]; release: () => Promise<void> } | undefined;
    const singleWaits = a.lease().then((l) => (single = l));
    await sleep(50);
    // The freed device stays with the older pair request instead of going to the younger single one.
    await first.release();
    await sleep(100);
    expect(single).toBeUndefined();
    expect(pair).toBeUndefined();
    await second.release();
    await pairWaits;
    expect(pair!.slots.sort()).toEqual([0, 1]);
    expect(single).toBeUndefined();
    await pair!.release();
    await singleWaits;
    expect(single!.slots).toHaveLength(1);
  });

  it('a request that could never be granted is refused at once instead of waiting forever', async () => {
    const { a } = await coordinator(2);
    await expect(a.lease({ count: 3 })).rejects.toThrow(/3 device\(s\) asked, 2 can be lent/);
    await expect(a.lease({ among: [5] })).rejects.toThrow(/no device slot/);
  });

  it('a worker that stops waiting (test ended) leaves the queue and is never granted a device', async () => {
    const { service, a, b } = await coordinator(1);
    const held = await a.lease();
    const gaveUp = new AbortController();
    const abandoned = b.lease({}, gaveUp.signal).catch((e: Error) => e);
    await sleep(100);
    gaveUp.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await sleep(100);
    expect(service.state().waiting).toBe(0);
    await held.release();
    expect(service.state().busy).toEqual([]);
    const again = await a.lease();
    expect(again.slots).toEqual([0]);
  });
});

describe('the session budget across workers', () => {
  it('counts create requests of every worker: in flight and created, never more than --max-sessions', async () => {
    const { service, a, b } = await coordinator(1, 2);
    const r1 = await a.reserve();
    const r2 = await b.reserve();
    expect(r1).toBeTypeOf('function');
    expect(r2).toBeTypeOf('function');
    expect(await a.reserve()).toBeUndefined();
    await r1!(false); // refused by the endpoint: the slot is free again
    const r3 = await a.reserve();
    expect(r3).toBeTypeOf('function');
    await r2!(true);
    await r3!(true);
    expect(service.state()).toMatchObject({ created: 2, inFlight: 0 });
    expect(await b.reserve()).toBeUndefined();
  });
});

describe('the service', () => {
  it('answers only callers presenting its secret', async () => {
    const { service } = await coordinator(1);
    const res = await request(`${service.access.url}/reservations`, { method: 'POST', headers: { authorization: 'Bearer wrong' } });
    await res.body.dump();
    expect(res.statusCode).toBe(401);
    expect(service.state().inFlight).toBe(0);
  });
});

describe('run-wide request limits', () => {
  it('each worker paces its share: together never more than --max-rps and --concurrency', () => {
    expect(workerShare({ maxRps: 10, concurrency: 4, workers: 2 })).toEqual({ maxRps: 5, concurrency: 2 });
    expect(workerShare({ maxRps: 0, concurrency: 5, workers: 2 })).toEqual({ maxRps: 0, concurrency: 2 });
    expect(workerShare({ maxRps: 5, concurrency: 3, workers: 3 })).toEqual({ maxRps: 5 / 3, concurrency: 1 });
  });
});
