// A fast-check arbitrary for any dereferenced JSON Schema (OpenAPI 3.0 flavour): type, properties,
// required, enum, const, pattern, formats, numeric and length bounds, items, uniqueItems,
// min/maxProperties, oneOf/anyOf, allOf (merged), nullable and discriminator mappings.
// `constraints` pin the fields the network needs real values for (a leased device, the operator's
// QoS profile, a duration within the profile's limits, our sink URL) by JSON pointer.
import fc from 'fast-check';
import { isObject } from '../spec/json.js';
import type { JsonSchema } from '../spec/types.js';
import { alternative, discriminatorOf, discriminatorValues, mergeAllOf, resolveDiscriminator, typesOf } from './merge.js';
import { integerArbitrary, numberArbitrary } from './number-arbitrary.js';
import { childPointer } from './pointer.js';
import { stringArbitrary } from './string-arbitrary.js';

/** How optional properties are chosen: at random, all of them, or none (fewest that are valid). */
export type OptionalMode = 'random' | 'all' | 'required';

/** A pinned field: its value, and whether it must, may or must not be present. */
export interface Pin {
  value?: fc.Arbitrary<unknown>;
  /** always: present even when optional; optional: as the schema/mode decides; never: left out. */
  presence?: 'always' | 'optional' | 'never';
}

export interface SchemaArbitraryOptions {
  /** Pins by JSON pointer into the generated value (array items: "/-"). */
  constraints?: Record<string, Pin>;
  optional?: OptionalMode;
  /** Named component schemas, to resolve discriminator mappings. */
  schemas?: Record<string, JsonSchema>;
  /** request (default): readOnly properties are never generated; response: writeOnly ones. */
  direction?: 'request' | 'response';
  /** Most items generated beyond minItems (default 3). */
  maxExtraItems?: number;
  /** Longest free-text string beyond minLength (default 24). */
  maxExtraLength?: number;
  /** Pointer of the schema's value inside the whole body (pins are absolute). Default "". */
  rootPointer?: string;
}

/** Pin helpers. */
export const pin = {
  value: (value: fc.Arbitrary<unknown>, presence: Pin['presence'] = 'always'): Pin => ({ value, presence }),
  constant: (value: unknown, presence: Pin['presence'] = 'always'): Pin => ({ value: fc.constant(value), presence }),
  absent: (): Pin => ({ presence: 'never' }),
  optional: (value: fc.Arbitrary<unknown>): Pin => ({ value, presence: 'optional' }),
};

const MAX_DEPTH = 40;

export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return new Generator(options).gen(schema, options.rootPointer ?? '', 0);
}

class Generator {
  private readonly pins: Record<string, Pin>;
  private readonly mode: OptionalMode;

  constructor(private readonly options: SchemaArbitraryOptions) {
    this.pins = options.constraints ?? {};
    this.mode = options.optional ?? 'random';
  }

