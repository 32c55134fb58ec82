// The inventory rule an answer's spec violation breaks: a missing property breaks the `required` rule
// of its own pointer, which is how the inventory names it (for QoD and QoS Provisioning alike).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import type { SpecValidators } from '../../src/spec/types.js';
import { createValidators } from '../../src/spec/validators.js';
import { inventoryFor } from '../../src/rules/inventory.js';
import { ruleIdOfViolation } from '../../src/rules/violation-rules.js';

const session = { duration: 3600, qosStatus: 'AVAILABLE', qosProfile: 'QOS_E', applicationServer: { ipv4Address: '198.51.100.1' } };

describe('rule of a violation', () => {
  let v: SpecValidators;
  beforeAll(async () => {
    v = createValidators(await loadSpec({ version: '1.1.0' }));
  });

  it('a missing property is the required rule at its own pointer, an inventory rule', () => {
    const ids = v.validateResponse('getSession', { status: 200, contentType: 'application/json', headers: {}, body: session }).map(ruleIdOfViolation);
    expect(ids).toContain('schema.getSession.response.200./sessionId.required');
    const inventory = new Set(inventoryFor('1.1.0')!.rules.map((r) => r.id));
    expect(ids.filter((id) => id.endsWith('.required')).filter((id) => !inventory.has(id))).toEqual([]);
  });

  it('a missing request body stays the rule of the body itself', () => {
    expect(v.validateRequestBody('createSession', undefined).map(ruleIdOfViolation)).toEqual(['schema.createSession.request./.required']);
  });
});
