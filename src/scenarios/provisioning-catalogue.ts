// Official CAMARA QoS Provisioning scenario IDs (tags of the Gherkin test definitions in
// camaraproject/QualityOnDemand at r2.2, r3.2 and r4.1), verbatim without the leading "@". Source:
// shared/camara/PROVISIONING.md "Official test scenarios". Facts about the standard: reports measure
// coverage against them, so never edit an ID. The conflicts are our paraphrase, one line each.
import type { ProvisioningVersion } from '../spec/apis.js';
import type { ScenarioSet } from './catalogue.js';

/** The four feature files of r2.2 (QoD Provisioning 0.2.0) and of r3.2 / r4.1 (QoS Provisioning). */
export const PROVISIONING_FEATURE_FILES = [
  'qod-provisioning-triggerProvisioning',
  'qod-provisioning-getProvisioningById',
  'qod-provisioning-retrieveProvisioningByDevice',
  'qod-provisioning-revokeProvisioning',
  'qos-provisioning-createQosAssignment',
  'qos-provisioning-getQosAssignmentById',
  'qos-provisioning-getQosAssignmentByDevice',
  'qos-provisioning-revokeQosAssignment',
] as const;
export type ProvisioningFeatureFile = (typeof PROVISIONING_FEATURE_FILES)[number];

type ByFeature = Readonly<Partial<Record<ProvisioningFeatureFile, readonly string[]>>>;

