// Named faults of the reference provider's QoS Provisioning API (issue 26): each breaks one rule
// class of the provisioning spec. `breaks` names `provisioning.*` prose rules (specs/rules/prose.json)
// or generated schema rules of the 0.3.0 operations (0.2.0 / 0.4.0-rc.1 ones where `version` says so).
// `catches` names the check of suites/provisioning/ that must fail under the fault (its registry ID or official scenario ID).
import type { FaultInfo } from './faults.js';

const api = 'qos-provisioning' as const;

export const PROVISIONING_FAULTS = {
  // lifecycle
  'assignment-create-200': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.create-201-assignment-info'],
    description: 'createQosAssignment answers 200 instead of 201',
    catches: 'qos_provisioning_createQosAssignment_01_generic_success_scenario',
  },
  'assignment-id-field-wrong': {
    api,
    area: 'lifecycle',
    breaks: ['schema.createQosAssignment.response.201./assignmentId.required', 'provisioning.create-201-assignment-info'],
    description: 'the assignment record names its id `id` instead of `assignmentId` (every answer that carries the record)',
    catches: 'qos_provisioning_createQosAssignment_01_generic_success_scenario',
  },
  'assignment-conflict-not-detected': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.one-per-device-409'],
    description: 'a second assignment for a device that already has one is created (201) instead of 409 CONFLICT',
    catches: 'qos_provisioning_createQosAssignment_409.1_provisioning_conflict',
  },
  'assignment-device-blocked-after-revoke': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.revoke-204-gone'],
    description: 'after a revoke, a new assignment for the same device is still refused with 409 CONFLICT',
    catches: 'revokeQosAssignment.frees-device',
  },
  'assignment-revoke-leaves-active': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.revoke-204-gone'],
    description: "revokeQosAssignment answers 204 but the assignment stays AVAILABLE and is still the device's (get and get-by-device find it)",
    catches: 'qos_provisioning_revokeQosAssignment_01_delete_existing_qos_assignment_sync',
  },
  'assignment-revoke-202-empty': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.revoke-202-delete-requested'],
    description: 'revokeQosAssignment answers 202 without the AssignmentInfo body the 202 answer documents',
    catches: 'qos_provisioning_revokeQosAssignment_02_delete_existing_qos_assignment_async',
  },
  'assignment-status-info-on-available': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.status-info-reason'],
    description: 'an AVAILABLE assignment carries statusInfo NETWORK_TERMINATED',
    catches: 'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
  },
  'assignment-started-at-future': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.started-at-when-available'],
    description: 'startedAt of an AVAILABLE assignment lies one hour in the future',
    catches: 'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
  },
  'assignment-readback-drops-sink': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.read-back-as-created'],
    description: 'an assignment read back (by id or by device) has lost the sink it was created with',
    catches: 'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
  },
  'assignment-refused-create-kept': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.refused-changes-nothing'],
    description: 'a create refused for a profile that cannot be used (422) still leaves an assignment on the device (a later create is 409)',
    catches: 'qos_provisioning_createQosAssignment_422.1_qos_profile_not_applicable',
  },
  'assignment-by-device-none-wrong-code': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.by-device-one-or-404'],
    description: 'getQosAssignmentByDevice for a known device without an assignment answers 404 IDENTIFIER_NOT_FOUND instead of NOT_FOUND',
    catches: 'qos_provisioning_getQosAssignmentByDevice_404.1_not_found',
  },
  'assignment-by-device-other-device': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.by-device-one-or-404'],
    description: "getQosAssignmentByDevice answers the client's most recent assignment whatever device was asked for",
    catches: 'getQosAssignmentByDevice.own-record',
  },
  // profiles
  'assignment-profile-not-applicable-accepted': {
    api,
    area: 'profiles',
    breaks: ['provisioning.profile-not-applicable-422'],
    description: 'an existing profile that cannot be used (INACTIVE) is assigned (201) instead of 422 QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE',
    catches: 'qos_provisioning_createQosAssignment_422.1_qos_profile_not_applicable',
  },
  'assignment-unknown-profile-accepted': {
    api,
    area: 'profiles',
    breaks: ['provisioning.unknown-profile'],
    description: 'a qosProfile that names no profile is assigned (201)',
    catches: 'qos_provisioning_createQosAssignment_400.9_non_existent_qos_profile',
  },
  // devices (the shared device resolution, with its fault of the same rule on: devices.ts)
  'assignment-missing-device-accepted': {
    api,
    area: 'devices',
    breaks: ['provisioning.missing-identifier-422'],
    description: 'a 2-legged create without device is accepted instead of 422 MISSING_IDENTIFIER',
    catches: 'qos_provisioning_createQosAssignment_C01.05_missing_device',
  },
  'assignment-unnecessary-device-accepted': {
    api,
    area: 'devices',
    breaks: ['provisioning.unnecessary-identifier-422'],
    description: 'a 3-legged create that also names a device is accepted instead of 422 UNNECESSARY_IDENTIFIER',
    catches: 'qos_provisioning_createQosAssignment_C01.04_unnecessary_device',
  },
  'assignment-unknown-device-201': {
    api,
    area: 'devices',
    breaks: ['provisioning.unknown-device-404'],
    description: 'an identifier that matches no device gets an assignment (201) instead of 404 IDENTIFIER_NOT_FOUND',
    catches: 'qos_provisioning_createQosAssignment_C01.03_device_not_found',
  },
  'assignment-unsupported-identifier-accepted': {
    api,
    area: 'devices',
    breaks: ['provisioning.unsupported-identifier-422'],
    description: 'a device named only by networkAccessIdentifier (not supported) is resolved instead of 422 UNSUPPORTED_IDENTIFIER',
    catches: 'qos_provisioning_createQosAssignment_C01.06_unsupported_device',
  },
  'assignment-ineligible-device-accepted': {
    api,
    area: 'devices',
    breaks: ['provisioning.service-not-applicable-422'],
    description: 'a device the service is not offered for gets an assignment instead of 422 SERVICE_NOT_APPLICABLE',
    catches: 'qos_provisioning_createQosAssignment_C01.07_device_not_supported',
  },
  'assignment-device-echo-all-identifiers': {
    api,
    area: 'devices',
    breaks: ['schema.createQosAssignment.response.201./device.maxProperties', 'provisioning.one-identifier-echoed'],
    description: 'a create with several identifiers echoes all of them instead of the one used (DeviceResponse: maxProperties 1)',
    catches: 'createQosAssignment.one-identifier-echoed',
  },
  'assignment-ipv4-private-unresolved': {
    api,
    area: 'devices',
    breaks: ['provisioning.create-201-assignment-info'],
    description: 'a create naming a known device by its ipv4Address (publicAddress and privateAddress) alone answers 404 IDENTIFIER_NOT_FOUND',
    catches: 'createQosAssignment.boundary.device-ipv4-private-address',
  },
  'assignment-identifiers-not-cross-checked': {
    api,
    area: 'devices',
    version: '1.0.0',
    breaks: ['provisioning.identifier-mismatch-422'],
    description: 'QoS Provisioning 0.2.0: identifiers of two different devices are accepted instead of 422 IDENTIFIER_MISMATCH',
    catches: 'qod_provisioning_triggerProvisioning_C01.08_device_identifiers_mismatch',
  },
  // auth
  'assignment-missing-scope-accepted': {
    api,
    area: 'auth',
    breaks: ['provisioning.missing-scope-403'],
    description: 'the provisioning operations do not check the scopes of the token (no 403 PERMISSION_DENIED)',
    catches: 'qos_provisioning_createQosAssignment_403.1_missing_access_token_scope',
  },
  'assignment-other-client-visible': {
    api,
    area: 'auth',
    breaks: ['provisioning.other-client'],
    description: "another API client's assignment can be read and revoked",
    catches: 'qos_provisioning_getQosAssignmentById_403.2_different_client_id',
  },
  // check order (the switches of QoD's validate-before-auth and lookup-before-auth, for these operations)
  'assignment-validate-before-auth': {
    api,
    area: 'auth',
    breaks: ['provisioning.auth-before-validation', 'provisioning.authz-before-validation'],
    description:
      'a malformed assignment id and the request body are validated before the access token and its scopes: an invalid request without credentials (or the scope) gets 400 instead of 401 (403)',
    catches: 'check-order.auth-before-validation.createQosAssignment',
  },
  'assignment-lookup-before-auth': {
    api,
    area: 'auth',
    breaks: ['provisioning.auth-before-lookup'],
    description: 'a well-formed but unknown assignment id is looked up before the access token: a request for it without credentials (or the scope) gets 404 instead of 401 (403)',
    catches: 'check-order.auth-before-lookup.getQosAssignmentById',
  },
  // headers
  'assignment-no-correlator-echo': {
    api,
    area: 'headers',
    breaks: ['provisioning.x-correlator-echo'],
    description: 'the provisioning answers do not echo x-correlator',
    catches: 'qos_provisioning_createQosAssignment_01_generic_success_scenario',
  },
  'assignment-invalid-correlator-accepted': {
    api,
    area: 'headers',
    breaks: [
      'schema.createQosAssignment.request.param/x-correlator.pattern',
      'schema.getQosAssignmentByDevice.request.param/x-correlator.pattern',
      'schema.getQosAssignmentById.request.param/x-correlator.pattern',
      'schema.revokeQosAssignment.request.param/x-correlator.pattern',
    ],
    description: 'an x-correlator violating the XCorrelator pattern is accepted and echoed by the provisioning operations',
    catches: 'x-correlator-pattern.provisioning',
  },
  // validation
  'assignment-request-schema-unchecked': {
    api,
    area: 'validation',
    breaks: [
      'schema.createQosAssignment.request./qosProfile.required',
      'schema.createQosAssignment.request./qosProfile.pattern',
      'schema.createQosAssignment.request./qosProfile.minLength',
      'schema.createQosAssignment.request./device.minProperties',
      'schema.createQosAssignment.request./device/phoneNumber.pattern',
      'schema.getQosAssignmentByDevice.request./device.minProperties',
      'schema.getQosAssignmentByDevice.request./device/phoneNumber.pattern',
      'schema.createQosAssignment.request./device/ipv4Address/publicAddress.format',
      'schema.createQosAssignment.request./device/ipv6Address.format',
      'schema.createQosAssignment.request./device/networkAccessIdentifier.type',
      'schema.createQosAssignment.request./sinkCredential/accessTokenType.enum',
      'schema.createQosAssignment.request./sink.pattern',
      // What it then accepts comes back in the 201 answer.
      'schema.createQosAssignment.response.201./sink.pattern',
    ],
    description: 'provisioning request bodies are not validated against their schemas',
    catches: 'qos_provisioning_createQosAssignment_C01.01_device_empty',
  },
  'assignment-no-get-route': {
    api,
    area: 'lifecycle',
    breaks: ['provisioning.operation-served'],
    description: 'the read-by-id route is missing: GET of an assignment answers an Express-style 404 "Cannot GET ..." HTML page',
    catches: 'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
    collateral: {
      checks: '*',
      why: 'every check of the file reads an assignment by its id: each fails as "operation getQosAssignmentById not implemented"',
    },
  },
  'assignment-content-type-wrong': {
    api,
    area: 'headers',
    breaks: ['provisioning.content-type-json'],
    description: 'the successful JSON answers of the QoS Provisioning operations are labelled text/plain',
    catches: 'qos_provisioning_getQosAssignmentById_01_get_existing_qos_assignment',
    collateral: {
      checks: '*',
      why: 'every check of the file reads an assignment created with a successful answer, whose Content-Type is wrong',
    },
  },
  'assignment-notification-bearer-without-credential': {
    api,
    area: 'notifications',
    breaks: ['provisioning.no-authorization-without-credential'],
    description: 'events to a sink given without sinkCredential carry an Authorization: Bearer header with a token of the provider',
    catches: 'createQosAssignment.event-without-credential',
  },
  'assignment-429-code-wrong': {
    api,
    area: 'headers',
    breaks: ['provisioning.code-per-status'],
    description: "a QoS Provisioning operation's 429 carries code RATE_LIMITED (in no version's 429 enum) instead of TOO_MANY_REQUESTS",
    catches: 'rate-limit.429.getQosAssignmentById',
  },
  'assignment-profile-max-length-refused': {
    api,
    area: 'validation',
    breaks: ['schema.createQosAssignment.request./qosProfile.maxLength'],
    description: 'a qosProfile of 256 characters (QosProfileName maxLength, read as exclusive) is refused with 400 OUT_OF_RANGE instead of being judged as a name',
    catches: 'createQosAssignment.schema-boundaries',
  },
  'assignment-device-port-max-refused': {
    api,
    area: 'validation',
    breaks: ['schema.getQosAssignmentByDevice.request./device/ipv4Address/publicPort.maximum', 'schema.createQosAssignment.request./device/ipv4Address/publicPort.maximum'],
    description: 'a device whose ipv4Address.publicPort is 65535 (Port maximum, read as exclusive) is refused with 400 OUT_OF_RANGE by create and get by device',
    catches: 'getQosAssignmentByDevice.schema-boundaries',
  },
  'assignment-credential-expiry-window': {
    api,
    area: 'notifications',
    breaks: ['provisioning.create-201-assignment-info'],
    description: 'an ACCESSTOKEN sinkCredential whose accessTokenExpiresUtc lies more than 7 days ahead is refused with 400 INVALID_CREDENTIAL (the spec sets no such limit)',
    catches: 'createQosAssignment.property.valid-bodies',
  },
  'assignment-sink-query-refused': {
    api,
    area: 'notifications',
    breaks: ['provisioning.create-201-assignment-info'],
    description: 'a sink URL with a query string (a valid https URI) is refused with 400 INVALID_SINK',
    catches: 'createQosAssignment.boundary.sink-forms',
  },
  'assignment-sink-http-accepted': {
    api,
    area: 'notifications',
    breaks: ['schema.createQosAssignment.request./sink.pattern', 'provisioning.sink-https'],
    description: 'an http (not https) sink is accepted',
    catches: 'createQosAssignment.sink-https-only',
  },
  'assignment-plain-credential-accepted': {
    api,
    area: 'notifications',
    breaks: ['provisioning.credential-accesstoken-only'],
    description: 'a PLAIN or REFRESHTOKEN sinkCredential is not refused with 400 INVALID_CREDENTIAL',
    catches: 'qos_provisioning_createQosAssignment_400.7_invalid_sink_credential',
  },
  'assignment-token-type-accepted': {
    api,
    area: 'notifications',
    breaks: ['schema.createQosAssignment.request./sinkCredential/accessTokenType.enum', 'provisioning.credential-token-type'],
    description: 'a sinkCredential whose accessTokenType is not bearer is accepted',
    catches: 'qos_provisioning_createQosAssignment_400.8_sink_credential_invalid_token',
  },
  'assignment-private-key-jwt-accepted': {
    api,
    area: 'notifications',
    version: '1.2.0-rc.3',
    breaks: ['provisioning.private-key-jwt-not-configured'],
    description: 'QoS Provisioning 0.4.0-rc.1: a PRIVATE_KEY_JWT sinkCredential without an agreed key set is accepted instead of 422 PRIVATE_KEY_JWT_NOT_CONFIGURED',
    catches: 'qos_provisioning_createQosAssignment_422.2_private_key_jwt_not_configured',
  },
  'assignment-unknown-property-accepted': {
    api,
    area: 'validation',
    version: '1.2.0-rc.3',
    breaks: ['provisioning.unknown-properties-400'],
    description: 'QoS Provisioning 0.4.0-rc.1: a body property the spec does not declare is ignored instead of 400 INVALID_ARGUMENT',
    catches: 'createQosAssignment.unknown-property-400',
  },
  // notifications
  'assignment-notification-missing': {
    api,
    area: 'notifications',
    breaks: ['provisioning.outcome-event', 'provisioning.revoke-event'],
    description: 'no status-changed event is ever posted to the sink',
    catches: 'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
  },
  'assignment-notification-wrong-type': {
    api,
    area: 'notifications',
    breaks: ['provisioning.event-type'],
    description: 'status-changed events carry the QoD event type instead of the provisioning one',
    catches: 'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
  },
  'assignment-notification-qod-data': {
    api,
    area: 'notifications',
    breaks: ['provisioning.event-data'],
    description: 'status-changed event data names sessionId and qosStatus (QoD) instead of assignmentId and status',
    catches: 'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
  },
  'assignment-notification-no-bearer': {
    api,
    area: 'notifications',
    breaks: ['provisioning.sink-credential-bearer'],
    description: 'events are posted without the Authorization: Bearer header although an ACCESSTOKEN sinkCredential was given',
    catches: 'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
  },
  'assignment-no-revoke-event': {
    api,
    area: 'notifications',
    breaks: ['provisioning.revoke-event'],
    description: 'revoking an AVAILABLE assignment posts no UNAVAILABLE + DELETE_REQUESTED event',
    catches: 'qos_provisioning_revokeQosAssignment_03_event_notification_sync',
  },
} as const satisfies Record<string, FaultInfo>;

/**
 * The device-resolution faults of QoD (devices.ts, versions/compat.ts) that the provisioning faults
 * above switch on for the provisioning operations only: one resolution, each API its own switch.
 */
export const PROVISIONING_DEVICE_FAULTS = {
  'assignment-missing-device-accepted': 'missing-device-accepted',
  'assignment-unnecessary-device-accepted': 'unnecessary-device-accepted',
  'assignment-unknown-device-201': 'unknown-device-201',
  'assignment-unsupported-identifier-accepted': 'unsupported-identifier-accepted',
  'assignment-ineligible-device-accepted': 'ineligible-device-accepted',
  'assignment-device-echo-all-identifiers': 'device-echo-all-identifiers',
  'assignment-identifiers-not-cross-checked': 'v010-identifiers-not-cross-checked',
} as const;
