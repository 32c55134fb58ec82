// Named boundary tests of createSession that always run (also with --profile safe): duration,
// ports, device identifier forms, qosProfile lengths, sink scheme and malformed requests. The
// spec validator of the run's version decides whether a body is valid, so each test holds for
// every version: a valid value must be accepted (201, echoed, then deleted), an invalid one refused
// with 400 and a code the spec allows. Where the spec is silent (from > to, repeated ports) an
// acceptance is an advisory, never a failure.
import { randomBytes } from 'node:crypto';
import { check, group } from '../../src/checks/declare.js';
import type { Applies } from '../../src/checks/applies.js';
import type { CheckSpec } from '../../src/checks/spec.js';
import type { DeviceId } from '../../src/config/types.js';
import { requestBodyRuleId, subschemaAt } from '../../src/gen/index.js';
import { errorEquivalents, errorTableBasis, rulesFor, translateErrorExpectation } from '../../src/versions/rules.js';
import { expectAccepted, expectRefused, violationsOf } from '../../src/suite/boundary-cases.js';
import { checkDeviceEcho, DEVICE_FORMS, identifierKinds, sendCreate } from '../../src/suite/create-cases.js';
import { allowed400Codes, portFields, requestSchema } from '../../src/suite/generated-requests.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import { deleteCreated, sendJudged } from '../../src/suite/property-cases.js';
import { durationLimits, skipNoDurationOutside, postSession, sessionIdOf, validCreateBody, type Json, type SessionView } from '../../src/suite/sessions.js';
import { validatorsFor } from '../../src/suite/spec-cache.js';
import { judgeOutsideProfile } from '../../src/suite/duration-outside-profile.js';
import { expectUnknownProfile } from '../../src/suite/unknown-profile.js';
import { sharedOrOwn, sharedResult } from '../../src/suite/shared-session.js';

const config = runConfig();
const rules = rulesFor(config.apiVersion);
const validators = await validatorsFor(config);
const createSchema = requestSchema(validators, 'createSession')!;
const [PORTS_A = 'devicePorts', PORTS_B = 'applicationServerPorts'] = portFields(createSchema);
/** createSession takes a `device` object (0.8.1: `ueId`). */
const deviceObject: Applies = (v) => v.deviceField === 'device';
const HAS_QOS_PROFILE = subschemaAt(createSchema, '/qosProfile') !== undefined;
const MISSING = Symbol('missing');
const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The inventory IDs of the createSession request-schema constraints (`keywords`) at the instance
 *  pointers that the run's spec has (array items as index 0). */
function schemaRules(pointers: readonly string[], keywords: readonly string[]): string[] {
  return pointers.flatMap((pointer) => {
    const name = pointer.split('/').pop() ?? '';
    const parent = subschemaAt(createSchema, pointer.slice(0, pointer.lastIndexOf('/')));
    const at = subschemaAt(createSchema, pointer);
    const has = (k: string): boolean => (k === 'required' && pointer !== '' ? Array.isArray(parent?.required) && parent.required.includes(name) : at?.[k] !== undefined);
    return keywords.filter(has).map((k) => requestBodyRuleId('createSession', pointer, k));
  });
}

/** A createSession boundary check: its ID is `createSession.boundary.<part>`. */
const boundary = (part: string, title: string, area: CheckSpec['area'], cites: string, rules: string[]): CheckSpec => ({
  id: `createSession.boundary.${part}`,
  title,
  area,
  operation: 'createSession',
  cites,
  rules,
});

/** A valid body for a freshly leased device, with `change` applied. */
async function bodyWith(q: Qod, change: (body: Json) => Json | void): Promise<{ body: Json; device: DeviceId }> {
  const device = await q.device();
  const body = await validCreateBody(q, device);
  return { body: change(body) ?? body, device };
}

// ---------------------------------------------------------------------------------------------
// duration