/** Tag r2.2 (API 0.2.0): 22 + 9 + 18 + 11 = 60 scenarios. */
const R2_2: ByFeature = {
  'qod-provisioning-triggerProvisioning': [
    'qod_provisioning_triggerProvisioning_01_generic_success_scenario',
    'qod_provisioning_triggerProvisioning_02_event_notification',
    'qod_provisioning_triggerProvisioning_03_3_legged_missing_device',
    'qod_provisioning_triggerProvisioning_C01.01_device_empty',
    'qod_provisioning_triggerProvisioning_C01.02_device_identifiers_not_schema_compliant',
    'qod_provisioning_triggerProvisioning_C01.03_device_not_found',
    'qod_provisioning_triggerProvisioning_C01.04_unnecessary_device',
    'qod_provisioning_triggerProvisioning_C01.05_missing_device',
    'qod_provisioning_triggerProvisioning_C01.06_unsupported_device',
    'qod_provisioning_triggerProvisioning_C01.07_device_not_supported',
    'qod_provisioning_triggerProvisioning_C01.08_device_identifiers_mismatch',
    'qod_provisioning_triggerProvisioning_400.1_schema_not_compliant',
    'qod_provisioning_triggerProvisioning_400.2_no_request_body',
    'qod_provisioning_triggerProvisioning_400.3_empty_request_body',
    'qod_provisioning_triggerProvisioning_400.7_invalid_sink_credential',
    'qod_provisioning_triggerProvisioning_400.8_sink_credential_invalid_token',
    'qod_provisioning_triggerProvisioning_400.9_non_existent_qos_profile',
    'qod_provisioning_triggerProvisioning_401.1_no_authorization_header',
    'qod_provisioning_triggerProvisioning_401.2_expired_access_token',
    'qod_provisioning_triggerProvisioning_401.3_invalid_access_token',
    'qod_provisioning_triggerProvisioning_403.1_missing_access_token_scope',
    'qod_provisioning_triggerProvisioning_409.1_provisioning_conflict',
  ],
  'qod-provisioning-getProvisioningById': [
    'qod_provisioning_getProvisioningById_01_get_existing_qod_provisioning',
    'qod_provisioning_getProvisioningById_02_get_recent_unavailable',
    'qod_provisioning_getProvisioningById_400.1_invalid_id',
    'qod_provisioning_getProvisioningById_401.1_no_authorization_header',
    'qod_provisioning_getProvisioningById_401.2_expired_access_token',
    'qod_provisioning_getProvisioningById_401.3_invalid_access_token',
    'qod_provisioning_getProvisioningById_403.1_missing_access_token_scope',
    'qod_provisioning_getProvisioningById_403.2_different_client_id',
    'qod_provisioning_getProvisioningById_404.1_not_found',
  ],
  'qod-provisioning-retrieveProvisioningByDevice': [
    'qod_provisioning_retrieveProvisioningByDevice_01_get_existing_qod_provisioning_by_device',
    'qod_provisioning_retrieveProvisioningByDevice_C01.01_device_empty',
    'qod_provisioning_retrieveProvisioningByDevice_C01.02_device_identifiers_not_schema_compliant',
    'qod_provisioning_retrieveProvisioningByDevice_C01.03_device_not_found',
    'qod_provisioning_retrieveProvisioningByDevice_C01.04_unnecessary_device',
    'qod_provisioning_retrieveProvisioningByDevice_C01.05_missing_device',
    'qod_provisioning_retrieveProvisioningByDevice_C01.06_unsupported_device',
    'qod_provisioning_retrieveProvisioningByDevice_C01.07_device_not_supported',
    'qod_provisioning_retrieveProvisioningByDevice_C01.08_device_identifiers_mismatch',
    'qod_provisioning_retrieveProvisioningByDevice_400.1_schema_not_compliant',
    'qod_provisioning_retrieveProvisioningByDevice_400.2_no_request_body',
    'qod_provisioning_retrieveProvisioningByDevice_400.3_empty_request_body',
    'qod_provisioning_retrieveProvisioningByDevice_401.1_no_authorization_header',
    'qod_provisioning_retrieveProvisioningByDevice_401.2_expired_access_token',
    'qod_provisioning_retrieveProvisioningByDevice_401.3_invalid_access_token',
    'qod_provisioning_retrieveProvisioningByDevice_403.1_missing_access_token_scope',
    'qod_provisioning_retrieveProvisioningByDevice_403.2_different_client_id',
    'qod_provisioning_retrieveProvisioningByDevice_404.1_not_found',
  ],
  'qod-provisioning-revokeProvisioning': [
    'qod_provisioning_revokeProvisioning_01_delete_existing_qod_provisioning_sync',
    'qod_provisioning_revokeProvisioning_02_delete_existing_qod_provisioning_async',
    'qod_provisioning_revokeProvisioning_03_event_notification_sync',
    'qod_provisioning_revokeProvisioning_04_event_notification_async',
    'qod_provisioning_revokeProvisioning_400.1_invalid_id',
    'qod_provisioning_revokeProvisioning_401.1_no_authorization_header',
    'qod_provisioning_revokeProvisioning_401.2_expired_access_token',
    'qod_provisioning_revokeProvisioning_401.3_invalid_access_token',
    'qod_provisioning_revokeProvisioning_403.1_missing_access_token_scope',
    'qod_provisioning_revokeProvisioning_403.2_different_client_id',
    'qod_provisioning_revokeProvisioning_404.1_not_found',
  ],
};

