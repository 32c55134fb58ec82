// The keyword families of an operation's request schema (suites/every-operation/violations.test.ts
// declares one check per family): computed once per compiled spec and operation for the worker's
// life. They depend only on the spec, and every run of a self-test batch evaluates the suite file
// again (src/runner/batch.ts).
import fc from 'fast-check';
import { mutationKeywords, mutations, pin, requestBodyRuleId, schemaArbitrary, subschemaAt, type Pin } from '../gen/index.js';
import type { SpecValidators } from '../spec/types.js';
import { requestSchema, usableCredentialType } from './generated-requests.js';

export interface MutationFamily {
  /** Mutations of the family (one per constrained pointer). */
  count: number;
  /** Inventory rules they break. */
  covers: string[];
}

const cache = new WeakMap<SpecValidators, Map<string, ReadonlyMap<string, MutationFamily>>>();

/** Keyword families of `op`'s request schema, from a generated body with every optional part. */
export function mutationFamilies(v: SpecValidators, op: string): ReadonlyMap<string, MutationFamily> {
  let perOp = cache.get(v);
  if (!perOp) cache.set(v, (perOp = new Map()));
  let families = perOp.get(op);
  if (!families) perOp.set(op, (families = computeFamilies(v, op)));
  return families;
}

function computeFamilies(v: SpecValidators, op: string): ReadonlyMap<string, MutationFamily> {
  const schema = requestSchema(v, op)!;
  // The credential type the checks' bodies carry (generated-requests.ts): the family names only
  // the fields its mutations break, not those of a type the run never sends.
  const constraints: Record<string, Pin> = subschemaAt(schema, '/sinkCredential/credentialType') ? { '/sinkCredential/credentialType': pin.constant(usableCredentialType(schema)) } : {};
  const arb = schemaArbitrary(schema, { schemas: v.spec.schemas, optional: 'all', constraints });
  for (let seed = 1; seed <= 20; seed++) {
    const [body] = fc.sample(arb, { seed, numRuns: 1 });
    if (v.validateRequestBody(op, body).length > 0) continue;
    const list = mutations(schema, body, { validate: (b) => v.validateRequestBody(op, b), seed, schemas: v.spec.schemas });
    return new Map(
      mutationKeywords(list).map((k) => {
        const family = list.filter((m) => m.keyword === k);
        return [k, { count: family.length, covers: [...new Set(family.map((m) => requestBodyRuleId(op, m.pointer, k)))].sort() }];
      }),
    );
  }
  throw new Error(`generator bug: no valid ${op} body for QoD ${v.spec.version}`);
}
