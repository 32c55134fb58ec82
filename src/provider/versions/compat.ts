// Building blocks the version modules combine: device rules that differ from 1.1.0, error
// rendering in the version's (and dialect's) terms, request strictness, and views that drop what a
// version does not define. The 1.1.0 handlers stay the single implementation of the behaviour.
import type { DeviceId } from '../../config/types.js';
import { renderDialectError } from '../../dialects/errors.js';
import { schemasFor } from '../../spec/schemas.js';
import type { JsonSchema } from '../../spec/types.js';
import { errorEquivalents, rulesFor } from '../../versions/rules.js';
import type { Caller } from '../auth.js';
import type { ApiRequest, ApiResult, OperationHandler, ProviderContext } from '../context.js';
import { ApiError, errorBody, invalidArgument } from '../errors.js';
import { IDENTIFIER_KINDS } from '../fixtures.js';

// ----- errors --------------------------------------------------------------------------------

/** Codes only fault switches raise (wrong-401-code, duration-out-of-range-wrong-code): sent as they are in every version. */
const FAULT_ONLY_CODES = new Set(['AUTHENTICATION_REQUIRED', 'DURATION_OUT_OF_RANGE']);

/** The error the client sees: translated to the version's codes, shaped by version and dialect. */
export function renderError(ctx: ProviderContext, error: ApiError): { status: number; body: unknown } {
  const version = ctx.strategy.apiVersion;
  const faulty = FAULT_ONLY_CODES.has(error.code) && ctx.faults.list().length > 0;
  const eq = faulty ? error : errorEquivalents(version, error.status, error.code)[0]!;
  const translated = eq.code === error.code && eq.status === error.status ? error : new ApiError(eq.status, eq.code, error.message, error.reason);
  const body: Record<string, unknown> = { ...errorBody(translated, ctx.faults) };
  if (!rulesFor(version).errorBodyHasStatus) delete body.status;
  const dialect = ctx.dialect;
  if (!dialect || dialect.name === 'camara') return { status: translated.status, body };
  const code = typeof body.code === 'string' ? body.code : translated.code;
  return { status: translated.status, body: renderDialectError(dialect, { status: translated.status, code, message: translated.message, reason: translated.reason }) };
}

// ----- devices -------------------------------------------------------------------------------

export interface DevicePolicy {
  /** Several identifiers must name the same device (up to 1.0.0). */
  crossCheck: boolean;
  /** 3-legged token plus body device: 'ignore' the token's device (0.8.1), 'must-match' (0.10.1, 0.11.1), 'must-not-send' (1.0.0+: the 1.1.0 rule). */
  threeLegged: 'ignore' | 'must-match' | 'must-not-send';
  /** Echo the device as given (up to 1.0.0) instead of the one identifier 1.1.0 echoes. */
  echoAsGiven: boolean;
  /** The phone number pattern makes the leading + optional (0.10.1): "34600000001" is "+34600000001". */
  phonePlusOptional?: boolean;
}

const twoLegged = (caller: Caller): Caller => ({ ...caller, deviceId: undefined });

/** Network device id a body device names (1.1.0 resolution), or the error code it gets. */
function outcome(ctx: ProviderContext, caller: Caller, device: DeviceId): string {
  try {
    return `device:${ctx.devices.resolve(twoLegged(caller), device, 'required').device.id}`;
  } catch (error) {
    if (error instanceof ApiError) return `error:${error.code}`;
    throw error;
  }
}

/** 422 IDENTIFIER_MISMATCH (the version table renames it) when the identifiers name different devices. */
function crossCheck(ctx: ProviderContext, caller: Caller, device: DeviceId): void {
  const kinds = IDENTIFIER_KINDS.filter((k) => device[k] !== undefined);
  if (kinds.length < 2) return;
  const outcomes = new Set(kinds.map((k) => outcome(ctx, caller, { [k]: device[k] } as DeviceId)).filter((o) => o !== 'error:UNSUPPORTED_IDENTIFIER'));
  if (outcomes.size > 1) throw new ApiError(422, 'IDENTIFIER_MISMATCH', 'Provided device identifiers are not consistent.');
}

