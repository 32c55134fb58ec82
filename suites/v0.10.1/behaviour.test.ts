// QoD 0.10.1's behaviour where its own text says something 1.x says differently or not at all
// (issue 29): the phone number's optional "+", one session per device whichever identifier names
// it, the 3-legged scopes, the status filter of GET /qos-profiles, the 86400 s cap on the
// *remaining* duration of an extension, no x-correlator, and events posted to
// webhook.notificationUrl itself. Each rule has a named fault of the reference provider.
// qod-waits: the remaining-duration check waits between two extensions; the webhook check waits for callbacks
import { identifiersOfOneDevice, legacyDeviceRules, listsProfilesByGet, noCorrelatorHeader, remainingDurationCap, threeLeggedScopesOnly, webhookCallbacks } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { DeviceId } from '../../src/config/types.js';
import { fail } from '../../src/checks/failure.js';
import { awaitCallbacks, describeArrivals, subscribe } from '../../src/suite/callbacks.js';
import { identifierKinds } from '../../src/suite/create-cases.js';
import type { Qod } from '../../src/suite/harness.js';
import { availableSession, codesFor, sessionRequest, type SessionOperation } from '../../src/suite/lifecycle-checks.js';
import { createSession, extendSession, postSession, validCreateBody, type Json } from '../../src/suite/sessions.js';

/** The longest a remaining-duration measurement may be off: epoch seconds are whole seconds on both ends. */
const SECOND_SLACK = 1;
/** Time between the two extensions of the remaining-duration check: the overall duration must grow by it. */
const EXTEND_GAP_MS = 3_000;

