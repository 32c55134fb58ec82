// Official CAMARA QoD scenario IDs (tags of the Gherkin test definitions in
// camaraproject/QualityOnDemand), verbatim without the leading "@". Source: shared/camara/SCENARIOS.md.
// These are facts about the standard: reports measure coverage against them, so never edit an ID.
import type { ApiVersion } from '../config/types.js';
import type { ApiId } from '../config/types.js';
import { provisioningVersionOf } from '../spec/apis.js';
import { ALL_PROVISIONING_SCENARIO_IDS, provisioningScenarioIdsFor, provisioningStandardNotesFor } from './provisioning-catalogue.js';

/** The seven QoD and QoS Profiles feature files of r3.2 / r4.1 (provisioning: provisioning-catalogue.ts). */
export const FEATURE_FILES = [
  'quality-on-demand-createSession',
  'quality-on-demand-getSession',
  'quality-on-demand-deleteSession',
  'quality-on-demand-extendQosSessionDuration',
  'quality-on-demand-retrieveSessionsByDevice',
  'qos-profiles-getQosProfile',
  'qos-profiles-retrieveQoSProfiles',
] as const;
export type FeatureFile = (typeof FEATURE_FILES)[number];

/** Tag r3.2 (API 1.1.0): 26 + 9 + 9 + 13 + 15 + 8 + 18 = 98 scenarios. */
const R3_2: Readonly<Record<FeatureFile, readonly string[]>> = {
  'quality-on-demand-createSession': [
    'quality_on_demand_createSession_01_generic_success_scenario',
    'quality_on_demand_createSession_02_1_sinkcredential_provided',
    'quality_on_demand_createSession_02_2_event_received',
    'quality_on_demand_createSession_03_3_legged_missing_device',
    'quality_on_demand_createSession_C01.01_device_empty',
    'quality_on_demand_createSession_C01.02_device_identifiers_not_schema_compliant',
    'quality_on_demand_createSession_C01.03_device_not_found',
    'quality_on_demand_createSession_C01.04_unnecessary_device',
    'quality_on_demand_createSession_C01.05_missing_device',
    'quality_on_demand_createSession_C01.06_unsupported_device',
    'quality_on_demand_createSession_C01.07_device_not_supported',
    'quality_on_demand_createSession_400.1_schema_not_compliant',
    'quality_on_demand_createSession_400.2_no_request_body',
    'quality_on_demand_createSession_400.3_empty_request_body',
    'quality_on_demand_createSession_400.4_empty_property',
    'quality_on_demand_createSession_400.5_out_of_range_port',
    'quality_on_demand_createSession_400.6_invalid_sink_credential',
    'quality_on_demand_createSession_400.7_sink_credential_invalid_token',
    'quality_on_demand_createSession_400.8_non_existent_qos_profile',
    'quality_on_demand_createSession_400.9_invalid_duration',
    'quality_on_demand_createSession_401.1_no_authorization_header',
    'quality_on_demand_createSession_401.2_expired_access_token',
    'quality_on_demand_createSession_401.3_invalid_access_token',
    'quality_on_demand_createSession_403.1_missing_access_token_scope',
    'quality_on_demand_createSession_409.1_session_conflict',
    'quality_on_demand_createSession_422.1_session_qos_profile_not_applicable',
  ],
  'quality-on-demand-getSession': [
    'quality_on_demand_getSession_01_get_existing_session',
    'quality_on_demand_getSession_02_get_recent_unavailable',
    'quality_on_demand_getSession_400.1_invalid_session_id',
    'quality_on_demand_getSession_401.1_no_authorization_header',
    'quality_on_demand_getSession_401.2_expired_access_token',
    'quality_on_demand_getSession_401.3_invalid_access_token',
    'quality_on_demand_getSession_403.1_missing_access_token_scope',
    'quality_on_demand_getSession_403.2_session_token_mismatch',
    'quality_on_demand_getSession_404.1_not_found',
  ],
  'quality-on-demand-deleteSession': [
    'quality_on_demand_deleteSession_01_delete_existing_qod_session',
    'quality_on_demand_deleteSession_02_event_notification',
    'quality_on_demand_deleteSession_400.1_invalid_session_id',
    'quality_on_demand_deleteSession_401.1_no_authorization_header',
    'quality_on_demand_deleteSession_401.2_expired_access_token',
    'quality_on_demand_deleteSession_401.3_invalid_access_token',
    'quality_on_demand_deleteSession_403.1_missing_access_token_scope',
    'quality_on_demand_deleteSession_403.2_session_token_mismatch',
    'quality_on_demand_deleteSession_404.1_not_found',
  ],
  'quality-on-demand-extendQosSessionDuration': [
    'quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
    'quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
    'quality_on_demand_extendQosSessionDuration_400.1_schema_not_compliant',
    'quality_on_demand_extendQosSessionDuration_400.2_invalid_session_id',
    'quality_on_demand_extendQosSessionDuration_400.3_no_request_body',
    'quality_on_demand_extendQosSessionDuration_400.4_empty_request_body',
    'quality_on_demand_extendQosSessionDuration_401.1_no_authorization_header',
    'quality_on_demand_extendQosSessionDuration_401.2_expired_access_token',
    'quality_on_demand_extendQosSessionDuration_401.3_invalid_access_token',
    'quality_on_demand_extendQosSessionDuration_403.1_missing_access_token_scope',
    'quality_on_demand_extendQosSessionDuration_403.2_session_token_mismatch',
    'quality_on_demand_extendQosSessionDuration_404.1_not_found',
    'quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
  ],
  'quality-on-demand-retrieveSessionsByDevice': [
    'quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device',
    'quality_on_demand_retrieveSessionsByDevice_02_sessions_not_found',
    'quality_on_demand_retrieveSessionsByDevice_C01.01_device_empty',
    'quality_on_demand_retrieveSessionsByDevice_C01.02_device_identifiers_not_schema_compliant',
    'quality_on_demand_retrieveSessionsByDevice_C01.03_device_not_found',
    'quality_on_demand_retrieveSessionsByDevice_C01.04_unnecessary_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.05_missing_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.06_unsupported_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.07_device_not_supported',
    'quality_on_demand_retrieveSessionsByDevice_400.1_schema_not_compliant',
    'quality_on_demand_retrieveSessionsByDevice_400.2_no_request_body',
    'quality_on_demand_retrieveSessionsByDevice_401.1_no_authorization_header',
    'quality_on_demand_retrieveSessionsByDevice_401.2_expired_access_token',
    'quality_on_demand_retrieveSessionsByDevice_401.3_invalid_access_token',
    'quality_on_demand_retrieveSessionsByDevice_403.1_missing_access_token_scope',
  ],
  'qos-profiles-getQosProfile': [
    'qos_profiles_getQosProfile_01_generic_success_scenario',
    'qos_profiles_getQosProfile_400.1_name_does_not_match_regex',
    'qos_profiles_getQosProfile_400.2_invalid_name_length',
    'qos_profiles_getQosProfile_401.1_no_authorization_header',
    'qos_profiles_getQosProfile_401.2_expired_access_token',
    'qos_profiles_getQosProfile_401.3_invalid_access_token',
    'qos_profiles_getQosProfile_403.1_missing_access_token_scope',
    'qos_profiles_getQosProfile_404.1_not_found',
  ],
  'qos-profiles-retrieveQoSProfiles': [
    'qos_profiles_retrieveQoSProfiles_01_generic_success_scenario',
    'qos_profiles_retrieveQoSProfiles_02_filter_by_name_only',
    'qos_profiles_retrieveQoSProfiles_03_filter_by_status_only',
    'qos_profiles_retrieveQoSProfiles_04_return_restricted_profiles',
    'qos_profiles_retrieveQoSProfiles_05_not_return_restricted_profiles',
    'qos_profiles_retrieveQoSProfiles_06_device_qos_profiles_not_found',
    'qos_profiles_retrieveQoSProfiles_C01.01_device_empty',
    'qos_profiles_retrieveQoSProfiles_C01.02_device_identifiers_not_schema_compliant',
    'qos_profiles_retrieveQoSProfiles_C01.03_device_not_found',
    'qos_profiles_retrieveQoSProfiles_C01.04_unnecessary_device',
    'qos_profiles_retrieveQoSProfiles_C01.06_unsupported_device',
    'qos_profiles_retrieveQoSProfiles_C01.07_device_not_supported',
    'qos_profiles_retrieveQoSProfiles_400.1_schema_not_compliant',
    'qos_profiles_retrieveQoSProfiles_400.2_no_request_body',
    'qos_profiles_retrieveQoSProfiles_401.1_no_authorization_header',
    'qos_profiles_retrieveQoSProfiles_401.2_expired_access_token',
    'qos_profiles_retrieveQoSProfiles_401.3_invalid_access_token',
    'qos_profiles_retrieveQoSProfiles_403.1_missing_access_token_scope',
  ],
};

