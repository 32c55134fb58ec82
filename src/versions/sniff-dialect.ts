// Which operator dialect an error body is written in, read from the dialect files themselves: an
// operator dialect matches when the body has every field its error schema requires, with the
// declared types (Orange: a numeric `code`; T-Mobile: `reasonCode`). A string `code` with no
// operator match is CAMARA's ErrorInfo. Anything else says nothing.
import { DEFAULT_DIALECT, knownDialects, loadDialect } from '../dialects/index.js';
import type { Dialect } from '../dialects/types.js';

interface SchemaShape {
  required?: string[];
  properties?: Record<string, { type?: string }>;
}

function hasType(value: unknown, type: string | undefined): boolean {
  if (type === undefined) return true;
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function matches(body: Record<string, unknown>, d: Dialect): boolean {
  const schema = d.errorBody.schema as SchemaShape | undefined;
  if (!schema?.required?.length) return false;
  return schema.required.every((field) => field in body && hasType(body[field], schema.properties?.[field]?.type));
}

/** The dialect of an error body, or undefined when the body does not tell. */
export function sniffDialect(body: unknown): Dialect | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const name of knownDialects()) {
    if (name === DEFAULT_DIALECT) continue;
    const d = loadDialect(name);
    if (matches(record, d)) return d;
  }
  return typeof record.code === 'string' ? loadDialect(DEFAULT_DIALECT) : undefined;
}
