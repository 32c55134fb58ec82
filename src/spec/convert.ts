// Turns a dereferenced OpenAPI 3.0 schema into a JSON Schema (draft-07) that Ajv compiles
// exactly, and stamps each node with its location in the document (LOC_KEY) so a failing rule
// can be reported where it is written.
import { isObject, type JsonObject } from './json.js';
import { startAt, step, type Tracker } from './locate.js';
import type { JsonSchema } from './types.js';

/** Annotation Ajv ignores (strict: false); read back when reporting an error. */
export const LOC_KEY = 'x-qod-loc';

export type Direction = 'request' | 'response';

export interface ConvertContext {
  direction: Direction;
  /** Named component schemas (dereferenced), to resolve discriminator mappings. */
  schemas: Record<string, JsonSchema>;
  /** Where a component schema named in a mapping is written. */
  locateSchema(name: string, ref: string): Tracker;
}

// Annotations and OpenAPI-only keywords with no validation meaning.
const DROP = new Set(['description', 'title', 'example', 'examples', 'externalDocs', 'xml', 'deprecated', 'nullable', 'discriminator', 'readOnly', 'writeOnly']);

const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

export function toAjvSchema(schema: JsonSchema, at: Tracker, ctx: ConvertContext): JsonSchema {
  const out = convert(schema, at, ctx, new Set());
  return isObject(out) ? out : {};
}

function convert(schema: unknown, at: Tracker, ctx: ConvertContext, expanding: Set<object>): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = { [LOC_KEY]: at.loc };
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      const propsAt = step(at, key);
      for (const [name, sub] of Object.entries(value)) {
        props[name] = convert(sub, step(propsAt, name), ctx, expanding);
      }
      out[key] = props;
    } else if (SUBSCHEMA.has(key) && isObject(value)) {
      out[key] = convert(value, step(at, key), ctx, expanding);
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      const listAt = step(at, key);
      out[key] = value.map((sub, i) => convert(sub, step(listAt, String(i)), ctx, expanding));
    } else if (key === 'required' && Array.isArray(value)) {
      out[key] = value.filter((name) => !hiddenIn(ctx.direction, schema, name));
    } else {
      out[key] = structuredClone(value);
    }
  }
  applyNullable(schema, out);
  applyExclusiveBounds(out);
  expandDiscriminator(schema, out, at, ctx, expanding);
  return out;
}

/** readOnly properties are not sent in requests, writeOnly ones not returned in responses. */
function hiddenIn(direction: Direction, schema: JsonObject, name: unknown): boolean {
  if (typeof name !== 'string' || !isObject(schema.properties)) return false;
  const prop = schema.properties[name];
  if (!isObject(prop)) return false;
  return direction === 'request' ? prop.readOnly === true : prop.writeOnly === true;
}

function applyNullable(schema: JsonObject, out: JsonObject): void {
  if (schema.nullable !== true) return;
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
}

/** OpenAPI 3.0 uses draft-04 boolean exclusiveMinimum/Maximum. */
function applyExclusiveBounds(out: JsonObject): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) {
      delete out[flag];
    }
  }
}

/**
 * OpenAPI discriminator with mapping on a base schema (allOf inheritance, as CAMARA writes
 * SinkCredential and CloudEvent): a value of the property selects a schema the body must also
 * match. Ajv's own `discriminator` option needs oneOf without mapping, so the rule is written
 * as if/then instead. With oneOf/anyOf present the alternatives already decide.
 */
function expandDiscriminator(schema: JsonObject, out: JsonObject, at: Tracker, ctx: ConvertContext, expanding: Set<object>): void {
  const d = schema.discriminator;
  if (!isObject(d) || typeof d.propertyName !== 'string' || !isObject(d.mapping)) return;
  if (schema.oneOf || schema.anyOf || expanding.has(schema) || expanding.size > 8) return;
  const prop = d.propertyName;
  const inner = new Set(expanding).add(schema);
  const rules: JsonObject[] = [];
  for (const [value, ref] of Object.entries(d.mapping)) {
    if (typeof ref !== 'string') continue;
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    const target = ctx.schemas[name];
    if (!target) continue;
    const targetAt = ref.startsWith('#') && at.doc ? startAt(at.doc, ref) : ctx.locateSchema(name, ref);
    rules.push({
      if: { properties: { [prop]: { const: value } }, required: [prop] },
      then: convert(target, targetAt, ctx, inner),
    });
  }
  if (rules.length === 0) return;
  out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), ...rules];
}