/** Tag r3.2 (API 0.3.0): 23 + 9 + 16 + 11 = 59 scenarios. */
const R3_2: ByFeature = {
  'qos-provisioning-createQosAssignment': [
    'qos_provisioning_createQosAssignment_01_generic_success_scenario',
    'qos_provisioning_createQosAssignment_02_1_sinkcredential_provided',
    'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
    'qos_provisioning_createQosAssignment_03_3_legged_missing_device',
    'qos_provisioning_createQosAssignment_C01.01_device_empty',
    'qos_provisioning_createQosAssignment_C01.02_device_identifiers_not_schema_compliant',
    'qos_provisioning_createQosAssignment_C01.03_device_not_found',
    'qos_provisioning_createQosAssignment_C01.04_unnecessary_device',
    'qos_provisioning_createQosAssignment_C01.05_missing_device',
    'qos_provisioning_createQosAssignment_C01.06_unsupported_device',
    'qos_provisioning_createQosAssignment_C01.07_device_not_supported',
    'qos_provisioning_createQosAssignment_400.1_schema_not_compliant',
    'qos_provisioning_createQosAssignment_400.2_no_request_body',
    'qos_provisioning_createQosAssignment_400.3_empty_request_body',
    'qos_provisioning_createQosAssignment_400.7_invalid_sink_credential',
    'qos_provisioning_createQosAssignment_400.8_sink_credential_invalid_token',
    'qos_provisioning_createQosAssignment_400.9_non_existent_qos_profile',
    'qos_provisioning_createQosAssignment_401.1_no_authorization_header',
    'qos_provisioning_createQosAssignment_401.2_expired_access_token',
    'qos_provisioning_createQosAssignment_401.3_invalid_access_token',
    'qos_provisioning_createQosAssignment_403.1_missing_access_token_scope',
    'qos_provisioning_createQosAssignment_409.1_provisioning_conflict',
    'qos_provisioning_createQosAssignment_422.1_qos_profile_not_applicable',
  ],
  'qos-provisioning-getQosAssignmentById': [
    'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
    'qos_provisioning_getQosAssignmentById_02_get_recent_unavailable',
    'qos_provisioning_getQosAssignmentById_400.1_invalid_id',
    'qos_provisioning_getQosAssignmentById_401.1_no_authorization_header',
    'qos_provisioning_getQosAssignmentById_401.2_expired_access_token',
    'qos_provisioning_getQosAssignmentById_401.3_invalid_access_token',
    'qos_provisioning_getQosAssignmentById_403.1_missing_access_token_scope',
    'qos_provisioning_getQosAssignmentById_403.2_different_client_id',
    'qos_provisioning_getQosAssignmentById_404.1_not_found',
  ],
  'qos-provisioning-getQosAssignmentByDevice': [
    'qos_provisioning_getQosAssignmentByDevice_01_get_existing_qos_provisioning_by_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.01_device_empty',
    'qos_provisioning_getQosAssignmentByDevice_C01.02_device_identifiers_not_schema_compliant',
    'qos_provisioning_getQosAssignmentByDevice_C01.03_device_not_found',
    'qos_provisioning_getQosAssignmentByDevice_C01.04_unnecessary_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.05_missing_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.06_unsupported_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.07_device_not_supported',
    'qos_provisioning_getQosAssignmentByDevice_400.1_schema_not_compliant',
    'qos_provisioning_getQosAssignmentByDevice_400.2_no_request_body',
    'qos_provisioning_getQosAssignmentByDevice_401.1_no_authorization_header',
    'qos_provisioning_getQosAssignmentByDevice_401.2_expired_access_token',
    'qos_provisioning_getQosAssignmentByDevice_401.3_invalid_access_token',
    'qos_provisioning_getQosAssignmentByDevice_403.1_missing_access_token_scope',
    'qos_provisioning_getQosAssignmentByDevice_403.2_different_client_id',
    'qos_provisioning_getQosAssignmentByDevice_404.1_not_found',
  ],
  'qos-provisioning-revokeQosAssignment': [
    'qos_provisioning_revokeQosAssignment_01_delete_existing_qos_assignment_sync',
    'qos_provisioning_revokeQosAssignment_02_delete_existing_qos_assignment_async',
    'qos_provisioning_revokeQosAssignment_03_event_notification_sync',
    'qos_provisioning_revokeQosAssignment_04_event_notification_async',
    'qos_provisioning_revokeQosAssignment_400.1_invalid_id',
    'qos_provisioning_revokeQosAssignment_401.1_no_authorization_header',
    'qos_provisioning_revokeQosAssignment_401.2_expired_access_token',
    'qos_provisioning_revokeQosAssignment_401.3_invalid_access_token',
    'qos_provisioning_revokeQosAssignment_403.1_missing_access_token_scope',
    'qos_provisioning_revokeQosAssignment_403.2_different_client_id',
    'qos_provisioning_revokeQosAssignment_404.1_not_found',
  ],
};