async function profileLimits(q: Qod): Promise<{ min: number; max: number | undefined; source: string; profile: string }> {
  const profile = q.need('qosProfiles.valid', q.operator.qosProfiles.valid);
  return { ...(await durationLimits(q, profile)), profile };
}

/** The largest duration the run's version allows for the operator's profile (schema maximum and profile maxDuration). */
async function maxDuration(q: Qod): Promise<{ max: number; source: string }> {
  const limits = await profileLimits(q);
  const field = subschemaAt(createSchema, '/duration');
  const schemaMax = typeof field?.maximum === 'number' ? field.maximum : undefined;
  const max = [limits.max, schemaMax].filter((m): m is number => m !== undefined);
  if (max.length === 0) {
    q.need(`the maxDuration of QoS profile ${limits.profile} (readable through getQosProfile)`, undefined);
  }
  return { max: Math.min(...max), source: limits.source };
}

/** A duration the schema allows but the profile does not: refused, or granted within the limits (judgeOutsideProfile). */
async function expectOutOfProfile(q: Qod, body: Json, what: string): Promise<void> {
  const limits = await profileLimits(q);
  const id = await judgeOutsideProfile(q, await sendCreate(q, body), Number(body.duration), limits, what);
  if (id) await deleteCreated(q, id);
}

/** A duration that must be accepted; the granted value is reported (an advisory when it differs). */
async function expectDurationAccepted(q: Qod, body: Json, device: DeviceId, what: string, requested: number, mustEqual: boolean): Promise<void> {
  const session = await expectAccepted(q, body, what, { device });
  if (session.duration === requested) return;
  q.check(!mustEqual, `the session got duration ${String(session.duration)}, not the default ${requested}`, {
    rule: q.cite(`CreateSession.duration default ${requested}`),
    expected: `duration ${requested}`,
    actual: `duration ${String(session.duration)}`,
  });
  await q.advise({
    title: `duration ${requested} was granted as ${String(session.duration)}`,
    whyItMatters: 'The spec lets the provider grant another duration, but a consumer asking for a boundary value should get it or a clear refusal.',
    detail: `${what}: requested ${requested} s, SessionInfo.duration ${String(session.duration)} s`,
  });
}

function durationTest(part: string, label: string, value: unknown, keywords: readonly string[]): void {
  check(
    boundary(part, `boundary: duration ${label}`, 'duration', 'CreateSession.duration (integer, minimum 1, maximum per version / QoS profile)', schemaRules(['/duration'], keywords)),
    async (q: Qod) => {
      const { body, device } = await bodyWith(q, (b) => {
        if (value === MISSING) delete b.duration;
        else b.duration = value;
      });
      const what = `duration ${label}`;
      if ((await violationsOf(q, body)).length > 0) {
        await expectRefused(q, body, what);
        return;
      }
      if (value === MISSING) {
        await expectDurationAccepted(q, body, device, what, q.rules.durationDefault ?? 86400, true);
        return;
      }
      const limits = await profileLimits(q);
      const n = value as number;
      if (n < limits.min) return expectOutOfProfile(q, body, `${what} (below the profile's minDuration ${limits.min})`);
      await expectDurationAccepted(q, body, device, what, n, false);
    },
  );
}