/** Tag r4.1 (API 1.2.0-rc.3): 37 + 11 + 11 + 15 + 17 + 10 + 20 = 121 scenarios. createSession 400.6 was
 *  renamed and every qos-profiles error tag renumbered to two digits (400.1 -> 400.01). */
const R4_1: Readonly<Record<FeatureFile, readonly string[]>> = {
  'quality-on-demand-createSession': [
    'quality_on_demand_createSession_01_generic_success_scenario',
    'quality_on_demand_createSession_02_1_sinkcredential_provided',
    'quality_on_demand_createSession_02_2_event_received',
    'quality_on_demand_createSession_03_3_legged_missing_device',
    'quality_on_demand_createSession_04_1_application_server_subnets_provided',
    'quality_on_demand_createSession_04_2_application_server_list_provided',
    'quality_on_demand_createSession_C01.01_device_empty',
    'quality_on_demand_createSession_C01.02_device_identifiers_not_schema_compliant',
    'quality_on_demand_createSession_C01.03_device_not_found',
    'quality_on_demand_createSession_C01.04_unnecessary_device',
    'quality_on_demand_createSession_C01.05_missing_device',
    'quality_on_demand_createSession_C01.06_unsupported_device',
    'quality_on_demand_createSession_C01.07_device_not_supported',
    'quality_on_demand_createSession_400.1_schema_not_compliant',
    'quality_on_demand_createSession_400.2_no_request_body',
    'quality_on_demand_createSession_400.3_empty_request_body',
    'quality_on_demand_createSession_400.4_empty_property',
    'quality_on_demand_createSession_400.5_out_of_range_port',
    'quality_on_demand_createSession_400.6_unsupported_sink_credential_type',
    'quality_on_demand_createSession_400.7_sink_credential_invalid_token',
    'quality_on_demand_createSession_400.8_non_existent_qos_profile',
    'quality_on_demand_createSession_400.9_invalid_duration',
    'quality_on_demand_createSession_400.10_invalid_x-correlator',
    'quality_on_demand_createSession_400.11_invalid_application_server',
    'quality_on_demand_createSession_400.12_empty_application_server_list',
    'quality_on_demand_createSession_400.13_application_server_list_is_too_large',
    'quality_on_demand_createSession_400.14_duplicate_values_in_application_server_list',
    'quality_on_demand_createSession_400.15_invalid_values_in_application_server_list',
    'quality_on_demand_createSession_400.16_subnet_in_application_server_list',
    'quality_on_demand_createSession_401.1_no_authorization_header',
    'quality_on_demand_createSession_401.2_expired_access_token',
    'quality_on_demand_createSession_401.3_invalid_access_token',
    'quality_on_demand_createSession_403.1_missing_access_token_scope',
    'quality_on_demand_createSession_409.1_session_conflict',
    'quality_on_demand_createSession_422.1_session_qos_profile_not_applicable',
    'quality_on_demand_createSession_422.2_private_key_jwt_not_configured',
    'quality_on_demand_createSession_429.1_too_many_requests',
  ],
  'quality-on-demand-getSession': [
    'quality_on_demand_getSession_01_get_existing_session',
    'quality_on_demand_getSession_02_get_recent_unavailable',
    'quality_on_demand_getSession_400.1_invalid_session_id',
    'quality_on_demand_getSession_400.2_invalid_x-correlator',
    'quality_on_demand_getSession_401.1_no_authorization_header',
    'quality_on_demand_getSession_401.2_expired_access_token',
    'quality_on_demand_getSession_401.3_invalid_access_token',
    'quality_on_demand_getSession_403.1_missing_access_token_scope',
    'quality_on_demand_getSession_403.2_session_token_mismatch',
    'quality_on_demand_getSession_404.1_not_found',
    'quality_on_demand_getSession_429.1_too_many_requests',
  ],
  'quality-on-demand-deleteSession': [
    'quality_on_demand_deleteSession_01_delete_existing_qod_session',
    'quality_on_demand_deleteSession_02_event_notification',
    'quality_on_demand_deleteSession_400.1_invalid_session_id',
    'quality_on_demand_deleteSession_400.2_invalid_x-correlator',
    'quality_on_demand_deleteSession_401.1_no_authorization_header',
    'quality_on_demand_deleteSession_401.2_expired_access_token',
    'quality_on_demand_deleteSession_401.3_invalid_access_token',
    'quality_on_demand_deleteSession_403.1_missing_access_token_scope',
    'quality_on_demand_deleteSession_403.2_session_token_mismatch',
    'quality_on_demand_deleteSession_404.1_not_found',
    'quality_on_demand_deleteSession_429.1_too_many_requests',
  ],
  'quality-on-demand-extendQosSessionDuration': [
    'quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
    'quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
    'quality_on_demand_extendQosSessionDuration_400.1_schema_not_compliant',
    'quality_on_demand_extendQosSessionDuration_400.2_invalid_session_id',
    'quality_on_demand_extendQosSessionDuration_400.3_no_request_body',
    'quality_on_demand_extendQosSessionDuration_400.4_empty_request_body',
    'quality_on_demand_extendQosSessionDuration_400.5_invalid_x-correlator',
    'quality_on_demand_extendQosSessionDuration_401.1_no_authorization_header',
    'quality_on_demand_extendQosSessionDuration_401.2_expired_access_token',
    'quality_on_demand_extendQosSessionDuration_401.3_invalid_access_token',
    'quality_on_demand_extendQosSessionDuration_403.1_missing_access_token_scope',
    'quality_on_demand_extendQosSessionDuration_403.2_session_token_mismatch',
    'quality_on_demand_extendQosSessionDuration_404.1_not_found',
    'quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
    'quality_on_demand_extendQosSessionDuration_429.1_too_many_requests',
  ],
  'quality-on-demand-retrieveSessionsByDevice': [
    'quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device',
    'quality_on_demand_retrieveSessionsByDevice_02_sessions_not_found',
    'quality_on_demand_retrieveSessionsByDevice_C01.01_device_empty',
    'quality_on_demand_retrieveSessionsByDevice_C01.02_device_identifiers_not_schema_compliant',
    'quality_on_demand_retrieveSessionsByDevice_C01.03_device_not_found',
    'quality_on_demand_retrieveSessionsByDevice_C01.04_unnecessary_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.05_missing_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.06_unsupported_device',
    'quality_on_demand_retrieveSessionsByDevice_C01.07_device_not_supported',
    'quality_on_demand_retrieveSessionsByDevice_400.1_schema_not_compliant',
    'quality_on_demand_retrieveSessionsByDevice_400.2_no_request_body',
    'quality_on_demand_retrieveSessionsByDevice_400.3_invalid_x-correlator',
    'quality_on_demand_retrieveSessionsByDevice_401.1_no_authorization_header',
    'quality_on_demand_retrieveSessionsByDevice_401.2_expired_access_token',
    'quality_on_demand_retrieveSessionsByDevice_401.3_invalid_access_token',
    'quality_on_demand_retrieveSessionsByDevice_403.1_missing_access_token_scope',
    'quality_on_demand_retrieveSessionsByDevice_429.1_too_many_requests',
  ],
  'qos-profiles-getQosProfile': [
    'qos_profiles_getQosProfile_01_generic_success_scenario',
    'qos_profiles_getQosProfile_400.01_name_does_not_match_regex',
    'qos_profiles_getQosProfile_400.02_invalid_name_length',
    'qos_profiles_getQosProfile_400.03_invalid_x-correlator',
    'qos_profiles_getQosProfile_401.01_no_authorization_header',
    'qos_profiles_getQosProfile_401.02_expired_access_token',
    'qos_profiles_getQosProfile_401.03_invalid_access_token',
    'qos_profiles_getQosProfile_403.01_missing_access_token_scope',
    'qos_profiles_getQosProfile_404.01_not_found',
    'qos_profiles_getQosProfile_429.01_too_many_requests',
  ],
  'qos-profiles-retrieveQoSProfiles': [
    'qos_profiles_retrieveQoSProfiles_01_generic_success_scenario',
    'qos_profiles_retrieveQoSProfiles_02_filter_by_name_only',
    'qos_profiles_retrieveQoSProfiles_03_filter_by_status_only',
    'qos_profiles_retrieveQoSProfiles_04_return_restricted_profiles',
    'qos_profiles_retrieveQoSProfiles_05_not_return_restricted_profiles',
    'qos_profiles_retrieveQoSProfiles_06_device_qos_profiles_not_found',
    'qos_profiles_retrieveQoSProfiles_C01.01_device_empty',
    'qos_profiles_retrieveQoSProfiles_C01.02_device_identifiers_not_schema_compliant',
    'qos_profiles_retrieveQoSProfiles_C01.03_device_not_found',
    'qos_profiles_retrieveQoSProfiles_C01.04_unnecessary_device',
    'qos_profiles_retrieveQoSProfiles_C01.06_unsupported_device',
    'qos_profiles_retrieveQoSProfiles_C01.07_device_not_supported',
    'qos_profiles_retrieveQoSProfiles_400.01_schema_not_compliant',
    'qos_profiles_retrieveQoSProfiles_400.02_no_request_body',
    'qos_profiles_retrieveQoSProfiles_400.03_invalid_x-correlator',
    'qos_profiles_retrieveQoSProfiles_401.01_no_authorization_header',
    'qos_profiles_retrieveQoSProfiles_401.02_expired_access_token',
    'qos_profiles_retrieveQoSProfiles_401.03_invalid_access_token',
    'qos_profiles_retrieveQoSProfiles_403.01_missing_access_token_scope',
    'qos_profiles_retrieveQoSProfiles_429.01_too_many_requests',
  ],
};

