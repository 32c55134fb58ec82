// Loaded by vitest before every suite file: after the file, close pooled connections, so that
// keep-alive sockets do not hold the worker open at the end of the run.
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll } from 'vitest';
import { closeHarnessClients } from './harness.js';

// Requests on undici's global dispatcher (loopback helpers) must not keep idle sockets open long.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 200, keepAliveMaxTimeout: 200 }));

// Ctrl-C in a terminal reaches the whole process group, this worker included. The CLI process
// handles it (cancels the run: running checks end and delete their sessions, then it sweeps);
// the worker must not die on the spot in the middle of a check.
if (process.listenerCount('SIGINT') === 0) process.on('SIGINT', () => {});

afterAll(async () => {
  await closeHarnessClients();
});
