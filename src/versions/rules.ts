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
  /** Error bodies carry `status` (every version but 0.8.1, whose ErrorInfo is {code, message}). */
  errorBodyHasStatus: boolean;
  /** ErrorInfo.code is an enum per response (1.0.0+); before, a plain string whose values are examples. */
  errorCodesEnumerated: boolean;
  /** A QoS Profiles API exists (0.10.1: in the same document and base path; 0.11.1+: its own API). */
  hasProfilesApi: boolean;
  /** The profiles may be "agreed during the onboarding" instead of served by the QoS Profiles API (0.11.1+). */
  profilesMayBeAgreed: boolean;
  /** The device object of createSession: `ueId` {msisdn, ipv4addr, ...} (0.8.1) or `device`. */
  deviceField: 'ueId' | 'device';
  /** `device` may be left out of createSession (0.11.1+: a 3-legged token can identify it). */
  deviceOptional: boolean;
  /** Up to 1.0.0 several identifiers must name the same device (the provider cross-checks them). */
  identifiersCrossChecked: boolean;
  /**
   * A 3-legged token plus a body device: 'not-applicable' (0.8.1, no 3-legged flow), 'must-match'
   * (0.10.1, 0.11.1: allowed when it names the token's device, else 403), 'must-not-send' (1.0.0+:
   * 422 UNNECESSARY_IDENTIFIER even for the same device).
   */
  threeLeggedDevice: 'not-applicable' | 'must-match' | 'must-not-send';
  /** Where createSession takes the callback target: `notificationUrl` (0.8.1), `webhook` (0.10.1) or `sink`. */
  notificationTarget: 'notificationUrl' | 'webhook' | 'sink';
  /** Callback body: plain JSON {sessionId, event} posted to notificationUrl + "/notifications" (0.8.1) or a CloudEvent. */
  notificationFormat: 'legacy-json' | 'cloudevent';
  /** How the callback authenticates: `apikey` query parameter (0.8.1) or `Authorization: Bearer`. */
  notificationAuth: 'apikey-query' | 'bearer';
  /** 2-legged tokens need the operation's scopes (0.11.1+); before, client credentials carry no scopes. */
  twoLeggedScopes: boolean;
  /** Maximum `duration` the API itself allows (0.8.1/0.10.1: 86400; 1.2.0-rc.3: int32); profile limits come on top. */
  durationMax?: number;
  /** Maximum `requestedAdditionalDuration` of the schema (0.10.1: 86399). */
  extendMax?: number;
  /** The QoS profile list answers 404 NOT_FOUND when nothing matches (0.10.1 GET /qos-profiles) instead of []. */
  profilesEmptyIs404: boolean;
  /** Body of a createSession that names an existing profile that cannot be used (INACTIVE / DEPRECATED). */
  profileNotApplicable: { status: number; codes: readonly string[] };
  /**
   * The official test definitions whose scenarios the suite runs for this version: r3.2 for 1.1.0
   * and 1.0.0 (the same operations and code enums), r4.1 for 1.2.0-rc.3; none before 1.0.0.
   */
  scenarioRelease?: 'r3.2' | 'r4.1';
  /**
   * The official device scenarios (C01.x) apply: from 1.0.0 (its device codes), and in 0.10.1,
   * whose createSession examples state the answers (translated by errorEquivalents).
   */
  deviceScenarios: boolean;
  /**
   * 0.8.1 and 0.10.1: a phone number's + is optional (^\+?[0-9]{5,15}$), and one device's identifiers
   * are interchangeable (a second session is a conflict whichever identifier names the device).
   */
  legacyDeviceRules: boolean;
  /** Sessions carry qosStatus (REQUESTED / AVAILABLE / UNAVAILABLE): from 0.10.1. */
  hasQosStatus: boolean;
  /** The spec says a client reaches only its own sessions (403/404 for another's): from 0.11.1. */
  ownSessionsOnly: boolean;
  /** The spec refers to the CAMARA design guide (auth before validation, error order): from 0.11.1. */
  followsDesignGuide: boolean;
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
  errorBodyHasStatus: true,
  errorCodesEnumerated: true,
  hasProfilesApi: true,
  profilesMayBeAgreed: true,
  deviceField: 'device',
  deviceOptional: true,
  identifiersCrossChecked: false,
  threeLeggedDevice: 'must-not-send',
  notificationTarget: 'sink',
  notificationFormat: 'cloudevent',
  notificationAuth: 'bearer',
  twoLeggedScopes: true,
  durationMax: undefined,
  extendMax: undefined,
  profilesEmptyIs404: false,
  profileNotApplicable: { status: 422, codes: ['QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE'] },
  scenarioRelease: undefined,
  deviceScenarios: true,
  legacyDeviceRules: false,
  hasQosStatus: true,
  ownSessionsOnly: true,
  followsDesignGuide: true,
} as const;

