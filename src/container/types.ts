// What a run needs to start the implementation under test from a container image (--image).

export type ContainerWait =
  /** Ready when --container-port accepts TCP connections on 127.0.0.1 (the default). */
  | { kind: 'port' }
  /** Ready when the container's log (stdout or stderr) shows this text. */
  | { kind: 'log'; text: string }
  /** Ready when GET <path> on 127.0.0.1:<port> answers with a status below 500. */
  | { kind: 'http'; path: string };

export interface ContainerPlan {
  /** NAME[:TAG], as given. */
  image: string;
  /** The port the implementation listens on; host networking, so also the port on this host. */
  port: number;
  /** Environment of the container: the --env pairs plus PORT. */
  env: Record<string, string>;
  wait: ContainerWait;
  /** QoD base path when --base-url is not given (default: the version's standard path). */
  basePath?: string;
  /** How long the container may take to become ready. */
  startupTimeoutMs: number;
}

/** Startup wait of a container before the run gives up (exit 3). */
export const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

/** Lines of the container's log kept for the report. */
export const LOG_TAIL_LINES = 200;
