// What the suites must know about each QoD version beyond the schemas: prose rules of the spec
// (facts from ../shared/camara/VERSIONS.md). Schema constraints are NOT repeated here: they come
// from the loaded OpenAPI documents.
import type { ApiVersion } from '../config/types.js';

export interface VersionRules {
  version: ApiVersion;
  /** CAMARA release the version shipped in. */
  release: string;
  /** CloudEvent `type` of the status-change event (undefined: plain JSON events, 0.8.1). */
  eventType?: string;
  /** Is `duration` required in createSession? (0.8.1/0.10.1: optional with a default). */
  durationRequired: boolean;
  /** Default duration when absent (0.8.1/0.10.1). */
  durationDefault?: number;
  /** Lowest valid port (0 up to 1.1.0, 1 from 1.2.0-rc.3). */
  portMin: number;
  /** Sinks must be https (schema pattern from 1.1.0). */
  sinkMustBeHttps: boolean;
  /** Field holding the session id in SessionInfo. */
  sessionIdField: 'sessionId' | 'id';
  /** startedAt/expiresAt: RFC 3339 strings (0.11.1+) or epoch seconds (0.8.1/0.10.1). */
  timesAreEpochSeconds: boolean;
  hasExtend: boolean;
  hasRetrieveSessions: boolean;
  /** How QoS profiles are listed. */
  profilesListOperation?: 'retrieveQoSProfiles' | 'getQosProfiles';
  /** x-correlator header exists in this version. */
  hasXCorrelator: boolean;
  /** 2-legged: device MUST be sent; 3-legged: MUST NOT (1.0.0+). */
  strictDeviceTokenRule: boolean;
  /** From 1.1.0: several identifiers → the provider picks one and echoes exactly one. */
  echoesSingleIdentifier: boolean;
  /** Extension cap: profile maxDuration on the total (0.11.1+) or remaining 86400 s (0.10.1). */
  extendCap: 'profile-max-total' | 'remaining-86400' | 'none';
  /** Extending a non-AVAILABLE session: 409 (0.11.1+) or 400 (0.10.1). */
  extendNotAvailableStatus: number;
  /** 1.2.0-rc.3: unknown body properties must be 400 (prose rule). */
  strictUnknownProperties: boolean;
  /** 1.2.0-rc.3: a 201 may already be UNAVAILABLE. */
  createMayBeUnavailable: boolean;
}

const v1Common = {
  durationRequired: true,
  sinkMustBeHttps: false,
  sessionIdField: 'sessionId',
  timesAreEpochSeconds: false,
  hasExtend: true,
  hasRetrieveSessions: true,
  profilesListOperation: 'retrieveQoSProfiles',
  hasXCorrelator: true,
  strictDeviceTokenRule: true,
  echoesSingleIdentifier: false,
  extendCap: 'profile-max-total',
  extendNotAvailableStatus: 409,
  strictUnknownProperties: false,
  createMayBeUnavailable: false,
  portMin: 0,
  eventType: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
} as const;

const RULES: Record<ApiVersion, VersionRules> = {
  '0.8.1': {
    ...v1Common,
    version: '0.8.1',
    release: 'v0.8.1',
    eventType: undefined,
    durationRequired: false,
    durationDefault: 86400,
    sessionIdField: 'id',
    timesAreEpochSeconds: true,
    hasExtend: false,
    hasRetrieveSessions: false,
    profilesListOperation: undefined,
    hasXCorrelator: false,
    strictDeviceTokenRule: false,
    extendCap: 'none',
  },
  '0.10.1': {
    ...v1Common,
    version: '0.10.1',
    release: 'v0.10.1',
    eventType: 'org.camaraproject.qod.v0.qos-status-changed',
    durationRequired: false,
    durationDefault: 86400,
    timesAreEpochSeconds: true,
    hasRetrieveSessions: false,
    profilesListOperation: 'getQosProfiles',
    hasXCorrelator: false,
    strictDeviceTokenRule: false,
    extendCap: 'remaining-86400',
    extendNotAvailableStatus: 400,
  },
  '0.11.1': {
    ...v1Common,
    version: '0.11.1',
    release: 'r1.3',
    eventType: 'org.camaraproject.quality-on-demand.v0.qos-status-changed',
    strictDeviceTokenRule: false,
  },
  '1.0.0': { ...v1Common, version: '1.0.0', release: 'r2.2' },
  '1.1.0': { ...v1Common, version: '1.1.0', release: 'r3.2', sinkMustBeHttps: true, echoesSingleIdentifier: true },
  '1.2.0-rc.3': {
    ...v1Common,
    version: '1.2.0-rc.3',
    release: 'r4.1',
    sinkMustBeHttps: true,
    echoesSingleIdentifier: true,
    portMin: 1,
    strictUnknownProperties: true,
    createMayBeUnavailable: true,
  },
};

export function rulesFor(version: ApiVersion): VersionRules {
  return RULES[version];
}

/** A citation for a rule of this version, used in failure messages. */
export function cite(version: ApiVersion, where: string): string {
  return `QoD ${version} (${RULES[version].release}) ${where}`;
}
