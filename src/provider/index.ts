// The reference provider: a stateful, spec-faithful QoD + QoS Profiles (+ QoS Provisioning, in the bundles that have it) implementation. It is the
// default target of the suite, runs standalone (`qod-conformance serve`), and has named fault
// switches (faults.ts) that each break one rule.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiVersion } from '../config/types.js';
import { checkServedPair, loadDialect } from '../dialects/load.js';
import { cachedSpec, validatorsOf } from '../spec/cache.js';
import type { LoadedSpec } from '../spec/types.js';
import { TokenAuthority } from './auth.js';
import { provisioningRulesForBundle } from '../versions/provisioning-rules.js';
import { AssignmentStore } from './assignments.js';
import { BusyNeighbour, NEIGHBOUR_CLIENT_ID } from './busy-neighbour.js';
import type { ProviderContext } from './context.js';
import { DeviceDirectory } from './devices.js';
import { FaultSet, parseFaults } from './faults.js';
import { loadFixtures, type ProviderFixtures } from './fixtures.js';
import { Notifier, type ProviderStats } from './notifier.js';
import { ProfileCatalog, toSeconds } from './profiles.js';
import { PROVISIONING_DEVICE_FAULTS } from './provisioning-faults.js';
import { notifyAssignment } from './provisioning-events.js';
import { createRequestListener, type RequestListener } from './server.js';
import { SessionStore } from './sessions.js';
import { instantStyle, withGateway } from './gateway.js';
import { TOKEN_PATH } from './token-endpoint.js';
import { parseVariants, type VariantSet } from './variants.js';
import { versionStrategy } from './versions/index.js';

export { FAULTS, FAULT_NAMES, type FaultInfo, type FaultName } from './faults.js';
export type { ProviderFixtures } from './fixtures.js';
export type { ProviderStats } from './notifier.js';
export { VARIANTS, VARIANT_NAMES, type VariantInfo, type VariantName } from './variants.js';

/** How long an UNAVAILABLE session or QoS assignment stays readable (both specs: at least 360 seconds). */
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
  /** Conforming variants, `name` or `name=value` (see VARIANTS); an unknown one throws (code QOD_INVALID_VARIANT). */
  variants?: string[];
  /** Fixture file path or parsed object; default fixtures/embedded.json of this package. */
  fixtures?: string | ProviderFixtures;
  /** Delay between REQUESTED and AVAILABLE of sessions and QoS assignments; default 0 (the create answer is already AVAILABLE); variant provisioning-delay sets it too. */
  availabilityDelayMs?: number;
  /** How long an UNAVAILABLE session or assignment (a revoked one too) stays readable; default 360 s. */
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
  /** `<origin>/qos-provisioning/v0.3` (the bundle's QoS Provisioning API), when the version's bundle has one. */
  provisioningUrl?: string;
  fixtures: ProviderFixtures;
  /** The variants in effect as given (`name` or `name=value`). */
  variants: string[];
  /** Session resources currently held, whatever their status (0 once every session is gone). */
  liveSessionCount(): number;
  /** QoS assignments currently held and not revoked (0 once every one the run created is revoked). */
  liveAssignmentCount(): number;
  stats(): ProviderStats;
  close(): Promise<void>;
}

