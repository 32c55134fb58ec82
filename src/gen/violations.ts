// Mutations of a VALID request body, each breaking one constraint of the request schema at one
// JSON pointer: required, type, enum, const, minimum/maximum (and exclusive forms), minLength,
// maxLength, pattern, format, minItems, maxItems, uniqueItems, minProperties, maxProperties,
// additionalProperties: false, oneOf and anyOf. The (pointer, keyword) pairs are enumerated
// deterministically from the schema; fast-check, seeded, picks the values. Every candidate is
// confirmed with the spec validator: a mutation is kept only when the validator reports that
// keyword at that node and nothing outside it, so a body we call invalid is invalid per the spec.
import fc from 'fast-check';
import { isObject } from '../spec/json.js';
import type { JsonSchema, Violation } from '../spec/types.js';
import { alternative, discriminatorOf, mergeAllOf, patternsOf, resolveDiscriminator, typesOf } from './merge.js';
import { childPointer, getAt, isWithin, removeAt, setAt, splitPointer } from './pointer.js';
import { schemaArbitrary, type SchemaArbitraryOptions } from './schema-arbitrary.js';
import { patternRegExp, schemaLength } from './string-arbitrary.js';

/** An enum-like word (built once: stringMatching tokenizes its characters on construction). */
let enumWord: fc.Arbitrary<string> | undefined;
const enumLike = (): fc.Arbitrary<string> => (enumWord ??= fc.stringMatching(/^[A-Z][A-Z_]{2,11}$/));

export interface Mutation {
  /** Node whose constraint is broken (for `required`: the property removed). */
  pointer: string;
  /** The schema keyword broken. */
  keyword: string;
  /** The whole mutated body. */
  body: unknown;
  /** One line: what was changed and which constraint it breaks. */
  description: string;
  /** Where the spec writes the constraint, as the validator reports it (e.g. #/components/schemas/Port/maximum). */
  specLocation: string;
  /** Other keywords the same change breaks at that node (empty: exactly one constraint broken). */
  alsoBroken: string[];
}

export interface MutationOptions {
  /** The spec validator of the operation's request body. */
  validate(body: unknown): Violation[];
  /** Seed for the values fast-check picks. */
  seed: number;
  /** Named component schemas (discriminator mappings). */
  schemas?: Record<string, JsonSchema>;
  /** Only these keywords (default: all of MUTATION_KEYWORDS). */
  keywords?: readonly string[];
  /** Options of the generator that made the body (pins), for values of other alternatives. */
  generator?: SchemaArbitraryOptions;
  /** maxItems above this is not exercised (the body would be huge). Default 64. */
  maxItemsLimit?: number;
}

export const MUTATION_KEYWORDS = [
  'required',
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'additionalProperties',
  'oneOf',
  'anyOf',
] as const;

/** Numeric range keywords (CAMARA: OUT_OF_RANGE is allowed besides INVALID_ARGUMENT). */
export const RANGE_KEYWORDS: readonly string[] = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];

