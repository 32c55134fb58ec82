// Named fault switches of the reference provider. Each one breaks one rule (`breaks`: inventory
// rule IDs), so the project's own tests can prove that the checks judging that rule can fail:
// `catches` must turn red, and nothing else may but the checks that judge a broken rule
// (the registry says which) and the declared collateral.
import type { Area } from '../config/types.js';
import { PROVISIONING_FAULTS } from './provisioning-faults.js';

export interface FaultInfo {
  description: string;
  area: Area;
  /** The inventory rules (specs/rules) the fault breaks: the checks that judge them may fail under it. */
  breaks: readonly string[];
  /** The check that must fail: its registry ID (src/checks), or an official scenario ID (any of its checks). */
  catches: string;
  /** The QoD version whose run holds the catching check (default: the run's default, 1.1.0); for QoS Provisioning, the bundle of its version. */
  version?: string;
  /** The API whose run holds the catching check (default quality-on-demand). */
  api?: 'quality-on-demand' | 'qos-provisioning';
  /** The operator dialect of that run (default: camara). */
  dialect?: string;
  /**
   * Checks of the catch's suite file that do not judge a broken rule but may fail too, and why (the
   * fault self-test fails on any other): IDs as in `catches`, or '*' when the broken rule is one
   * every check of the file relies on.
   */
  collateral?: Collateral;
}

export interface Collateral {
  checks: readonly string[] | '*';
  why: string;
}

/** The x-correlator pattern rule of every operation (two faults break it, each its own way). */
const CORRELATOR_PATTERN_RULES = ['createSession', 'getSession', 'deleteSession', 'extendQosSessionDuration', 'retrieveSessionsByDevice', 'retrieveQoSProfiles', 'getQosProfile'].map(
  (op) => `schema.${op}.request.param/x-correlator.pattern`,
);

