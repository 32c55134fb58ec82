// The reference provider: a stateful, spec-faithful QoD + QoS Profiles implementation. It is the
// default target of the suite, runs standalone (`qod-conformance serve`), and has named fault
// switches (faults.ts) that each break one rule.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiVersion } from '../config/types.js';
import { loadDialect } from '../dialects/load.js';
import { loadSpec } from '../spec/load.js';
import type { LoadedSpec } from '../spec/types.js';
import { createValidators } from '../spec/validators.js';
import { TokenAuthority } from './auth.js';
import type { ProviderContext } from './context.js';
import { DeviceDirectory } from './devices.js';
import { parseFaults } from './faults.js';
import { loadFixtures, type ProviderFixtures } from './fixtures.js';
import { Notifier, type ProviderStats } from './notifier.js';
import { ProfileCatalog } from './profiles.js';
import { createRequestListener } from './server.js';
import { SessionStore } from './sessions.js';
import { TOKEN_PATH } from './token-endpoint.js';
import { versionStrategy } from './versions/index.js';

export { FAULTS, FAULT_NAMES, type FaultInfo, type FaultName } from './faults.js';
export type { ProviderFixtures } from './fixtures.js';
export type { ProviderStats } from './notifier.js';

/** Seconds an UNAVAILABLE session stays readable (the spec's "at earliest 360 seconds"). */
export const DEFAULT_RETENTION_MS = 360_000;

export interface ProviderOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 1.1.0; every version of API_VERSIONS is implemented (versions/). */
  apiVersion?: ApiVersion;
  /** Fault names (see FAULTS); an unknown name throws (code QOD_UNKNOWN_FAULT). */
  faults?: string[];
  /** Fixture file path or parsed object; default fixtures/embedded.json of this package. */
  fixtures?: string | ProviderFixtures;
  /** Delay between REQUESTED and AVAILABLE; default 0 (the create answer is already AVAILABLE). */
  availabilityDelayMs?: number;
  /** How long an UNAVAILABLE session stays readable; default 360 s. */
  retentionMs?: number;
  /** PEM of a CA to trust for sinks (e.g. the suite's self-signed sink certificate). */
  sinkCa?: string;
  /** Post to sinks without verifying their certificate. */
  insecureSinkTls?: boolean;
  /** Spec documents to load instead of the bundled ones. */
  specFiles?: string[];
  /** The spec the caller already loaded for this version and files (a run does): not loaded again. */
  spec?: LoadedSpec;
  /** Operator dialect of the error bodies (fixtures/dialects/<name>.json); default camara. */
  dialect?: string;
  /** Lifetime of tokens from the token endpoint in seconds; default 3600 (short ones test renewal). */
  tokenLifetimeS?: number;
}

export interface RunningProvider {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  /** `<origin>/quality-on-demand/v1` */
  baseUrl: string;
  /** `<origin>/qos-profiles/v1` */
  profilesUrl: string;
  /** `<origin>/oauth/token` (client credentials). */
  tokenUrl: string;
  fixtures: ProviderFixtures;
  /** Session resources currently held, whatever their status (0 once every session is gone). */
  liveSessionCount(): number;
  stats(): ProviderStats;
  close(): Promise<void>;
}

export async function startProvider(opts: ProviderOptions = {}): Promise<RunningProvider> {
  const faults = parseFaults(opts.faults); // first: a typo must fail before anything starts
  const strategy = versionStrategy(opts.apiVersion ?? '1.1.0');
  const dialect = loadDialect(opts.dialect ?? 'camara');
  const fixtures = loadFixtures(opts.fixtures);
  const spec = opts.spec ?? (await loadSpec({ version: strategy.apiVersion, files: opts.specFiles }));
  const validators = createValidators(spec);
  const allScopes = [...new Set(Object.values(spec.operations).flatMap((op) => op.scopes))];
  const stats: ProviderStats = { created: 0, deleted: 0, notificationsSent: 0, notificationsFailed: 0 };

  const notifierOptions = { eventType: strategy.eventType, sinkCa: opts.sinkCa, insecureSinkTls: opts.insecureSinkTls, faults, stats };
  // 0.8.1 posts plain JSON to notificationUrl + /notifications; the other versions CloudEvents.
  const notifier = strategy.createNotifier ? strategy.createNotifier(notifierOptions) : new Notifier(notifierOptions);
  const sessions = new SessionStore({
    availabilityDelayMs: opts.availabilityDelayMs ?? 0,
    retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
    expires: !faults.has('no-expiry'),
    onStatusChange: (session, status, statusInfo) => {
      if (session.sink) {
        notifier.notify({ sessionId: session.id, sink: session.sink, sinkCredential: session.sinkCredential }, status, statusInfo);
      }
    },
  });
  const ctx: ProviderContext = {
    strategy,
    spec,
    validators,
    faults,
    fixtures,
    auth: new TokenAuthority(fixtures.provider, allScopes, faults, fixtures.tokens.default, opts.tokenLifetimeS),
    devices: new DeviceDirectory(fixtures.provider.devices, fixtures.unsupportedIdentifiers ?? [], faults),
    profiles: new ProfileCatalog(fixtures.provider.qosProfiles, faults),
    sessions,
    notifier,
    stats,
    dialect,
  };

  const server = createServer(createRequestListener(ctx));
  await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const { address, port } = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; a URL with 0.0.0.0 in it is not usable everywhere.
  const reachable = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;
  const url = `http://${host}:${port}`;
  const baseUrl = url + strategy.qodBasePath;
  notifier.source = baseUrl;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl,
    profilesUrl: url + strategy.profilesBasePath,
    tokenUrl: url + TOKEN_PATH,
    fixtures,
    liveSessionCount: () => sessions.size,
    stats: () => ({ ...stats }),
    close: () =>
      (closing ??= (async () => {
        sessions.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await notifier.close();
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
