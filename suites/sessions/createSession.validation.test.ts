// createSession request validation scenarios of quality-on-demand-createSession.feature:
// 400.1 … 400.9 (r3.2 / r4.1) and 400.10 … 400.16 (r4.1), plus the rules no scenario covers:
// a non-https sink is refused (1.1.0+), and port 0 is a valid port up to 1.1.0.
import { randomBytes } from 'node:crypto';
import { both, officialScenarios, r41Scenarios, type Applies } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import { scenarioCheck, type CheckSpec } from '../../src/checks/spec.js';
import type { DeviceId } from '../../src/config/types.js';
import type { Qod } from '../../src/suite/harness.js';
import { durationLimits, skipNoDurationOutside, type Json, type SessionView } from '../../src/suite/sessions.js';
import { CS, assertBreaksSpec, assertValidBody, checkEchoed, createBody, createOk, expectRefused, noteConflict, refusedRequestSink, ruleOf, sendCreate } from '../../src/suite/create-cases.js';
import { accessTokenCredential, CREDENTIAL_REFUSAL_CODES, noteCredentialCodes } from '../../src/suite/callbacks.js';
import { judgeOutsideProfile } from '../../src/suite/duration-outside-profile.js';
import { deleteCreated } from '../../src/suite/property-cases.js';

const INVALID = ['INVALID_ARGUMENT'];
const PORT_MAX = 65535;
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];
/** Request-body rule IDs of the inventory (specs/rules): `${REQUEST}/duration.minimum`. */
const REQUEST = 'schema.createSession.request.';

/** The r3.2 400.6 scenario: PLAIN / REFRESHTOKEN still in the credentialType enum ("MUST NOT be used"), before r4.1 removed them. */
const credentialTypesInEnum: Applies = (v) => officialScenarios(v) && !r41Scenarios(v);

/** The identity of a check of an official createSession scenario (`part`: the name after `${CS}`). */
const scenario = (part: string, title: string, area: CheckSpec['area'], cites: string, rules: string[]) => scenarioCheck('createSession', area, `${CS}${part}`, title, cites, rules);

/** The ID part of an Examples row of a scenario: `$.devicePorts.ports[*]` → `devicePorts.ports`, `duration 0` → `duration-0`. */
const rowPart = (row: string): string =>
  row
    .replace(/^\$\./, '')
    .replace(/\[\*\]$/, '')
    .replace(/ /g, '-');

/**
 * A 400 INVALID_ARGUMENT scenario: `mutate` turns a valid body (leased device) into the case.
 * `rules`: the inventory rules it judges beyond the error body (ERRORS).
 */
function invalidBodyTest(
  title: string,
  scenarioPart: string,
  row: string | undefined,
  area: 'validation' | 'ports' | 'notifications' | 'duration',
  rules: readonly string[],
  mutate: (q: Qod, body: Json, device: DeviceId) => Json | Promise<Json>,
  options: { codes?: (q: Qod) => Promise<string[]> | string[]; appliesTo?: Applies; breaks?: string } = {},
): void {
  const suffix = row ? ` [${row}]` : '';
  const identity = scenario(scenarioPart, title, area, `createSession 400${row ? ` ${row}` : ''}`, [...ERRORS, ...rules]);
  check({ ...identity, ...(row ? { id: `${identity.id}:${rowPart(row)}` } : {}), appliesTo: options.appliesTo ?? officialScenarios }, async (q) => {
    const device = await q.device();
    const body = await mutate(q, await createBody(q, device), device);
    if (options.breaks !== 'no-schema-check') await assertBreaksSpec(q, body, `${scenarioPart}${suffix}`);
    const codes = options.codes ? await options.codes(q) : INVALID;
    await expectRefused(q, body, { status: 400, codes, rule: ruleOf(q, `${scenarioPart}${suffix}`, `createSession responses.400 ${codes.join(' / ')}`) });
  });
}

