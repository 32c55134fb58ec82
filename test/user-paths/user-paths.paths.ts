// Every documented way to get and run the tool, each from a clean clone of HEAD and as a user runs
// it (issue 28): the README's two commands, the npm tarball, the GitLab job (a git install at the
// commit), the GitHub Action (action.yml's steps, driven by the example workflow), and the tool's
// container image (GitLab with an empty entrypoint, and `docker run`). CI runs it after `npm test`
// (.ci/run -> .ci/user-paths); too slow for `npm test` itself. The paths run at once: each waits only
// for what it needs (the README's `npm ci` for the tarball and the image).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO, tempDir } from '../support/cli.js';
import { readmeBlock, shellCommands } from '../support/readme-blocks.js';
import { runCompositeAction, type ActionStep, type CompositeAction } from './actions-runner.js';
import { freePort } from '../support/ports.js';
import { expectExit, run, shell, startProvider, stopProviders, userEnv } from './processes.js';

const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

interface GitlabJob {
  image: string | { name: string; entrypoint?: string[] };
  variables?: Record<string, string>;
  script: string[];
  artifacts: { when?: string; paths: string[]; reports?: { junit?: string } };
}
interface Workflow {
  jobs: Record<string, { steps: ActionStep[] }>;
}

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const root = tempDir('qod-user-paths-');
const nodeMajor = process.versions.node.split('.')[0]!;
const engine = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 15_000 });
const dockerAnswers = engine.status === 0 && engine.stdout.trim() !== '';
if (!dockerAnswers) console.warn('user-paths: no Docker engine answers (DOCKER_HOST): the tool image paths are skipped');

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** A clean clone of HEAD, as `git clone` + checkout of the commit gives it. */
async function cloneHead(name: string): Promise<string> {
  const dir = join(root, name);
  expectExit(await run('git', ['clone', '--quiet', '--no-checkout', REPO, dir], { cwd: root }), 0);
  // HEAD may be detached (a CI checkout): fetch the commit itself.
  expectExit(await run('git', ['fetch', '--quiet', REPO, commit], { cwd: dir }), 0);
  expectExit(await run('git', ['checkout', '--quiet', '--detach', commit], { cwd: dir }), 0);
  return dir;
}

const readFrom = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const gitlabJob = (dir: string, name: string): GitlabJob => {
  const block = readmeBlock(name, readFrom(dir, 'README.md'));
  expect(block.lang, name).toBe('yaml');
  const jobs = Object.values(load(block.text) as Record<string, GitlabJob>).filter((j) => j.script);
  expect(jobs, name).toHaveLength(1);
  return jobs[0]!;
};

/** The clone the README's first command installs and runs in (the tarball and the image come from it). */
const readmeClone = once(() => cloneHead('readme'));
const readmeRun = once(async () => {
  const dir = await readmeClone();
  const [install] = shellCommands(readmeBlock('two-commands', readFrom(dir, 'README.md')));
  return { dir, ran: await shell(install!, { cwd: dir }) };
});
/** The README's clone once its `npm ci` built it. */
const builtClone = once(async () => {
  const { dir, ran } = await readmeRun();
  expectExit(ran, 0);
  return dir;
});

const toolImage = once(async () => {
  const dir = await builtClone();
  const tag = `qod-conformance:${version}`;
  expectExit(await run(join(dir, 'scripts/build-image.sh'), ['tool', tag], { cwd: dir }), 0);
  return tag;
});

/** A reference endpoint per path (their sessions and devices must not meet): `serve` of this
 *  checkout's build, on a free port, with the config it writes, put where the path reads it. */
async function endpoint(name: string, configAt: string): Promise<{ baseUrl: string; port: number }> {
  const dir = join(root, `serve-${name}`);
  mkdirSync(dir, { recursive: true });
  const written = join(dir, 'operator.json');
  const started = await startProvider(CLI, written, dir);
  mkdirSync(dirname(configAt), { recursive: true });
  copyFileSync(written, configAt);
  return started;
}

/** The value after `flag` in a command line, e.g. where its --config is read from. */
const flagValue = (line: string, flag: string) => new RegExp(`${flag}[ =]"?([^"\\s]+)`).exec(line)?.[1];

const expectConformant = (stdout: string) => expect(stdout).toMatch(/^CONFORMANT {2}QoD /m);

