// QoD 0.8.1: base /qod/v0; create / get / delete only; {code, message} errors with the 0.8.1 codes
// (INVALID_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT: the error table in
// versions/rules.ts); client-credentials security without scopes; plain JSON callbacks.
import { createSession081, getSession081 } from '../handlers/legacy-0.8.1.js';
import { LegacyNotifier } from './legacy-notifier.js';
import type { VersionStrategy } from './types.js';

export const v0_8_1: VersionStrategy = {
  apiVersion: '0.8.1',
  qodBasePath: '/qod/v0',
  // No QoS Profiles API in 0.8.1 (the spec has no profile operations, so nothing is routed here).
  profilesBasePath: '/qod/v0',
  eventType: '',
  usableCredentialTypes: [],
  unusableCredentialCode: 'INVALID_INPUT',
  handlers: { createSession: createSession081, getSession: getSession081 },
  createNotifier: (options) => new LegacyNotifier(options),
};
