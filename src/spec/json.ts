// Small helpers for walking untyped JSON (parsed OpenAPI documents).
import type { JsonSchema } from './types.js';

export type JsonObject = { [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

export function asSchema(v: unknown): JsonSchema | undefined {
  return isObject(v) ? v : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Escape one JSON pointer segment (RFC 6901). */
export function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "#/a/b~1c" -> ["a", "b/c"]; accepts URI-fragment encoding as ajv emits it. */
export function pointerSegments(pointer: string): string[] {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '' || p === '/') return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => {
      let decoded = s;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        // keep as is: not percent-encoded
      }
      return unescapeSegment(decoded);
    });
}
