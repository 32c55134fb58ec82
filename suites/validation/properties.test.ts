// Positive properties: request bodies generated from the run's spec (src/gen) with the network's
// fields pinned (leased device, operator profile and application server, durations within the
// profile's limits, our sink) are accepted or refused only with documented business errors, and
// what comes back is what was sent. --runs cases per property, seeded with --seed; skipped in
// --profile safe. A failure reports the shrunk counterexample, seed, path and curl.
import fc from 'fast-check';
import { describe } from 'vitest';
import { isObject } from '../../src/spec/json.js';
import { arbitraryOf, createSessionPlan, devicePlan, documentedErrorCodes, durationRange, extendPlan } from '../../src/suite/generated-requests.js';
import { qodTest, runConfig, type Qod } from '../../src/suite/harness.js';
import { checkSessionTimes, untilAvailable } from '../../src/suite/lifecycle-checks.js';
import { adviseRefusals, createCase, failOnViolations, newCreateCaseContext, sendJudged } from '../../src/suite/property-cases.js';
import { needPropertyRuns, propertyTimeout, runProperty } from '../../src/suite/property-check.js';
import { createSession, durationLimits, validCreateBody, type SessionView } from '../../src/suite/sessions.js';

const config = runConfig();
const timeout = propertyTimeout(config, 2);

