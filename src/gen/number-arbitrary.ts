// Numbers within a schema's bounds: minimum/maximum (inclusive or exclusive, OpenAPI 3.0 boolean
// or JSON Schema numeric forms), multipleOf, and the int32/int64 format ranges.
import fc from 'fast-check';
import type { JsonSchema } from '../spec/types.js';
import { integerFormatBounds } from './format-arbitrary.js';

export function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const bounds = integerFormatBounds(schema.format) ?? { min: -(2 ** 31), max: 2 ** 31 - 1 };
  let min = typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : bounds.min;
  let max = typeof schema.maximum === 'number' ? Math.floor(schema.maximum) : bounds.max;
  if (schema.exclusiveMinimum === true && min === schema.minimum) min += 1;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, Math.floor(schema.exclusiveMinimum) + 1);
  if (schema.exclusiveMaximum === true && max === schema.maximum) max -= 1;
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, Math.ceil(schema.exclusiveMaximum) - 1);
  const format = integerFormatBounds(schema.format);
  min = Math.max(min, format?.min ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, format?.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (min > max) throw new Error(`integer schema with no value: ${min} > ${max}`);
  const step = typeof schema.multipleOf === 'number' && Number.isInteger(schema.multipleOf) && schema.multipleOf > 0 ? schema.multipleOf : 1;
  if (step === 1) return fc.integer({ min, max });
  const first = Math.ceil(min / step);
  const last = Math.floor(max / step);
  return fc.integer({ min: first, max: last }).map((k) => k * step);
}

export function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1e9;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
  return fc.double({
    min,
    max,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: schema.exclusiveMinimum === true,
    maxExcluded: schema.exclusiveMaximum === true,
  });
}
