// Loaded by vitest before every suite file: after the file, close pooled connections, so that
// keep-alive sockets do not hold the worker open at the end of the run.
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll } from 'vitest';
import { closeHarnessClients } from './harness.js';

// Requests on undici's global dispatcher (loopback helpers) must not keep idle sockets open long.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 200, keepAliveMaxTimeout: 200 }));

afterAll(async () => {
  await closeHarnessClients();
});
