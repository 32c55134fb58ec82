// What every operation handler gets: the provider's parts, the parsed request, and the result shape.
import type { Dialect } from '../dialects/types.js';
import type { LoadedSpec, SpecValidators } from '../spec/types.js';
import type { Caller, TokenAuthority } from './auth.js';
import type { DeviceDirectory } from './devices.js';
import type { FaultSet } from './faults.js';
import type { ProviderFixtures } from './fixtures.js';
import type { Notifier, ProviderStats } from './notifier.js';
import type { ProfileCatalog } from './profiles.js';
import type { SessionStore } from './sessions.js';
import type { VariantSet } from './variants.js';
import type { VersionStrategy } from './versions/index.js';

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
