// Request checks driven by the spec layer: the provider owns no copy of the schemas, it only
// decides which error code a violation maps to (and which violations a fault lets through).
import type { SpecValidators, Violation } from '../spec/types.js';
import { PROVISIONING_OPERATION_IDS } from '../versions/provisioning-rules.js';
import { ApiError, invalidArgument, outOfRange } from './errors.js';
import type { FaultSet, FaultName } from './faults.js';
import { mediaType } from './http-io.js';

const RANGE_RULES = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
const PORT_POINTER = /^\/(devicePorts|applicationServerPorts)\/|\/publicPort$/;

const isPortRange = (v: Violation): boolean => RANGE_RULES.has(v.rule) && PORT_POINTER.test(v.pointer);

/** Violations a fault deliberately lets through (each matches exactly one rule). */
const IGNORED_BY_FAULT: Array<[FaultName, (v: Violation, operationId: string) => boolean]> = [
  ['port-out-of-range-accepted', isPortRange],
  ['duration-zero-accepted', (v) => v.pointer === '/duration' && v.rule === 'minimum'],
  ['invalid-phone-accepted', (v) => v.pointer.endsWith('/phoneNumber') && v.rule === 'pattern'],
  ['sink-http-accepted', (v) => v.pointer === '/sink' && v.rule === 'pattern'],
  ['sink-token-type-accepted', (v) => v.pointer === '/sinkCredential/accessTokenType' && v.rule === 'enum'],
  ['empty-sink-credential-accepted', (v) => v.pointer === '/sinkCredential' && v.rule === 'required'],
  // The same kinds of constraint on the operations other than createSession (issue 18).
  ['extend-duration-unchecked', (v, op) => op === 'extendQosSessionDuration' && v.pointer === '/requestedAdditionalDuration'],
  ['retrieve-device-unchecked', (v, op) => op === 'retrieveSessionsByDevice' && (v.pointer === '/device' || v.pointer.startsWith('/device/'))],
  ['profile-filter-unchecked', (v, op) => op === 'retrieveQoSProfiles' && (v.pointer === '/name' || v.pointer === '/status')],
  // QoS Provisioning's own switches of the same kinds.
  ['assignment-request-schema-unchecked', (_v, op) => PROVISIONING_OPERATION_IDS.has(op)],
  ['assignment-sink-http-accepted', (v, op) => PROVISIONING_OPERATION_IDS.has(op) && v.pointer === '/sink' && v.rule === 'pattern'],
  ['assignment-token-type-accepted', (v, op) => PROVISIONING_OPERATION_IDS.has(op) && v.pointer === '/sinkCredential/accessTokenType' && v.rule === 'enum'],
];

export interface CorrelatorCheck {
  /** Value to echo on the response (only a valid one: echoing garbage would break the header schema). */
  echo?: string;
  error?: ApiError;
}

/** x-correlator is optional; when sent it must match the spec's XCorrelator schema. */
export function checkCorrelator(validators: SpecValidators, operationId: string | undefined, value: string | undefined, faults: FaultSet): CorrelatorCheck {
  if (value === undefined) {
    // Fault v010-correlator-required: the header is demanded although the version has none.
    return faults.has('v010-correlator-required') ? { error: invalidArgument('Missing x-correlator header.') } : {}; // we do not invent one: nothing to correlate with
  }
  const violations = operationId ? validators.validateParameter(operationId, 'x-correlator', value) : validators.validateSchema('XCorrelator', value);
  // Fault assignment-invalid-correlator-accepted: the same, on the provisioning operations only.
  const accepted = faults.has('invalid-correlator-accepted') || (operationId !== undefined && PROVISIONING_OPERATION_IDS.has(operationId) && faults.has('assignment-invalid-correlator-accepted'));
  if (violations.length === 0 || accepted) return { echo: value };
  // Fault invalid-correlator-ignored: the value is neither refused nor echoed.
  if (faults.has('invalid-correlator-ignored')) return {};
  return { error: invalidArgument(`Invalid x-correlator header: ${violations[0]!.message}`) };
}

export function checkPathParams(validators: SpecValidators, operationId: string, params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    const violations = validators.validateParameter(operationId, name, value);
    if (violations.length > 0) throw invalidArgument(`Invalid path parameter ${name}: ${violations[0]!.message}`, 'invalid-path-parameter');
  }
}

/**
 * JSON body of a POST: missing, empty, non-JSON or not sent as application/json are all
 * 400 INVALID_ARGUMENT (the spec documents no 415).
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined, faults: FaultSet): unknown {
  if (raw.length === 0) {
    if (faults.has('no-body-500')) throw new ApiError(500, 'INTERNAL', 'Unexpected server error.');
    // Fault orange-400-code-meaning: the code of another row of the 400 table (20, a URL parameter).
    throw invalidArgument('A request body is required.', faults.has('orange-400-code-meaning') ? 'invalid-path-parameter' : 'missing-body');
  }
  if (mediaType(contentType) !== 'application/json') {
    throw invalidArgument('The request body must be sent as Content-Type: application/json.');
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw invalidArgument('The request body is not valid JSON.', 'invalid-body');
  }
}

/**
 * Schema violations → 400. Port range violations are OUT_OF_RANGE (the spec's code for "a field
 * has a pre-defined range"; scenario 400.5 accepts it or INVALID_ARGUMENT); the rest INVALID_ARGUMENT.
 */
export function checkBody(validators: SpecValidators, operationId: string, body: unknown, faults: FaultSet): void {
  if (faults.has('request-schema-unchecked')) return;
  const violations = validators.validateRequestBody(operationId, body).filter((v) => !IGNORED_BY_FAULT.some(([fault, matches]) => faults.has(fault) && matches(v, operationId)));
  if (violations.length === 0) return;
  const first = violations[0]!;
  const where = first.pointer === '' ? 'request body' : first.pointer;
  const message = `Schema validation failed at ${where}: ${first.message}`;
  throw violations.every(isPortRange) ? outOfRange(message) : invalidArgument(message, 'invalid-body');
}
