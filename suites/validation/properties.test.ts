// qod-chains: each property sends its --runs cases, several at a time only where they are independent
// Positive properties: request bodies generated from the run's spec (src/gen) with the network's
// fields pinned (leased device, operator profile and application server, durations within the
// profile's limits, our sink) are accepted or refused only with documented business errors, and
// what comes back is what was sent. --runs cases per property, seeded with --seed; skipped in
// --profile safe. A failure reports the shrunk counterexample, seed, path and curl.
import fc from 'fast-check';
import { hasExtend, hasRetrieveSessions, profileCapOnTotal } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { pin, subschemaAt } from '../../src/gen/index.js';
import { isObject } from '../../src/spec/json.js';
import { arbitraryOf, createSessionPlan, devicePlan, documentedErrorCodes, durationRange, extendPlan } from '../../src/suite/generated-requests.js';
import { judgeOutsideProfile } from '../../src/suite/duration-outside-profile.js';
import { setupSession } from '../../src/suite/precondition.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { untilAvailable } from '../../src/suite/lifecycle-checks.js';
import { checkSessionTimes } from '../../src/suite/session-times.js';
import { adviseRefusals, createCase, createRequest, deleteCreated, failOnViolations, leaseDeviceMix, newCreateCaseContext, sendJudged, withCleanup } from '../../src/suite/property-cases.js';
import { needPropertyRuns, propertyTimeout, runProperty } from '../../src/suite/property-check.js';
import { durationLimits, skipNoDurationOutside, getSession, sessionIdOf, testDuration, validCreateBody, type SessionView } from '../../src/suite/sessions.js';
import { translateErrorExpectation } from '../../src/versions/rules.js';

const config = runConfig();
const timeout = propertyTimeout(config, 2);

