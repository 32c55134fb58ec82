// Named variants of the reference provider. Unlike a fault, a variant is a CONFORMING behaviour:
// a freedom the spec leaves to implementations (timing, a choice between allowed answers). The
// suite must say CONFORMANT with any of them on (test/selftest/variants.ts proves it), so a
// check that fails under a variant is a false alarm of the suite, not a fault of the provider.
import type { ApiVersion } from '../config/types.js';

export interface VariantParam {
  unit: 'ms' | 's';
  default: number;
  /** Smallest value that makes sense (inclusive). */
  min: number;
  /** What the number means. */
  meaning: string;
}

export interface VariantInfo {
  description: string;
  /** The spec freedom it exercises, in our words, and where the spec grants it. */
  freedom: string;
  param?: VariantParam;
  /** Versions whose spec grants the freedom; in the others the variant changes nothing. Default: all. */
  versions?: readonly ApiVersion[];
}

/** Versions whose createSession text lets the provider grant a duration other than the one asked for. */
const GRANTS_OTHER_DURATION: readonly ApiVersion[] = ['0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'];
/** Versions whose QoD description lets profiles be agreed during onboarding instead of retrieved. */
const PROFILES_API_OPTIONAL: readonly ApiVersion[] = ['0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'];
/** QoD releases whose bundle holds a QoS Provisioning document (0.2.0, 0.3.0, 0.4.0-rc.1). */
const WITH_PROVISIONING: readonly ApiVersion[] = ['1.0.0', '1.1.0', '1.2.0-rc.3'];
/** Versions with a QoS Profiles API, where a client can learn a profile's minDuration. */
const PROFILES_WITH_LIMITS: readonly ApiVersion[] = ['0.10.1', '0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'];

