// The small parts of src/gen: pointers, allOf merging, discriminators, patterns and formats.
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { addQodFormats } from '../../src/spec/formats.js';
import { formatArbitrary, generationPattern, getAt, ipv6Text, mergeAllOf, patternsOf, removeAt, schemaArbitrary, setAt, stringArbitrary, subschemaAt } from '../../src/gen/index.js';

describe('pointers', () => {
  const doc = { a: { 'b/c': [1, { d: 2 }] } };
  it('reads, replaces and removes on copies', () => {
    expect(getAt(doc, '/a/b~1c/1/d')).toBe(2);
    expect(setAt(doc, '/a/b~1c/0', 9)).toEqual({ a: { 'b/c': [9, { d: 2 }] } });
    expect(removeAt(doc, '/a/b~1c/1')).toEqual({ a: { 'b/c': [1] } });
    expect(doc).toEqual({ a: { 'b/c': [1, { d: 2 }] } });
    expect(setAt(doc, '', 'x')).toBe('x');
  });
});

describe('mergeAllOf', () => {
  it('folds nested allOf: properties, required, tighter bounds, patterns', () => {
    const merged = mergeAllOf({
      allOf: [
        { type: 'object', properties: { a: { type: 'integer', minimum: 0 } }, required: ['a'] },
        { allOf: [{ properties: { a: { maximum: 10 }, b: { type: 'string', pattern: '^x' } }, required: ['b'] }] },
        { properties: { b: { pattern: 'y$' } }, minProperties: 1 },
      ],
    });
    expect(merged.required).toEqual(['a', 'b']);
    expect(merged.minProperties).toBe(1);
    expect(mergeAllOf(subschemaAt(merged, '/a')!)).toMatchObject({ type: 'integer', minimum: 0, maximum: 10 });
    expect(patternsOf(subschemaAt(merged, '/b')!)).toEqual(['^x', 'y$']);
  });

  it('finds a property inside oneOf alternatives and array items', () => {
    const schema = { oneOf: [{ properties: { list: { type: 'array', items: { type: 'string', format: 'ipv4' } } } }, { properties: { v4: { type: 'string' } } }] };
    expect(subschemaAt(schema, '/list/-')).toEqual({ type: 'string', format: 'ipv4' });
    expect(subschemaAt(schema, '/v4')).toEqual({ type: 'string' });
    expect(subschemaAt(schema, '/nothing')).toBeUndefined();
  });
});

describe('strings and formats', () => {
  const ajv = new Ajv({ strict: false });
  addQodFormats(ajv);

  it('carries the lengths into simple repetitions', () => {
    expect(generationPattern('^[a-zA-Z0-9_.-]+$', 3, 256)).toBe('^[a-zA-Z0-9_.-]{3,256}$');
    expect(generationPattern('^\\+[1-9][0-9]{4,14}$', 0, 16)).toBe('^\\+[1-9][0-9]{4,14}$');
  });

  it('writes IPv6 addresses the RFC 5952 way', () => {
    expect(ipv6Text([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])).toBe('2001:db8::1');
    expect(ipv6Text([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])).toBe('2001:db8:0:1::1');
    expect(ipv6Text([1, 0, 2, 0, 3, 0, 4, 0])).toBe('1:0:2:0:3:0:4:0');
  });

  for (const format of ['date-time', 'date', 'time', 'uuid', 'ipv4', 'ipv6', 'uri', 'url', 'uri-reference']) {
    it(`generates valid ${format}`, () => {
      const validate = ajv.compile({ type: 'string', format });
      for (const s of fc.sample(formatArbitrary(format)!, { seed: 5, numRuns: 200 })) expect(validate(s), s).toBe(true);
    });
  }

  it('meets format, every pattern and the lengths together', () => {
    const schema = { type: 'string', format: 'ipv6', maxLength: 45, pattern: '^[0-9a-f:]+$', 'x-gen-patterns': ['^[0-9a-f:]+$', '::'] };
    for (const s of fc.sample(stringArbitrary(schema), { seed: 9, numRuns: 50 })) {
      expect(s).toMatch(/^[0-9a-f:]+$/);
      expect(s).toContain('::');
    }
  });

  it('generates plain JSON objects (Object prototype), so deep equality with echoed bodies holds', () => {
    const arb = schemaArbitrary({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] } }, required: ['a'] });
    for (const o of fc.sample(arb, { seed: 2, numRuns: 20 }) as Array<{ a: object }>) {
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(o.a)).toBe(Object.prototype);
    }
  });
});
