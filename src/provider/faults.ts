// Named fault switches of the reference provider. Each one breaks exactly one rule, so the
// project's own tests can prove that the conformance check guarding that rule can fail.
// `catches` names the official scenario (or our check) expected to turn red with the fault on.
import type { Area } from '../config/types.js';

export interface FaultInfo {
  description: string;
  area: Area;
  catches: string;
  /** The QoD version whose run holds the catching check (default: the run's default, 1.1.0). */
  version?: string;
  /** The operator dialect of that run (default: camara). */
  dialect?: string;
  /**
   * The other checks of the catch's suite file the fault may fail too, and why (the fault self-test
   * fails on any other): names or scenario IDs as in `catches`, or '*' when the broken rule is
   * one every check of the file relies on.
   */
  collateral?: Collateral;
}

export interface Collateral {
  checks: readonly string[] | '*';
  why: string;
}

export const FAULTS = {
  // lifecycle
  'wrong-success-status': {
    area: 'lifecycle',
    description: 'createSession answers 200 instead of 201',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: ['@quality_on_demand_createSession_02_1_sinkcredential_provided', '@quality_on_demand_createSession_02_2_event_received', '@quality_on_demand_createSession_03_3_legged_missing_device', '@quality_on_demand_createSession_409.1_session_conflict'],
      why: 'every scenario of the file that first creates a session expects that create to answer 201',
    },
  },
  'no-expiry': {
    area: 'lifecycle',
    description: 'sessions never expire: still AVAILABLE after `duration` seconds',
    catches: 'a session turns UNAVAILABLE with statusInfo DURATION_EXPIRED',
    collateral: {
      checks: ['an expired session stays readable', 'a session that is no longer AVAILABLE cannot be extended'],
      why: 'both need a session that expired: they report the missing expiry itself, under its rule',
    },
  },
  'expires-at-wrong': {
    area: 'lifecycle',
    description: 'expiresAt is one hour later than startedAt + duration',
    catches: 'startedAt/expiresAt: absent while REQUESTED',
    collateral: {
      checks: ['an extension moves expiresAt by exactly the time it granted', 'extensions are capped at the profile'],
      why: 'every extension answer repeats the wrong expiresAt, and these checks read it',
    },
  },
  'delete-leaves-session': {
    area: 'lifecycle',
    description: 'deleteSession answers 204 but the session stays readable (get → 200)',
    catches: 'a deleted session is gone',
  },
  'device-blocked-after-delete': {
    area: 'lifecycle',
    description: 'deleteSession answers 204 and the session is gone, but its device stays blocked: every later create for it is 409 CONFLICT',
    catches: 'a deleted session is gone',
    collateral: {
      checks: '*',
      why: 'every device of the file is blocked after the first check that used it deleted its session: every later create for it is refused',
    },
  },
  'delete-refused': {
    area: 'lifecycle',
    description: 'deleteSession refuses every deletion (409 CONFLICT): sessions stay live, as with a provider whose delete is broken',
    catches: '@quality_on_demand_deleteSession_01_delete_existing_qod_session',
    collateral: {
      checks: '*',
      why: 'every check of the file deletes a session or depends on a deleted one; the devices whose cleanup failed leave the pool, so the rest skip',
    },
  },
  'no-extend-route': {
    area: 'lifecycle',
    description: 'the extend route is missing: POST /sessions/{id}/extend answers an Express-style 404 "Cannot POST ..." HTML page',
    catches: '@quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file calls the missing operation: each fails as "operation extendQosSessionDuration not implemented"',
    },
  },
  'fastapi-errors': {
    area: 'lifecycle',
    description: 'error answers carry FastAPI\'s {"detail": message} instead of ErrorInfo (and {"detail": "Not Found"} for an unknown path)',
    catches: '@quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer of the file has the FastAPI body',
    },
  },
  'extend-unavailable-allowed': {
    area: 'lifecycle',
    description: 'a session that is not AVAILABLE can be extended (200 instead of 409)',
    catches: '@quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
  },
  'conflict-not-detected': {
    area: 'lifecycle',
    description: 'a second session for a device with an active session is created (201 instead of 409)',
    catches: '@quality_on_demand_createSession_409.1_session_conflict',
  },
  'session-schema-violation': {
    area: 'lifecycle',
    description: 'SessionInfo carries qosStatus "ACTIVE" (not in the QosStatus enum)',
    // The create answer is the createSession checks' subject; elsewhere a create is setup (not exercised).
    catches: '@quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives the SessionInfo that breaks the schema',
    },
  },
  'times-wrong-format': {
    area: 'lifecycle',
    description: "startedAt/expiresAt use the other version family's form (epoch seconds in 0.11.1+, RFC 3339 strings in 0.8.1/0.10.1)",
    catches: '@quality_on_demand_getSession_01_get_existing_session',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives the badly formatted startedAt/expiresAt',
    },
  },
  'session-id-field-wrong': {
    area: 'lifecycle',
    description: 'SessionInfo names the session id `id` (0.10.1+: must be `sessionId`) or `sessionId` (0.8.1: must be `id`)',
    // The create answer is the createSession checks' subject; elsewhere a create is setup (not exercised).
    catches: '@quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives a SessionInfo without its required id',
    },
  },
  // duration
  'duration-zero-accepted': {
    area: 'duration',
    description: 'duration 0 (below the schema minimum 1) is accepted: 201',
    catches: 'boundary: duration 0 is refused',
    collateral: {
      checks: ['boundary: duration -1 is refused'],
      why: 'the fault lets the schema minimum 1 through, which -1 breaks as well as 0',
    },
  },
  'duration-over-max-accepted': {
    area: 'duration',
    description: "a duration above the profile's maxDuration is granted as requested: 201",
    catches: '@quality_on_demand_createSession_400.9_invalid_duration',
  },
  'duration-out-of-range-wrong-code': {
    area: 'duration',
    description: 'a duration outside the profile limits gives code DURATION_OUT_OF_RANGE (prefix missing)',
    catches: 'quality_on_demand_createSession_400.9_invalid_duration',
  },
  'extend-uncapped': {
    area: 'duration',
    description: "extension is not capped: the total duration may exceed the profile's maxDuration",
    catches: '@quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
  },
  'extend-expiry-not-moved': {
    area: 'duration',
    description: 'an extension raises duration but leaves expiresAt (and the actual end of the session) where it was',
    catches: 'an extension moves expiresAt by exactly the time it granted',
    collateral: {
      checks: ['extensions are capped at the profile'],
      why: 'the capped extensions read expiresAt after each extension too',
    },
  },
  // ports
  'port-out-of-range-accepted': {
    area: 'ports',
    description: 'ports outside 0..65535 (e.g. 65536) are accepted',
    catches: '@quality_on_demand_createSession_400.5_out_of_range_port',
  },
  'port-zero-rejected': {
    area: 'ports',
    description: 'port 0 is refused with 400 OUT_OF_RANGE although 1.1.0 allows 0..65535',
    catches: 'check: port 0 is valid in 1.1.0 (Port minimum 0)',
  },
  'ports-not-echoed': {
    area: 'ports',
    description: 'devicePorts and applicationServerPorts are dropped from SessionInfo',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario',
  },
  'readback-drops-ports': {
    area: 'ports',
    description: 'the create answer carries devicePorts and applicationServerPorts, but getSession, extend and retrieve drop them',
    catches: 'read-back — a session created with every optional field',
  },
  // devices
  'invalid-phone-accepted': {
    area: 'devices',
    description: 'a phoneNumber violating its pattern passes validation (then 404 as an unknown device)',
    catches: '@quality_on_demand_createSession_C01.02_device_identifiers_not_schema_compliant',
  },
  'missing-device-accepted': {
    area: 'devices',
    description: '2-legged token without device creates a session (201 instead of 422 MISSING_IDENTIFIER)',
    catches: '@quality_on_demand_createSession_C01.05_missing_device',
  },
  'unnecessary-device-accepted': {
    area: 'devices',
    description: '3-legged token plus device in the body is accepted (instead of 422 UNNECESSARY_IDENTIFIER)',
    catches: '@quality_on_demand_createSession_C01.04_unnecessary_device',
  },
  'unknown-device-201': {
    area: 'devices',
    description: 'a device unknown to the network gets a session (201 instead of 404 IDENTIFIER_NOT_FOUND)',
    catches: '@quality_on_demand_createSession_C01.03_device_not_found',
  },
  'unsupported-identifier-accepted': {
    area: 'devices',
    description: 'networkAccessIdentifier is treated as supported (no 422 UNSUPPORTED_IDENTIFIER)',
    catches: '@quality_on_demand_createSession_C01.06_unsupported_device',
  },
  'ineligible-device-accepted': {
    area: 'devices',
    description: 'a device the service does not apply to gets a session (no 422 SERVICE_NOT_APPLICABLE)',
    catches: '@quality_on_demand_createSession_C01.07_device_not_supported',
  },
  'device-echo-all-identifiers': {
    area: 'devices',
    description: 'every identifier sent is echoed in SessionInfo.device (DeviceResponse allows one)',
    catches: 'check: several identifiers → exactly one echoed (DeviceResponse maxProperties 1)',
  },
  'device-echo-3legged': {
    area: 'devices',
    description: "with a 3-legged token the response carries the token's device",
    catches: '@quality_on_demand_createSession_03_3_legged_missing_device',
  },
  'retrieve-leaks-other-devices': {
    area: 'devices',
    description: "retrieveSessionsByDevice returns every session of the client, not just the device's",
    catches: '@quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device',
    collateral: {
      checks: ['@quality_on_demand_retrieveSessionsByDevice_02_sessions_not_found'],
      why: 'retrieve_02 lists a device without sessions while another device of the client has one: the leaked session shows there too',
    },
  },
  // auth
  'auth-missing-accepted': {
    area: 'auth',
    description: 'a request without Authorization is served as the default client',
    catches: '@quality_on_demand_createSession_401.1_no_authorization_header',
  },
  'expired-token-accepted': {
    area: 'auth',
    description: 'an expired access token is accepted',
    catches: '@quality_on_demand_createSession_401.2_expired_access_token',
  },
  'missing-scope-accepted': {
    area: 'auth',
    description: "the operation's scope is not checked (no 403 PERMISSION_DENIED)",
    catches: '@quality_on_demand_createSession_403.1_missing_access_token_scope',
  },
  'other-client-session-visible': {
    area: 'auth',
    description: 'get/delete/extend work on sessions of another API client',
    catches: '@quality_on_demand_getSession_403.2_session_token_mismatch',
  },
  'wrong-401-code': {
    area: 'auth',
    description: '401 carries code AUTHENTICATION_REQUIRED (dropped in 1.1.0) instead of UNAUTHENTICATED',
    catches: '@quality_on_demand_getSession_401.1_no_authorization_header',
    collateral: {
      checks: ['@quality_on_demand_getSession_401.2_expired_access_token', '@quality_on_demand_getSession_401.3_invalid_access_token'],
      why: 'every 401 of the operation carries the wrong code, whatever the credential problem',
    },
  },
  'malformed-auth-accepted': {
    area: 'auth',
    description: 'an Authorization header that is not "Bearer <token>" ("Bearer" alone, "Basic xyz", garbage) is served as the default client',
    catches: 'auth: getSession with a malformed Authorization header',
    collateral: {
      checks: ['auth: createSession with a malformed Authorization header', 'auth: deleteSession with a malformed Authorization header', 'auth: extendQosSessionDuration with a malformed Authorization header', 'auth: retrieveSessionsByDevice with a malformed Authorization header', 'auth: retrieveQoSProfiles with a malformed Authorization header', 'auth: getQosProfile with a malformed Authorization header'],
      why: 'the same rule checked on every operation: the provider accepts malformed headers on all of them',
    },
  },
  'unknown-token-accepted': {
    area: 'auth',
    description: 'a well-formed bearer token nobody issued is accepted (served as the default client)',
    catches: 'auth: getSession with an access token nobody issued',
    collateral: {
      checks: ['auth: createSession with an access token nobody issued', 'auth: deleteSession with an access token nobody issued', 'auth: extendQosSessionDuration with an access token nobody issued', 'auth: retrieveSessionsByDevice with an access token nobody issued', 'auth: retrieveQoSProfiles with an access token nobody issued', 'auth: getQosProfile with an access token nobody issued'],
      why: 'the same rule checked on every operation: the provider accepts unknown tokens on all of them',
    },
  },
  'retrieve-leaks-other-clients': {
    area: 'auth',
    description: "retrieveSessionsByDevice lists the device's sessions of every API client, not only the caller's",
    catches: "auth: another API client's token",
  },
  'wrong-429-code': {
    area: 'headers',
    description: '429 carries code RATE_LIMITED (in no version\'s 429 enum) instead of TOO_MANY_REQUESTS / QUOTA_EXCEEDED',
    catches: '@quality_on_demand_deleteSession_429.1_too_many_requests',
    // The 429 scenarios are r4.1 ones: they run from 1.2.0-rc.3 on.
    version: '1.2.0-rc.3',
  },
  'ownership-error-leaks-session': {
    area: 'auth',
    description: "the 403 for another client's session names the session's device and application server in its message",
    catches: "auth: another API client's token",
    collateral: {
      checks: ['auth: a 3-legged token of another device is refused the session'],
      why: 'the 3-legged refusal is the same ownership error and leaks the session the same way',
    },
  },
  // headers
  'no-correlator-echo': {
    area: 'headers',
    description: 'the x-correlator request header is not echoed on responses',
    catches: 'quality_on_demand_getSession_01_get_existing_session',
    collateral: {
      checks: '*',
      why: 'every answer of every operation must echo x-correlator, so every check of the file sees the missing header',
    },
  },
  'invalid-correlator-accepted': {
    area: 'headers',
    description: 'an x-correlator violating the XCorrelator pattern is accepted and echoed',
    catches: 'x-correlator pattern — the QoD operations refuse a value breaking it',
    collateral: {
      checks: ['x-correlator pattern — the QoS Profiles operations refuse a value breaking it'],
      why: 'the header is checked the same way on both APIs',
    },
  },
  'invalid-correlator-ignored': {
    area: 'headers',
    description: 'an x-correlator violating the XCorrelator pattern is neither refused nor echoed: the request goes through',
    catches: 'x-correlator pattern — the QoD operations refuse a value breaking it',
    collateral: {
      checks: ['x-correlator pattern — the QoS Profiles operations refuse a value breaking it'],
      why: 'the header is checked the same way on both APIs',
    },
  },
  'json-content-type-wrong': {
    area: 'headers',
    description: 'JSON responses are labelled text/plain',
    catches: 'quality_on_demand_getSession_01_get_existing_session',
    collateral: {
      checks: '*',
      why: 'every JSON answer must say application/json, so every check of the file sees the wrong Content-Type',
    },
  },
  // validation
  'error-body-missing-status': {
    area: 'validation',
    description: 'error bodies lack the required `status` field',
    catches: 'quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer must carry ErrorInfo.status: every check of the file that expects an error sees it missing',
    },
  },
  'error-code-lowercase': {
    area: 'validation',
    description: 'error codes are sent in lower case (invalid_argument)',
    catches: 'quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer carries the lower-case code: every check of the file that expects an error sees it',
    },
  },
  'no-body-500': {
    area: 'validation',
    description: 'a POST without body crashes with 500 INTERNAL instead of 400 INVALID_ARGUMENT',
    catches: '@quality_on_demand_createSession_400.2_no_request_body',
  },
  'request-schema-unchecked': {
    area: 'validation',
    description: 'request bodies are not checked against the request schema: invalid values reach the handlers (only JSON parsing is done)',
    catches: 'createSession: every body breaking `required`',
    collateral: {
      checks: '*',
      why: 'the provider validates no request body at all, so every family of schema violations of the file is accepted',
    },
  },
  // notifications
  'notification-missing': {
    area: 'notifications',
    description: 'no notification is ever sent',
    catches: '@quality_on_demand_createSession_02_2_event_received',
  },
  'notification-wrong-type': {
    area: 'notifications',
    description: 'events use type org.camaraproject.qod.v1.qos-status-changed (not the spec value)',
    catches: 'AVAILABLE event',
    collateral: {
      checks: ['deletion event', 'expiry event'],
      why: 'every event of every session carries the wrong type, and these checks read their events',
    },
  },
  'notification-no-bearer': {
    area: 'notifications',
    description: 'events are posted without Authorization although sinkCredential was given',
    catches: 'AVAILABLE event',
    collateral: {
      checks: ['deletion event', 'event routing'],
      why: 'every event with a credential lacks the bearer token, and these checks read events sent with one',
    },
  },
  'notification-plain-json': {
    area: 'notifications',
    description: 'events are posted as application/json instead of application/cloudevents+json',
    catches: 'AVAILABLE event',
    collateral: {
      checks: ['deletion event', 'expiry event'],
      why: 'every event is sent as plain JSON, and these checks read their events',
    },
  },
  'notification-duplicate-id': {
    area: 'notifications',
    description: 'every event carries the same CloudEvent id',
    catches: 'deletion event',
    collateral: {
      checks: ['expiry event', 'event routing'],
      why: 'every event carries the same id, so any check reading two events sees the duplicate',
    },
  },
  'notification-available-time-late': {
    area: 'notifications',
    description: 'AVAILABLE events carry a `time` one hour late, so they claim to follow the session\'s UNAVAILABLE event',
    catches: 'deletion event',
    collateral: {
      checks: ['expiry event'],
      why: 'the expiry event follows an AVAILABLE event too, whose time is after it',
    },
  },
  'notification-after-delete': {
    area: 'notifications',
    description: 'an extra UNAVAILABLE event arrives after the DELETE_REQUESTED one',
    catches: 'deletion event',
    collateral: {
      checks: ['silence — deleteSession: no event when the session was already UNAVAILABLE (it expired, then was deleted)'],
      why: 'the extra event follows every delete, also of a session already UNAVAILABLE, where the spec promises no event at all',
    },
  },
  'notification-wrong-session-id': {
    area: 'notifications',
    description: 'data.sessionId of events is a random UUID, not the session',
    catches: 'quality_on_demand_deleteSession_02_event_notification',
  },
  'notification-no-delete-event': {
    area: 'notifications',
    description: 'deleting an AVAILABLE session with a sink sends no DELETE_REQUESTED event',
    catches: '@quality_on_demand_deleteSession_02_event_notification',
  },
  'notification-status-info-on-available': {
    area: 'notifications',
    description: 'the AVAILABLE event carries statusInfo (only allowed with UNAVAILABLE)',
    catches: 'AVAILABLE event',
  },
  'sink-http-accepted': {
    area: 'notifications',
    description: 'a plain-http sink is accepted although 1.1.0 requires https',
    catches: 'check: sink must match ^https:// (400 INVALID_ARGUMENT or INVALID_SINK)',
  },
  'plain-credential-accepted': {
    area: 'notifications',
    description: 'sinkCredential.credentialType PLAIN / REFRESHTOKEN is accepted',
    catches: '@quality_on_demand_createSession_400.6_invalid_sink_credential',
  },
  'sink-token-type-accepted': {
    area: 'notifications',
    description: 'sinkCredential.accessTokenType other than "bearer" passes validation (201)',
    catches: 'quality_on_demand_createSession_400.7_sink_credential_invalid_token',
  },
  'empty-sink-credential-accepted': {
    area: 'notifications',
    description: 'sinkCredential {} (no credentialType) passes validation (201)',
    catches: 'quality_on_demand_createSession_400.4_empty_property',
  },
  // profiles
  'profile-filter-ignored': {
    area: 'profiles',
    description: 'retrieveQoSProfiles ignores the status filter',
    catches: '@qos_profiles_retrieveQoSProfiles_03_filter_by_status_only',
  },
  'profile-unknown-200': {
    area: 'profiles',
    description: 'getQosProfile answers 200 with an invented profile for an unknown name',
    catches: '@qos_profiles_getQosProfile_404.1_not_found',
  },
  'inactive-profile-accepted': {
    area: 'profiles',
    description: 'an INACTIVE / DEPRECATED profile can be used for a new session',
    catches: '@quality_on_demand_createSession_422.1_session_qos_profile_not_applicable',
  },
  'unknown-qos-profile-accepted': {
    area: 'profiles',
    description: 'createSession with a non-existent qosProfile succeeds (201 instead of 400)',
    catches: '@quality_on_demand_createSession_400.8_non_existent_qos_profile',
  },
  'restricted-profile-leaked': {
    area: 'profiles',
    description: 'device-restricted profiles are listed without a device filter',
    catches: '@qos_profiles_retrieveQoSProfiles_05_not_return_restricted_profiles',
  },
  'profile-schema-violation': {
    area: 'profiles',
    description: 'QoS profiles carry maxDuration.unit "seconds" (not in TimeUnitEnum)',
    catches: 'qos_profiles_getQosProfile_01_generic_success_scenario',
  },
  'profile-durations-inverted': {
    area: 'profiles',
    description: 'QoS profiles report minDuration and maxDuration swapped (minDuration above maxDuration)',
    catches: 'profiles: no listed profile has a maxDuration below its minDuration',
  },
  'inactive-profile-hidden': {
    area: 'profiles',
    description: 'getQosProfile answers 404 for a listed profile that is not ACTIVE (INACTIVE / DEPRECATED)',
    catches: 'profiles: an INACTIVE profile is still readable',
    collateral: {
      checks: ['profiles: every listed profile reads back by name'],
      why: 'the hidden INACTIVE profile is listed but cannot be read by name',
    },
  },
  'profile-get-differs': {
    area: 'profiles',
    description: 'getQosProfile reports a different priority than retrieveQoSProfiles lists for the same profile',
    catches: 'profiles: every listed profile reads back by name',
  },
  // SessionInfo echo rules of createSession 01 (one fault per Examples row)
  'device-echo-other-identifier': {
    area: 'devices',
    description: 'SessionInfo.device echoes another identifier of the device than the one sent',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.device]',
  },
  'app-server-echo-partial': {
    area: 'lifecycle',
    description: 'SessionInfo.applicationServer drops the ipv6Address that was sent with an ipv4Address',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.applicationServer]',
  },
  'qos-profile-echo-wrong': {
    area: 'profiles',
    description: 'SessionInfo.qosProfile is returned in lower case, not as sent',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.qosProfile]',
  },
  'sink-not-echoed': {
    area: 'notifications',
    description: 'SessionInfo.sink is dropped although the request gave one',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.sink]',
  },
  'started-at-future': {
    area: 'lifecycle',
    description: 'startedAt (and expiresAt with it) lies one hour in the future',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.startedAt]',
  },
  'status-info-on-available': {
    area: 'lifecycle',
    description: 'an AVAILABLE session carries statusInfo DURATION_EXPIRED (only allowed when UNAVAILABLE)',
    catches: '@quality_on_demand_createSession_01_generic_success_scenario [$.statusInfo]',
  },
  // Rule classes the official scenarios leave out (issue 18): schema constraints on the operations
  // other than createSession, silence, check order and exact matching.
  'extend-duration-unchecked': {
    area: 'validation',
    description: 'extendQosSessionDuration does not check requestedAdditionalDuration against its schema (type, minimum, maximum): out-of-range values are accepted',
    catches: 'extendQosSessionDuration: every body breaking `minimum`',
    collateral: {
      checks: ['extendQosSessionDuration: every body breaking `type`', 'extendQosSessionDuration: every body breaking `format`'],
      why: 'the fault lets every constraint of requestedAdditionalDuration through: each keyword family of that field fails',
    },
  },
  'retrieve-device-unchecked': {
    area: 'validation',
    description: 'retrieveSessionsByDevice does not check the device object against its schema (identifier patterns and formats, minProperties, additionalProperties)',
    catches: 'retrieveSessionsByDevice: every body breaking `pattern`',
    collateral: {
      checks: '*',
      why: 'every constraint the negative properties of retrieveSessionsByDevice break lies in the device object the fault leaves unchecked',
    },
  },
  'profile-filter-unchecked': {
    area: 'validation',
    description: 'retrieveQoSProfiles does not check its name and status filters against the schema (pattern, length, enum): an empty list instead of 400',
    catches: 'retrieveQoSProfiles: every body breaking `enum`',
    collateral: {
      checks: ['retrieveQoSProfiles: every body breaking `pattern`', 'retrieveQoSProfiles: every body breaking `minLength`', 'retrieveQoSProfiles: every body breaking `maxLength`', 'retrieveQoSProfiles: every body breaking `type`'],
      why: 'the fault lets every constraint of the name and status filters through: each keyword family of those fields fails',
    },
  },
  'extend-minimum-off-by-one': {
    area: 'validation',
    description: 'extendQosSessionDuration refuses requestedAdditionalDuration 1 (its schema minimum, read as exclusive) with 400 OUT_OF_RANGE',
    catches: 'schema boundary — extendQosSessionDuration: every value at a bound',
  },
  'notify-delete-when-unavailable': {
    area: 'notifications',
    description: 'deleteSession of a session that is already UNAVAILABLE still sends a QOS_STATUS_CHANGED event (UNAVAILABLE, DELETE_REQUESTED)',
    catches: 'silence — deleteSession: no event when the session was already UNAVAILABLE',
  },
  'validate-before-auth': {
    area: 'auth',
    description: 'path parameters and the request body are validated before the access token: an unauthenticated invalid request gets 400 instead of 401',
    catches: 'check order — createSession: authentication before validation',
    collateral: {
      checks: [
        'check order — getSession: authentication before validation',
        'check order — deleteSession: authentication before validation',
        'check order — extendQosSessionDuration: authentication before validation',
        'check order — retrieveSessionsByDevice: authentication before validation',
        'check order — retrieveQoSProfiles: authentication before validation',
        'check order — getQosProfile: authentication before validation',
        'check order — createSession: authorization before validation',
        'check order — getSession: authorization before validation',
        'check order — deleteSession: authorization before validation',
        'check order — extendQosSessionDuration: authorization before validation',
        'check order — retrieveSessionsByDevice: authorization before validation',
        'check order — retrieveQoSProfiles: authorization before validation',
        'check order — getQosProfile: authorization before validation',
      ],
      why: 'the fault moves validation before the token and its scopes are checked, for every operation: the same rule fails on each, for both callers',
    },
  },
  'lookup-before-auth': {
    area: 'auth',
    description: 'a well-formed but unknown session id or profile name is looked up before the access token: an unauthenticated request for it gets 404 instead of 401',
    catches: 'check order — getSession: authentication before lookup',
    collateral: {
      checks: [
        'check order — deleteSession: authentication before lookup',
        'check order — extendQosSessionDuration: authentication before lookup',
        'check order — getQosProfile: authentication before lookup',
        'check order — getSession: authorization before lookup',
        'check order — deleteSession: authorization before lookup',
        'check order — extendQosSessionDuration: authorization before lookup',
        'check order — getQosProfile: authorization before lookup',
      ],
      why: 'the fault moves the lookup before the token and its scopes are checked, for every operation with a resource in its path: the same rule fails on each, for both callers',
    },
  },
  'scope-checked-last': {
    area: 'auth',
    description: 'the scopes of a (valid) token are checked after validation and after the lookup: a token without the scope gets 400 for an invalid request and 404 for an unknown session, instead of 403',
    catches: 'check order — getSession: authorization before lookup',
    collateral: {
      checks: [
        'check order — deleteSession: authorization before lookup',
        'check order — extendQosSessionDuration: authorization before lookup',
        'check order — getQosProfile: authorization before lookup',
        'check order — createSession: authorization before validation',
        'check order — getSession: authorization before validation',
        'check order — deleteSession: authorization before validation',
        'check order — extendQosSessionDuration: authorization before validation',
        'check order — retrieveSessionsByDevice: authorization before validation',
        'check order — retrieveQoSProfiles: authorization before validation',
        'check order — getQosProfile: authorization before validation',
      ],
      why: 'the fault moves the scope check after validation and lookup for every operation: the same rule fails on each',
    },
  },
  'profile-name-case-insensitive': {
    area: 'profiles',
    description: 'QoS profile names are matched without regard to case: getQosProfile, the retrieveQoSProfiles name filter and createSession accept a name that differs from a profile only in case',
    catches: 'exact match — getQosProfile: a name differing only in case is not the profile',
    collateral: {
      checks: ['exact match — createSession: a qosProfile differing only in case is not the profile', 'exact match — retrieveQoSProfiles: the name filter lists no profile whose name differs in case'],
      why: 'one catalogue match serves the three operations: the case-blind match shows on each',
    },
  },
  // QoD 0.10.1 behaviour (issue 29): rules of 0.10.1's own text that 1.x states differently or not at all.
  'v010-phone-plus-required': {
    area: 'devices',
    version: '0.10.1',
    description: 'a device phoneNumber without the leading "+" is refused (400 INVALID_ARGUMENT), although 0.10.1 PhoneNumber is ^\\+?[0-9]{5,15}$ ("optionally prefixed with \'+\'")',
    catches: 'devices (0.8.1, 0.10.1) — a phone number without the leading + names the device',
  },
  'v010-identifiers-not-cross-checked': {
    area: 'devices',
    version: '0.10.1',
    description: 'identifiers of two different devices in one device object are accepted (one of them is used: 201) instead of 400 INVALID_ARGUMENT',
    catches: '0.10.1 devices — identifiers of two different devices are refused',
  },
  'v010-conflict-by-identifier': {
    area: 'lifecycle',
    version: '0.10.1',
    description: 'the one-session-per-device rule compares identifiers as sent: a second session for a device with an active session is created when another of its identifiers names it (201 instead of 409)',
    catches: 'conflicts (0.8.1, 0.10.1) — one session per device, whichever identifier names it',
  },
  'v010-three-legged-scope-unchecked': {
    area: 'auth',
    version: '0.10.1',
    description: 'a 3-legged token without the qod-sessions-* scopes is served like a client-credentials token (no 403 PERMISSION_DENIED)',
    catches: '0.10.1 auth — a 3-legged token without the qod-sessions-* scope is refused',
  },
  'v010-profile-status-filter-ignored': {
    area: 'profiles',
    version: '0.10.1',
    description: 'GET /qos-profiles ignores its status query parameter: every profile is listed whatever status was asked for',
    catches: '0.10.1 profiles — GET /qos-profiles?status= lists only profiles in that status',
  },
  'v010-extend-cap-on-total': {
    area: 'duration',
    version: '0.10.1',
    description: 'extendQosSessionDuration caps the overall duration at 86400 s instead of the remaining duration (expiresAt minus the time of the request)',
    catches: '0.10.1 extend — the 86400 s cap applies to the remaining duration',
  },
  'v010-correlator-required': {
    area: 'headers',
    version: '0.10.1',
    description: 'a request without an x-correlator header is refused (400 INVALID_ARGUMENT), although 0.10.1 defines no such header',
    catches: '0.10.1 headers — a request without x-correlator is served',
  },
  'v010-notification-url-suffixed': {
    area: 'notifications',
    version: '0.10.1',
    description: 'events are posted to webhook.notificationUrl + "/notifications" (the 0.8.1 callback path), not to webhook.notificationUrl itself',
    catches: '0.10.1 notifications — events go to webhook.notificationUrl itself',
  },
  'orange-401-code-meaning': {
    area: 'auth',
    version: '0.10.1',
    dialect: 'orange',
    description: 'in the Orange dialect, a request without credentials gets 401 code 42 ("Expired credentials": the right status row, the wrong meaning) instead of 40 ("Missing credentials")',
    catches: 'auth: getSession with no Authorization header',
    collateral: {
      // '*': the file's 0.10.1 operations (getQosProfiles) have checks no 1.1.0 run names.
      checks: '*',
      why: 'the same rule is checked on every operation of the file: every request without credentials gets the wrong code',
    },
  },
  'orange-400-code-meaning': {
    area: 'validation',
    version: '0.10.1',
    dialect: 'orange',
    description: 'in the Orange dialect, a request without a body gets 400 code 20 ("Invalid URL parameter value": the right status row, the wrong meaning) instead of 21 ("Missing body")',
    catches: 'quality_on_demand_extendQosSessionDuration_400.3_no_request_body',
  },
} as const satisfies Record<string, FaultInfo>;

export type FaultName = keyof typeof FAULTS;

export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/** The active switches of one provider instance. */
export class FaultSet {
  private readonly active: ReadonlySet<FaultName>;

  constructor(names: readonly FaultName[] = []) {
    this.active = new Set(names);
  }

  has(name: FaultName): boolean {
    return this.active.has(name);
  }

  list(): FaultName[] {
    return [...this.active];
  }
}

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

/** Checks names up front: an unknown fault is a usage error, never silently ignored. */
export function parseFaults(names: readonly string[] = []): FaultSet {
  const unknown = names.filter((n) => !isFaultName(n));
  if (unknown.length > 0) {
    const error = new Error(
      `unknown fault ${unknown.map((n) => `"${n}"`).join(', ')}; known faults: ${FAULT_NAMES.join(', ')}`,
    ) as Error & { code: string };
    error.code = 'QOD_UNKNOWN_FAULT';
    throw error;
  }
  return new FaultSet(names as FaultName[]);
}
