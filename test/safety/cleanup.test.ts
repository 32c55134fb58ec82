// The cleanup guarantee against a provider in another process (as a production endpoint would
// be): Ctrl-C in the middle of a run stops it, deletes every session it created and exits 3;
// `qod-conformance cleanup --ledger FILE` deletes what an interrupted run left.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { recordCreated, readLedger, summarize } from '../../src/safety/ledger.js';
import { runCli, tempDir } from '../support/cli.js';
import { countSessions, embeddedFixture, readReport, STACK_LINE, startServe, waitFor, writeOperatorConfig } from './helpers.js';

const fixture = embeddedFixture();
const TOKEN = fixture.tokens.default!;
let serve: Awaited<ReturnType<typeof startServe>>;

beforeAll(async () => {
  serve = await startServe();
});
afterAll(async () => {
  await serve?.stop();
});

async function createOn(baseUrl: string, device: unknown, token = TOKEN): Promise<string> {
  const res = await request(`${baseUrl}/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ device, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60 }),
  });
  const body = (await res.body.json()) as { sessionId?: string };
  if (res.statusCode !== 201 || !body.sessionId) throw new Error(`create answered ${res.statusCode}: ${JSON.stringify(body)}`);
  return body.sessionId;
}

describe('cleanup guarantee', () => {
  it('SIGINT in the middle of a run: vitest is cancelled, the ledger swept, exit 3, no session left on the endpoint', async () => {
    const dir = tempDir('qod-sigint-');
    const config = writeOperatorConfig(dir, fixture);
    const ledger = join(dir, 'sessions-ledger.jsonl');
    let pid: number | undefined;
    const run = runCli(['--base-url', serve.baseUrl, '--token', TOKEN, '--config', config, '--only', 'lifecycle', '--max-rps', '5', '--report-dir', dir], {
      timeoutMs: 90_000,
      onSpawn: (p) => (pid = p),
    });
    let ended = false;
    void run.then(() => (ended = true));
    // Interrupt as soon as the run holds a session on the endpoint.
    await waitFor(() => ended || (existsSync(ledger) && summarize(readLedger(ledger)).alive.length > 0), 60_000, 'a first session in the ledger');
    expect(ended, `the run ended before it was interrupted: ${(await Promise.race([run, Promise.resolve(undefined)]))?.stderr}`).toBe(false);
    process.kill(pid!, 'SIGINT'); // the CLI process this test started
    const r = await run;

    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/SIGINT: stopping the run/);
    expect(r.stderr).toMatch(/run aborted \(SIGINT\): sessions created (\d+), deleted \1\b/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const { created, deleted, alive } = summarize(readLedger(ledger));
    expect(created).toBeGreaterThan(0);
    expect(deleted).toBe(created);
    expect(alive).toEqual([]);
    expect(await countSessions(serve.baseUrl, fixture)).toBe(0);
    // The reports of the interrupted run say so, and count what the sweep deleted.
    const report = readReport(dir);
    expect(report.run.sessions).toEqual({ created, deleted });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`${created} created, ${deleted} deleted`);
    expect(report.tests.some((t) => t.skipNote === 'did not finish: the run was interrupted') || report.verdict !== 'CONFORMANT').toBe(true);
  }, 120_000);

  it('cleanup --ledger deletes what a killed run left, counts what was already gone, and reports what it could not delete', async () => {
    const dir = tempDir('qod-cleanup-');
    const ledger = join(dir, 'sessions-ledger.jsonl');
    const pool = fixture.devices.pool ?? [];
    const left = [await createOn(serve.baseUrl, pool[0]), await createOn(serve.baseUrl, pool[1])];
    for (const id of left) recordCreated(ledger, serve.baseUrl, id);
    recordCreated(ledger, serve.baseUrl, '6f1c0b0e-0000-4000-8000-000000000000'); // already gone: 404
    expect(await countSessions(serve.baseUrl, fixture)).toBe(2);

    // A token the endpoint refuses: nothing can be deleted, the ledger still shows them, exit 1.
    const refused = await runCli(['cleanup', '--ledger', ledger, '--token', 'qod-conformance-wrong-token']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(/left: 3/);
    expect(refused.stdout).toMatch(/DELETE answered 401/);
    expect(await countSessions(serve.baseUrl, fixture)).toBe(2);

    const r = await runCli(['cleanup', '--ledger', ledger, '--token', TOKEN]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sessions created: 3, deleted: 3, left: 0/);
    expect(await countSessions(serve.baseUrl, fixture)).toBe(0);
    expect(summarize(readLedger(ledger)).alive).toEqual([]);
    // The token never lands in the ledger or the output.
    expect(readFileSync(ledger, 'utf8') + r.stdout + r.stderr).not.toContain(TOKEN);
  }, 60_000);

  it('cleanup --ledger --config deletes each session with the token of the role that created it', async () => {
    const dir = tempDir('qod-cleanup-roles-');
    const ledger = join(dir, 'sessions-ledger.jsonl');
    const pool = fixture.devices.pool ?? [];
    const second = fixture.tokens.secondClient!;
    const own = await createOn(serve.baseUrl, pool[2]);
    const other = await createOn(serve.baseUrl, pool[3], second);
    recordCreated(ledger, serve.baseUrl, own);
    recordCreated(ledger, serve.baseUrl, other, 'secondClient');

    // With the default token alone, the second client's session is not ours to delete.
    const alone = await runCli(['cleanup', '--ledger', ledger, '--token', TOKEN]);
    expect(alone.code, alone.stderr).toBe(1);
    expect(alone.stdout).toMatch(/left: 1/);
    expect(alone.stdout).toContain(other);

    const config = writeOperatorConfig(dir, fixture);
    const r = await runCli(['cleanup', '--ledger', ledger, '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sessions created: 2, deleted: 2, left: 0/);
    expect(await countSessions(serve.baseUrl, fixture)).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(second);
  }, 60_000);
});
