// Client overhead: the same request mix through the suite's HTTP layer (recording, redaction,
// curl line, pacing) and through a bare undici loop, against the reference provider on loopback.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { HttpClient } from '../src/http/client.js';
import { startProvider } from '../src/provider/index.js';

export interface OverheadResult {
  requests: number;
  rounds: number;
  suiteClientMs: number;
  bareUndiciMs: number;
  ratio: number;
}

type Mix = Array<{ method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown }>;

function requestMix(count: number, device: unknown, appServer: unknown, profile: string): Mix {
  const mix: Mix = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) mix.push({ method: 'POST', path: '/retrieve-sessions', body: { device } });
    else if (i % 4 === 1) mix.push({ method: 'POST', path: '/sessions', body: { device: {}, applicationServer: appServer, qosProfile: profile, duration: 60 } });
    else mix.push({ method: 'GET', path: `/sessions/${randomUUID()}` });
  }
  return mix;
}

export async function measureClientOverhead(count = 1000, rounds = 9): Promise<OverheadResult> {
  const provider = await startProvider({});
  const f = provider.fixtures;
  const token = f.tokens.default!;
  const mix = requestMix(count, f.devices.known, f.applicationServer, f.qosProfiles.valid!);
  const secrets = Object.values(f.tokens).filter((t): t is string => !!t);
  const suite = new HttpClient({ baseUrl: provider.baseUrl, token, timeoutMs: 10_000, maxRps: 0, concurrency: 1, insecure: false, secrets });
  const agent = new Agent({ connections: 1 });

  const viaSuite = async () => {
    for (const r of mix) await suite.send({ method: r.method, path: r.path, body: r.body });
  };
  const viaUndici = async () => {
    for (const r of mix) {
      const body = r.body === undefined ? undefined : JSON.stringify(r.body);
      const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, 'x-correlator': randomUUID() };
      if (body) headers['content-type'] = 'application/json';
      const res = await request(provider.baseUrl + r.path, { method: r.method, headers, body, dispatcher: agent });
      const text = await res.body.text();
      if (text) JSON.parse(text);
    }
  };
  const time = async (fn: () => Promise<void>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  await viaUndici(); // warm both paths (JIT, connections)
  await viaSuite();
  const suiteTimes: number[] = [];
  const bareTimes: number[] = [];
  const ratios: number[] = [];
  // Paired rounds, alternating which path goes first: a shared machine's speed drifts between
  // rounds, so each round's ratio is taken and the median of those reported.
  for (let i = 0; i < rounds; i++) {
    const bareFirst = i % 2 === 0;
    const a = await time(bareFirst ? viaUndici : viaSuite);
    const b = await time(bareFirst ? viaSuite : viaUndici);
    const [bare, viaOurs] = bareFirst ? [a, b] : [b, a];
    bareTimes.push(bare);
    suiteTimes.push(viaOurs);
    ratios.push(viaOurs / bare);
  }
  await suite.close();
  await agent.close();
  await provider.close();
  return { requests: count, rounds, suiteClientMs: round(median(suiteTimes)), bareUndiciMs: round(median(bareTimes)), ratio: round(median(ratios), 3) };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
