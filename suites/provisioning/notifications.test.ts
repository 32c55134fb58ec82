// QoS Provisioning notifications: the event scenarios of the create feature file (02 at r2.2;
// 02_1 and 02_2 from r3.2) and of the revoke feature file (03 sync, 04 async), for the run's release.
import { provisioning } from '../../src/checks/applies.js';
import { check, group } from '../../src/checks/declare.js';
import type { SinkRecord } from '../../src/evidence/types.js';
import { awaitCallbacks } from '../../src/suite/callbacks.js';
import { watchedSink } from '../../src/suite/create-cases.js';
import { runConfig, type Qod } from '../../src/suite/harness.js';
import {
  assignmentBody,
  createAssignment,
  noteProvisioningConflict,
  prov,
  provisioningOf,
  readAssignment,
  revokeAndJudge,
  scenarioIdOf,
  untilSettled,
  type AssignmentView,
  type Published,
} from '../../src/suite/provisioning.js';
import { provisioningScenario } from '../../src/suite/provisioning-common.js';
import { expectAssignmentEvent } from '../../src/suite/provisioning-events.js';
import type { ProvisioningRules } from '../../src/versions/provisioning-rules.js';

/** Two events per check at most (the outcome, the revoke) within the notification timeout. */
const COST = { notificationWaits: 3 } as const;

const EVENT_RULES = ['provisioning.event-type', 'provisioning.event-data', 'provisioning.sink-credential-bearer'];

/** The disagreements of the r2.2 event scenarios with their spec (C6, C7), recorded where they apply. */
async function noteR22Wording(q: Qod): Promise<void> {
  if (prov(q).release !== 'r2.2') return;
  await noteProvisioningConflict(q, 7, 'the scenario writes the credential as $.sinkCredentials.* (plural); the spec property sinkCredential is sent.');
  await noteProvisioningConflict(
    q,
    6,
    'the scenario expects Authorization "Bearer: <token>" (with a colon); the spec\'s notificationsBearerAuth is HTTP bearer, "Bearer <token>" (RFC 6750), which is judged.',
  );
}