/** Tag r4.1 (API 0.4.0-rc.1): 26 + 11 + 18 + 13 = 68 scenarios (r3.2's, plus 400.10 and 429.1 in each file and create 422.2). */
const R4_1: ByFeature = {
  'qos-provisioning-createQosAssignment': [
    'qos_provisioning_createQosAssignment_01_generic_success_scenario',
    'qos_provisioning_createQosAssignment_02_1_sinkcredential_provided',
    'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
    'qos_provisioning_createQosAssignment_03_3_legged_missing_device',
    'qos_provisioning_createQosAssignment_C01.01_device_empty',
    'qos_provisioning_createQosAssignment_C01.02_device_identifiers_not_schema_compliant',
    'qos_provisioning_createQosAssignment_C01.03_device_not_found',
    'qos_provisioning_createQosAssignment_C01.04_unnecessary_device',
    'qos_provisioning_createQosAssignment_C01.05_missing_device',
    'qos_provisioning_createQosAssignment_C01.06_unsupported_device',
    'qos_provisioning_createQosAssignment_C01.07_device_not_supported',
    'qos_provisioning_createQosAssignment_400.1_schema_not_compliant',
    'qos_provisioning_createQosAssignment_400.2_no_request_body',
    'qos_provisioning_createQosAssignment_400.3_empty_request_body',
    'qos_provisioning_createQosAssignment_400.7_invalid_sink_credential',
    'qos_provisioning_createQosAssignment_400.8_sink_credential_invalid_token',
    'qos_provisioning_createQosAssignment_400.9_non_existent_qos_profile',
    'qos_provisioning_createQosAssignment_400.10_invalid_x-correlator',
    'qos_provisioning_createQosAssignment_401.1_no_authorization_header',
    'qos_provisioning_createQosAssignment_401.2_expired_access_token',
    'qos_provisioning_createQosAssignment_401.3_invalid_access_token',
    'qos_provisioning_createQosAssignment_403.1_missing_access_token_scope',
    'qos_provisioning_createQosAssignment_409.1_provisioning_conflict',
    'qos_provisioning_createQosAssignment_422.1_qos_profile_not_applicable',
    'qos_provisioning_createQosAssignment_422.2_private_key_jwt_not_configured',
    'qos_provisioning_createQosAssignment_429.1_too_many_requests',
  ],
  'qos-provisioning-getQosAssignmentById': [
    'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
    'qos_provisioning_getQosAssignmentById_02_get_recent_unavailable',
    'qos_provisioning_getQosAssignmentById_400.1_invalid_id',
    'qos_provisioning_getQosAssignmentById_400.10_invalid_x-correlator',
    'qos_provisioning_getQosAssignmentById_401.1_no_authorization_header',
    'qos_provisioning_getQosAssignmentById_401.2_expired_access_token',
    'qos_provisioning_getQosAssignmentById_401.3_invalid_access_token',
    'qos_provisioning_getQosAssignmentById_403.1_missing_access_token_scope',
    'qos_provisioning_getQosAssignmentById_403.2_different_client_id',
    'qos_provisioning_getQosAssignmentById_404.1_not_found',
    'qos_provisioning_getQosAssignmentById_429.1_too_many_requests',
  ],
  'qos-provisioning-getQosAssignmentByDevice': [
    'qos_provisioning_getQosAssignmentByDevice_01_get_existing_qos_provisioning_by_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.01_device_empty',
    'qos_provisioning_getQosAssignmentByDevice_C01.02_device_identifiers_not_schema_compliant',
    'qos_provisioning_getQosAssignmentByDevice_C01.03_device_not_found',
    'qos_provisioning_getQosAssignmentByDevice_C01.04_unnecessary_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.05_missing_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.06_unsupported_device',
    'qos_provisioning_getQosAssignmentByDevice_C01.07_device_not_supported',
    'qos_provisioning_getQosAssignmentByDevice_400.1_schema_not_compliant',
    'qos_provisioning_getQosAssignmentByDevice_400.2_no_request_body',
    'qos_provisioning_getQosAssignmentByDevice_400.10_invalid_x-correlator',
    'qos_provisioning_getQosAssignmentByDevice_401.1_no_authorization_header',
    'qos_provisioning_getQosAssignmentByDevice_401.2_expired_access_token',
    'qos_provisioning_getQosAssignmentByDevice_401.3_invalid_access_token',
    'qos_provisioning_getQosAssignmentByDevice_403.1_missing_access_token_scope',
    'qos_provisioning_getQosAssignmentByDevice_403.2_different_client_id',
    'qos_provisioning_getQosAssignmentByDevice_404.1_not_found',
    'qos_provisioning_getQosAssignmentByDevice_429.1_too_many_requests',
  ],
  'qos-provisioning-revokeQosAssignment': [
    'qos_provisioning_revokeQosAssignment_01_delete_existing_qos_assignment_sync',
    'qos_provisioning_revokeQosAssignment_02_delete_existing_qos_assignment_async',
    'qos_provisioning_revokeQosAssignment_03_event_notification_sync',
    'qos_provisioning_revokeQosAssignment_04_event_notification_async',
    'qos_provisioning_revokeQosAssignment_400.1_invalid_id',
    'qos_provisioning_revokeQosAssignment_400.10_invalid_x-correlator',
    'qos_provisioning_revokeQosAssignment_401.1_no_authorization_header',
    'qos_provisioning_revokeQosAssignment_401.2_expired_access_token',
    'qos_provisioning_revokeQosAssignment_401.3_invalid_access_token',
    'qos_provisioning_revokeQosAssignment_403.1_missing_access_token_scope',
    'qos_provisioning_revokeQosAssignment_403.2_different_client_id',
    'qos_provisioning_revokeQosAssignment_404.1_not_found',
    'qos_provisioning_revokeQosAssignment_429.1_too_many_requests',
  ],
};