// Before 1.1.0 no code names "profile exists but cannot be used"; the spec is silent, the reference
// provider answers 400 INVALID_ARGUMENT (as for an unknown profile) and tests accept that.
const profileNotApplicableBefore110 = { status: 400, codes: ['INVALID_ARGUMENT'] };

const RULES: Record<ApiVersion, VersionRules> = {
  '0.8.1': {
    ...v1Common,
    version: '0.8.1',
    errorCodesEnumerated: false,
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
    errorBodyHasStatus: false,
    hasProfilesApi: false,
    profilesMayBeAgreed: false,
    deviceField: 'ueId',
    deviceOptional: false,
    identifiersCrossChecked: true,
    threeLeggedDevice: 'not-applicable',
    notificationTarget: 'notificationUrl',
    notificationFormat: 'legacy-json',
    notificationAuth: 'apikey-query',
    twoLeggedScopes: false,
    durationMax: 86400,
    profileNotApplicable: { status: 400, codes: ['INVALID_INPUT'] },
    hasQosStatus: false,
    deviceScenarios: false,
    legacyDeviceRules: true,
    ownSessionsOnly: false,
    followsDesignGuide: false,
  },
  '0.10.1': {
    ...v1Common,
    version: '0.10.1',
    profilesMayBeAgreed: false,
    errorCodesEnumerated: false,
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
    deviceOptional: false,
    identifiersCrossChecked: true,
    threeLeggedDevice: 'must-match',
    notificationTarget: 'webhook',
    twoLeggedScopes: false,
    durationMax: 86400,
    extendMax: 86399,
    profilesEmptyIs404: true,
    profileNotApplicable: profileNotApplicableBefore110,
    legacyDeviceRules: true,
    ownSessionsOnly: false,
    followsDesignGuide: false,
  },
  '0.11.1': {
    ...v1Common,
    version: '0.11.1',
    errorCodesEnumerated: false,
    release: 'r1.3',
    // Its device errors have codes of their own (checked by the 0.11.1 rows of the suites).
    deviceScenarios: false,
    eventType: 'org.camaraproject.quality-on-demand.v0.qos-status-changed',
    strictDeviceTokenRule: false,
    identifiersCrossChecked: true,
    threeLeggedDevice: 'must-match',
    profileNotApplicable: profileNotApplicableBefore110,
  },
  '1.0.0': { ...v1Common, version: '1.0.0', release: 'r2.2', identifiersCrossChecked: true, profileNotApplicable: profileNotApplicableBefore110, scenarioRelease: 'r3.2' },
  '1.1.0': { ...v1Common, version: '1.1.0', release: 'r3.2', sinkMustBeHttps: true, echoesSingleIdentifier: true, scenarioRelease: 'r3.2' },
  '1.2.0-rc.3': {
    ...v1Common,
    version: '1.2.0-rc.3',
    release: 'r4.1',
    sinkMustBeHttps: true,
    echoesSingleIdentifier: true,
    portMin: 1,
    strictUnknownProperties: true,
    createMayBeUnavailable: true,
    durationMax: 2_147_483_647,
    extendMax: 2_147_483_647,
    scenarioRelease: 'r4.1',
  },
};

export function rulesFor(version: ApiVersion): VersionRules {
  return RULES[version];
}

/** A citation for a rule of this version, used in failure messages. */
export function cite(version: ApiVersion, where: string): string {
  return `QoD ${version} (${RULES[version].release}) ${where}`;
}

