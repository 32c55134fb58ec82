// Strings satisfying a (merged) string schema: format, every pattern, minLength and maxLength.
import fc from 'fast-check';
import type { JsonSchema } from '../spec/types.js';
import { formatArbitrary } from './format-arbitrary.js';
import { patternsOf } from './merge.js';

/** The pattern as the spec validator (Ajv, unicode mode) reads it; plain mode when u rejects it. */
export function patternRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

/** Length as JSON Schema counts it (code points). */
export function schemaLength(s: string): number {
  return [...s].length;
}

// ^<atom>+$ / ^<atom>*$ with one character class or escape: the quantifier can carry the lengths.
const SIMPLE_REPEAT = /^\^(\[(?:\\.|[^\]\\])+\]|\\[dwsDWS]|\.)([+*])\$$/;

/** A pattern to generate from: a simple repetition gets the length bounds as its quantifier. */
export function generationPattern(pattern: string, minLength: number, maxLength: number | undefined): string {
  const m = SIMPLE_REPEAT.exec(pattern);
  if (!m) return pattern;
  const lo = Math.max(minLength, m[2] === '+' ? 1 : 0);
  const hi = maxLength === undefined ? Math.max(lo, 64) : maxLength;
  return `^${m[1]}{${lo},${hi}}$`;
}

// One arbitrary per generation pattern for the process: building one tokenizes its characters
// (milliseconds), and the checks ask for the same schema strings again and again.
const matchingArbitraries = new Map<string, fc.Arbitrary<string>>();

function matching(source: string, constraints: { maxLength?: number }): fc.Arbitrary<string> {
  const key = `${source}\u0000${constraints.maxLength ?? ''}`;
  let arb = matchingArbitraries.get(key);
  if (!arb) matchingArbitraries.set(key, (arb = fc.stringMatching(new RegExp(source), constraints)));
  return arb;
}

export interface StringOptions {
  /** Longest free-text string beyond minLength (no pattern, no format). */
  maxExtraLength?: number;
}

export function stringArbitrary(schema: JsonSchema, options: StringOptions = {}): fc.Arbitrary<string> {
  const { candidates, fits } = stringCandidates(schema, options);
  return candidates.filter(fits);
}

/**
 * The strings stringArbitrary draws from, and the test they must pass: a caller that may find no
 * fitting string (e.g. a format at an exact length) samples a bounded number instead of filtering.
 */
export function stringCandidates(schema: JsonSchema, options: StringOptions = {}): { candidates: fc.Arbitrary<string>; fits: (s: string) => boolean } {
  const patterns = patternsOf(schema);
  const regexps = patterns.map(patternRegExp);
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const fits = (s: string) => {
    const n = schemaLength(s);
    return n >= minLength && (maxLength === undefined || n <= maxLength) && regexps.every((r) => r.test(s));
  };
  const byFormat = formatArbitrary(schema.format);
  if (byFormat) return { candidates: byFormat, fits };
  if (patterns.length > 0) {
    const source = generationPattern(patterns[0]!, minLength, maxLength);
    const constraints = maxLength === undefined ? {} : { maxLength };
    return { candidates: matching(source, constraints), fits };
  }
  const extra = options.maxExtraLength ?? 24;
  const upper = maxLength === undefined ? minLength + extra : Math.min(maxLength, minLength + extra);
  return { candidates: fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.max(minLength, upper) }), fits };
}
