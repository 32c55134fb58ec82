// Request bodies generated from the run's spec (src/gen) with the fields the network needs real
// values for pinned from operator data: the leased device, the operator's application server and
// QoS profile, a duration within the profile's limits, our sink. Plus the 400 codes the spec
// allows for a broken constraint, and base bodies for mutations.
import fc from 'fast-check';
import type { DeviceId } from '../config/types.js';
import { integerArbitrary, mergeAllOf, pin, RANGE_KEYWORDS, schemaArbitrary, subschemaAt, type OptionalMode, type Pin, type SchemaArbitraryOptions } from '../gen/index.js';
import { isObject } from '../spec/json.js';
import type { JsonSchema, SpecValidators } from '../spec/types.js';
import { describeViolation } from '../spec/validators.js';
import { newSinkPath, sinkUrlFor } from '../sink/client.js';
import { translateErrorExpectation } from '../versions/rules.js';
import type { Qod } from './harness.js';
import { durationLimits, validCreateBody, type Json } from './sessions.js';

/** A body generator for one operation: its request schema and the generator options (pins). */
export interface BodyPlan {
  opId: string;
  schema: JsonSchema;
  gen: SchemaArbitraryOptions;
}

export function requestSchema(v: SpecValidators, opId: string): JsonSchema | undefined {
  const content = v.spec.operations[opId]?.requestBody?.content ?? {};
  const type = Object.keys(content).find((t) => t.split(';')[0]!.trim() === 'application/json') ?? Object.keys(content)[0];
  return type === undefined ? undefined : content[type];
}

export function hasOperationBody(v: SpecValidators, opId: string): boolean {
  return requestSchema(v, opId) !== undefined;
}

export function arbitraryOf(plan: BodyPlan): fc.Arbitrary<Json> {
  return schemaArbitrary(plan.schema, plan.gen) as fc.Arbitrary<Json>;
}

/** Tokens as a sink or webhook would accept them in an Authorization header (token68-like). */
let tokens: fc.Arbitrary<string> | undefined;
export const tokenArbitrary = (): fc.Arbitrary<string> => (tokens ??= fc.stringMatching(/^[A-Za-z0-9._~-]{24,64}$/, { maxLength: 64 }));

