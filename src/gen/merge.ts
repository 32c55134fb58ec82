// Flattening of OpenAPI 3.0 schema composition for generators: `allOf` merged into one schema,
// discriminator mappings resolved for a chosen value. Properties present in several parts stay
// lazily combined (`allOf` of both) and are merged when the generator reaches them.
import { isObject } from '../spec/json.js';
import type { JsonSchema } from '../spec/types.js';

/** Extra patterns beyond `pattern` when several merged parts carry one (all must match). */
export const PATTERNS_KEY = 'x-gen-patterns';

const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

/** Every pattern a string must match (merged parts and nested `allOf: [{pattern}]`). */
export function patternsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (typeof schema.pattern === 'string') out.push(schema.pattern);
  const extra = schema[PATTERNS_KEY];
  if (Array.isArray(extra)) for (const p of extra) if (typeof p === 'string' && !out.includes(p)) out.push(p);
  return out;
}

function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (mine === undefined) {
      out[key] = key === PATTERNS_KEY && Array.isArray(value) ? [...value] : value;
      continue;
    }
    if (key === 'properties' && isObject(mine) && isObject(value)) {
      const props: JsonSchema = { ...mine };
      for (const [name, sub] of Object.entries(value)) {
        props[name] = props[name] === undefined ? sub : { allOf: [props[name], sub] };
      }
      out.properties = props;
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) {
      out.required = [...new Set([...mine, ...value])];
    } else if ((LOWER_BOUNDS as readonly string[]).includes(key) && typeof mine === 'number' && typeof value === 'number') {
      out[key] = Math.max(mine, value);
    } else if ((UPPER_BOUNDS as readonly string[]).includes(key) && typeof mine === 'number' && typeof value === 'number') {
      out[key] = Math.min(mine, value);
    } else if (key === 'enum' && Array.isArray(mine) && Array.isArray(value)) {
      out.enum = mine.filter((m) => value.some((v) => JSON.stringify(v) === JSON.stringify(m)));
    } else if (key === 'pattern' && mine !== value) {
      out[PATTERNS_KEY] = [...new Set([...patternsOf(out), value as string])];
    } else if (key === PATTERNS_KEY && Array.isArray(value)) {
      out[PATTERNS_KEY] = [...new Set([...patternsOf(out), ...(value as string[])])];
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(mine) && isObject(value)) {
      out[key] = { allOf: [mine, value] };
    } else if (key === 'additionalProperties') {
      out[key] = mine === false || value === false ? false : mine;
    } else if ((key === 'readOnly' || key === 'writeOnly') && typeof value === 'boolean') {
      out[key] = mine === true || value;
    } else if (key === 'nullable') {
      out[key] = mine === true && value === true;
    } else if (key === 'type' && mine !== value) {
      // integer within number, else the intersection of the listed types
      const left = Array.isArray(mine) ? mine : [mine];
      const right = Array.isArray(value) ? value : [value];
      const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
      for (const t of right) if (t === 'integer' && left.includes('number') && !both.includes(t)) both.push(t);
      out.type = both.length === 1 ? both[0] : both;
    } else if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(mine) && Array.isArray(value)) {
      // Two alternative lists (none in the QoD documents): the first one drives generation and
      // the second is kept aside; callers filter generated values with the spec validator.
      out[`x-gen-also-${key}`] = value;
    }
    // other keywords (description, format, discriminator, ...): the first part wins
  }
  return out;
}

/** One schema equivalent to `schema` with its (nested) `allOf` folded in. */
export function mergeAllOf(schema: JsonSchema, depth = 0): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  if (depth > 16) throw new Error('allOf nested too deeply');
  const { allOf, ...rest } = schema;
  let out: JsonSchema = mergeTwo({}, rest);
  for (const part of allOf) if (isObject(part)) out = mergeTwo(out, mergeAllOf(part, depth + 1));
  return out;
}

export interface Discriminator {
  propertyName: string;
  /** value -> component schema name */
  mapping: Record<string, string>;
}

/** The discriminator of a base schema (mapping with names), when it has one and no oneOf/anyOf. */
export function discriminatorOf(schema: JsonSchema): Discriminator | undefined {
  const d = schema.discriminator;
  if (!isObject(d) || typeof d.propertyName !== 'string' || !isObject(d.mapping)) return undefined;
  if (schema.oneOf || schema.anyOf) return undefined;
  const mapping: Record<string, string> = {};
  for (const [value, ref] of Object.entries(d.mapping)) {
    if (typeof ref === 'string') mapping[value] = ref.slice(ref.lastIndexOf('/') + 1);
  }
  return { propertyName: d.propertyName, mapping };
}

/** Values the discriminator property may take: its enum, else the mapping keys. */
export function discriminatorValues(schema: JsonSchema, d: Discriminator): unknown[] {
  const prop = isObject(schema.properties) ? schema.properties[d.propertyName] : undefined;
  const merged = isObject(prop) ? mergeAllOf(prop) : undefined;
  return Array.isArray(merged?.enum) ? merged.enum : Object.keys(d.mapping);
}

/**
 * The base schema merged with the schema its discriminator maps `value` to (the mapped schema
 * usually includes the base again through allOf: the discriminator is dropped from the result).
 */
export function resolveDiscriminator(schema: JsonSchema, d: Discriminator, value: unknown, schemas: Record<string, JsonSchema> | undefined): JsonSchema {
  const name = typeof value === 'string' ? d.mapping[value] : undefined;
  const target = name ? schemas?.[name] : undefined;
  const merged = target ? mergeAllOf({ allOf: [schema, target] }) : schema;
  const { discriminator: _dropped, ...rest } = merged;
  return rest;
}

/** The schema a value of one alternative must match: the base (without the list) plus that alternative. */
export function alternative(schema: JsonSchema, keyword: 'oneOf' | 'anyOf', alt: unknown): JsonSchema {
  const { [keyword]: _list, ...base } = schema;
  return mergeAllOf({ allOf: [base, isObject(alt) ? alt : {}] });
}

/** The declared type(s) of a merged schema, or one inferred from its keywords. */
export function typesOf(schema: JsonSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  if (isObject(schema.properties) || Array.isArray(schema.required) || 'minProperties' in schema || 'maxProperties' in schema) return ['object'];
  if ('items' in schema || 'minItems' in schema || 'maxItems' in schema) return ['array'];
  if ('pattern' in schema || 'format' in schema || 'minLength' in schema || 'maxLength' in schema) return ['string'];
  if ('minimum' in schema || 'maximum' in schema) return ['number'];
  return [];
}

/**
 * The schema of the node at `pointer` in values of `schema` ("-" or an index for array items),
 * merged; alternatives are searched in order. Undefined when the schema does not describe it.
 */
export function subschemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = mergeAllOf(schema);
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const seg of segments) {
    if (!node) return undefined;
    node = childSchema(node, seg);
  }
  return node;
}

function childSchema(schema: JsonSchema, seg: string): JsonSchema | undefined {
  if (isObject(schema.properties) && isObject(schema.properties[seg])) return mergeAllOf(schema.properties[seg] as JsonSchema);
  if ((seg === '-' || /^\d+$/.test(seg)) && isObject(schema.items)) return mergeAllOf(schema.items);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    for (const alt of list) {
      const found = childSchema(alternative(schema, keyword, alt), seg);
      if (found) return found;
    }
  }
  return undefined;
}