/** Scenario Outlines and their Examples rows (a runner executes one case per row); every other ID is one Scenario. */
export const OUTLINE_ROWS: Readonly<Record<string, number>> = {
  'qos_provisioning_createQosAssignment_C01.02_device_identifiers_not_schema_compliant': 4,
  'qos_provisioning_createQosAssignment_400.7_invalid_sink_credential': 2,
  'qos_provisioning_getQosAssignmentByDevice_C01.02_device_identifiers_not_schema_compliant': 4,
  'qod_provisioning_triggerProvisioning_C01.02_device_identifiers_not_schema_compliant': 4,
  'qod_provisioning_triggerProvisioning_400.7_invalid_sink_credential': 2,
  'qod_provisioning_retrieveProvisioningByDevice_C01.02_device_identifiers_not_schema_compliant': 4,
};

const RELEASES: Readonly<Record<ProvisioningVersion, { release: string; byFeature: ByFeature }>> = {
  '0.2.0': { release: 'r2.2', byFeature: R2_2 },
  '0.3.0': { release: 'r3.2', byFeature: R3_2 },
  '0.4.0-rc.1': { release: 'r4.1', byFeature: R4_1 },
};

const flatten = (byFeature: ByFeature): string[] => PROVISIONING_FEATURE_FILES.flatMap((feature) => byFeature[feature] ?? []);

/** The official scenarios of a QoS Provisioning version (every bundled version has a release). */
export function provisioningScenarioIdsFor(version: ProvisioningVersion): ScenarioSet {
  const { release, byFeature } = RELEASES[version];
  return { release, ids: flatten(byFeature) };
}

/** The scenario IDs of one feature file at one version (empty when that release has no such file). */
export function provisioningFeatureIds(version: ProvisioningVersion, feature: ProvisioningFeatureFile): readonly string[] {
  return RELEASES[version].byFeature[feature] ?? [];
}

/** Test cases a runner executes for these IDs: one per Examples row of an outline. */
export function expandedCount(ids: readonly string[]): number {
  return ids.reduce((n, id) => n + (OUTLINE_ROWS[id] ?? 1), 0);
}