/** Tag v0.10.1, QoD_API_Test.feature (no outlines; the double Q of the first tag is as written). */
const V0_10_1: readonly string[] = [
  'QQoDSessionCreateGetDelete',
  'QoDSessionCreateGetDeleteAllparams',
  'QoDCreateSessionDeleteInvalidSession',
  'QoDInvalidCreateSession',
  'QoDInvalidCreateSessionpayload',
];

export interface ScenarioSet {
  /** Git tag of the official test definitions ("r3.2", "r4.1", "v0.10.1"). */
  release: string;
  ids: string[];
}

const flatten = (byFeature: Readonly<Record<FeatureFile, readonly string[]>>): string[] => FEATURE_FILES.flatMap((feature) => byFeature[feature]);

/**
 * The official scenarios for an API version; undefined when the standard publishes none for it.
 * `version` is the run's bundle (a QoD version); a QoS Provisioning run gets the scenarios of the
 * provisioning version in that bundle.
 */
export function scenarioIdsFor(version: ApiVersion, api: ApiId = 'quality-on-demand'): ScenarioSet | undefined {
  if (api === 'qos-provisioning') {
    const provisioning = provisioningVersionOf(version);
    return provisioning === undefined ? undefined : provisioningScenarioIdsFor(provisioning);
  }
  switch (version) {
    case '1.1.0':
      return { release: 'r3.2', ids: flatten(R3_2) };
    case '1.2.0-rc.3':
      return { release: 'r4.1', ids: flatten(R4_1) };
    case '0.10.1':
      return { release: 'v0.10.1', ids: [...V0_10_1] };
    default:
      return undefined;
  }
}