group('boundaries: duration', () => {
  durationTest('duration-0', '0 is refused (minimum 1)', 0, ['minimum']);
  durationTest('duration-1', '1 is accepted (the minimum; unless the profile minDuration is higher)', 1, []);
  durationTest('duration-negative', '-1 is refused', -1, ['minimum']);
  durationTest('duration-fraction', '1.5 is refused (not an integer)', 1.5, ['type']);
  durationTest('duration-string', '"60" is refused (a string, not an integer)', '60', ['type']);
  durationTest('duration-missing', rules.durationRequired ? 'missing is refused (required from 0.11.1)' : `missing is accepted with the default ${rules.durationDefault ?? 86400}`, MISSING, [
    'required',
  ]);

  check(
    boundary(
      'duration-max',
      `boundary: duration = the maximum (${rules.durationRequired ? "the QoS profile's maxDuration" : 'schema maximum 86400'}) is accepted`,
      'duration',
      rules.durationRequired ? 'QosProfile.maxDuration' : 'CreateSession.duration maximum 86400',
      [],
    ),
    async (q: Qod) => {
      const { max, source } = await maxDuration(q);
      const { body, device } = await bodyWith(q, (b) => void (b.duration = max));
      await expectDurationAccepted(q, body, device, `duration ${max} (the maximum; ${source})`, max, false);
    },
  );

  check(
    boundary(
      'duration-max-plus-1',
      `boundary: duration = the maximum + 1 is ${rules.durationRequired ? 'refused (QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE) or granted within the maximum' : 'refused (schema maximum 86400)'}`,
      'duration',
      rules.durationRequired ? 'QosProfile.maxDuration; createSession 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE' : 'CreateSession.duration maximum 86400',
      [...schemaRules(['/duration'], ['maximum']), ...(rules.durationRequired ? ['lifecycle.duration-within-profile', 'lifecycle.other-duration-granted'] : [])],
    ),
    async (q: Qod) => {
      const { max, source } = await maxDuration(q);
      if (max >= 2 ** 31 - 1) skipNoDurationOutside(q, q.need('qosProfiles.valid', q.operator.qosProfiles.valid), source);
      const { body } = await bodyWith(q, (b) => void (b.duration = max + 1));
      const what = `duration ${max + 1} (maximum ${max} + 1; ${source})`;
      if ((await violationsOf(q, body)).length > 0) await expectRefused(q, body, what);
      else await expectOutOfProfile(q, body, what);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// ports

/** Port values the ports tests send alone; those valid for the version are also sent together. */
const EDGE_PORTS = [0, 1, 65535];
const SAME_RANGE = { [PORTS_A]: { ranges: [{ from: 5000, to: 5000 }] }, [PORTS_B]: { ranges: [{ from: 443, to: 443 }] } };
const together = sharedResult<boolean>();

/** Every valid edge port and from = to range in one create (accepted, echoed, deleted): read first by each accepting ports test. */
async function acceptedTogether(q: Qod, device: DeviceId): Promise<boolean> {
  return together.get(async () => {
    const valid: number[] = [];
    for (const p of EDGE_PORTS) if ((await violationsOf(q, await validCreateBody(q, device, portValue(p)()))).length === 0) valid.push(p);
    const body = await validCreateBody(q, device, {
      [PORTS_A]: { ports: valid, ranges: SAME_RANGE[PORTS_A]!.ranges },
      [PORTS_B]: { ranges: [...valid.map((p) => ({ from: p, to: p })), ...SAME_RANGE[PORTS_B]!.ranges] },
    });
    // A version whose port fields take no such body: nothing to share, each test sends its own.
    if ((await violationsOf(q, body)).length > 0) return false;
    await expectAccepted(q, body, 'valid edge ports and from = to ranges, sent together', { device });
    return true;
  });
}

/** `joins`: a value among EDGE_PORTS / SAME_RANGE, so the shared create answers for it when it passes (sharedOrOwn). */
function portsTest(part: string, label: string, ports: (q: Qod) => Json, keywords: readonly string[], joins = false): void {
  check(boundary(part, `boundary: ${label}`, 'ports', `Port minimum ${rules.portMin}, maximum 65535 (PortsSpec)`, schemaRules(PORT_POINTERS, keywords)), async (q: Qod) => {
    const { body, device } = await bodyWith(q, (b) => ({ ...b, ...ports(q) }));
    if ((await violationsOf(q, body)).length > 0) await expectRefused(q, body, label);
    else if (joins)
      await sharedOrOwn(
        () => acceptedTogether(q, device),
        async () => void (await expectAccepted(q, body, label, { device })),
      );
    else await expectAccepted(q, body, label, { device });
  });
}

function portValue(p: number): () => Json {
  return () => ({ [PORTS_A]: { ports: [p] }, [PORTS_B]: { ranges: [{ from: p, to: p }] } });
}
const silent = (what: string) => `${what}: no version of the spec forbids it (advisory if accepted)`;
/** Where portValue puts the port. */
const PORT_POINTERS = [`/${PORTS_A}/ports/0`, `/${PORTS_B}/ranges/0/from`, `/${PORTS_B}/ranges/0/to`];

group('boundaries: ports', () => {
  portsTest('port-negative', `port -1 in ${PORTS_A}.ports and ${PORTS_B}.ranges is refused`, portValue(-1), ['minimum']);
  portsTest(
    'port-0',
    `port 0 ${rules.portMin === 0 ? 'is accepted (Port minimum 0 up to 1.1.0)' : 'is refused (Port minimum 1 from 1.2.0-rc.3)'}`,
    portValue(0),
    rules.portMin > 0 ? ['minimum'] : [],
    true,
  );
  portsTest('port-1', 'port 1 is accepted', portValue(1), [], true);
  portsTest('port-65535', 'port 65535 is accepted (Port maximum)', portValue(65535), [], true);
  portsTest('port-65536', 'port 65536 is refused (Port maximum 65535)', portValue(65536), ['maximum']);
  portsTest('port-range-from-equals-to', 'a range with from = to is accepted and echoed', () => SAME_RANGE, [], true);

  check(
    boundary(
      'ports-empty',
      `boundary: empty ports objects (${PORTS_A} = {}, ${PORTS_B} = {}) are refused (PortsSpec minProperties 1)`,
      'ports',
      'PortsSpec minProperties 1',
      schemaRules([`/${PORTS_A}`, `/${PORTS_B}`], ['minProperties']),
    ),
    async (q: Qod) => {
      const device = await q.device();
      for (const field of [PORTS_A, PORTS_B]) await expectRefused(q, await validCreateBody(q, device, { [field]: {} }), `${field} = {}`);
    },
  );

  for (const c of [
    {
      part: 'port-range-reversed',
      label: 'a port range with from > to',
      ports: { ranges: [{ from: 6000, to: 5000 }] },
      why: 'A range whose start is above its end selects no port (or, read leniently, every port in between the other way round): the QoS may apply to no flow or to unintended ones. Refusing it with 400 INVALID_ARGUMENT is the safer behaviour.',
    },
    {
      part: 'port-repeated',
      label: 'a repeated port in ports',
      ports: { ports: [5000, 5000] },
      why: 'A repeated port is harmless but suggests a client bug; implementations differ (some refuse it), so consumers cannot rely on either behaviour.',
    },
  ]) {
    check(
      {
        ...boundary(c.part, `boundary: ${silent(c.label)}`, 'ports', 'PortsSpec (no rule on range order or repeated ports)', []),
        // It can only advise, never fail: not worth a real session in production.
        fullProfileOnly: 'advisory only: spends a session on a question the spec leaves open',
      },
      async (q: Qod) => {
        const device = await q.device();
        const body = await validCreateBody(q, device, { [PORTS_A]: c.ports });
        if ((await violationsOf(q, body)).length > 0) throw new Error(`test bug: ${c.label} breaks the QoD ${q.version} schema`);
        const res = await sendCreate(q, body);
        if (res.status === 201) {
          const id = sessionIdOf(q, res.json);
          if (id) await deleteCreated(q, id);
          await q.advise({
            title: `${c.label} is accepted`,
            whyItMatters: c.why,
            detail: `createSession with ${PORTS_A} ${JSON.stringify(c.ports)} answered 201; the spec is silent, so this is not a failure.`,
          });
        }
      },
    );
  }
});

// ---------------------------------------------------------------------------------------------
// device identifiers

/** `rules`: the schema constraint the value breaks (where the run's spec has it). */
const INVALID_FORMS: Array<{ part: string; label: string; device: (q: Qod) => unknown; rules: string[] }> = [
  {
    part: 'device-phone-number-no-plus',
    rules: schemaRules(['/device/phoneNumber'], ['pattern']),
    label: 'phoneNumber without the leading +',
    device: (q) => ({ phoneNumber: (q.operator.devices.known?.phoneNumber ?? '+34600000001').replace(/^\+/, '') }),
  },
  { part: 'device-phone-number-too-short', rules: schemaRules(['/device/phoneNumber'], ['pattern']), label: 'phoneNumber too short (4 digits)', device: () => ({ phoneNumber: '+3460' }) },
  { part: 'device-phone-number-too-long', rules: schemaRules(['/device/phoneNumber'], ['pattern']), label: 'phoneNumber too long (16 digits)', device: () => ({ phoneNumber: '+3460000000000001' }) },
  {
    part: 'device-ipv4-public-address-only',
    rules: schemaRules(['/device/ipv4Address'], ['anyOf']),
    label: 'ipv4Address with publicAddress only (anyOf: privateAddress or publicPort needed)',
    device: () => ({ ipv4Address: { publicAddress: '203.0.113.1' } }),
  },
  {
    part: 'device-ipv4-malformed',
    rules: schemaRules(['/device/ipv4Address/publicAddress'], ['format']),
    label: 'ipv4Address with a malformed publicAddress',
    device: () => ({ ipv4Address: { publicAddress: '203.0.113.300', privateAddress: '10.0.0.1' } }),
  },
  { part: 'device-ipv6-malformed', rules: schemaRules(['/device/ipv6Address'], ['format']), label: 'ipv6Address malformed', device: () => ({ ipv6Address: '2001:db8::g1' }) },
];

/** Statuses a schema-valid device may get besides 201: documented business errors, never 400. */
async function expectNotBadRequest(q: Qod, body: Json, sent: DeviceId, what: string): Promise<void> {
  const res = await sendCreate(q, body);
  if (res.status === 201) {
    const session = res.json as SessionView;
    checkDeviceEcho(q, session, sent, `${what}; ${q.cite('SessionInfo.device')}`);
    const id = sessionIdOf(q, session);
    if (id) await deleteCreated(q, id);
    return;
  }
  // Business refusals of a device, as this version spells them (0.10.1 answers an unknown device with 400 INVALID_ARGUMENT).
  const refusals = [
    { status: 404, codes: ['IDENTIFIER_NOT_FOUND'] },
    { status: 409, codes: ['CONFLICT'] },
    { status: 422, codes: ['UNSUPPORTED_IDENTIFIER', 'SERVICE_NOT_APPLICABLE', 'IDENTIFIER_MISMATCH'] },
  ].flatMap((r) => r.codes.flatMap((code) => errorEquivalents(q.version, r.status, code)));
  const code = String((res.json as { code?: unknown } | undefined)?.code);
  const allowed = refusals.map((r) => `${r.status} ${r.code}`);
  // In an operator dialect the code table differs: any refusal of those statuses in its error shape.
  const dialectRefusal = q.dialect.name !== 'camara' && q.isError(res, { status: [...new Set(refusals.map((r) => r.status))] });
  q.check(dialectRefusal || allowed.includes(`${res.status} ${code}`), `a schema-valid device identifier was refused with ${res.status} ${code}`, {
    rule: `${what}: ${q.cite('Device schema: a schema-valid identifier is not a bad request; an unknown or unsupported device is a business error')} (${errorTableBasis(q.version)})`,
    expected: `201, or one of ${[...new Set(allowed)].join(', ')}`,
    actual: `HTTP ${res.status} ${res.text.slice(0, 200)}`,
  });
}

group('boundaries: device identifiers', () => {
  for (const form of DEVICE_FORMS) {
    check(
      {
        ...boundary(form.part, `boundary: device ${form.label} is accepted (201 with a leased operator device of that form; never 400)`, 'devices', `Device.${form.kind} schema`, []),
        appliesTo: deviceObject,
      },
      async (q: Qod) => {
        const leased = await q.deviceWhere(form.has);
        const sent = leased ? form.pick(leased) : form.sample;
        // (validCreateBody's own device argument would win over `device` in extra.)
        const body = await validCreateBody(q, undefined, { device: sent });
        const what = `device ${form.label} ${JSON.stringify(sent)}`;
        if ((await violationsOf(q, body)).length > 0) throw new Error(`test bug: ${what} breaks the QoD ${q.version} Device schema`);
        const unsupported = q.operator.unsupportedIdentifiers?.includes(form.kind);
        if (leased && !unsupported) await expectAccepted(q, body, `${what} (a leased operator device)`, { device: sent, echo: [] });
        else await expectNotBadRequest(q, body, sent, `${what} (${leased ? 'a type the operator declares unsupported' : 'no operator device of this form: a sample'})`);
      },
    );
  }

  for (const form of INVALID_FORMS) {
    check(
      {
        ...boundary(
          form.part,
          `boundary: device ${form.label} is refused when the spec says so (400)`,
          'devices',
          'Device identifier schemas (PhoneNumber pattern, DeviceIpv4Address anyOf/format, DeviceIpv6Address format)',
          form.rules,
        ),
        appliesTo: deviceObject,
      },
      async (q: Qod) => {
        const sent = form.device(q) as DeviceId;
        const body = await validCreateBody(q, undefined, { device: sent });
        if ((await violationsOf(q, body)).length > 0) await expectRefused(q, body, `device ${form.label}`);
        else await expectNotBadRequest(q, body, sent, `device ${form.label} (valid in QoD ${q.version})`);
      },
    );
  }

  check(
    {
      ...boundary(
        'no-device-two-legged',
        `boundary: no device with a 2-legged token is refused (${rules.strictDeviceTokenRule ? '422 MISSING_IDENTIFIER' : 'per version'})`,
        'devices',
        'Device required with a 2-legged token (422 MISSING_IDENTIFIER from 1.0.0)',
        [...schemaRules([`/${rules.deviceField}`], ['required']), ...(rules.deviceOptional ? ['device.missing-identifier-422'] : [])],
      ),
      appliesTo: deviceObject,
    },
    async (q: Qod) => {
      const body = await validCreateBody(q, undefined);
      delete body[q.rules.deviceField];
      const violations = await violationsOf(q, body);
      if (violations.length > 0) {
        await expectRefused(q, body, 'no device (required by the schema)');
        return;
      }
      const exp = translateErrorExpectation(q.version, { status: 422, codes: ['MISSING_IDENTIFIER'] });
      q.expectError(await sendCreate(q, body), {
        status: exp.status,
        codes: exp.codes,
        rule: `@quality_on_demand_createSession_C01.05_missing_device; ${q.cite('a 2-legged access token does not identify a device: the device must be in the body')}${exp.translations.length ? ` (${exp.translations.join(', ')})` : ''}`,
      });
    },
  );

  check(
    {
      ...boundary(
        'several-identifiers',
        `boundary: several identifiers at once ${rules.echoesSingleIdentifier ? 'are accepted and exactly one, among those sent, is echoed' : 'are accepted for one device, refused for different devices'}`,
        'devices',
        rules.echoesSingleIdentifier ? 'DeviceResponse (maxProperties 1): the single identifier used' : 'Device: several identifiers must identify the same device',
        rules.echoesSingleIdentifier ? ['device.one-identifier-echoed'] : [],
      ),
      // From 0.11.1 (the versions that follow the CAMARA design guide) identifiers of different
      // devices have their own code (422 DEVICE_IDENTIFIERS_MISMATCH / IDENTIFIER_MISMATCH) or, from
      // 1.1.0, one is picked and echoed; no VersionRules flag names that yet.
      appliesTo: (v) => v.deviceField === 'device' && v.followsDesignGuide,
    },
    async (q: Qod) => {
      // One leased device with several identifiers, else two leased devices of different types.
      let sent: DeviceId | undefined = await q.deviceWhere((d) => identifierKinds(d).length > 1);
      const oneDevice = sent !== undefined;
      if (!sent) {
        const pair = await q.devicePair((a, b) => identifierKinds(b).some((k) => k !== identifierKinds(a)[0]));
        if (!pair) return void q.need('test devices (devices.known / devices.pool) with at least two identifier types', undefined);
        const [first, other] = pair;
        const kind = identifierKinds(first)[0]!;
        const otherKind = identifierKinds(other).find((k) => k !== kind)!;
        sent = { [kind]: first[kind], [otherKind]: other[otherKind] } as DeviceId;
      }
      const body = await validCreateBody(q, undefined, { device: sent });
      const what = `device ${JSON.stringify(sent)} (${oneDevice ? 'one device' : 'identifiers of two leased devices'})`;
      if (q.rules.echoesSingleIdentifier || oneDevice) {
        const rule = q.cite(
          q.rules.echoesSingleIdentifier
            ? 'DeviceResponse: "the API provider must return a single identifier which is the one they are using ... even if the identifiers do not match the same device"'
            : 'Device: several identifiers of the same device',
        );
        const session = await expectAccepted(q, body, what, { device: sent, echo: [] });
        if (q.rules.echoesSingleIdentifier) {
          q.check(session.device !== undefined && Object.keys(session.device).length === 1, 'several identifiers were sent but not exactly one is echoed', {
            rule,
            expected: 'device with exactly one of the identifiers sent',
            actual: JSON.stringify(session.device),
          });
        }
        return;
      }
      const exp = translateErrorExpectation(q.version, { status: 422, codes: ['IDENTIFIER_MISMATCH'] });
      q.expectError(await sendCreate(q, body), { status: exp.status, codes: exp.codes, rule: q.cite('Device: identifiers of different devices are refused (IDENTIFIER_MISMATCH)') });
    },
  );
});

// ---------------------------------------------------------------------------------------------
// qosProfile, sink, malformed requests

const unknownName = (length: number): string => {
  const stem = `QODCONF_${randomBytes(16).toString('hex').toUpperCase()}`;
  return length <= 3
    ? `Z${randomBytes(2)
        .toString('hex')
        .slice(0, length - 1)
        .toUpperCase()}`
    : stem.padEnd(length, 'X').slice(0, length);
};

group('boundaries: qosProfile, sink and malformed requests', () => {
  for (const c of [
    { part: 'qos-profile-length-2', keyword: 'minLength', label: 'qosProfile of length 2 is refused (minLength 3)', name: () => 'Q1', valid: false },
    {
      part: 'qos-profile-length-3',
      keyword: 'minLength',
      label: 'qosProfile of length 3 (valid, unknown) is refused as unknown (400 INVALID_ARGUMENT or 404)',
      name: () => unknownName(3),
      valid: true,
    },
    {
      part: 'qos-profile-length-256',
      keyword: 'maxLength',
      label: 'qosProfile of length 256 (valid, unknown) is refused as unknown (400 INVALID_ARGUMENT or 404)',
      name: () => unknownName(256),
      valid: true,
    },
    { part: 'qos-profile-length-257', keyword: 'maxLength', label: 'qosProfile of length 257 is refused (maxLength 256)', name: () => unknownName(257), valid: false },
    { part: 'qos-profile-pattern', keyword: 'pattern', label: 'qosProfile breaking its pattern is refused', name: () => 'QOS E!', valid: false },
  ]) {
    check(
      {
        ...boundary(
          c.part,
          `boundary: ${c.label}`,
          'validation',
          'QosProfileName (minLength 3, maxLength 256, pattern ^[a-zA-Z0-9_.-]+$)',
          c.valid ? ['match.unknown-profile.createSession'] : schemaRules(['/qosProfile'], [c.keyword]),
        ),
        // The run's spec decides: a createSession without qosProfile has no name to bound.
        ...(HAS_QOS_PROFILE ? {} : { appliesTo: () => false }),
      },
      async (q: Qod) => {
        if (c.valid) return expectUnknownProfile(q, c.name());
        const device = await q.device();
        await expectRefused(q, await validCreateBody(q, device, { qosProfile: c.name() }), c.label);
      },
    );
  }

  check(
    {
      ...boundary(
        'sink-not-https',
        'boundary: a non-https sink is refused (sink pattern ^https://, from 1.1.0)',
        'validation',
        'CreateSession.sink pattern ^https:\\/\\/.+$ (400 INVALID_ARGUMENT or INVALID_SINK)',
        ['notify.sink-https', ...schemaRules(['/sink'], ['pattern'])],
      ),
      appliesTo: (v) => v.sinkMustBeHttps,
    },
    async (q: Qod) => {
      const device = await q.device();
      await expectRefused(q, await validCreateBody(q, device, { sink: 'http://example.com/qod-conformance/sink' }), 'sink http://…');
    },
  );

  check(boundary('malformed-json', 'boundary: malformed JSON is refused (400)', 'validation', 'createSession requestBody application/json', ERRORS), async (q: Qod) => {
    const v = await q.validators();
    const codes = allowed400Codes(q, v, 'createSession', 'type', '');
    const res = await postSession(q, undefined, { rawBody: '{"qosProfile": "QOS_E", "duration": ', contentType: 'application/json' });
    q.expectError(res, { status: 400, codes, rule: q.cite('createSession requestBody application/json (a body that is not JSON is a bad request)') });
  });

  check(boundary('empty-body', 'boundary: an empty body (no bytes) is refused (400)', 'validation', 'createSession requestBody required: true', ERRORS), async (q: Qod) => {
    const v = await q.validators();
    const codes = allowed400Codes(q, v, 'createSession', 'required', '');
    const res = await postSession(q, undefined, { rawBody: '', contentType: 'application/json' });
    q.expectError(res, { status: 400, codes, rule: q.cite('createSession requestBody required: true') });
  });

  check(
    boundary('empty-object', 'boundary: an empty JSON object {} is refused (400, required properties missing)', 'validation', 'CreateSession required properties', schemaRules([''], ['required'])),
    async (q: Qod) => {
      await expectRefused(q, {}, 'body {}');
    },
  );

  check(
    boundary(
      'text-plain-body',
      'boundary: a JSON body sent as text/plain is refused (400; a 415 passes with an advisory)',
      'validation',
      'createSession requestBody content: application/json only',
      [],
    ),
    async (q: Qod) => {
      const device = await q.device();
      const body = await validCreateBody(q, device);
      const { res, violations } = await sendJudged(q, { method: 'POST', path: '/sessions', operationId: 'createSession', rawBody: JSON.stringify(body), contentType: 'text/plain' });
      const rule = q.cite('createSession requestBody content: application/json (the only media type documented)');
      const id = res.status >= 200 && res.status < 300 ? sessionIdOf(q, res.json) : undefined;
      if (id) await deleteCreated(q, id);
      if (res.status === 415) {
        q.check(
          violations.every((x) => x.rule === 'undocumented-status'),
          'the 415 response breaks the spec',
          { rule, expected: 'a CAMARA error body', actual: violations.map((x) => x.message).join('; ') },
        );
        await q.advise({
          title: 'text/plain body answered 415 instead of 400',
          whyItMatters: 'HTTP defines 415 for an unsupported media type, but the QoD spec documents no 415 for createSession; CAMARA clients expect 400 INVALID_ARGUMENT.',
          detail: `createSession with Content-Type text/plain answered 415 ${res.text.slice(0, 200)}`,
        });
        return;
      }
      q.check(violations.length === 0, 'the response breaks the spec', {
        rule,
        expected: 'a response conforming to createSession',
        actual: violations.map((x) => `${x.pointer} ${x.message}`).join('; '),
      });
      const v = await q.validators();
      q.expectError(res, { status: 400, codes: allowed400Codes(q, v, 'createSession', 'type', ''), rule });
    },
  );
});
