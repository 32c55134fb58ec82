// QoD 0.10.1: base /qod/v0 for sessions and profiles, `webhook` callbacks as CloudEvents of type
// org.camaraproject.qod.v0.qos-status-changed (bearer = notificationAuthToken), epoch-second
// times, extend with the 86400 s remaining-time cap, GET /qos-profiles. Client-credentials tokens
// carry no scopes; the 3-legged flow needs the qod-sessions-* scopes.
import { permissionDenied } from '../errors.js';
import { createSession010, extendSession010, getQosProfile010, getQosProfiles010, getSession010 } from '../handlers/sessions-0.10.1.js';
import type { VersionStrategy } from './types.js';

/** 0.10.1 3-legged scopes, and the current scope names that grant the same (fixture tokens use those). */
const SCOPE_ALIASES: Record<string, readonly string[]> = {
  'qod-sessions-write': ['quality-on-demand:sessions:create', 'quality-on-demand:sessions:update'],
  'qod-sessions-read': ['quality-on-demand:sessions:read'],
  'qod-sessions-delete': ['quality-on-demand:sessions:delete'],
  'qod-profiles-read': ['qos-profiles:read'],
};

export const v0_10_1: VersionStrategy = {
  apiVersion: '0.10.1',
  qodBasePath: '/qod/v0',
  profilesBasePath: '/qod/v0',
  eventType: 'org.camaraproject.qod.v0.qos-status-changed',
  usableCredentialTypes: ['ACCESSTOKEN'],
  unusableCredentialCode: 'INVALID_ARGUMENT',
  handlers: {
    createSession: createSession010,
    getSession: getSession010,
    extendQosSessionDuration: extendSession010,
    getQosProfiles: getQosProfiles010,
    getQosProfile: getQosProfile010,
  },
  // Security is "oAuth2ClientCredentials (no scopes) OR threeLegged (scopes)": a client-credentials
  // token satisfies the first requirement; a 3-legged token needs the operation's scope.
  checkScopes(ctx, caller, operation) {
    if (caller.deviceId === undefined || ctx.faults.has('missing-scope-accepted') || ctx.faults.has('v010-three-legged-scope-unchecked')) return;
    const missing = operation.scopes.filter((s) => !caller.scopes.has(s) && !(SCOPE_ALIASES[s] ?? []).some((a) => caller.scopes.has(a)));
    if (missing.length > 0) throw permissionDenied(`The access token lacks the scope ${missing.join(', ')} required by this operation.`);
  },
};