afterAll(() => {
  stopProviders();
  // A CI machine is thrown away after the job: removing the clones' node_modules costs it tens of seconds.
  if (process.env.CI === 'true') return void console.log(`user-paths: ${root} left for the CI machine to discard`);
  const started = Date.now();
  try {
    rmSync(root, { recursive: true, force: true });
    console.log(`user-paths: ${root} removed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.warn(`user-paths: ${root} not removed: ${(error as Error).message}`);
  }
});

describe.concurrent(`documented user paths, each from a clean clone of ${commit.slice(0, 12)}`, () => {
  it("README's two commands: the embedded run is CONFORMANT; the second is the command .ci/run runs", async () => {
    const { dir, ran } = await readmeRun();
    const commands = shellCommands(readmeBlock('two-commands', readFrom(dir, 'README.md')));
    expect(commands).toHaveLength(2);
    expectExit(ran, 0);
    expectConformant(ran.stdout);
    // The second, `npm test`, is what .ci/run runs on its own clean checkout just before this
    // script: running all of it again here would double CI's longest step for the same proof.
    const ciRun = readFrom(dir, '.ci/run')
      .split('\n')
      .map((l) => l.trim());
    expect(ciRun).toContain(commands[1]);
    expect(ciRun.indexOf(commands[1]!)).toBeLessThan(ciRun.indexOf('.ci/user-paths'));
  });

  it('npm pack: the tarball installs globally with no build step and runs its own suites', async () => {
    const dir = await builtClone();
    // `npm pack` would run `prepare` (the build) again: the README's `npm ci` just built this commit.
    const packed = expectExit(await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', root], { cwd: dir }), 0);
    const tarball = join(root, packed.stdout.trim().split('\n').pop()!);
    expect(tarball.endsWith(`qod-conformance-${version}.tgz`)).toBe(true);
    const prefix = join(root, 'tarball-prefix');
    expectExit(await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: root }), 0);
    const bin = join(prefix, 'bin/qod-conformance');
    expect(expectExit(await run(bin, ['--version'], { cwd: root }), 0).stdout.trim()).toBe(version);
    // Production dependencies only, and the compiled tool came in the tarball (nothing built).
    const installed = join(prefix, 'lib/node_modules/qod-conformance');
    expect(existsSync(join(installed, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(installed, 'dist/suites/sessions/getSession.test.js'))).toBe(true);
    const app = join(root, 'tarball-app');
    mkdirSync(app);
    const ran = expectExit(await run(bin, ['--only', 'lifecycle', '--report-dir', 'report'], { cwd: app }), 0);
    expectConformant(ran.stdout);
    expect(existsSync(join(app, 'report/junit.xml'))).toBe(true);
  });

  it('GitLab job: a git install at the commit, the run against serve, exit 0 and the artifacts it declares', async () => {
    const clean = await readmeClone();
    const job = gitlabJob(clean, 'gitlab-job');
    // node:20 is this machine's Node: the job's image, stood in.
    expect(typeof job.image === 'string' ? job.image : job.image.name).toMatch(new RegExp(`^node:${nodeMajor}\\b`));
    const project = join(root, 'gitlab-project');
    const runLine = job.script.find((l) => /^qod-conformance /.test(l))!;
    const { baseUrl } = await endpoint('gitlab', join(project, flagValue(runLine, '--config')!));
    const env = userEnv({ ...job.variables, QOD_CONFORMANCE: `git+file://${clean}#${commit}`, QOD_BASE_URL: baseUrl, CI: 'true', GITLAB_CI: 'true' });
    const ran = expectExit(await shell(job.script.join('\n'), { cwd: project, env }), 0);
    expectConformant(ran.stdout);
    // The git install built the package of that commit (its `prepare`).
    const installLine = job.script.find((l) => l.includes('$QOD_CONFORMANCE'))!;
    const installed = join(project, flagValue(installLine, '--prefix') ?? '.', 'node_modules/qod-conformance');
    expect(existsSync(join(installed, 'dist/suites/sessions/getSession.test.js'))).toBe(true);
    expect((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }).version).toBe(version);
    expect(job.artifacts.when).toBe('always');
    for (const path of job.artifacts.paths) expect(existsSync(join(project, path)), path).toBe(true);
    expect(readFileSync(join(project, job.artifacts.reports!.junit!), 'utf8')).toMatch(/<testsuites[\s>]/);
  });

  it('GitHub Action: the example workflow drives action.yml as a runner does, against serve; exit code passed on', async () => {
    // actions/checkout; `uses: ./` makes the checkout the action's path too.
    const workspace = await cloneHead('action-workspace');
    const workflow = load(readFrom(workspace, '.github/workflows/qod-conformance-example.yml')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const setupNode = (w: Record<string, string | number>) => expect(String(w['node-version'])).toBe(nodeMajor);
    setupNode(steps.find((s) => s.uses === 'actions/setup-node@v4')!.with!);
    const gate = steps.find((s) => s.uses === './')!;
    const inputs = Object.fromEntries(Object.entries(gate.with ?? {}).map(([k, v]) => [k, String(v)]));
    // The workflow's serve step, stood in: the endpoint listens on a free port here, not its fixed one.
    const serveLine = steps.flatMap((s) => s.run?.split('\n') ?? []).find((l) => l.includes('qod-conformance serve'))!;
    const servePort = flagValue(serveLine, '--port')!;
    expect(inputs['base-url']).toContain(`:${servePort}/`);
    const { port } = await endpoint('action', join(workspace, inputs.config!));
    inputs['base-url'] = inputs['base-url']!.replace(`:${servePort}/`, `:${port}/`);

    const action = load(readFrom(workspace, 'action.yml')) as CompositeAction;
    const uploads: Array<Record<string, string>> = [];
    const uses = {
      'actions/setup-node@v4': setupNode,
      'actions/upload-artifact@v4': (w: Record<string, string>) => void uploads.push(w),
    };
    const result = await runCompositeAction(action, { actionPath: workspace, workspace, with: inputs, uses, temp: join(root, 'runner-temp') });
    const runStep = result.ran.find((r) => r.result?.stdout.includes('QoD 1.1.0'));
    expect(result.code, result.ran.map((r) => r.result?.describe() ?? `${r.step}${r.skipped ? ' (skipped)' : ''}`).join('\n')).toBe(0);
    expectConformant(runStep!.result!.stdout);
    expect(result.outputs['exit-code']).toBe('0');
    const reportDir = join(workspace, inputs['report-dir'] ?? action.inputs['report-dir']!.default!);
    expect(uploads).toEqual([{ name: action.inputs['artifact-name']!.default, path: reportDir, 'if-no-files-found': 'warn' }]);
    expect(existsSync(join(reportDir, 'junit.xml'))).toBe(true);

    // A failing run fails the job with its exit code and still uploads. The tool is installed: its
    // run and upload steps again, against a port where nothing listens (exit 3, unreachable).
    const again = { ...action, runs: { ...action.runs, steps: action.runs.steps.filter((s) => !s.run?.includes('npm ci')) } };
    expect(again.runs.steps.length).toBe(action.runs.steps.length - 1);
    const closed = await freePort();
    const failed = await runCompositeAction(again, {
      actionPath: workspace,
      workspace,
      with: { ...inputs, 'base-url': `http://127.0.0.1:${closed}/quality-on-demand/v1` },
      uses,
      temp: join(root, 'runner-temp-2'),
    });
    expect(failed.code).toBe(3);
    expect(failed.outputs['exit-code']).toBe('3');
    expect(uploads).toHaveLength(2);
  });

  it.skipIf(!dockerAnswers)('tool image in GitLab: empty entrypoint, the script runs in the image as uid 65534, reports in the project folder', async () => {
    const clean = await readmeClone();
    const job = gitlabJob(clean, 'gitlab-image-job');
    expect(job.image).toEqual({ name: '$QOD_CONFORMANCE_IMAGE', entrypoint: [''] });
    const tag = await toolImage();
    const config = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config}}', tag], { encoding: 'utf8' })) as {
      User: string;
      Entrypoint: string[];
    };
    expect(config.User).toBe('65534:65534');
    expect(config.Entrypoint.join(' ')).toMatch(/node .*dist\/src\/cli\/main\.js$/);
    // GitLab's runner makes the project folder writable for any user of the job's image (umask 0000).
    const project = join(root, 'gitlab-image-project');
    const runLine = job.script.find((l) => /^qod-conformance /.test(l))!;
    const configAt = join(project, flagValue(runLine, '--config')!);
    const { baseUrl } = await endpoint('gitlab-image', configAt);
    chmodSync(project, 0o777);
    chmodSync(configAt, 0o666);
    const variables = { ...job.variables, QOD_CONFORMANCE_IMAGE: tag, QOD_BASE_URL: baseUrl, CI: 'true', GITLAB_CI: 'true' };
    const ran = expectExit(
      await run(
        'docker',
        [
          'run',
          '--rm',
          '--network',
          'host',
          '--entrypoint',
          '',
          '-v',
          `${project}:/builds/project`,
          '-w',
          '/builds/project',
          ...Object.entries(variables).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
          tag,
          'sh',
          '-c',
          `set -e\n${job.script.join('\n')}`,
        ],
        { cwd: project },
      ),
      0,
    );
    expectConformant(ran.stdout);
    for (const path of job.artifacts.paths) expect(existsSync(join(project, path)), path).toBe(true);
    const junit = join(project, job.artifacts.reports!.junit!);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites[\s>]/);
    expect(statSync(junit).uid, 'written by the image user, not root').toBe(65534);
  });

  it.skipIf(!dockerAnswers)('tool image with docker run (Jenkins): host networking, CONFORMANT, the reports in the mounted folder', async () => {
    const clean = await readmeClone();
    const [command, ...more] = shellCommands(readmeBlock('docker-run', readFrom(clean, 'README.md')));
    expect(more).toEqual([]);
    const tag = await toolImage();
    const workspace = join(root, 'docker-run-workspace');
    const { baseUrl } = await endpoint('docker-run', join(workspace, flagValue(command!, '--config')!));
    const ran = expectExit(await shell(command!, { cwd: workspace, env: userEnv({ QOD_CONFORMANCE_IMAGE: tag, QOD_BASE_URL: baseUrl }) }), 0);
    expectConformant(ran.stdout);
    const junit = join(workspace, 'qod-conformance-report/junit.xml');
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites[\s>]/);
    expect(statSync(junit).uid, 'owned by the --user given').toBe(process.getuid!());
  });
});
