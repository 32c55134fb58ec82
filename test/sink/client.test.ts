import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Agent } from 'undici';
import type { SinkAccess } from '../../src/config/types.js';
import { fetchRecords, newSinkPath, sinkUrlFor, waitForRecords, waitQuiet } from '../../src/sink/client.js';
import { startSink, type RunningSink } from '../../src/sink/server.js';
import { post, trustingAgent } from './helpers.js';

let sink: RunningSink;
let access: SinkAccess;
let agent: Agent;
beforeAll(async () => {
  sink = await startSink();
  // What a worker gets: plain data that went through structuredClone (vitest provide/inject).
  access = structuredClone(sink.access());
  agent = trustingAgent(sink) as Agent;
});
afterAll(async () => {
  await agent.close();
  await sink.close();
});

// A failed late post simply never arrives, which the waiting assertion then reports.
const later = (ms: number, fn: () => Promise<unknown>): void => void setTimeout(() => void fn().catch(() => undefined), ms);

describe('sink client', () => {
  test('newSinkPath gives distinct /cb/<uuid> paths; sinkUrlFor joins onto publicUrl', () => {
    const a = newSinkPath();
    expect(a).toMatch(/^\/cb\/[0-9a-f-]{36}$/);
    expect(newSinkPath()).not.toBe(a);
    expect(sinkUrlFor(access, a)).toBe(`${sink.publicUrl}${a}`);
    expect(sinkUrlFor({ ...access, publicUrl: 'https://h.example/' }, '/cb/x')).toBe('https://h.example/cb/x');
  });

  test('fetchRecords fails loudly on a wrong control token (harness error)', async () => {
    await expect(fetchRecords({ ...access, controlToken: 'nope' }, '/cb/x')).rejects.toThrow(/401/);
  });

  test('waitForRecords returns as soon as the predicate holds', async () => {
    const path = newSinkPath();
    later(100, () => post(agent, sinkUrlFor(access, path), '{"n":1}'));
    const started = Date.now();
    const { records, timedOut } = await waitForRecords(access, path, (rs) => rs.length >= 1, 10_000);
    expect(timedOut).toBe(false);
    expect(records.map((r) => r.body)).toEqual(['{"n":1}']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('waitForRecords on timeout returns what did arrive, without throwing', async () => {
    const path = newSinkPath();
    await post(agent, sinkUrlFor(access, path), 'only one');
    const started = Date.now();
    const { records, timedOut } = await waitForRecords(access, path, (rs) => rs.length >= 2, 300);
    expect(timedOut).toBe(true);
    expect(records.map((r) => r.body)).toEqual(['only one']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('waitForRecords with a zero timeout still looks once', async () => {
    const path = newSinkPath();
    await post(agent, sinkUrlFor(access, path), 'x');
    expect(await waitForRecords(access, path, (rs) => rs.length === 1, 0)).toMatchObject({ timedOut: false });
  });

  test('waitQuiet: empty when nothing more arrives, ignoring what came before', async () => {
    const path = newSinkPath();
    await post(agent, sinkUrlFor(access, path), 'before');
    const started = Date.now();
    expect(await waitQuiet(access, path, 300)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('waitQuiet: returns the late arrival (early), and honours an explicit afterSeq', async () => {
    const path = newSinkPath();
    await post(agent, sinkUrlFor(access, path), 'first');
    const [first] = await fetchRecords(access, path);
    later(100, () => post(agent, sinkUrlFor(access, `${path}/notifications`), 'late'));
    const started = Date.now();
    const arrived = await waitQuiet(access, path, 10_000);
    expect(arrived.map((r) => r.body)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await waitQuiet(access, path, 0, (first?.seq ?? 1) - 1)).map((r) => r.body)).toEqual(['first', 'late']);
  });
  // One request per wait, not one every few ms: the sink holds it (src/sink/control.ts).
  test('a records request with waitMs is held until a record of its path comes, or waitMs passes', async () => {
    const path = newSinkPath();
    later(150, () => post(agent, sinkUrlFor(access, newSinkPath()), 'elsewhere'));
    later(400, () => post(agent, sinkUrlFor(access, path), 'mine'));
    let started = Date.now();
    const arrived = await fetchRecords(access, path, 0, 3_000);
    expect(arrived.map((r) => r.body)).toEqual(['mine']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(2_500);

    started = Date.now();
    expect(await fetchRecords(access, newSinkPath(), 0, 300)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
