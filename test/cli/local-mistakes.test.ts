// Mistakes on the user's side of the line: exit 2, one line on stderr, and what to do instead.
// Never "endpoint unreachable", "a bug in qod-conformance" or an empty run.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../support/cli.js';

function expectUsage(r: CliResult, ...texts: string[]): void {
  expect(r.code, r.stderr + r.stdout).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toContain('tool error');
  expect(r.stderr).not.toContain('unreachable');
  for (const text of texts) expect(r.stderr).toContain(text);
}

// Nothing listens here: a mistake that got as far as a request would read as "unreachable" (exit 3).
const NOWHERE = 'http://127.0.0.1:9/quality-on-demand/v1';

describe('local mistakes are exit 2 with a suggestion', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('--only with a mistyped area names the area it meant', async () => {
    expectUsage(await runCli(['--only', 'lifecyle', '--report-dir', tempDir()]), '"lifecyle"', 'did you mean "lifecycle"');
    expectUsage(await runCli(['--skip', 'notification', '--report-dir', tempDir()]), 'did you mean "notifications"');
  });

  it('--suite that matches no suite file lists the files (and the near one)', async () => {
    expectUsage(await runCli(['--suite', 'nomatchxyz', '--report-dir', tempDir()]), '--suite "nomatchxyz" matches no suite file', 'sessions/getSession');
    expectUsage(await runCli(['--suite', 'createSesion', '--report-dir', tempDir()]), 'did you mean "createSession"');
  });

  it('a token with a trailing newline or a non-ASCII character is named as such, before any request', async () => {
    expectUsage(await runCli(['--base-url', NOWHERE, '--report-dir', tempDir()], { env: { QOD_TOKEN: 'abc123\n' } }), 'ends with a line break', '--token-file');
    expectUsage(await runCli(['--base-url', NOWHERE, '--token', 'abc\u20ac123', '--report-dir', tempDir()]), 'not ASCII at character 4 (U+20AC)');
    expectUsage(await runCli(['--base-url', NOWHERE, '--token', 'ab\u00e9c', '--report-dir', tempDir()]), 'U+00E9');
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ tokens: { expired: 'tok en' } }));
    expectUsage(await runCli(['--base-url', NOWHERE, '--token', 'abc', '--config', join(dir, 'c.json'), '--report-dir', dir]), 'config tokens.expired has at character 4 white space');
    // The token itself is never echoed.
    const r = await runCli(['--base-url', NOWHERE, '--token', 'secret\u00e9token', '--report-dir', tempDir()]);
    expect(r.stderr).not.toContain('secret');
  });

  it('serve on a busy port or an impossible one says which and what to give', async () => {
    expectUsage(await runCli(['serve', '--port', String(busyPort)], { timeoutMs: 20_000 }), `port ${busyPort} on 127.0.0.1 is in use`, '--port');
    expectUsage(await runCli(['serve', '--port', '99999'], { timeoutMs: 20_000 }), '--port must be 0 to 65535');
  });

  it('serve --write-config to a path it cannot write stops (it does not keep serving)', async () => {
    const r = await runCli(['serve', '--port', '0', '--write-config', '/nonexistent-dir-qod/c.json'], { timeoutMs: 20_000 });
    expectUsage(r, 'cannot write config file /nonexistent-dir-qod/c.json: ENOENT', 'folder does not exist');
    expect(r.stdout).not.toContain('listening');
  });

  it('a mistyped command or config key gets the one it meant', async () => {
    expectUsage(await runCli(['srve']), 'unknown command "srve"', 'did you mean "serve"');
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ baseURL: 'http://127.0.0.1:9/quality-on-demand/v1' }));
    expectUsage(await runCli(['--config', join(dir, 'c.json')]), 'unknown key "baseURL"', 'did you mean "baseUrl"');
    // `help` stays a command.
    expect((await runCli(['help'])).code).toBe(0);
  });
});