export interface DeviceDecision {
  req: ApiRequest;
  /** The device to echo in SessionInfo (undefined: keep what the 1.1.0 handler chose). */
  echo?: DeviceId;
}

/** Applies the version's device rules to `req.body.device`; returns the request the 1.1.0 handler gets. */
export function applyDevicePolicy(ctx: ProviderContext, req: ApiRequest, policy: DevicePolicy): DeviceDecision {
  const sent = (req.body ?? {}) as { device?: DeviceId };
  let caller = req.caller;
  if (policy.threeLegged === 'ignore') caller = twoLegged(caller);
  const given = sent.device;
  if (given === undefined) return { req: { ...req, caller } };
  // What the 1.1.0 directory resolves (E.164 with +); the echo stays the device as sent.
  const plusless = policy.phonePlusOptional && given.phoneNumber !== undefined && !given.phoneNumber.startsWith('+');
  if (plusless && ctx.faults.has('v010-phone-plus-required')) throw invalidArgument('phoneNumber must start with "+".');
  const device = plusless ? { ...given, phoneNumber: `+${given.phoneNumber}` } : given;
  const body = device === given ? sent : { ...sent, device };
  if (policy.crossCheck && !ctx.faults.has('v010-identifiers-not-cross-checked')) crossCheck(ctx, caller, device);
  if (caller.deviceId !== undefined && policy.threeLegged === 'must-match') {
    // The token's device wins; a body device is allowed when it names the same device (0.11.1
    // "Handling of device information"), else 403 INVALID_TOKEN_CONTEXT.
    const named = outcome(ctx, caller, device);
    if (named !== `device:${caller.deviceId}` && !ctx.faults.has('unnecessary-device-accepted')) {
      if (named.startsWith('error:') && named !== 'error:IDENTIFIER_NOT_FOUND') {
        throw new ApiError(422, named.slice('error:'.length), 'The device cannot be used.');
      }
      throw new ApiError(403, 'INVALID_TOKEN_CONTEXT', 'The device in the request does not match the access token.');
    }
    const { device: _dropped, ...rest } = body;
    return { req: { ...req, caller, body: rest }, echo: policy.echoAsGiven ? given : undefined };
  }
  return { req: { ...req, caller, body }, echo: policy.echoAsGiven && caller.deviceId === undefined ? given : undefined };
}

/** Replaces the identifier a stored session echoes (the store keeps what the 1.1.0 handler chose). */
export function setDeviceEcho(ctx: ProviderContext, sessionId: string, echo: DeviceId | undefined): void {
  if (echo === undefined) return;
  const session = ctx.sessions.get(sessionId) as { deviceEcho?: DeviceId } | undefined;
  if (session) session.deviceEcho = structuredClone(echo);
}

/** The id field of a SessionInfo the 1.1.0 handler produced. */
export function sessionIdOf(body: unknown): string | undefined {
  const id = (body as { sessionId?: unknown } | undefined)?.sessionId;
  return typeof id === 'string' ? id : undefined;
}

/** A handler whose device rules are the version's; everything else is the 1.1.0 handler. */
export function withDevicePolicy(base: OperationHandler, policy: DevicePolicy): OperationHandler {
  return {
    precheck: base.precheck,
    handle(ctx, req) {
      const decision = applyDevicePolicy(ctx, req, policy);
      const result = base.handle(ctx, decision.req);
      const id = sessionIdOf(result.body);
      if (id && result.status < 300) {
        setDeviceEcho(ctx, id, decision.echo);
        if (decision.echo) return { ...result, body: { ...(result.body as object), device: structuredClone(decision.echo) } };
      }
      return result;
    },
  };
}

// ----- views ---------------------------------------------------------------------------------

/** A handler whose successful JSON answer goes through `view` (arrays element by element). */
export function withView(base: OperationHandler, view: (ctx: ProviderContext, item: Record<string, unknown>) => unknown): OperationHandler {
  return {
    precheck: base.precheck,
    handle(ctx, req): ApiResult {
      const result = base.handle(ctx, req);
      if (result.status >= 300 || result.body === undefined) return result;
      const map = (item: unknown) => view(ctx, item as Record<string, unknown>);
      return { ...result, body: Array.isArray(result.body) ? result.body.map(map) : map(result.body) };
    },
  };
}