group('createSession: request body validation (400)', () => {
  // 400.1: "any body not valid against CreateSession"; four typical ways to break it.
  invalidBodyTest('duration 0 (minimum 1): 400', '400.1_schema_not_compliant', 'duration 0', 'duration', [`${REQUEST}/duration.minimum`], (_q, body) => ({ ...body, duration: 0 }), {
    // A range violation: the spec's OUT_OF_RANGE and the profile-range code describe it as well.
    codes: () => ['INVALID_ARGUMENT', 'OUT_OF_RANGE', 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE'],
  });
  invalidBodyTest('duration as a string: 400 INVALID_ARGUMENT', '400.1_schema_not_compliant', 'duration not an integer', 'validation', [`${REQUEST}/duration.type`], (_q, body) => ({
    ...body,
    duration: '60',
  }));
  invalidBodyTest(
    'applicationServer missing: 400 INVALID_ARGUMENT',
    '400.1_schema_not_compliant',
    'applicationServer missing',
    'validation',
    [`${REQUEST}/applicationServer.required`],
    (_q, { applicationServer: _omit, ...rest }) => rest,
  );
  invalidBodyTest('qosProfile breaking its pattern: 400 INVALID_ARGUMENT', '400.1_schema_not_compliant', 'qosProfile pattern', 'validation', [`${REQUEST}/qosProfile.pattern`], (_q, body) => ({
    ...body,
    qosProfile: 'QOS E!',
  }));

  check(
    {
      ...scenario('400.2_no_request_body', 'no body: 400 INVALID_ARGUMENT', 'validation', 'createSession requestBody required', [...ERRORS, `${REQUEST}/.required`]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      await expectRefused(
        q,
        undefined,
        { status: 400, codes: INVALID, reason: 'missing-body', rule: ruleOf(q, '400.2_no_request_body', 'createSession requestBody required: true') },
        { contentType: 'application/json' },
      );
    },
  );

  check(
    {
      ...scenario('400.3_empty_request_body', 'body {}: 400 INVALID_ARGUMENT', 'validation', 'CreateSession required properties', [
        ...ERRORS,
        `${REQUEST}/applicationServer.required`,
        `${REQUEST}/qosProfile.required`,
        `${REQUEST}/duration.required`,
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      await assertBreaksSpec(q, {}, 'CreateSession required properties');
      await expectRefused(q, {}, { status: 400, codes: INVALID, rule: ruleOf(q, '400.3_empty_request_body', 'CreateSession required: applicationServer, qosProfile, duration') });
    },
  );

  for (const property of ['applicationServer', 'devicePorts', 'applicationServerPorts', 'sinkCredential']) {
    const credential = property === 'sinkCredential';
    // {} breaks minProperties; a sinkCredential has no minProperties, {} lacks its credentialType.
    const breaks = credential ? `${REQUEST}/sinkCredential/credentialType.required` : `${REQUEST}/${property}.minProperties`;
    invalidBodyTest(
      `${property} = {}: 400 INVALID_ARGUMENT${credential ? ' (or INVALID_CREDENTIAL)' : ''}`,
      '400.4_empty_property',
      `$.${property}`,
      'validation',
      [breaks],
      async (q, body) => {
        const out: Json = { ...body, [property]: {} };
        if (credential) {
          out.sink = refusedRequestSink(q);
          await noteCredentialCodes(q, `${CS}400.4_empty_property [$.sinkCredential]`, 'INVALID_ARGUMENT', 'sinkCredential {}');
        }
        return out;
      },
      credential ? { codes: () => [...CREDENTIAL_REFUSAL_CODES] } : {},
    );
  }

  // 400.5: each port property outside the version's range, above the maximum and below the minimum
  // (`schema`: the inventory's pointer of the port, whose minimum and maximum the row breaks).
  const portRows: Array<{ row: string; schema: string; set: (body: Json, device: DeviceId, bad: number) => Json }> = [
    {
      row: '$.device.ipv4Address.publicPort',
      schema: '/device/ipv4Address/publicPort',
      set: (b, d, bad) => ({ ...b, device: { ipv4Address: { publicAddress: d.ipv4Address?.publicAddress ?? '203.0.113.1', publicPort: bad } } }),
    },
    { row: '$.devicePorts.ranges.from', schema: '/devicePorts/ranges/*/from', set: (b, _d, bad) => ({ ...b, devicePorts: { ranges: [{ from: bad, to: 5010 }] } }) },
    { row: '$.devicePorts.ranges.to', schema: '/devicePorts/ranges/*/to', set: (b, _d, bad) => ({ ...b, devicePorts: { ranges: [{ from: 5000, to: bad }] } }) },
    { row: '$.devicePorts.ports[*]', schema: '/devicePorts/ports/*', set: (b, _d, bad) => ({ ...b, devicePorts: { ports: [5000, bad] } }) },
    { row: '$.applicationServerPorts.ranges.from', schema: '/applicationServerPorts/ranges/*/from', set: (b, _d, bad) => ({ ...b, applicationServerPorts: { ranges: [{ from: bad, to: 8010 }] } }) },
    { row: '$.applicationServerPorts.ranges.to', schema: '/applicationServerPorts/ranges/*/to', set: (b, _d, bad) => ({ ...b, applicationServerPorts: { ranges: [{ from: 8000, to: bad }] } }) },
    { row: '$.applicationServerPorts.ports[*]', schema: '/applicationServerPorts/ports/*', set: (b, _d, bad) => ({ ...b, applicationServerPorts: { ports: [443, bad] } }) },
  ];
  for (const { row, schema, set } of portRows) {
    check(
      {
        ...scenario('400.5_out_of_range_port', 'a port above the maximum or below the minimum: 400 OUT_OF_RANGE or INVALID_ARGUMENT', 'ports', `Port minimum/maximum at ${row}`, [
          ...ERRORS,
          `${REQUEST}${schema}.minimum`,
          `${REQUEST}${schema}.maximum`,
        ]),
        id: `${CS}400.5_out_of_range_port:${rowPart(row)}`,
        appliesTo: officialScenarios,
      },
      async (q) => {
        const min = q.rules.portMin;
        if (min > 0) await noteConflict(q, 3, `followed QoD ${q.version}: Port is ${min}..${PORT_MAX}, so ${min - 1} is out of range too (the scenario text says 0..65535).`);
        const device = await q.device();
        const rule = ruleOf(q, `400.5_out_of_range_port [${row}]`, `Port minimum ${min}, maximum ${PORT_MAX}`);
        for (const bad of [PORT_MAX + 1, min - 1]) {
          const body = set(await createBody(q, device), device, bad);
          await assertBreaksSpec(q, body, `${row} = ${bad}`);
          await expectRefused(q, body, { status: 400, codes: ['OUT_OF_RANGE', 'INVALID_ARGUMENT'], rule: `${rule} (port ${bad})` });
        }
      },
    );
  }

  // 400.6: PLAIN / REFRESHTOKEN, complete with their variant's fields.
  const credentials: Record<string, Json> = {
    PLAIN: { credentialType: 'PLAIN', identifier: 'qod-conformance', secret: 'not-a-real-secret' },
    REFRESHTOKEN: {
      ...accessTokenCredential(),
      credentialType: 'REFRESHTOKEN',
      refreshToken: 'qodconf-not-a-real-refresh-token',
      refreshTokenEndpoint: 'https://example.com/qod-conformance/token',
    },
  };
  for (const [type, credential] of Object.entries(credentials)) {
    // r3.2 (1.0.0, 1.1.0): still in the enum but "MUST NOT be used": the spec's INVALID_CREDENTIAL,
    // or INVALID_ARGUMENT, also among its 400 codes (the scenario fixes INVALID_CREDENTIAL).
    invalidBodyTest(
      `sinkCredential.credentialType ${type}: 400 INVALID_CREDENTIAL (or INVALID_ARGUMENT)`,
      '400.6_invalid_sink_credential',
      type,
      'notifications',
      ['notify.sink-credential-accesstoken-only'],
      async (q, body) => {
        await noteConflict(
          q,
          4,
          `followed QoD ${q.version}: ${type} is in the credentialType enum but must not be used; r3.2 gives INVALID_CREDENTIAL (the spec's example), INVALID_ARGUMENT is accepted too (r4.1 expects it once the value left the enum).`,
        );
        return { ...body, sink: refusedRequestSink(q), sinkCredential: credential };
      },
      { codes: () => [...CREDENTIAL_REFUSAL_CODES], appliesTo: credentialTypesInEnum, breaks: 'no-schema-check' },
    );
    // r4.1 (1.2.0-rc.3): the value left the enum → a schema error; INVALID_CREDENTIAL ("Only Access token is supported") is still documented.
    invalidBodyTest(
      `sinkCredential.credentialType ${type}: 400 INVALID_ARGUMENT`,
      '400.6_unsupported_sink_credential_type',
      type,
      'notifications',
      ['notify.sink-credential-accesstoken-only', `${REQUEST}/sinkCredential/credentialType.enum`],
      async (q, body) => {
        await noteConflict(
          q,
          4,
          `followed QoD ${q.version}: ${type} is not in the credentialType enum, so INVALID_ARGUMENT (r4.1); INVALID_CREDENTIAL, still documented as "Only Access token is supported", is accepted too.`,
        );
        return { ...body, sink: refusedRequestSink(q), sinkCredential: credential };
      },
      { codes: () => [...CREDENTIAL_REFUSAL_CODES], appliesTo: r41Scenarios },
    );
  }

  invalidBodyTest(
    'sinkCredential.accessTokenType other than bearer: 400 INVALID_TOKEN or INVALID_ARGUMENT',
    '400.7_sink_credential_invalid_token',
    undefined,
    'notifications',
    [`${REQUEST}/sinkCredential/accessTokenType.enum`],
    (q, body) => ({
      ...body,
      sink: refusedRequestSink(q),
      sinkCredential: { ...accessTokenCredential(), accessTokenType: 'mac' },
    }),
    { codes: () => ['INVALID_TOKEN', 'INVALID_ARGUMENT'] },
  );

  check(
    {
      ...scenario('400.8_non_existent_qos_profile', 'a pattern-valid profile name that does not exist: 400 INVALID_ARGUMENT', 'profiles', 'createSession 400 INVALID_ARGUMENT (unknown qosProfile)', [
        ...ERRORS,
        'match.unknown-profile.createSession',
      ]),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const device = await q.device();
      const name = `QOD_CONFORMANCE_UNKNOWN_${randomBytes(6).toString('hex').toUpperCase()}`;
      const body = await createBody(q, device, { qosProfile: name });
      await assertValidBody(q, body);
      await noteConflict(
        q,
        5,
        'followed the spec: it names no code for an unknown profile; 400 INVALID_ARGUMENT (the scenario) passes, and 404 NOT_FOUND (documented for createSession) passes with an advisory.',
      );
      const res = await sendCreate(q, body);
      const rule = ruleOf(q, '400.8_non_existent_qos_profile', 'createSession responses.400 INVALID_ARGUMENT / responses.404 NOT_FOUND');
      if (res.status === 404) {
        q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule });
        await q.advise({
          title: 'unknown qosProfile answered 404 NOT_FOUND instead of 400 INVALID_ARGUMENT',
          whyItMatters: 'the official scenario 400.8 expects 400 INVALID_ARGUMENT; clients written against it will not recognise the 404',
          detail: `createSession with qosProfile ${name} gave 404 NOT_FOUND; the spec names no dedicated code, so this is not a violation`,
        });
        return;
      }
      q.expectError(res, { status: 400, codes: INVALID, rule });
    },
  );

  check(
    {
      ...scenario(
        '400.9_invalid_duration',
        "a duration outside the profile's limits: 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE / INVALID_ARGUMENT / OUT_OF_RANGE, or 201 granting a duration within the limits",
        'duration',
        'QosProfile minDuration/maxDuration',
        [...ERRORS, 'lifecycle.duration-within-profile', 'lifecycle.other-duration-granted'],
      ),
      appliesTo: officialScenarios,
    },
    async (q) => {
      const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
      const { min, max, source, known } = await durationLimits(q, profile);
      q.need(`the duration limits of QoS profile ${profile} (readable through getQosProfile, or qosProfiles.agreed)`, known ? true : undefined);
      const durationMax = ((await q.validators()).spec.schemas['CreateSession'] as { properties?: { duration?: { maximum?: number } } })?.properties?.duration?.maximum ?? 2_147_483_647;
      const outside = [max !== undefined && max < durationMax ? max + 1 : undefined, min > 1 ? min - 1 : undefined].filter((d): d is number => d !== undefined);
      // A profile may state no limits (only name and status are required): then no duration the
      // schema allows lies outside them, and the rule has nothing to refuse.
      if (outside.length === 0) skipNoDurationOutside(q, profile, source);
      const device = await q.device();
      for (const duration of outside) {
        const body = await createBody(q, device, { duration });
        await assertValidBody(q, body);
        const id = await judgeOutsideProfile(q, await sendCreate(q, body), duration, { min, max, source }, ruleOf(q, '400.9_invalid_duration'));
        if (id) await deleteCreated(q, id);
      }
    },
  );

  check(
    {
      ...scenario('400.10_invalid_x-correlator', 'an x-correlator breaking XCorrelator: 400 INVALID_ARGUMENT', 'headers', 'XCorrelator pattern', [
        ...ERRORS,
        'schema.createSession.request.param/x-correlator.pattern',
      ]),
      appliesTo: r41Scenarios,
    },
    async (q) => {
      const correlator = 'qod conformance #invalid';
      const v = await q.validators();
      if (v.validateParameter('createSession', 'x-correlator', correlator).length === 0) throw new Error('test bug: the x-correlator meant to be invalid matches XCorrelator');
      const device = await q.device();
      await expectRefused(
        q,
        await createBody(q, device),
        { status: 400, codes: INVALID, rule: ruleOf(q, '400.10_invalid_x-correlator', 'XCorrelator pattern ^[a-zA-Z0-9-_:;.\\/<>{}]{0,256}$') },
        { xCorrelator: correlator, checkEcho: false },
      );
    },
  );

  // 400.11 … 400.16: the 1.2.0-rc.3 application server forms.
  const server = (q: Qod) => q.need('applicationServer', q.operator.applicationServer);
  const ipv4 = (q: Qod) => (server(q).ipv4Address ?? '198.51.100.10').split('/')[0]!;
  // `breaks`: the ApplicationServer constraint of the inventory the value breaks.
  const appServerCases: Array<{ scenario: string; name: string; breaks: string; value: (q: Qod) => Json }> = [
    {
      scenario: '400.11_invalid_application_server',
      name: 'ipv4Address together with ipAddresses',
      breaks: '/applicationServer.oneOf',
      value: (q) => ({ ipv4Address: ipv4(q), ipAddresses: [ipv4(q)] }),
    },
    { scenario: '400.12_empty_application_server_list', name: 'ipAddresses = []', breaks: '/applicationServer/ipAddresses.minItems', value: () => ({ ipAddresses: [] }) },
    {
      scenario: '400.13_application_server_list_is_too_large',
      name: '17 ipAddresses',
      breaks: '/applicationServer/ipAddresses.maxItems',
      value: () => ({ ipAddresses: Array.from({ length: 17 }, (_, i) => `198.51.100.${i + 1}`) }),
    },
    {
      scenario: '400.14_duplicate_values_in_application_server_list',
      name: 'a repeated address in ipAddresses',
      breaks: '/applicationServer/ipAddresses.uniqueItems',
      value: (q) => ({ ipAddresses: [ipv4(q), ipv4(q)] }),
    },
    {
      scenario: '400.15_invalid_values_in_application_server_list',
      name: 'an entry that is no IP address',
      breaks: '/applicationServer/ipAddresses/*.format',
      value: (q) => ({ ipAddresses: [ipv4(q), '198.51.100.256'] }),
    },
    {
      scenario: '400.16_subnet_in_application_server_list',
      name: 'an entry with a subnet mask',
      breaks: '/applicationServer/ipAddresses/*.format',
      value: () => ({ ipAddresses: ['198.51.100.0/24'] }),
    },
  ];
  for (const c of appServerCases) {
    invalidBodyTest(
      `applicationServer with ${c.name}: 400 INVALID_ARGUMENT`,
      c.scenario,
      undefined,
      'validation',
      [`${REQUEST}${c.breaks}`],
      (q, body) => ({ ...body, applicationServer: c.value(q) }),
      { appliesTo: r41Scenarios },
    );
  }
});

group('createSession: rules without an official scenario', () => {
  check(
    {
      id: 'createSession.sink-https-only',
      title: 'check: sink must match ^https:// (400 INVALID_ARGUMENT or INVALID_SINK) — a plain-http sink is refused',
      operation: 'createSession',
      area: 'validation',
      cites: 'CreateSession.sink pattern ^https:\\/\\/.+$',
      rules: [...ERRORS, 'notify.sink-https', `${REQUEST}/sink.pattern`],
      appliesTo: (v) => v.sinkMustBeHttps,
    },
    async (q) => {
      const device = await q.device();
      const body = await createBody(q, device, { sink: 'http://example.com/qod-conformance/sink', sinkCredential: accessTokenCredential() });
      await assertBreaksSpec(q, body, 'sink pattern ^https://');
      await noteConflict(q, 16, 'INVALID_SINK / the https-only sink has no official scenario; checked from the spec.');
      await expectRefused(q, body, { status: 400, codes: ['INVALID_ARGUMENT', 'INVALID_SINK'], rule: q.cite('CreateSession.sink pattern ^https:\\/\\/.+$; createSession responses.400 INVALID_SINK') });
    },
  );

  check(
    {
      id: 'createSession.port-zero-valid',
      title: 'check: port 0 is valid in 1.1.0 (Port minimum 0) — ports 0 in devicePorts and applicationServerPorts: 201',
      operation: 'createSession',
      area: 'ports',
      cites: 'Port minimum 0 (up to 1.1.0)',
      rules: ['lifecycle.create-201-session-info'],
      // The 1.x versions with Port minimum 0 (1.0.0, 1.1.0), as before the registry: 0.x are not asked.
      appliesTo: both(officialScenarios, (v) => v.portMin === 0),
      sameVerdictAs: ['createSession.boundary.port-0'],
    },
    async (q) => {
      const device = await q.device();
      const ports = { devicePorts: { ports: [0] }, applicationServerPorts: { ranges: [{ from: 0, to: 80 }] } };
      const body = await createBody(q, device, ports);
      await assertValidBody(q, body);
      const rule = q.cite('Port minimum 0, maximum 65535');
      const { session } = await createOk(q, body, rule);
      for (const [property, sent] of Object.entries(ports)) checkEchoed(q, session as SessionView, property, sent, rule);
    },
  );
});
