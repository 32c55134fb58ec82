// The v0.10.1 official test definition (QoD_API_Test.feature). Its step code drives a reference
// implementation with 0.8-shaped bodies; we send what the 0.10.1 spec defines (the spec wins) and
// record the disagreement.
import { randomUUID } from 'node:crypto';
import { webhookCallbacks } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { CheckSpec } from '../../src/checks/spec.js';
import type { Qod } from '../../src/suite/harness.js';
import { createSession, deleteSession, getSession, postSession, validCreateBody } from '../../src/suite/sessions.js';

const ERRORS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status'];

/** The identity of a check of a scenario of the v0.10.1 test definition: it applies to 0.10.1 alone,
 *  the one version whose callbacks are a `webhook`. */
const scenario = (scenarioId: string, title: string, cites: string, rules: string[]): CheckSpec => ({
  id: scenarioId,
  scenarioId,
  title,
  operation: 'createSession',
  area: 'lifecycle',
  cites,
  rules,
  appliesTo: webhookCallbacks,
});
const SHAPE_NOTE =
  'v0.10.1 QoD_API_Test.feature sends 0.8-shaped bodies (ueId, asId, qos, notificationUri) and reads `id`; the 0.10.1 spec defines device, applicationServer, qosProfile, webhook and sessionId: we follow the spec';

async function createGetDelete(q: Qod, extra: Record<string, unknown>, rule: string): Promise<void> {
  await q.noteStandard(SHAPE_NOTE);
  const device = await q.device();
  const { id } = await createSession(q, await validCreateBody(q, device, extra), { rule });
  q.expectStatus(await getSession(q, id), 200, rule);
  q.expectStatus(await deleteSession(q, id), 204, rule);
}

group('v0.10.1 QoD_API_Test.feature', () => {
  check(
    scenario('QQoDSessionCreateGetDelete', 'create with the mandatory fields (201), get (200), delete (204)', 'QoD 0.10.1 createSession 201, getSession 200, deleteSession 204', [
      'lifecycle.create-201-session-info',
      'lifecycle.delete-204-then-gone',
    ]),
    async (q) => createGetDelete(q, {}, 'QQoDSessionCreateGetDelete'),
  );

  check(
    scenario('QoDSessionCreateGetDeleteAllparams', 'create with ports, webhook and token (201), get (200), delete (204)', 'QoD 0.10.1 createSession with every optional field', [
      'lifecycle.create-201-session-info',
      'lifecycle.delete-204-then-gone',
    ]),
    async (q) => {
      const { url } = q.sinkEndpoint();
      await createGetDelete(
        q,
        {
          devicePorts: { ranges: [{ from: 5010, to: 5020 }], ports: [5060] },
          applicationServerPorts: { ports: [443] },
          webhook: { notificationUrl: url, notificationAuthToken: `c8974e592c2fa383d4a3960714-${randomUUID().slice(0, 8)}` },
        },
        'QoDSessionCreateGetDeleteAllparams',
      );
    },
  );

  check(
    scenario('QoDCreateSessionDeleteInvalidSession', 'deleting a session id that does not exist is 404', 'QoD 0.10.1 deleteSession 404', [...ERRORS, 'lookup.unknown-session-404.deleteSession']),
    async (q) => {
      const device = await q.device();
      await createSession(q, await validCreateBody(q, device), { rule: 'QoDCreateSessionDeleteInvalidSession' });
      const res = await deleteSession(q, randomUUID());
      q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: 'QoDCreateSessionDeleteInvalidSession' });
    },
  );

  check(scenario('QoDInvalidCreateSession', 'a create while the network backend fails is 500', 'QoD 0.10.1 createSession 500', []), async (q) => {
    // The scenario forces the provider's network backend (a mocked NEF) to fail: nothing a
    // client can do from outside makes a healthy endpoint answer 500.
    q.ctx.skip("not reproducible from outside: the scenario needs the provider's network backend forced to fail");
  });

  check(
    scenario('QoDInvalidCreateSessionpayload', 'a create with an empty qosProfile is 400', 'QoD 0.10.1 CreateSession.qosProfile minLength 3', [
      ...ERRORS,
      'schema.createSession.request./qosProfile.minLength',
    ]),
    async (q) => {
      const device = await q.device();
      const res = await postSession(q, await validCreateBody(q, device, { qosProfile: '' }));
      q.expectError(res, { status: 400, codes: ['INVALID_ARGUMENT', 'OUT_OF_RANGE'], rule: 'QoDInvalidCreateSessionpayload' });
    },
  );
});