// ---------------------------------------------------------------------------------------------
// Error codes across versions. The suites and the reference provider speak 1.1.0 codes; the table
// below says what each one is in an older (or newer) version, with the source of the equivalence.
// The first equivalent is what the reference provider sends; every one listed is accepted by
// expectError. A code that exists in the version is never translated.

export interface ErrorEquivalent {
  status: number;
  code: string;
}

interface VersionErrorTable {
  /** 1.1.0 code → this version's (status, code), first = the reference provider's choice. */
  byCode: Record<string, readonly ErrorEquivalent[]>;
  /** HTTP status → this version's generic code, for codes not in byCode (0.8.1 renamed them all). */
  byStatus?: Record<number, string>;
  /** Where the equivalences come from. */
  basis: string;
}

const e = (status: number, code: string): ErrorEquivalent => ({ status, code });

const ERROR_TABLES: Partial<Record<ApiVersion, VersionErrorTable>> = {
  '0.8.1': {
    basis:
      'VERSIONS.md "What changed" (0.8.1 → 0.10.1 error codes: INVALID_INPUT→INVALID_ARGUMENT/OUT_OF_RANGE, UNAUTHORIZED→UNAUTHENTICATED, FORBIDDEN→PERMISSION_DENIED, SERVICE_UNAVAILABLE→UNAVAILABLE); 0.8.1 documents no 404 on create and no 422',
    byStatus: { 400: 'INVALID_INPUT', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 500: 'INTERNAL', 503: 'SERVICE_UNAVAILABLE' },
    byCode: {
      IDENTIFIER_NOT_FOUND: [e(400, 'INVALID_INPUT')],
      MISSING_IDENTIFIER: [e(400, 'INVALID_INPUT')],
      UNSUPPORTED_IDENTIFIER: [e(400, 'INVALID_INPUT')],
      UNNECESSARY_IDENTIFIER: [e(400, 'INVALID_INPUT')],
      IDENTIFIER_MISMATCH: [e(400, 'INVALID_INPUT')],
      SERVICE_NOT_APPLICABLE: [e(400, 'INVALID_INPUT')],
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': [e(400, 'INVALID_INPUT')],
      'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE': [e(400, 'INVALID_INPUT')],
      INVALID_TOKEN_CONTEXT: [e(403, 'FORBIDDEN')],
      AUTHENTICATION_REQUIRED: [e(401, 'UNAUTHORIZED')],
      UNAVAILABLE: [e(503, 'SERVICE_UNAVAILABLE')],
    },
  },
  '0.10.1': {
    basis:
      'QoD 0.10.1 createSession/extend 400 examples (device not identifiable, identifiers of different devices, inactive session: INVALID_ARGUMENT; duration outside the profile range: OUT_OF_RANGE), 501 NOT_IMPLEMENTED (service not offered for the device); no 404 or 422 on create',
    byCode: {
      IDENTIFIER_NOT_FOUND: [e(400, 'INVALID_ARGUMENT')],
      MISSING_IDENTIFIER: [e(400, 'INVALID_ARGUMENT')],
      UNSUPPORTED_IDENTIFIER: [e(400, 'INVALID_ARGUMENT'), e(501, 'NOT_IMPLEMENTED')],
      IDENTIFIER_MISMATCH: [e(400, 'INVALID_ARGUMENT')],
      UNNECESSARY_IDENTIFIER: [e(403, 'PERMISSION_DENIED')],
      INVALID_TOKEN_CONTEXT: [e(403, 'PERMISSION_DENIED')],
      SERVICE_NOT_APPLICABLE: [e(501, 'NOT_IMPLEMENTED')],
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': [e(400, 'INVALID_ARGUMENT')],
      'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE': [e(400, 'OUT_OF_RANGE'), e(400, 'INVALID_ARGUMENT')],
      'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED': [e(400, 'INVALID_ARGUMENT')],
      INVALID_SINK: [e(400, 'INVALID_ARGUMENT')],
      AUTHENTICATION_REQUIRED: [e(401, 'UNAUTHENTICATED')],
    },
  },
  '0.11.1': {
    basis:
      'QoD 0.11.1 error examples (404 DEVICE_NOT_FOUND, 422 UNIDENTIFIABLE_DEVICE / DEVICE_IDENTIFIERS_MISMATCH / DEVICE_NOT_APPLICABLE, 403 INVALID_TOKEN_CONTEXT), renamed in 1.0.0 (VERSIONS.md "What changed", 0.11.1 → 1.0.0)',
    byCode: {
      IDENTIFIER_NOT_FOUND: [e(404, 'DEVICE_NOT_FOUND')],
      MISSING_IDENTIFIER: [e(422, 'UNIDENTIFIABLE_DEVICE')],
      // networkAccessIdentifier "may not be used yet" (0.11.1 Device description): no dedicated code.
      UNSUPPORTED_IDENTIFIER: [e(422, 'UNIDENTIFIABLE_DEVICE'), e(400, 'INVALID_ARGUMENT')],
      IDENTIFIER_MISMATCH: [e(422, 'DEVICE_IDENTIFIERS_MISMATCH')],
      SERVICE_NOT_APPLICABLE: [e(422, 'DEVICE_NOT_APPLICABLE')],
      UNNECESSARY_IDENTIFIER: [e(403, 'INVALID_TOKEN_CONTEXT')],
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': [e(400, 'INVALID_ARGUMENT'), e(422, 'DEVICE_NOT_APPLICABLE')],
      INVALID_SINK: [e(400, 'INVALID_ARGUMENT')],
    },
  },
  '1.0.0': {
    basis: 'QoD 1.0.0 per-response code enums (no INVALID_SINK, no QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE: both new in 1.1.0)',
    byCode: {
      INVALID_SINK: [e(400, 'INVALID_ARGUMENT')],
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': [e(400, 'INVALID_ARGUMENT'), e(422, 'SERVICE_NOT_APPLICABLE')],
      INVALID_TOKEN_CONTEXT: [e(422, 'UNNECESSARY_IDENTIFIER')],
    },
  },
  '1.1.0': {
    basis: 'QoD 1.1.0 (the codes the suites are written in)',
    byCode: { INVALID_TOKEN_CONTEXT: [e(422, 'UNNECESSARY_IDENTIFIER')] },
  },
  '1.2.0-rc.3': {
    basis: 'QoD 1.2.0-rc.3 per-response code enums',
    byCode: { INVALID_TOKEN_CONTEXT: [e(422, 'UNNECESSARY_IDENTIFIER')] },
  },
};