/** Every provisioning ID of every release. */
export const ALL_PROVISIONING_SCENARIO_IDS: ReadonlySet<string> = new Set([...flatten(R2_2), ...flatten(R3_2), ...flatten(R4_1)]);

/** The feature file a provisioning scenario ID belongs to (undefined for unknown IDs). */
export function provisioningFeatureOf(id: string): ProvisioningFeatureFile | undefined {
  return PROVISIONING_FEATURE_FILES.find((feature) => [R2_2, R3_2, R4_1].some((r) => r[feature]?.includes(id)));
}

export interface ProvisioningConflict {
  /** Item number in PROVISIONING.md "Conflicts and ambiguities" (C1..C20). */
  number: number;
  /** Provisioning versions whose test definitions or spec the item concerns. */
  appliesTo: readonly ProvisioningVersion[];
  text: string;
}

const ALL: readonly ProvisioningVersion[] = ['0.2.0', '0.3.0', '0.4.0-rc.1'];

/** Where the official provisioning test definitions and the OpenAPI files disagree, and the spec's own gaps. */
export const PROVISIONING_CONFLICTS: readonly ProvisioningConflict[] = [
  {
    number: 1,
    appliesTo: ['0.2.0', '0.3.0'],
    text: 'qosStatus: event data requires an undeclared qosStatus while the tests (create 02 / 02_2, revoke 03, 04) expect data.status; an event with only status fails the schema step literally (fixed in 0.4.0-rc.1).',
  },
  {
    number: 2,
    appliesTo: ALL,
    text: 'Deleted but readable: getQosAssignmentById 02 (r2.2 getProvisioningById 02) expects 200 UNAVAILABLE for a record revoked in the last 360 s; the spec keeps UNAVAILABLE records 360 s but never says a revoked one stays readable (404 reads as well).',
  },
  {
    number: 3,
    appliesTo: ALL,
    text: 'statusInfo while an asynchronous revoke runs: revoke 02 expects AVAILABLE + DELETE_REQUESTED, while create/get 01 allow statusInfo only when UNAVAILABLE; the spec does not say what a read returns meanwhile.',
  },
  {
    number: 4,
    appliesTo: ALL,
    text: 'startedAt: create and get-by-device 01 allow it only when AVAILABLE, get-by-id 01 whenever not REQUESTED, revoke 02 requires it; the spec only forbids it while REQUESTED and its UNAVAILABLE examples carry it.',
  },
  {
    number: 5,
    appliesTo: ALL,
    text: 'Echoed device: the 01 scenarios and revoke 02 want device returned unchanged; the spec returns the one identifier used (DeviceResponse from 0.3.0, the same in 0.2.0 prose) and may omit it when one was sent.',
  },
  {
    number: 6,
    appliesTo: ALL,
    text: 'Callback Authorization: some scenarios write "Bearer: " + token (with a colon: r2.2 trigger 02, revoke 03, 04; r3.2/r4.1 revoke 03); notificationsBearerAuth is HTTP bearer, "Bearer <token>" (RFC 6750).',
  },
  {
    number: 7,
    appliesTo: ['0.2.0'],
    text: 'r2.2 names that are not in the 0.2.0 spec: $.sinkCredentials (plural), $.device.networkIdentifier (so that C01.02 row is schema-valid), schema triggerProvisioning (lower case), operation createProvisioning; fixed at r3.2.',
  },
  {
    number: 8,
    appliesTo: ALL,
    text: 'credentialType PLAIN/REFRESHTOKEN (400.7): r2.2/r3.2 expect INVALID_CREDENTIAL though the discriminator makes the body a schema error first (INVALID_ARGUMENT); r4.1 expects INVALID_ARGUMENT (values removed) with an outdated comment.',
  },
  {
    number: 9,
    appliesTo: ALL,
    text: 'Unknown qosProfile (400.9): 400 INVALID_ARGUMENT is expected; the spec names no code, 404 NOT_FOUND is in the create 404 enum, and QOS_PROFILE_NOT_APPLICABLE (0.3.0+) is for profiles that exist.',
  },
  {
    number: 10,
    appliesTo: ALL,
    text: 'Ineligible device: C01.07 expects 422 SERVICE_NOT_APPLICABLE, while the create description also allows 201 UNAVAILABLE when the operator knows it cannot fulfil the request.',
  },
  {
    number: 11,
    appliesTo: ALL,
    text: 'Missing or contradictory HTTP status steps: create 409.1 and get-by-device 400.1 assert only the body status; r2.2 revoke 400.1 asserts HTTP 404 with body status 400 INVALID_ARGUMENT.',
  },
  {
    number: 12,
    appliesTo: ['0.2.0'],
    text: 'r2.2 retrieveProvisioningByDevice 400.3 expects 400 for {}, which is schema-valid (422 MISSING_IDENTIFIER with a 2-legged token, a normal request with a 3-legged one); dropped at r3.2.',
  },
  { number: 13, appliesTo: ALL, text: 'Malformed id (400.1): 400 INVALID_ARGUMENT is asserted, while the file comment accepts 404 NOT_FOUND when the UUID format is not validated.' },
  {
    number: 14,
    appliesTo: ALL,
    text: 'Expired token (401.2): r2.2 accepts UNAUTHENTICATED or AUTHENTICATION_REQUIRED (both in 0.2.0); r3.2/r4.1 assert only UNAUTHENTICATED but keep the comment that both could apply.',
  },
  {
    number: 15,
    appliesTo: ALL,
    text: "Ownership (403.2_different_client_id): 403 PERMISSION_DENIED is fixed though the spec names no code (404 NOT_FOUND reads as well for get-by-device); nor does it say whether 409 applies to another consumer's assignment.",
  },
  {
    number: 16,
    appliesTo: ALL,
    text: 'NAI in C01.02: networkAccessIdentifier is an unconstrained string (0.4.0-rc.1 adds only maxLength 2048), so only a non-string or over-long value breaks it; a valid NAI leads to C01.06 UNSUPPORTED_IDENTIFIER instead.',
  },
  {
    number: 17,
    appliesTo: ['0.4.0-rc.1'],
    text: 'sinkCredential in answers: 0.4.0-rc.1 marks accessToken, accessTokenType, clientId, tokenUri writeOnly, yet its own response examples return accessToken and accessTokenType; no scenario checks it.',
  },
  {
    number: 18,
    appliesTo: ['0.4.0-rc.1'],
    text: "Invalid x-correlator: the r4.1 400.10 scenarios require 400 INVALID_ARGUMENT, while the spec only gives the header's schema (r2.2/r3.2 have no such scenario).",
  },
  {
    number: 19,
    appliesTo: ALL,
    text: 'Not covered by any scenario: NETWORK_TERMINATED event, event after a REQUESTED create, create answering 201 UNAVAILABLE, revoke of an UNAVAILABLE record, deletion after 360 s, 409 over an old UNAVAILABLE record, 3-legged subject rule, INVALID_SINK, body strictness (0.4.0-rc.1), PRIVATE_KEY_JWT delivery, OUT_OF_RANGE, QUOTA_EXCEEDED, 410 GONE, one identifier among several, publicPort 0.',
  },
  {
    number: 20,
    appliesTo: ALL,
    text: 'Spec defects: Status and CloudEvent without type and QosProfileName format string (0.2.0, 0.3.0); duration in a 0.2.0 example; example event source path /qos-provisioning/v0.4/; an operation assignQosProfile named that does not exist; ACCESS_TOKEN_EXPIRED mentioned (0.4.0-rc.1); bearerFormat holding a runtime expression.',
  },
];

/** The notes on the standard that matter for one provisioning version ("C<n>." numbered). */
export function provisioningStandardNotesFor(version: ProvisioningVersion): string[] {
  return PROVISIONING_CONFLICTS.filter((c) => c.appliesTo.includes(version)).map((c) => `C${c.number}. ${c.text}`);
}
