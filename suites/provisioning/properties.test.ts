// The positive property of QoS Provisioning create, as suites/validation/properties.test.ts for
// createSession: bodies generated from the run's spec with the network's fields pinned (the leased
// device, or from 0.3.0 a mix of its identifiers and a second leased device's; the operator's
// profile; our sink, with or without an ACCESSTOKEN credential) are accepted and read back as sent,
// or refused only with a documented business error. One assignment per device at a time: each
// accepted case is revoked (a 202 waited out) before the next is sent. --runs cases, seeded with
// --seed, shrunk; at most --property-sessions assignments; skipped in --profile safe.
import fc from 'fast-check';
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { fail } from '../../src/checks/failure.js';
import { arbitraryOf, provisioningCreatePlan } from '../../src/suite/generated-requests.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { adviseRefusals, failOnViolations, leaseDeviceMix, sendJudged, withCleanup } from '../../src/suite/property-cases.js';
import { needPropertyRuns, propertyTimeout, runProperty } from '../../src/suite/property-check.js';
import { checkAsCreated, idOf, prov, provisioningOf, provisioningRequest, revokeForReuse, scenarioIdOf, type AssignmentView } from '../../src/suite/provisioning.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

const config = runConfig();
// Each case: the create, and for an accepted one the revoke and its read-back.
const timeout = propertyTimeout(config, 3);

/** Error statuses a valid body may get: the business refusals the spec documents (never 400, 401, 403 or 5xx). */
const BUSINESS = [404, 409, 422];

function declare(p: ProvisioningRules): void {
  const op = p.operations.create;
  group('QoS Provisioning properties: valid bodies generated from the spec', () => {
    check(
      {
        id: `${op}.property.valid-bodies`,
        title: `property: every valid ${op} body (generated from ${p.createSchema}) is accepted and reads back as sent, or refused only with a documented business error`,
        area: 'validation',
        operation: op,
        cites: `${p.createSchema} request schema; ${p.recordSchema} as created (${op}_01)`,
        rules: ['provisioning.create-201-assignment-info'],
        timeout,
        appliesTo: provisioning(() => true),
      },
      async (q: Qod) => {
        needPropertyRuns(q);
        const rules = prov(q);
        const { device, devices } = await leaseDeviceMix(q, rules.echoesSingleIdentifier);
        const plan = await provisioningCreatePlan(q, op, device, 'random', { devices: devices ?? fc.constant(device), sink: 'random' });
        const spec = await q.validators();
        const scenario = scenarioIdOf(rules, 'create', '01_generic_success_scenario');
        const tally = { refusals: new Map<string, number>(), created: { count: 0 } };
        await runProperty(q, {
          name: `valid ${op} bodies are accepted and read back as sent`,
          arbitrary: arbitraryOf(plan),
          requestsPerCase: 3,
          check: async (body) => {
            const { res, violations } = await sendJudged(q, provisioningRequest(rules, 'create', { body }));
            const id = res.status >= 200 && res.status < 300 ? idOf(rules, res.json) : undefined;
            await withCleanup(
              q,
              async () => {
                failOnViolations(q, op, res, violations);
                if (res.status === 201) {
                  tally.created.count++;
                  await checkAsCreated(q, res.json as AssignmentView, body, `${scenario}; ${q.cite(`${p.recordSchema}: as created`)}`, 'unless-requested');
                  return;
                }
                const documented = spec.spec.operations[op]?.responses[String(res.status)] !== undefined;
                if (!BUSINESS.includes(res.status) || !documented) {
                  fail(`a valid ${op} body was refused with HTTP ${res.status}`, {
                    rule: q.cite(`${op} requestBody ${p.createSchema}: a body valid against the schema is not a bad request; only documented business errors (404/409/422) may refuse it`),
                    ruleIds: ['provisioning.create-201-assignment-info'],
                    expected: `HTTP 201, or a documented business error (${BUSINESS.join(', ')})`,
                    actual: `HTTP ${res.status} ${res.text.slice(0, 300)}`,
                  });
                }
                const code = String((res.json as { code?: unknown } | undefined)?.code);
                tally.refusals.set(`${res.status} ${code}`, (tally.refusals.get(`${res.status} ${code}`) ?? 0) + 1);
              },
              // The device must be free again before the next case (one assignment per device).
              id ? () => revokeForReuse(q, id) : undefined,
            );
          },
        });
        await adviseRefusals(q, `${op} property`, tally);
      },
    );
  });
}

const provisioningRules = provisioningOf(config.apiVersion);
if (provisioningRules) declare(provisioningRules);