export const VARIANTS = {
  'provisioning-delay': {
    description: 'sessions and QoS assignments are created REQUESTED (no startedAt/expiresAt) and turn AVAILABLE later, with an AVAILABLE event then',
    freedom:
      'QosStatus REQUESTED exists for exactly this: the network provides the QoS some time after the request (QosStatus description; the create answer may say REQUESTED and a later event reports AVAILABLE); the same Status REQUESTED in QoS Provisioning',
    param: { unit: 'ms', default: 1000, min: 1, meaning: 'time from creation to AVAILABLE' },
  },
  latency: {
    description: 'every answer (QoD, QoS Profiles, token endpoint) is delayed; the session timers are not',
    freedom: 'the spec sets no response time',
    param: { unit: 'ms', default: 100, min: 1, meaning: 'delay of each answer' },
  },
  'duration-cap': {
    description: "a duration above the profile's maxDuration is granted as that maximum (201, duration = max) instead of 400 DURATION_OUT_OF_RANGE",
    freedom: 'CreateSession.duration: "Implementations can grant the requested session duration or set a different duration" (0.11.1 and later)',
    versions: GRANTS_OTHER_DURATION,
  },
  'high-min-duration': {
    description: 'the profile the suite creates sessions with (fixture qosProfiles.valid) has this minDuration (its maxDuration stays above it)',
    freedom: "QosProfile.minDuration is the operator's choice; the client must read it from the QoS Profiles API (0.10.1 and later)",
    param: { unit: 's', default: 120, min: 2, meaning: 'minDuration of the profile' },
    versions: PROFILES_WITH_LIMITS,
  },
  'late-callbacks': {
    description: 'every callback (QoD and QoS Provisioning) is posted this long after the status change (its `time` stays the time of the change)',
    freedom: 'the spec sets no delivery delay for notifications',
    param: { unit: 'ms', default: 3500, min: 1, meaning: 'delay of each callback' },
  },
  'swapped-events': {
    description: 'two events of one session that fall within 1 s of each other (e.g. AVAILABLE then UNAVAILABLE) are delivered in swapped order, each with its correct `time`',
    freedom: 'the spec promises no delivery order; CloudEvent `time` says when the change happened (CloudEvent time attribute)',
  },
  'purge-expired': {
    description: 'a session whose duration ran out is deleted at once (404 afterwards); after NETWORK_TERMINATED it is still kept 360 s',
    freedom: 'deletion "can be triggered automatically once the QoS session has reached its limit"; the 360 s retention is required only after NETWORK_TERMINATED (info.description / QosStatus)',
  },
  'foreign-session-404': {
    description: "another API client's session answers 404 NOT_FOUND instead of 403 PERMISSION_DENIED",
    freedom: 'the spec states who may use a session but names no error code for it (SCENARIOS.md conflict #10: only the scenarios fix 403)',
  },
  'normalised-addresses': {
    description: 'applicationServer.ipv6Address comes back in canonical form (RFC 5952: lower case, zeros compressed); the device is echoed as given',
    freedom:
      'ApplicationServer has no echo-as-given rule (an equal address is the same server); SessionInfo.device must keep "the original value provided in createSession", so it is never normalised',
  },
  'malformed-auth-400': {
    description: 'an Authorization header that is not "Bearer <token>" is refused as a malformed request (400 INVALID_ARGUMENT) instead of 401',
    freedom: 'a syntactically malformed header is a bad request (RFC 6750 §3.1 invalid_request → 400) as much as missing credentials (401); the spec documents both statuses for every operation',
  },
  'no-profiles-api': {
    description: 'the QoS Profiles API is not offered (its routes answer 404): the profiles are agreed during onboarding (declare them: profilesApi false, qosProfiles.agreed)',
    freedom: 'QoD description, QoS profiles: the set offered "may be retrieved via the qos-profiles API ... or will be agreed during the onboarding" (0.11.1 and later)',
    versions: PROFILES_API_OPTIONAL,
  },
  'busy-devices': {
    description:
      'a simulated second API client holds sessions on the fixture devices for stretches of this length (creates for them get 409 CONFLICT meanwhile); after each hold the device stays free at least as long',
    freedom: "one session per device at a time is the provider's rule (409 CONFLICT); other clients of the same endpoint are outside the tested client's control",
    param: { unit: 'ms', default: 2000, min: 10, meaning: 'longest hold of a device' },
  },
  'gzip-responses': {
    description: 'every answer body is gzip-compressed (Content-Encoding: gzip), as a gateway does for a client that sent no Accept-Encoding',
    freedom: 'RFC 9110 §12.5.3: a request without Accept-Encoding accepts any content coding; §8.4: the coding is undone before the media type is read',
  },
  'charset-param': {
    description: 'JSON answers and callbacks carry a charset parameter: application/json; charset=utf-8 (application/cloudevents+json; charset=utf-8)',
    freedom: 'RFC 9110 §8.3.1: a media type may carry parameters; the spec names the media type, not the exact header value (RFC 8259 §11: JSON is UTF-8)',
  },
  'media-type-case': {
    description: 'JSON answers say Content-Type: Application/JSON',
    freedom: 'RFC 9110 §8.3.1: type and subtype are case-insensitive',
  },
  'gateway-headers': {
    description:
      'answer header names are spelled in Title-Case (X-Correlator, Content-Type), the gateway adds its own headers (Via, Strict-Transport-Security, X-RateLimit-*, X-Request-Id), and a 401 carries WWW-Authenticate',
    freedom: 'RFC 9110 §5.1: field names are case-insensitive; headers the spec does not list are allowed; RFC 9110 §11.6.1 / RFC 6750 §3: a 401 sends WWW-Authenticate',
  },
  'error-details': {
    description: "error bodies carry the gateway's own fields besides status, code and message (traceId, details)",
    freedom: 'ErrorInfo requires status, code and message and does not forbid other properties (no additionalProperties: false)',
  },
  'generated-correlator': {
    description: "an answer to a request without x-correlator carries one the gateway generated (a request's own x-correlator is still echoed)",
    freedom: 'every response documents an optional x-correlator header with no condition on the request; the echo rule binds only a value the request sent (CAMARA API Design Guide, x-correlator)',
  },
  'chunked-responses': {
    description: 'answers carry no Content-Length: their bodies are sent with Transfer-Encoding: chunked',
    freedom: 'RFC 9112 §6.1, §6.3: a message body may be framed by chunked transfer coding instead of Content-Length',
  },
  'connection-close': {
    description: 'every answer closes its connection (Connection: close): no keep-alive',
    freedom: 'RFC 9112 §9.6: either side may close a connection after any response by sending Connection: close',
  },
  'gateway-503': {
    description: 'a gateway refuses every request for 250 ms of each period with 503 UNAVAILABLE and Retry-After: 1 (maintenance, overload); the request never reaches the API',
    freedom: 'RFC 9110 §15.6.4: 503 with Retry-After is a temporary condition, not an answer of the API; CAMARA API Design Guide: 503 UNAVAILABLE is a common error of every API',
    param: { unit: 'ms', default: 5000, min: 500, meaning: 'time between the starts of two refusal windows' },
  },
  'gateway-429': {
    description: "a gateway's spike arrest refuses every request for 250 ms of each period with 429 TOO_MANY_REQUESTS and Retry-After: 1, whatever the client",
    freedom: 'CAMARA API Design Guide: 429 TOO_MANY_REQUESTS (rate limit) may answer any operation; RFC 6585 §4 / RFC 9110 §10.2.3: Retry-After says when to try again',
    param: { unit: 'ms', default: 5000, min: 500, meaning: 'time between the starts of two refusal windows' },
  },
  'time-offset': {
    description: 'startedAt, expiresAt and the CloudEvent time are rendered with a +02:00 offset and microseconds (2024-06-01T14:00:00.000000+02:00), the same instants',
    freedom: 'RFC 3339 §5.6 (time-offset, time-secfrac); the spec: date-time "must have time zone", its own example 2024-06-01T12:00:00+02:00 style (1.0.0 on)',
  },
  'time-lowercase': {
    description: 'startedAt, expiresAt and the CloudEvent time use a lower-case "t" and "z" (2024-06-01t12:00:00.000z)',
    freedom: 'RFC 3339 §5.6 NOTE: "T" and "Z" may alternatively be lower case',
  },
  'duplicate-events': {
    description: 'every callback is delivered twice, the second copy 300 ms after the first, with the same CloudEvent id and content',
    freedom: 'CloudEvents 1.0 id: "consumers MAY assume that Events with identical source and id are duplicates" (at-least-once delivery)',
  },
  'event-extensions': {
    description: 'every CloudEvent carries extension attributes (traceparent, tracestate, partitionkey) besides the required ones',
    freedom: "CloudEvents 1.0 §extension context attributes (Distributed Tracing, Partitioning extensions); the spec's CloudEvent schema allows additional properties",
  },
  'event-minimal': {
    description: 'CloudEvents carry only the attributes the spec requires (no datacontenttype) and callbacks have no x-correlator header',
    freedom: "CloudEvent: datacontenttype is optional (required: id, source, specversion, type, time); the callback's x-correlator header parameter is optional",
  },
  'profile-no-limits': {
    description: 'the profile the suite creates sessions with (fixture qosProfiles.valid) states no minDuration and no maxDuration',
    freedom: 'QosProfile: only name and status are required; without limits a session duration is bounded by the CreateSession.duration schema alone',
    versions: PROFILES_WITH_LIMITS,
  },
  'profile-units': {
    description: 'profile durations are stated in other units of TimeUnitEnum: minDuration 1000 Milliseconds, maxDuration 1 Days (the same limits)',
    freedom: 'QosProfile Duration: value + unit, unit any of Days … Nanoseconds (TimeUnitEnum)',
    versions: PROFILES_WITH_LIMITS,
  },
  'async-revoke': {
    description:
      'QoS Provisioning: revoking an AVAILABLE assignment answers 202 (AVAILABLE, statusInfo DELETE_REQUESTED) and the deletion completes this much later, with the UNAVAILABLE + DELETE_REQUESTED event then',
    freedom: 'revokeQosAssignment (revokeProvisioning in 0.2.0) documents 204 (done) and 202 (accepted, deletion still running) as its success answers',
    param: { unit: 'ms', default: 1000, min: 1, meaning: 'time from the 202 to the completed deletion' },
    versions: WITH_PROVISIONING,
  },
  'revoke-purges': {
    description: 'QoS Provisioning: a revoked assignment is gone at once (404 NOT_FOUND afterwards) instead of readable as UNAVAILABLE for 360 s',
    freedom:
      'the 360 s retention is described for records whose status becomes UNAVAILABLE, and 204 means "revoked": nothing says a revoked record stays readable (PROVISIONING.md conflicts C2: only the tests expect it)',
    versions: WITH_PROVISIONING,
  },
  'event-status-only': {
    description: 'QoS Provisioning 0.2.0 / 0.3.0: status-changed events carry only the declared data.status, not the undeclared qosStatus that data.required names',
    freedom:
      'EventStatusChanged declares status (its example and every scenario use it); data.required naming the undeclared qosStatus is a defect of the spec, fixed in 0.4.0-rc.1 (PROVISIONING.md conflicts C1)',
    versions: ['1.0.0', '1.1.0'],
  },
  'network-terminates': {
    description:
      "QoS Provisioning: the network ends each assignment this long after it became AVAILABLE: UNAVAILABLE + NETWORK_TERMINATED with its event, readable 360 s, still the device's (409) until revoked (204, no event)",
    freedom:
      'StatusInfo NETWORK_TERMINATED ("the network terminated the assignment"); a record that becomes UNAVAILABLE is kept at least 360 s, and the client must delete it before a new one for the device',
    param: { unit: 'ms', default: 5000, min: 1, meaning: 'time from AVAILABLE to the end' },
    versions: WITH_PROVISIONING,
  },
} as const satisfies Record<string, VariantInfo>;