/** Drops the properties a named schema of the loaded spec does not declare (e.g. QosProfile fields added later). */
export function declaredOnly(ctx: ProviderContext, schemaName: string, value: Record<string, unknown>): Record<string, unknown> {
  const declared = declaredProperties(ctx.spec.schemas, ctx.spec.schemas[schemaName]);
  if (!declared) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => declared.has(k)));
}

// ----- strictness (1.2.0-rc.3) ---------------------------------------------------------------

/** Property names a schema declares (own, allOf/oneOf/anyOf members, discriminator targets); undefined = open. */
function declaredProperties(schemas: Record<string, JsonSchema>, schema: JsonSchema | undefined, seen = new Set<object>()): Set<string> | undefined {
  if (!schema || seen.has(schema)) return new Set();
  seen.add(schema);
  if (schema.additionalProperties === true || (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)) return undefined;
  const out = new Set<string>(Object.keys((schema.properties as object | undefined) ?? {}));
  const members = [...((schema.allOf as JsonSchema[] | undefined) ?? []), ...((schema.oneOf as JsonSchema[] | undefined) ?? []), ...((schema.anyOf as JsonSchema[] | undefined) ?? [])];
  const mapping = (schema.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping ?? {};
  for (const ref of Object.values(mapping)) {
    const target = schemas[ref.split('/').pop() ?? ''];
    if (target) members.push(target);
  }
  for (const m of members) {
    const sub = declaredProperties(schemas, m, seen);
    if (sub === undefined) return undefined;
    for (const k of sub) out.add(k);
  }
  return out;
}

/** Schema of property `name` within `schema` (searching allOf/oneOf/anyOf and discriminator targets). */
function propertySchemas(schemas: Record<string, JsonSchema>, schema: JsonSchema, name: string, seen = new Set<object>()): JsonSchema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const own = (schema.properties as Record<string, JsonSchema> | undefined)?.[name];
  const out: JsonSchema[] = own ? [own] : [];
  const members = [...((schema.allOf as JsonSchema[] | undefined) ?? []), ...((schema.oneOf as JsonSchema[] | undefined) ?? []), ...((schema.anyOf as JsonSchema[] | undefined) ?? [])];
  for (const ref of Object.values((schema.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping ?? {})) {
    const target = schemas[ref.split('/').pop() ?? ''];
    if (target) members.push(target);
  }
  for (const m of members) out.push(...propertySchemas(schemas, m, name, seen));
  return out;
}

/** JSON pointers of properties the request schema does not declare, at any depth (mapping names resolved in `schemas`). */
export function undeclaredProperties(schemas: Record<string, JsonSchema>, schema: JsonSchema | undefined, value: unknown, pointer = ''): string[] {
  if (!schema || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    return items ? value.flatMap((v, i) => undeclaredProperties(schemas, items, v, `${pointer}/${i}`)) : [];
  }
  const declared = declaredProperties(schemas, schema);
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (declared && !declared.has(key)) {
      out.push(at);
      continue;
    }
    for (const sub of propertySchemas(schemas, schema, key)) out.push(...undeclaredProperties(schemas, sub, v, at));
  }
  return [...new Set(out)];
}

/** 1.2.0-rc.3 prose rule: a property the spec does not declare, at any depth, is 400 INVALID_ARGUMENT. */
export function rejectUndeclared(ctx: ProviderContext, operationId: string, body: unknown): void {
  const op = ctx.spec.operations[operationId];
  const schema = op?.requestBody?.content['application/json'];
  // A bundle's documents repeat component names with other content: resolve in the operation's own document.
  const extra = undeclaredProperties(schemasFor(ctx.spec, op?.file), schema, body);
  if (extra.length > 0) throw invalidArgument(`Unknown property in the request body: ${extra.join(', ')}`);
}