/** Values that break each string format (the validator picks one that breaks nothing else). */
const FORMAT_BREAKERS: Record<string, readonly unknown[]> = {
  ipv4: ['256.256.256.256', '192.168.0.1/24', '1.2.3', '10.0.0.1.5', 'a.b.c.d'],
  ipv6: ['2001:db8::g', '2001:db8::1/64', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', '12345::1'],
  'date-time': ['2024-13-01T00:00:00Z', '2024-06-01T25:00:00Z', '2024-06-01 12:00:00', 'not-a-date-time'],
  date: ['2024-13-01', '2024-02-30x', 'not-a-date'],
  time: ['25:00:00Z', 'not-a-time'],
  uri: ['https://exa mple.com/sink', 'https://[::1/sink', 'https://%zz.example/', 'not a uri'],
  url: ['https://exa mple.com/sink', 'https://[::1/sink', 'not a url'],
  iri: ['https://exa mple.com/sink', 'not an iri'],
  'uri-reference': ['https://[::1/sink', 'https://exa mple.com/ x', '\\\\bad path'],
  uuid: ['3fa85f64-5717-4562-b3fc-2c963f66afa', '3fa85f64-5717-4562-b3fc-2c963f66afag', 'not-a-uuid'],
  email: ['not-an-email', 'a@'],
  int32: [2 ** 31, -(2 ** 31) - 1],
};

interface Candidate {
  body: unknown;
  description: string;
}

/** Where the validator reports a keyword: `required` at the parent object, the rest at the node. */
function reportPointer(keyword: string, pointer: string): string {
  return keyword === 'required' ? (splitPointer(pointer)?.parent ?? '') : pointer;
}

/**
 * An error at an enclosing oneOf/anyOf that breaking a node inside the matching alternative brings
 * with it: the composition fails, and the validator reports the other alternatives' errors too.
 */
export function isCollateral(v: Violation, at: string, all: readonly Violation[]): boolean {
  if (v.pointer === at || !isWithin(at, v.pointer)) return false;
  return all.some((x) => x.pointer === v.pointer && (x.rule === 'oneOf' || x.rule === 'anyOf'));
}

function saltOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const where = (pointer: string) => (pointer === '' ? '/' : pointer);

export function mutations(schema: JsonSchema, body: unknown, options: MutationOptions): Mutation[] {
  return new MutationWalker(options).run(schema, body);
}

/** The keyword families present for a body (sorted as MUTATION_KEYWORDS). */
export function mutationKeywords(list: readonly Mutation[]): string[] {
  const present = new Set(list.map((m) => m.keyword));
  return MUTATION_KEYWORDS.filter((k) => present.has(k));
}

class MutationWalker {
  private readonly found = new Map<string, Mutation>();
  private readonly wanted: ReadonlySet<string>;

  constructor(private readonly options: MutationOptions) {
    this.wanted = new Set(options.keywords ?? MUTATION_KEYWORDS);
  }

  run(schema: JsonSchema, body: unknown): Mutation[] {
    this.walk(schema, body, '', 0);
    return [...this.found.values()];
  }

  /** A value picked by fast-check, reproducible from the seed and the place it is for. */
  private pick<T>(arb: fc.Arbitrary<T>, salt: string): T {
    return fc.sample(arb, { seed: (this.options.seed ^ saltOf(salt)) | 0, numRuns: 1 })[0]!;
  }

  /** A value of `schema` for the node at `pointer` (a pin on that very node is ignored: we want the schema's own values). */
  private sampleOf(schema: JsonSchema, pointer: string, salt: string): unknown {
    const { [pointer]: _own, ...pins } = this.options.generator?.constraints ?? {};
    const arb = schemaArbitrary(schema, { ...this.options.generator, constraints: pins, schemas: this.options.schemas, optional: 'all', rootPointer: pointer });
    return this.pick(arb, salt);
  }

  private walk(raw: JsonSchema, base: unknown, pointer: string, depth: number): void {
    if (depth > 40) return;
    const value = getAt(base, pointer);
    if (value === undefined) return;
    let schema = mergeAllOf(raw);
    const d = discriminatorOf(schema);
    if (d && isObject(value)) schema = resolveDiscriminator(schema, d, value[d.propertyName], this.options.schemas);
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const list = schema[keyword];
      if (!Array.isArray(list) || list.length === 0) continue;
      this.offer(keyword, pointer, this.noAlternativeCandidates(schema, keyword, base, pointer));
      const alternatives = list.map((alt) => alternative(schema, keyword, alt));
      // The value as sent, under each alternative (mutations that do not apply are not confirmed) ...
      for (const alt of alternatives) this.walk(alt, base, pointer, depth + 1);
      // ... and a value of each alternative, so every alternative's constraints are reached.
      alternatives.forEach((alt, i) => {
        const sample = this.sampleOf(alt, pointer, `${pointer}|${keyword}|${i}`);
        const variant = setAt(base, pointer, sample);
        if (this.options.validate(variant).length === 0) this.walk(alt, variant, pointer, depth + 1);
      });
      return;
    }
    this.node(schema, base, pointer, value, depth);
  }

  private node(schema: JsonSchema, base: unknown, pointer: string, value: unknown, depth: number): void {
    const types = typesOf(schema);
    const replace = (v: unknown, what: string): Candidate => ({ body: setAt(base, pointer, v), description: `${where(pointer)} = ${show(v)} (${what})` });

    if (types.length > 0) {
      this.offer(
        'type',
        pointer,
        this.wrongTypes(types, value, schema.nullable === true).map((v) => replace(v, `not of type ${types.join('/')}`)),
      );
    }
    if (Array.isArray(schema.enum)) {
      const allowed = schema.enum;
      const candidates = [...allowed.filter((e): e is string => typeof e === 'string').flatMap((e) => [e.toLowerCase(), e.toUpperCase(), `${e}_X`]), this.pick(enumLike(), `${pointer}|enum`)].filter(
        (c) => !allowed.includes(c),
      );
      this.offer(
        'enum',
        pointer,
        candidates.map((v) => replace(v, `not one of ${show(allowed)}`)),
      );
    }
    if ('const' in schema) {
      this.offer('const', pointer, [replace(typeof schema.const === 'string' ? `${schema.const}_X` : 'other', `not the constant ${show(schema.const)}`)]);
    }
    if (typeof value === 'number') this.numeric(schema, pointer, replace);
    if (typeof value === 'string') this.text(schema, pointer, value, replace);
    if (Array.isArray(value)) this.array(schema, base, pointer, value, depth, replace);
    if (isObject(value)) this.object(schema, base, pointer, value, depth, replace);
  }

  private wrongTypes(types: string[], value: unknown, nullable: boolean): unknown[] {
    const out: unknown[] = [];
    const t = types[0];
    if (t === 'string') out.push(this.pick(fc.integer({ min: 1, max: 99_999 }), `type|${String(value)}`), true);
    if (t === 'integer') out.push(typeof value === 'number' ? String(value) : '1', typeof value === 'number' ? value + 0.5 : 1.5);
    if (t === 'number') out.push(typeof value === 'number' ? String(value) : '1', true);
    if (t === 'boolean') out.push('true', 1);
    if (t === 'object') out.push('x', [value]);
    if (t === 'array') out.push({}, 'x');
    if (!nullable) out.push(null);
    return out;
  }

  private numeric(schema: JsonSchema, pointer: string, replace: (v: unknown, what: string) => Candidate): void {
    const integer = typesOf(schema).includes('integer');
    const step = integer ? 1 : 0.5;
    const below = (bound: number, inclusive: boolean, keyword: string) => {
      const edge = inclusive ? bound - step : bound;
      const far = integer ? this.pick(fc.integer({ min: Math.min(edge, Math.max(edge - 100_000, -(2 ** 31))), max: edge }), `${pointer}|${keyword}`) : edge - 1;
      this.offer(
        keyword,
        pointer,
        [far, edge].map((v) => replace(v, `${keyword} ${bound}`)),
      );
    };
    const above = (bound: number, inclusive: boolean, keyword: string) => {
      const edge = inclusive ? bound + step : bound;
      const far = integer ? this.pick(fc.integer({ min: edge, max: Math.max(edge, Math.min(edge + 100_000, 2 ** 31 - 1)) }), `${pointer}|${keyword}`) : edge + 1;
      this.offer(
        keyword,
        pointer,
        [far, edge].map((v) => replace(v, `${keyword} ${bound}`)),
      );
    };
    if (typeof schema.minimum === 'number') {
      if (schema.exclusiveMinimum === true) below(schema.minimum, false, 'exclusiveMinimum');
      else below(schema.minimum, true, 'minimum');
    } else if (typeof schema.exclusiveMinimum === 'number') below(schema.exclusiveMinimum, false, 'exclusiveMinimum');
    if (typeof schema.maximum === 'number') {
      if (schema.exclusiveMaximum === true) above(schema.maximum, false, 'exclusiveMaximum');
      else above(schema.maximum, true, 'maximum');
    } else if (typeof schema.exclusiveMaximum === 'number') above(schema.exclusiveMaximum, false, 'exclusiveMaximum');
    const breakers = typeof schema.format === 'string' ? FORMAT_BREAKERS[schema.format] : undefined;
    if (breakers)
      this.offer(
        'format',
        pointer,
        breakers.map((v) => replace(v, `not ${schema.format}`)),
      );
  }

  private text(schema: JsonSchema, pointer: string, value: string, replace: (v: unknown, what: string) => Candidate): void {
    const chars = [...value];
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
    if (minLength > 0) {
      const short = chars.slice(0, minLength - 1).join('');
      this.offer('minLength', pointer, [replace(short, `shorter than minLength ${minLength}`)]);
    }
    if (maxLength !== undefined) {
      const filler = chars[chars.length - 1] ?? 'a';
      const long = value + filler.repeat(Math.max(1, maxLength + 1 - chars.length));
      this.offer('maxLength', pointer, [replace(long, `longer than maxLength ${maxLength}`)]);
    }
    const patterns = patternsOf(schema);
    if (patterns.length > 0) {
      const regexps = patterns.map(patternRegExp);
      const fits = (s: string) => schemaLength(s) >= minLength && (maxLength === undefined || schemaLength(s) <= maxLength);
      const random = this.pick(
        fc
          .string({ unit: 'grapheme-ascii', minLength: Math.max(minLength, 1), maxLength: Math.max(minLength, Math.min(maxLength ?? 20, 20)) })
          .filter((s) => fits(s) && regexps.some((r) => !r.test(s))),
        `${pointer}|pattern`,
      );
      const middle = Math.floor(chars.length / 2);
      const edits = [
        random,
        [...chars.slice(0, middle), ' ', ...chars.slice(middle + 1)].join(''),
        `!${chars.slice(1).join('')}`,
        `x${value}`,
        value.replace(/^https:/, 'http:'),
        `${chars.slice(0, -1).join('')}!`,
        `${value} `,
      ].filter((s) => s !== value && regexps.some((r) => !r.test(s)));
      this.offer(
        'pattern',
        pointer,
        [...new Set(edits)].map((v) => replace(v, `not matching ${patterns.join(' and ')}`)),
      );
    }
    const breakers = typeof schema.format === 'string' ? FORMAT_BREAKERS[schema.format] : undefined;
    if (breakers) {
      const order = this.pick(fc.shuffledSubarray([...breakers], { minLength: breakers.length, maxLength: breakers.length }), `${pointer}|format`);
      this.offer(
        'format',
        pointer,
        order.map((v) => replace(v, `not a valid ${schema.format}`)),
      );
    }
  }

  private array(schema: JsonSchema, base: unknown, pointer: string, value: unknown[], depth: number, replace: (v: unknown, what: string) => Candidate): void {
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
    const itemSchema = isObject(schema.items) ? schema.items : {};
    if (minItems > 0) this.offer('minItems', pointer, [replace(value.slice(0, minItems - 1), `fewer than minItems ${minItems}`)]);
    if (maxItems !== undefined && maxItems <= (this.options.maxItemsLimit ?? 64)) {
      const itemArb = schemaArbitrary(itemSchema, { ...this.options.generator, schemas: this.options.schemas, optional: 'all', rootPointer: `${pointer}/-` });
      const items = this.pick(fc.uniqueArray(itemArb, { minLength: maxItems + 1, maxLength: maxItems + 1, selector: (v) => JSON.stringify(v) }), `${pointer}|maxItems`);
      this.offer('maxItems', pointer, [replace(items, `more than maxItems ${maxItems}`)]);
    }
    if (schema.uniqueItems === true && value.length > 0) {
      const dup = value.length >= 2 ? [value[0], value[0], ...value.slice(2)] : [value[0], value[0]];
      this.offer('uniqueItems', pointer, [replace(dup, 'a repeated item (uniqueItems)')]);
    }
    if (value.length > 0) this.walk(itemSchema, base, childPointer(pointer, 0), depth + 1);
  }

  private object(schema: JsonSchema, base: unknown, pointer: string, value: Record<string, unknown>, depth: number, replace: (v: unknown, what: string) => Candidate): void {
    const props = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
    for (const name of required) {
      if (!(name in value)) continue;
      const at = childPointer(pointer, name);
      this.offer('required', at, [{ body: removeAt(base, at), description: `${at} left out (required)` }]);
    }
    const count = Object.keys(value).length;
    if (typeof schema.minProperties === 'number' && schema.minProperties > 0) {
      const kept = Object.fromEntries(Object.entries(value).slice(0, schema.minProperties - 1));
      this.offer('minProperties', pointer, [replace(kept, `fewer than minProperties ${schema.minProperties}`), replace({}, `fewer than minProperties ${schema.minProperties}`)]);
    }
    if (typeof schema.maxProperties === 'number') {
      const full = this.sampleOf(schema, pointer, `${pointer}|maxProperties`);
      const more: Record<string, unknown> = { ...value };
      for (const [k, v] of Object.entries(isObject(full) ? full : {})) {
        if (Object.keys(more).length > schema.maxProperties) break;
        if (!(k in more)) more[k] = v;
      }
      for (let i = 0; Object.keys(more).length <= schema.maxProperties && i < 64; i++) more[`extraProperty${i}`] = 'x';
      if (Object.keys(more).length > count) this.offer('maxProperties', pointer, [replace(more, `more than maxProperties ${schema.maxProperties}`)]);
    }
    if (schema.additionalProperties === false) {
      let name = 'unexpectedProperty';
      while (name in props) name += 'X';
      this.offer('additionalProperties', pointer, [replace({ ...value, [name]: 'x' }, `property ${name} not declared (additionalProperties: false)`)]);
    }
    for (const [name, sub] of Object.entries(props)) {
      if (name in value && isObject(sub)) this.walk(sub, base, childPointer(pointer, name), depth + 1);
    }
  }

  /** Values matching no alternative (anyOf), or not exactly one (oneOf). */
  private noAlternativeCandidates(schema: JsonSchema, keyword: 'oneOf' | 'anyOf', base: unknown, pointer: string): Candidate[] {
    const value = getAt(base, pointer);
    const list = schema[keyword] as unknown[];
    const out: Candidate[] = [];
    const replace = (v: unknown, what: string): Candidate => ({ body: setAt(base, pointer, v), description: `${where(pointer)} = ${show(v)} (${what})` });
    if (isObject(value)) {
      // Alternatives that differ by required properties: keep only what they all require.
      const reqs = list.map((alt) => (isObject(alt) && Array.isArray(alt.required) ? (alt.required as string[]) : []));
      const all = new Set(reqs.flat());
      const common = new Set(reqs.length ? reqs.reduce((a, b) => a.filter((x) => b.includes(x))) : []);
      const stripped = Object.fromEntries(Object.entries(value).filter(([k]) => !all.has(k) || common.has(k)));
      if (Object.keys(stripped).length < Object.keys(value).length) out.push(replace(stripped, `matches none of the ${keyword} alternatives`));
      // Properties of every alternative at once.
      const union: Record<string, unknown> = {};
      list.forEach((alt, i) => {
        const sample = this.sampleOf(alternative(schema, keyword, alt), pointer, `${pointer}|${keyword}|union|${i}`);
        if (isObject(sample)) Object.assign(union, sample);
      });
      out.push(replace(union, `properties of all ${keyword} alternatives at once`));
    }
    out.push(replace('not-a-valid-value', `matches none of the ${keyword} alternatives`));
    out.push(replace({}, `matches none of the ${keyword} alternatives`));
    return out;
  }

  /** Keeps the first candidate the validator confirms, preferring one that breaks nothing else. */
  private offer(keyword: string, pointer: string, candidates: Candidate[]): void {
    if (!this.wanted.has(keyword)) return;
    const key = `${pointer}|${keyword}`;
    if (this.found.has(key)) return;
    const at = reportPointer(keyword, pointer);
    const removed = keyword === 'required' ? splitPointer(pointer)?.key : undefined;
    let fallback: Mutation | undefined;
    for (const c of candidates) {
      const violations = this.options.validate(c.body);
      const target = violations.find((v) => v.rule === keyword && v.pointer === at && (removed === undefined || v.message.includes(`'${removed}'`)));
      if (!target || violations.some((v) => !isWithin(v.pointer, at) && !isCollateral(v, at, violations))) continue;
      const others = [...new Set(violations.filter((v) => isWithin(v.pointer, at) && v !== target && !(v.rule === keyword && v.pointer === at)).map((v) => v.rule))];
      const m: Mutation = { pointer, keyword, body: c.body, description: c.description, specLocation: target.specLocation, alsoBroken: others };
      if (others.length === 0) {
        this.found.set(key, m);
        return;
      }
      fallback ??= m;
    }
    if (fallback) this.found.set(key, fallback);
  }
}
