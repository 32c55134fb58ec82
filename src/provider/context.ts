// What every operation handler gets: the provider's parts, the parsed request, and the result shape;
// and what a QoD version changes (VersionStrategy, one module per version in versions/). The types
// refer to each other, so they live in this one leaf module.
import type { Dialect } from '../dialects/types.js';
import type { LoadedSpec, SpecValidators } from '../spec/types.js';
import type { ProvisioningRules } from '../versions/provisioning-rules.js';
import type { AssignmentStore } from './assignments.js';
import type { Caller, TokenAuthority } from './auth.js';
import type { DeviceDirectory } from './devices.js';
import type { FaultSet } from './faults.js';
import type { ProviderFixtures } from './fixtures.js';
import type { Notifier, NotifierOptions, ProviderStats } from './notifier.js';
import type { ProfileCatalog } from './profiles.js';
import type { SessionStore } from './sessions.js';
import type { VariantSet } from './variants.js';
import type { ApiVersion } from '../config/types.js';
import type { OperationSpec } from '../spec/types.js';

export interface ProviderContext {
  strategy: VersionStrategy;
  spec: LoadedSpec;
  validators: SpecValidators;
  faults: FaultSet;
  /** Conforming variants in effect (variants.ts). */
  variants: VariantSet;
  fixtures: ProviderFixtures;
  auth: TokenAuthority;
  devices: DeviceDirectory;
  profiles: ProfileCatalog;
  sessions: SessionStore;
  /** QoS Provisioning: the rules of the bundle's provisioning version (undefined: the bundle has none). */
  provisioning?: ProvisioningRules;
  /** QoS assignments, keyed by the same device ids as the sessions. */
  assignments: AssignmentStore;
  /** The device resolution of the provisioning operations: the same devices, with the provisioning device faults. */
  provisioningDevices: DeviceDirectory;
  notifier: Notifier;
  stats: ProviderStats;
  /** Operator dialect the provider speaks (error bodies); undefined = camara. */
  dialect?: Dialect;
}

export interface ApiRequest {
  operationId: string;
  params: Record<string, string>;
  caller: Caller;
  /** Parsed and schema-checked JSON body (undefined for operations without one). */
  body: unknown;
  /** Query parameters (first value of each), e.g. GET /qos-profiles?status=ACTIVE in 0.10.1. */
  query?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  /** JSON body; undefined: no body (204). */
  body?: unknown;
}

export interface OperationHandler {
  /** Rules that must win over schema validation (runs on the parsed body before it). */
  precheck?(ctx: ProviderContext, body: unknown): void;
  handle(ctx: ProviderContext, req: ApiRequest): ApiResult;
}

/**
 * What differs between QoD versions, as data plus the few hooks where behaviour really differs.
 * 1.1.0 is the reference implementation (handlers/); every other version is one module in
 * versions/ that names its base paths and event type and, where needed, replaces or wraps handlers.
 */
export interface VersionStrategy {
  apiVersion: ApiVersion;
  /** Path of the QoD API below the origin. */
  qodBasePath: string;
  /** Path of the QoS Profiles API below the origin. */
  profilesBasePath: string;
  /** Path of the QoS Provisioning API of the bundle below the origin (undefined: the bundle has none). */
  provisioningBasePath?: string;
  /** CloudEvent `type` of the status-change notification. */
  eventType: string;
  /** sinkCredential types the provider can use; the others give `unusableCredentialCode`. */
  usableCredentialTypes: readonly string[];
  unusableCredentialCode: string;
  /** Handlers replacing (or adding to) the 1.1.0 ones, by operationId. */
  handlers?: Readonly<Record<string, OperationHandler>>;
  /** Scope check of the version (default: every scope the operation's security lists). */
  checkScopes?(ctx: ProviderContext, caller: Caller, operation: OperationSpec): void;
  /** Builds the notifier (default: CloudEvents posted to the sink). */
  createNotifier?(options: NotifierOptions): Notifier;
}