const QOD_FAULTS = {
  // lifecycle
  'wrong-success-status': {
    area: 'lifecycle',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'createSession answers 200 instead of 201',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: [
        'quality_on_demand_createSession_02_1_sinkcredential_provided',
        'quality_on_demand_createSession_02_2_event_received',
        'quality_on_demand_createSession_03_3_legged_missing_device',
        'quality_on_demand_createSession_409.1_session_conflict',
      ],
      why: 'every scenario of the file that first creates a session expects that create to answer 201',
    },
  },
  'no-expiry': {
    area: 'lifecycle',
    breaks: ['lifecycle.expires-after-duration'],
    description: 'sessions never expire: still AVAILABLE after `duration` seconds',
    catches: 'lifecycle.expired-unavailable',
    collateral: {
      checks: ['lifecycle.expired-kept-then-deleted', 'extendQosSessionDuration.expired-not-extended'],
      why: 'both need a session that expired: they report the missing expiry itself, under its rule',
    },
  },
  'expires-at-wrong': {
    area: 'lifecycle',
    breaks: ['lifecycle.expires-after-duration'],
    description: 'expiresAt is one hour later than startedAt + duration',
    catches: 'lifecycle.session-times',
    collateral: {
      checks: ['extendQosSessionDuration.moves-expires-at', 'extendQosSessionDuration.cap-across-extensions'],
      why: 'every extension answer repeats the wrong expiresAt, and these checks read it',
    },
  },
  'delete-leaves-session': {
    area: 'lifecycle',
    breaks: ['lifecycle.delete-204-then-gone'],
    description: 'deleteSession answers 204 but the session stays readable (get → 200)',
    catches: 'deleteSession.deleted-session-gone',
  },
  'device-blocked-after-delete': {
    area: 'lifecycle',
    breaks: ['lifecycle.delete-204-then-gone'],
    description: 'deleteSession answers 204 and the session is gone, but its device stays blocked: every later create for it is 409 CONFLICT',
    catches: 'deleteSession.deleted-session-gone',
    collateral: {
      checks: '*',
      why: 'every device of the file is blocked after the first check that used it deleted its session: every later create for it is refused',
    },
  },
  'delete-refused': {
    area: 'lifecycle',
    breaks: ['lifecycle.delete-204-then-gone'],
    description: 'deleteSession refuses every deletion (409 CONFLICT): sessions stay live, as with a provider whose delete is broken',
    catches: 'quality_on_demand_deleteSession_01_delete_existing_qod_session',
    collateral: {
      checks: '*',
      why: 'every check of the file deletes a session or depends on a deleted one; the devices whose cleanup failed leave the pool, so the rest skip',
    },
  },
  'no-extend-route': {
    area: 'lifecycle',
    breaks: ['errors.operation-served'],
    description: 'the extend route is missing: POST /sessions/{id}/extend answers an Express-style 404 "Cannot POST ..." HTML page',
    catches: 'quality_on_demand_extendQosSessionDuration_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file calls the missing operation: each fails as "operation extendQosSessionDuration not implemented"',
    },
  },
  'fastapi-errors': {
    area: 'lifecycle',
    breaks: ['errors.errorinfo-body'],
    description: 'error answers carry FastAPI\'s {"detail": message} instead of ErrorInfo (and {"detail": "Not Found"} for an unknown path)',
    catches: 'quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer of the file has the FastAPI body',
    },
  },
  'extend-unavailable-allowed': {
    area: 'lifecycle',
    breaks: ['lifecycle.extend-only-available'],
    description: 'a session that is not AVAILABLE can be extended (200 instead of 409)',
    catches: 'quality_on_demand_extendQosSessionDuration_409.1_session_not_available',
  },
  'conflict-not-detected': {
    area: 'lifecycle',
    breaks: ['lifecycle.one-session-per-device'],
    description: 'a second session for a device with an active session is created (201 instead of 409)',
    catches: 'quality_on_demand_createSession_409.1_session_conflict',
  },
  'session-schema-violation': {
    area: 'lifecycle',
    breaks: ['schema.createSession.response.201./qosStatus.enum', 'lifecycle.create-201-session-info'],
    description: 'SessionInfo carries qosStatus "ACTIVE" (not in the QosStatus enum)',
    // The create answer is the createSession checks' subject; elsewhere a create is setup (not exercised).
    catches: 'quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives the SessionInfo that breaks the schema',
    },
  },
  'times-wrong-format': {
    area: 'lifecycle',
    breaks: [
      'schema.getSession.response.200./startedAt.type',
      'schema.getSession.response.200./expiresAt.type',
      'schema.getSession.response.200./startedAt.format',
      'schema.getSession.response.200./expiresAt.format',
    ],
    description: "startedAt/expiresAt use the other version family's form (epoch seconds in 0.11.1+, RFC 3339 strings in 0.8.1/0.10.1)",
    catches: 'quality_on_demand_getSession_01_get_existing_session',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives the badly formatted startedAt/expiresAt',
    },
  },
  'session-id-field-wrong': {
    area: 'lifecycle',
    breaks: ['schema.createSession.response.201./sessionId.required', 'lifecycle.create-201-session-info'],
    description: 'SessionInfo names the session id `id` (0.10.1+: must be `sessionId`) or `sessionId` (0.8.1: must be `id`)',
    // The create answer is the createSession checks' subject; elsewhere a create is setup (not exercised).
    catches: 'quality_on_demand_createSession_01_generic_success_scenario',
    collateral: {
      checks: '*',
      why: 'every check of the file that creates a session receives a SessionInfo without its required id',
    },
  },
  // duration
  'duration-zero-accepted': {
    area: 'duration',
    breaks: ['schema.createSession.request./duration.minimum'],
    description: 'duration 0 (below the schema minimum 1) is accepted: 201',
    catches: 'createSession.boundary.duration-0',
    collateral: {
      checks: ['createSession.boundary.duration-negative'],
      why: 'the fault lets the schema minimum 1 through, which -1 breaks as well as 0',
    },
  },
  'duration-over-max-accepted': {
    area: 'duration',
    breaks: ['lifecycle.duration-within-profile'],
    description: "a duration above the profile's maxDuration is granted as requested: 201",
    catches: 'quality_on_demand_createSession_400.9_invalid_duration',
  },
  'duration-out-of-range-wrong-code': {
    area: 'duration',
    breaks: ['errors.code-per-status'],
    description: 'a duration outside the profile limits gives code DURATION_OUT_OF_RANGE (prefix missing)',
    catches: 'quality_on_demand_createSession_400.9_invalid_duration',
  },
  'extend-uncapped': {
    area: 'duration',
    breaks: ['lifecycle.extend-capped-at-max-duration'],
    description: "extension is not capped: the total duration may exceed the profile's maxDuration",
    catches: 'quality_on_demand_extendQosSessionDuration_02_exceed_max_duration',
  },
  'extend-expiry-not-moved': {
    area: 'duration',
    breaks: ['lifecycle.expires-after-duration'],
    description: 'an extension raises duration but leaves expiresAt (and the actual end of the session) where it was',
    catches: 'extendQosSessionDuration.moves-expires-at',
    collateral: {
      checks: ['extendQosSessionDuration.cap-across-extensions'],
      why: 'the capped extensions read expiresAt after each extension too',
    },
  },
  // ports
  'port-out-of-range-accepted': {
    area: 'ports',
    breaks: [
      'schema.createSession.request./device/ipv4Address/publicPort.minimum',
      'schema.createSession.request./device/ipv4Address/publicPort.maximum',
      'schema.createSession.request./devicePorts/ranges/*/from.minimum',
      'schema.createSession.request./devicePorts/ranges/*/from.maximum',
      'schema.createSession.request./devicePorts/ranges/*/to.minimum',
      'schema.createSession.request./devicePorts/ranges/*/to.maximum',
      'schema.createSession.request./devicePorts/ports/*.minimum',
      'schema.createSession.request./devicePorts/ports/*.maximum',
      'schema.createSession.request./applicationServerPorts/ranges/*/from.minimum',
      'schema.createSession.request./applicationServerPorts/ranges/*/from.maximum',
      'schema.createSession.request./applicationServerPorts/ranges/*/to.minimum',
      'schema.createSession.request./applicationServerPorts/ranges/*/to.maximum',
      'schema.createSession.request./applicationServerPorts/ports/*.minimum',
      'schema.createSession.request./applicationServerPorts/ports/*.maximum',
    ],
    description: 'ports outside 0..65535 (e.g. 65536) are accepted',
    catches: 'quality_on_demand_createSession_400.5_out_of_range_port',
  },
  'port-zero-rejected': {
    area: 'ports',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'port 0 is refused with 400 OUT_OF_RANGE although 1.1.0 allows 0..65535',
    catches: 'createSession.port-zero-valid',
  },
  'ports-not-echoed': {
    area: 'ports',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'devicePorts and applicationServerPorts are dropped from SessionInfo',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario',
  },
  'readback-drops-ports': {
    area: 'ports',
    breaks: ['lifecycle.read-back-as-created'],
    description: 'the create answer carries devicePorts and applicationServerPorts, but getSession, extend and retrieve drop them',
    catches: 'lifecycle.read-back-every-field',
  },
  // devices
  'invalid-phone-accepted': {
    area: 'devices',
    breaks: ['schema.createSession.request./device/phoneNumber.pattern'],
    description: 'a phoneNumber violating its pattern passes validation (then 404 as an unknown device)',
    catches: 'quality_on_demand_createSession_C01.02_device_identifiers_not_schema_compliant',
  },
  'missing-device-accepted': {
    area: 'devices',
    breaks: ['device.missing-identifier-422'],
    description: '2-legged token without device creates a session (201 instead of 422 MISSING_IDENTIFIER)',
    catches: 'quality_on_demand_createSession_C01.05_missing_device',
  },
  'unnecessary-device-accepted': {
    area: 'devices',
    breaks: ['device.unnecessary-identifier-422'],
    description: '3-legged token plus device in the body is accepted (instead of 422 UNNECESSARY_IDENTIFIER)',
    catches: 'quality_on_demand_createSession_C01.04_unnecessary_device',
  },
  'unknown-device-201': {
    area: 'devices',
    breaks: ['device.unknown-404'],
    description: 'a device unknown to the network gets a session (201 instead of 404 IDENTIFIER_NOT_FOUND)',
    catches: 'quality_on_demand_createSession_C01.03_device_not_found',
  },
  'unsupported-identifier-accepted': {
    area: 'devices',
    breaks: ['device.unsupported-identifier-422'],
    description: 'networkAccessIdentifier is treated as supported (no 422 UNSUPPORTED_IDENTIFIER)',
    catches: 'quality_on_demand_createSession_C01.06_unsupported_device',
  },
  'ineligible-device-accepted': {
    area: 'devices',
    breaks: ['device.service-not-applicable-422'],
    description: 'a device the service does not apply to gets a session (no 422 SERVICE_NOT_APPLICABLE)',
    catches: 'quality_on_demand_createSession_C01.07_device_not_supported',
  },
  'device-echo-all-identifiers': {
    area: 'devices',
    breaks: ['device.one-identifier-echoed'],
    description: 'every identifier sent is echoed in SessionInfo.device (DeviceResponse allows one)',
    catches: 'createSession.one-identifier-echoed',
  },
  'device-echo-3legged': {
    area: 'devices',
    breaks: ['lifecycle.create-201-session-info'],
    description: "with a 3-legged token the response carries the token's device",
    catches: 'quality_on_demand_createSession_03_3_legged_missing_device',
  },
  'retrieve-leaks-other-devices': {
    area: 'devices',
    breaks: ['sessions.retrieve-lists-device-sessions'],
    description: "retrieveSessionsByDevice returns every session of the client, not just the device's",
    catches: 'quality_on_demand_retrieveSessionsByDevice_01_get_existing_session_by_device',
    collateral: {
      checks: ['quality_on_demand_retrieveSessionsByDevice_02_sessions_not_found'],
      why: 'retrieve_02 lists a device without sessions while another device of the client has one: the leaked session shows there too',
    },
  },
  // auth
  'auth-missing-accepted': {
    area: 'auth',
    breaks: ['auth.no-credentials-401'],
    description: 'a request without Authorization is served as the default client',
    catches: 'quality_on_demand_createSession_401.1_no_authorization_header',
  },
  'expired-token-accepted': {
    area: 'auth',
    breaks: ['auth.expired-token-401'],
    description: 'an expired access token is accepted',
    catches: 'quality_on_demand_createSession_401.2_expired_access_token',
  },
  'missing-scope-accepted': {
    area: 'auth',
    breaks: ['auth.missing-scope-403'],
    description: "the operation's scope is not checked (no 403 PERMISSION_DENIED)",
    catches: 'quality_on_demand_createSession_403.1_missing_access_token_scope',
  },
  'other-client-session-visible': {
    area: 'auth',
    breaks: ['auth.other-client-session'],
    description: 'get/delete/extend work on sessions of another API client',
    catches: 'quality_on_demand_getSession_403.2_session_token_mismatch',
  },
  'wrong-401-code': {
    area: 'auth',
    breaks: ['errors.code-per-status'],
    description: '401 carries code AUTHENTICATION_REQUIRED (dropped in 1.1.0) instead of UNAUTHENTICATED',
    catches: 'quality_on_demand_getSession_401.1_no_authorization_header',
    collateral: {
      checks: ['quality_on_demand_getSession_401.2_expired_access_token', 'quality_on_demand_getSession_401.3_invalid_access_token'],
      why: 'every 401 of the operation carries the wrong code, whatever the credential problem',
    },
  },
  'malformed-auth-accepted': {
    area: 'auth',
    breaks: ['auth.malformed-credentials-401'],
    description: 'an Authorization header that is not "Bearer <token>" ("Bearer" alone, "Basic xyz", garbage) is served as the default client',
    catches: 'auth.malformed-bearer-only.getSession',
    collateral: {
      checks: [
        'auth.malformed-bearer-only.createSession',
        'auth.malformed-basic-scheme.createSession',
        'auth.malformed-garbage.createSession',
        'auth.malformed-bearer-only.deleteSession',
        'auth.malformed-basic-scheme.deleteSession',
        'auth.malformed-garbage.deleteSession',
        'auth.malformed-bearer-only.extendQosSessionDuration',
        'auth.malformed-basic-scheme.extendQosSessionDuration',
        'auth.malformed-garbage.extendQosSessionDuration',
        'auth.malformed-bearer-only.retrieveSessionsByDevice',
        'auth.malformed-basic-scheme.retrieveSessionsByDevice',
        'auth.malformed-garbage.retrieveSessionsByDevice',
        'auth.malformed-bearer-only.retrieveQoSProfiles',
        'auth.malformed-basic-scheme.retrieveQoSProfiles',
        'auth.malformed-garbage.retrieveQoSProfiles',
        'auth.malformed-bearer-only.getQosProfile',
        'auth.malformed-basic-scheme.getQosProfile',
        'auth.malformed-garbage.getQosProfile',
      ],
      why: 'the same rule checked on every operation: the provider accepts malformed headers on all of them',
    },
  },
  'unknown-token-accepted': {
    area: 'auth',
    breaks: ['auth.invalid-token-401'],
    description: 'a well-formed bearer token nobody issued is accepted (served as the default client)',
    catches: 'auth.invalid-token.getSession',
    collateral: {
      checks: [
        'auth.invalid-token.createSession',
        'auth.invalid-token.deleteSession',
        'auth.invalid-token.extendQosSessionDuration',
        'auth.invalid-token.retrieveSessionsByDevice',
        'auth.invalid-token.retrieveQoSProfiles',
        'auth.invalid-token.getQosProfile',
      ],
      why: 'the same rule checked on every operation: the provider accepts unknown tokens on all of them',
    },
  },
  'retrieve-leaks-other-clients': {
    area: 'auth',
    breaks: ['auth.other-client-session'],
    description: "retrieveSessionsByDevice lists the device's sessions of every API client, not only the caller's",
    catches: 'auth.owner-only.other-client',
  },
  'wrong-429-code': {
    area: 'headers',
    breaks: ['errors.code-per-status'],
    description: "429 carries code RATE_LIMITED (in no version's 429 enum) instead of TOO_MANY_REQUESTS / QUOTA_EXCEEDED",
    catches: 'quality_on_demand_deleteSession_429.1_too_many_requests',
    // The 429 scenarios are r4.1 ones: they run from 1.2.0-rc.3 on.
    version: '1.2.0-rc.3',
  },
  'ownership-error-leaks-session': {
    area: 'auth',
    breaks: ['auth.other-client-session'],
    description: "the 403 for another client's session names the session's device and application server in its message",
    catches: 'auth.owner-only.other-client',
    collateral: {
      checks: ['auth.owner-only.three-legged-other-device'],
      why: 'the 3-legged refusal is the same ownership error and leaks the session the same way',
    },
  },
  // headers
  'no-correlator-echo': {
    area: 'headers',
    breaks: ['headers.x-correlator-echo'],
    description: 'the x-correlator request header is not echoed on responses',
    catches: 'quality_on_demand_getSession_01_get_existing_session',
    collateral: {
      checks: '*',
      why: 'every answer of every operation must echo x-correlator, so every check of the file sees the missing header',
    },
  },
  'invalid-correlator-accepted': {
    area: 'headers',
    breaks: CORRELATOR_PATTERN_RULES,
    description: 'an x-correlator violating the XCorrelator pattern is accepted and echoed',
    catches: 'x-correlator-pattern.sessions',
    collateral: {
      checks: ['x-correlator-pattern.profiles'],
      why: 'the header is checked the same way on both APIs',
    },
  },
  'invalid-correlator-ignored': {
    area: 'headers',
    breaks: CORRELATOR_PATTERN_RULES,
    description: 'an x-correlator violating the XCorrelator pattern is neither refused nor echoed: the request goes through',
    catches: 'x-correlator-pattern.sessions',
    collateral: {
      checks: ['x-correlator-pattern.profiles'],
      why: 'the header is checked the same way on both APIs',
    },
  },
  'json-content-type-wrong': {
    area: 'headers',
    breaks: ['headers.content-type-json'],
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
    breaks: ['errors.errorinfo-body'],
    description: 'error bodies lack the required `status` field',
    catches: 'quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer must carry ErrorInfo.status: every check of the file that expects an error sees it missing',
    },
  },
  'error-code-lowercase': {
    area: 'validation',
    breaks: ['errors.code-per-status'],
    description: 'error codes are sent in lower case (invalid_argument)',
    catches: 'quality_on_demand_getSession_404.1_not_found',
    collateral: {
      checks: '*',
      why: 'every error answer carries the lower-case code: every check of the file that expects an error sees it',
    },
  },
  'no-body-500': {
    area: 'validation',
    breaks: ['schema.createSession.request./.required'],
    description: 'a POST without body crashes with 500 INTERNAL instead of 400 INVALID_ARGUMENT',
    catches: 'quality_on_demand_createSession_400.2_no_request_body',
  },
  'request-schema-unchecked': {
    area: 'validation',
    breaks: [
      'schema.createSession.request./applicationServer.required',
      'schema.createSession.request./applicationServerPorts/ranges/*/from.required',
      'schema.createSession.request./applicationServerPorts/ranges/*/to.required',
      'schema.createSession.request./device/ipv4Address/publicAddress.required',
      'schema.createSession.request./devicePorts/ranges/*/from.required',
      'schema.createSession.request./devicePorts/ranges/*/to.required',
      'schema.createSession.request./duration.required',
      'schema.createSession.request./qosProfile.required',
      'schema.createSession.request./sinkCredential/accessToken.required',
      'schema.createSession.request./sinkCredential/accessTokenExpiresUtc.required',
      'schema.createSession.request./sinkCredential/accessTokenType.required',
      'schema.createSession.request./sinkCredential/credentialType.required',
      'lifecycle.refused-changes-nothing',
    ],
    description: 'request bodies are not checked against the request schema: invalid values reach the handlers (only JSON parsing is done)',
    catches: 'createSession.schema-violation.required',
    collateral: {
      checks: '*',
      why: 'the provider validates no request body at all, so every family of schema violations of the file is accepted',
    },
  },
  // notifications
  'notification-missing': {
    area: 'notifications',
    breaks: ['notify.available-event.createSession'],
    description: 'no notification is ever sent',
    catches: 'quality_on_demand_createSession_02_2_event_received',
  },
  'notification-wrong-type': {
    area: 'notifications',
    breaks: ['notify.cloudevent-attributes'],
    description: 'events use type org.camaraproject.qod.v1.qos-status-changed (not the spec value)',
    catches: 'createSession.available-event',
    collateral: {
      checks: ['deleteSession.deletion-event', 'createSession.expiry-event'],
      why: 'every event of every session carries the wrong type, and these checks read their events',
    },
  },
  'notification-no-bearer': {
    area: 'notifications',
    breaks: ['notify.sink-credential-bearer'],
    description: 'events are posted without Authorization although sinkCredential was given',
    catches: 'createSession.available-event',
    collateral: {
      checks: ['deleteSession.deletion-event', 'createSession.event-routing'],
      why: 'every event with a credential lacks the bearer token, and these checks read events sent with one',
    },
  },
  'notification-plain-json': {
    area: 'notifications',
    breaks: ['notify.cloudevent-attributes', 'headers.content-type-json'],
    description: 'events are posted as application/json instead of application/cloudevents+json',
    catches: 'createSession.available-event',
    collateral: {
      checks: ['deleteSession.deletion-event', 'createSession.expiry-event'],
      why: 'every event is sent as plain JSON, and these checks read their events',
    },
  },
  'notification-duplicate-id': {
    area: 'notifications',
    breaks: ['notify.cloudevent-attributes'],
    description: 'every event carries the same CloudEvent id',
    catches: 'deleteSession.deletion-event',
    collateral: {
      checks: ['createSession.expiry-event', 'createSession.event-routing'],
      why: 'every event carries the same id, so any check reading two events sees the duplicate',
    },
  },
  'notification-available-time-late': {
    area: 'notifications',
    breaks: ['notify.event-time-order'],
    description: "AVAILABLE events carry a `time` one hour late, so they claim to follow the session's UNAVAILABLE event",
    catches: 'deleteSession.deletion-event',
    collateral: {
      checks: ['createSession.expiry-event'],
      why: 'the expiry event follows an AVAILABLE event too, whose time is after it',
    },
  },
  'notification-after-delete': {
    area: 'notifications',
    breaks: ['notify.deleted-event.deleteSession'],
    description: 'an extra UNAVAILABLE event arrives after the DELETE_REQUESTED one',
    catches: 'deleteSession.deletion-event',
    collateral: {
      checks: ['deleteSession.no-event-if-already-unavailable'],
      why: 'the extra event follows every delete, also of a session already UNAVAILABLE, where the spec promises no event at all',
    },
  },
  'notification-wrong-session-id': {
    area: 'notifications',
    breaks: ['notify.deleted-event.deleteSession'],
    description: 'data.sessionId of events is a random UUID, not the session',
    catches: 'quality_on_demand_deleteSession_02_event_notification',
  },
  'notification-no-delete-event': {
    area: 'notifications',
    breaks: ['notify.deleted-event.deleteSession'],
    description: 'deleting an AVAILABLE session with a sink sends no DELETE_REQUESTED event',
    catches: 'quality_on_demand_deleteSession_02_event_notification',
  },
  'notification-status-info-on-available': {
    area: 'notifications',
    breaks: ['notify.available-event.createSession'],
    description: 'the AVAILABLE event carries statusInfo (only allowed with UNAVAILABLE)',
    catches: 'createSession.available-event',
  },
  'sink-http-accepted': {
    area: 'notifications',
    breaks: ['notify.sink-https'],
    description: 'a plain-http sink is accepted although 1.1.0 requires https',
    catches: 'createSession.sink-https-only',
  },
  'plain-credential-accepted': {
    area: 'notifications',
    breaks: ['notify.sink-credential-accesstoken-only'],
    description: 'sinkCredential.credentialType PLAIN / REFRESHTOKEN is accepted',
    catches: 'quality_on_demand_createSession_400.6_invalid_sink_credential',
  },
  'sink-token-type-accepted': {
    area: 'notifications',
    breaks: ['schema.createSession.request./sinkCredential/accessTokenType.enum'],
    description: 'sinkCredential.accessTokenType other than "bearer" passes validation (201)',
    catches: 'quality_on_demand_createSession_400.7_sink_credential_invalid_token',
  },
  'empty-sink-credential-accepted': {
    area: 'notifications',
    breaks: ['schema.createSession.request./sinkCredential/credentialType.required'],
    description: 'sinkCredential {} (no credentialType) passes validation (201)',
    catches: 'quality_on_demand_createSession_400.4_empty_property',
  },
  // profiles
  'profile-filter-ignored': {
    area: 'profiles',
    breaks: ['profiles.filter-by-status'],
    description: 'retrieveQoSProfiles ignores the status filter',
    catches: 'qos_profiles_retrieveQoSProfiles_03_filter_by_status_only',
  },
  'profile-unknown-200': {
    area: 'profiles',
    breaks: ['match.unknown-profile-404.getQosProfile'],
    description: 'getQosProfile answers 200 with an invented profile for an unknown name',
    catches: 'qos_profiles_getQosProfile_404.1_not_found',
  },
  'inactive-profile-accepted': {
    area: 'profiles',
    breaks: ['lifecycle.profile-not-applicable-422.createSession'],
    description: 'an INACTIVE / DEPRECATED profile can be used for a new session',
    catches: 'quality_on_demand_createSession_422.1_session_qos_profile_not_applicable',
  },
  'unknown-qos-profile-accepted': {
    area: 'profiles',
    breaks: ['match.unknown-profile.createSession'],
    description: 'createSession with a non-existent qosProfile succeeds (201 instead of 400)',
    catches: 'quality_on_demand_createSession_400.8_non_existent_qos_profile',
  },
  'restricted-profile-leaked': {
    area: 'profiles',
    breaks: ['profiles.device-filter-available-only'],
    description: 'device-restricted profiles are listed without a device filter',
    catches: 'qos_profiles_retrieveQoSProfiles_05_not_return_restricted_profiles',
  },
  'profile-schema-violation': {
    area: 'profiles',
    breaks: ['schema.getQosProfile.response.200./maxDuration/unit.enum'],
    description: 'QoS profiles carry maxDuration.unit "seconds" (not in TimeUnitEnum)',
    catches: 'qos_profiles_getQosProfile_01_generic_success_scenario',
  },
  'profile-durations-inverted': {
    area: 'profiles',
    breaks: ['profiles.min-not-above-max'],
    description: 'QoS profiles report minDuration and maxDuration swapped (minDuration above maxDuration)',
    catches: 'retrieveQoSProfiles.max-duration-not-below-min',
  },
  'inactive-profile-hidden': {
    area: 'profiles',
    breaks: ['profiles.any-status-readable'],
    description: 'getQosProfile answers 404 for a listed profile that is not ACTIVE (INACTIVE / DEPRECATED)',
    catches: 'getQosProfile.inactive-profile-readable',
    collateral: {
      checks: ['getQosProfile.listed-profiles-read-back'],
      why: 'the hidden INACTIVE profile is listed but cannot be read by name',
    },
  },
  'profile-get-differs': {
    area: 'profiles',
    breaks: ['profiles.read-back-consistent'],
    description: 'getQosProfile reports a different priority than retrieveQoSProfiles lists for the same profile',
    catches: 'getQosProfile.listed-profiles-read-back',
  },
  // SessionInfo echo rules of createSession 01 (one fault per Examples row)
  'device-echo-other-identifier': {
    area: 'devices',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'SessionInfo.device echoes another identifier of the device than the one sent',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:device',
  },
  'app-server-echo-partial': {
    area: 'lifecycle',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'SessionInfo.applicationServer drops the ipv6Address that was sent with an ipv4Address',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:applicationServer',
  },
  'qos-profile-echo-wrong': {
    area: 'profiles',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'SessionInfo.qosProfile is returned in lower case, not as sent',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:qosProfile',
  },
  'sink-not-echoed': {
    area: 'notifications',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'SessionInfo.sink is dropped although the request gave one',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:sink',
  },
  'started-at-future': {
    area: 'lifecycle',
    breaks: ['lifecycle.started-at-when-available'],
    description: 'startedAt (and expiresAt with it) lies one hour in the future',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:startedAt',
  },
  'status-info-on-available': {
    area: 'lifecycle',
    breaks: ['lifecycle.create-201-session-info'],
    description: 'an AVAILABLE session carries statusInfo DURATION_EXPIRED (only allowed when UNAVAILABLE)',
    catches: 'quality_on_demand_createSession_01_generic_success_scenario:statusInfo',
  },
  // Rule classes the official scenarios leave out (issue 18): schema constraints on the operations
  // other than createSession, silence, check order and exact matching.
  'extend-duration-unchecked': {
    area: 'validation',
    breaks: [
      'schema.extendQosSessionDuration.request./requestedAdditionalDuration.minimum',
      'schema.extendQosSessionDuration.request./requestedAdditionalDuration.maximum',
      'schema.extendQosSessionDuration.request./requestedAdditionalDuration.type',
    ],
    description: 'extendQosSessionDuration does not check requestedAdditionalDuration against its schema (type, minimum, maximum): out-of-range values are accepted',
    catches: 'extendQosSessionDuration.schema-violation.minimum',
    collateral: {
      checks: ['extendQosSessionDuration.schema-violation.type', 'extendQosSessionDuration.schema-violation.format'],
      why: 'the fault lets every constraint of requestedAdditionalDuration through: each keyword family of that field fails',
    },
  },
  'retrieve-device-unchecked': {
    area: 'validation',
    breaks: ['schema.retrieveSessionsByDevice.request./device/phoneNumber.pattern'],
    description: 'retrieveSessionsByDevice does not check the device object against its schema (identifier patterns and formats, minProperties, additionalProperties)',
    catches: 'retrieveSessionsByDevice.schema-violation.pattern',
    collateral: {
      checks: '*',
      why: 'every constraint the negative properties of retrieveSessionsByDevice break lies in the device object the fault leaves unchecked',
    },
  },
  'profile-filter-unchecked': {
    area: 'validation',
    breaks: ['schema.retrieveQoSProfiles.request./status.enum', 'schema.retrieveQoSProfiles.request./name.pattern'],
    description: 'retrieveQoSProfiles does not check its name and status filters against the schema (pattern, length, enum): an empty list instead of 400',
    catches: 'retrieveQoSProfiles.schema-violation.enum',
    collateral: {
      checks: [
        'retrieveQoSProfiles.schema-violation.pattern',
        'retrieveQoSProfiles.schema-violation.minLength',
        'retrieveQoSProfiles.schema-violation.maxLength',
        'retrieveQoSProfiles.schema-violation.type',
      ],
      why: 'the fault lets every constraint of the name and status filters through: each keyword family of those fields fails',
    },
  },
  'extend-minimum-off-by-one': {
    area: 'validation',
    breaks: ['schema.extendQosSessionDuration.request./requestedAdditionalDuration.minimum'],
    description: 'extendQosSessionDuration refuses requestedAdditionalDuration 1 (its schema minimum, read as exclusive) with 400 OUT_OF_RANGE',
    catches: 'extendQosSessionDuration.schema-boundaries',
  },
  'notify-delete-when-unavailable': {
    area: 'notifications',
    breaks: ['notify.none-if-already-unavailable.deleteSession'],
    description: 'deleteSession of a session that is already UNAVAILABLE still sends a QOS_STATUS_CHANGED event (UNAVAILABLE, DELETE_REQUESTED)',
    catches: 'deleteSession.no-event-if-already-unavailable',
  },
  'validate-before-auth': {
    area: 'auth',
    breaks: [
      'order.auth-before-validation.createSession',
      'order.auth-before-validation.getSession',
      'order.auth-before-validation.deleteSession',
      'order.auth-before-validation.extendQosSessionDuration',
      'order.auth-before-validation.retrieveSessionsByDevice',
      'order.auth-before-validation.retrieveQoSProfiles',
      'order.auth-before-validation.getQosProfile',
    ],
    description: 'path parameters and the request body are validated before the access token: an unauthenticated invalid request gets 400 instead of 401',
    catches: 'check-order.auth-before-validation.createSession',
    collateral: {
      checks: [
        'check-order.auth-before-validation.getSession',
        'check-order.auth-before-validation.deleteSession',
        'check-order.auth-before-validation.extendQosSessionDuration',
        'check-order.auth-before-validation.retrieveSessionsByDevice',
        'check-order.auth-before-validation.retrieveQoSProfiles',
        'check-order.auth-before-validation.getQosProfile',
        'check-order.authz-before-validation.createSession',
        'check-order.authz-before-validation.getSession',
        'check-order.authz-before-validation.deleteSession',
        'check-order.authz-before-validation.extendQosSessionDuration',
        'check-order.authz-before-validation.retrieveSessionsByDevice',
        'check-order.authz-before-validation.retrieveQoSProfiles',
        'check-order.authz-before-validation.getQosProfile',
      ],
      why: 'the fault moves validation before the token and its scopes are checked, for every operation: the same rule fails on each, for both callers',
    },
  },
  'lookup-before-auth': {
    area: 'auth',
    breaks: ['order.auth-before-lookup.getSession', 'order.auth-before-lookup.deleteSession', 'order.auth-before-lookup.extendQosSessionDuration', 'order.auth-before-lookup.getQosProfile'],
    description: 'a well-formed but unknown session id or profile name is looked up before the access token: an unauthenticated request for it gets 404 instead of 401',
    catches: 'check-order.auth-before-lookup.getSession',
    collateral: {
      checks: [
        'check-order.auth-before-lookup.deleteSession',
        'check-order.auth-before-lookup.extendQosSessionDuration',
        'check-order.auth-before-lookup.getQosProfile',
        'check-order.authz-before-lookup.getSession',
        'check-order.authz-before-lookup.deleteSession',
        'check-order.authz-before-lookup.extendQosSessionDuration',
        'check-order.authz-before-lookup.getQosProfile',
      ],
      why: 'the fault moves the lookup before the token and its scopes are checked, for every operation with a resource in its path: the same rule fails on each, for both callers',
    },
  },
  'scope-checked-last': {
    area: 'auth',
    breaks: [
      'order.authz-before-lookup.getSession',
      'order.authz-before-lookup.deleteSession',
      'order.authz-before-lookup.extendQosSessionDuration',
      'order.authz-before-lookup.getQosProfile',
      'order.authz-before-validation.createSession',
      'order.authz-before-validation.getSession',
      'order.authz-before-validation.deleteSession',
      'order.authz-before-validation.extendQosSessionDuration',
      'order.authz-before-validation.retrieveSessionsByDevice',
      'order.authz-before-validation.retrieveQoSProfiles',
      'order.authz-before-validation.getQosProfile',
    ],
    description:
      'the scopes of a (valid) token are checked after validation and after the lookup: a token without the scope gets 400 for an invalid request and 404 for an unknown session, instead of 403',
    catches: 'check-order.authz-before-lookup.getSession',
    collateral: {
      checks: [
        'check-order.authz-before-lookup.deleteSession',
        'check-order.authz-before-lookup.extendQosSessionDuration',
        'check-order.authz-before-lookup.getQosProfile',
        'check-order.authz-before-validation.createSession',
        'check-order.authz-before-validation.getSession',
        'check-order.authz-before-validation.deleteSession',
        'check-order.authz-before-validation.extendQosSessionDuration',
        'check-order.authz-before-validation.retrieveSessionsByDevice',
        'check-order.authz-before-validation.retrieveQoSProfiles',
        'check-order.authz-before-validation.getQosProfile',
      ],
      why: 'the fault moves the scope check after validation and lookup for every operation: the same rule fails on each',
    },
  },
  'profile-name-case-insensitive': {
    area: 'profiles',
    breaks: ['match.profile-name-exact.getQosProfile', 'match.profile-name-exact.retrieveQoSProfiles', 'match.profile-name-exact.createSession', 'match.profile-name-exact.getQosProfiles'],
    description: 'QoS profile names are matched without regard to case: getQosProfile, the retrieveQoSProfiles name filter and createSession accept a name that differs from a profile only in case',
    catches: 'getQosProfile.exact-name-match',
    collateral: {
      checks: ['createSession.exact-profile-name-match', 'retrieveQoSProfiles.exact-name-match'],
      why: 'one catalogue match serves the three operations: the case-blind match shows on each',
    },
  },
  // QoD 0.10.1 behaviour (issue 29): rules of 0.10.1's own text that 1.x states differently or not at all.
  'v010-phone-plus-required': {
    area: 'devices',
    breaks: ['devices.phone-plus-optional'],
    version: '0.10.1',
    description: 'a device phoneNumber without the leading "+" is refused (400 INVALID_ARGUMENT), although 0.10.1 PhoneNumber is ^\\+?[0-9]{5,15}$ ("optionally prefixed with \'+\'")',
    catches: 'createSession.phone-plus-optional',
  },
  'v010-identifiers-not-cross-checked': {
    area: 'devices',
    breaks: ['devices.identifiers-same-device'],
    version: '0.10.1',
    description: 'identifiers of two different devices in one device object are accepted (one of them is used: 201) instead of 400 INVALID_ARGUMENT',
    catches: 'createSession.identifiers-same-device',
  },
  'v010-conflict-by-identifier': {
    area: 'lifecycle',
    breaks: ['lifecycle.one-session-per-device', 'lifecycle.conflict-any-identifier'],
    version: '0.10.1',
    description:
      'the one-session-per-device rule compares identifiers as sent: a second session for a device with an active session is created when another of its identifiers names it (201 instead of 409)',
    catches: 'createSession.conflict-any-identifier',
  },
  'v010-three-legged-scope-unchecked': {
    area: 'auth',
    breaks: ['auth.three-legged-scopes'],
    version: '0.10.1',
    description: 'a 3-legged token without the qod-sessions-* scopes is served like a client-credentials token (no 403 PERMISSION_DENIED)',
    catches: 'createSession.three-legged-scopes',
  },
  'v010-profile-status-filter-ignored': {
    area: 'profiles',
    breaks: ['profiles.status-filter.getQosProfiles'],
    version: '0.10.1',
    description: 'GET /qos-profiles ignores its status query parameter: every profile is listed whatever status was asked for',
    catches: 'getQosProfiles.status-filter',
  },
  'v010-extend-cap-on-total': {
    area: 'duration',
    breaks: ['extend.remaining-cap'],
    version: '0.10.1',
    description: 'extendQosSessionDuration caps the overall duration at 86400 s instead of the remaining duration (expiresAt minus the time of the request)',
    catches: 'extendQosSessionDuration.remaining-duration-cap',
  },
  'v010-correlator-required': {
    area: 'headers',
    breaks: ['headers.no-x-correlator'],
    version: '0.10.1',
    description: 'a request without an x-correlator header is refused (400 INVALID_ARGUMENT), although 0.10.1 defines no such header',
    catches: 'createSession.no-x-correlator-needed',
  },
  'v010-notification-url-suffixed': {
    area: 'notifications',
    breaks: ['notify.webhook-target'],
    version: '0.10.1',
    description: 'events are posted to webhook.notificationUrl + "/notifications" (the 0.8.1 callback path), not to webhook.notificationUrl itself',
    catches: 'createSession.webhook-url-itself',
  },
  'orange-401-code-meaning': {
    area: 'auth',
    breaks: ['auth.no-credentials-401', 'errors.code-per-status'],
    version: '0.10.1',
    dialect: 'orange',
    description: 'in the Orange dialect, a request without credentials gets 401 code 42 ("Expired credentials": the right status row, the wrong meaning) instead of 40 ("Missing credentials")',
    catches: 'auth.no-credentials.getSession',
    collateral: {
      // '*': the file's 0.10.1 operations (getQosProfiles) have checks no 1.1.0 run names.
      checks: '*',
      why: 'the same rule is checked on every operation of the file: every request without credentials gets the wrong code',
    },
  },
  'orange-400-code-meaning': {
    area: 'validation',
    breaks: ['schema.extendQosSessionDuration.request./.required', 'errors.code-per-status'],
    version: '0.10.1',
    dialect: 'orange',
    description: 'in the Orange dialect, a request without a body gets 400 code 20 ("Invalid URL parameter value": the right status row, the wrong meaning) instead of 21 ("Missing body")',
    catches: 'quality_on_demand_extendQosSessionDuration_400.3_no_request_body',
  },
} as const satisfies Record<string, FaultInfo>;

/** Every fault: QoD's and QoS Provisioning's (provisioning-faults.ts). */
export const FAULTS = { ...QOD_FAULTS, ...PROVISIONING_FAULTS } as const satisfies Record<string, FaultInfo>;

export type FaultName = keyof typeof FAULTS;
export type QodFaultName = keyof typeof QOD_FAULTS;
export type ProvisioningFaultName = keyof typeof PROVISIONING_FAULTS;

export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];
export const QOD_FAULT_NAMES = Object.keys(QOD_FAULTS) as QodFaultName[];
export const PROVISIONING_FAULT_NAMES = Object.keys(PROVISIONING_FAULTS) as ProvisioningFaultName[];

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
    const error = new Error(`unknown fault ${unknown.map((n) => `"${n}"`).join(', ')}; known faults: ${FAULT_NAMES.join(', ')}`) as Error & { code: string };
    error.code = 'QOD_UNKNOWN_FAULT';
    throw error;
  }
  return new FaultSet(names as FaultName[]);
}
