// One rule for a qosProfile that names no profile (pattern- and length-valid): createSession
// refuses it with 400 INVALID_ARGUMENT (scenario 400.8) or 404 NOT_FOUND (documented, advisory);
// it must never create a session. A name is the profile's only if it reads back exactly.
import { translateErrorExpectation } from '../versions/rules.js';
import { violationsOf } from './boundary-cases.js';
import { noteConflict, sendCreate } from './create-cases.js';
import type { Qod } from './harness.js';
import { deleteCreated } from './property-cases.js';
import { readProfile, sessionIdOf, validCreateBody } from './sessions.js';

/** The profile `name` exists: getQosProfile answers a profile with exactly that name (not one matched another way). */
export async function profileExists(q: Qod, name: string): Promise<boolean> {
  return (await readProfile(q, name))?.name === name;
}

/** createSession with qosProfile `name` (no profile has it) is refused as unknown; `rule` names what makes the name unknown. */
export async function expectUnknownProfile(q: Qod, name: string, rule?: string): Promise<void> {
  const device = await q.device();
  const body = await validCreateBody(q, device, { qosProfile: name });
  if ((await violationsOf(q, body)).length > 0) throw new Error(`test bug: qosProfile ${JSON.stringify(name.slice(0, 40))} (length ${name.length}) breaks the schema`);
  await noteConflict(
    q,
    5,
    'followed the spec: it names no code for an unknown profile; 400 INVALID_ARGUMENT (scenario 400.8) passes, and 404 NOT_FOUND (documented for createSession) passes with an advisory.',
  );
  const res = await sendCreate(q, body);
  const cited = [rule, `@quality_on_demand_createSession_400.8_non_existent_qos_profile; ${q.cite('createSession responses.400 INVALID_ARGUMENT / responses.404 NOT_FOUND')}`]
    .filter(Boolean)
    .join('; ');
  if (res.status === 201 && (await profileExists(q, name))) {
    const id = sessionIdOf(q, res.json);
    if (id) await deleteCreated(q, id);
    return; // the name exists after all
  }
  if (res.status === 404) {
    q.expectError(res, { status: 404, codes: ['NOT_FOUND'], rule: cited });
    await q.advise({
      title: 'unknown qosProfile answered 404 NOT_FOUND instead of 400 INVALID_ARGUMENT',
      whyItMatters: 'the official scenario 400.8 expects 400 INVALID_ARGUMENT; clients written against it will not recognise the 404',
      detail: `createSession with a ${name.length}-character qosProfile that does not exist gave 404 NOT_FOUND; the spec names no dedicated code`,
    });
    return;
  }
  const exp = translateErrorExpectation(q.version, { status: 400, codes: ['INVALID_ARGUMENT'] });
  q.expectError(res, { status: 400, codes: exp.codes, rule: cited });
}
