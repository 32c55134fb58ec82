// Values AT the bounds of a request schema: for each numeric bound (minimum, maximum and their
// exclusive forms) and length bound (minLength, maxLength) a valid body reaches, the body with that
// node set to the extreme value the bound still allows. The counterpart of the mutations (which
// step just outside): an endpoint must accept these. The bounds found are those the mutation
// walker confirms at a node, so both sides of a bound come from one enumeration.
import fc from 'fast-check';
import type { JsonSchema } from '../spec/types.js';
import { discriminatorOf, resolveDiscriminator, subschemaAt, typesOf } from './merge.js';
import { getAt, setAt } from './pointer.js';
import { stringCandidates } from './string-arbitrary.js';
import { mutations, type MutationOptions } from './violations.js';

/** Strings drawn to find one of exactly a bound's length. */
const STRING_TRIES = 200;

export const EDGE_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength'] as const;

export interface Edge {
  /** Node set to its extreme allowed value. */
  pointer: string;
  /** The bound reached. */
  keyword: string;
  value: unknown;
  body: unknown;
  /** One line: which node, which value, which bound. */
  description: string;
  /** Where the spec writes the bound (as the validator reports it for the value just outside). */
  specLocation: string;
}

/** The extreme value `keyword` of `node` still allows; undefined where there is none to reach (a non-integer exclusive bound). */
function edgeValue(node: JsonSchema, keyword: string, seed: number): unknown {
  const integer = typesOf(node).includes('integer');
  const num = (k: string) => (typeof node[k] === 'number' ? (node[k] as number) : undefined);
  switch (keyword) {
    case 'minimum':
    case 'maximum': {
      const bound = num(keyword);
      if (bound === undefined) return undefined;
      const exclusive = node[keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true; // OpenAPI 3.0 boolean form
      if (!exclusive) return bound;
      return integer ? bound + (keyword === 'minimum' ? 1 : -1) : undefined;
    }
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = num(keyword); // OpenAPI 3.1 numeric form
      return bound !== undefined && integer ? bound + (keyword === 'exclusiveMinimum' ? 1 : -1) : undefined;
    }
    case 'minLength':
    case 'maxLength': {
      const length = num(keyword);
      if (length === undefined) return undefined;
      try {
        // Sampled, not filtered: a format drawn at its own lengths (a date-time, a uri) may never be
        // exactly that long, and a filter would then search forever.
        const { candidates, fits } = stringCandidates({ ...node, minLength: length, maxLength: length });
        return fc.sample(candidates, { seed, numRuns: STRING_TRIES }).find(fits);
      } catch {
        return undefined; // no string of exactly that length fits the node's other constraints
      }
    }
    default:
      return undefined;
  }
}

/**
 * The schema of the node at `pointer`, resolving each discriminator on the way by the body's value
 * (the mutation walker does the same): e.g. sinkCredential's ACCESSTOKEN properties.
 */
function nodeAt(schema: JsonSchema, body: unknown, pointer: string, schemas: MutationOptions['schemas']): JsonSchema | undefined {
  // Escaped segments: subschemaAt and getAt read them as pointers.
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  let node = subschemaAt(schema, '');
  let at = '';
  for (const seg of segments) {
    if (!node) return undefined;
    const d = discriminatorOf(node);
    const value = getAt(body, at);
    if (d && value !== null && typeof value === 'object' && !Array.isArray(value)) node = resolveDiscriminator(node, d, (value as Record<string, unknown>)[d.propertyName], schemas);
    at = `${at}/${seg}`;
    node = subschemaAt(node, `/${seg}`);
  }
  return node;
}

/** Bodies with one node at one bound each, confirmed valid by the spec validator; `skip` leaves out nodes (e.g. the caller's own identifiers). */
export function edges(schema: JsonSchema, body: unknown, options: MutationOptions & { skip?: (pointer: string) => boolean }): Edge[] {
  const found = new Map<string, Edge>();
  for (const m of mutations(schema, body, { ...options, keywords: EDGE_KEYWORDS })) {
    const key = `${m.pointer}|${m.keyword}`;
    if (found.has(key) || options.skip?.(m.pointer)) continue;
    const node = nodeAt(schema, body, m.pointer, options.schemas);
    const value = node ? edgeValue(node, m.keyword, options.seed) : undefined;
    if (value === undefined) continue;
    const candidate = setAt(body, m.pointer, value);
    if (options.validate(candidate).length > 0) continue;
    const shown = typeof value === 'string' ? `a ${value.length}-character string` : JSON.stringify(value);
    found.set(key, { pointer: m.pointer, keyword: m.keyword, value, body: candidate, description: `${m.pointer || '/'} = ${shown} (at its ${m.keyword})`, specLocation: m.specLocation });
  }
  return [...found.values()];
}
