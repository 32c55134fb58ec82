// Read-back of every field: ONE session created with every optional field the version allows is
// read back by getSession, extendQosSessionDuration and retrieveSessionsByDevice. Each answer is
// validated against the spec (so every SessionInfo field's schema rules are exercised) and must show
// the session as it was created (the one property-echo rule, checkSessionAsCreated).
import { hasExtend } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { Qod } from '../../src/suite/harness.js';
import { availableSession, checkSessionAsCreated } from '../../src/suite/lifecycle-checks.js';
import { adviseCredentialEcho, fullPorts, fullSink, richestDevice } from '../../src/suite/read-back.js';
import { durationLimits, extendSession, getSession, retrieveSessions, type Json, type SessionView } from '../../src/suite/sessions.js';

const RULE = 'SessionInfo: a session reads back with the properties it was created with (getSession, extendQosSessionDuration, retrieveSessionsByDevice)';
const LABEL = 'read-back of a session created with every optional field';
/** The extension asked for: short, and never past the profile's maxDuration. */
const PREFERRED_EXTENSION_S = 10;

async function extension(q: Qod, body: Json): Promise<number> {
  const duration = typeof body.duration === 'number' ? body.duration : 0;
  const { max } = await durationLimits(q, String(body.qosProfile));
  return Math.min(PREFERRED_EXTENSION_S, (max ?? Number.POSITIVE_INFINITY) - duration);
}

group('read-back of every field', () => {
  check(
    {
      id: 'lifecycle.read-back-every-field',
      title:
        'a session created with every optional field (device, both server addresses, port ranges and ports, sink and credential) reads back as created in getSession, extendQosSessionDuration and retrieveSessionsByDevice',
      area: 'lifecycle',
      operation: 'getSession',
      cites: RULE,
      rules: ['lifecycle.read-back-as-created'],
      appliesTo: hasExtend,
      concurrent: true,
      sameVerdictAs: ['quality_on_demand_getSession_01_get_existing_session'],
    },
    async (q: Qod) => {
      const device = await richestDevice(q);
      const { id, body } = await availableSession(q, { ...fullPorts(), ...fullSink(q) }, { device });

      const got = await getSession(q, id);
      q.expectStatus(got, 200, q.cite('getSession: an existing session reads back (200)'));
      await checkSessionAsCreated(q, got.json as SessionView, body, got, `${LABEL} (getSession)`);
      await adviseCredentialEcho(q, 'getSession', got.json as Json);

      const add = await extension(q, body);
      if (add >= 1) {
        const extended = await extendSession(q, id, { requestedAdditionalDuration: add });
        q.expectStatus(extended, 200, q.cite('extendQosSessionDuration: an AVAILABLE session is extended (200)'));
        await checkSessionAsCreated(q, extended.json as SessionView, body, extended, `${LABEL} (extendQosSessionDuration)`);
        await adviseCredentialEcho(q, 'extendQosSessionDuration', extended.json as Json);
      } else {
        await q.ctx.annotate(`extendQosSessionDuration not read back: the session already has the profile's maxDuration (${String(body.duration)} s)`, 'qod:info');
      }

      if (!q.rules.hasRetrieveSessions) return;
      const listed = await retrieveSessions(q, { device });
      q.expectStatus(listed, 200, q.cite('retrieveSessionsByDevice: the sessions of a device (200)'));
      const list = Array.isArray(listed.json) ? (listed.json as SessionView[]) : [];
      const view = list.find((s) => s[q.rules.sessionIdField] === id);
      q.check(view !== undefined, 'retrieveSessionsByDevice does not list the session of the device', {
        rule: q.cite('retrieveSessionsByDevice 200: the sessions of the device'),
        expected: `a session with ${q.rules.sessionIdField} ${id}`,
        actual: `${list.length} sessions: ${JSON.stringify(list.map((s) => s[q.rules.sessionIdField]))}`,
      });
      await checkSessionAsCreated(q, view, body, listed, `${LABEL} (retrieveSessionsByDevice)`);
      await adviseCredentialEcho(q, 'retrieveSessionsByDevice', view);
    },
  );
});
