// When is the container ready? Host networking means testcontainers' port-mapping strategies
// (forListeningPorts, forHttp) have no bindings to look at, so the port and HTTP checks probe
// 127.0.0.1:<port> themselves; the log check is testcontainers' own (Wait.forLogMessage). All
// three stop at once when the container exits, and say why they gave up.
import { connect } from 'node:net';
import type { BoundPorts, WaitStrategy } from 'testcontainers';
import type { ContainerWait } from './types.js';

type DockerContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

const POLL_MS = 200;

/** Why the wait gave up; the caller words the one-line message. */
export class NotReadyError extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'NotReadyError';
  }
}

export function describeWait(wait: ContainerWait, port: number): string {
  switch (wait.kind) {
    case 'log':
      return `log text ${JSON.stringify(wait.text)}`;
    case 'http':
      return `GET http://127.0.0.1:${port}${wait.path} answering below 500`;
    case 'port':
      return `127.0.0.1:${port} accepting connections`;
  }
}

export class HostReadiness implements WaitStrategy {
  private timeoutMs = 60_000;
  private timeoutSet = false;
  private lastProbe = '';

  constructor(
    private readonly wait: ContainerWait,
    private readonly port: number,
    /** testcontainers' log strategy (for --wait-log); created by the caller from Wait.forLogMessage. */
    private readonly logStrategy?: WaitStrategy,
  ) {}

  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }

  async waitUntilReady(container: DockerContainer, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    try {
      if (this.wait.kind === 'log') {
        await this.logStrategy!.withStartupTimeout(this.timeoutMs).waitUntilReady(container, boundPorts, startTime);
      } else {
        await this.poll(container);
      }
    } catch (error) {
      const exited = await exitCodeOf(container);
      if (exited !== undefined) throw new NotReadyError(`exited with code ${exited} before it was ready`, exited);
      if (error instanceof NotReadyError) throw error;
      throw new NotReadyError(`was not ready after ${Math.round(this.timeoutMs / 1000)} s (waited for ${describeWait(this.wait, this.port)})`);
    }
  }

  private async poll(container: DockerContainer): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (await this.probe()) return;
      const exited = await exitCodeOf(container);
      if (exited !== undefined) throw new NotReadyError(`exited with code ${exited} before it was ready`, exited);
      if (Date.now() >= deadline) {
        const last = this.lastProbe ? `; last try: ${this.lastProbe}` : '';
        throw new NotReadyError(`was not ready after ${Math.round(this.timeoutMs / 1000)} s (waited for ${describeWait(this.wait, this.port)}${last})`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async probe(): Promise<boolean> {
    if (this.wait.kind === 'http') {
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}${this.wait.path}`, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
        await res.body?.cancel();
        this.lastProbe = `HTTP ${res.status}`;
        return res.status < 500;
      } catch (error) {
        this.lastProbe = causeCode(error);
        return false;
      }
    }
    const open = await portAccepts(this.port);
    this.lastProbe = open ? '' : 'connection refused';
    return open;
  }
}

/** The exit code when the container is no longer running; undefined while it runs (or is gone). */
async function exitCodeOf(container: DockerContainer): Promise<number | undefined> {
  try {
    const info = await container.inspect();
    return info.State.Running || info.State.Restarting ? undefined : info.State.ExitCode;
  } catch {
    return undefined;
  }
}

export function portAccepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'no answer';
}
