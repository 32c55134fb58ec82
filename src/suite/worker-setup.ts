// Loaded by vitest before every suite file: after the file, close pooled connections, so that
// keep-alive sockets do not hold the worker open at the end of the run.
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll } from 'vitest';
import { coordinatorOf } from '../coordination/client.js';
import { takeUnreportedRequests } from '../http/client.js';
import { closeHarnessClients, runConfig } from './harness.js';

// Requests on undici's global dispatcher (loopback helpers) must not keep idle sockets open long.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 200, keepAliveMaxTimeout: 200 }));

// Ctrl-C in a terminal reaches the whole process group, this worker included. The CLI process
// handles it (cancels the run: running checks end and delete their sessions, then it sweeps);
// the worker must not die on the spot in the middle of a check.
if (process.listenerCount('SIGINT') === 0) process.on('SIGINT', () => {});

afterAll(async () => {
  // Every request on the wire counts toward the run's cost, also those no check's figures hold: a
  // shared session's create and delete, cleanups, 429 and stale-socket retries.
  const coordinator = coordinatorOf(runConfig());
  const sent = coordinator ? takeUnreportedRequests() : 0;
  if (coordinator && sent > 0) await coordinator.countRequests(sent).catch(() => undefined);
  await closeHarnessClients();
});