group('properties: valid bodies generated from the spec', () => {
  check(
    {
      id: 'createSession.property.valid-bodies',
      title: 'property: every valid createSession body (generated from CreateSession) is accepted, echoed and consistent, or refused only with a documented business error',
      area: 'validation',
      operation: 'createSession',
      cites: 'CreateSession request schema; SessionInfo echoes the request (createSession_01); expiresAt = startedAt + duration',
      rules: ['lifecycle.create-201-session-info'],
      timeout,
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const { device, devices } = await leaseDeviceMix(q, q.rules.echoesSingleIdentifier);
      const plan = await createSessionPlan(q, { device, mode: 'random', ports: 'random', sink: 'random', devices });
      const ctx = newCreateCaseContext(await durationRange(q, plan.schema));
      await runProperty(q, { name: 'valid createSession bodies are accepted and echoed', arbitrary: arbitraryOf(plan), check: (body) => createCase(q, body, ctx) });
      await adviseRefusals(q, 'createSession property', ctx);
    },
  );

  check(
    {
      id: 'createSession.property.valid-ports',
      title: 'property: valid devicePorts / applicationServerPorts (random ports and ranges, edges of the Port range) are accepted and echoed as sent',
      area: 'ports',
      operation: 'createSession',
      cites: 'PortsSpec / Port (minimum..maximum); SessionInfo.devicePorts / applicationServerPorts echo the request (createSession_01)',
      rules: [],
      timeout,
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const device = await q.device();
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const short = await testDuration(q, profile);
      const plan = await createSessionPlan(q, { device, mode: 'required', ports: 'always', sink: 'never', duration: { min: short, max: short } });
      const ctx = newCreateCaseContext(await durationRange(q, plan.schema));
      await runProperty(q, { name: 'valid ports are accepted and echoed', arbitrary: arbitraryOf(plan), check: (body) => createCase(q, body, ctx) });
      await adviseRefusals(q, 'ports property', ctx);
    },
  );

  check(
    {
      id: 'createSession.property.duration-outside-profile',
      title: "property: every duration outside the QoS profile's limits (but allowed by the schema) is refused with 400 and a duration/range code, or granted within the limits",
      area: 'duration',
      operation: 'createSession',
      cites: 'QosProfile minDuration/maxDuration; createSession responses.400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      rules: ['lifecycle.duration-within-profile', 'lifecycle.other-duration-granted'],
      timeout,
      // The profile's limits bound the session's duration from 0.11.1 (before: the API's 86400).
      appliesTo: profileCapOnTotal,
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const device = await q.device();
      const base = await createSessionPlan(q, { device, mode: 'required', ports: 'never', sink: 'never' });
      const range = await durationRange(q, base.schema);
      q.need(`the duration limits of QoS profile ${q.operator.qosProfiles.valid ?? ''} (readable through getQosProfile, or qosProfiles.agreed)`, range.known ? range : undefined);
      const field = subschemaAt(base.schema, '/duration');
      const schemaMax = Math.min(typeof field?.maximum === 'number' ? field.maximum : 2 ** 31 - 1, 2 ** 31 - 1);
      const outside: Array<fc.Arbitrary<number>> = [];
      if (range.max < schemaMax) outside.push(fc.integer({ min: range.max + 1, max: schemaMax }));
      if (range.min > 1) outside.push(fc.integer({ min: 1, max: range.min - 1 }));
      if (outside.length === 0) skipNoDurationOutside(q, q.need('qosProfiles.valid', q.operator.qosProfiles.valid), `${range.min}..${range.max} s; ${range.source}`);
      const plan = { ...base, gen: { ...base.gen, constraints: { ...base.gen.constraints, '/duration': pin.value(fc.oneof(...outside)) } } };
      const limits = { min: range.min, max: range.max, source: range.source };
      await runProperty(q, {
        name: "durations outside the profile's limits are refused or granted within them",
        arbitrary: arbitraryOf(plan),
        requestsPerCase: 1,
        // Refusals create nothing; a granted case makes the rest go one at a time (runProperty).
        independent: () => true,
        check: async (body) => {
          const { res, violations } = await sendJudged(q, createRequest(body));
          const id = res.status >= 200 && res.status < 300 ? sessionIdOf(q, res.json) : undefined;
          await withCleanup(
            q,
            async () => {
              failOnViolations(q, 'createSession', res, violations);
              await judgeOutsideProfile(q, res, Number(body.duration), limits, q.cite('QosProfile minDuration/maxDuration'));
            },
            id ? () => deleteCreated(q, id) : undefined,
          );
        },
      });
    },
  );

  check(
    {
      id: 'extendQosSessionDuration.property.valid-extensions',
      title: 'property: every valid extendQosSessionDuration body extends an AVAILABLE session to min(duration + requestedAdditionalDuration, the profile maxDuration)',
      area: 'duration',
      operation: 'extendQosSessionDuration',
      cites: 'extendQosSessionDuration: the overall duration is capped at the profile maxDuration; expiresAt follows',
      rules: ['lifecycle.extend-capped-at-max-duration'],
      timeout,
      appliesTo: hasExtend,
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const limits = await durationLimits(q, profile);
      const device = await q.device();
      const start = Math.min(Math.max(600, limits.min), limits.max ?? 600);
      const created = await setupSession(q, await validCreateBody(q, device, { duration: start }));
      let current = (await untilAvailable(q, created.id, created.session)).duration ?? start;
      const cap = q.rules.extendCap === 'profile-max-total' ? limits.max : undefined;
      const plan = await extendPlan(q, 'random');
      const rule = q.cite(
        'extendQosSessionDuration: "If the current duration plus the value of requestedAdditionalDuration exceeds the maximum limit, the new overall duration shall be capped to the maximum value allowed"',
      );
      let expired = false;
      await runProperty(q, {
        name: 'valid extend bodies extend the session up to the cap',
        arbitrary: arbitraryOf(plan),
        // Each case's expectation follows from the duration the previous one left, until the session
        // is at the cap: from then on every extension must leave it there, whatever the order.
        independent: () => cap !== undefined && current >= cap && !expired,
        check: async (body) => {
          if (expired) return;
          const { res, violations } = await sendJudged(q, { method: 'POST', path: `/sessions/${encodeURIComponent(created.id)}/extend`, operationId: 'extendQosSessionDuration', body });
          failOnViolations(q, 'extendQosSessionDuration', res, violations);
          if (res.status === q.rules.extendNotAvailableStatus && res.status !== 200) {
            // A short profile maxDuration on a slow run: the session may simply have ended.
            const now = (await getSession(q, created.id)).json as SessionView | undefined;
            if (now?.qosStatus === 'UNAVAILABLE' && now.statusInfo === 'DURATION_EXPIRED') {
              expired = true;
              await q.ctx.annotate('the session expired during the property run; later cases were not sent', 'qod:info');
              return;
            }
          }
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
  );

  check(
    {
      id: 'retrieveSessionsByDevice.property.valid-bodies',
      title: 'property: every valid retrieveSessionsByDevice body (the leased device or any schema-valid device) gets 200 or a documented business error',
      area: 'validation',
      operation: 'retrieveSessionsByDevice',
      cites: 'RetrieveSessionsInput request schema; 200 list, 404/422 business errors',
      rules: [],
      timeout,
      appliesTo: hasRetrieveSessions,
    },
    async (q: Qod) => {
      needPropertyRuns(q);
      const v = await q.validators();
      const device = await q.device();
      const leased = await devicePlan(q, 'retrieveSessionsByDevice', device, 'random', 'whole');
      // Free devices, sometimes none at all: a 2-legged token without device is 422 MISSING_IDENTIFIER.
      const free = await devicePlan(q, 'retrieveSessionsByDevice', undefined, 'random', 'free');
      const missing = translateErrorExpectation(q.version, { status: 422, codes: ['MISSING_IDENTIFIER'] });
      const business = [404, 422].filter((s) => v.spec.operations['retrieveSessionsByDevice']?.responses[String(s)] !== undefined);
      const rule = q.cite('retrieveSessionsByDevice requestBody RetrieveSessionsInput: a body valid against the schema is not a bad request');
      await runProperty(q, {
        name: 'valid retrieve-sessions bodies are served',
        arbitrary: fc.oneof(arbitraryOf(leased), arbitraryOf(free)),
        requestsPerCase: 1,
        // Reads: no case changes what another sees.
        independent: () => true,
        check: async (body) => {
          const { res, violations } = await sendJudged(q, { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body });
          failOnViolations(q, 'retrieveSessionsByDevice', res, violations);
          if (body.device === undefined) {
            q.expectError(res, {
              status: missing.status,
              codes: missing.codes,
              rule: `@quality_on_demand_retrieveSessionsByDevice_C01.05_missing_device; ${q.cite('a 2-legged access token does not identify a device: the device must be in the body')}`,
            });
            return;
          }
          const ours = isObject(body.device) && JSON.stringify(body.device) === JSON.stringify(device);
          q.expectStatus(
            res,
            ours ? [200] : [200, ...business],
            ours
              ? `${rule}; the leased device is known (200)`
              : `${rule}; a schema-valid device: 200, or ${business.join('/')} (${documentedErrorCodes(v, 'retrieveSessionsByDevice', 404)?.join(', ') ?? 'not found'})`,
          );
          if (res.status === 200) {
            q.check(Array.isArray(res.json), 'retrieveSessionsByDevice 200 is not a list', { rule, expected: 'an array of SessionInfo', actual: res.text.slice(0, 200) });
          }
        },
      });
    },
  );
});