/** This version's equivalents of a (status, 1.1.0 code) pair; the first is the provider's choice. */
export function errorEquivalents(version: ApiVersion, status: number, code: string): readonly ErrorEquivalent[] {
  const table = ERROR_TABLES[version];
  if (!table) return [e(status, code)];
  const mapped = table.byCode[code];
  if (mapped) return mapped;
  const generic = table.byStatus?.[status];
  return [e(status, generic ?? code)];
}

/** Source of the version's code equivalences (cited in failure messages). */
export function errorTableBasis(version: ApiVersion): string {
  return ERROR_TABLES[version]?.basis ?? `QoD ${version}`;
}

export interface TranslatedErrorExpectation {
  status: number[];
  codes?: string[];
  /** Human-readable list of what was translated ("INVALID_ARGUMENT → INVALID_INPUT"), empty when nothing was. */
  translations: string[];
}

/**
 * An error expectation written in 1.1.0 terms, as it reads in `version`: each (status, code) pair
 * becomes this version's equivalents. Nothing changes for 1.1.0 or for codes the version shares.
 */
export function translateErrorExpectation(version: ApiVersion, exp: { status: number | readonly number[]; codes?: readonly string[] }): TranslatedErrorExpectation {
  const statuses = typeof exp.status === 'number' ? [exp.status] : [...exp.status];
  const translations: string[] = [];
  if (!exp.codes) {
    return { status: statuses, translations };
  }
  const outStatus = new Set<number>();
  const outCodes = new Set<string>();
  for (const code of exp.codes) {
    for (const status of statuses) {
      for (const eq of errorEquivalents(version, status, code)) {
        outStatus.add(eq.status);
        outCodes.add(eq.code);
        if (eq.code !== code || eq.status !== status) translations.push(`${status} ${code} → ${eq.status} ${eq.code}`);
      }
    }
  }
  return { status: [...outStatus], codes: [...outCodes], translations: [...new Set(translations)] };
}