  gen(raw: JsonSchema, pointer: string, depth: number): fc.Arbitrary<unknown> {
    const pinned = this.pins[pointer]?.value;
    if (pinned) return pinned;
    if (depth > MAX_DEPTH) throw new Error(`schema nested too deeply at ${pointer || '/'}`);
    const schema = mergeAllOf(raw);

    const d = discriminatorOf(schema);
    if (d && this.options.schemas) {
      const valuePointer = childPointer(pointer, d.propertyName);
      const choice = this.pins[valuePointer]?.value ?? fc.constantFrom(...discriminatorValues(schema, d));
      // One arbitrary per discriminator value, built once (chain calls this for every value drawn).
      const byValue = new Map<string, fc.Arbitrary<unknown>>();
      return choice.chain((value) => {
        const key = JSON.stringify(value);
        let arb = byValue.get(key);
        if (!arb) {
          const resolved = resolveDiscriminator(schema, d, value, this.options.schemas);
          arb = new Generator({ ...this.options, constraints: { ...this.pins, [valuePointer]: pin.constant(value) } }).gen(resolved, pointer, depth + 1);
          byValue.set(key, arb);
        }
        return arb;
      });
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const list = schema[keyword];
      if (Array.isArray(list) && list.length > 0) {
        return fc.oneof(...list.map((alt) => this.gen(alternative(schema, keyword, alt), pointer, depth + 1)));
      }
    }
    const core = this.core(schema, pointer, depth);
    if (schema.nullable === true) return fc.oneof({ arbitrary: core, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
    return core;
  }

  private core(schema: JsonSchema, pointer: string, depth: number): fc.Arbitrary<unknown> {
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter((v) => v !== null || schema.nullable === true);
      if (values.length === 0) throw new Error(`enum at ${pointer || '/'} has no usable value`);
      return fc.constantFrom(...values);
    }
    const types = typesOf(schema).filter((t) => t !== 'null');
    if (types.length > 1) return fc.oneof(...types.map((t) => this.ofType(t, schema, pointer, depth)));
    return this.ofType(types[0] ?? 'any', schema, pointer, depth);
  }

  private ofType(type: string, schema: JsonSchema, pointer: string, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'object':
        return this.object(schema, pointer, depth);
      case 'array':
        return this.array(schema, pointer, depth);
      case 'string':
        return stringArbitrary(schema, { maxExtraLength: this.options.maxExtraLength });
      case 'integer':
        return integerArbitrary(schema);
      case 'number':
        return numberArbitrary(schema);
      case 'boolean':
        return fc.boolean();
      default:
        return fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 8 }), fc.integer(), fc.boolean());
    }
  }

  private hidden(sub: unknown): boolean {
    if (!isObject(sub)) return false;
    const merged = mergeAllOf(sub);
    return (this.options.direction ?? 'request') === 'request' ? merged.readOnly === true : merged.writeOnly === true;
  }

  private object(schema: JsonSchema, pointer: string, depth: number): fc.Arbitrary<unknown> {
    const props = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
    const entries: Record<string, fc.Arbitrary<unknown>> = {};
    const must: string[] = [];
    const may: string[] = [];
    for (const [name, sub] of Object.entries(props)) {
      const at = childPointer(pointer, name);
      const p = this.pins[at];
      if (p?.presence === 'never' || !isObject(sub) || this.hidden(sub)) continue;
      entries[name] = this.gen(sub, at, depth + 1);
      if (p?.presence === 'always' || (required.has(name) && p?.presence !== 'optional')) must.push(name);
      else may.push(name);
    }
    for (const name of required) {
      if (!(name in props)) {
        entries[name] = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 });
        must.push(name);
      }
    }
    const minProps = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    const maxProps = typeof schema.maxProperties === 'number' ? schema.maxProperties : Number.POSITIVE_INFINITY;
    const lo = Math.min(may.length, Math.max(0, minProps - must.length));
    const hi = Math.max(lo, Math.min(may.length, maxProps - must.length));
    const record = (keys: string[]) => {
      const picked: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) picked[k] = entries[k]!;
      return fc.record(picked, { noNullPrototype: true });
    };
    if (this.mode === 'all') return record([...must, ...may.slice(0, hi)]);
    if (this.mode === 'required') return record([...must, ...may.slice(0, lo)]);
    if (may.length === 0) return record(must);
    const byKeys = new Map<string, fc.Arbitrary<unknown>>();
    return fc.subarray(may, { minLength: lo, maxLength: hi }).chain((chosen) => {
      const keys = [...must, ...chosen];
      const id = keys.join('\u0000');
      let arb = byKeys.get(id);
      if (!arb) byKeys.set(id, (arb = record(keys)));
      return arb;
    });
  }

  private array(schema: JsonSchema, pointer: string, depth: number): fc.Arbitrary<unknown> {
    const item = this.gen(isObject(schema.items) ? schema.items : {}, `${pointer}/-`, depth + 1);
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
    let minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
    if (this.mode === 'all') minLength = Math.min(maxItems, Math.max(minLength, 1));
    const maxLength = Math.min(maxItems, minLength + (this.options.maxExtraItems ?? 3));
    if (schema.uniqueItems === true) return fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
    return fc.array(item, { minLength, maxLength });
  }
}
