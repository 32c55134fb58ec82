// Where checks apply, as predicates on a version's rules (src/versions/rules.ts): a check says
// which property of the spec it needs, never which version numbers have it.
import type { VersionRules } from '../versions/rules.js';
import { provisioningRulesForBundle, type ProvisioningRules } from '../versions/provisioning-rules.js';

export type Applies = (v: VersionRules) => boolean;

/** Versions whose operations the official r3.2 / r4.1 scenarios were written for (1.0.0 and later). */
export const officialScenarios: Applies = (v) => v.scenarioRelease !== undefined;
/** The official device scenarios (C01.x) apply: 1.0.0 on, and 0.10.1 with the answers its examples state. */
export const deviceScenarios: Applies = (v) => v.deviceScenarios;
/** Scenarios first published in r4.1 (1.2.0-rc.3): x-correlator pattern, 429, filters, ... */
export const r41Scenarios: Applies = (v) => v.scenarioRelease === 'r4.1';
/** Sessions have qosStatus (REQUESTED / AVAILABLE / UNAVAILABLE). */
export const hasQosStatus: Applies = (v) => v.hasQosStatus;
/** createSession takes `sink` + `sinkCredential` and events are CloudEvents. */
export const sinkCallbacks: Applies = (v) => v.notificationTarget === 'sink' && v.notificationFormat === 'cloudevent';
/** createSession takes `webhook` {notificationUrl, notificationAuthToken} (0.10.1). */
export const webhookCallbacks: Applies = (v) => v.notificationTarget === 'webhook';
/** Plain JSON events posted to notificationUrl (0.8.1). */
export const legacyCallbacks: Applies = (v) => v.notificationFormat === 'legacy-json';
export const hasExtend: Applies = (v) => v.hasExtend;
export const hasRetrieveSessions: Applies = (v) => v.hasRetrieveSessions;
/** 2-legged: the device MUST be sent; 3-legged: MUST NOT (1.0.0+). */
export const strictDeviceTokenRule: Applies = (v) => v.strictDeviceTokenRule;
/** Extensions are capped by the profile's maxDuration over the session's total duration. */
export const profileCapOnTotal: Applies = (v) => v.extendCap === 'profile-max-total';
export const ownSessionsOnly: Applies = (v) => v.ownSessionsOnly;
export const followsDesignGuide: Applies = (v) => v.followsDesignGuide;
export const hasXCorrelator: Applies = (v) => v.hasXCorrelator;
/** Several identifiers: the provider picks one and echoes exactly one (1.1.0+). */
export const echoesSingleIdentifier: Applies = (v) => v.echoesSingleIdentifier;
/** A QoS profile list operation exists (GET /qos-profiles in 0.10.1, POST /retrieve-qos-profiles from 0.11.1). */
export const hasProfilesList: Applies = (v) => v.profilesListOperation !== undefined;
export const retrievesProfiles: Applies = (v) => v.profilesListOperation === 'retrieveQoSProfiles';
export const listsProfilesByGet: Applies = (v) => v.profilesListOperation === 'getQosProfiles';
/** ErrorInfo.code is an enum per response (1.0.0+). */
export const enumeratedCodes: Applies = (v) => v.errorCodesEnumerated;

/** 0.8.1 and 0.10.1: a phone number's + is optional (^\+?[0-9]{5,15}$) and one device's identifiers are interchangeable (a session conflict whichever names it). */
export const legacyDeviceRules: Applies = (v) => v.legacyDeviceRules;
/** The `device` object whose identifiers must name one device, before the design guide (0.10.1: 400 for two devices). */
export const identifiersOfOneDevice: Applies = (v) => v.identifiersCrossChecked && v.deviceField === 'device' && !v.followsDesignGuide;
/** 3-legged tokens carry the qod-sessions-* scopes while client-credentials tokens carry none (0.10.1). */
export const threeLeggedScopesOnly: Applies = (v) => v.threeLeggedDevice === 'must-match' && !v.twoLeggedScopes;
/** Extensions capped at 86,400 s of remaining duration (0.10.1). */
export const remainingDurationCap: Applies = (v) => v.extendCap === 'remaining-86400';
/** The `device`-shaped API that defines no x-correlator (0.10.1): a request without one is served. */
export const noCorrelatorHeader: Applies = (v) => !v.hasXCorrelator && v.deviceField === 'device';

/** Both predicates hold. */
export const both =
  (a: Applies, b: Applies): Applies =>
  (v) =>
    a(v) && b(v);

/** A QoS Provisioning check: `holds` for the provisioning version in the bundle (a bundle without one: never). */
export const provisioning =
  (holds: (p: ProvisioningRules) => boolean = () => true): Applies =>
  (v) => {
    const p = provisioningRulesForBundle(v.version);
    return p !== undefined && holds(p);
  };
