// test-order: long, about 16 s
// Broken or hostile endpoints: every misbehaviour becomes failed checks that say what happened
// (exit 1, reports written, no crash, no stack trace), within the run's time budget; sessions
// created around the failures are deleted; an endpoint that answers nothing at all is exit 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../src/provider/index.js';
import { runCli, tempDir } from '../support/cli.js';
import { BEHAVIOURS, MIXED_BEHAVIOUR, startHostileServer, type Behaviour, type HostileServer } from '../support/hostile-server.js';
import { embeddedFixture, readReport, STACK_LINE, writeOperatorConfig } from './helpers.js';

const fixture = embeddedFixture();
const TOKEN = fixture.tokens.default!;

/** What the failure of a check that met the behaviour must say. */
const SAYS: Record<Behaviour, RegExp> = {
  hang: /no complete answer within 1000 ms/,
  'slow-body': /no complete answer within 1000 ms/,
  reset: /ECONNRESET|other side closed|socket hang up|UND_ERR_SOCKET/i,
  'huge-body': /response body larger than 1048576 bytes/,
  'invalid-json': /body is not valid JSON/,
  'html-error': /HTTP 502 text\/html[^\n]*502 Bad Gateway/,
  redirect: /redirect to https:\/\/login\.example\.invalid\/authorize/,
};

let upstream: RunningProvider;
let hostile: HostileServer;
let tls: HostileServer;

beforeAll(async () => {
  upstream = await startProvider();
  hostile = await startHostileServer({ upstream: upstream.url, runToken: TOKEN });
  tls = await startHostileServer({ tls: true });
});
afterAll(async () => {
  await hostile?.close();
  await tls?.close();
  await upstream?.close();
});

describe('hostile or broken endpoints', () => {
  it('one misbehaviour per operation: each becomes failed checks saying what happened; sessions made around them are deleted', async () => {
    const dir = tempDir('qod-hostile-');
    const config = writeOperatorConfig(dir, fixture);
    const started = Date.now();
    const r = await runCli(['--base-url', hostile.baseUrl('mixed'), '--token', TOKEN, '--config', config, '--timeout', '1000', '--concurrency', '8', '--only', 'auth', '--report-dir', dir], {
      timeoutMs: 90_000,
    });
    const elapsed = Date.now() - started;

    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/tool error/i);
    const report = readReport(dir);
    expect(report.verdict).toBe('NOT CONFORMANT');
    expect(report.tests.filter((t) => t.state === 'error').map((t) => t.name)).toEqual([]);

    for (const [operation, behaviour] of Object.entries(MIXED_BEHAVIOUR)) {
      const mine = report.tests.filter((t) => t.checkId?.startsWith('auth.') && t.checkId.endsWith(`.${operation}`));
      expect(mine.length, `${operation}: checks`).toBeGreaterThan(0);
      for (const t of mine) {
        expect(t.state, `${t.name} (${BEHAVIOURS[behaviour]})`).toBe('failed');
        expect(t.failure?.message, `${t.name} (${BEHAVIOURS[behaviour]})`).toMatch(SAYS[behaviour]);
      }
    }

    // Sessions were created (requests with the run's token are forwarded to a real provider) and
    // the checks around them failed: every one was deleted all the same.
    expect(report.run.sessions!.created).toBeGreaterThan(0);
    expect(report.run.sessions!.deleted).toBe(report.run.sessions!.created);
    expect(upstream.liveSessionCount()).toBe(0);
    // Per-request timeout 1 s: the run is bounded by it, not by the endpoint.
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);

  it('nothing answers (all hang, all reset, a self-signed certificate without --insecure): exit 3 at the preflight, quickly, one line saying why', async () => {
    const cases = [
      { base: hostile.baseUrl('all-hang'), says: /unreachable: .*no complete answer within 1000 ms/ },
      { base: hostile.baseUrl('all-reset'), says: /unreachable: .*(ECONNRESET|other side closed|socket)/i },
      { base: tls.baseUrl('not-found'), says: /unreachable: .*(self[- ]signed|certificate)/i },
    ];
    const started = Date.now();
    const results = await Promise.all(cases.map((c) => runCli(['--base-url', c.base, '--token', TOKEN, '--timeout', '1000', '--report-dir', tempDir('qod-hostile-')], { timeoutMs: 60_000 })));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i]!.says);
      expect(r.stderr).not.toMatch(STACK_LINE);
    });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