export type VariantName = keyof typeof VARIANTS;

export const VARIANT_NAMES = Object.keys(VARIANTS) as VariantName[];

/** The active variants of one provider instance, with their values. */
export class VariantSet {
  private readonly active: ReadonlyMap<VariantName, number | undefined>;

  constructor(
    active: ReadonlyMap<VariantName, number | undefined> = new Map(),
    private readonly apiVersion?: ApiVersion,
  ) {
    this.active = active;
  }

  /** On, and its spec freedom exists in this provider's version. */
  has(name: VariantName): boolean {
    if (!this.active.has(name)) return false;
    const versions = (VARIANTS[name] as VariantInfo).versions;
    return !versions || this.apiVersion === undefined || versions.includes(this.apiVersion);
  }

  /** The variant's number (its default when given without one); undefined when not in effect. */
  value(name: VariantName): number | undefined {
    if (!this.has(name)) return undefined;
    return this.active.get(name) ?? (VARIANTS[name] as VariantInfo).param?.default;
  }

  /** As given, in canonical spelling: `name` or `name=value`. */
  list(): string[] {
    return [...this.active].map(([name, v]) => (v === undefined ? name : `${name}=${v}`));
  }
}

export function isVariantName(name: string): name is VariantName {
  return Object.hasOwn(VARIANTS, name);
}