/** A credential expiry after any test session ends: 1 to 30 days from now. */
const futureDateTime = (): fc.Arbitrary<string> => fc.integer({ min: 1, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** The PortsSpec-like properties of a create body (devicePorts / applicationServerPorts, uePorts / asPorts). */
export function portFields(schema: JsonSchema): string[] {
  const props = mergeAllOf(schema).properties;
  if (!isObject(props)) return [];
  return Object.keys(props).filter((name) => {
    const sub = subschemaAt(schema, `/${name}`);
    return isObject(sub?.properties) && 'ranges' in sub.properties && 'ports' in sub.properties;
  });
}

/** Bounds of a port in this spec (Port minimum/maximum of `<field>/ports` items). */
export function portBounds(schema: JsonSchema, field: string): { min: number; max: number; schema: JsonSchema } {
  const port = subschemaAt(schema, `/${field}/ports/-`) ?? { type: 'integer', minimum: 0, maximum: 65535 };
  return { min: typeof port.minimum === 'number' ? port.minimum : 0, max: typeof port.maximum === 'number' ? port.maximum : 65535, schema: port };
}

/** Ports biased to the edges of the spec's range; ranges with from <= to; no repeated port. */
function portPins(schema: JsonSchema, field: string, presence: Pin['presence']): Record<string, Pin> {
  const { min, max, schema: portSchema } = portBounds(schema, field);
  const port = fc.oneof({ arbitrary: fc.constantFrom(min, min + 1, 80, 443, max - 1, max), weight: 1 }, { arbitrary: integerArbitrary(portSchema), weight: 3 });
  const range = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
  const pins: Record<string, Pin> = {
    [`/${field}/ranges`]: pin.optional(fc.array(range, { minLength: 1, maxLength: 3 })),
    [`/${field}/ports`]: pin.optional(fc.uniqueArray(port, { minLength: 1, maxLength: 4 })),
  };
  if (presence === 'never') return { [`/${field}`]: pin.absent() };
  if (presence === 'always') pins[`/${field}`] = { presence: 'always' };
  return pins;
}

/** Where the callback target lives in this version's create body. */
function sinkPins(schema: JsonSchema, url: string | undefined, presence: 'random' | 'always'): Record<string, Pin> {
  const pins: Record<string, Pin> = {};
  const p: Pin['presence'] = presence === 'always' ? 'always' : 'optional';
  const absent = url === undefined;
  if (subschemaAt(schema, '/sink')) {
    pins['/sink'] = absent ? pin.absent() : pin.value(fc.constant(url), p);
    pins['/sinkCredential'] = absent ? pin.absent() : { presence: p };
    pins['/sinkCredential/credentialType'] = pin.constant(usableCredentialType(schema));
    pins['/sinkCredential/accessToken'] = pin.value(tokenArbitrary());
    pins['/sinkCredential/accessTokenExpiresUtc'] = pin.value(futureDateTime());
  }
  if (subschemaAt(schema, '/webhook')) {
    pins['/webhook'] = absent ? pin.absent() : { presence: p };
    if (url) pins['/webhook/notificationUrl'] = pin.constant(url);
    pins['/webhook/notificationAuthToken'] = pin.value(tokenArbitrary(), 'optional');
  }
  if (subschemaAt(schema, '/notificationUrl')) {
    pins['/notificationUrl'] = absent ? pin.absent() : pin.value(fc.constant(url), p);
    pins['/notificationAuthToken'] = absent ? pin.absent() : pin.value(tokenArbitrary(), 'optional');
  }
  return pins;
}

/** ACCESSTOKEN: the only credential type every version with sinkCredential lets a provider use. */
export function usableCredentialType(schema: JsonSchema): string {
  const values = subschemaAt(schema, '/sinkCredential/credentialType')?.enum;
  if (!Array.isArray(values) || values.includes('ACCESSTOKEN')) return 'ACCESSTOKEN';
  return String(values[0]);
}

/**
 * Our sink for generated bodies: the run's sink when the version accepts its scheme, else
 * undefined (bodies then carry no callback target). `forRefusal`: a body that must be refused
 * anyway may use a reserved example.com address.
 */
export function generatedSinkUrl(q: Qod, forRefusal = false): string | undefined {
  const access = q.config.sink;
  const url = access ? sinkUrlFor(access, newSinkPath()) : undefined;
  if (url && (url.startsWith('https://') || !q.rules.sinkMustBeHttps)) return url;
  return forRefusal ? 'https://example.com/qod-conformance/sink' : undefined;
}

export interface DurationRange {
  min: number;
  max: number;
  /** false: the profile's limits could not be read, `max` is a guess. */
  known: boolean;
  source: string;
}

/** Durations a valid createSession may request: the profile's limits (0.11.1+) or the schema's. */
export async function durationRange(q: Qod, schema: JsonSchema): Promise<DurationRange> {
  const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  const limits = await durationLimits(q, profile);
  const field = subschemaAt(schema, '/duration');
  const schemaMax = typeof field?.maximum === 'number' ? field.maximum : 2 ** 31 - 1;
  const max = Math.min(limits.max ?? Math.min(schemaMax, limits.min + 86_400), schemaMax);
  return { min: limits.min, max, known: limits.known && limits.max !== undefined, source: limits.source };
}

export interface CreatePlanOptions {
  device: DeviceId | undefined;
  mode: OptionalMode;
  /**
   * Mutation bases: pin only the leased identifiers and generate the other identifier types (not
   * where identifiers of different devices are refused with 400: there the leased device is sent as is).
   */
  deviceLeaves?: boolean;
  ports: 'random' | 'always' | 'never';
  sink: 'random' | 'always' | 'never';
  /** Durations to draw from (default: the profile's limits). */
  duration?: { min: number; max: number };
  /** Devices to draw from instead of `device` as is (e.g. identifiers of two leased devices). */
  devices?: fc.Arbitrary<DeviceId>;
}

/** createSession bodies for the run's version. */
export async function createSessionPlan(q: Qod, opts: CreatePlanOptions): Promise<BodyPlan> {
  const v = await q.validators();
  const schema = requestSchema(v, 'createSession');
  if (!schema) throw new Error(`the QoD ${q.version} spec has no createSession request body`);
  const fixed = await validCreateBody(q, opts.device);
  const pins: Record<string, Pin> = {};
  for (const [name, value] of Object.entries(fixed)) {
    if (name === 'duration') continue;
    if (opts.deviceLeaves && name === q.rules.deviceField && isObject(value) && !mismatchIsBadRequest(q)) {
      pins[`/${name}`] = { presence: 'always' };
      for (const [key, leaf] of Object.entries(value)) if (leaf !== undefined) pins[`/${name}/${key}`] = pin.constant(leaf);
      for (const kind of unsupportedKinds(q, value)) pins[`/${name}/${kind}`] = pin.absent();
    } else {
      pins[`/${name}`] = pin.constant(value);
    }
  }
  if (opts.devices && q.rules.deviceField === 'device') pins['/device'] = pin.value(opts.devices);
  const range = opts.duration ?? (await durationRange(q, schema));
  if (subschemaAt(schema, '/duration')) {
    pins['/duration'] = pin.value(fc.integer({ min: range.min, max: Math.max(range.min, range.max) }), q.rules.durationRequired || opts.mode === 'all' ? 'always' : 'optional');
  }
  for (const field of portFields(schema)) Object.assign(pins, portPins(schema, field, opts.ports === 'random' ? 'optional' : opts.ports));
  const url = opts.sink === 'never' ? undefined : generatedSinkUrl(q, opts.sink === 'always');
  Object.assign(pins, sinkPins(schema, url, opts.sink === 'always' ? 'always' : 'random'));
  return { opId: 'createSession', schema, gen: { constraints: pins, optional: opts.mode, schemas: v.spec.schemas } };
}

/** extendQosSessionDuration bodies: requestedAdditionalDuration within [1, cap]. */
export async function extendPlan(q: Qod, mode: OptionalMode, cap = 10 * 86_400): Promise<BodyPlan> {
  const v = await q.validators();
  const schema = requestSchema(v, 'extendQosSessionDuration');
  if (!schema) throw new Error(`the QoD ${q.version} spec has no extendQosSessionDuration request body`);
  const field = subschemaAt(schema, '/requestedAdditionalDuration');
  const max = Math.min(typeof field?.maximum === 'number' ? field.maximum : cap, cap);
  const min = typeof field?.minimum === 'number' ? field.minimum : 1;
  return { opId: 'extendQosSessionDuration', schema, gen: { constraints: { '/requestedAdditionalDuration': pin.value(fc.integer({ min, max })) }, optional: mode, schemas: v.spec.schemas } };
}

/** Bodies with a `device` (retrieve-sessions, retrieve-qos-profiles): `device` pinned to the leased one, leaves only, or free. */
export async function devicePlan(q: Qod, opId: string, device: DeviceId | undefined, mode: OptionalMode, how: 'whole' | 'leaves' | 'free', extra: Record<string, Pin> = {}): Promise<BodyPlan> {
  const v = await q.validators();
  const schema = requestSchema(v, opId);
  if (!schema) throw new Error(`the QoD ${q.version} spec has no ${opId} request body`);
  const pins: Record<string, Pin> = { ...extra };
  if (device && how === 'whole') pins['/device'] = pin.constant(device);
  // Where identifiers of different devices are a 400, only the leased device's own identifiers are sent.
  if (device && how === 'leaves' && mismatchIsBadRequest(q)) pins['/device'] = pin.constant(device);
  if (device && how === 'leaves' && !mismatchIsBadRequest(q)) {
    pins['/device'] = { presence: 'always' };
    for (const [key, leaf] of Object.entries(device)) if (leaf !== undefined) pins[`/device/${key}`] = pin.constant(leaf);
    for (const kind of unsupportedKinds(q, device)) pins[`/device/${kind}`] = pin.absent();
  }
  return { opId, schema, gen: { constraints: pins, optional: mode, schemas: v.spec.schemas } };
}

export interface ProvisioningPlanOptions {
  /** Devices to draw from instead of the leased device's identifiers (leaves). */
  devices?: fc.Arbitrary<DeviceId>;
  /** The run's sink (with an ACCESSTOKEN credential) in every body (default), or in some. */
  sink?: 'always' | 'random';
}

/** QoS Provisioning create bodies: the leased device's identifiers (leaves), the usable profile, the run's sink with an ACCESSTOKEN credential. */
export async function provisioningCreatePlan(q: Qod, opId: string, device: DeviceId, mode: OptionalMode, opts: ProvisioningPlanOptions = {}): Promise<BodyPlan> {
  const plan = await devicePlan(q, opId, device, mode, 'leaves', { '/qosProfile': pin.constant(q.need('qosProfiles.valid', q.operator.qosProfiles.valid)) });
  const constraints = { ...plan.gen.constraints, ...sinkPins(plan.schema, generatedSinkUrl(q), opts.sink ?? 'always') };
  if (opts.devices) {
    for (const pointer of Object.keys(constraints)) if (pointer.startsWith('/device/')) delete constraints[pointer];
    constraints['/device'] = pin.value(opts.devices);
  }
  return { ...plan, gen: { ...plan.gen, constraints } };
}

/**
 * True where several identifiers naming different devices are refused with 400 (0.8.1, 0.10.1):
 * a mutation base with generated extra identifiers would then be a bad request itself.
 */
export function mismatchIsBadRequest(q: Qod): boolean {
  return q.rules.identifiersCrossChecked && translateErrorExpectation(q.version, { status: 422, codes: ['IDENTIFIER_MISMATCH'] }).status.includes(400);
}

/**
 * Identifier types the operator declared unsupported (and the device does not use): left out of
 * generated devices, so a refusal of the whole body is never about them.
 */
export function unsupportedKinds(q: Qod, device: object): string[] {
  return (q.operator.unsupportedIdentifiers ?? []).filter((k) => !(k in device));
}

/** One body of a plan, reproducible from the seed; it must be valid (else our generator is wrong). */
export async function sampleValid(q: Qod, plan: BodyPlan, seed: number): Promise<Json> {
  const v = await q.validators();
  const [body] = fc.sample(arbitraryOf(plan), { seed, numRuns: 1 });
  const violations = v.validateRequestBody(plan.opId, body);
  if (violations.length > 0) throw new Error(`generator bug: a generated ${plan.opId} body breaks the spec: ${violations.map(describeViolation).join('; ')}`);
  return body!;
}

/** `code` values the spec documents for (operation, status); undefined when it lists none (before 1.0.0). */
export function documentedErrorCodes(v: SpecValidators, opId: string, status: number): string[] | undefined {
  const response = v.spec.operations[opId]?.responses[String(status)];
  if (!response) return undefined;
  const codes = new Set<string>();
  let found = false;
  const walk = (schema: unknown, depth: number): void => {
    if (!isObject(schema) || depth > 12) return;
    const code = isObject(schema.properties) ? schema.properties.code : undefined;
    if (isObject(code) && Array.isArray(code.enum)) {
      found = true;
      for (const c of code.enum) if (typeof c === 'string') codes.add(c);
    }
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) if (Array.isArray(schema[key])) for (const s of schema[key]) walk(s, depth + 1);
  };
  for (const schema of Object.values(response.content)) walk(schema, 0);
  return found ? [...codes] : undefined;
}

/**
 * 400 codes allowed for a request breaking `keyword` at `pointer`: INVALID_ARGUMENT; OUT_OF_RANGE
 * for numeric ranges (and int32 overflow); the duration code for durations; INVALID_SINK for the
 * sink; INVALID_CREDENTIAL / INVALID_TOKEN inside sinkCredential. Limited to the operation's 400
 * `code` enum when the spec has one, else this version's equivalents (e.g. INVALID_INPUT in 0.8.1).
 */
export function allowed400Codes(q: Qod, v: SpecValidators, opId: string, keyword: string, pointer: string): string[] {
  const wanted = new Set(['INVALID_ARGUMENT']);
  const numeric = RANGE_KEYWORDS.includes(keyword) || keyword === 'format';
  if (numeric) wanted.add('OUT_OF_RANGE');
  if (numeric && /^\/(duration|requestedAdditionalDuration)$/.test(pointer)) wanted.add('QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE');
  if (/^\/(sink|webhook\/notificationUrl|notificationUrl)$/.test(pointer)) wanted.add('INVALID_SINK');
  if (pointer.startsWith('/sinkCredential')) {
    wanted.add('INVALID_CREDENTIAL');
    wanted.add('INVALID_TOKEN');
  }
  const documented = documentedErrorCodes(v, opId, 400);
  if (documented) {
    const both = [...wanted].filter((c) => documented.includes(c));
    return both.length ? both : documented;
  }
  const translated = translateErrorExpectation(q.version, { status: 400, codes: [...wanted] });
  return [...new Set([...(translated.codes ?? []), ...wanted])];
}

/** "quality-on-demand.yaml#/components/schemas/Port/maximum" for a violation location of the operation's document. */
export function specWhere(v: SpecValidators, opId: string, location: string): string {
  const file = v.spec.operations[opId]?.file;
  const base = file ? file.slice(file.lastIndexOf('/') + 1) : '';
  return `${base}${location}`;
}
