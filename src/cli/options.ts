// One typed table of the run options: the CLI flags, their QOD_* environment variables, the
// config-file keys and the --help text all come from here.
import { allVersions } from '../config/apis.js';
import { API_IDS, AREAS, DEFAULT_PROPERTY_SESSIONS } from '../config/types.js';

export type OptionKind = 'string' | 'int' | 'bool' | 'list' | 'enum';

export interface OptionDef {
  /** Long flag without dashes, e.g. "base-url". */
  flag: string;
  /** Config-file key (camelCase of the flag). */
  key: string;
  kind: OptionKind;
  description: string;
  valueName?: string;
  choices?: readonly string[];
  /** Secret values are redacted everywhere and never echoed. */
  secret?: boolean;
  /** list only: every flag is one item, not split on commas (in the environment: one per line). */
  wholeItems?: boolean;
}

const apiVersionChoices = [...allVersions(), 'auto'];

export const RUN_OPTIONS: readonly OptionDef[] = [
  {
    flag: 'base-url',
    key: 'baseUrl',
    kind: 'string',
    valueName: 'url',
    description: 'where the QoD operations hang off, e.g. https://api.example.com/quality-on-demand/v1 (default: the built-in reference provider)',
  },
  {
    flag: 'profiles-url',
    key: 'profilesUrl',
    kind: 'string',
    valueName: 'url',
    description: 'where the QoS Profiles operations hang off (derived from --base-url when it ends in /quality-on-demand/vN)',
  },
  {
    flag: 'api',
    key: 'api',
    kind: 'enum',
    choices: API_IDS,
    valueName: 'name',
    description: 'the API to certify: quality-on-demand (default) or qos-provisioning (inferred from --api-version or the base path when not given)',
  },
  {
    flag: 'api-version',
    key: 'apiVersion',
    kind: 'enum',
    choices: apiVersionChoices,
    valueName: 'version',
    description: "the API's version to certify against (default: QoD 1.1.0, QoS Provisioning 0.3.0; auto: detect it)",
  },
  { flag: 'spec', key: 'spec', kind: 'list', valueName: 'file', description: 'an OpenAPI file to use instead of the bundled one (repeatable, e.g. the official CAMARA YAML)' },
  {
    flag: 'dialect',
    key: 'dialect',
    kind: 'string',
    valueName: 'name',
    description: 'operator dialect: camara (default), orange, tmobile: error body shape and code table, extra headers (fixtures/dialects/<name>.json)',
  },
  { flag: 'token', key: 'token', kind: 'string', valueName: 'token', secret: true, description: 'access token for the endpoint' },
  { flag: 'token-file', key: 'tokenFile', kind: 'string', valueName: 'file', description: 'read the access token from a file' },
  { flag: 'token-url', key: 'tokenUrl', kind: 'string', valueName: 'url', description: 'OAuth2 token endpoint (client credentials); the token is renewed shortly before it expires' },
  { flag: 'client-id', key: 'clientId', kind: 'string', valueName: 'id', description: 'OAuth2 client id' },
  { flag: 'client-secret', key: 'clientSecret', kind: 'string', valueName: 'secret', secret: true, description: 'OAuth2 client secret' },
  { flag: 'scope', key: 'scope', kind: 'string', valueName: 'scopes', description: 'OAuth2 scopes to request (space separated)' },
  { flag: 'config', key: 'config', kind: 'string', valueName: 'file', description: 'JSON config file (every flag, plus operator data: tokens, devices, ...)' },
  { flag: 'report-dir', key: 'reportDir', kind: 'string', valueName: 'dir', description: 'where reports go (default ./qod-conformance-report)' },
  { flag: 'suite', key: 'suite', kind: 'list', valueName: 'text', description: 'run only the suite files whose path contains this text (repeatable, e.g. createSession)' },
  { flag: 'check', key: 'check', kind: 'list', valueName: 'id', description: 'run only the check with this ID (repeatable; `qod-conformance checks` lists them)' },
  { flag: 'only', key: 'only', kind: 'list', choices: AREAS, valueName: 'area', description: `run only these areas (${AREAS.join(', ')})` },
  { flag: 'skip', key: 'skip', kind: 'list', choices: AREAS, valueName: 'area', description: 'skip these areas' },
  { flag: 'seed', key: 'seed', kind: 'int', valueName: 'n', description: 'seed for generated cases (default: random, printed in the report)' },
  { flag: 'runs', key: 'runs', kind: 'int', valueName: 'n', description: 'generated cases per property (default 100)' },
  { flag: 'timeout', key: 'timeout', kind: 'int', valueName: 'ms', description: 'per-request timeout in milliseconds (default 10000)' },
  {
    flag: 'notification-timeout',
    key: 'notificationTimeout',
    kind: 'int',
    valueName: 'ms',
    description:
      'how long to wait for a callback or a status change, from the answer that triggered it, and to watch that no unexpected callback comes, in milliseconds (default 5000; test timeouts scale with it)',
  },
  {
    flag: 'concurrency',
    key: 'concurrency',
    kind: 'int',
    valueName: 'n',
    description: 'requests in flight at once, over the whole run (default 16: a remote endpoint is tens to hundreds of ms away, so checks overlap their round trips; lower it for a fragile endpoint)',
  },
  { flag: 'max-rps', key: 'maxRps', kind: 'int', valueName: 'n', description: 'at most this many requests per second (default: unlimited)' },
  {
    flag: 'workers',
    key: 'workers',
    kind: 'int',
    valueName: 'n',
    description: 'suite files run in this many worker processes at once (default: one per CPU, 2 to 4; at most --concurrency); --concurrency and --max-rps are shared among them',
  },
  { flag: 'max-sessions', key: 'maxSessions', kind: 'int', valueName: 'n', description: 'create at most this many sessions in the run (default 1000); checks needing more are skipped' },
  {
    flag: 'property-sessions',
    key: 'propertySessions',
    kind: 'int',
    valueName: 'n',
    description: `sessions the generated cases of one property check may create (default ${DEFAULT_PROPERTY_SESSIONS}); cases that need none keep --runs`,
  },
  {
    flag: 'profile',
    key: 'profile',
    kind: 'enum',
    choices: ['full', 'safe'],
    valueName: 'name',
    description: 'full (default) or safe: for production, no property runs, fewest sessions, no long waits',
  },
  { flag: 'sink-host', key: 'sinkHost', kind: 'string', valueName: 'host', description: 'address the webhook sink binds to (default 127.0.0.1)' },
  { flag: 'sink-port', key: 'sinkPort', kind: 'int', valueName: 'port', description: 'port of the webhook sink (default: a free port)' },
  { flag: 'sink-public-url', key: 'sinkPublicUrl', kind: 'string', valueName: 'url', description: 'URL the endpoint posts callbacks to when it cannot reach the sink directly (a tunnel)' },
  { flag: 'sink-http', key: 'sinkHttp', kind: 'bool', description: 'serve the sink over plain http (for providers that only post http)' },
  { flag: 'fault', key: 'fault', kind: 'list', valueName: 'name', description: 'embedded provider only: break the named rule (repeatable; see `qod-conformance faults`)' },
  {
    flag: 'variant',
    key: 'variant',
    kind: 'list',
    valueName: 'name[=value]',
    description: 'embedded provider only: a conforming behaviour it should show, e.g. provisioning-delay=1000 (repeatable; see `qod-conformance variants`)',
  },
  {
    flag: 'provider-latency',
    key: 'providerLatency',
    kind: 'int',
    valueName: 'ms',
    description: 'embedded provider only: answer every request this many ms late, as a remote endpoint would (its timers are not delayed; the same as --variant latency=MS)',
  },
  {
    flag: 'image',
    key: 'image',
    kind: 'string',
    valueName: 'name[:tag]',
    description: 'start the implementation under test from this container image (needs a Docker engine), run the suites against it, stop it at the end; its logs go into the report',
  },
  {
    flag: 'container-port',
    key: 'containerPort',
    kind: 'int',
    valueName: 'n',
    description: 'with --image: the port it listens on, passed to it as env PORT (host networking: also the port on this machine)',
  },
  { flag: 'env', key: 'env', kind: 'list', wholeItems: true, valueName: 'KEY=VALUE', description: 'with --image: an environment variable for the container (repeatable)' },
  { flag: 'wait-log', key: 'waitLog', kind: 'string', valueName: 'text', description: 'with --image: ready when its log shows this text (default: when --container-port accepts connections)' },
  { flag: 'wait-http', key: 'waitHttp', kind: 'string', valueName: 'path', description: 'with --image: ready when GET <path> on --container-port answers below 500' },
  {
    flag: 'base-path',
    key: 'basePath',
    kind: 'string',
    valueName: 'path',
    description: "with --image and no --base-url: the QoD base path (default: the version's standard one, e.g. /quality-on-demand/v1)",
  },
  { flag: 'insecure', key: 'insecure', kind: 'bool', description: "accept the endpoint's self-signed TLS certificate" },
  { flag: 'verbose', key: 'verbose', kind: 'bool', description: 'print more detail (never secrets)' },
];

export function envName(def: OptionDef): string {
  return `QOD_${def.flag.replace(/-/g, '_').toUpperCase()}`;
}

export function optionByKey(key: string): OptionDef | undefined {
  return RUN_OPTIONS.find((o) => o.key === key);
}
