// QoS Provisioning create (createQosAssignment; triggerProvisioning in 0.2.0): the official scenarios
// of its feature file for the run's release (the event scenarios 02* are in notifications.test.ts,
// the device scenarios C01.* in src/suite/provisioning-devices.ts), plus rules no scenario covers.
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { ApiRequest } from '../../src/http/client.js';
import { accessTokenCredential, CREDENTIAL_REFUSAL_CODES, randomToken } from '../../src/suite/callbacks.js';
import { identifierKinds, refusedRequestSink } from '../../src/suite/create-cases.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import {
  assertRequestBody,
  assignmentBody,
  checkAsCreated,
  checkDeviceEcho,
  createAssignment,
  expectUnknownProfileRefused,
  noteProvisioningConflict,
  prov,
  provisioningOf,
  provisioningRequest,
  publishedIn,
  refusedCreate,
  seeDeviceFree,
  scenarioIdOf,
  sendCreate,
  type Published,
} from '../../src/suite/provisioning.js';
import { deviceScenarios, ERRORS } from '../../src/suite/provisioning-devices.js';
import { requestScenarios } from '../../src/suite/provisioning-common.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

function declare(p: ProvisioningRules): void {
  const op = p.operations.create;
  const request = `schema.${op}.request.`;
  const id = (tail: string, published: Published = 'all') => scenarioIdOf(p, 'create', tail, published);
  const scenario = (tail: string, title: string, cites: string, area: CheckSpec['area'], rules: string[], published: Published = 'all'): CheckSpec => ({
    ...scenarioCheck(op, area, id(tail, published), title, cites, rules),
    appliesTo: provisioning((v) => publishedIn(v, published)),
  });
  /** A check of a rule no official scenario covers. */
  const ruleCheck = (name: string, title: string, area: CheckSpec['area'], cites: string, rules: string[], holds: (v: ProvisioningRules) => boolean): CheckSpec => ({
    id: `${op}.${name}`,
    title,
    operation: op,
    area,
    cites,
    rules,
    appliesTo: provisioning(holds),
  });
  /** A create request for a device of the check's own (the auth and header scenarios send a valid body). */
  const ownCreate = async (q: Qod): Promise<ApiRequest> => provisioningRequest(prov(q), 'create', { body: assignmentBody(q, await q.device()) });

  group(op, () => {
    check(
      scenario('01_generic_success_scenario', 'a supported device and a usable profile: 201 and the record as created', `${op} 201 ${p.recordSchema}`, 'lifecycle', [
        'provisioning.create-201-assignment-info',
        'provisioning.x-correlator-echo',
        'provisioning.content-type-json',
        'provisioning.operation-served',
        'provisioning.started-at-when-available',
        'provisioning.status-info-reason',
      ]),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device());
        await assertRequestBody(q, 'create', body, true, '');
        const { view } = await createAssignment(q, body, id('01_generic_success_scenario'));
        await checkAsCreated(q, view, body, id('01_generic_success_scenario'), 'when-available');
      },
    );

    check(
      scenario('03_3_legged_missing_device', 'a 3-legged token and no device: 201, no device in the answer', `${op} 201; ${p.recordSchema}.device not returned for a 3-legged token`, 'devices', [
        'provisioning.no-device-for-three-legged',
        'provisioning.create-201-assignment-info',
      ]),
      async (q: Qod) => {
        const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
        const body = assignmentBody(q, undefined);
        const { view } = await createAssignment(q, body, id('03_3_legged_missing_device'), { token, cleanupToken: token });
        checkDeviceEcho(q, view, undefined, id('03_3_legged_missing_device'));
      },
    );

    deviceScenarios(p, 'create');

    check(
      ruleCheck(
        'one-identifier-echoed',
        'several identifiers of one device: 201 and at most the one identifier used comes back',
        'devices',
        'DeviceResponse maxProperties 1',
        ['provisioning.one-identifier-echoed', `schema.${op}.response.201./device.maxProperties`],
        (v) => v.echoesSingleIdentifier,
      ),
      async (q: Qod) => {
        const device = await q.deviceWhere((d) => identifierKinds(d).length >= 2);
        if (!device) q.ctx.skip('needs operator data: devices.pool with a device given by two identifier types');
        const body = assignmentBody(q, device);
        const { view } = await createAssignment(q, body, q.cite(`${op} 201`));
        checkDeviceEcho(q, view, device, q.cite('DeviceResponse: the provider returns exactly the identifier it used'));
      },
    );

    check(
      scenario('400.1_schema_not_compliant', 'a body breaking the request schema: 400 INVALID_ARGUMENT', `${p.createSchema} schema`, 'validation', [...ERRORS, `${request}/qosProfile.pattern`]),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { qosProfile: 'not a profile name!' });
        await assertRequestBody(q, 'create', body, false, 'qosProfile pattern');
        await refusedCreate(q, body, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${id('400.1_schema_not_compliant')}; ${q.cite('QosProfileName pattern')}` });
      },
    );

    check(scenario('400.2_no_request_body', 'no body: 400 INVALID_ARGUMENT', `${op} requestBody required`, 'validation', [...ERRORS, `${request}/.required`]), async (q: Qod) => {
      await refusedCreate(
        q,
        undefined,
        { status: 400, codes: ['INVALID_ARGUMENT'], reason: 'missing-body', rule: `${id('400.2_no_request_body')}; ${q.cite(`${op} requestBody required: true`)}` },
        { contentType: 'application/json' },
      );
    });

    check(
      scenario('400.3_empty_request_body', 'body {}: 400 INVALID_ARGUMENT (qosProfile is required)', `${p.createSchema} required qosProfile`, 'validation', [
        ...ERRORS,
        `${request}/qosProfile.required`,
      ]),
      async (q: Qod) => {
        await assertRequestBody(q, 'create', {}, false, 'required qosProfile');
        await refusedCreate(q, {}, { status: 400, codes: ['INVALID_ARGUMENT'], rule: `${id('400.3_empty_request_body')}; ${q.cite(`${p.createSchema} required qosProfile`)}` });
      },
    );

    // Complete credentials of the two types that "MUST not be used" (C8: the scenario changes only
    // credentialType, which a discriminator-aware validator refuses as a schema error first).
    const UNUSABLE: Array<{ type: string; credential: () => Record<string, unknown> }> = [
      { type: 'PLAIN', credential: () => ({ credentialType: 'PLAIN', identifier: 'qod-conformance', secret: randomToken() }) },
      {
        type: 'REFRESHTOKEN',
        credential: () => ({ ...accessTokenCredential(), credentialType: 'REFRESHTOKEN', refreshToken: randomToken(), refreshTokenEndpoint: 'https://example.com/qod-conformance/token' }),
      },
    ];
    for (const row of UNUSABLE) {
      const base = scenario('400.7_invalid_sink_credential', `sinkCredential of type ${row.type}: 400 (INVALID_CREDENTIAL or INVALID_ARGUMENT)`, 'SinkCredential: only ACCESSTOKEN', 'notifications', [
        ...ERRORS,
        // 0.4.0-rc.1 has no such type in the enum any more: the schema's enum is the rule.
        p.unusableCredential ? 'provisioning.credential-accesstoken-only' : `${request}/sinkCredential/credentialType.enum`,
      ]);
      check({ ...base, id: `${base.id}:${row.type}` }, async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { sink: refusedRequestSink(q), sinkCredential: row.credential() });
        const res = await refusedCreate(q, body, {
          status: 400,
          codes: CREDENTIAL_REFUSAL_CODES,
          rule: `${base.scenarioId} [${row.type}]; ${q.cite(`sinkCredential.credentialType: ${prov(q).usableCredentialTypes.join(' or ')} only`)}`,
        });
        const code = (res.json as { code?: unknown }).code;
        const scenarioCode = prov(q).unusableCredential?.code ?? 'INVALID_ARGUMENT';
        if (code !== scenarioCode) {
          await noteProvisioningConflict(
            q,
            8,
            `${row.type} was refused with 400 ${String(code)}: accepted (the scenario expects ${scenarioCode}; the spec's create 400 codes hold both, and the type is ${prov(q).credentialTypesInEnum.includes(row.type) ? 'in the enum but must not be used' : 'outside the enum'}).`,
          );
        }
      });
    }

    check(
      scenario(
        '400.8_sink_credential_invalid_token',
        'accessTokenType other than bearer: 400 INVALID_TOKEN or INVALID_ARGUMENT',
        'AccessTokenCredential accessTokenType enum [bearer]',
        'notifications',
        [...ERRORS, `${request}/sinkCredential/accessTokenType.enum`, 'provisioning.credential-token-type'],
      ),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { sink: refusedRequestSink(q), sinkCredential: { ...accessTokenCredential(), accessTokenType: 'mac' } });
        await refusedCreate(q, body, { status: 400, codes: ['INVALID_TOKEN', 'INVALID_ARGUMENT'], rule: `${id('400.8_sink_credential_invalid_token')}; ${q.cite('accessTokenType enum [bearer]')}` });
      },
    );

    check(
      scenario('400.9_non_existent_qos_profile', 'a profile name no profile has: 400 INVALID_ARGUMENT (404 NOT_FOUND accepted)', 'qosProfile: a profile of the operator', 'profiles', [
        ...ERRORS,
        'provisioning.unknown-profile',
      ]),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { qosProfile: 'QOD_CONFORMANCE_NO_SUCH_PROFILE' });
        await assertRequestBody(q, 'create', body, true, '');
        const rule = `${id('400.9_non_existent_qos_profile')}; ${q.cite('qosProfile names a QoS profile (no dedicated code)')}`;
        await expectUnknownProfileRefused(q, body, rule);
      },
    );

    requestScenarios(p, 'create', ownCreate);

    check(
      scenario('409.1_provisioning_conflict', 'a device that already has an assignment: 409 CONFLICT', `${op} 409 CONFLICT`, 'lifecycle', [...ERRORS, 'provisioning.one-per-device-409']),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device());
        await createAssignment(q, body, q.cite(`${op} 201`));
        await refusedCreate(q, body, {
          status: 409,
          codes: [p.conflictCode],
          rule: `${id('409.1_provisioning_conflict')}; ${q.cite(`${op} 409 CONFLICT: another QoS assignment exists for the same device`)}`,
        });
        await noteProvisioningConflict(q, 11, 'the scenario asserts only the body status 409; the HTTP status is judged too (the spec documents 409 for this answer).');
      },
    );

    check(
      {
        ...scenario(
          '422.1_qos_profile_not_applicable',
          'an existing profile that cannot be assigned: 422 QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE',
          `${op} 422 QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE`,
          'profiles',
          [...ERRORS, 'provisioning.profile-not-applicable-422', 'provisioning.refused-changes-nothing'],
          'r3.2+',
        ),
      },
      async (q: Qod) => {
        const profile = q.need('qosProfiles.notApplicable (a profile that exists but cannot be used)', q.operator.qosProfiles.notApplicable);
        const device = await q.device();
        const { status, codes } = prov(q).profileNotApplicable;
        const leftNothing = q.cite(`${op}: a refused create creates nothing (201 for the same device afterwards, no 409 CONFLICT)`);
        await seeDeviceFree(q, device, {
          what: 'the refused create left the device blocked (it had no assignment before: get by device answered 404)',
          rule: leftNothing,
          ruleIds: ['provisioning.refused-changes-nothing'],
          expected: 'a new QoS assignment for the device (201): the refused create must have changed nothing',
        });
        await refusedCreate(q, assignmentBody(q, device, { qosProfile: profile }), {
          status,
          codes,
          rule: `${id('422.1_qos_profile_not_applicable', 'r3.2+')}; ${q.cite(`${op} 422 ${codes.join(' / ')}`)}`,
        });
        // The refused request left nothing behind: the device takes an assignment of a usable profile.
        await createAssignment(q, assignmentBody(q, device), leftNothing);
      },
    );

    check(
      {
        ...scenario(
          '422.2_private_key_jwt_not_configured',
          'PRIVATE_KEY_JWT without a key-set agreement: 422 PRIVATE_KEY_JWT_NOT_CONFIGURED',
          `${op} 422 PRIVATE_KEY_JWT_NOT_CONFIGURED`,
          'notifications',
          [...ERRORS, 'provisioning.private-key-jwt-not-configured'],
          'r4.1',
        ),
      },
      async (q: Qod) => {
        // The scenario presumes a client without a key-set agreement; the operator says otherwise with privateKeyJwt: true.
        if (q.operator.privateKeyJwt) q.ctx.skip('not applicable: operator data privateKeyJwt says this API client has a PRIVATE_KEY_JWT key set agreed (the scenario needs one without)');
        const body = assignmentBody(q, await q.device(), { sink: refusedRequestSink(q), sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' } });
        const res = await sendCreate(q, body, {
          expect: { status: 422, rule: `${id('422.2_private_key_jwt_not_configured', 'r4.1')} (this API client has no key set agreed: set operator data privateKeyJwt: true if it has)` },
        });
        q.expectError(res, {
          status: 422,
          codes: ['PRIVATE_KEY_JWT_NOT_CONFIGURED'],
          rule: `${id('422.2_private_key_jwt_not_configured', 'r4.1')}; ${q.cite(`${op} 422 PRIVATE_KEY_JWT_NOT_CONFIGURED`)}`,
        });
      },
    );

    // Rules no official scenario covers.
    check(
      ruleCheck(
        'unknown-property-400',
        'a body property the spec does not declare: 400 INVALID_ARGUMENT',
        'validation',
        'request body strictness (info.description)',
        [...ERRORS, 'provisioning.unknown-properties-400'],
        (v) => v.strictUnknownProperties,
      ),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { qodConformanceUnknown: true });
        await refusedCreate(q, body, {
          status: 400,
          codes: ['INVALID_ARGUMENT'],
          rule: q.cite('info.description: a request body with a property the spec does not declare is rejected (400 INVALID_ARGUMENT)'),
        });
      },
    );

    check(
      ruleCheck(
        'sink-https-only',
        'an http (not https) sink: 400 INVALID_ARGUMENT or INVALID_SINK',
        'notifications',
        'sink pattern ^https://',
        [...ERRORS, `${request}/sink.pattern`, 'provisioning.sink-https'],
        (v) => v.sinkMustBeHttps,
      ),
      async (q: Qod) => {
        const body = assignmentBody(q, await q.device(), { sink: 'http://example.com/qod-conformance/sink' });
        await assertRequestBody(q, 'create', body, false, 'sink pattern');
        await refusedCreate(q, body, {
          status: 400,
          codes: ['INVALID_ARGUMENT', 'INVALID_SINK'],
          rule: q.cite('sink pattern ^https:\\/\\/.+$ (400 INVALID_ARGUMENT, or INVALID_SINK: not valid for the protocol)'),
        });
      },
    );
  });
}

// Declared last: the constants above are initialised by then.
const provisioningRules = provisioningOf(runConfig().apiVersion);
if (provisioningRules) declare(provisioningRules);
