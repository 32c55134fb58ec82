// Starts the implementation under test from its container image with testcontainers: host
// networking (the engines this runs on have no bridge network), env PORT=<--container-port>,
// ready per --wait-log / --wait-http (default: the port accepts connections). The caller stops
// it in its teardown; a startup that fails, times out or is aborted removes the container itself.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { UnreachableError, UsageError, firstLine } from '../errors.js';
import { LogTail } from './logs.js';
import type { ContainerPlan } from './types.js';
import { HostReadiness, NotReadyError, portAccepts } from './wait.js';

export interface RunningContainer {
  image: string;
  /** Container name on the engine (qod-conformance-<random>). */
  name: string;
  /** The last lines of its log, secrets replaced by [REDACTED]. */
  logs(secrets: ReadonlyArray<string>): string;
  /** Stops (SIGTERM, then SIGKILL after 5 s) and removes it; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Aborting (Ctrl-C) while the container starts removes it and rejects. */
  signal?: AbortSignal;
  /** Values to keep out of error messages (the container's secret-looking env values are added). */
  secrets?: ReadonlyArray<string>;
}

/** testcontainers' reaper image cannot be pulled without a registry, and without a bridge network
 *  it cannot work out the host; both settings are only set when the user has not set them. */
export function applyTestcontainersDefaults(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

const SECRET_ENV = /secret|token|passw(or)?d|passwd|credential|api[-_]?key|private[-_]?key|auth/i;

/** Values of --env entries whose name looks secret: redacted from logs, reports and messages. */
export function containerSecrets(plan: ContainerPlan): string[] {
  return Object.entries(plan.env)
    .filter(([key, value]) => SECRET_ENV.test(key) && value.length >= 4)
    .map(([, value]) => value);
}

export function engineMissingMessage(env: NodeJS.ProcessEnv = process.env): string {
  return `--image needs a Docker engine, and none answers (DOCKER_HOST=${displayDockerHost(env.DOCKER_HOST)}): start one or point DOCKER_HOST at it`;
}

function displayDockerHost(value: string | undefined): string {
  if (!value) return 'unset';
  try {
    const url = new URL(value);
    if (url.password || url.username) {
      url.username = '';
      url.password = '';
    }
    return url.toString();
  } catch {
    return value;
  }
}

export async function startContainer(plan: ContainerPlan, opts: StartOptions = {}): Promise<RunningContainer> {
  applyTestcontainersDefaults();
  const tc = await import('testcontainers');
  const secrets = [...(opts.secrets ?? []), ...containerSecrets(plan)];
  const abortedMessage = `run aborted while the container ${plan.image} was starting (it was removed)`;

  let client: Awaited<ReturnType<typeof tc.getContainerRuntimeClient>>;
  try {
    // A DOCKER_HOST that does not answer is an error, not a reason to try other sockets
    // (testcontainers would fall back to /var/run/docker.sock and run somewhere else).
    if (!(await dockerHostAnswers())) throw new Error('DOCKER_HOST does not answer');
    client = await tc.getContainerRuntimeClient();
  } catch {
    throw new UnreachableError(engineMissingMessage());
  }
  if (opts.signal?.aborted) throw new UnreachableError(abortedMessage);

  // Host networking: something already answering on the port would be tested instead.
  if (await portAccepts(plan.port)) {
    throw new UsageError(`port ${plan.port} on 127.0.0.1 is already in use: choose a free --container-port`);
  }

  const imageName = tc.ImageName.fromString(plan.image);
  if (!(await client.image.exists(imageName))) {
    try {
      await client.image.pull(imageName, { force: false, platform: undefined });
    } catch (error) {
      throw new UnreachableError(`cannot start ${plan.image}: the image is not on the engine and could not be pulled: ${oneLine(error, secrets)}`);
    }
  }

  const tail = new LogTail();
  const name = `qod-conformance-${randomBytes(4).toString('hex')}`;
  const readiness = new HostReadiness(plan.wait, plan.port, plan.wait.kind === 'log' ? tc.Wait.forLogMessage(plan.wait.text) : undefined);
  // Last line of defence: if the process exits before the teardown ran (something called
  // process.exit on Ctrl-C), remove the container synchronously with the docker client.
  const onExit = () => {
    spawnSync('docker', ['rm', '--force', name], { stdio: 'ignore', timeout: 15_000 });
  };
  process.once('exit', onExit);
  const starting = new tc.GenericContainer(plan.image)
    .withName(name)
    .withNetworkMode('host')
    .withEnvironment(plan.env)
    .withLogConsumer((stream) => tail.follow(stream))
    .withWaitStrategy(readiness)
    .withStartupTimeout(plan.startupTimeoutMs)
    .start();

  const started = await new Promise<Awaited<typeof starting>>((resolve, reject) => {
    const onAbort = () => {
      reject(new UnreachableError(abortedMessage));
      // Whatever stage the start is in: remove the container now, and once more if it still
      // comes up (the engine operations keep the process alive until they are done).
      void removeByName(client, name);
      starting.then((c) => c.stop({ timeout: 0 })).catch(() => {});
    };
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    starting.then(resolve, async (error: unknown) => {
      if (error instanceof NotReadyError) {
        // testcontainers removed it already.
        const last = tail.lastLine(secrets);
        reject(new UnreachableError(`container ${plan.image} ${error.message}${last ? `; its last log line: ${last}` : ''}`));
      } else {
        // e.g. the engine refused to start it: it may exist, created but not running.
        await removeByName(client, name);
        reject(new UnreachableError(`cannot start container ${plan.image}: ${oneLine(error, secrets)}`));
      }
      process.off('exit', onExit);
    });
    void starting.finally(() => opts.signal?.removeEventListener('abort', onAbort)).catch(() => {});
  });

  let stopping: Promise<void> | undefined;
  return {
    image: plan.image,
    name,
    logs: (extra) => tail.text([...secrets, ...extra]),
    stop: () =>
      (stopping ??= started
        .stop({ timeout: 5_000 })
        .then(
          () => undefined,
          () => removeByName(client, name),
        )
        .finally(() => process.off('exit', onExit))),
  };
}

/** false when DOCKER_HOST names a unix socket that does not answer /_ping; true otherwise
 *  (unset, or another scheme: testcontainers checks those itself). */
export function dockerHostAnswers(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Promise<boolean> {
  const host = env.DOCKER_HOST;
  if (!host?.startsWith('unix://')) return Promise.resolve(true);
  return new Promise((resolve) => {
    const req = request({ socketPath: host.slice('unix://'.length), path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

type RuntimeClient = Awaited<ReturnType<(typeof import('testcontainers'))['getContainerRuntimeClient']>>;

async function removeByName(client: RuntimeClient, name: string): Promise<void> {
  try {
    const container = client.container.getById(name);
    await client.container.stop(container, { timeout: 0 }).catch(() => {});
    await client.container.remove(container, { removeVolumes: true });
  } catch {
    // Already gone (or never created).
  }
}

function oneLine(error: unknown, secrets: ReadonlyArray<string>): string {
  const message = firstLine((error as Error)?.message ?? String(error));
  let out = message;
  for (const s of secrets) if (s) out = out.split(s).join('[REDACTED]');
  return out.slice(0, 300);
}
