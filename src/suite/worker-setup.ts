// Loaded by vitest before every suite file: after the file, close pooled connections, so that
// keep-alive sockets do not hold the worker open at the end of the run.
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll } from 'vitest';
import { coordinatorOf } from '../coordination/client.js';
import { wireRequestCount } from '../http/client.js';
import { closeHarnessClients, runConfig } from './harness.js';

// Requests on undici's global dispatcher (loopback helpers) must not keep idle sockets open long.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 200, keepAliveMaxTimeout: 200 }));

// Ctrl-C in a terminal reaches the whole process group, this worker included. The CLI process
// handles it (cancels the run: running checks end and delete their sessions, then it sweeps);
// the worker must not die on the spot in the middle of a check.
if (process.listenerCount('SIGINT') === 0) process.on('SIGINT', () => {});

// Requests of this worker already added to the run's count (one module graph per worker: it
// persists from file to file).
let reported = 0;

afterAll(async () => {
  // Every request on the wire counts toward the run's cost, also those no check's figures hold: a
  // shared session's create and delete, cleanups, 429 and stale-socket retries.
  const sent = wireRequestCount();
  const coordinator = coordinatorOf(runConfig());
  if (coordinator && sent > reported) {
    await coordinator.countRequests(sent - reported).catch(() => undefined);
    reported = sent;
  }
  await closeHarnessClients();
});