describe('properties: valid bodies generated from the spec', () => {
  qodTest(
    'property: every valid createSession body (generated from CreateSession) is accepted, echoed and consistent, or refused only with a documented business error',
    {
      area: 'validation',
      operation: 'createSession',
      rule: 'CreateSession request schema; SessionInfo echoes the request (createSession_01); expiresAt = startedAt + duration',
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const device = await q.device();
      const plan = await createSessionPlan(q, { device, mode: 'random', ports: 'random', sink: 'random' });
      const ctx = newCreateCaseContext(await durationRange(q, plan.schema));
      await runProperty(q, { name: 'valid createSession bodies are accepted and echoed', arbitrary: arbitraryOf(plan), check: (body) => createCase(q, body, ctx) });
      await adviseRefusals(q, 'createSession property', ctx);
    },
    { timeout },
  );

  qodTest(
    'property: valid devicePorts / applicationServerPorts (random ports and ranges, edges of the Port range) are accepted and echoed as sent',
    { area: 'ports', operation: 'createSession', rule: 'PortsSpec / Port (minimum..maximum); SessionInfo.devicePorts / applicationServerPorts echo the request (createSession_01)' },
    async (q: Qod) => {
      needPropertyRuns(q);
      const device = await q.device();
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const limits = await durationLimits(q, profile);
      const short = Math.min(Math.max(60, limits.min), limits.max ?? 60);
      const plan = await createSessionPlan(q, { device, mode: 'required', ports: 'always', sink: 'never', duration: { min: short, max: short } });
      const ctx = newCreateCaseContext(await durationRange(q, plan.schema));
      await runProperty(q, { name: 'valid ports are accepted and echoed', arbitrary: arbitraryOf(plan), check: (body) => createCase(q, body, ctx) });
      await adviseRefusals(q, 'ports property', ctx);
    },
    { timeout },
  );

  qodTest(
    'property: every valid extendQosSessionDuration body extends an AVAILABLE session to min(duration + requestedAdditionalDuration, the profile maxDuration)',
    { area: 'duration', operation: 'extendQosSessionDuration', rule: 'extendQosSessionDuration: the overall duration is capped at the profile maxDuration; expiresAt follows' },
    async (q: Qod) => {
      needPropertyRuns(q);
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const limits = await durationLimits(q, profile);
      const device = await q.device();
      const start = Math.min(Math.max(600, limits.min), limits.max ?? 600);
      const created = await createSession(q, validCreateBody(q, device, { duration: start }));
      let current = (await untilAvailable(q, created.id, created.session)).duration ?? start;
      const cap = q.rules.extendCap === 'profile-max-total' ? limits.max : undefined;
      const plan = await extendPlan(q, 'random');
      const rule = q.cite('extendQosSessionDuration: "If the current duration plus the value of requestedAdditionalDuration exceeds the maximum limit, the new overall duration shall be capped to the maximum value allowed"');
      await runProperty(q, {
        name: 'valid extend bodies extend the session up to the cap',
        arbitrary: arbitraryOf(plan),
        check: async (body) => {
          const { res, violations } = await sendJudged(q, { method: 'POST', path: `/sessions/${encodeURIComponent(created.id)}/extend`, operationId: 'extendQosSessionDuration', body });
          failOnViolations(q, 'extendQosSessionDuration', res, violations);
          q.expectStatus(res, 200, `${rule}; a valid body for an AVAILABLE session`);
          const view = res.json as SessionView;
          const before = current;
          current = typeof view.duration === 'number' ? view.duration : current;
          const extra = Number(body.requestedAdditionalDuration);
          if (cap !== undefined) {
            const expected = Math.max(before, Math.min(before + extra, cap));
            q.check(view.duration === expected, 'the extended duration is not min(duration + requestedAdditionalDuration, maxDuration)', {
              rule: `${rule}; QosProfile ${profile} maxDuration ${cap} s`,
              expected: `duration ${expected} (was ${before}, +${extra}, cap ${cap})`,
              actual: `duration ${String(view.duration)}`,
            });
          } else {
            q.check(typeof view.duration === 'number' && view.duration >= before, 'the extension shortened the session', {
              rule,
              expected: `duration at least ${before}`,
              actual: `duration ${String(view.duration)}`,
            });
          }
          await checkSessionTimes(q, view, res, 'extendQosSessionDuration 200');
        },
      });
    },
    { timeout, versions: ['0.10.1', '0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'] },
  );

  qodTest(
    'property: every valid retrieveSessionsByDevice body (the leased device or any schema-valid device) gets 200 or a documented business error',
    { area: 'validation', operation: 'retrieveSessionsByDevice', rule: 'RetrieveSessionsInput request schema; 200 list, 404/422 business errors' },
    async (q: Qod) => {
      needPropertyRuns(q);
      const v = await q.validators();
      const device = await q.device();
      const leased = await devicePlan(q, 'retrieveSessionsByDevice', device, 'random', 'whole');
      const free = await devicePlan(q, 'retrieveSessionsByDevice', undefined, 'all', 'free');
      const business = [404, 422].filter((s) => v.spec.operations['retrieveSessionsByDevice']?.responses[String(s)] !== undefined);
      const rule = q.cite('retrieveSessionsByDevice requestBody RetrieveSessionsInput: a body valid against the schema is not a bad request');
      await runProperty(q, {
        name: 'valid retrieve-sessions bodies are served',
        arbitrary: fc.oneof(arbitraryOf(leased), arbitraryOf(free)),
        requestsPerCase: 1,
        check: async (body) => {
          const { res, violations } = await sendJudged(q, { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body });
          failOnViolations(q, 'retrieveSessionsByDevice', res, violations);
          const ours = isObject(body.device) && JSON.stringify(body.device) === JSON.stringify(device);
          q.expectStatus(res, ours ? [200] : [200, ...business], ours ? `${rule}; the leased device is known (200)` : `${rule}; a schema-valid device: 200, or ${business.join('/')} (${documentedErrorCodes(v, 'retrieveSessionsByDevice', 404)?.join(', ') ?? 'not found'})`);
          if (res.status === 200) {
            q.check(Array.isArray(res.json), 'retrieveSessionsByDevice 200 is not a list', { rule, expected: 'an array of SessionInfo', actual: res.text.slice(0, 200) });
          }
        },
      });
    },
    { timeout, versions: ['0.11.1', '1.0.0', '1.1.0', '1.2.0-rc.3'] },
  );
});