/** Every ID of every release, QoS Provisioning's too (used to recognise an ID at the start of a test name). */
export const ALL_SCENARIO_IDS: ReadonlySet<string> = new Set([...flatten(R3_2), ...flatten(R4_1), ...V0_10_1, ...ALL_PROVISIONING_SCENARIO_IDS]);

/** The feature file an r3.2 / r4.1 scenario ID belongs to (undefined for v0.10.1 and unknown IDs). */
export function featureOf(id: string): FeatureFile | undefined {
  return FEATURE_FILES.find((feature) => R3_2[feature].includes(id) || R4_1[feature].includes(id));
}

export interface StandardConflict {
  /** Item number in SCENARIOS.md "Conflicts and gaps". */
  number: number;
  /** API versions whose test definitions and spec disagree on this point. */
  appliesTo: readonly ApiVersion[];
  text: string;
}

const BOTH: readonly ApiVersion[] = ['1.1.0', '1.2.0-rc.3'];

/** Where the official test definitions and the OpenAPI files disagree (paraphrased, one line each). */
export const STANDARD_CONFLICTS: readonly StandardConflict[] = [
  {
    number: 1,
    appliesTo: BOTH,
    text: 'Event type: createSession 02_2 and deleteSession 02 expect "org.camaraproject.qod.v1.qos-status-changed"; the spec only allows "org.camaraproject.quality-on-demand.v1.qos-status-changed".',
  },
  {
    number: 2,
    appliesTo: BOTH,
    text: 'Duration out of range: createSession 400.9 expects INVALID_ARGUMENT; the spec documents QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE for it (both are in the 400 enum).',
  },
  { number: 3, appliesTo: ['1.2.0-rc.3'], text: 'Port range: createSession 400.5 treats 0..65535 as valid; from 1.2.0-rc.3 Port starts at 1, so 0 is invalid too.' },
  {
    number: 4,
    appliesTo: BOTH,
    text: 'credentialType PLAIN/REFRESHTOKEN: r3.2 expects INVALID_CREDENTIAL, r4.1 expects INVALID_ARGUMENT (the r4.1 file keeps an outdated comment saying the opposite).',
  },
  { number: 5, appliesTo: BOTH, text: 'Unknown qosProfile: createSession 400.8 wants 400 INVALID_ARGUMENT; the spec names no dedicated code and 404 NOT_FOUND could be argued.' },
  {
    number: 6,
    appliesTo: BOTH,
    text: 'Echoed device: createSession 01 and getSession 01 want the device returned unchanged; from 1.1.0 the provider returns one identifier (DeviceResponse) and may omit it when one was sent.',
  },
  { number: 7, appliesTo: BOTH, text: 'startedAt: the tests allow it only while AVAILABLE; the spec only forbids it while REQUESTED, and its own UNAVAILABLE example carries it.' },
  { number: 8, appliesTo: BOTH, text: 'deleteSession 01 asserts Content-Type: application/json on a 204 response, which has no body.' },
  { number: 9, appliesTo: BOTH, text: 'Non-eligible device in qos-profiles: retrieveQoSProfiles 06 expects 200 [], C01.07 expects 422 SERVICE_NOT_APPLICABLE for what reads as the same situation.' },
  { number: 10, appliesTo: BOTH, text: "Ownership: the 403.2_session_token_mismatch scenarios fix 403 PERMISSION_DENIED for another client's session; the specs state the rule but name no code." },
  { number: 11, appliesTo: BOTH, text: 'Malformed sessionId: 400 INVALID_ARGUMENT is asserted, while comments accept 404 NOT_FOUND when the UUID format is not validated.' },
  { number: 12, appliesTo: BOTH, text: 'Expired token: comments say two codes could apply, but only UNAUTHENTICATED is asserted (AUTHENTICATION_REQUIRED is gone from 1.1.0).' },
  { number: 13, appliesTo: ['1.1.0'], text: 'r3.2 getQosProfile: 01 validates the single-object response as an array, and the 401 scenarios send a body on a GET (both fixed in r4.1).' },
  {
    number: 14,
    appliesTo: ['1.2.0-rc.3'],
    text: 'r4.1 qos-profiles files reference ../common/CAMARA_common.yaml, which is not in the release tree; the released qos-profiles.yaml 1.2.0-rc.3 inlines the same schemas.',
  },
  {
    number: 15,
    appliesTo: BOTH,
    text: 'NAI in C01.02: networkAccessIdentifier is an unconstrained string up to 1.1.0 (1.2.0-rc.3 adds only maxLength 2048), so only a non-string or over-long value can violate it.',
  },
  {
    number: 16,
    appliesTo: BOTH,
    text: 'Not covered by any scenario: event on deleting an UNAVAILABLE session, INVALID_SINK, unknown body properties (1.2.0-rc.3), NETWORK_TERMINATED/DURATION_EXPIRED events, REQUESTED->AVAILABLE event, 429 QUOTA_EXCEEDED, create-time UNAVAILABLE (1.2.0-rc.3), the multiple-identifier rule, 3-legged ownership on get/delete/extend, a 410 GONE answer from a sink.',
  },
];

/** Caveat on the only feature file published for 0.10.1 (not one of the numbered items). */
const V0_10_1_NOTE =
  'v0.10.1 QoD_API_Test.feature drives a reference implementation with 0.8-shaped bodies (ueId, asId, qos, notificationUri) and a mocked network backend, not the 0.10.1 schema; @QoDInvalidCreateSession needs a backend forced to fail, which a black-box run cannot reproduce.';

/** The notes on the standard that matter for one API version (bundle `version`, as scenarioIdsFor). */
export function standardNotesFor(version: ApiVersion, api: ApiId = 'quality-on-demand'): string[] {
  if (api === 'qos-provisioning') {
    const provisioning = provisioningVersionOf(version);
    return provisioning === undefined ? [] : provisioningStandardNotesFor(provisioning);
  }
  if (version === '0.10.1') return [V0_10_1_NOTE];
  return STANDARD_CONFLICTS.filter((c) => c.appliesTo.includes(version)).map((c) => `${c.number}. ${c.text}`);
}
