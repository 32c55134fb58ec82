// Generated request bodies are valid per the spec validator, for every version and operation.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_VERSIONS, type ApiVersion } from '../../src/config/types.js';
import { pin, schemaArbitrary, type OptionalMode } from '../../src/gen/index.js';
import { loadSpec } from '../../src/spec/load.js';
import type { JsonSchema, SpecValidators } from '../../src/spec/types.js';
import { createValidators, describeViolation } from '../../src/spec/validators.js';

const validators = new Map<ApiVersion, SpecValidators>();

beforeAll(async () => {
  for (const version of API_VERSIONS) validators.set(version, createValidators(await loadSpec({ version })));
});

function requestSchema(v: SpecValidators, opId: string): JsonSchema | undefined {
  const content = v.spec.operations[opId]?.requestBody?.content ?? {};
  return content['application/json'];
}

describe('schemaArbitrary: every generated body is valid', () => {
  for (const version of API_VERSIONS) {
    for (const mode of ['random', 'all', 'required'] as OptionalMode[]) {
      it(`${version} (${mode})`, () => {
        const v = validators.get(version)!;
        let checked = 0;
        for (const [opId, op] of Object.entries(v.spec.operations)) {
          const schema = requestSchema(v, opId);
          if (!schema || !op.requestBody) continue;
          const bodies = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas, optional: mode }), { seed: 42, numRuns: 60 });
          for (const body of bodies) {
            const violations = v.validateRequestBody(opId, body);
            expect(violations.map(describeViolation), `${opId} ${JSON.stringify(body)}`).toEqual([]);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(0);
      });
    }
  }
});

describe('schemaArbitrary: options', () => {
  it('pins values and presence by pointer', () => {
    const v = validators.get('1.1.0')!;
    const schema = requestSchema(v, 'createSession')!;
    const arb = schemaArbitrary(schema, {
      schemas: v.spec.schemas,
      constraints: {
        '/device': pin.constant({ phoneNumber: '+34600000001' }),
        '/qosProfile': pin.constant('QOS_E'),
        '/duration': pin.value(fc.integer({ min: 1, max: 10 })),
        '/sink': pin.absent(),
        '/sinkCredential/credentialType': pin.constant('ACCESSTOKEN'),
      },
    });
    for (const body of fc.sample(arb, { seed: 7, numRuns: 100 }) as Array<Record<string, unknown>>) {
      expect(body.device).toEqual({ phoneNumber: '+34600000001' });
      expect(body.qosProfile).toBe('QOS_E');
      expect(body.duration).toBeGreaterThanOrEqual(1);
      expect(body.duration).toBeLessThanOrEqual(10);
      expect(body).not.toHaveProperty('sink');
      if (body.sinkCredential) expect((body.sinkCredential as { credentialType: string }).credentialType).toBe('ACCESSTOKEN');
      expect(v.validateRequestBody('createSession', body)).toEqual([]);
    }
  });

  it('resolves the discriminator mapping (ACCESSTOKEN brings its required fields)', () => {
    const v = validators.get('1.1.0')!;
    const arb = schemaArbitrary(v.spec.schemas.SinkCredential!, { schemas: v.spec.schemas, constraints: { '/credentialType': pin.constant('ACCESSTOKEN') } });
    for (const cred of fc.sample(arb, { seed: 3, numRuns: 20 }) as Array<Record<string, unknown>>) {
      expect(Object.keys(cred).sort()).toEqual(expect.arrayContaining(['accessToken', 'accessTokenExpiresUtc', 'accessTokenType', 'credentialType']));
    }
  });

  it("'all' includes every optional property, 'required' only what is needed", () => {
    const v = validators.get('1.1.0')!;
    const schema = requestSchema(v, 'createSession')!;
    const [all] = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all' }), { seed: 1, numRuns: 1 }) as Array<Record<string, unknown>>;
    expect(Object.keys(all!).sort()).toEqual(['applicationServer', 'applicationServerPorts', 'device', 'devicePorts', 'duration', 'qosProfile', 'sink', 'sinkCredential']);
    const [few] = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'required' }), { seed: 1, numRuns: 1 }) as Array<Record<string, unknown>>;
    expect(Object.keys(few!).sort()).toEqual(['applicationServer', 'duration', 'qosProfile']);
  });

  it('is reproducible from the seed', () => {
    const v = validators.get('1.2.0-rc.3')!;
    const schema = requestSchema(v, 'createSession')!;
    const a = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas }), { seed: 99, numRuns: 5 });
    const b = fc.sample(schemaArbitrary(schema, { schemas: v.spec.schemas }), { seed: 99, numRuns: 5 });
    expect(a).toEqual(b);
  });
});
