// --image for real: the reference provider's image (scripts/build-provider-image.sh, no registry)
// started by the CLI through testcontainers on a Docker engine, the suites run against it, and it
// is gone afterwards. Without an engine these skip with the reason; CI (.ci/run) starts one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '../support/ports.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../support/cli.js';

const IMAGE = 'qod-conformance-provider:test';
const SKIP_REASON = 'needs a Docker engine (see ../shared/notes/containers.md); none answers here';
// Fast and still meaningful: sessions created, read and deleted in the container.
const SUITE_ARGS = ['--only', 'lifecycle', '--profile', 'safe', '--seed', '1'];

function engineAnswers(): boolean {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 15_000 });
  return r.status === 0 && r.stdout.trim() !== '';
}

const engine = engineAnswers();

/** The image, built once for the file and started at once (it overlaps the first test); the
 *  script does nothing when the image already carries the fingerprint of dist/ etc. */
const imageBuilt = engine
  ? new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(join(REPO, 'scripts/build-provider-image.sh'), [IMAGE], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', (error) => resolve({ code: null, output: error.message }));
      child.on('close', (code) => resolve({ code, output }));
    })
  : undefined;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

function containersOfImage(): string[] {
  const r = spawnSync('docker', ['ps', '--all', '--quiet', '--filter', `ancestor=${IMAGE}`], { encoding: 'utf8', timeout: 15_000 });
  return r.stdout.split('\n').filter(Boolean);
}

/** The operator data of the reference provider (its fixture without the provider's own part). */
function operatorConfig(): string {
  const fixture = JSON.parse(readFileSync(join(REPO, 'fixtures/embedded.json'), 'utf8')) as Record<string, unknown>;
  delete fixture.provider;
  const file = join(tempDir('qod-container-'), 'operator.json');
  writeFileSync(file, JSON.stringify(fixture));
  return file;
}

describe('--image: the implementation under test in a container', () => {
  it('without an engine, --image exits 3 with one line', async () => {
    const r = await runCli(['--image', IMAGE, '--container-port', String(await freePort()), '--report-dir', tempDir()], {
      env: { DOCKER_HOST: 'unix:///nonexistent/qod-conformance/docker.sock' },
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--image needs a Docker engine, and none answers (DOCKER_HOST=unix:///nonexistent/qod-conformance/docker.sock)');
  });

  describe('with a Docker engine', () => {
    let config = '';

    beforeAll(async () => {
      if (!engine) return;
      config = operatorConfig();
      const build = await imageBuilt!;
      expect(build.code, build.output).toBe(0);
    }, 180_000);

    afterAll(() => {
      // Every run stopped and removed its container: after success, failure and Ctrl-C alike.
      if (engine) expect(containersOfImage()).toEqual([]);
    });

    it.concurrent('runs the suites against the container: exit 0, junit.xml, its logs in the report', { timeout: 180_000 }, async (ctx) => {
      ctx.skip(!engine, SKIP_REASON);
      const dir = tempDir();
      const port = await freePort();
      const r = await runCli(['--image', IMAGE, '--container-port', String(port), '--wait-log', 'listening', '--config', config, '--report-dir', dir, ...SUITE_ARGS], { timeoutMs: 170_000 });
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toContain(`CONFORMANT  QoD 1.1.0 at http://127.0.0.1:${port}/quality-on-demand/v1`);
      const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
      expect(junit).toMatch(/<testcase /);
      expect(junit).not.toMatch(/<failure/);
      const run = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { run: { container?: { image: string; logs?: string } } }).run;
      expect(run.container?.image).toBe(IMAGE);
      expect(run.container?.logs).toContain(`QoD API:          http://127.0.0.1:${port}/quality-on-demand/v1`);
      expect(run.container?.logs).toContain('default=[REDACTED]'); // the provider prints its tokens
      expect(await portOpen(port)).toBe(false); // stopped
    });

    it.concurrent('a failing implementation exits 1, and report.html shows its container logs', { timeout: 180_000 }, async (ctx) => {
      ctx.skip(!engine, SKIP_REASON);
      const dir = tempDir();
      const port = await freePort();
      const r = await runCli(
        [
          '--image',
          IMAGE,
          '--container-port',
          String(port),
          '--wait-http',
          '/quality-on-demand/v1/sessions',
          '--env',
          'QOD_FAULT=error-code-lowercase',
          '--config',
          config,
          '--report-dir',
          dir,
          ...SUITE_ARGS,
        ],
        { timeoutMs: 170_000 },
      );
      expect(r.code, r.stderr + r.stdout).toBe(1);
      expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('NOT CONFORMANT');
      expect(html).toMatch(/<details id="container-logs" open><summary>Container logs/);
      expect(html).toContain('faults: error-code-lowercase'); // the container's own banner
      expect(html).toContain('href="#container-logs"'); // linked from the failures
      const fixture = JSON.parse(readFileSync(join(REPO, 'fixtures/embedded.json'), 'utf8')) as { tokens: Record<string, string> };
      for (const token of Object.values(fixture.tokens)) expect(html).not.toContain(token);
    });

    it.concurrent('Ctrl-C while the container starts: exit 3 and the container removed', { timeout: 120_000 }, async (ctx) => {
      ctx.skip(!engine, SKIP_REASON);
      const port = await freePort();
      let pid = 0;
      const running = runCli(['--image', IMAGE, '--container-port', String(port), '--wait-log', 'a line the provider never prints', '--config', config, '--report-dir', tempDir()], {
        timeoutMs: 110_000,
        onSpawn: (p) => (pid = p),
      });
      let ended = false;
      void running.finally(() => (ended = true));
      // The provider listens (so the container is up) but the wait never ends: interrupt it.
      const deadline = Date.now() + 90_000;
      while (!ended && !(await portOpen(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      if (!ended) process.kill(pid, 'SIGINT');
      const r = await running;
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('run aborted while the container qod-conformance-provider:test was starting (it was removed)');
      expect(await portOpen(port)).toBe(false);
    });
  });
});