/** `name` or `name=value`; an unknown name or a bad value is a usage error, never ignored. */
export function parseVariants(specs: readonly string[] = [], apiVersion?: ApiVersion): VariantSet {
  const active = new Map<VariantName, number | undefined>();
  for (const spec of specs) {
    const [name, raw] = splitOnce(spec.trim());
    if (!isVariantName(name)) throw variantError(`unknown variant "${name}"; known variants: ${VARIANT_NAMES.join(', ')}`);
    const param = (VARIANTS[name] as VariantInfo).param;
    if (raw === undefined) {
      active.set(name, undefined);
      continue;
    }
    if (!param) throw variantError(`variant ${name} takes no value (got "${spec}")`);
    if (!/^\d+$/.test(raw) || Number(raw) < param.min) {
      throw variantError(`variant ${name}: value must be a whole number of ${param.unit} ≥ ${param.min} (${param.meaning}), got "${raw}"`);
    }
    active.set(name, Number(raw));
  }
  return new VariantSet(active, apiVersion);
}

function splitOnce(spec: string): [string, string | undefined] {
  const eq = spec.indexOf('=');
  return eq < 0 ? [spec, undefined] : [spec.slice(0, eq), spec.slice(eq + 1)];
}

function variantError(message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.code = 'QOD_INVALID_VARIANT';
  return error;
}
