// The sink rules QoD and QoS Provisioning share (the same Commonalities text in both): a sink must
// be usable, the credential type must be one the provider can use, and PRIVATE_KEY_JWT needs a key
// set agreed beforehand.
import { ApiError } from './errors.js';

/** A sink that passed the schema (https) but that we cannot post to: 400 INVALID_SINK. */
export function checkSinkUsable(sink: string | undefined): void {
  if (sink === undefined) return;
  let url: URL;
  try {
    url = new URL(sink);
  } catch {
    throw new ApiError(400, 'INVALID_SINK', 'sink not valid for the specified protocol');
  }
  if (url.username || url.password || url.hostname === '') {
    throw new ApiError(400, 'INVALID_SINK', 'sink not valid for the specified protocol');
  }
}

/** sinkCredential.credentialType of a parsed (not yet schema-checked) body, when it is a string. */
export function credentialTypeOf(body: unknown): string | undefined {
  const type = (body as { sinkCredential?: { credentialType?: unknown } } | null)?.sinkCredential?.credentialType;
  return typeof type === 'string' ? type : undefined;
}

/**
 * A credential type of the enum that "MUST NOT be used" gets its dedicated code even when the
 * variant's other fields are missing: it is the reason the request fails, so it wins over schema
 * validation (callers run it as a precheck). A type outside the enum is a plain schema error.
 */
export function refuseUnusableCredential(body: unknown, usable: readonly string[], inEnum: readonly string[], code: string): void {
  const type = credentialTypeOf(body);
  if (type === undefined || usable.includes(type) || !inEnum.includes(type)) return;
  throw new ApiError(400, code, 'Only Access token is supported');
}

/** PRIVATE_KEY_JWT is valid, but no key set was agreed with the reference provider's consumers. */
export function privateKeyJwtNotConfigured(): ApiError {
  return new ApiError(422, 'PRIVATE_KEY_JWT_NOT_CONFIGURED', 'No JWKS has been configured for this API client: PRIVATE_KEY_JWT cannot be used.');
}
