// Values at the bounds (src/gen/edges.ts): each edge body is valid per the spec validator, sits
// exactly on the bound it names, and the run's spec versions give their own bounds (0.10.1 caps
// requestedAdditionalDuration at 86399, 1.1.0 has no maximum). Rule IDs name the node and keyword.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edges, requestBodyRuleId, schemaArbitrary } from '../../src/gen/index.js';
import { loadSpec } from '../../src/spec/load.js';
import type { ApiVersion } from '../../src/config/types.js';
import { createValidators } from '../../src/spec/validators.js';

async function edgesOf(version: ApiVersion, op: string) {
  const v = createValidators(await loadSpec({ version }));
  const schema = v.spec.operations[op]!.requestBody!.content['application/json']!;
  const [body] = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all' }), { seed: 1, numRuns: 1 });
  const list = edges(schema, body, { validate: (b) => v.validateRequestBody(op, b), seed: 1, schemas: v.spec.schemas, skip: (p) => p.startsWith('/device') });
  for (const e of list) expect(v.validateRequestBody(op, e.body), e.description).toEqual([]);
  return list;
}

describe('edges: values at the bounds of a request schema', () => {
  it('extendQosSessionDuration: minimum 1 in every version, maximum only where the version has one', async () => {
    const v110 = await edgesOf('1.1.0', 'extendQosSessionDuration');
    expect(v110.map((e) => [e.keyword, e.value])).toEqual([['minimum', 1]]);
    const v0101 = await edgesOf('0.10.1', 'extendQosSessionDuration');
    expect(v0101.map((e) => [e.keyword, e.value])).toEqual([
      ['minimum', 1],
      ['maximum', 86399],
    ]);
  });

  it('retrieveQoSProfiles: a name of exactly minLength and of exactly maxLength characters', async () => {
    const list = await edgesOf('1.1.0', 'retrieveQoSProfiles');
    const byKeyword = Object.fromEntries(list.map((e) => [e.keyword, e]));
    expect((byKeyword.minLength?.value as string).length).toBe(3);
    expect((byKeyword.maxLength?.value as string).length).toBe(256);
    expect(list.every((e) => e.pointer === '/name')).toBe(true);
  });

  it('QoS Provisioning 0.4.0-rc.1 create: bounds behind a discriminator are reached; a format at an exact length it cannot be drawn at is left out, not searched forever', async () => {
    const v = createValidators(await loadSpec({ version: '1.2.0-rc.3' }));
    const op = 'createQosAssignment';
    const schema = v.spec.operations[op]!.requestBody!.content['application/json']!;
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const body = {
      qosProfile: 'QOS_E',
      sink: 'https://example.com/sink',
      sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'abc', accessTokenExpiresUtc: expires, accessTokenType: 'bearer' },
    };
    expect(v.validateRequestBody(op, body)).toEqual([]);
    const list = edges(schema, body, { validate: (b) => v.validateRequestBody(op, b), seed: 1, schemas: v.spec.schemas });
    const found = list.map((e) => `${e.pointer} ${e.keyword}`);
    expect(found).toContain('/sinkCredential/accessToken maxLength');
    expect((list.find((e) => e.pointer === '/sinkCredential/accessToken')?.value as string).length).toBe(4096);
    // A 64-character date-time and a 2048-character uri are not among the drawn candidates.
    expect(found).not.toContain('/sinkCredential/accessTokenExpiresUtc maxLength');
    expect(found).not.toContain('/sink maxLength');
  });

  it('rule IDs: array indexes become *, the root is /', () => {
    expect(requestBodyRuleId('createSession', '/devicePorts/ports/3', 'maximum')).toBe('schema.createSession.request./devicePorts/ports/*.maximum');
    expect(requestBodyRuleId('createSession', '', 'required')).toBe('schema.createSession.request./.required');
  });
});
