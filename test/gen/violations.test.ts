// Mutations derived from the request schemas: each breaks the keyword it names at its pointer
// (per the spec validator), the enumeration is deterministic, and every version's constraints are
// reached (including the 1.2.0-rc.3 oneOf / additionalProperties / list constraints).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import { isCollateral, mutationKeywords, mutations, pin, schemaArbitrary, type Mutation } from '../../src/gen/index.js';
import { loadSpec } from '../../src/spec/load.js';
import type { JsonSchema, SpecValidators } from '../../src/spec/types.js';
import { createValidators } from '../../src/spec/validators.js';

const validators = new Map<ApiVersion, SpecValidators>();

beforeAll(async () => {
  for (const version of API_VERSIONS) validators.set(version, createValidators(await loadSpec({ version })));
});

const OPS = ['createSession', 'extendQosSessionDuration', 'retrieveSessionsByDevice', 'retrieveQoSProfiles'];

function schemaOf(v: SpecValidators, opId: string): JsonSchema | undefined {
  return v.spec.operations[opId]?.requestBody?.content['application/json'];
}

function enumerate(version: ApiVersion, opId: string, seed: number): { body: unknown; list: Mutation[] } | undefined {
  const v = validators.get(version)!;
  const schema = schemaOf(v, opId);
  if (!schema) return undefined;
  const [body] = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all' }), { seed, numRuns: 1 });
  expect(v.validateRequestBody(opId, body)).toEqual([]);
  const list = mutations(schema, body, { validate: (b) => v.validateRequestBody(opId, b), seed, schemas: v.spec.schemas });
  return { body, list };
}

describe('mutations', () => {
  for (const version of API_VERSIONS) {
    it(`${version}: every mutation breaks its keyword at its pointer and nothing outside it`, () => {
      const v = validators.get(version)!;
      let total = 0;
      for (const opId of OPS) {
        const found = enumerate(version, opId, 11);
        if (!found) continue;
        for (const m of found.list) {
          const violations = v.validateRequestBody(opId, m.body);
          const at = m.keyword === 'required' ? m.pointer.slice(0, m.pointer.lastIndexOf('/')) : m.pointer;
          expect(
            violations.some((x) => x.rule === m.keyword && x.pointer === at),
            `${opId} ${m.keyword} ${m.pointer}`,
          ).toBe(true);
          const inside = (x: { pointer: string }) => at === '' || x.pointer === at || x.pointer.startsWith(`${at}/`);
          expect(
            violations.every((x) => inside(x) || isCollateral(x, at, violations)),
            `${opId} ${m.keyword} ${m.pointer}`,
          ).toBe(true);
          expect(m.specLocation).toMatch(/^#\//);
          total++;
        }
      }
      expect(total).toBeGreaterThan(10);
    });
  }

  it('reaches the constraints each version has (1.1.0 createSession)', () => {
    const keywords = mutationKeywords(enumerate('1.1.0', 'createSession', 3)!.list);
    expect(keywords).toEqual(expect.arrayContaining(['required', 'type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'minProperties', 'anyOf']));
  });

  it('reaches every alternative of a oneOf (1.2.0-rc.3 applicationServer list and subnet forms)', () => {
    const list = enumerate('1.2.0-rc.3', 'createSession', 3)!.list;
    const keywords = mutationKeywords(list);
    expect(keywords).toEqual(expect.arrayContaining(['oneOf', 'additionalProperties', 'maxItems', 'uniqueItems', 'maxProperties', 'minItems']));
    const pointers = list.map((m) => `${m.keyword} ${m.pointer}`);
    expect(pointers).toEqual(
      expect.arrayContaining([
        'minItems /applicationServer/ipAddresses',
        'maxItems /applicationServer/ipAddresses',
        'uniqueItems /applicationServer/ipAddresses',
        'maxLength /applicationServer/ipv4Address',
      ]),
    );
  });

  it('breaks the 0.8.1 ueId identifiers (format and two patterns) and the qos enum', () => {
    const list = enumerate('0.8.1', 'createSession', 5)!.list;
    const pointers = list.map((m) => `${m.keyword} ${m.pointer}`);
    expect(pointers).toEqual(expect.arrayContaining(['enum /qos', 'minProperties /ueId', 'maximum /duration', 'pattern /ueId/msisdn']));
  });

  it('is deterministic for a seed, and the seed changes the values fast-check picks', () => {
    const a = enumerate('1.1.0', 'createSession', 21)!.list;
    const b = enumerate('1.1.0', 'createSession', 21)!.list;
    expect(b).toEqual(a);
    const v = validators.get('1.1.0')!;
    const schema = schemaOf(v, 'createSession')!;
    const body = enumerate('1.1.0', 'createSession', 21)!.body;
    const other = mutations(schema, body, { validate: (x) => v.validateRequestBody('createSession', x), seed: 22, schemas: v.spec.schemas });
    expect(other.map((m) => `${m.keyword} ${m.pointer}`)).toEqual(a.map((m) => `${m.keyword} ${m.pointer}`));
    expect(JSON.stringify(other.map((m) => m.body))).not.toEqual(JSON.stringify(a.map((m) => m.body)));
  });

  it('respects pins when it needs values of other alternatives, and filters by keyword', () => {
    const v = validators.get('1.1.0')!;
    const schema = schemaOf(v, 'createSession')!;
    const gen = { schemas: v.spec.schemas, optional: 'all' as const, constraints: { '/device/phoneNumber': pin.constant('+34600000001') } };
    const [body] = fc.sample(schemaArbitrary(schema, gen), { seed: 4, numRuns: 1 });
    const list = mutations(schema, body, { validate: (x) => v.validateRequestBody('createSession', x), seed: 4, schemas: v.spec.schemas, keywords: ['maximum'], generator: gen });
    expect(new Set(list.map((m) => m.keyword))).toEqual(new Set(['maximum']));
    expect(list.map((m) => m.pointer)).toEqual(expect.arrayContaining(['/devicePorts/ports/0', '/applicationServerPorts/ranges/0/to', '/device/ipv4Address/publicPort']));
    for (const m of list) expect((m.body as { device: { phoneNumber: string } }).device.phoneNumber).toBe('+34600000001');
  });
});
