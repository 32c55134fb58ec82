// The container options (--image, --container-port, --env, --wait-log, --wait-http, --base-path)
// checked and turned into a ContainerPlan; every mistake is a usage error naming the flag.
import type { OptionValues } from '../config/sources.js';
import { UsageError } from '../errors.js';
import { DEFAULT_STARTUP_TIMEOUT_MS, type ContainerPlan, type ContainerWait } from './types.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** undefined without --image; throws when a container flag is given without it. */
export function containerPlanFrom(values: OptionValues, opts: { baseUrlGiven: boolean }): ContainerPlan | undefined {
  const image = str(values.image);
  const given = {
    'container-port': values.containerPort !== undefined,
    env: Array.isArray(values.env) && values.env.length > 0,
    'wait-log': str(values.waitLog) !== undefined,
    'wait-http': str(values.waitHttp) !== undefined,
    'base-path': str(values.basePath) !== undefined,
  };
  if (!image) {
    const stray = Object.entries(given).find(([, on]) => on);
    if (stray) throw new UsageError(`--${stray[0]} only applies with --image`);
    return undefined;
  }
  if (/\s/.test(image) || image.startsWith('-')) throw new UsageError(`--image must be an image name (NAME[:TAG]), got "${image}"`);

  const port = values.containerPort;
  if (port === undefined) {
    throw new UsageError('--image needs --container-port N: the port the implementation listens on inside the container (passed to it as env PORT)');
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--container-port must be a port number 1..65535, got ${String(port)}`);
  }

  const env: Record<string, string> = {};
  for (const pair of Array.isArray(values.env) ? values.env : []) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : '';
    if (!ENV_NAME.test(key)) throw new UsageError(`--env must be KEY=VALUE with KEY a variable name, got "${pair.split('=')[0]}${eq > 0 ? '=…' : ''}"`);
    env[key] = pair.slice(eq + 1);
  }
  if (env.PORT !== undefined && env.PORT !== String(port)) {
    throw new UsageError(`--env PORT=${env.PORT} contradicts --container-port ${port} (PORT is set from --container-port)`);
  }
  env.PORT = String(port);

  const waitLog = str(values.waitLog);
  const waitHttp = str(values.waitHttp);
  if (waitLog && waitHttp) throw new UsageError('give one of --wait-log and --wait-http, not both');
  if (waitHttp && !waitHttp.startsWith('/')) throw new UsageError(`--wait-http must be a path starting with "/", got "${waitHttp}"`);
  const wait: ContainerWait = waitLog ? { kind: 'log', text: waitLog } : waitHttp ? { kind: 'http', path: waitHttp } : { kind: 'port' };

  const basePath = str(values.basePath);
  if (basePath) {
    if (opts.baseUrlGiven) throw new UsageError('--base-path applies only without --base-url (with --base-url, the URL names the path)');
    if (!basePath.startsWith('/') || /[\s?#]/.test(basePath)) throw new UsageError(`--base-path must be a path like /quality-on-demand/v1, got "${basePath}"`);
  }

  return { image, port, env, wait, basePath: basePath?.replace(/\/+$/, ''), startupTimeoutMs: DEFAULT_STARTUP_TIMEOUT_MS };
}

/** The base URL of a container run without --base-url: host networking, so 127.0.0.1:<port>. */
export function containerBaseUrl(plan: ContainerPlan, standardBasePath: string): string {
  return `http://127.0.0.1:${plan.port}${plan.basePath ?? standardBasePath}`;
}
