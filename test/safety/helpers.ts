// Shared by the safety tests: operator data for runs against a provider started outside the CLI,
// a standalone `serve` process, counting what is left on a provider through its public API, and
// reading a run's reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { DeviceId } from '../../src/config/types.js';
import { CLI, REPO } from '../support/cli.js';

export interface EmbeddedFixture {
  tokens: Record<string, string>;
  devices: { known: DeviceId; second?: DeviceId; pool?: DeviceId[]; [k: string]: unknown };
  threeLeggedDevice?: DeviceId;
  provider: { clients: Array<{ clientId: string; clientSecret: string }>; tokens: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

export function embeddedFixture(): EmbeddedFixture {
  return JSON.parse(readFileSync(join(REPO, 'fixtures/embedded.json'), 'utf8')) as EmbeddedFixture;
}

/** A config file with the fixture's operator data (what `--base-url` runs need), `extra` merged in. */
export function writeOperatorConfig(dir: string, fixture: EmbeddedFixture, extra: Record<string, unknown> = {}): string {
  const { provider: _provider, ...operator } = fixture;
  const file = join(dir, 'operator.json');
  writeFileSync(file, JSON.stringify({ ...operator, ...extra }, null, 2));
  return file;
}

/** `qod-conformance serve` on a free port, as a separate process. */
export async function startServe(): Promise<{ baseUrl: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /QoD API:\s+(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  return {
    baseUrl,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // our own child, by its handle
      }),
  };
}

/** Sessions a provider still holds for the fixture's devices, counted through retrieve-sessions
 *  with every client's token (sessions are visible to their own client only). */
export async function countSessions(baseUrl: string, fixture: EmbeddedFixture): Promise<number> {
  const devices = [fixture.devices.known, fixture.devices.second, ...(fixture.devices.pool ?? [])].filter((d): d is DeviceId => d !== undefined);
  const asks: Array<{ token: string; body: unknown }> = [];
  for (const token of [fixture.tokens.default!, fixture.tokens.secondClient!]) for (const device of devices) asks.push({ token, body: { device } });
  if (fixture.tokens.threeLegged) asks.push({ token: fixture.tokens.threeLegged, body: {} });
  let count = 0;
  for (const { token, body } of asks) {
    const res = await request(`${baseUrl}/retrieve-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.body.json()) as unknown;
    if (res.statusCode !== 200 || !Array.isArray(json)) throw new Error(`retrieve-sessions answered ${res.statusCode}: ${JSON.stringify(json)}`);
    count += json.length;
  }
  return count;
}

export interface ReportJson {
  verdict: string;
  run: { sessions?: { created: number; deleted: number }; startedAt: string; endedAt: string };
  tests: Array<{
    name: string;
    checkId?: string;
    area: string;
    operation: string;
    state: string;
    skipNote?: string;
    failure?: { message: string; rule?: string; expected?: string; actual?: string };
    exchanges: Array<{ startedAt: string; request: { method: string; url: string }; response?: { status: number }; error?: string }>;
  }>;
}

export function readReport(dir: string): ReportJson {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReportJson;
}

/** Every file under `dir` (the report directory, its cache folders included). */
export function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** Waits until `probe` holds (polling), or throws after `timeoutMs`. */
export async function waitFor(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A stack trace line: "    at fn (file:12:3)". */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