group('QoD 0.10.1 behaviour', () => {
  check(
    {
      id: 'createSession.phone-plus-optional',
      title: 'a phone number without the leading + names the device (PhoneNumber / MSISDN ^\\+?[0-9]{5,15}$): 201',
      area: 'devices',
      operation: 'createSession',
      cites: 'PhoneNumber: E.164 "optionally prefixed with \'+\'"',
      rules: ['devices.phone-plus-optional'],
      appliesTo: legacyDeviceRules,
    },
    async (q: Qod) => {
      const device =
        (await q.deviceWhere((d) => /^\+[0-9]{5,15}$/.test(d.phoneNumber ?? ''))) ?? q.need('a test device with a phoneNumber (devices.known / devices.pool)', undefined as DeviceId | undefined);
      const plain: DeviceId = { phoneNumber: device.phoneNumber!.slice(1) };
      const res = await postSession(q, await validCreateBody(q, plain));
      q.expectStatus(
        res,
        201,
        q.cite(
          `${q.version === '0.8.1' ? 'ueId.msisdn (MSISDN)' : 'PhoneNumber'} pattern ^\\+?[0-9]{5,15}$: "${plain.phoneNumber}" is the subscription ${device.phoneNumber} "optionally prefixed with '+'"`,
        ),
      );
    },
  );

  check(
    {
      id: 'createSession.identifiers-same-device',
      title: 'identifiers of two different devices are refused: 400 INVALID_ARGUMENT ("identifiers MUST belong to the same device")',
      area: 'devices',
      operation: 'createSession',
      cites: 'Device: "In this case the identifiers MUST belong to the same device"',
      rules: ['devices.identifiers-same-device'],
      appliesTo: identifiersOfOneDevice,
    },
    async (q: Qod) => {
      const pair =
        (await q.devicePair((a, b) => identifierKinds(b).some((k) => k !== identifierKinds(a)[0]))) ??
        q.need('two test devices with different identifier types (devices.known / devices.pool)', undefined as [DeviceId, DeviceId] | undefined);
      const [a, b] = pair;
      const kindA = identifierKinds(a)[0]!;
      const kindB = identifierKinds(b).find((k) => k !== kindA)!;
      const device = { [kindA]: a[kindA], [kindB]: b[kindB] } as DeviceId;
      await q.noteStandard('QoD 0.10.1 gives the answer to identifiers of different devices only as a createSession 400 example InconsistentDeviceProperties (INVALID_ARGUMENT): accepted as shown.');
      const res = await postSession(q, await validCreateBody(q, device));
      q.expectError(res, {
        status: 400,
        codes: ['INVALID_ARGUMENT'],
        rule: `${q.cite('Device: "The API invoker can provide multiple identifiers ... In this case the identifiers MUST belong to the same device"; createSession 400 example InconsistentDeviceProperties "Device parameters provided identify different devices" (INVALID_ARGUMENT)')} (${kindA} of one test device, ${kindB} of another)`,
      });
    },
  );

  check(
    {
      id: 'createSession.conflict-any-identifier',
      title: 'one session per device, whichever identifier names it: a create naming the device by another identifier is 409 CONFLICT',
      area: 'lifecycle',
      operation: 'createSession',
      cites: 'createSession 409 "Another session is created for the same device"',
      rules: ['lifecycle.one-session-per-device', 'lifecycle.conflict-any-identifier'],
      appliesTo: legacyDeviceRules,
    },
    async (q: Qod) => {
      const device =
        (await q.deviceWhere((d) => identifierKinds(d).length > 1)) ??
        q.need('a test device given with two identifiers (devices.known / devices.pool), e.g. phoneNumber and ipv4Address', undefined as DeviceId | undefined);
      const [first, second] = identifierKinds(device) as [keyof DeviceId, keyof DeviceId];
      const one = (kind: keyof DeviceId): DeviceId => ({ [kind]: device[kind] }) as DeviceId;
      await createSession(q, await validCreateBody(q, one(first)));
      const res = await postSession(q, await validCreateBody(q, one(second)));
      q.expectError(res, {
        status: 409,
        codes: ['CONFLICT'],
        rule: `${q.cite(q.version === '0.8.1' ? 'createSession responses.409 CONFLICT (another session exists for the same UE)' : 'createSession responses.409 "Another session is created for the same device"; Device: identifiers "MUST belong to the same device"')} (the first session named it by ${first}, the second create by ${second})`,
      });
    },
  );

  check(
    {
      id: 'createSession.three-legged-scopes',
      title: "a 3-legged token without the qod-sessions-* scope is refused: 403 PERMISSION_DENIED on create (and on get, extend, delete of its device's session)",
      area: 'auth',
      operation: 'createSession',
      cites: 'createSession security: oAuth2ClientCredentials OR threeLegged [qod-sessions-write]',
      rules: ['auth.three-legged-scopes'],
      appliesTo: threeLeggedScopesOnly,
    },
    async (q: Qod) => {
      const token = q.need('tokens.threeLeggedNoScope (a 3-legged token of the threeLeggedDevice without the qod-sessions-* scopes)', q.operator.tokens.threeLeggedNoScope);
      const device = q.need('threeLeggedDevice', q.operator.threeLeggedDevice);
      // The body names the token's own device (0.10.1 requires `device`): only the scope is missing.
      const body = await validCreateBody(q, device);
      const res = await postSession(q, body, { token });
      const scopeRule = (op: string, scope: string) => q.cite(`${op} security: a threeLegged token needs the scope ${scope} (client credentials carry no scopes; a 3-legged token is not one)`);
      q.expectError(res, { status: 403, codes: codesFor(q, 'forbidden'), rule: scopeRule('createSession', 'qod-sessions-write') });
      // The other operations on a session of the same device, created with the scoped 3-legged token.
      const scoped = q.operator.tokens.threeLegged;
      if (scoped === undefined) return;
      const { id } = await createSession(q, body, { token: scoped });
      const ops: Array<[SessionOperation, string]> = [
        ['getSession', 'qod-sessions-read'],
        ['extendQosSessionDuration', 'qod-sessions-write'],
        ['deleteSession', 'qod-sessions-delete'],
      ];
      for (const [op, scope] of ops) {
        q.expectError(await q.call({ ...sessionRequest(op, id), token }), { status: 403, codes: codesFor(q, 'forbidden'), rule: scopeRule(op, scope) });
      }
    },
  );

  check(
    {
      id: 'getQosProfiles.status-filter',
      title: 'GET /qos-profiles?status= lists only profiles in that status (404 NOT_FOUND when none)',
      area: 'profiles',
      operation: 'getQosProfiles',
      cites: 'getQosProfiles: "Returns all QoS Profiles that match the given criteria"',
      rules: ['profiles.status-filter.getQosProfiles'],
      appliesTo: listsProfilesByGet,
    },
    async (q: Qod) => {
      q.needProfilesApi();
      const rule = q.cite('getQosProfiles: "Returns all QoS Profiles that match the given criteria" (query parameter status); responses.404 when none matches');
      const list = async (query: string) => q.call({ api: 'profiles', method: 'GET', path: `/qos-profiles${query}`, operationId: 'getQosProfiles' });
      const all = await list('');
      q.expectStatus(all, 200, rule);
      const profiles = (Array.isArray(all.json) ? all.json : []) as Json[];
      await q.noteStandard('QoD 0.10.1 GET /qos-profiles documents 404 NOT_FOUND "No QoS Profiles found" and a 200 array: when no profile matches, both 404 NOT_FOUND and 200 [] are accepted.');
      // A name no profile has: nothing matches.
      const none = await list(`?name=${encodeURIComponent(`qodconf-no-profile-${Date.now().toString(36)}`)}`);
      if (none.status === 404) q.expectError(none, { status: 404, codes: ['NOT_FOUND'], rule });
      else {
        q.expectStatus(none, 200, rule);
        q.check(Array.isArray(none.json) && none.json.length === 0, 'a name no profile has lists profiles', { rule, expected: '404 NOT_FOUND or 200 []', actual: none.text.slice(0, 300) });
      }
      for (const status of ['ACTIVE', 'INACTIVE', 'DEPRECATED']) {
        const expected = profiles
          .filter((p) => p.status === status)
          .map((p) => String(p.name))
          .sort();
        const res = await list(`?status=${status}`);
        if (expected.length === 0 && res.status === 404) {
          q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule });
          continue;
        }
        q.expectStatus(res, 200, rule);
        const got = (Array.isArray(res.json) ? (res.json as Json[]) : []).map((p) => `${String(p.name)} (${String(p.status)})`);
        const wrong = (res.json as Json[]).filter((p) => p.status !== status);
        q.check(wrong.length === 0 && got.length === expected.length, `?status=${status} lists ${got.length} profile(s), ${wrong.length} of them in another status`, {
          rule,
          expected: `the ${expected.length} profile(s) of the unfiltered list in status ${status}: ${expected.join(', ') || '(none: 404 NOT_FOUND)'}`,
          actual: got.join(', ') || '(empty list)',
        });
      }
    },
  );

  check(
    {
      id: 'extendQosSessionDuration.remaining-duration-cap',
      title: 'the 86400 s cap applies to the remaining duration: two capped extensions 3 s apart move expiresAt by those 3 s',
      area: 'duration',
      operation: 'extendQosSessionDuration',
      cites: 'extendQosSessionDuration: the remaining duration (expiresAt minus the time of the request) may not exceed 86400 s',
      rules: ['extend.remaining-cap'],
      appliesTo: remainingDurationCap,
      cost: { waitMs: EXTEND_GAP_MS },
    },
    async (q: Qod) => {
      const rule = q.cite(
        'extendQosSessionDuration: "the remaining duration is calculated as the difference between the expiresAt and current time when the request to extend the session duration is received. If this maximum limit would be exceeded, the overall duration shall be set such that the remaining duration is equal to this limit" (worked example: 80,000 s extended by 20,000 s after 10,000 s → 96,400 s overall)',
      );
      const { id } = await availableSession(q);
      // Each extension asks for more than the cap leaves: both end with exactly 86400 s remaining,
      // so the second expiresAt lies later than the first by the time between the two requests.
      const extend = async () => {
        const sent = Date.now();
        const res = await extendSession(q, id, { requestedAdditionalDuration: 86_399 });
        q.expectStatus(res, 200, rule);
        return { sent, answered: Date.now(), view: res.json as Json };
      };
      const a = await extend();
      await q.timerWait(EXTEND_GAP_MS);
      const b = await extend();
      const moved = Number(b.view.expiresAt) - Number(a.view.expiresAt);
      const low = Math.floor((b.sent - a.answered) / 1000) - SECOND_SLACK;
      const high = Math.ceil((b.answered - a.sent) / 1000) + SECOND_SLACK;
      q.check(moved >= low && moved <= high, `the second capped extension moved expiresAt by ${moved} s, not by the ${low + SECOND_SLACK}..${high - SECOND_SLACK} s between the requests`, {
        rule,
        expected: `expiresAt = time of each request + 86400 s: the second ${low}..${high} s after the first`,
        actual: `first extension: duration ${String(a.view.duration)}, expiresAt ${String(a.view.expiresAt)}; second (${Math.round((b.sent - a.sent) / 1000)} s later): duration ${String(b.view.duration)}, expiresAt ${String(b.view.expiresAt)}`,
      });
    },
  );

  check(
    {
      id: 'createSession.no-x-correlator-needed',
      title: 'a request without x-correlator is served (0.10.1 defines no such header): createSession 201, getSession 200',
      area: 'headers',
      operation: 'createSession',
      cites: 'QoD 0.10.1 defines no x-correlator header',
      rules: ['headers.no-x-correlator'],
      appliesTo: noCorrelatorHeader,
    },
    async (q: Qod) => {
      const rule = q.cite('parameters of createSession and getSession: no x-correlator (the header comes with 0.11.1); a request without it is complete');
      const body = await validCreateBody(q, await q.device());
      const res = await q.call({ method: 'POST', path: '/sessions', operationId: 'createSession', body, xCorrelator: null });
      if (res.status === 201) {
        const sessionId = (res.json as Json | undefined)?.sessionId;
        if (typeof sessionId === 'string') {
          q.track(sessionId, undefined, body);
          q.expectStatus(await q.call({ method: 'GET', path: `/sessions/${encodeURIComponent(sessionId)}`, operationId: 'getSession', xCorrelator: null }), 200, rule);
        }
      }
      q.expectStatus(res, 201, rule);
    },
  );

  check(
    {
      id: 'createSession.webhook-url-itself',
      title: "events go to webhook.notificationUrl itself (no suffix, unlike 0.8.1's /notifications)",
      area: 'notifications',
      operation: 'createSession',
      cites: 'createSession callbacks.notifications: {$request.body#/webhook/notificationUrl}',
      rules: ['notify.webhook-target'],
      appliesTo: webhookCallbacks,
      cost: { notificationWaits: 1 },
    },
    async (q: Qod) => {
      const rule = q.cite('createSession callbacks.notifications: POST {$request.body#/webhook/notificationUrl} (the URL itself; 0.8.1 appended /notifications)');
      const sub = subscribe(q, { credential: false });
      await createSession(q, await validCreateBody(q, await q.device(), sub.fields));
      const records = await awaitCallbacks(q, sub.path, (rs) => rs.length > 0, { description: 'event for the session (any)', rule });
      const elsewhere = records.filter((r) => r.path.split('?', 1)[0] !== sub.path);
      if (elsewhere.length > 0) {
        fail(`${elsewhere.length} event(s) posted to another URL than webhook.notificationUrl`, {
          rule,
          expected: `POST ${sub.url}`,
          actual: describeArrivals(elsewhere),
        });
      }
    },
  );
});
