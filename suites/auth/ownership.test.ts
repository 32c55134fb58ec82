// Ownership beyond the official 403.2 scenarios: a session is visible to the API client that
// created it only. Another client's token, and a 3-legged token of another device, are refused on
// every operation that names the session (get, extend, delete) and do not find it through
// retrieve-sessions; the refusals change nothing and show none of the session's data. One
// session per test: every operation is tried on it, and each failure is reported.
import { ownSessionsOnly } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { DeviceId } from '../../src/config/types.js';
import type { ApiResponse } from '../../src/http/client.js';
import { allChecks, leakedValues, sessionValues } from '../../src/suite/auth-requests.js';
import type { Qod } from '../../src/suite/harness.js';
import { expectForeignSessionRefused, expectSessionUnchanged, sessionBefore } from '../../src/suite/lifecycle-checks.js';
import { deleteSession, extendSession, getSession, retrieveSessions, sessionIdOf } from '../../src/suite/sessions.js';
import { sharedSession, type SharedSession } from '../../src/suite/shared-session.js';

const OPERATIONS = 'getSession, extendQosSessionDuration, deleteSession, retrieveSessionsByDevice';
/** What every ownership check judges besides its own rule: the refusal's error body, and that it changes nothing. */
const REFUSALS = ['errors.errorinfo-body', 'errors.code-per-status', 'errors.documented-status', 'lifecycle.refused-changes-nothing'];

type Values = ReturnType<typeof sessionValues>;

/** Refused (expectForeignSessionRefused: 403, or 404 noted) and nothing of the session shown. */
async function expectRefused(q: Qod, op: string, res: ApiResponse, rule: string, values: Values, whose: string, threeLegged: boolean): Promise<void> {
  await expectForeignSessionRefused(q, op, res, rule, whose, threeLegged);
  expectNoLeak(q, op, res, rule, values, { sessionId: true, device: false });
}

function expectNoLeak(q: Qod, op: string, res: ApiResponse, rule: string, values: Values, callerSent: { sessionId: boolean; device: boolean }): void {
  const leaked = leakedValues(res, values, callerSent);
  q.check(leaked.length === 0, `${op}: the answer shows data of a session the caller may not see`, {
    rule,
    expected: "none of the session's id, device identifiers or application server addresses (beyond what the caller sent itself)",
    actual: `found ${leaked.map((v) => JSON.stringify(v)).join(', ')} in: ${res.text.slice(0, 300)}`,
  });
}

function ownershipRule(q: Qod, op: string, threeLegged: boolean): string {
  return threeLegged
    ? q.cite(`${op} description NOTES: with a 3-legged access token, the end user (device) of the session must also be the one of the access token`)
    : q.cite(`${op} description NOTES: the session must have been created by the same API client (consumer) given in the access token`);
}

/** On the session both checks share (src/suite/shared-session.ts): every request here must be refused. */
async function ownershipChecks(q: Qod, shared: SharedSession, caller: { token: string; threeLegged: boolean; retrieveBody: (device: DeviceId) => unknown }): Promise<void> {
  const { id, session, body } = await shared.use(q);
  const device = body[q.rules.deviceField] as DeviceId;
  const values = sessionValues(q, session, { device });
  const ops = (await q.validators()).spec.operations;
  const steps: Array<{ label: string; run: () => Promise<void> }> = [];
  const rule = (op: string) => ownershipRule(q, op, caller.threeLegged);
  const whose = caller.threeLegged ? 'a session of another device to a 3-legged token' : 'a session of another API client';

  if (ops.getSession) {
    steps.push({ label: 'getSession', run: async () => expectRefused(q, 'getSession', await getSession(q, id, caller.token), rule('getSession'), values, whose, caller.threeLegged) });
  }
  if (ops.retrieveSessionsByDevice) {
    steps.push({
      label: 'retrieveSessionsByDevice',
      run: async () => {
        const r = rule('retrieveSessionsByDevice');
        const res = await retrieveSessions(q, caller.retrieveBody(device), caller.token);
        if (res.status === 200 && Array.isArray(res.json)) {
          const listed = (res.json as unknown[]).some((s) => sessionIdOf(q, s) === id);
          q.check(!listed, `retrieveSessionsByDevice lists ${whose}`, {
            rule: r,
            expected: "only the caller's own sessions (here: not the session created with the default token)",
            actual: `the list holds session ${id}`,
          });
        }
        expectNoLeak(q, 'retrieveSessionsByDevice', res, r, { ...values, device: [], applicationServer: [] }, { sessionId: false, device: true });
      },
    });
  }
  if (ops.extendQosSessionDuration) {
    steps.push({
      label: 'extendQosSessionDuration',
      run: async () => {
        const r = rule('extendQosSessionDuration');
        const before = await sessionBefore(q, id);
        await expectRefused(q, 'extendQosSessionDuration', await extendSession(q, id, { requestedAdditionalDuration: 60 }, caller.token), r, values, whose, caller.threeLegged);
        await expectSessionUnchanged(q, id, before, `${r} (extendQosSessionDuration by a caller that may not changes nothing)`);
      },
    });
  }
  if (ops.deleteSession) {
    steps.push({
      label: 'deleteSession',
      run: async () => {
        const r = rule('deleteSession');
        const before = await sessionBefore(q, id);
        await expectRefused(q, 'deleteSession', await deleteSession(q, id, caller.token), r, values, whose, caller.threeLegged);
        await expectSessionUnchanged(q, id, before, `${r} (deleteSession by a caller that may not deletes nothing)`);
      },
    });
  }
  await allChecks(steps, (failed, total) => `${failed.length} of ${total} operations broke the ownership rule: ${failed.join(', ')}`);
}

group('auth: sessions are visible to their owner only', () => {
  const shared = sharedSession();

  check(
    {
      id: 'auth.owner-only.other-client',
      title: "auth: another API client's token is refused the session (get, extend, delete), does not find it (retrieve-sessions) and sees none of its data",
      area: 'auth',
      operation: OPERATIONS,
      cites: 'ownership: the session must have been created by the same API client given in the access token',
      rules: ['auth.other-client-session', ...REFUSALS],
      appliesTo: ownSessionsOnly,
    },
    async (q) => {
      const token = q.need('tokens.secondClient', q.operator.tokens.secondClient);
      await ownershipChecks(q, shared, { token, threeLegged: false, retrieveBody: (device) => ({ device }) });
    },
  );

  check(
    {
      id: 'auth.owner-only.three-legged-other-device',
      title: 'auth: a 3-legged token of another device is refused the session (get, extend, delete), does not find it (retrieve-sessions) and sees none of its data',
      area: 'auth',
      operation: OPERATIONS,
      cites: 'ownership: with a 3-legged token the device of the session must be the token’s',
      rules: ['auth.three-legged-other-device', ...REFUSALS],
      appliesTo: ownSessionsOnly,
    },
    async (q) => {
      const token = q.need('tokens.threeLegged', q.operator.tokens.threeLegged);
      const tokenDevice = q.need('threeLeggedDevice', q.operator.threeLeggedDevice);
      const pool = [q.operator.devices.known, ...(q.operator.devices.pool ?? [])].map((d) => JSON.stringify(d));
      if (pool.includes(JSON.stringify(tokenDevice))) q.ctx.skip('needs operator data: threeLeggedDevice different from devices.known and devices.pool');
      // With a 3-legged token the device comes from the token: none in the body.
      await ownershipChecks(q, shared, { token, threeLegged: true, retrieveBody: () => ({}) });
    },
  );
});
