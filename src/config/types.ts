// The resolved run configuration: built once in the CLI process, then handed to every suite
// through vitest's provide/inject. It must survive structuredClone (plain data only).

export const API_VERSIONS = ['0.8.1', '0.10.1', '0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = '1.1.0';
/** The APIs the tool certifies (src/config/apis.ts describes them). */
export const API_IDS = ['quality-on-demand', 'qos-provisioning'] as const;
export type ApiId = (typeof API_IDS)[number];
export const DEFAULT_API: ApiId = 'quality-on-demand';
/** Sessions one property check's generated cases may create unless --property-sessions says otherwise:
 *  each accepted case is a real session on the network (issue 17: sessions are the real cost). */
export const DEFAULT_PROPERTY_SESSIONS = 5;

/** Report areas: every check belongs to exactly one. */
export const AREAS = ['lifecycle', 'validation', 'duration', 'ports', 'devices', 'notifications', 'auth', 'profiles', 'headers'] as const;
export type Area = (typeof AREAS)[number];

export type RunProfile = 'full' | 'safe';

/** A CAMARA device object (1.x shape; older versions are mapped by the version layer). */
export interface DeviceId {
  phoneNumber?: string;
  networkAccessIdentifier?: string;
  ipv4Address?: { publicAddress: string; privateAddress?: string; publicPort?: number };
  ipv6Address?: string;
}

export interface ApplicationServerId {
  ipv4Address?: string;
  ipv6Address?: string;
}

/** Tokens the scenarios need; only `default` is needed by most checks. */
export interface TokenSet {
  default?: string;
  secondClient?: string;
  expired?: string;
  missingScope?: string;
  threeLegged?: string;
  /** A 3-legged token of the same kind without the operation scopes (0.10.1: qod-sessions-*). */
  threeLeggedNoScope?: string;
  /** A token of a client with a low request threshold (the 429 scenarios reach it on purpose). */
  rateLimited?: string;
}

export interface DeviceSet {
  known?: DeviceId;
  second?: DeviceId;
  pool?: DeviceId[];
  unknown?: DeviceId;
  unsupported?: DeviceId;
  /** A device that may use the device-restricted profile `qosProfiles.restricted`. */
  eligibleForRestricted?: DeviceId;
}

/** A QoS profile's duration limits as agreed with the operator, in seconds. */
export interface AgreedProfile {
  minDuration?: number;
  maxDuration?: number;
}

/** Operator data: what only the operator knows. A missing key makes the checks needing it skip. */
export interface OperatorData {
  tokens: TokenSet;
  devices: DeviceSet;
  threeLeggedDevice?: DeviceId;
  applicationServer?: ApplicationServerId;
  /**
   * `restricted`: a profile offered only to some devices (listed only with a matching device filter).
   * `agreed`: the duration limits (seconds) of profiles agreed during onboarding, used when the
   * profiles API cannot tell them (QoD lets profiles be agreed instead of retrieved).
   */
  qosProfiles: { valid?: string; notApplicable?: string; restricted?: string; agreed?: Record<string, AgreedProfile> };
  /** false: the endpoint offers no QoS Profiles API (optional in QoD): its checks do not apply. */
  profilesApi?: boolean;
  /** Device identifier types the endpoint does not support (CAMARA tester input). */
  unsupportedIdentifiers?: Array<keyof DeviceId>;
  /** true: the run's API client has a PRIVATE_KEY_JWT key set agreed with the operator (QoS
   *  Provisioning 0.4.0-rc.1); absent: it has none, as scenario 422.2 presumes. */
  privateKeyJwt?: boolean;
}

/** Where the suites reach the webhook sink that runs in the CLI process. */
export interface SinkAccess {
  /** Base URL the provider under test posts to; a test appends its own path. */
  publicUrl: string;
  /** Loopback URL of the sink's control API (read what arrived). */
  controlUrl: string;
  /** Secret for the control API. */
  controlToken: string;
  /** true when the sink speaks plain http (--sink-http). */
  http: boolean;
  /** PEM of the sink's self-signed certificate, so the control client can trust it (https only). */
  caCertPem?: string;
}

export interface RunConfig {
  toolVersion: string;
  /** The API under test. */
  api: ApiId;
  /** The spec bundle, named by its QoD release (a QoS Provisioning version is in the bundle of the QoD release it shipped with). */
  apiVersion: ApiVersion;
  dialect: string;
  /** Where the QoD operations hang off (no trailing slash). */
  baseUrl: string;
  /** Where the QoS Profiles operations hang off; absent when it cannot be derived. */
  profilesUrl?: string;
  /** Why profilesUrl is absent (shown as the skip reason). */
  profilesUrlMissingReason?: string;
  /** true when the run targets the built-in reference provider. */
  embedded: boolean;
  /** Spec documents in use (absolute paths). */
  specFiles: string[];
  operator: OperatorData;
  sink?: SinkAccess;
  seed: number;
  runs: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Bounded wait for callbacks. */
  notificationTimeoutMs: number;
  /** Requests in flight at once, run-wide (shared among the workers). */
  concurrency: number;
  /** Requests per second, run-wide (shared among the workers); 0 = unlimited. */
  maxRps: number;
  maxSessions: number;
  /** Most sessions the generated cases of one property check may create (--property-sessions). */
  propertySessions: number;
  /** Worker processes running suite files at once (at most `concurrency`). */
  workers: number;
  insecure: boolean;
  verbose: boolean;
  profile: RunProfile;
  areas: Area[];
  /** --check: run only the checks with these registry IDs (empty: every check). */
  checks: string[];
  reportDir: string;
  /** Ledger of sessions this run created (JSON lines), for the cleanup guarantee. */
  ledgerFile: string;
  /** Every secret value of the run, for redaction in evidence and reports. */
  secrets: string[];
  /** false: the HTTP exchanges and callbacks are not attached to the tests (a self-test batch
   *  that reads only outcomes, src/runner/batch.ts). Verdicts and failures do not depend on them. */
  exchangeEvidence?: boolean;
}

// Typed inject('qodConfig') in suites.
import type {} from 'vitest';
declare module 'vitest' {
  export interface ProvidedContext {
    qodConfig: RunConfig;
    /** Several runs served by one vitest instance (src/runner/batch.ts), by run id. */
    qodRuns?: Record<string, RunConfig>;
  }
}