export async function startProvider(opts: ProviderOptions = {}): Promise<RunningProvider> {
  const faults = parseFaults(opts.faults); // first: a typo must fail before anything starts
  const variants = parseVariants(opts.variants, opts.apiVersion ?? '1.1.0');
  const strategy = versionStrategy(opts.apiVersion ?? '1.1.0');
  const dialect = loadDialect(opts.dialect ?? 'camara');
  checkServedPair(dialect, strategy.apiVersion);
  const fixtures = withVariantFixtures(loadFixtures(opts.fixtures), variants);
  const spec = opts.spec ?? (await cachedSpec({ version: strategy.apiVersion, files: opts.specFiles }));
  const validators = validatorsOf(spec);
  const allScopes = [...new Set(Object.values(spec.operations).flatMap((op) => op.scopes))];
  const stats: ProviderStats = { created: 0, deleted: 0, notificationsSent: 0, notificationsFailed: 0 };

  const schedule = { delayMs: variants.value('late-callbacks') ?? 0, swapWindowMs: variants.has('swapped-events') ? SWAP_WINDOW_MS : 0 };
  const notifierOptions = {
    eventType: strategy.eventType,
    sinkCa: opts.sinkCa,
    insecureSinkTls: opts.insecureSinkTls,
    faults,
    stats,
    schedule,
    delivery: {
      timeStyle: instantStyle(variants),
      duplicate: variants.has('duplicate-events'),
      extensions: variants.has('event-extensions'),
      charset: variants.has('charset-param'),
      minimal: variants.has('event-minimal'),
    },
  };
  // 0.8.1 posts plain JSON to notificationUrl + /notifications; the other versions CloudEvents.
  const notifier = strategy.createNotifier ? strategy.createNotifier(notifierOptions) : new Notifier(notifierOptions);
  const sessions = new SessionStore({
    availabilityDelayMs: variants.value('provisioning-delay') ?? opts.availabilityDelayMs ?? 0,
    retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
    expires: !faults.has('no-expiry'),
    purgeExpired: variants.has('purge-expired'),
    onStatusChange: (session, status, statusInfo) => {
      if (session.sink) {
        notifier.notify({ sessionId: session.id, sink: session.sink, sinkCredential: session.sinkCredential }, status, statusInfo);
      }
    },
  });
  const provisioning = strategy.provisioningBasePath ? provisioningRulesForBundle(strategy.apiVersion) : undefined;
  let provisioningBaseUrl = '';
  const assignments = new AssignmentStore({
    availabilityDelayMs: variants.value('provisioning-delay') ?? opts.availabilityDelayMs ?? 0,
    retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
    revokeDelayMs: variants.value('async-revoke') ?? 0,
    keepRevoked: !variants.has('revoke-purges'),
    networkEndsAfterMs: variants.value('network-terminates'),
    onStatusChange: (assignment, status, statusInfo) => {
      if (provisioning) {
        const target = { notifier, rules: provisioning, faults, baseUrl: () => provisioningBaseUrl, statusOnly: variants.has('event-status-only') };
        notifyAssignment(target, assignment, status, statusInfo);
      }
    },
  });
  const unsupportedIdentifiers = fixtures.unsupportedIdentifiers ?? [];
  const ctx: ProviderContext = {
    strategy,
    spec,
    validators,
    faults,
    variants,
    fixtures,
    auth: new TokenAuthority(fixtures.provider, allScopes, faults, fixtures.tokens.default, opts.tokenLifetimeS),
    devices: new DeviceDirectory(fixtures.provider.devices, unsupportedIdentifiers, faults),
    profiles: new ProfileCatalog(fixtures.provider.qosProfiles, faults),
    sessions,
    provisioning,
    assignments,
    // One device state: the same devices, resolved with the provisioning faults of the same rules.
    provisioningDevices: new DeviceDirectory(fixtures.provider.devices, unsupportedIdentifiers, provisioningDeviceFaults(faults)),
    notifier,
    stats,
    dialect,
  };

  const gateway = withGateway(createRequestListener(ctx), variants, (path) => path === TOKEN_PATH);
  const server = createServer(withLatency(gateway, variants.value('latency') ?? 0));
  const neighbourHoldMs = variants.value('busy-devices');
  const neighbour =
    neighbourHoldMs === undefined
      ? undefined
      : new BusyNeighbour({
          sessions,
          deviceIds: fixtures.provider.devices.filter((d) => d.serviceApplicable !== false).map((d) => d.id),
          holdMs: neighbourHoldMs,
          qosProfile: fixtures.qosProfiles.valid ?? fixtures.provider.qosProfiles[0]!.profile.name,
          applicationServer: fixtures.applicationServer ?? { ipv4Address: '198.51.100.10' },
        });
  await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const { address, port } = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; a URL with 0.0.0.0 in it is not usable everywhere.
  const reachable = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;
  const url = `http://${host}:${port}`;
  const baseUrl = url + strategy.qodBasePath;
  notifier.source = baseUrl;
  if (strategy.provisioningBasePath && provisioning) provisioningBaseUrl = url + strategy.provisioningBasePath;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl,
    profilesUrl: url + strategy.profilesBasePath,
    tokenUrl: url + TOKEN_PATH,
    ...(provisioningBaseUrl ? { provisioningUrl: provisioningBaseUrl } : {}),
    fixtures,
    // The simulated neighbour's sessions (variant busy-devices) are not the run's.
    liveSessionCount: () => sessions.list().filter((s) => s.clientId !== NEIGHBOUR_CLIENT_ID).length,
    liveAssignmentCount: () => assignments.list().filter((a) => !a.revoked).length,
    variants: variants.list(),
    stats: () => ({ ...stats }),
    close: () =>
      (closing ??= (async () => {
        neighbour?.close();
        sessions.close();
        assignments.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await notifier.close();
      })()),
  };
}

/** The device faults the provisioning faults switch on, for the provisioning device resolution only. */
function provisioningDeviceFaults(faults: FaultSet): FaultSet {
  return new FaultSet(Object.entries(PROVISIONING_DEVICE_FAULTS).flatMap(([own, shared]) => (faults.has(own as keyof typeof PROVISIONING_DEVICE_FAULTS) ? [shared] : [])));
}

/** How long an event waits for a later one of its session to overtake it (variant swapped-events). */
const SWAP_WINDOW_MS = 1000;

/** Variant latency: each request is answered `ms` later; the provider's timers run unchanged. */
function withLatency(listener: RequestListener, ms: number): RequestListener {
  if (ms <= 0) return listener;
  return (req, res) => {
    setTimeout(() => listener(req, res), ms);
  };
}

/**
 * Variant high-min-duration: the profile the suite creates sessions with (qosProfiles.valid) gets
 * that minDuration; its maxDuration is raised when it would not stay above it. Variants
 * profile-no-limits and profile-units restate the profiles' limits (none; other units).
 */
function withVariantFixtures(fixtures: ProviderFixtures, variants: VariantSet): ProviderFixtures {
  const minS = variants.value('high-min-duration');
  const name = fixtures.qosProfiles.valid;
  for (const entry of fixtures.provider.qosProfiles) {
    // profile-no-limits: the valid profile states no limits; profile-units: every stated limit in other units.
    if (variants.has('profile-no-limits') && entry.profile.name === name) {
      delete entry.profile.minDuration;
      delete entry.profile.maxDuration;
    }
    if (variants.has('profile-units')) {
      const { minDuration: min, maxDuration: max } = entry.profile;
      if (min && toSeconds(min) === 1) entry.profile.minDuration = { value: 1000, unit: 'Milliseconds' };
      if (max && toSeconds(max) === 86_400) entry.profile.maxDuration = { value: 1, unit: 'Days' };
    }
  }
  if (minS === undefined || name === undefined) return fixtures;
  for (const entry of fixtures.provider.qosProfiles) {
    if (entry.profile.name !== name) continue;
    entry.profile.minDuration = { value: minS, unit: 'Seconds' };
    const max = entry.profile.maxDuration;
    if (!max || toSeconds(max) <= minS) entry.profile.maxDuration = { value: Math.max(86_400, minS * 2), unit: 'Seconds' };
  }
  return fixtures;
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