function declare(p: ProvisioningRules): void {
  const create = p.operations.create;
  const revoke = p.operations.revoke;

  /** An assignment created with a sink this check watches, and an ACCESSTOKEN credential unless `credential` is false. */
  const watched = async (q: Qod, rule: string, credential = true) => {
    const sink = watchedSink(q);
    const body = assignmentBody(q, await q.device(), credential ? { sink: sink.url, sinkCredential: sink.credential } : { sink: sink.url });
    const created = await createAssignment(q, body, rule);
    return { ...created, body, sink };
  };

  /** The first event at the sink: the outcome of the create (AVAILABLE, or UNAVAILABLE when it cannot be fulfilled). */
  const outcomeEvent = async (q: Qod, scenarioId: string, credential = true) => {
    const made = await watched(q, scenarioId, credential);
    const view = await untilSettled(q, made.id, made.view);
    const rule = `${scenarioId}; ${q.cite(`${create}: with a sink, an event with the outcome follows, also after a synchronous completion`)}`;
    const records = await awaitCallbacks(q, made.sink.path, (r) => r.length >= 1, { description: `status-changed event for ${p.idField} ${made.id}`, rule });
    const status = view.status === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'AVAILABLE';
    const token = credential ? made.sink.token : null;
    await expectAssignmentEvent(q, records[0]!, { id: made.id, status, statusInfo: status === 'AVAILABLE' ? null : undefined, token, rule, label: `${status} event` });
    return { ...made, records };
  };

  const eventScenario = (tail: string, title: string, published: Published) =>
    ({
      ...provisioningScenario(p, 'create', tail, title, `${create} callbacks.notifications`, 'notifications', ['provisioning.outcome-event', ...EVENT_RULES], published),
      cost: COST,
    }) as const;

  group(`${create}: notifications`, () => {
    check(eventScenario('02_event_notification', 'with sink and an ACCESSTOKEN credential: 201, then the outcome event, authenticated', 'r2.2'), async (q: Qod) => {
      await noteR22Wording(q);
      await outcomeEvent(q, scenarioIdOf(p, 'create', '02_event_notification', 'r2.2'));
    });

    check(
      provisioningScenario(
        p,
        'create',
        '02_1_sinkcredential_provided',
        'with sink and an ACCESSTOKEN credential: 201',
        `${create} 201`,
        'notifications',
        ['provisioning.create-201-assignment-info'],
        'r3.2+',
      ),
      async (q: Qod) => {
        await watched(q, scenarioIdOf(p, 'create', '02_1_sinkcredential_provided', 'r3.2+'));
      },
    );

    check(eventScenario('02_2_event_notification_sent', 'the outcome event: CloudEvent of the API, its assignment and status, Bearer credential', 'r3.2+'), async (q: Qod) => {
      await outcomeEvent(q, scenarioIdOf(p, 'create', '02_2_event_notification_sent', 'r3.2+'));
    });

    // No scenario sends a sink without a credential: the events then carry no Authorization header.
    check(
      {
        id: `${create}.event-without-credential`,
        title: 'with a sink and no sinkCredential: the outcome event, without an Authorization header',
        operation: create,
        area: 'notifications',
        cites: `${create} callbacks.notifications: Authorization: Bearer <sinkCredential.accessToken>, so none without a sinkCredential`,
        rules: ['provisioning.no-authorization-without-credential', 'provisioning.outcome-event', 'provisioning.event-type', 'provisioning.event-data'],
        appliesTo: provisioning(() => true),
        cost: COST,
      },
      async (q: Qod) => {
        await outcomeEvent(q, q.cite(`${create}: a sink given without sinkCredential is called without credentials`), false);
      },
    );
  });

  /**
   * 03 is written for a synchronous revoke (204), 04 for an asynchronous one (202): both revoke an
   * AVAILABLE assignment that has a sink and require the UNAVAILABLE + DELETE_REQUESTED event once
   * the deletion is done, whichever answer the endpoint chose.
   */
  const revokeEvent = (tail: string, expected: 204 | 202) => async (q: Qod) => {
    await noteR22Wording(q);
    const scenarioId = scenarioIdOf(p, 'revoke', tail);
    const made = await outcomeEvent(q, scenarioId);
    if ((made.records[0] && statusOf(made.records[0])) !== 'AVAILABLE') q.ctx.skip('cannot check: the assignment did not become AVAILABLE (no deletion event is due for an UNAVAILABLE one)');
    // The network may have ended it meanwhile (NETWORK_TERMINATED): no deletion event is due for an UNAVAILABLE one.
    const now = await readAssignment(q, made.id);
    if ((now.json as AssignmentView | undefined)?.status !== 'AVAILABLE') q.ctx.skip('cannot check: the assignment is no longer AVAILABLE (the network ended it), so no deletion event is due');
    const before = (await q.waitCallbacks(made.sink.path, () => true, 0)).records.length;
    const res = await revokeAndJudge(q, made.id, made.body, scenarioId);
    if (res.status !== expected) {
      await q.noteStandard(
        `${scenarioId} is written for a ${expected === 204 ? 'synchronous (204)' : 'asynchronous (202)'} revoke; this endpoint answered ${res.status}: the deletion event is required all the same.`,
      );
    }
    const rule = `${scenarioId}; ${q.cite(`${revoke}: revoking an AVAILABLE assignment with a sink sends an event with status UNAVAILABLE and statusInfo DELETE_REQUESTED`)}`;
    const records = await awaitCallbacks(q, made.sink.path, (r) => r.length > before, { description: `deletion event for ${p.idField} ${made.id}`, rule });
    await expectAssignmentEvent(q, records[before]!, { id: made.id, status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED', token: made.sink.token, rule, label: 'deletion event' });
  };

  group(`${revoke}: notifications`, () => {
    check(
      {
        ...provisioningScenario(p, 'revoke', '03_event_notification_sync', 'revoking an AVAILABLE assignment with a sink: the UNAVAILABLE + DELETE_REQUESTED event', `${revoke} 204`, 'notifications', [
          'provisioning.revoke-event',
          'provisioning.revoke-204-gone',
          'provisioning.revoke-202-delete-requested',
          ...EVENT_RULES,
        ]),
        cost: COST,
      },
      revokeEvent('03_event_notification_sync', 204),
    );
    check(
      {
        ...provisioningScenario(p, 'revoke', '04_event_notification_async', 'an asynchronous revoke: 202, then the UNAVAILABLE + DELETE_REQUESTED event', `${revoke} 202`, 'notifications', [
          'provisioning.revoke-event',
          'provisioning.revoke-204-gone',
          'provisioning.revoke-202-delete-requested',
          ...EVENT_RULES,
        ]),
        cost: COST,
      },
      revokeEvent('04_event_notification_async', 202),
    );
  });
}

/** data.status of an event record (undefined when it has none). */
function statusOf(record: SinkRecord): unknown {
  try {
    return ((JSON.parse(record.body) as { data?: { status?: unknown } }).data ?? {}).status;
  } catch {
    return undefined;
  }
}

// Declared last: the constants above are initialised by then.
const provisioningRules = provisioningOf(runConfig().apiVersion);
if (provisioningRules) declare(provisioningRules);
