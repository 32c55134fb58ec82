// The x-correlator pattern before r4.1: QoD 1.0.0 and 1.1.0 (and QoS Provisioning 0.2.0, 0.3.0) constrain the
// request header with the XCorrelator pattern as well, and document 400 INVALID_ARGUMENT for an invalid
// argument, so a value breaking it is refused there too (the r4.1 releases run the official
// 400.x_invalid_x-correlator scenarios).
import { officialScenarios, provisioning, r41Scenarios, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { apiLabel } from '../../src/config/apis.js';
import type { ApiRequest } from '../../src/http/client.js';
import { authorisableRequest, errorRules } from '../../src/suite/auth-requests.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { callWithoutEcho, existingSession, expectCorrelatorRefused, INVALID_CORRELATOR, invalidCorrelator, sessionRequest } from '../../src/suite/lifecycle-checks.js';
import { existingAssignment, prov, provisioningOf, provisioningRequest, publishedIn } from '../../src/suite/provisioning.js';
import { validCreateBody } from '../../src/suite/sessions.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';

/** Versions whose XCorrelator has a pattern (1.0.0+, the versions of the official scenarios) but
 *  whose scenarios have no invalid-x-correlator case (r4.1 has them). */
const PATTERN_WITHOUT_SCENARIO: Applies = (v) => officialScenarios(v) && !r41Scenarios(v);
const ERRORS = errorRules('quality-on-demand');
const RULE = 'x-correlator request header: XCorrelator pattern, a value breaking it is an invalid argument (400 INVALID_ARGUMENT)';
const SESSION_OPS = ['createSession', 'getSession', 'extendQosSessionDuration', 'deleteSession', 'retrieveSessionsByDevice'] as const;
const PROFILE_OPS = ['getQosProfile', 'retrieveQoSProfiles'] as const;
const patternRule = (op: string) => `schema.${op}.request.param/x-correlator.pattern`;

/** The value the checks send must really break the version's pattern: else the check is wrong, not the endpoint. */
async function assertBreaksPattern(q: Qod, op: string): Promise<void> {
  const violations = (await q.validators()).validateParameter(op, 'x-correlator', INVALID_CORRELATOR);
  if (violations.length === 0) throw new Error(`test bug: x-correlator ${JSON.stringify(INVALID_CORRELATOR)} is valid for ${op} in ${apiLabel(q.config.api, q.version)}`);
}

const config = runConfig();

if (config.api === 'quality-on-demand') declareQod();
else await declareProvisioning();

function declareQod(): void {
  group('x-correlator pattern (1.0.0, 1.1.0)', () => {
    check(
      {
        id: 'x-correlator-pattern.sessions',
        title: 'the QoD operations refuse a value breaking it (400 INVALID_ARGUMENT, not echoed)',
        area: 'headers',
        operation: 'createSession',
        cites: RULE,
        rules: [...ERRORS, ...SESSION_OPS.map(patternRule)],
        appliesTo: PATTERN_WITHOUT_SCENARIO,
      },
      async (q: Qod) => {
        for (const op of SESSION_OPS) await assertBreaksPattern(q, op);
        const device = await q.device();
        // createSession first: refused, it leaves the device free for the session the others need.
        const created = await callWithoutEcho(q, { method: 'POST', path: '/sessions', operationId: 'createSession', body: await validCreateBody(q, device), xCorrelator: INVALID_CORRELATOR });
        const accidental = created.status === 201 ? (created.json as Record<string, unknown> | undefined)?.[q.rules.sessionIdField] : undefined;
        if (typeof accidental === 'string') q.track(accidental);
        expectCorrelatorRefused(q, created, 'createSession');
        const retrieve: ApiRequest = { method: 'POST', path: '/retrieve-sessions', operationId: 'retrieveSessionsByDevice', body: { device } };
        await invalidCorrelator(q, retrieve, 'retrieveSessionsByDevice');
        // One session for the operations on a session; deleteSession last (accepted, it would end it).
        const { id } = await existingSession(q);
        for (const op of ['getSession', 'extendQosSessionDuration', 'deleteSession'] as const) await invalidCorrelator(q, sessionRequest(op, id), op);
      },
    );

    check(
      {
        id: 'x-correlator-pattern.profiles',
        title: 'the QoS Profiles operations refuse a value breaking it (400 INVALID_ARGUMENT, not echoed)',
        area: 'headers',
        operation: 'getQosProfile',
        cites: RULE,
        rules: [...ERRORS, ...PROFILE_OPS.map(patternRule)],
        appliesTo: PATTERN_WITHOUT_SCENARIO,
      },
      async (q: Qod) => {
        q.needProfilesApi();
        for (const op of PROFILE_OPS) await assertBreaksPattern(q, op);
        const name = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
        await invalidCorrelator(q, { api: 'profiles', method: 'GET', path: `/qos-profiles/${encodeURIComponent(name)}`, operationId: 'getQosProfile' }, 'getQosProfile');
        await invalidCorrelator(q, { api: 'profiles', method: 'POST', path: '/retrieve-qos-profiles', operationId: 'retrieveQoSProfiles', body: {} }, 'retrieveQoSProfiles');
      },
    );
  });
}

/**
 * QoS Provisioning: its four operations, where its spec gives XCorrelator a pattern and its release
 * has no 400.10 scenario (0.2.0 and 0.3.0; 0.4.0-rc.1 has the scenarios).
 */
async function declareProvisioning(): Promise<void> {
  const p = provisioningOf(config.apiVersion);
  if (!p) return;
  const ops = [p.operations.create, p.operations.getByDevice, p.operations.getById, p.operations.revoke];
  const spec = await validatorsFor(config);
  const hasPattern = ops.every((op) => spec.validateParameter(op, 'x-correlator', INVALID_CORRELATOR).length > 0);
  group('x-correlator pattern (releases without the 400.10 scenario)', () => {
    check(
      {
        id: 'x-correlator-pattern.provisioning',
        title: 'the QoS Provisioning operations refuse a value breaking it (400 INVALID_ARGUMENT, not echoed)',
        area: 'headers',
        operation: p.operations.create,
        cites: RULE,
        rules: hasPattern ? [...errorRules(config.api), ...ops.map(patternRule)] : [],
        appliesTo: (v) => hasPattern && provisioning((rules) => !publishedIn(rules, 'r4.1'))(v),
      },
      async (q: Qod) => {
        for (const op of ops) await assertBreaksPattern(q, op);
        const rules = prov(q);
        const valid = async (operationId: string): Promise<ApiRequest> => authorisableRequest(q, (await q.validators()).spec.operations[operationId]!);
        // create first: refused, it creates nothing (a wrongly accepted one is tracked and revoked by the harness).
        await invalidCorrelator(q, await valid(rules.operations.create), rules.operations.create);
        await invalidCorrelator(q, await valid(rules.operations.getByDevice), rules.operations.getByDevice);
        // One assignment for the operations on an id; revoke last (accepted, it would end it).
        const { id } = await existingAssignment(q);
        for (const role of ['getById', 'revoke'] as const) await invalidCorrelator(q, provisioningRequest(rules, role, { id }), rules.operations[role]);
      },
    );
  });
}
